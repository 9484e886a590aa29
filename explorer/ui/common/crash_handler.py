"""Bugs, caught: every uncaught exception is logged with its traceback and shown as one plain
dialog (on the main thread); the app keeps running. (traceback is imported when a bug happens:
it costs start-up time every run otherwise.)"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from explorer import log

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

_state = {"showing": False}
_log_file: list[Path | None] = [None]


def _record(kind: type[BaseException], value: BaseException, tb: TracebackType | None, where: str) -> str:
    """Write the traceback to the log and to stderr (developers and the journey tests read it)."""
    import traceback

    text = "".join(traceback.format_exception(kind, value, tb))
    _log_file[0] = log.start()
    log.get("explorer.crash").critical("unexpected error%s\n%s", where, text.rstrip())
    print(text, file=sys.stderr, end="")
    return text


def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log the traceback, tell the user in plain words (one dialog at a time)."""
    text = _record(kind, value, tb, "")
    if _state["showing"] or threading.current_thread() is not threading.main_thread():
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    from explorer.ui.common.crash_dialog import CrashDialog, details_text

    _state["showing"] = True
    try:
        summary = f"{kind.__name__}: {value}"
        CrashDialog(details_text(summary, text), _log_file[0], QApplication.activeWindow()).exec()
    finally:
        _state["showing"] = False


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    _record(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback,
            f" in thread {args.thread.name if args.thread else '?'}")


def install() -> None:
    """Route uncaught exceptions (main thread and workers) here."""
    sys.excepthook = handle
    threading.excepthook = _thread_hook


# What the offscreen platform says about window hints it cannot apply: nothing a user would see.
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings (a missing plugin, a bad style sheet) go to the log as well as stderr."""
    if message in HARMLESS_QT_MESSAGES:
        return    # nor is the log (~15 ms to start) started for it before the first paint
    import logging

    from PySide6.QtCore import QtMsgType

    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}.get(mode, logging.WARNING)
    log.get("explorer.qt").log(level, "%s", message)
    if level >= logging.WARNING:
        print(f"qt: {message}", file=sys.stderr)
