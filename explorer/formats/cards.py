"""The card of a source and of an organisation: what the app's card panes show and a briefing pack prints.

One builder per entity, so the facts, their order and their wording are the same on screen and on
paper. `paper=True` selects what paper needs instead of the screen's: no links (a printed reader
cannot follow them) and sections named by their number (§6.3), as the pack labels its paragraphs.
The HTML is in Qt's rich-text subset and styled only by classes (`table.facts`, `td.label`,
`p.ref`, `.muted`): the app (`card_css`) and the pack bring their own colours.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from explorer.errors import LibraryError
from explorer.formats import references
from explorer.library.store import Library, LinkRecord, SectionRef, SourceRecord, StakeholderRecord
from explorer.model.location import WEB_SCHEMES, Location
from explorer.model.vocabulary import SECTOR_LABELS, phases_text

NOT_CITED = "Not cited in the report."
NOT_MENTIONED = "Not mentioned in the report."
NO_LINKS = "None recorded."
UNREADABLE = "The library could not be read."


@dataclass(frozen=True)
class Card:
    """A card's HTML and the locations it links to, in order (none on paper): a view maps the
    links Qt hands back as URLs to exactly these."""

    html: str
    links: tuple[str, ...] = ()


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def type_label(kind: str) -> str:
    """A source type id as shown: 'working-paper' -> 'Working paper'."""
    return kind.replace("-", " ").capitalize()


def section_label(section: SectionRef, number: str = "") -> str:
    """A section as a card names it: 'Opening chapter › Places and mobility' (the chapter alone for
    its opening section), or with its number on paper: '§1.2 Places and mobility'. A section of the
    summary says so."""
    if number:
        label = f"§{number} {section.title}"
    elif section.level == 1 or section.title == section.chapter_title:
        label = section.chapter_title
    else:
        label = f"{section.chapter_title} › {section.title}"
    return f"{label} (summary)" if section.document == "summary" else label


def card_css(colours: dict[str, str]) -> str:
    """The app's style sheet for a card, in the theme's colours ('fg', 'link', 'muted', 'accent')."""
    return (f"body {{ color: {colours['fg']}; }} a {{ color: {colours['link']}; text-decoration: none; }} "
            f"h2 {{ color: {colours['accent']}; font-size: large; margin-bottom: 4px; }} "
            f"h3 {{ font-size: medium; margin-top: 12px; margin-bottom: 2px; }} "
            f".muted, td.label {{ color: {colours['muted']}; }} td.label {{ padding-right: 10px; }} "
            f"p.ref {{ margin-top: 4px; margin-bottom: 8px; }} ul {{ margin-left: 0px; -qt-list-indent: 1; }}")


class _Writer:
    """Writes one card's parts, with links on screen and plain text on paper, and keeps the links."""

    def __init__(self, library: Library, paper: bool) -> None:
        self.library = library
        self.paper = paper
        self.links: list[str] = []

    def link(self, location: str, text: str) -> str:
        if self.paper:
            return _e(text)
        self.links.append(location)
        return f'<a href="{html.escape(location)}">{_e(text)}</a>'

    def address(self, url: str) -> str:
        url = url.strip()
        return self.link(url, url) if url.startswith(WEB_SCHEMES) else _e(url)

    def facts(self, rows: list[tuple[str, str]]) -> str:
        """A table of label and value (the value already HTML); rows without a value are left out."""
        cells = "".join(f'<tr><td class="label" valign="top">{_e(label)}</td><td>{value}</td></tr>'
                        for label, value in rows if value)
        return f'<table class="facts" cellspacing="0" cellpadding="2">{cells}</table>'

    def sections(self, title: str, refs: list[SectionRef] | None, empty: str) -> str:
        """A list of sections under a heading with their count; `refs` None: the library failed."""
        if refs is None:
            return f'<h3>{_e(title)}</h3><p class="muted">{UNREADABLE}</p>'
        items = [self.link(ref.id, section_label(ref, self._number(ref))) for ref in refs]
        return block(title, items, empty)

    def _number(self, ref: SectionRef) -> str:
        return self.library.section(ref.id).number if self.paper else ""


def block(title: str, items: list[str], empty: str) -> str:
    """A heading with the count of its items, then the items (HTML) as a list, or `empty` muted."""
    body = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items \
        else f'<p class="muted">{_e(empty)}</p>'
    return f"<h3>{_e(title)} ({len(items)})</h3>{body}"


def source_card(library: Library, source: SourceRecord, *, paper: bool = False) -> Card:
    """The card of one source: title, Harvard reference, facts, our summary, where it is cited.

    A library that cannot be read for the citing sections is said on the card, not raised.
    """
    out = _Writer(library, paper)
    try:
        citing: list[SectionRef] | None = library.citing_sections(source.key)
    except LibraryError:
        citing = None
    facts = out.facts([
        ("Type", _e(type_label(source.type))), ("Organisation", _e(source.organisation)),
        ("Year", str(source.year) if source.year else "n.d."), ("Phases", _e(phases_text(source.phases))),
        ("Topics", _e(", ".join(source.topics))), ("Address", out.address(source.url)),
        ("Accessed", _e(references.accessed_text(source.accessed)) if source.accessed.strip() else "")])
    return Card(f"<h2>{_e(source.title)}</h2>"
                f'<p class="ref">{references.harvard_html(source)}</p>{facts}'
                f"<h3>Our summary</h3><p>{_e(source.summary)}</p>"
                + out.sections("Cited in", citing, NOT_CITED), tuple(out.links))


def organisation_card(library: Library, holder: StakeholderRecord, *, paper: bool = False) -> Card:
    """The card of one organisation: name, facts, our summary, its links out and in, where it is
    mentioned.

    Raises:
        LibraryError: the library could not be read.
    """
    out = _Writer(library, paper)
    names = {h.key: h.name for h in library.stakeholders()}

    def organisation(key: str) -> str:
        return _e(holder.name) if key == holder.key else \
            out.link(str(Location("stakeholder", key)), names.get(key, key))

    def sentence(link: LinkRecord) -> str:
        text = f"{organisation(link.from_key)} {_e(link.kind.replace('-', ' '))} {organisation(link.to_key)}"
        if link.note:
            text += f" — {_e(link.note)}"
        if link.source_key:
            try:
                label = library.source(link.source_key).label
            except LibraryError:
                return text
            text += f" ({out.link(str(Location('source', link.source_key)), label)})"
        return text

    aliases = f" ({', '.join(holder.aliases)})" if holder.aliases else ""
    region = holder.region.capitalize() if holder.region.islower() else holder.region
    facts = out.facts([
        ("Sector", _e(SECTOR_LABELS.get(holder.sector, holder.sector))), ("Phases", _e(phases_text(holder.phases))),
        ("Region", _e(region)), ("Founded", str(holder.founded) if holder.founded else ""),
        ("Website", out.address(holder.url))])
    links = library.links(holder.key)
    summary = f"<h3>Our summary</h3><p>{_e(holder.summary)}</p>"
    links_out = block("Links out", [sentence(k) for k in links if k.from_key == holder.key], NO_LINKS)
    links_in = block("Links in", [sentence(k) for k in links
                                  if k.to_key == holder.key and k.from_key != holder.key], NO_LINKS)
    mentioned = out.sections("Mentioned in", library.mentioning_sections(holder.key), NOT_MENTIONED)
    return Card(f"<h2>{_e(holder.name + aliases)}</h2>{facts}{summary}{links_out}{links_in}{mentioned}",
                tuple(out.links))
