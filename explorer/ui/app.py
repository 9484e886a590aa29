"""Starting the app: the display check, opening the library (or rebuilding it), the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer import paths
from explorer.errors import ExplorerError, LibraryError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from explorer.library.store import Library


def display_available() -> bool:
    """Qt aborts without a display; say so plainly instead (Linux only needs the check)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY")
                or os.environ.get("WAYLAND_DISPLAY"))


def release_clipboard() -> None:
    """Swap rich clipboard data we set for its plain text before Qt shuts down.

    Mime data created from Python and handed to the clipboard is freed twice at exit by PySide6
    (a segfault after a clean run); plain text set here is owned by Qt alone and survives.
    """
    from PySide6.QtGui import QClipboard, QGuiApplication

    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    if clipboard.ownsClipboard() or clipboard.mimeData(QClipboard.Mode.Clipboard) is not None:
        clipboard.setText(clipboard.text())


def run_with_progress(text: str, fn: Callable[[], Any],
                      parent: QWidget | None = None) -> tuple[Any, BaseException | None]:
    """Run `fn` on a worker thread behind a modal progress dialog saying `text`; the event loop
    keeps running meanwhile. Returns (result, None) or (None, the error)."""
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    from explorer.ui.common.workers import run_in_background

    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle("Report Explorer")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    relay = run_in_background(fn, done, failed, dialog)
    loop.exec()
    del relay
    dialog.close()
    dialog.deleteLater()
    return outcome.get("result"), outcome.get("error")


def open_or_rebuild(library_dir: Path, parent: QWidget | None = None) -> Library | None:
    """Open the library; if it is missing or damaged and the content is here, offer to rebuild it.
    A library that opens but whose search index does not is repaired by `repair_index`."""
    from explorer.library.store import Library

    try:
        library = Library(library_dir)
    except LibraryError as exc:
        problem = str(exc)
    else:
        repair_index(library, parent)
        return library
    from explorer.ui.common.messages import Messages

    content = paths.content_dir()
    if paths.is_frozen() or not (content / "pack.toml").is_file():
        Messages.error(parent, "The library cannot be opened",
                       "The report's library is missing or damaged, so there is nothing to show.",
                       f"{problem}\n\nReinstall Report Explorer, or ask IT for a fresh copy.")
        return None
    if not Messages.ask(parent, "Rebuild the library?",
                        "The report's library is missing or damaged. It can be rebuilt from the "
                        "report's content now (this takes a few seconds).", "Rebuild"):
        return None
    from explorer.content.build import build_library

    _, error = run_with_progress("Rebuilding the library…",
                                 lambda: build_library(content, library_dir), parent)
    if error is not None:
        detail = "\n".join(str(e) for e in getattr(error, "errors", [])[:20]) or str(error)
        Messages.error(parent, "Rebuild failed", "The library could not be rebuilt.", detail)
        return None
    try:
        return Library(library_dir)
    except ExplorerError as exc:
        Messages.error(parent, "The library cannot be opened", str(exc))
        return None


def repair_index(library: Library, parent: QWidget | None = None) -> bool:
    """If the search index is missing, damaged, or of another edition, say so and rebuild it from
    the library's SQLite (into the user cache when the build folder is read-only): in a child
    process that a worker thread waits for, so the window keeps responding. Returns whether
    search is usable; reading works either way."""
    problem = library.check_index()
    if problem is None:
        return True
    from explorer.integrity import rebuild_index_apart
    from explorer.ui.common.messages import Messages

    text = (f"{problem[0].upper()}{problem[1:]}.\n"
            "Rebuilding it from the report's library; this takes a few seconds…")
    _, error = run_with_progress(text, lambda: rebuild_index_apart(library), parent)
    if error is not None:
        Messages.error(parent, "Search is unavailable",
                       "The search index could not be rebuilt, so searching will not work. "
                       "Everything else does.", f"{problem}\n\n{error}")
        return False
    return True


def _start_log(library_dir: Path) -> None:
    from explorer import log

    log.get("explorer").info("started: library %s, %s", library_dir,
                             "frozen" if paths.is_frozen() else "from source")


def run_app(library_dir: Path, quit_after_paint: bool = False) -> int:
    """Open the main window on the library; returns the process exit code."""
    if not display_available():
        print("error: no display found. Run Report Explorer from a desktop session, or set "
              "QT_QPA_PLATFORM=offscreen for a headless check.", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.ui.common import crash_handler

    crash_handler.install()
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(crash_handler.qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Report Explorer")
    app.setOrganizationName("ReportExplorer")
    library = open_or_rebuild(library_dir)
    if library is None:
        return 1
    from explorer.ui.shell.main_window import MainWindow
    from explorer.userdata.store import UserData, UserDataError

    try:
        userdata: UserData | None = UserData()
    except UserDataError as exc:
        from explorer.ui.common.messages import Messages

        Messages.error(None, "Your notes cannot be opened",
                       "Report Explorer will run, but nothing you change will be saved.", str(exc))
        userdata = None
    window = MainWindow(library, userdata)
    if quit_after_paint:
        def painted() -> None:
            print("first-paint", flush=True)
            QTimer.singleShot(0, app.quit)

        window.first_painted.connect(painted)
    # The log's module costs ~15 ms to import: started once the window is up (or at the first
    # crash or message, which start it themselves), and at the latest when the app quits.
    window.first_painted.connect(lambda: QTimer.singleShot(300, window, lambda: _start_log(library_dir)))
    app.aboutToQuit.connect(lambda: _start_log(library_dir))
    app.aboutToQuit.connect(release_clipboard)
    # Open the search index only once the window is on screen: importing whoosh on the worker
    # thread would otherwise compete with the first paint for the interpreter.
    window.first_painted.connect(lambda: QTimer.singleShot(50, window.search_service.warm_up))
    window.show()
    code = int(app.exec())
    if userdata is not None:
        userdata.close()      # every change was already committed; this only tidies the WAL
    return code
