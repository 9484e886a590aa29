"""Per-user data in its own SQLite file: bookmarks, notes, reading position, recent searches.

No Qt here. Every change is one committed transaction in WAL mode, so a crash loses nothing
that was saved; a rolling backup of the file is taken at start (the last BACKUPS kept).
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from explorer import paths
from explorer.errors import ExplorerError
from explorer.sqlite_errors import expected_problem

if TYPE_CHECKING:
    from explorer.library.store import Library

FILE_NAME = "userdata.sqlite"
RECENT_LIMIT = 20
BACKUPS = 5

# Each migration moves the file from version N to N + 1; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE position (library TEXT PRIMARY KEY, location TEXT NOT NULL, scroll REAL NOT NULL,
                           updated REAL NOT NULL);
    CREATE TABLE recent_search (query TEXT PRIMARY KEY, used REAL NOT NULL);
    """,
    """
    CREATE TABLE annotation (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('bookmark', 'note')),
        paragraph_id TEXT NOT NULL,      -- stable id from the library (chapter + text hash)
        section_id TEXT NOT NULL,        -- where it was, to re-anchor if the paragraph changed
        quote TEXT NOT NULL,             -- the paragraph's text when the note was made
        body TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'changed', 'vanished')),
        created REAL NOT NULL, updated REAL NOT NULL
    );
    CREATE INDEX annotation_paragraph ON annotation(paragraph_id);
    """,
    """
    CREATE TABLE edition_seen (library TEXT PRIMARY KEY, snapshot TEXT NOT NULL, seen REAL NOT NULL);
    """,
)
USER_SCHEMA_VERSION = len(MIGRATIONS)


@dataclass
class _ImportedNote:
    """A bookmark or note being read back from exported Markdown."""

    kind: str
    paragraph_id: str
    section_id: str
    quote: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


class Annotation(NamedTuple):
    """A bookmark or a note, anchored to a paragraph id."""

    id: int
    kind: str
    paragraph_id: str
    section_id: str
    quote: str
    body: str
    status: str          # ok | changed (re-anchored to an edited paragraph) | vanished
    created: float
    updated: float


class ImportErrors(ExplorerError):
    """A notes file has lines that cannot be read; nothing was imported."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the notes file")


class UserDataError(ExplorerError):
    """The per-user database cannot be opened or written."""


class UserData:
    """The user's own data; every change is one committed transaction (WAL), so a crash loses
    nothing already saved."""

    def __init__(self, path: Path | None = None, backup: bool = True) -> None:
        self.path = path or paths.user_data_dir() / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if backup and self.path.exists():
                self._rolling_backup()
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise UserDataError(f"{self.path}: cannot open your data ({exc})") from None

    def _rolling_backup(self) -> None:
        """Copy the database (consistently, through SQLite) to backups/, keeping the last BACKUPS."""
        folder = self.path.parent / "backups"
        folder.mkdir(exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")   # sorts by time
        target = folder / f"{self.path.stem}-{stamp}.sqlite"
        # Written under a temporary name and renamed when whole: a crash mid-copy leaves no
        # half backup to count as one of the five (and the next start deletes what it left).
        for stale in folder.glob(f".{self.path.stem}-*.tmp*"):
            stale.unlink(missing_ok=True)
        temp = folder / f".{target.name}.tmp"
        source = sqlite3.connect(self.path)
        try:
            copy = sqlite3.connect(temp)
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        temp.replace(target)
        for old in sorted(folder.glob(f"{self.path.stem}-*.sqlite"))[:-BACKUPS]:
            old.unlink(missing_ok=True)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise UserDataError(f"{self.path} was written by a newer version of the app")
        for number in range(version, len(MIGRATIONS)):
            # One transaction per migration: the schema and its version change together.
            try:
                self.db.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[number]} "
                                      f"PRAGMA user_version = {number + 1}; COMMIT;")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()

    def _failed(self, exc: sqlite3.Error, doing: str) -> UserDataError:
        """A failure of the file (busy, full, read-only, damaged) as UserDataError; any other
        (a wrong query: a bug) is raised as it is, for the crash handler."""
        problem = expected_problem(exc)
        if problem is None:
            raise exc
        return UserDataError(f"{self.path}: could not {doing}: {problem} ({exc})")

    def _read(self, sql: str, *params: object) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._failed(exc, "read your data") from None

    def _write(self, sql: str, *params: object) -> None:
        try:
            with self.db:
                self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._failed(exc, "save") from None

    # Reading position ---------------------------------------------------------------------
    def save_position(self, library_id: str, location: str, scroll: float) -> None:
        self._write("INSERT INTO position VALUES (?, ?, ?, ?) ON CONFLICT(library) DO UPDATE "
                    "SET location = excluded.location, scroll = excluded.scroll, "
                    "updated = excluded.updated", library_id, location, scroll, time.time())

    def position(self, library_id: str) -> tuple[str, float] | None:
        rows = self._read("SELECT location, scroll FROM position WHERE library = ?", library_id)
        return (rows[0][0], float(rows[0][1])) if rows else None

    # Recent searches ----------------------------------------------------------------------
    def add_recent_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        self._write("INSERT INTO recent_search VALUES (?, ?) ON CONFLICT(query) DO UPDATE "
                    "SET used = excluded.used", query, time.time())
        self._write("DELETE FROM recent_search WHERE query NOT IN (SELECT query FROM "
                    "recent_search ORDER BY used DESC LIMIT ?)", RECENT_LIMIT)

    def recent_searches(self) -> list[str]:
        return [r[0] for r in self._read(
            "SELECT query FROM recent_search ORDER BY used DESC, rowid DESC LIMIT ?", RECENT_LIMIT)]

    # Bookmarks and notes ------------------------------------------------------------------
    def _annotation(self, row: tuple[Any, ...]) -> Annotation:
        return Annotation(*row)

    _COLUMNS = "id, kind, paragraph_id, section_id, quote, body, status, created, updated"

    def add_annotation(self, kind: str, paragraph_id: str, section_id: str, quote: str,
                       body: str = "") -> int:
        """Add a bookmark or note; returns its id."""
        now = time.time()
        try:
            with self.db:
                cursor = self.db.execute(
                    "INSERT INTO annotation (kind, paragraph_id, section_id, quote, body, created, "
                    "updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (kind, paragraph_id, section_id, quote, body, now, now))
        except sqlite3.Error as exc:
            raise self._failed(exc, "save") from None
        return int(cursor.lastrowid or 0)

    def update_note(self, annotation_id: int, body: str) -> None:
        self._write("UPDATE annotation SET body = ?, updated = ? WHERE id = ?", body, time.time(),
                    annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        self._write("DELETE FROM annotation WHERE id = ?", annotation_id)

    def annotations(self, kind: str | None = None) -> list[Annotation]:
        sql = f"SELECT {self._COLUMNS} FROM annotation"
        rows = self._read(sql + (" WHERE kind = ?" if kind else "") + " ORDER BY created, id",
                          *((kind,) if kind else ()))
        return [self._annotation(r) for r in rows]

    def annotations_for(self, paragraph_ids: list[str]) -> list[Annotation]:
        marks = ",".join("?" * len(paragraph_ids))
        rows = self._read(f"SELECT {self._COLUMNS} FROM annotation WHERE paragraph_id IN ({marks}) "
                          "ORDER BY created, id", *paragraph_ids)
        return [self._annotation(r) for r in rows]

    def search_notes(self, text: str) -> list[Annotation]:
        """Notes whose words or quoted paragraph contain every word of `text`."""
        words = [w for w in re.findall(r"\w+", text.casefold()) if w]
        if not words:
            return []
        return [a for a in self.annotations()
                if all(w in f"{a.body} {a.quote}".casefold() for w in words)]

    def reanchor(self, library: Library) -> dict[str, int]:
        """After a new edition: keep notes on their paragraph, or find where it went.

        A paragraph whose text changed has a new id: the note moves to the most similar
        paragraph of its section and is flagged 'changed'; with no similar paragraph left it is
        flagged 'vanished' (and kept). Returns counts by status.
        """
        from difflib import SequenceMatcher  # only needed after a new edition

        counts = {"ok": 0, "changed": 0, "vanished": 0}
        for note in self.annotations():
            if library.paragraph(note.paragraph_id) is not None:
                counts["ok" if note.status == "ok" else note.status] += 1
                continue
            candidates = library.paragraphs(note.section_id)
            best, score = None, 0.0
            for paragraph in candidates:
                ratio = SequenceMatcher(None, note.quote, paragraph.text).ratio()
                if ratio > score:
                    best, score = paragraph, ratio
            if best is not None and score >= 0.6:
                self._write("UPDATE annotation SET paragraph_id = ?, status = 'changed' WHERE id = ?",
                            best.id, note.id)
                counts["changed"] += 1
            else:
                self._write("UPDATE annotation SET status = 'vanished' WHERE id = ?", note.id)
                counts["vanished"] += 1
        return counts

    # Markdown export and import -----------------------------------------------------------
    def export_markdown(self, title: str = "Notes and bookmarks") -> str:
        """Every bookmark and note as Markdown that `import_markdown` reads back."""
        lines = [f"# {title}", ""]
        for a in self.annotations():
            lines.append(f"## {a.kind} {a.paragraph_id} {a.section_id}")
            lines.extend(f"> {line}" if line else ">" for line in a.quote.splitlines() or [""])
            lines.append("")
            if a.body:
                lines.extend(a.body.splitlines())
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    _HEADING = re.compile(r"^## (bookmark|note) (\S+) (\S+)\s*$")

    def import_markdown(self, text: str) -> int:
        """Add the bookmarks and notes of an exported file; returns how many.

        Raises:
            ImportErrors: naming each bad line; nothing is imported then.
        """
        entries: list[_ImportedNote] = []
        errors: list[str] = []
        current: _ImportedNote | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("# ") and current is None and not entries:
                continue
            if line.startswith("## "):
                match = self._HEADING.match(line)
                if not match:
                    errors.append(f"line {number}: expected '## bookmark|note <paragraph id> <section id>'")
                    current = None
                    continue
                current = _ImportedNote(kind=match.group(1), paragraph_id=match.group(2),
                                        section_id=match.group(3))
                entries.append(current)
            elif current is None:
                if line.strip():
                    errors.append(f"line {number}: text outside any note")
            elif line.startswith(">"):
                current.quote.append(line[1:].removeprefix(" "))
            else:
                current.body.append(line)
        if errors:
            raise ImportErrors(errors)
        existing = {(a.kind, a.paragraph_id, a.body) for a in self.annotations()}
        added = 0
        for entry in entries:
            body = "\n".join(entry.body).strip()
            quote = "\n".join(entry.quote).strip()
            if (entry.kind, entry.paragraph_id, body) in existing:
                continue   # importing the same file twice adds nothing
            self.add_annotation(entry.kind, entry.paragraph_id, entry.section_id, quote, body)
            added += 1
        return added

    # Editions seen ------------------------------------------------------------------------
    def last_seen_edition(self, library_id: str) -> dict[str, object] | None:
        """The snapshot (explorer.library.diff.snapshot) of the edition last opened, if any."""
        import json

        rows = self._read("SELECT snapshot FROM edition_seen WHERE library = ?", library_id)
        return dict(json.loads(rows[0][0])) if rows else None

    def remember_edition(self, library_id: str, snapshot: dict[str, object]) -> None:
        import json

        self._write("INSERT INTO edition_seen VALUES (?, ?, ?) ON CONFLICT(library) DO UPDATE SET "
                    "snapshot = excluded.snapshot, seen = excluded.seen", library_id, json.dumps(snapshot),
                    time.time())
