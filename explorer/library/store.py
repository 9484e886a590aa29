"""Read-only access to a compiled library: the app's single door to the content."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from explorer.errors import LibraryDamaged, LibraryError, LibraryNotFound
from explorer.library import schema
from explorer.model.records import (  # noqa: F401 (the library's records are imported from here)
    Edition,
    FigureRecord,
    GlossaryEntry,
    LinkRecord,
    Paragraph,
    SectionPage,
    SectionRef,
    SourceRecord,
    StakeholderRecord,
    TocEntry,
)
from explorer.sqlite_errors import expected_problem


def resolve_build(library_dir: Path) -> Path:
    """The folder of the active build inside a library folder.

    Raises:
        LibraryError: no library has been built there.
    """
    library_dir = Path(library_dir)
    if (library_dir / schema.DATABASE_FILE).is_file():
        return library_dir  # a build folder given directly
    name = schema.current_build_name(library_dir)
    if name is None:
        raise LibraryNotFound(library_dir, "no library here; build one with 'explorer build'")
    folder = library_dir / name
    if not name or not (folder / schema.DATABASE_FILE).is_file():
        raise LibraryNotFound(library_dir, f"the library named in {schema.POINTER_FILE} is missing")
    return folder


_SQLITE_MAGIC = b"SQLite format 3\x00"


def database_problem(path: Path) -> str | None:
    """What a look at the database file's header finds wrong, or None.

    Catches a file cut short (an interrupted copy, a full disk) before any query runs into the
    missing pages: SQLite itself only notices when a query reaches them.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return f"cannot read the library ({exc.strerror or exc})"
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "the library file is damaged (it is not an SQLite database)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only kept up to date when these two counters agree.
    expected = page_size * pages if pages and header[24:28] == header[92:96] else 0
    if size < expected:
        return f"the library file is truncated ({size:,} of {expected:,} bytes)"
    if page_size and size % page_size:
        return f"the library file is truncated ({size:,} bytes is not a whole number of pages)"
    return None


class Library:
    """A compiled library opened read-only. Methods return frozen records, never rows."""

    def __init__(self, library_dir: Path | str) -> None:
        self.folder = resolve_build(Path(library_dir))
        self.database_path = self.folder / schema.DATABASE_FILE
        self._index_path: Path | None = None
        problem = database_problem(self.database_path)
        if problem:
            raise LibraryDamaged(self.database_path, problem)
        # Builds are never changed in place (a rebuild writes a new folder), so immutable is safe
        # and skips locking.
        uri = f"{self.database_path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            # Opening: a file without our tables is a damaged library too, not a bug of ours.
            raise LibraryDamaged(self.database_path, f"damaged library ({expected_problem(exc) or exc})") from None
        if meta.get("schema_version") != str(schema.SCHEMA_VERSION):
            raise LibraryDamaged(self.database_path,
                               f"library schema {meta.get('schema_version')} is not the "
                               f"{schema.SCHEMA_VERSION} this app reads; rebuild it")
        self.meta = meta
        self.pack: dict[str, Any] = json.loads(meta["pack"])

    def close(self) -> None:
        self.db.close()

    # The search index ---------------------------------------------------------------------
    @property
    def index_path(self) -> Path:
        """The search index to open: the build's own, or a rebuilt copy in the user cache when
        the build's is damaged (see explorer.library.index_stamp)."""
        if self._index_path is None:
            from explorer.library.index_stamp import choose_index

            self._index_path = choose_index(self.folder, self.meta["content_hash"])
        return self._index_path

    @index_path.setter
    def index_path(self, path: Path) -> None:
        self._index_path = Path(path)

    def check_index(self, deep: bool = False) -> str | None:
        """What is wrong with the search index, in plain words, or None (see
        `explorer.library.index_stamp.index_problem`)."""
        from explorer.library.index_stamp import index_problem

        return index_problem(self.index_path, self.meta["content_hash"], deep=deep)

    def _rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        """Rows of a query; a failure of the file is LibraryDamaged, any other failure (a wrong
        query) is a bug and propagates as it is."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            problem = expected_problem(exc)
            if problem is None and str(exc).startswith("no such table"):
                # The schema version matched at open, so a table it promises is missing from the file.
                problem = "a table is missing"
            if problem is None:
                raise
            raise LibraryDamaged(self.database_path, f"damaged library: {problem} ({exc})") from None

    # Edition and contents ---------------------------------------------------------------
    def edition(self) -> Edition:
        return Edition(self.pack.get("version", ""), self.pack.get("date", ""),
                       self.meta["content_hash"], self.pack.get("title", ""))

    def toc(self, document: str) -> list[TocEntry]:
        """Chapters and their sections in reading order."""
        rows = self._rows(
            "SELECT s.id, s.title, s.level, c.number, c.title AS chapter_title FROM sections s "
            "JOIN chapters c ON c.id = s.chapter_id WHERE s.document = ? ORDER BY s.position",
            document)
        return [TocEntry(r["id"], r["chapter_title"] if r["level"] == 1 else r["title"],
                         r["level"], r["number"]) for r in rows]

    def section(self, section_id: str) -> SectionPage:
        """One section with its neighbours and its counterpart in the other document.

        Raises:
            LibraryError: no such section.
        """
        rows = self._rows(
            "SELECT s.*, c.title AS chapter_title, c.number AS chapter_number, c.full_chapter FROM sections s "
            "JOIN chapters c ON c.id = s.chapter_id WHERE s.id = ?", section_id)
        if not rows:
            raise LibraryError(self.database_path, f"no section '{section_id}'")
        r = rows[0]
        return SectionPage(
            id=r["id"], document=r["document"], chapter_id=r["chapter_id"],
            chapter_title=r["chapter_title"], chapter_number=r["chapter_number"], anchor=r["anchor"],
            title=r["title"],
            level=r["level"], html=r["html"], text=r["text"], prev_id=r["prev_id"],
            next_id=r["next_id"], counterpart_id=self._counterpart(r["chapter_id"],
                                                                    r["full_chapter"]),
            case_study=bool(r["case_study"]), case_phase=r["case_phase"], number=r["number"],
        )

    def _counterpart(self, chapter_id: str, full_chapter: str | None) -> str | None:
        if full_chapter:
            return full_chapter
        rows = self._rows("SELECT id FROM chapters WHERE full_chapter = ? ORDER BY number",
                          chapter_id)
        return rows[0]["id"] if rows else None

    def chapter_sections(self, chapter_id: str) -> list[SectionPage]:
        ids = [r["id"] for r in self._rows(
            "SELECT id FROM sections WHERE chapter_id = ? ORDER BY position", chapter_id)]
        return [self.section(i) for i in ids]

    def _ref(self, row: sqlite3.Row) -> SectionRef:
        return SectionRef(row["id"], row["title"], row["chapter_id"], row["chapter_title"],
                          row["document"], row["level"])

    def case_studies(self) -> list[tuple[SectionRef, str]]:
        """Every case study with its phase, in reading order."""
        rows = self._rows(
            "SELECT s.*, c.title AS chapter_title FROM sections s JOIN chapters c "
            "ON c.id = s.chapter_id WHERE s.case_study = 1 ORDER BY s.position")
        return [(self._ref(r), r["case_phase"]) for r in rows]

    # Paragraphs ---------------------------------------------------------------------------
    _PARAGRAPH_SQL = ("SELECT p.id, p.section_id, s.number AS section_number, p.number, p.text, "
                      "s.document FROM paragraphs p JOIN sections s ON s.id = p.section_id ")

    def paragraphs(self, section_id: str) -> list[Paragraph]:
        return [Paragraph(*r) for r in self._rows(
            self._PARAGRAPH_SQL + "WHERE p.section_id = ? ORDER BY p.number", section_id)]

    def chapter_paragraphs(self, chapter_id: str) -> list[Paragraph]:
        return [Paragraph(*r) for r in self._rows(
            self._PARAGRAPH_SQL + "WHERE s.chapter_id = ? ORDER BY p.position", chapter_id)]

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        rows = self._rows(self._PARAGRAPH_SQL + "WHERE p.id = ?", paragraph_id)
        return Paragraph(*rows[0]) if rows else None

    def paragraph_at(self, reference: str, document: str = "report") -> Paragraph | None:
        """The paragraph a reference like "§6.3 ¶4" (or "6.3 4", "6.3/4") points at."""
        import re

        match = re.fullmatch(r"\s*§?\s*(\d+(?:\.\d+)*)\s*(?:¶|/|\s|p)\s*(\d+)\s*", reference)
        if not match:
            return None
        rows = self._rows(self._PARAGRAPH_SQL + "WHERE s.number = ? AND p.number = ? AND s.document = ?",
                          match.group(1), int(match.group(2)), document)
        return Paragraph(*rows[0]) if rows else None

    def cite_paragraph(self, paragraph: Paragraph) -> str:
        """What "copy reference" puts on the clipboard: the citation line and the text."""
        title = self.pack.get("title", "")
        summary = " (summary)" if paragraph.document == "summary" else ""
        return f"{title}{summary}, {paragraph.label}\n\n{paragraph.text}"

    # Sources ------------------------------------------------------------------------------
    @staticmethod
    def _source(r: sqlite3.Row) -> SourceRecord:
        return SourceRecord(
            r["key"], r["type"], r["title"], tuple(json.loads(r["authors"])), r["organisation"],
            r["year"], r["url"], r["accessed"] or "", r["summary"], tuple(json.loads(r["topics"])),
            tuple(json.loads(r["phases"])), r["label"], r["name_label"])

    def sources(self) -> list[SourceRecord]:
        return [self._source(r) for r in self._rows("SELECT * FROM sources ORDER BY name_label, year")]

    def source_years(self) -> list[int]:
        """The publication years present, oldest first (the search view's year filter)."""
        return [r[0] for r in self._rows("SELECT DISTINCT year FROM sources WHERE year ORDER BY year")]

    def source(self, key: str) -> SourceRecord:
        rows = self._rows("SELECT * FROM sources WHERE key = ?", key)
        if not rows:
            raise LibraryError(self.database_path, f"no source '{key}'")
        return self._source(rows[0])

    def citing_sections(self, key: str) -> list[SectionRef]:
        """The sections that cite a source, in reading order."""
        rows = self._rows(
            "SELECT DISTINCT s.*, c.title AS chapter_title FROM citations x "
            "JOIN sections s ON s.id = x.section_id JOIN chapters c ON c.id = s.chapter_id "
            "WHERE x.source_key = ? ORDER BY s.position", key)
        return [self._ref(r) for r in rows]

    # Stakeholders -----------------------------------------------------------------------
    @staticmethod
    def _holder(r: sqlite3.Row) -> StakeholderRecord:
        return StakeholderRecord(
            r["key"], r["name"], tuple(json.loads(r["aliases"])), r["sector"],
            tuple(json.loads(r["phases"])), r["region"] or "", r["summary"], r["url"] or "",
            r["founded"], r["x"], r["y"])

    def stakeholders(self) -> list[StakeholderRecord]:
        return [self._holder(r) for r in self._rows("SELECT * FROM stakeholders ORDER BY name")]

    def stakeholder(self, key: str) -> StakeholderRecord:
        rows = self._rows("SELECT * FROM stakeholders WHERE key = ?", key)
        if not rows:
            raise LibraryError(self.database_path, f"no stakeholder '{key}'")
        return self._holder(rows[0])

    def links(self, key: str | None = None) -> list[LinkRecord]:
        """All links, or those from or to one stakeholder."""
        if key is None:
            rows = self._rows("SELECT * FROM links ORDER BY id")
        else:
            rows = self._rows("SELECT * FROM links WHERE from_key = ? OR to_key = ? ORDER BY id",
                              key, key)
        return [LinkRecord(r["from_key"], r["to_key"], r["kind"], r["note"] or "",
                           r["source_key"]) for r in rows]

    def mentioning_sections(self, key: str) -> list[SectionRef]:
        rows = self._rows(
            "SELECT DISTINCT s.*, c.title AS chapter_title FROM mentions m "
            "JOIN sections s ON s.id = m.section_id JOIN chapters c ON c.id = s.chapter_id "
            "WHERE m.stakeholder_key = ? ORDER BY s.position", key)
        return [self._ref(r) for r in rows]

    # Glossary and figures ---------------------------------------------------------------
    def glossary(self) -> list[GlossaryEntry]:
        return [GlossaryEntry(r["term"], r["expansion"] or "", r["definition"],
                              tuple(json.loads(r["aliases"])), r["source_key"])
                for r in self._rows("SELECT * FROM glossary ORDER BY term COLLATE NOCASE")]

    @staticmethod
    def _figure(r: sqlite3.Row) -> FigureRecord:
        return FigureRecord(r["key"], r["title"], r["caption"], r["source_key"], r["svg"], r["section_id"])

    def figures(self) -> list[FigureRecord]:
        return [self._figure(r) for r in self._rows("SELECT * FROM figures")]

    def figure(self, key: str) -> FigureRecord:
        """One figure (the reader asks for each chart it shows: read only that one's SVG)."""
        rows = self._rows("SELECT * FROM figures WHERE key = ?", key)
        if not rows:
            raise LibraryError(self.database_path, f"no figure '{key}'")
        return self._figure(rows[0])

    # Counts -----------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """The edition and its counts, as `explorer stats --json` prints them."""
        def one(sql: str, *params: object) -> int:
            return int(self._rows(sql, *params)[0][0] or 0)

        result: dict[str, Any] = {"edition": {
            "version": self.pack.get("version", ""), "date": self.pack.get("date", ""),
            "content_hash": self.meta["content_hash"]}}
        for document in ("report", "summary"):
            result[document] = {
                "chapters": one("SELECT COUNT(*) FROM chapters WHERE document = ?", document),
                "sections": one("SELECT COUNT(*) FROM sections WHERE document = ?", document),
                "words": one("SELECT SUM(words) FROM sections WHERE document = ?", document),
            }
        result.update({
            "sources": one("SELECT COUNT(*) FROM sources"),
            "stakeholders": one("SELECT COUNT(*) FROM stakeholders"),
            "links": one("SELECT COUNT(*) FROM links"),
            "citations": one("SELECT COUNT(*) FROM citations"),
            "case_studies": one("SELECT COUNT(*) FROM sections WHERE case_study = 1"),
            "figures": one("SELECT COUNT(*) FROM figures"),
            "glossary_terms": one("SELECT COUNT(*) FROM glossary"),
            "uncited_sources": [r[0] for r in self._rows(
                "SELECT key FROM sources WHERE key NOT IN (SELECT source_key FROM citations) "
                "ORDER BY key")],
            "unmentioned_stakeholders": [r[0] for r in self._rows(
                "SELECT key FROM stakeholders WHERE key NOT IN "
                "(SELECT m.stakeholder_key FROM mentions m JOIN sections s "
                "ON s.id = m.section_id WHERE s.document = 'report') ORDER BY key")],
        })
        return result

    def search_documents(self) -> list[dict[str, Any]]:
        """What the search index holds, built from this database alone."""
        docs: list[dict[str, Any]] = []
        # A section is also found by the names and acronyms of the organisations it mentions,
        # even where the text says "the Foundation".
        mentioned: dict[str, list[str]] = {}
        for m in self._rows("SELECT m.section_id, h.name, h.aliases FROM mentions m "
                            "JOIN stakeholders h ON h.key = m.stakeholder_key"):
            mentioned.setdefault(m["section_id"], []).extend(
                [m["name"], *json.loads(m["aliases"])])
        rows = self._rows("SELECT s.*, c.title AS chapter_title, c.phases AS chapter_phases "
                          "FROM sections s JOIN chapters c ON c.id = s.chapter_id")
        for r in rows:
            phases = json.loads(r["chapter_phases"]) or []
            if r["case_phase"]:
                phases = sorted(set(phases) | {r["case_phase"]})
            title = r["chapter_title"] if r["level"] == 1 else r["title"]
            docs.append({"id": r["id"], "kind": r["document"], "title": title,
                         "context": r["chapter_title"], "body": r["text"], "aliases": "",
                         "tags": " ".join(mentioned.get(r["id"], [])),
                         "phases": phases, "sector": "", "year": None, "location": r["id"]})
        for s in self.sources():
            docs.append({"id": f"source:{s.key}", "kind": "source", "title": s.title,
                         "context": f"{s.name_label} ({s.year}), {s.organisation}",
                         "body": "\n".join(part for part in (
                             s.summary, "; ".join(s.authors), s.organisation, ", ".join(s.topics))
                             if part),
                         "aliases": s.name_label, "tags": "", "phases": list(s.phases),
                         "sector": "",
                         "year": s.year, "location": f"source:{s.key}"})
        for h in self.stakeholders():
            docs.append({"id": f"stakeholder:{h.key}", "kind": "stakeholder", "title": h.name,
                         "context": h.sector, "body": h.summary,
                         "aliases": " ".join((*h.aliases, h.key)), "tags": "",
                         "phases": list(h.phases),
                         "sector": h.sector, "year": h.founded,
                         "location": f"stakeholder:{h.key}"})
        return docs
