"""Starting the app: first paint, no display, a missing or damaged library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import paths
from explorer.library.store import Library
from explorer.ui import app as app_module
from tests.conftest import GOOD_PACK, ROOT
from tests.helpers.messages import Told


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_window_paints_and_quits(fixture_library_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPORT_EXPLORER_HOME": str(tmp_path)}
    result = run_cli("--library", str(fixture_library_dir), "open", "--quit-after-paint", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "first-paint"


def test_no_display_is_a_clear_message(fixture_library_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = run_cli("--library", str(fixture_library_dir), env=env)
    assert result.returncode == 2
    assert "no display found" in result.stderr and "Traceback" not in result.stderr


def test_missing_library_is_rebuilt_from_content(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "content_dir", lambda: GOOD_PACK)
    told = Told(monkeypatch, answer=True)
    library = app_module.open_or_rebuild(tmp_path / "library")
    assert isinstance(library, Library)
    assert told.questions[0][0] == "Rebuild the library?"
    assert library.stats()["report"]["chapters"] == 2


def test_damaged_library_offers_rebuild(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "content_dir", lambda: GOOD_PACK)
    folder = tmp_path / "library" / "build-x"
    folder.mkdir(parents=True)
    (folder / "library.sqlite").write_bytes(b"this is not a database")
    (tmp_path / "library" / "CURRENT").write_text("build-x\n")
    told = Told(monkeypatch, answer=False)
    assert app_module.open_or_rebuild(tmp_path / "library") is None
    assert told.questions and told.errors == []


def test_missing_library_without_content_says_what_to_do(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "content_dir", lambda: tmp_path / "no-content")
    told = Told(monkeypatch, answer=True)
    assert app_module.open_or_rebuild(tmp_path / "library") is None
    title, text, detail = told.errors[0]
    assert title == "The library cannot be opened"
    assert "Reinstall" in detail
