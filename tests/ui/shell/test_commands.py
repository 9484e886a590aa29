"""The command table feeds the menus, the reader's right-click menu and the help page: what one
offers, the others offer with the same words and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from explorer.library.store import Library, Paragraph
from explorer.ui.shell import commands
from explorer.ui.shell.commands import Command
from explorer.ui.shell.help_page import HelpDialog
from explorer.ui.shell.main_window import MainWindow
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import make_window

# A popup menu asks the platform to raise it and give it the keyboard; offscreen, it cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

NATIVE = QKeySequence.SequenceFormat.NativeText
PARAGRAPH_COMMANDS = ["Copy paragraph reference", "Bookmark this paragraph", "Add a note to this paragraph…"]


@pytest.fixture
def window(qtbot: QtBot, library: Library, tmp_path: Path, told: Told) -> MainWindow:
    return make_window(qtbot, library, tmp_path)


def point_in(window: MainWindow, paragraph: Paragraph) -> QPoint:
    """A point (viewport coordinates) inside the paragraph's text, scrolled into view."""
    browser = window.reader.browser
    browser.scrollToAnchor(paragraph.id)
    block = browser.document().begin()
    while paragraph.id not in browser.paragraph_ids_in(block):
        block = block.next()
        assert block.isValid(), f"{paragraph.id} is not on the page"
    top = browser.document().documentLayout().blockBoundingRect(block).top()
    return QPoint(40, int(top) - browser.verticalScrollBar().value() + 6)


def right_click(qtbot: QtBot, window: MainWindow, point: QPoint) -> QMenu:
    """The context-menu event a right-click sends (a simulated click sends none offscreen)."""
    viewport = window.reader.browser.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                       viewport.mapToGlobal(point)))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def words(menu: QMenu) -> list[str]:
    """What the menu shows, in order ("-" for a separator, Qt's mnemonics and tab-keys dropped)."""
    return [a.text().replace("&", "").split("\t")[0] if a.text() else "-" for a in menu.actions()]


def help_text(window: MainWindow, qtbot: QtBot, keys: QKeySequence) -> str:
    """Press `keys` in the window; the help page must open: its text (the page is then closed)."""
    seen: list[str] = []

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, HelpDialog):
            seen.append(dialog.browser.toPlainText())
        if dialog is not None:
            dialog.close()

    window.activateWindow()          # a shortcut of the window works while it is the active one
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTimer.singleShot(200, read)
    qtbot.keyClick(window, keys[0].key(), keys[0].keyboardModifiers())
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen[0]


def test_right_click_offers_the_paragraph_commands_then_copy(qtbot: QtBot, window: MainWindow,
                                                              library: Library) -> None:
    window.navigate("report/opening")
    paragraph = library.chapter_paragraphs("report/opening")[1]
    menu = right_click(qtbot, window, point_in(window, paragraph))
    assert words(menu) == [paragraph.label, *PARAGRAPH_COMMANDS, "-", "Copy", "Copy Link Location", "-",
                           "Select All"]
    offered = [a for a in menu.actions() if a.text() in PARAGRAPH_COMMANDS]
    # The window's own actions: the same words and keys as the Reader menu.
    assert offered == [window.actions_by_name[name] for name in ("copy_reference", "bookmark", "note")]
    assert [a.shortcut().toString() for a in offered] == ["Ctrl+Alt+C", "Ctrl+D", "Ctrl+Shift+N"]
    assert all(a.isShortcutVisibleInContextMenu() for a in offered)
    menu.close()


def test_a_command_from_the_right_click_acts_on_that_paragraph(qtbot: QtBot, window: MainWindow,
                                                               library: Library) -> None:
    window.navigate("report/opening")
    first, second = library.chapter_paragraphs("report/opening")[:2]
    window.reader.browser.setTextCursor(window.reader.browser.cursorForPosition(point_in(window, first)))
    menu = right_click(qtbot, window, point_in(window, second))
    next(a for a in menu.actions() if a.text() == "Bookmark this paragraph").trigger()
    menu.close()
    assert [a.paragraph_id for a in window.userdata.annotations()] == [second.id]
    assert f"Bookmark added at {second.label}" in window.statusBar().currentMessage()


def test_right_click_in_a_selection_keeps_it_for_copy(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    window.navigate("report/opening")
    paragraph = library.chapter_paragraphs("report/opening")[1]
    browser = window.reader.browser
    point = point_in(window, paragraph)
    cursor = browser.cursorForPosition(point)
    cursor.movePosition(cursor.MoveOperation.StartOfBlock)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock, cursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    selected = cursor.selectedText()
    right_click(qtbot, window, point).close()
    assert browser.textCursor().selectedText() == selected != ""


def test_a_command_added_to_the_table_appears_in_menu_right_click_and_help(
        qtbot: QtBot, library: Library, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    extra = Command("highlight", "Highlight this paragraph", ("Ctrl+Shift+J",),
                    lambda w: ran.append(w.paragraphs.current().label), "&Reader", context=True)
    monkeypatch.setattr(commands, "COMMANDS", (*commands.COMMANDS, extra))
    window = make_window(qtbot, library, tmp_path)
    reader_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Reader")
    assert "Highlight this paragraph" in words(reader_menu)

    window.navigate("report/opening")
    paragraph = library.chapter_paragraphs("report/opening")[0]
    menu = right_click(qtbot, window, point_in(window, paragraph))
    assert words(menu)[1:5] == [*PARAGRAPH_COMMANDS, "Highlight this paragraph"]
    next(a for a in menu.actions() if a.text() == "Highlight this paragraph").trigger()
    menu.close()
    assert ran == [paragraph.label]

    text = help_text(window, qtbot, QKeySequence("F1"))
    assert f"\n{QKeySequence('Ctrl+Shift+J').toString(NATIVE)}\nHighlight this paragraph\n" in text


def test_f1_opens_the_help_page_listing_every_command_and_its_keys(qtbot: QtBot, window: MainWindow) -> None:
    text = help_text(window, qtbot, QKeySequence("F1"))
    for command in commands.COMMANDS:
        action = window.actions_by_name[command.name]
        keys = " or ".join(k.toString(NATIVE) for k in action.shortcuts())
        what = (command.help or command.text).rstrip("…")
        assert f"\n{keys or '(menu only)'}\n{what}\n" in text, command.name
    assert "Help ▸ About this edition" in text


def test_ctrl_slash_opens_the_help_page_too(qtbot: QtBot, window: MainWindow) -> None:
    assert "\nCtrl+K or Ctrl+F\nSearch everything\n" in help_text(window, qtbot, QKeySequence("Ctrl+/"))


def test_edition_details_stay_in_the_help_menu(window: MainWindow) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert words(help_menu) == ["Help and keyboard shortcuts", "About this edition and what changed"]
    assert window.actions_by_name["help"].shortcut().toString() == "F1"
    assert window.actions_by_name["about"].shortcuts() == []


def test_help_page_fits_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    dialog = HelpDialog(commands.shortcut_rows(), commands.first_keys(), window)
    qtbot.addWidget(dialog)
    screen = window.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
