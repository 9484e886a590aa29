"""Start-up recovery: a damaged index is rebuilt behind a progress dialog, a damaged library is
offered a rebuild (from source) or explained (frozen); the user is told which, in plain words."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from explorer import paths
from explorer.library import schema
from explorer.library.index_stamp import EDITION_FILE
from explorer.library.store import Library
from explorer.search.engine import Search
from explorer.ui import app as app_module
from tests.conftest import GOOD_PACK
from tests.helpers.messages import Told


class ToldWithProgress(Told):
    """What the user was told and asked, and what a progress dialog showed (questions: yes)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool = True) -> None:
        super().__init__(monkeypatch, answer)
        self.progress: list[str] = []
        original = app_module.run_with_progress

        def recorded(text: str, fn: Callable[[], Any], parent: Any = None) -> tuple[Any, BaseException | None]:
            self.progress.append(text)
            return original(text, fn, parent)

        monkeypatch.setattr(app_module, "run_with_progress", recorded)


@pytest.fixture
def library_dir(fixture_library_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(fixture_library_dir, tmp_path / "library"))


def index_dir(library_dir: Path) -> Path:
    name = (library_dir / schema.POINTER_FILE).read_text(encoding="utf-8").strip()
    return library_dir / name / schema.INDEX_FOLDER


def _other_edition(library_dir: Path) -> None:
    path = index_dir(library_dir) / EDITION_FILE
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), "content_hash": "x"}),
                    encoding="utf-8")


@pytest.mark.parametrize(("damage", "said"), [
    (lambda d: shutil.rmtree(index_dir(d)), "The search index is missing."),
    (lambda d: next(index_dir(d).glob("*.seg")).write_bytes(b"junk"), "The search index is damaged"),
    (_other_edition, "The search index belongs to another edition of the report."),
], ids=["missing", "corrupt", "other-edition"])
def test_damaged_index_is_rebuilt_behind_a_progress_dialog(qtbot, library_dir: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           damage: Callable[[Path], None], said: str) -> None:
    damage(library_dir)
    told = ToldWithProgress(monkeypatch)
    library = app_module.open_or_rebuild(library_dir)
    assert isinstance(library, Library)
    [text] = told.progress
    assert text.startswith(said) and "Rebuilding it" in text
    assert told.errors == [] and told.questions == []
    assert library.check_index(deep=True) is None
    assert Search(library.index_path).search("tutoring").total > 0


def test_frozen_rebuild_goes_to_the_user_cache(qtbot, library_dir: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    # The rebuild runs in a child `repair`: here a source one, told by this process to use the cache.
    monkeypatch.setattr(paths, "self_command", lambda: [sys.executable, "-m", "explorer"])
    shutil.rmtree(index_dir(library_dir))
    told = ToldWithProgress(monkeypatch)
    library = app_module.open_or_rebuild(library_dir)
    assert library is not None and told.errors == []
    assert library.index_path.parent == paths.cache_dir()
    assert not index_dir(library_dir).exists()
    told.progress.clear()
    again = app_module.open_or_rebuild(library_dir)          # the next start: nothing to do
    assert again is not None and again.index_path == library.index_path and told.progress == []


def test_failed_index_rebuild_is_told_and_reading_still_works(qtbot, library_dir: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(index_dir(library_dir))
    with sqlite3.connect(index_dir(library_dir).parent / schema.DATABASE_FILE) as db:
        db.execute("DROP TABLE mentions")       # the index needs it; reading a section does not
    told = ToldWithProgress(monkeypatch)
    library = app_module.open_or_rebuild(library_dir)
    assert library is not None and library.section("report/opening").title
    [(title, text, detail)] = told.errors
    assert title == "Search is unavailable" and "Everything else does" in text
    assert "the search index is missing" in detail and "no such table: mentions" in detail


def _truncate_database(library_dir: Path) -> None:
    path = index_dir(library_dir).parent / schema.DATABASE_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_truncated_database_from_source_offers_a_rebuild(qtbot, library_dir: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "content_dir", lambda: GOOD_PACK)
    _truncate_database(library_dir)
    told = ToldWithProgress(monkeypatch, answer=True)
    library = app_module.open_or_rebuild(library_dir)
    assert isinstance(library, Library) and told.errors == []
    assert told.questions[0][0] == "Rebuild the library?"
    assert told.progress == ["Rebuilding the library…"]
    assert library.check_index() is None and library.stats()["report"]["chapters"] == 2


def test_truncated_database_when_frozen_says_what_to_do(qtbot, library_dir: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    _truncate_database(library_dir)
    told = ToldWithProgress(monkeypatch)
    assert app_module.open_or_rebuild(library_dir) is None
    [(title, text, detail)] = told.errors
    assert title == "The library cannot be opened" and told.questions == []
    assert "the library file is truncated" in detail and "Reinstall" in detail


def test_the_event_loop_runs_while_work_is_in_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    result, error = app_module.run_with_progress("Working…", lambda: time.sleep(0.5) or 42)
    timer.stop()
    assert (result, error) == (42, None)
    assert len(ticks) >= 10
