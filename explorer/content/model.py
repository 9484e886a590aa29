"""Records of a loaded content pack: frozen dataclasses that cross from loading to building."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.model.vocabulary import (  # noqa: F401 (re-exported: the pack's vocabularies)
    DOCUMENTS,
    LINK_KINDS,
    PHASE_LABELS,
    PHASES,
    SECTOR_LABELS,
    SECTORS,
    SOURCE_TYPES,
)


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    commissioned_by: str
    publisher: str
    date: str
    version: str
    licence: str
    description: str


@dataclass(frozen=True)
class Section:
    """A heading and the text under it: the unit of search and of bookmarks."""

    id: str               # "report/early-years#what-works"; the opening section has no "#"
    document: str         # report | summary
    chapter_id: str       # "report/early-years"
    anchor: str           # "" for the chapter's opening section
    level: int            # 1 opening section, 2 for ##, 3 for ###
    title: str
    markdown: str
    file: str
    line: int             # line of the heading in its file
    case_study: bool = False
    case_phase: str = ""
    case_provider: str = ""


@dataclass(frozen=True)
class Chapter:
    id: str               # "report/early-years"
    document: str
    number: int
    slug: str
    title: str
    full: str             # summary chapters: the report chapter id they summarise
    phases: tuple[str, ...]
    file: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Source:
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
    short: str
    file: str
    line: int

    @property
    def label(self) -> str:
        """Author-year label used in citations: (Cooper and Stewart, 2013)."""
        return f"{self.name_label}, {self.year}"

    @property
    def name_label(self) -> str:
        if self.short:
            return self.short
        names = [a.split(",")[0].strip() for a in self.authors] or [self.organisation]
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return f"{names[0]} et al."


@dataclass(frozen=True)
class Stakeholder:
    key: str
    name: str
    aliases: tuple[str, ...]
    sector: str
    phases: tuple[str, ...]
    region: str
    summary: str
    url: str
    founded: int | None
    file: str
    line: int


@dataclass(frozen=True)
class Link:
    source_key: str       # the organisation the link starts from
    target_key: str
    kind: str
    note: str
    citation: str         # a source key backing the link, or ""
    file: str
    line: int


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    expansion: str
    definition: str
    aliases: tuple[str, ...]
    source: str
    file: str
    line: int


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    caption: str
    source: str
    chart: str
    x: str
    y: tuple[str, ...]
    y_label: str
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]
    file: str
    line: int


@dataclass(frozen=True)
class ContentPack:
    """Everything loaded from one content folder, validated."""

    pack: Pack
    chapters: tuple[Chapter, ...]
    sources: tuple[Source, ...]
    stakeholders: tuple[Stakeholder, ...]
    links: tuple[Link, ...]
    glossary: tuple[GlossaryTerm, ...]
    figures: tuple[Figure, ...]
    content_hash: str
    extra: dict[str, str] = field(default_factory=dict)
