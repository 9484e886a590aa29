"""A bug, as a trustee meets it: one plain dialog, the traceback in the log file, details to copy."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from explorer import log, paths
from explorer.ui.common import crash_handler
from explorer.ui.common.crash_dialog import TITLE, CrashDialog
from tests.conftest import ROOT


@pytest.fixture()
def logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REPORT_EXPLORER_HOME", str(tmp_path))
    log.stop()
    log_file = log.start()
    hooks = sys.excepthook, threading.excepthook
    yield log_file
    sys.excepthook, threading.excepthook = hooks
    log.stop()


@pytest.fixture()
def shown(monkeypatch: pytest.MonkeyPatch) -> list[CrashDialog]:
    dialogs: list[CrashDialog] = []

    def exec_(self: CrashDialog) -> int:
        dialogs.append(self)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", exec_)
    return dialogs


def _raise_bug() -> None:
    {}["no-such-key"]  # noqa: B018 (a bug on purpose)


def test_a_bug_shows_plain_words_and_logs_the_traceback(qtbot: QtBot, logged: Path,
                                                         shown: list[CrashDialog]) -> None:
    crash_handler.install()
    try:
        _raise_bug()
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    [dialog] = shown
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert dialog.windowTitle() == TITLE
    assert "notes and bookmarks are safe" in words and str(logged) in words
    assert "Traceback" not in words and "KeyError" not in words
    written = logged.read_text(encoding="utf-8")
    assert "CRITICAL explorer.crash: unexpected error" in written
    assert "Traceback (most recent call last)" in written and "_raise_bug" in written
    dialog.copy_button.click()
    from PySide6.QtWidgets import QApplication

    copied = QApplication.clipboard().text()
    assert copied.startswith("Report Explorer ") and "KeyError: 'no-such-key'" in copied
    assert "_raise_bug" in copied and dialog.copy_button.text() == "Copied"


def test_a_bug_in_a_worker_thread_is_logged(logged: Path, shown: list[CrashDialog]) -> None:
    crash_handler.install()
    worker = threading.Thread(target=_raise_bug, name="worker-under-test")
    worker.start()
    worker.join()
    assert not shown                                   # no dialog from a thread
    assert "unexpected error in thread worker-under-test" in logged.read_text(encoding="utf-8")


def test_messages_and_warnings_reach_the_log(qtbot: QtBot, logged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from explorer.ui.common.messages import Messages

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    Messages.error(None, "Cannot open", "“report/x” cannot be opened.", "no section 'report/x'")
    logging.getLogger("explorer.userdata.store").warning("backup skipped: disk full")
    written = logged.read_text(encoding="utf-8")
    assert "WARNING explorer.messages: Cannot open: “report/x” cannot be opened. (no section 'report/x')" in written
    assert "WARNING explorer.userdata.store: backup skipped: disk full" in written


def test_log_folder_follows_the_user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORT_EXPLORER_HOME", str(tmp_path))
    assert paths.log_dir() == tmp_path / "log"
    assert log.log_file() == tmp_path / "log" / "report-explorer.log"


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "log").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("REPORT_EXPLORER_HOME", str(tmp_path))
    log.stop()
    assert log.start() is None
    assert "warning: no log file" in capsys.readouterr().err


def test_the_app_writes_its_log_in_the_user_folder(fixture_library_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPORT_EXPLORER_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "explorer", "--library", str(fixture_library_dir), "open",
                             "--quit-after-paint"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "INFO explorer: started: library" in (tmp_path / "log" / "report-explorer.log").read_text(encoding="utf-8")
