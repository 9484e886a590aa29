"""The read-only records the library hands out: one per row kind, immutable.

No `from __future__ import annotations` here on purpose: NamedTuple turns string annotations
into ForwardRefs, compiling each one (76 fields, about 6 ms of start-up).
"""

from typing import NamedTuple


class Edition(NamedTuple):
    version: str
    date: str
    content_hash: str
    title: str


class SectionRef(NamedTuple):
    """Enough to list and open a section."""

    id: str
    title: str
    chapter_id: str
    chapter_title: str
    document: str
    level: int


class TocEntry(NamedTuple):
    id: str
    title: str
    level: int          # 1 = chapter (its opening section), 2 and 3 = sections
    number: int         # chapter number


class SectionPage(NamedTuple):
    id: str
    document: str
    chapter_id: str
    chapter_title: str
    chapter_number: int
    anchor: str
    title: str
    level: int
    html: str
    text: str
    prev_id: str | None
    next_id: str | None
    counterpart_id: str | None   # summary <-> full chapter
    case_study: bool
    case_phase: str | None
    number: str             # "6.3": how the section is cited


class Paragraph(NamedTuple):
    """One numbered paragraph: `id` is stable across rebuilds while its text is unchanged."""

    id: str
    section_id: str
    section_number: str     # "6.3"
    number: int             # 4 -> "¶4"
    text: str
    document: str

    @property
    def label(self) -> str:
        return f"§{self.section_number} ¶{self.number}"


class SourceRecord(NamedTuple):
    key: str
    type: str
    title: str
    authors: tuple[str, ...]
    organisation: str
    year: int
    url: str
    accessed: str
    summary: str
    topics: tuple[str, ...]
    phases: tuple[str, ...]
    label: str
    name_label: str


class StakeholderRecord(NamedTuple):
    key: str
    name: str
    aliases: tuple[str, ...]
    sector: str
    phases: tuple[str, ...]
    region: str
    summary: str
    url: str
    founded: int | None
    x: float
    y: float


class LinkRecord(NamedTuple):
    from_key: str
    to_key: str
    kind: str
    note: str
    source_key: str | None


class GlossaryEntry(NamedTuple):
    term: str
    expansion: str
    definition: str
    aliases: tuple[str, ...]
    source_key: str | None


class FigureRecord(NamedTuple):
    key: str
    title: str
    caption: str
    source_key: str
    svg: str
    section_id: str | None
