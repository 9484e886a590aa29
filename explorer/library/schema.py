"""The compiled library's SQLite schema: the one definition, shared by the builder and the reader."""

from __future__ import annotations

SCHEMA_VERSION = 2
DATABASE_FILE = "library.sqlite"
INDEX_FOLDER = "index"
POINTER_FILE = "CURRENT"


def current_build_name(library_dir: object) -> str | None:
    """The build folder's name that a library folder's pointer file gives ("" if it is empty),
    or None when there is no pointer to read. The one reader of the pointer file."""
    from pathlib import Path

    try:
        return (Path(str(library_dir)) / POINTER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE chapters (
    id TEXT PRIMARY KEY, document TEXT NOT NULL, number INTEGER NOT NULL, slug TEXT NOT NULL,
    title TEXT NOT NULL, full_chapter TEXT, phases TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE sections (
    id TEXT PRIMARY KEY, document TEXT NOT NULL, chapter_id TEXT NOT NULL REFERENCES chapters(id),
    anchor TEXT NOT NULL, level INTEGER NOT NULL, title TEXT NOT NULL, html TEXT NOT NULL,
    text TEXT NOT NULL, words INTEGER NOT NULL, position INTEGER NOT NULL,
    prev_id TEXT, next_id TEXT, case_study INTEGER NOT NULL, case_phase TEXT,
    case_provider TEXT, file TEXT NOT NULL, line INTEGER NOT NULL,
    number TEXT NOT NULL  -- "6", "6.3", "6.3.1": how people cite it (changes when sections move)
);
CREATE INDEX sections_chapter ON sections(chapter_id, position);
CREATE TABLE paragraphs (
    id TEXT PRIMARY KEY,  -- stable: chapter + hash of the text; survives rebuilds if unchanged
    section_id TEXT NOT NULL REFERENCES sections(id), number INTEGER NOT NULL,
    text TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE INDEX paragraphs_section ON paragraphs(section_id, number);
CREATE TABLE sources (
    key TEXT PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,
    organisation TEXT NOT NULL, year INTEGER NOT NULL, url TEXT NOT NULL, accessed TEXT,
    summary TEXT NOT NULL, topics TEXT NOT NULL, phases TEXT NOT NULL, label TEXT NOT NULL,
    name_label TEXT NOT NULL
);
CREATE TABLE stakeholders (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, sector TEXT NOT NULL,
    phases TEXT NOT NULL, region TEXT, summary TEXT NOT NULL, url TEXT, founded INTEGER,
    x REAL NOT NULL, y REAL NOT NULL
);
CREATE TABLE links (
    id INTEGER PRIMARY KEY, from_key TEXT NOT NULL REFERENCES stakeholders(key),
    to_key TEXT NOT NULL REFERENCES stakeholders(key), kind TEXT NOT NULL, note TEXT,
    source_key TEXT
);
CREATE TABLE citations (
    section_id TEXT NOT NULL REFERENCES sections(id), source_key TEXT NOT NULL
    REFERENCES sources(key), locator TEXT, position INTEGER NOT NULL
);
CREATE INDEX citations_source ON citations(source_key);
CREATE TABLE mentions (
    section_id TEXT NOT NULL REFERENCES sections(id), stakeholder_key TEXT NOT NULL
    REFERENCES stakeholders(key), count INTEGER NOT NULL
);
CREATE INDEX mentions_stakeholder ON mentions(stakeholder_key);
CREATE TABLE glossary (
    term TEXT PRIMARY KEY, expansion TEXT, definition TEXT NOT NULL, aliases TEXT NOT NULL,
    source_key TEXT
);
CREATE TABLE figures (
    key TEXT PRIMARY KEY, title TEXT NOT NULL, caption TEXT NOT NULL, source_key TEXT NOT NULL,
    svg TEXT NOT NULL, section_id TEXT
);
"""
