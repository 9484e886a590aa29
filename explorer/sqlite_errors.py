"""SQLite failures sorted by their result code: those a person can act on (a busy, read-only,
full, damaged or missing file) and the rest, which are bugs (a wrong query) and must reach the
crash handler, not pass for a damaged library."""

from __future__ import annotations

import sqlite3

# Primary result codes (sqlite.org/rescode.html) and what they mean to the person at the screen.
EXPECTED: dict[int, str] = {
    5: "the file is in use by another program (try again in a moment)",     # SQLITE_BUSY
    6: "the file is locked by another program (try again in a moment)",     # SQLITE_LOCKED
    7: "there is not enough memory",                                       # SQLITE_NOMEM
    8: "the file is read-only",                                            # SQLITE_READONLY
    10: "the disk could not be read or written",                           # SQLITE_IOERR
    11: "the file is damaged",                                             # SQLITE_CORRUPT
    13: "the disk is full",                                                # SQLITE_FULL
    14: "the file cannot be opened",                                       # SQLITE_CANTOPEN
    23: "permission was refused",                                          # SQLITE_AUTH
    26: "the file is not a database (it may be damaged)",                  # SQLITE_NOTADB
}


def expected_problem(exc: sqlite3.Error) -> str | None:
    """Plain words for a failure a person can act on, or None when it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    return EXPECTED.get(code & 0xFF)
