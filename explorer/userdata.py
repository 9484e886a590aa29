"""Per-user data in its own SQLite file: reading position, recent searches (no Qt)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from explorer import paths
from explorer.errors import ExplorerError

USER_SCHEMA_VERSION = 1
FILE_NAME = "userdata.sqlite"
RECENT_LIMIT = 20

# Each migration moves the file from version N to N + 1; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE position (library TEXT PRIMARY KEY, location TEXT NOT NULL, scroll REAL NOT NULL,
                           updated REAL NOT NULL);
    CREATE TABLE recent_search (query TEXT PRIMARY KEY, used REAL NOT NULL);
    """,
)


class UserDataError(ExplorerError):
    """The per-user database cannot be opened or written."""


class UserData:
    """The user's own data; every change is one committed transaction (WAL), so a crash loses
    nothing already saved."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_data_dir() / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise UserDataError(f"{self.path}: cannot open your data ({exc})") from None

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

    def _write(self, sql: str, *params: object) -> None:
        try:
            with self.db:
                self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise UserDataError(f"{self.path}: could not save ({exc})") from None

    # Reading position ---------------------------------------------------------------------
    def save_position(self, library_id: str, location: str, scroll: float) -> None:
        self._write("INSERT INTO position VALUES (?, ?, ?, ?) ON CONFLICT(library) DO UPDATE "
                    "SET location = excluded.location, scroll = excluded.scroll, "
                    "updated = excluded.updated", library_id, location, scroll, time.time())

    def position(self, library_id: str) -> tuple[str, float] | None:
        row = self.db.execute("SELECT location, scroll FROM position WHERE library = ?",
                              (library_id,)).fetchone()
        return (row[0], float(row[1])) if row else None

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
        return [r[0] for r in self.db.execute(
            "SELECT query FROM recent_search ORDER BY used DESC, rowid DESC LIMIT ?",
            (RECENT_LIMIT,))]
