"""The main window's dialogs opened from its commands: about this edition, briefing pack, print."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow


def show_about(window: MainWindow) -> None:
    from explorer.ui.shell.about import AboutDialog

    dialog = AboutDialog(window.library, window.changes, window)
    dialog.open_location.connect(window.navigate)
    dialog.exec()


def open_briefing(window: MainWindow) -> None:
    from explorer.ui.briefing.briefing_dialog import BriefingDialog

    chapter = window.reader.chapter_id if window.pages.showing("report") else None
    BriefingDialog(window.library, window.userdata, window, preselect_chapter=chapter).exec()


def print_chapter(window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if not window.reader.chapter_id:
        window.statusBar().showMessage("Open a chapter to print it.", 4000)
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, window).exec():
        window.reader.browser.document().print_(printer)
