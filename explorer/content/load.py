"""Read and validate a content/ folder; every problem becomes a ContentError(file, line, message)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from explorer.content import figures as figure_data
from explorer.content.chapters import Reference, load_chapter
from explorer.content.model import (
    DOCUMENTS,
    LINK_KINDS,
    PHASES,
    SECTORS,
    SOURCE_TYPES,
    Chapter,
    ContentPack,
    Figure,
    GlossaryTerm,
    Link,
    Pack,
    Source,
    Stakeholder,
)
from explorer.content.readers import Problems, read_csv, read_toml, split_list, table_lines
from explorer.content.rules import check_editorial
from explorer.errors import ContentErrors

KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STAKEHOLDER_COLUMNS = ("key", "name", "aliases", "sector", "phases", "region", "summary", "url",
                       "founded")
LINK_COLUMNS = ("from", "to", "kind", "note", "source")


def content_hash(root: Path) -> str:
    """SHA-256 over every content file's path and bytes: the edition's fingerprint."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_content(root: Path, *, editorial: bool = False) -> ContentPack:
    """Load and validate the whole pack; with `editorial`, apply the editorial rules too (what
    `explorer check` does: the build needs only a valid pack).

    Raises:
        ContentErrors: with every problem found, each naming its file and line.
    """
    root = Path(root)
    problems = Problems(root)
    if not root.is_dir():
        problems.add(str(root), 0, "content folder not found")
        raise ContentErrors(problems.errors)
    pack = _load_pack(root / "pack.toml", problems)
    sources = _load_sources(root, problems)
    stakeholders = _load_stakeholders(root / "stakeholders.csv", problems)
    links = _load_links(root / "stakeholder_links.csv", problems)
    glossary = _load_glossary(root / "glossary.toml", problems)
    figures = figure_data.load_figures(root / "figures", problems)
    refs: list[Reference] = []
    chapters = _load_chapters(root, problems, refs)

    _check_cross_references(problems, sources, stakeholders, links, glossary, figures, chapters,
                            refs)
    if editorial:
        check_editorial(root, problems, chapters, sources, stakeholders, figures, refs,
                        stakeholder_index(stakeholders))
    if problems.errors:
        raise ContentErrors(problems.errors)
    assert pack is not None
    return ContentPack(
        pack=pack, chapters=tuple(chapters), sources=tuple(sources),
        stakeholders=tuple(stakeholders), links=tuple(links), glossary=tuple(glossary),
        figures=tuple(figures), content_hash=content_hash(root),
    )


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _check_phases(phases: tuple[str, ...], problems: Problems, file: Path | str, line: int
                  ) -> tuple[str, ...]:
    if phases == ("all",):
        return PHASES
    for phase in phases:
        if phase not in PHASES:
            problems.add(file, line, f"unknown phase '{phase}' (use one of: {', '.join(PHASES)}, all)")
    return tuple(p for p in phases if p in PHASES)


def _load_pack(path: Path, problems: Problems) -> Pack | None:
    if not path.is_file():
        problems.add(path, 0, "pack.toml is missing")
        return None
    loaded = read_toml(path, problems)
    if loaded is None:
        return None
    data, _ = loaded
    for field in ("id", "title", "date", "version", "description"):
        if not data.get(field):
            problems.add(path, 1, f"missing required field '{field}'")
    date = data.get("date", "")
    if isinstance(date, dt.date):
        date = date.isoformat()
    return Pack(
        id=str(data.get("id", "")), title=str(data.get("title", "")),
        subtitle=str(data.get("subtitle", "")), authors=_str_list(data.get("authors")),
        commissioned_by=str(data.get("commissioned_by", "")),
        publisher=str(data.get("publisher", "")), date=str(date),
        version=str(data.get("version", "")), licence=str(data.get("licence", "")),
        description=str(data.get("description", "")).strip(),
    )


def _load_sources(root: Path, problems: Problems) -> list[Source]:
    files = ([root / "sources.toml"] if (root / "sources.toml").is_file() else [])
    files += sorted((root / "sources").glob("*.toml")) if (root / "sources").is_dir() else []
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path in files:
        loaded = read_toml(path, problems)
        if loaded is None:
            continue
        data, text = loaded
        entries = data.get("source", [])
        lines = table_lines(text, "source")
        for index, entry in enumerate(entries):
            line = lines[index] if index < len(lines) else 1
            source = _source(entry, path, line, problems)
            if source is None:
                continue
            where = f"{problems.rel(path)}:{line}"
            if source.key in seen:
                problems.add(path, line, f"duplicate source key '{source.key}' (first at {seen[source.key]})")
                continue
            seen[source.key] = where
            sources.append(source)
    return sources


def _source(entry: dict[str, Any], path: Path, line: int, problems: Problems) -> Source | None:
    missing = [f for f in ("key", "type", "title", "organisation", "year", "url", "summary",
                           "phases") if not entry.get(f)]
    for field in missing:
        problems.add(path, line, f"source '{entry.get('key', '?')}': missing required field '{field}'")
    if missing:
        return None
    key = str(entry["key"])
    if not KEY.match(key):
        problems.add(path, line, f"source key '{key}': use lowercase letters, digits and hyphens")
    if entry["type"] not in SOURCE_TYPES:
        problems.add(path, line, f"source '{key}': unknown type '{entry['type']}' "
                                 f"(use one of: {', '.join(SOURCE_TYPES)})")
    year = entry["year"]
    if not isinstance(year, int) or not 1800 <= year <= 2100:
        problems.add(path, line, f"source '{key}': year must be a number like 2024, not {year!r}")
        year = 0
    url = str(entry["url"])
    if not url.startswith(("https://", "http://")):
        problems.add(path, line, f"source '{key}': url must start with https://")
    accessed = entry.get("accessed", "")
    return Source(
        key=key, type=str(entry["type"]), title=str(entry["title"]),
        authors=_str_list(entry.get("authors")), organisation=str(entry["organisation"]),
        year=year, url=url,
        accessed=accessed.isoformat() if isinstance(accessed, dt.date) else str(accessed),
        summary=str(entry["summary"]).strip(), topics=_str_list(entry.get("topics")),
        phases=_check_phases(_str_list(entry["phases"]), problems, path, line),
        short=str(entry.get("short", "")), file=problems.rel(path), line=line,
    )


def _load_stakeholders(path: Path, problems: Problems) -> list[Stakeholder]:
    if not path.is_file():
        problems.add(path, 0, "stakeholders.csv is missing")
        return []
    result: list[Stakeholder] = []
    names: dict[str, str] = {}
    keys: dict[str, int] = {}
    for line, row in read_csv(path, problems, STAKEHOLDER_COLUMNS,
                              ("key", "name", "sector", "phases", "summary")):
        key = row["key"]
        if key in keys:
            problems.add(path, line, f"duplicate stakeholder key '{key}' (first at line {keys[key]})")
            continue
        keys[key] = line
        if key and not KEY.match(key):
            problems.add(path, line, f"stakeholder key '{key}': use lowercase letters, digits and hyphens")
        if row["sector"] and row["sector"] not in SECTORS:
            problems.add(path, line, f"unknown sector '{row['sector']}' (use one of: {', '.join(SECTORS)})")
        founded = row.get("founded", "")
        if founded and not (founded.isdigit() and len(founded) == 4):
            problems.add(path, line, f"founded must be a year like 2011, not '{founded}'")
        url = row.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            problems.add(path, line, "url must start with https://")
        aliases = split_list(row.get("aliases", ""))
        for label in (key, row["name"], *aliases):
            folded = label.casefold()
            if folded in names and names[folded] != key:
                problems.add(path, line, f"duplicate stakeholder name, alias or key '{label}' "
                                         f"(also used by '{names[folded]}')")
            names[folded] = key
        result.append(Stakeholder(
            key=key, name=row["name"], aliases=aliases, sector=row["sector"],
            phases=_check_phases(split_list(row["phases"]), problems, path, line),
            region=row.get("region", ""), summary=row["summary"], url=url,
            founded=int(founded) if founded.isdigit() else None,
            file=problems.rel(path), line=line,
        ))
    return result


def _load_links(path: Path, problems: Problems) -> list[Link]:
    if not path.is_file():
        return []
    result: list[Link] = []
    for line, row in read_csv(path, problems, LINK_COLUMNS, ("from", "to", "kind")):
        if row["kind"] and row["kind"] not in LINK_KINDS:
            problems.add(path, line, f"unknown link kind '{row['kind']}' (use one of: {', '.join(LINK_KINDS)})")
        result.append(Link(row["from"], row["to"], row["kind"], row.get("note", ""),
                           row.get("source", ""), problems.rel(path), line))
    return result


def _load_glossary(path: Path, problems: Problems) -> list[GlossaryTerm]:
    if not path.is_file():
        return []
    loaded = read_toml(path, problems)
    if loaded is None:
        return []
    data, text = loaded
    lines = table_lines(text, "term")
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("term", [])):
        line = lines[index] if index < len(lines) else 1
        missing = [f for f in ("term", "definition") if not entry.get(f)]
        for field in missing:
            problems.add(path, line, f"glossary entry: missing required field '{field}'")
        if missing:
            continue
        term = str(entry["term"])
        if term.casefold() in seen:
            problems.add(path, line, f"duplicate glossary term '{term}'")
        seen.add(term.casefold())
        terms.append(GlossaryTerm(
            term=term, expansion=str(entry.get("expansion", "")),
            definition=str(entry["definition"]).strip(), aliases=_str_list(entry.get("aliases")),
            source=str(entry.get("source", "")), file=problems.rel(path), line=line,
        ))
    return terms


def _load_chapters(root: Path, problems: Problems, refs: list[Reference]) -> list[Chapter]:
    chapters: list[Chapter] = []
    for document in DOCUMENTS:
        folder = root / document
        files = sorted(folder.glob("*.md")) if folder.is_dir() else []
        if document == "report" and not files:
            problems.add(f"{document}/", 0, "the report needs at least one chapter file")
        numbers: dict[int, str] = {}
        slugs: dict[str, str] = {}
        for path in files:
            chapter = load_chapter(path, document, problems, refs)
            if chapter is None:
                continue
            if chapter.number in numbers:
                problems.add(path, 0, f"duplicate chapter number {chapter.number:02d} (also {numbers[chapter.number]})")
            if chapter.slug in slugs:
                problems.add(path, 0, f"duplicate chapter slug '{chapter.slug}' (also {slugs[chapter.slug]})")
            numbers[chapter.number] = path.name
            slugs[chapter.slug] = path.name
            _check_phases(chapter.phases, problems, path, 1)
            chapters.append(chapter)
    return chapters


def stakeholder_index(stakeholders: list[Stakeholder] | tuple[Stakeholder, ...]) -> dict[str, str]:
    """Every way to name a stakeholder (key, name, alias; case-folded) -> its key."""
    index: dict[str, str] = {}
    for holder in stakeholders:
        for label in (holder.name, *holder.aliases, holder.key):
            index[label.casefold()] = holder.key
    return index


def _check_cross_references(
    problems: Problems, sources: list[Source], stakeholders: list[Stakeholder], links: list[Link],
    glossary: list[GlossaryTerm], figures: list[Figure], chapters: list[Chapter],
    refs: list[Reference],
) -> None:
    source_keys = {s.key for s in sources}
    holder_keys = {s.key for s in stakeholders}
    names = stakeholder_index(stakeholders)
    figure_keys = {f.key for f in figures}
    report_ids = {c.id for c in chapters if c.document == "report"}
    for ref in refs:
        if ref.kind == "citation" and ref.target not in source_keys:
            problems.add(ref.file, ref.line, f"unknown citation key '@{ref.target}'")
        elif ref.kind == "mention" and ref.target.casefold() not in names:
            problems.add(ref.file, ref.line, f"unknown stakeholder '[[{ref.target}]]'")
        elif ref.kind == "figure" and ref.target not in figure_keys:
            problems.add(ref.file, ref.line, f"unknown figure '{ref.target}'")
    for link in links:
        for end in (link.source_key, link.target_key):
            if end and end not in holder_keys:
                problems.add(link.file, link.line, f"link names unknown stakeholder '{end}'")
        if link.citation and link.citation not in source_keys:
            problems.add(link.file, link.line, f"link cites unknown source '{link.citation}'")
    for term in glossary:
        if term.source and term.source not in source_keys:
            problems.add(term.file, term.line, f"glossary term '{term.term}' cites unknown source '{term.source}'")
    for figure in figures:
        if figure.source not in source_keys:
            problems.add(figure.file, figure.line, f"figure '{figure.key}' cites unknown source '{figure.source}'")
    for chapter in chapters:
        if chapter.document == "summary":
            full = f"report/{chapter.full}"
            if not chapter.full:
                problems.add(chapter.file, 1, "summary chapter needs 'full: <report chapter slug>' in its front matter")
            elif full not in report_ids:
                problems.add(chapter.file, 1, f"'full: {chapter.full}' names no report chapter")
        for section in chapter.sections:
            if section.case_study:
                _check_phases((section.case_phase,), problems, section.file, section.line)
                if section.case_provider and section.case_provider not in holder_keys:
                    problems.add(section.file, section.line,
                                 f"case study provider '{section.case_provider}' is not a stakeholder key")
