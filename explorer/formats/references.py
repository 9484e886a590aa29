"""Reference-list entries for a source: Harvard (Cite Them Right) and APA 7, as plain text or HTML.

Authors are read the way the content pack writes them: a person is "Surname, Given names" (one
comma), an organisation is its name with no comma. A source with no authors is credited to its
organisation. We write these by hand rather than through citeproc-py and CSL files: our records
carry only title, authors, organisation, year, URL and access date, so the two styles come down to
a few rules, and the app stays free of another dependency and its style files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

from explorer.library.store import SourceRecord

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_APA_MAX_AUTHORS = 20          # APA 7: list up to 20; from 21, the first 19, an ellipsis, the last
_HARVARD_ET_AL_FROM = 4        # Cite Them Right: four or more authors -> first author et al.
_END_PUNCTUATION = (".", "?", "!")


def _credited(source: SourceRecord) -> list[str]:
    """The author strings, or the organisation when the source names no author."""
    authors = [a.strip() for a in source.authors if a.strip()]
    if authors:
        return authors
    return [source.organisation.strip()] if source.organisation.strip() else []


def _initials(given: str, spaced: bool) -> str:
    """'John Paul' -> 'J.P.' (or 'J. P.'), 'Jean-Luc' -> 'J.-L.', 'J. R.' -> 'J.R.'."""
    words = []
    for word in given.replace(".", ". ").split():
        parts = [p for p in word.split("-") if p]
        if parts:
            words.append("-".join(p[0].upper() + "." for p in parts))
    return (" " if spaced else "").join(words)


def _name(author: str, spaced_initials: bool) -> str:
    """A person as 'Surname, I.'; an organisation (no comma) as written."""
    if "," not in author:
        return author
    surname, given = (p.strip() for p in author.split(",", 1))
    initials = _initials(given, spaced_initials)
    return f"{surname}, {initials}" if initials else surname


def _year(source: SourceRecord) -> str:
    return str(source.year) if source.year else "n.d."


def _sentence(text: str) -> str:
    """Text closed with a full stop, unless it already ends in one (or in ? or !)."""
    text = text.strip()
    return text if not text or text.endswith(_END_PUNCTUATION) else text + "."


def _publisher(source: SourceRecord, names: list[str]) -> str:
    """The organisation as publisher; left out where it only repeats the sole (group) author."""
    organisation = source.organisation.strip()
    if not organisation or (len(names) == 1 and names[0] == organisation):
        return ""
    return organisation


def accessed_text(accessed: str) -> str:
    """An ISO date as Cite Them Right writes it ('2026-01-15' -> '15 January 2026').

    Anything that is not an ISO date is returned unchanged.
    """
    try:
        day = date.fromisoformat(accessed.strip())
    except ValueError:
        return accessed.strip()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _harvard_authors(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) >= _HARVARD_ET_AL_FROM:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _apa_authors(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) > _APA_MAX_AUTHORS:
        return ", ".join(names[:_APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _harvard(source: SourceRecord, esc: Callable[[str], str], title: Callable[[str], str]) -> str:
    names = [_name(a, spaced_initials=False) for a in _credited(source)]
    authors = _harvard_authors(names)
    # No author at all: the title moves to the front, as CSL's substitute does.
    head = f"{esc(authors)} ({_year(source)}) " if authors else f"{title(source.title)} ({_year(source)}). "
    parts = [head + (_sentence_markup(source.title, title) if authors else "")]
    publisher = _publisher(source, names)
    if publisher:
        parts.append(esc(_sentence(publisher)))
    url = source.url.strip()
    if url:
        access = f"Available at: {esc(url)}"
        if source.accessed.strip():
            access += f" (Accessed: {esc(accessed_text(source.accessed))})"
        parts.append(access + ".")
    return " ".join(p.strip() for p in parts if p.strip())


def _apa(source: SourceRecord, esc: Callable[[str], str], title: Callable[[str], str]) -> str:
    names = [_name(a, spaced_initials=True) for a in _credited(source)]
    authors = _apa_authors(names)
    if authors:
        parts = [f"{esc(_sentence(authors))} ({_year(source)}).", _sentence_markup(source.title, title)]
    else:
        parts = [_sentence_markup(source.title, title), f"({_year(source)})."]
    publisher = _publisher(source, names)
    if publisher:
        parts.append(esc(_sentence(publisher)))
    if source.url.strip():
        parts.append(esc(source.url.strip()))  # APA puts no full stop after a URL
    return " ".join(p for p in parts if p)


def _sentence_markup(text: str, title: Callable[[str], str]) -> str:
    """The title in its markup, with the closing full stop outside the markup."""
    text = text.strip()
    closed = _sentence(text)
    return title(text) + closed[len(text):]


def _plain(text: str) -> str:
    return text


def _italic(text: str) -> str:
    return f"<i>{html.escape(text, quote=False)}</i>"


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def harvard(source: SourceRecord) -> str:
    """The Harvard (Cite Them Right) reference as plain text.

    Example: ``Cooper, K. and Stewart, K. (2013) Does money affect children's outcomes? Joseph
    Rowntree Foundation. Available at: https://www.jrf.org.uk/.``
    """
    return _collapse(_harvard(source, _plain, _plain))


def harvard_html(source: SourceRecord) -> str:
    """The Harvard reference as HTML: escaped, with the title in ``<i>``."""
    return _collapse(_harvard(source, _escape, _italic))


def apa(source: SourceRecord) -> str:
    """The APA 7 reference as plain text.

    Example: ``Cooper, K., & Stewart, K. (2013). Does money affect children's outcomes? Joseph
    Rowntree Foundation. https://www.jrf.org.uk/``
    """
    return _collapse(_apa(source, _plain, _plain))


def apa_html(source: SourceRecord) -> str:
    """The APA 7 reference as HTML: escaped, with the title in ``<i>``."""
    return _collapse(_apa(source, _escape, _italic))


# The styles a reference can be copied in: name -> (plain text, HTML).
STYLES: dict[str, tuple[Callable[[SourceRecord], str], Callable[[SourceRecord], str]]] = {
    "Harvard": (harvard, harvard_html), "APA": (apa, apa_html)}


def reference_list(sources: list[SourceRecord], style: str) -> tuple[str, str]:
    """Several sources' references in one of STYLES, one a line: as plain text and as HTML."""
    plain, rich = STYLES[style]
    return "\n".join(plain(s) for s in sources), "<br>\n".join(rich(s) for s in sources)


def _collapse(text: str) -> str:
    """One line: content written over several lines in TOML must not break a reference."""
    return re.sub(r"\s+", " ", text).strip()
