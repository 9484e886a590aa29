"""Build the library: load -> render -> write SQLite -> index, into a temp folder, then swap in."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from explorer.content.figures import render_svg
from explorer.content.layout import layout as layout  # explicit: the bench swaps build.layout
from explorer.content.load import content_hash, load_content, stakeholder_index
from explorer.content.markup import Renderer
from explorer.content.model import ContentPack
from explorer.library import schema

WORD = re.compile(r"\b[\w][\w'’-]*\b")


@dataclass(frozen=True)
class BuildResult:
    path: Path             # the folder now holding library.sqlite and index/
    counts: dict[str, int]
    seconds: float


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def current_build(library_dir: Path) -> Path | None:
    """The active build folder named by the pointer file, or None."""
    name = schema.current_build_name(library_dir)
    if name is None:
        return None
    folder = Path(library_dir) / name
    return folder if name and folder.is_dir() else None


def is_stale(content_dir: Path, library_dir: Path) -> bool:
    """True when the library is missing, of another schema, built from other content, or its
    search index fails the quick check."""
    folder = current_build(library_dir)
    if folder is None:
        return True
    try:
        uri = f"file:{folder / schema.DATABASE_FILE}?mode=ro"
        with sqlite3.connect(uri, uri=True) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return True
    if (meta.get("schema_version") != str(schema.SCHEMA_VERSION)
            or meta.get("content_hash") != content_hash(content_dir)):
        return True
    from explorer.library.index_stamp import index_problem

    return index_problem(folder / schema.INDEX_FOLDER, meta["content_hash"]) is not None


def build_library(content_dir: Path, library_dir: Path) -> BuildResult:
    """Validate and compile `content_dir` into `library_dir`, atomically.

    The new build is written into a temporary folder inside `library_dir`; only when it is
    complete does the pointer file (replaced atomically) switch to it. A failure or a kill at
    any point leaves the previous build in place and in use.

    Raises:
        ContentErrors: the content has errors; nothing was written.
    """
    started = time.perf_counter()
    pack = load_content(Path(content_dir))
    library_dir = Path(library_dir)
    library_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(library_dir, keep=current_build(library_dir))
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=library_dir))
    try:
        counts = write_database(pack, work / schema.DATABASE_FILE)
        from explorer.search.index import build_index  # the index is built from the SQLite alone

        build_index(work / schema.DATABASE_FILE, work / schema.INDEX_FOLDER)
        final = library_dir / f"build-{pack.content_hash[:12]}-{time.time_ns()}"
        work.rename(final)
        _switch_pointer(library_dir, final.name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_leftovers(library_dir, keep=final)
    return BuildResult(final, counts, time.perf_counter() - started)


def _switch_pointer(library_dir: Path, name: str) -> None:
    pointer = library_dir / schema.POINTER_FILE
    temp = library_dir / f".{schema.POINTER_FILE}.tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        import os

        os.fsync(handle.fileno())
    temp.replace(pointer)  # atomic on POSIX and Windows


def _remove_leftovers(library_dir: Path, keep: Path | None) -> None:
    """Delete half-written temp folders and superseded builds (best effort: may be in use)."""
    (library_dir / f".{schema.POINTER_FILE}.tmp").unlink(missing_ok=True)  # a killed pointer swap
    for child in library_dir.iterdir():
        leftover = child.is_dir() and child.name.startswith((".tmp-", "build-"))
        if leftover and (keep is None or child.resolve() != keep.resolve()):
            shutil.rmtree(child, ignore_errors=True)


def write_database(pack: ContentPack, path: Path) -> dict[str, int]:
    """Render every section and write the whole pack into a new SQLite file."""
    import sqlite_utils

    sources = {s.key: s for s in pack.sources}
    holders = {s.key: s for s in pack.stakeholders}
    names = stakeholder_index(pack.stakeholders)
    renderer = Renderer(sources, holders, names, {f.key: f for f in pack.figures},
                        list(pack.glossary))
    conn = sqlite3.connect(path)
    conn.executescript(schema.DDL)
    db = sqlite_utils.Database(conn)

    chapter_rows, section_rows, citation_rows, mention_rows = [], [], [], []
    paragraph_rows: list[dict[str, object]] = []
    figure_sections: dict[str, str] = {}
    ordered = sorted(pack.chapters, key=lambda c: (c.document != "report", c.number))
    position = 0
    for chapter_position, chapter in enumerate(ordered):
        chapter_rows.append({
            "id": chapter.id, "document": chapter.document, "number": chapter.number,
            "slug": chapter.slug, "title": chapter.title,
            "full_chapter": f"report/{chapter.full}" if chapter.full else None,
            "phases": json.dumps(list(chapter.phases)), "position": chapter_position,
        })
        renderer.start_chapter(chapter.id)
        counters = [0, 0]
        for section in chapter.sections:
            if section.level == 2:
                counters = [counters[0] + 1, 0]
            elif section.level == 3:
                counters[1] += 1
            number = ".".join(str(n) for n in (chapter.number, *counters[: section.level - 1]))
            rendered = renderer.render(section.markdown, section.title, section.level,
                                       section.anchor)
            for n, (pid, text) in enumerate(rendered.paragraphs, 1):
                paragraph_rows.append({"id": pid, "section_id": section.id, "number": n,
                                       "text": text, "position": len(paragraph_rows)})
            for n, (key, locator) in enumerate(rendered.citations):
                citation_rows.append({"section_id": section.id, "source_key": key,
                                      "locator": locator, "position": n})
            for key, count in sorted(rendered.mentions.items()):
                mention_rows.append({"section_id": section.id, "stakeholder_key": key,
                                     "count": count})
            for key in rendered.figures:
                figure_sections.setdefault(key, section.id)
            section_rows.append({
                "id": section.id, "document": section.document, "chapter_id": chapter.id,
                "anchor": section.anchor, "level": section.level, "title": section.title,
                "html": rendered.html, "text": rendered.text,
                "words": count_words(rendered.text) + count_words(section.title if section.level > 1 else ""),
                "position": position, "prev_id": None, "next_id": None,
                "case_study": int(section.case_study), "case_phase": section.case_phase or None,
                "case_provider": section.case_provider or None, "file": section.file,
                "line": section.line, "number": number,
            })
            position += 1
    for document in ("report", "summary"):
        rows = [r for r in section_rows if r["document"] == document]
        for before, after in zip(rows, rows[1:], strict=False):
            before["next_id"], after["prev_id"] = after["id"], before["id"]

    positions = layout(pack.stakeholders, pack.links)
    # db.table(), not db[name]: each of these is a table (db[name] may also be a view).
    db.table("chapters").insert_all(chapter_rows)
    db.table("sections").insert_all(section_rows)
    db.table("citations").insert_all(citation_rows)
    db.table("paragraphs").insert_all(paragraph_rows)
    db.table("mentions").insert_all(mention_rows)
    db.table("sources").insert_all({
        "key": s.key, "type": s.type, "title": s.title, "authors": json.dumps(list(s.authors)),
        "organisation": s.organisation, "year": s.year, "url": s.url, "accessed": s.accessed,
        "summary": s.summary, "topics": json.dumps(list(s.topics)),
        "phases": json.dumps(list(s.phases)), "label": s.label, "name_label": s.name_label,
    } for s in pack.sources)
    db.table("stakeholders").insert_all({
        "key": s.key, "name": s.name, "aliases": json.dumps(list(s.aliases)), "sector": s.sector,
        "phases": json.dumps(list(s.phases)), "region": s.region, "summary": s.summary,
        "url": s.url, "founded": s.founded, "x": positions[s.key][0], "y": positions[s.key][1],
    } for s in pack.stakeholders)
    db.table("links").insert_all({
        "from_key": link.source_key, "to_key": link.target_key, "kind": link.kind,
        "note": link.note, "source_key": link.citation or None,
    } for link in pack.links)
    db.table("glossary").insert_all({
        "term": t.term, "expansion": t.expansion, "definition": t.definition,
        "aliases": json.dumps(list(t.aliases)), "source_key": t.source or None,
    } for t in pack.glossary)
    db.table("figures").insert_all({
        "key": f.key, "title": f.title, "caption": f.caption, "source_key": f.source,
        "svg": render_svg(f), "section_id": figure_sections.get(f.key),
    } for f in pack.figures)
    p = pack.pack
    meta = {
        "schema_version": str(schema.SCHEMA_VERSION), "content_hash": pack.content_hash,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pack": json.dumps({
            "id": p.id, "title": p.title, "subtitle": p.subtitle, "authors": list(p.authors),
            "commissioned_by": p.commissioned_by, "publisher": p.publisher, "date": p.date,
            "version": p.version, "licence": p.licence, "description": p.description,
        }),
    }
    db.table("meta").insert_all({"key": k, "value": v} for k, v in meta.items())
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return {
        "chapters": len(chapter_rows), "sections": len(section_rows),
        "sources": len(pack.sources), "stakeholders": len(pack.stakeholders),
        "links": len(pack.links), "citations": len(citation_rows),
        "paragraphs": len(paragraph_rows),
        "figures": len(pack.figures), "glossary_terms": len(pack.glossary),
    }
