"""Reading without losing your place: the tree follows the text, the place survives panels, text
size and theme, progress is shown, and searching does not take the page away until a hit is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.library.store import Library
from explorer.ui.shell.main_window import MainWindow
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import make_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, library: Library, tmp_path: Path, told: Told) -> MainWindow:
    window = make_window(qtbot, library, tmp_path)
    window.resize(760, 300)      # short, so the headings of the fixture's chapter reach the top
    qtbot.wait(50)
    return window


def line_at_top(window: MainWindow) -> str:
    """The text of the paragraph or heading at the top of the page, as the reader sees it."""
    return window.reader.browser.cursorForPosition(QPoint(8, 4)).block().text()


def tree_item(window: MainWindow) -> str:
    item = window.reader.toc.currentItem()
    return item.text(0) if item is not None else ""


def scroll_to_heading(qtbot: QtBot, window: MainWindow, anchor: str) -> None:
    """Scroll (as the wheel would) until the heading is at the top of the page."""
    window.reader.browser.scrollToAnchor(anchor)
    qtbot.wait(20)


def test_the_tree_follows_the_text_after_a_jump_and_a_scroll_back(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening#case-study-tutoring-pilot")
    assert tree_item(window) == "Case study: Tutoring pilot"
    # Scrolling back up into the section before, with the heading jumped to still on the page
    # below: the tree used to stay on the section jumped to, which was no longer being read.
    scroll_to_heading(qtbot, window, "places")
    assert line_at_top(window) == "Places and mobility"
    assert tree_item(window) == "Places and mobility"
    assert window.reader.current_section == "report/opening#places"
    scroll_to_heading(qtbot, window, "tutoring-in-small-groups")
    assert tree_item(window) == "Tutoring in small groups"


def test_the_tree_shows_the_chapter_at_its_top(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening#places")
    window.reader.browser.verticalScrollBar().setValue(0)
    assert tree_item(window) == "1. Opening chapter"


def test_opening_the_notes_panel_keeps_the_section_at_the_top(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1200, 300)      # room for the panel beside the text, so the text narrows
    window.navigate("report/opening#places")
    qtbot.wait(50)
    assert line_at_top(window) == "Places and mobility"
    width = window.reader.browser.viewport().width()
    window.actions_by_name["notes_panel"].trigger()
    qtbot.waitUntil(lambda: window.reader.browser.viewport().width() < width, timeout=3000)
    qtbot.wait(50)
    assert line_at_top(window) == "Places and mobility"
    assert window.reader.section_at_top() == "report/opening#places"
    assert tree_item(window) == "Places and mobility"


def test_a_narrower_window_keeps_a_place_inside_a_section(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening#places")
    scroll_to_heading(qtbot, window, "tutoring-in-small-groups")
    browser = window.reader.browser
    # Into the paragraph under the heading (a line or so: how far depends on the line spacing).
    paragraph = browser.cursorForPosition(QPoint(8, 4)).block().next()
    top = browser.document().documentLayout().blockBoundingRect(paragraph).top()
    browser.verticalScrollBar().setValue(int(top) + browser.fontMetrics().lineSpacing())
    qtbot.wait(20)
    words = line_at_top(window)
    assert words.startswith("Small-group tutoring")
    window.resize(window.width() - 150, window.height())
    qtbot.waitUntil(lambda: line_at_top(window) == words, timeout=3000)


def test_text_size_and_theme_keep_the_place(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening#places")
    qtbot.wait(50)
    window.actions_by_name["zoom_in"].trigger()
    window.actions_by_name["zoom_in"].trigger()
    assert line_at_top(window) == "Places and mobility"
    window.actions_by_name["theme"].trigger()
    assert line_at_top(window) == "Places and mobility"
    window.actions_by_name["numbers"].trigger()
    assert line_at_top(window) == "Places and mobility"
    assert tree_item(window) == "Places and mobility"


def test_progress_shows_the_chapter_and_how_far_through_it(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening")
    progress = window.reader.progress
    assert progress.isVisible()
    assert progress.label.text() == "Chapter 1 of 2 · 0%"
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert progress.label.text() == "Chapter 1 of 2 · 100%"
    assert progress.bar.value() == 100
    assert "50% through the report" in progress.toolTip()
    window.reader.next_button.click()
    assert progress.label.text().startswith("Chapter 2 of 2")


def test_ctrl_k_in_the_reader_keeps_the_page_until_a_hit_is_opened(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening#places")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.reader.browser.setFocus()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    assert window.stack.currentWidget() is window.reader
    assert line_at_top(window) == "Places and mobility"
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        qtbot.keyClicks(window.search_box, "tutoring pilot")
    assert window.stack.currentWidget() is window.search_view
    # Changing one's mind: Esc empties the box, a second Esc goes back to the page as it was.
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.reader
    assert line_at_top(window) == "Places and mobility"


def test_leaving_search_clears_the_box_and_it_shows_its_scope(qtbot: QtBot, window: MainWindow) -> None:
    window.search_box.setFocus()
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        qtbot.keyClicks(window.search_box, "small group")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.reader
    assert window.reader.highlight_count >= 2          # the words found are still marked
    assert window.search_box.text() == ""
    assert "report, sources and organisations" in window.search_box.placeholderText()
    assert window.userdata is not None and window.userdata.recent_searches() == ["small group"]
    assert QApplication.focusWidget() is not None


def test_the_search_page_asked_for_by_name_is_shown_ready_to_type(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("report/opening")
    window.actions_by_name["page-search"].trigger()
    assert window.stack.currentWidget() is window.search_view
    assert window.sidebar.currentItem().text() == "Search"
    assert "Type to search" in window.search_view.status.text()
