"""User data: bookmarks and notes that survive rebuilds, crashes and a round trip through Markdown."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.content.build import build_library
from explorer.library.store import Library
from explorer.userdata.store import BACKUPS, MIGRATIONS, ImportErrors, UserData
from tests.conftest import ROOT, make_pack


@pytest.fixture
def data(tmp_path: Path) -> UserData:
    return UserData(tmp_path / "user.sqlite")


def test_wal_and_schema_version(data: UserData) -> None:
    assert data.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert data.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO recent_search VALUES ('kept', 1)")
    db.commit()
    db.close()
    data = UserData(path)
    assert data.recent_searches() == ["kept"]
    data.add_annotation("note", "p-1", "report/x", "quote", "body")
    assert len(data.annotations()) == 1


def test_newer_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 99").connection.close()
    from explorer.userdata.store import UserDataError

    with pytest.raises(UserDataError, match="newer version"):
        UserData(path)


def test_rolling_backup_keeps_the_last_five(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    for n in range(BACKUPS + 3):
        data = UserData(path)
        data.add_recent_search(f"q{n}")
        data.close()
    backups = sorted((tmp_path / "backups").glob("user-*.sqlite"))
    assert len(backups) == BACKUPS
    newest = sqlite3.connect(backups[-1])
    assert newest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert newest.execute("SELECT COUNT(*) FROM recent_search").fetchone()[0] == BACKUPS + 2


def test_a_backup_cut_short_by_a_crash_is_never_kept(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    for _ in range(BACKUPS):
        UserData(path).close()
    folder = tmp_path / "backups"
    (folder / ".user-20000101-000000-000000.sqlite.tmp").write_bytes(b"SQLite format 3\x00 cut short")
    (folder / ".user-20000101-000000-000000.sqlite.tmp-journal").write_bytes(b"\x00" * 512)
    UserData(path).close()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    backups = sorted(folder.glob("user-*.sqlite"))
    assert len(backups) == BACKUPS
    for backup in backups:                     # every one of the five is a whole database
        db = sqlite3.connect(backup)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()


def test_markdown_round_trip(data: UserData, tmp_path: Path) -> None:
    data.add_annotation("bookmark", "report-opening-1", "report/opening", "First paragraph.")
    data.add_annotation("note", "report-opening-2", "report/opening#places", "Second\nparagraph.",
                        "My thoughts.\n\nOn two lines > with a chevron.")
    text = data.export_markdown()
    other = UserData(tmp_path / "other.sqlite")
    assert other.import_markdown(text) == 2
    strip = [(a.kind, a.paragraph_id, a.section_id, a.quote, a.body) for a in data.annotations()]
    assert [(a.kind, a.paragraph_id, a.section_id, a.quote, a.body) for a in other.annotations()] == strip
    assert other.import_markdown(text) == 0       # importing twice adds nothing
    assert other.export_markdown() == text


@pytest.mark.parametrize(("text", "message"), [
    ("# Notes\n\n## memo p-1 report/x\n", "line 3: expected"),
    ("stray text\n", "line 1: text outside any note"),
])
def test_import_reports_bad_lines(data: UserData, text: str, message: str) -> None:
    with pytest.raises(ImportErrors) as caught:
        data.import_markdown(text)
    assert caught.value.errors[0].startswith(message)
    assert data.annotations() == []


def test_search_covers_notes(data: UserData) -> None:
    data.add_annotation("note", "p-1", "report/x", "Tutoring in small groups.", "Ask the board about cost")
    assert [a.body for a in data.search_notes("board cost")] == ["Ask the board about cost"]
    assert data.search_notes("tutoring")[0].paragraph_id == "p-1"
    assert data.search_notes("nothing here") == []


def test_notes_are_reanchored_after_a_rebuild(tmp_path: Path, data: UserData) -> None:
    pack = make_pack(tmp_path)
    old = Library(build_library(pack, tmp_path / "a").path)
    first, second, third, fourth = old.chapter_paragraphs("report/opening")
    for paragraph in (first, second, fourth):
        data.add_annotation("note", paragraph.id, paragraph.section_id, paragraph.text, "n")
    chapter = pack / "report" / "01-opening.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("Small-group tutoring is a well-evidenced approach",
                        "Small-group tutoring is a very well-evidenced approach")
    text = text.replace("A pilot of tutoring run with [[eef|the Foundation]] and the [[dfe]].",
                        "Something else entirely, with no words in common at all.")
    chapter.write_text(text, encoding="utf-8")
    new = Library(build_library(pack, tmp_path / "b").path)
    assert data.reanchor(new) == {"ok": 1, "changed": 1, "vanished": 1}
    by_quote = {a.quote[:20]: a for a in data.annotations()}
    assert by_quote[first.text[:20]].status == "ok"
    moved = by_quote[second.text[:20]]
    assert moved.status == "changed" and new.paragraph(moved.paragraph_id) is not None
    assert by_quote[fourth.text[:20]].status == "vanished"


WRITER = """
import sys
from pathlib import Path
from explorer.userdata.store import UserData
data = UserData(Path(sys.argv[1]), backup=False)
n = 0
while True:
    n += 1
    data.add_annotation("note", f"p-{n}", "report/x", "quote " * 50, f"note {n}")
    print(n, flush=True)
"""


def test_nothing_committed_is_lost_when_a_writer_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "user.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    confirmed = 0
    for round_number in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                                  text=True, env=env)
        assert writer.stdout is not None
        last = 0
        deadline = time.monotonic() + 0.05 + 0.02 * round_number
        while time.monotonic() < deadline or last == 0:
            last = int(writer.stdout.readline())
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        confirmed += last           # every number printed was committed before it was printed
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute("SELECT COUNT(*) FROM annotation").fetchone()[0]
        db.close()
        assert stored >= confirmed
        confirmed = stored
