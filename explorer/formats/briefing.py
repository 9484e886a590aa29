"""Briefing packs: the chosen sections, source and organisation cards as one printable HTML document.

No Qt here. `compose_briefing` writes HTML in Qt's rich-text subset (h1-h3, p, table, ul, a little
CSS); `explorer.ui.briefing.page_layout` lays it out on pages and `explorer.ui.briefing.pack_output`
writes the PDF or prints it.
A pack is for paper: every link becomes its text (a printed reader cannot follow it, and
web addresses appear as text on the cards and in the bibliography), and only figures from the
library (``<img src="figure:KEY">``) are kept. The cards are the app's own (`explorer.formats.cards`),
in their paper form.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from explorer.formats import cards, references
from explorer.library.store import Library, SectionPage, SourceRecord, StakeholderRecord
from explorer.model.vocabulary import DOCUMENTS
from explorer.userdata.store import Annotation

DEFAULT_TITLE = "Board briefing"
PART_PREFIX = "part-"          # anchor names of the headings the contents list

# Paper colours: a pack is printed black on white whatever the app's theme (these are the light
# theme's accent and muted colours from explorer.ui.common.theme, which this module may not import).
_ACCENT = "#1f5f8b"
_MUTED = "#5a5a60"
_NOTE_BG = "#fdf3c4"
_RULE = "#b0b0b8"

_STYLE = (
    f"h1 {{ color: {_ACCENT}; font-size: 17pt; margin-top: 0px; margin-bottom: 8px; }} "
    f"h2 {{ color: {_ACCENT}; font-size: 13pt; margin-top: 14px; margin-bottom: 4px; }} "
    "h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 3px; } "
    "p, li { margin-bottom: 5px; } "
    "table.grid { border-collapse: collapse; margin-top: 4px; margin-bottom: 8px; } "
    f"table.grid td, table.grid th {{ border: 1px solid {_RULE}; }} "
    "table.grid th { background-color: #eef0f3; text-align: left; } "
    "table.facts td { padding-top: 2px; padding-bottom: 2px; } "
    f"td.label {{ color: {_MUTED}; padding-right: 14px; }} "
    f"p.muted, span.muted {{ color: {_MUTED}; }} "
    f"p.caption {{ color: {_MUTED}; font-size: 9pt; }} "
    "p.ref { margin-left: 24px; text-indent: -24px; margin-bottom: 6px; } "
)
_BREAK = ' style="page-break-before: always"'

_SOURCE_HREF = re.compile(r"""href=(["'])source:(.+?)\1""")
_LINK_TAG = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<table\b[^>]*>", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_FIGURE_SRC = re.compile(r"""\bsrc=(["'])figure:[^"']+\1""")
_LEADING_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL | re.IGNORECASE)
_FIGURE_KEY = re.compile(r"""<img\b[^>]*?\bsrc=["']figure:([^"']+)["']""", re.IGNORECASE)
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_NUMBERED_OPEN = re.compile(r"""<(p|li)\b[^>]*?\bid=(["'])([^"']+)\2[^>]*>""", re.IGNORECASE)


@dataclass(frozen=True)
class BriefingRequest:
    """What goes into a pack: sections (in any order; the pack follows reading order), source and
    organisation cards, whether to print the reader's notes, and the pack's own title."""

    section_ids: tuple[str, ...] = ()
    source_keys: tuple[str, ...] = ()
    stakeholder_keys: tuple[str, ...] = ()
    include_notes: bool = True
    title: str = ""

    @property
    def display_title(self) -> str:
        return self.title.strip() or DEFAULT_TITLE

    @property
    def is_empty(self) -> bool:
        return not (self.section_ids or self.source_keys or self.stakeholder_keys)


def sources_cited_in(text: str) -> list[str]:
    """The source keys linked (``href="source:KEY"``) in some HTML, each once, in order of first use."""
    return list(dict.fromkeys(match.group(2) for match in _SOURCE_HREF.finditer(text)))


def figures_in(text: str) -> list[str]:
    """The library figures (``<img src="figure:KEY">``) some HTML shows, each once."""
    return list(dict.fromkeys(m.group(1) for m in _FIGURE_KEY.finditer(text)))


def notes_by_paragraph(annotations: Iterable[Annotation]) -> dict[str, list[str]]:
    """The written notes among some annotations, keyed by paragraph id, oldest first
    (bookmarks and empty notes carry nothing to print)."""
    notes: dict[str, list[str]] = {}
    for annotation in annotations:
        if annotation.kind == "note" and annotation.body.strip():
            notes.setdefault(annotation.paragraph_id, []).append(annotation.body.strip())
    return notes


def describe(request: BriefingRequest) -> str:
    """What a pack holds, in words, for the dialog ("3 sections, 1 source card and no organisation
    cards, with your notes.")."""
    if request.is_empty:
        return "Choose sections, sources or organisations for the pack."
    parts = [_plural(len(request.section_ids), "section", zero="no"),
             _plural(len(request.source_keys), "source card", zero="no"),
             _plural(len(request.stakeholder_keys), "organisation card", zero="no")]
    notes = "with your notes" if request.include_notes else "without notes"
    return f"{', '.join(parts[:-1])} and {parts[-1]}, {notes}."


def suggested_filename(request: BriefingRequest) -> str:
    """A file name for the pack that every file system accepts."""
    safe = " ".join(_UNSAFE_FILENAME.sub(" ", request.display_title).split()).strip(" .") or DEFAULT_TITLE
    return f"Briefing pack - {safe}.pdf"


def ordered_sections(library: Library, section_ids: Iterable[str]) -> list[SectionPage]:
    """The chosen sections in reading order: the report first, then the summary.

    Ids the library does not have are left out (a pack chosen against an older edition).
    """
    wanted = set(section_ids)
    return [library.section(entry.id) for document in DOCUMENTS for entry in library.toc(document)
            if entry.id in wanted]


def footer_text(library: Library, request: BriefingRequest) -> str:
    """The line printed at the foot of every page after the title page."""
    edition = library.edition()
    return f"Briefing pack: {request.display_title} · {edition.title}, edition {edition.version}"


def compose_briefing(library: Library, request: BriefingRequest,
                     notes_by_paragraph: dict[str, list[str]] | None = None,
                     prepared: date | None = None, page_numbers: dict[str, int] | None = None) -> str:
    """One HTML document: title page, contents, the chosen text, cards and bibliography.

    Args:
        library: the open library.
        request: what to put in the pack.
        notes_by_paragraph: the reader's notes keyed by paragraph id; printed under their
            paragraph when ``request.include_notes`` is true.
        prepared: the date printed as "prepared" (today when not given).
        page_numbers: the page of each part, keyed by the anchor name its heading carries
            (``<a name="part-3">``); the contents list shows them when given. Whoever lays the
            pack out on pages finds them (see `PART_PREFIX`) and composes again.

    Returns:
        A complete HTML document in Qt's rich-text subset.
    """
    sections = ordered_sections(library, request.section_ids)
    notes = {pid: [n for n in bodies if n.strip()] for pid, bodies in (notes_by_paragraph or {}).items()} \
        if request.include_notes else {}
    all_sources = {s.key: s for s in library.sources()}
    chosen_sources = [s for s in all_sources.values() if s.key in set(request.source_keys)]
    holders = [h for h in library.stakeholders() if h.key in set(request.stakeholder_keys)]

    contents: list[tuple[int, str, str]] = []     # (level, text, anchor name)

    def heading(tag: str, text: str, level: int = 1, page_break: bool = True) -> str:
        anchor = f"{PART_PREFIX}{len(contents) + 1}"
        contents.append((level, text, anchor))
        style = _BREAK if page_break else ""
        return f'<{tag}{style}><a name="{anchor}">{_e(text)}</a></{tag}>'

    body, printed_notes = _chosen_text(library, sections, notes, heading)
    cited = sources_cited_in("".join(s.html for s in sections))
    bibliography = [all_sources[k] for k in dict.fromkeys([*cited, *(s.key for s in chosen_sources)])
                    if k in all_sources]
    bibliography.sort(key=lambda s: references.harvard(s).casefold())
    if chosen_sources:
        body.append(heading("h1", "Sources"))
        body.extend(cards.source_card(library, s, paper=True).html for s in chosen_sources)
    if holders:
        body.append(heading("h1", "Organisations"))
        body.extend(cards.organisation_card(library, h, paper=True).html for h in holders)
    body.append(heading("h1", "Bibliography"))
    body.append(_bibliography(bibliography))

    parts = [_title_page(library, request, sections, chosen_sources, holders, printed_notes,
                         prepared or date.today()),
             _contents(contents, page_numbers), *body]
    title = html.escape(f"Briefing pack: {request.display_title}")
    return (f'<html><head><meta charset="utf-8"><title>{title}</title><style>{_STYLE}</style></head>'
            f"<body>{''.join(parts)}</body></html>")


# Parts of the pack -------------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _long_date(iso: str) -> str:
    return references.accessed_text(iso) if iso else ""


def _plural(count: int, one: str, zero: str = "0") -> str:
    return f"{count or zero} {one if count == 1 else one + 's'}"


def _chapter_heading(section: SectionPage) -> str:
    summary = " (summary)" if section.document == "summary" else ""
    return f"{section.chapter_number} {section.chapter_title}{summary}"


def _section_heading(section: SectionPage) -> str:
    return f"{section.number} {section.title}"


def _title_page(library: Library, request: BriefingRequest, sections: list[SectionPage],
                sources: list[SourceRecord], holders: list[StakeholderRecord], notes: int,
                prepared: date) -> str:
    edition = library.edition()
    pack = library.pack
    chapters = len({s.chapter_id for s in sections})
    contents = ", ".join(part for part in (
        f"{_plural(len(sections), 'section')} from {_plural(chapters, 'chapter')}" if sections else "",
        _plural(len(sources), "source card") if sources else "",
        _plural(len(holders), "organisation card") if holders else "",
        _plural(notes, "note") if notes else "") if part)
    rows = [("Edition", f"{edition.version}, {_long_date(edition.date)}".strip(", ")),
            ("Commissioned by", str(pack.get("commissioned_by", ""))),
            ("Prepared", _long_date(prepared.isoformat())), ("Contains", contents or "Nothing chosen")]
    facts = "".join(f'<tr><td class="label">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in rows if v)
    subtitle = str(pack.get("subtitle", ""))
    # Qt drops the top margin of a document's first block, so a blank line carries the drop.
    return ('<p style="font-size: 2pt">&nbsp;</p>'
            f'<p class="muted" style="margin-top: 140px; font-size: 14pt">{_e(edition.title)}</p>'
            + (f'<p class="muted">{_e(subtitle)}</p>' if subtitle else "")
            + f'<h1 style="font-size: 24pt; margin-top: 28px">Briefing pack: {_e(request.display_title)}</h1>'
            f'<hr/><table class="facts" cellspacing="0" cellpadding="0" style="margin-top: 18px">{facts}</table>'
            f'<p class="muted" style="margin-top: 48px">Paragraph references such as §6.3 ¶4 (section 6.3, '
            f"paragraph 4) are those of edition {_e(edition.version)} of the report. The bibliography lists "
            "the sources cited in this pack and those chosen for it, and no others.</p>")


def _contents(entries: list[tuple[int, str, str]], pages: dict[str, int] | None) -> str:
    rows = []
    for level, text, anchor in entries:
        indent = 18 * (level - 1)
        weight = "font-weight: bold; " if level == 1 else ""
        page = str(pages[anchor]) if pages and anchor in pages else ""
        rows.append(f'<tr><td style="{weight}padding-left: {indent}px">{_e(text)}</td>'
                    f'<td align="right" style="{weight}">{page}</td></tr>')
    return (f"<h1{_BREAK}>Contents</h1>"
            f'<table class="facts" width="100%" cellspacing="0" cellpadding="0">{"".join(rows)}</table>')


def _chosen_text(library: Library, sections: list[SectionPage], notes: dict[str, list[str]],
                 heading: Callable[..., str]) -> tuple[list[str], int]:
    """The sections' HTML, chapter by chapter, with paragraph labels and notes; and the number
    of notes printed."""
    parts: list[str] = []
    chapter = None
    printed = 0
    for section in sections:
        if section.chapter_id != chapter:
            chapter = section.chapter_id
            parts.append(heading("h1", _chapter_heading(section)))
        if section.level > 1:
            parts.append(heading("h2" if section.level == 2 else "h3", _section_heading(section),
                                 level=section.level, page_break=False))
        paragraphs = library.paragraphs(section.id)
        labels = {p.id: p.label for p in paragraphs}
        printed += sum(len(notes.get(p.id, [])) for p in paragraphs)
        text = _LEADING_HEADING.sub("", section.html, count=1)
        parts.append(label_paragraphs(_for_paper(text), labels, notes))
    return parts, printed


def _for_paper(text: str) -> str:
    """Links become their text, tables get rules, and images other than library figures are dropped."""
    text = _TABLE_TAG.sub('<table class="grid" width="100%" cellspacing="0" cellpadding="3">', _LINK_TAG.sub("", text))
    return _IMG_TAG.sub(lambda m: m.group(0) if _FIGURE_SRC.search(m.group(0)) else "", text)


def label_paragraphs(text: str, labels: dict[str, str], notes: dict[str, list[str]]) -> str:
    """Put each numbered paragraph's label at its start, and its notes after it."""
    inserts: list[tuple[int, str]] = []
    for match in _NUMBERED_OPEN.finditer(text):
        tag, paragraph_id = match.group(1).lower(), match.group(3)
        if paragraph_id not in labels:
            continue
        inserts.append((match.end(), f'<span style="color: {_MUTED}; font-size: 8pt; font-weight: bold">'
                                     f"{_e(labels[paragraph_id])}</span>&nbsp; "))
        if notes.get(paragraph_id):
            close = _closing_tag(text, tag, match.end())
            # A note follows its paragraph; in a list it stays inside the item.
            inserts.append((close + len(f"</{tag}>") if tag == "p" else close,
                            "".join(_note(n) for n in notes[paragraph_id])))
    for index, insert in sorted(inserts, key=lambda item: item[0], reverse=True):
        text = text[:index] + insert + text[index:]
    return text


def _closing_tag(text: str, tag: str, start: int) -> int:
    """Where the element opened just before `start` closes (nested elements of the same tag
    counted); the end of the text when it never does."""
    depth = 1
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    for match in pattern.finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start()
    return len(text)


def _note(body: str) -> str:
    lines = "<br/>".join(_e(line) for line in body.strip().splitlines())
    return (f'<p style="margin-left: 24px; background-color: {_NOTE_BG}">'
            f"<b>My note:</b> {lines}</p>")


def _bibliography(sources: list[SourceRecord]) -> str:
    if not sources:
        return '<p class="muted">No sources are cited in this pack.</p>'
    return "".join(f'<p class="ref">{references.harvard_html(s)}</p>' for s in sources)
