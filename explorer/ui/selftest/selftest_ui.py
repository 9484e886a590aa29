"""The self-test's interface checks: fonts, the home page and a section drawn, then the walk
through every page, dialog and link kind. Offscreen, unless QT_QPA_PLATFORM names a platform.

`explorer.selftest` stays free of Qt: the command line passes these checks to it.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any

from PySide6 import QtPrintSupport  # noqa: F401 (printing and PDF export need it: prove it loads)
from PySide6.QtCore import QByteArray, Qt, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QFontInfo, QGuiApplication
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from explorer import log
from explorer.library.store import Library
from explorer.selftest import Check, CheckFailed
from explorer.ui.common.crash_handler import HARMLESS_QT_MESSAGES
from explorer.ui.home.home_view import HomeView
from explorer.ui.reader.reader_view import ReaderView
from explorer.ui.selftest.walk_tools import TRAILS, BrowserRecorder, StepFailed, has_ink, private_user_folders, words
from explorer.ui.selftest.walkthrough import Walk


def check_render(state: dict[str, Any]) -> str:
    """Fonts, the home page and one report section drawn into widgets never put on screen."""
    return render_pages(state["library"])


def check_journeys(state: dict[str, Any]) -> str:
    """Every page, dialog and link kind, in the real main window."""
    try:
        return walk(state["library"])
    except StepFailed as exc:
        raise CheckFailed(str(exc)) from None


def walk(library: Library) -> str:
    """Walk every page, dialog and link kind; return a summary line.

    Raises:
        StepFailed: a step failed (its name comes first in the message).
    """
    with private_user_folders() as folder:
        previous_hook = sys.excepthook

        def record(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            if TRAILS:
                TRAILS[-1].exceptions.append(f"uncaught {kind.__name__}: {value}")

        browser_hook = BrowserRecorder()
        for scheme in ("http", "https", "mailto"):
            # The ignore: PySide6's stub wants the slot name as bytes; it only accepts str.
            QDesktopServices.setUrlHandler(scheme, browser_hook, "open")  # type: ignore[arg-type]
        sys.excepthook = record
        started = time.perf_counter()
        try:
            tour = Walk(library, folder)
            TRAILS.append(tour.trail)
            browser_hook.trail = tour.trail
            try:
                notes = tour.run()
            finally:
                tour.close()
        finally:
            log.stop()     # a message shown in the walk started the log in the throw-away folder
            TRAILS.clear()
            sys.excepthook = previous_hook
            for scheme in ("http", "https", "mailto"):
                QDesktopServices.unsetUrlHandler(scheme)
        return (f"walked {len(notes)} steps in {time.perf_counter() - started:.1f} s "
                f"({len(tour.trail.answered)} dialogs answered)")


def render_pages(library: Library) -> str:
    """Render the home page and one report section into widgets never put on screen.

    Raises:
        CheckFailed: no fonts, a blank page, or a page without its title.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)  # instance() is typed QCoreApplication; ours has a GUI
    if not QFontInfo(app.font()).family():   # fontconfig lists its aliases even with no font at all
        raise CheckFailed("no fonts found, so text would draw as empty boxes: install fontconfig "
                          "and a font (Debian: fonts-dejavu-core)")
    figures = library.figures()
    if figures and not QSvgRenderer(QByteArray(figures[0].svg.encode("utf-8"))).isValid():
        raise CheckFailed(f"figure '{figures[0].key}' does not render (Qt SVG)")
    report = [entry.id for entry in library.toc("report")]
    if not report:
        raise CheckFailed("the report has no sections")
    with_figure = [f.section_id for f in figures if f.section_id in report]
    section = library.section(with_figure[0] if with_figure else report[0])
    pages = []
    home, reader = HomeView(library), ReaderView(library)
    try:
        for widget in (home, reader):
            widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            widget.resize(1000, 700)
            widget.ensurePolished()
        reader.open(section.id)
        app.processEvents()
        for name, widget, browser, title in (
                ("home page", home, home.browser, library.edition().title),
                (f"section {section.id}", reader, reader.browser, section.title)):
            if words(title) not in words(browser.toPlainText()):
                raise CheckFailed(f"the {name} does not show its title '{title}'")
            if not has_ink(widget):
                raise CheckFailed(f"the {name} rendered blank")
            pages.append(name)
    finally:
        for widget in (home, reader):
            widget.close()
            widget.deleteLater()
        app.processEvents()
    return f"rendered {' and '.join(pages)} ({QGuiApplication.platformName()})"


def _qt_message(_mode: object, _context: object, message: str) -> None:
    if message not in HARMLESS_QT_MESSAGES:
        print(f"qt: {message}", file=sys.stderr)


def use_offscreen() -> None:
    """The self-test draws offscreen (no window flashes on a desktop) unless told otherwise.

    Not on Windows: Qt's offscreen platform there finds no fonts (it reads font files from a
    folder, not the system's font service), so the walk uses the desktop for a second or two,
    with Qt's own file dialogs, which it can answer, instead of the system's.
    """
    qInstallMessageHandler(_qt_message)
    if sys.platform == "win32":
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


CHECKS: tuple[Check, ...] = (("render", "library", check_render), ("journeys", "render", check_journeys))
