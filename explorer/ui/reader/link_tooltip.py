"""What hovering a link in the reader shows: the source's reference, the organisation or the
glossary definition (the same reference as the source card and the briefing pack: one formatter)."""

from __future__ import annotations

import html

from explorer.errors import LibraryError
from explorer.formats.references import harvard_html
from explorer.library.store import Library
from explorer.model.location import BadLocation, Location


def link_tooltip(library: Library, target: str) -> str:
    """Rich text for a link's tooltip; "" for a link with nothing to preview or a broken one."""
    try:
        place = Location.parse(target)
        if place.kind == "source":
            return f"{harvard_html(library.source(place.key))}<br><small>Click to open the source.</small>"
        if place.kind == "stakeholder":
            holder = library.stakeholder(place.key)
            return f"<b>{html.escape(holder.name)}</b><br>{html.escape(holder.summary)}"
        if place.kind == "glossary":
            for entry in library.glossary():
                if entry.term == place.key:
                    head = f"{entry.term} ({entry.expansion})" if entry.expansion else entry.term
                    return f"<b>{html.escape(head)}</b><br>{html.escape(entry.definition)}"
        if place.kind == "web":
            return html.escape(target)
    except (LibraryError, BadLocation):
        return ""
    return ""
