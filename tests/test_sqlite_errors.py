"""SQLite failures: what a person can act on is told in plain words; a wrong query is a bug."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.errors import LibraryDamaged, LibraryNotFound
from explorer.library.store import Library
from explorer.sqlite_errors import expected_problem
from explorer.userdata.store import UserData, UserDataError


def _error(action) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_real_failures_are_sorted_by_their_code(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 200)
    not_a_database = _error(lambda: sqlite3.connect(garbage).execute("SELECT 1 FROM sqlite_master").fetchall())
    good = tmp_path / "good.sqlite"
    sqlite3.connect(good).execute("CREATE TABLE t (x)").connection.commit()
    read_only = _error(lambda: sqlite3.connect(f"{good.as_uri()}?mode=ro", uri=True)
                       .execute("INSERT INTO t VALUES (1)"))
    holder = sqlite3.connect(good, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    busy = _error(lambda: sqlite3.connect(good, timeout=0).execute("SELECT * FROM t").fetchall())
    holder.execute("ROLLBACK")
    wrong_query = _error(lambda: sqlite3.connect(good).execute("SELECT nothing FROM nowhere"))
    assert expected_problem(not_a_database) == "the file is not a database (it may be damaged)"
    assert expected_problem(read_only) == "the file is read-only"
    assert expected_problem(busy) is not None and "another program" in expected_problem(busy)  # type: ignore[operator]
    assert expected_problem(wrong_query) is None                       # a bug, not the user's problem


def test_missing_and_damaged_libraries_are_told_apart(fixture_library_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(LibraryNotFound):
        Library(tmp_path / "nowhere")
    copy = tmp_path / "copy"
    shutil.copytree(fixture_library_dir, copy)
    database = next(copy.glob("build-*/library.sqlite"))
    database.write_bytes(b"\0" * database.stat().st_size)
    with pytest.raises(LibraryDamaged):
        Library(copy)


def test_a_wrong_query_is_a_bug_not_a_damaged_library(library: Library) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        library._rows("SELECT no_such_column FROM sources")


def test_user_data_on_a_busy_file_is_a_plain_message(tmp_path: Path) -> None:
    userdata = UserData(tmp_path / "user.sqlite")
    userdata.db.execute("PRAGMA busy_timeout = 0")
    holder = sqlite3.connect(tmp_path / "user.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserDataError, match="could not save: the file is in use by another program"):
            userdata.add_recent_search("tutoring")
    finally:
        holder.execute("ROLLBACK")
    userdata.add_recent_search("tutoring")                      # and works once the file is free
    assert userdata.recent_searches() == ["tutoring"]


def test_a_wrong_query_on_user_data_is_a_bug(tmp_path: Path) -> None:
    userdata = UserData(tmp_path / "user.sqlite")
    with pytest.raises(sqlite3.OperationalError):
        userdata._read("SELECT no_such_column FROM annotation")
