"""Meeting mode as a presenter meets it: F11 fills the screen with the page in large type, the chrome
goes, Ctrl+K searches over the page, and Esc puts everything back as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.library.store import Library
from explorer.ui.shell.main_window import MainWindow
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import make_window


@pytest.fixture
def window(qtbot: QtBot, library: Library, tmp_path: Path, told: Told) -> MainWindow:
    window = make_window(qtbot, library, tmp_path)
    window.resize(760, 560)
    window.navigate("report/opening")
    return window


def chrome(window: MainWindow) -> dict[str, bool]:
    return {"menu bar": window.menuBar().isVisible(), "toolbar": window.toolbar.isVisible(),
            "status bar": window.statusBar().isVisible(), "sidebar": window.sidebar.isVisible(),
            "contents": window.reader.toc.isVisible()}


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as a person presses it."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def start_meeting(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()      # keyboard shortcuts reach only the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.reader.browser.setFocus()
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=3000)


def overlay_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    overlay = window.meeting.overlay
    assert overlay.isVisible() and overlay.edit.hasFocus()
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        qtbot.keyClicks(overlay.edit, text)
    qtbot.waitUntil(lambda: overlay.model.rowCount() > 0, timeout=3000)


def test_f11_fills_the_screen_without_chrome_and_esc_restores_it(qtbot: QtBot, window: MainWindow) -> None:
    window.statusBar().show()
    geometry, size = window.geometry(), window.reader.browser.font().pointSizeF()
    assert all(chrome(window).values()), chrome(window)
    start_meeting(qtbot, window)
    qtbot.waitUntil(lambda: window.geometry() == window.screen().geometry(), timeout=3000)
    assert not any(chrome(window).values()), chrome(window)
    assert window.stack.currentWidget() is window.reader
    assert window.reader.browser.font().pointSizeF() >= size + 4
    assert "¶1" in window.reader.browser.toPlainText()
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    qtbot.waitUntil(lambda: window.geometry() == geometry, timeout=3000)
    assert all(chrome(window).values()), chrome(window)
    assert window.reader.browser.font().pointSizeF() == size
    assert "¶1" not in window.reader.browser.toPlainText()
    assert not window.actions_by_name["meeting"].isChecked()


def test_meeting_does_not_change_the_remembered_text_size(qtbot: QtBot, window: MainWindow) -> None:
    start_meeting(qtbot, window)
    assert not window.settings.get("zoom")
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.settings.get("zoom")


def test_a_stale_query_does_not_follow_into_the_meeting(qtbot: QtBot, window: MainWindow) -> None:
    window.search_box.setText("tutoring")
    start_meeting(qtbot, window)
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.meeting.overlay.edit.text() == ""
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""


def test_ctrl_k_searches_over_the_page_and_leaves_it_only_for_a_hit(qtbot: QtBot, window: MainWindow) -> None:
    start_meeting(qtbot, window)
    overlay_search(qtbot, window, "tutoring pilot")
    overlay = window.meeting.overlay
    assert window.stack.currentWidget() is window.reader          # the page is still behind
    assert overlay.font().pointSizeF() > QApplication.font().pointSizeF()
    assert overlay.geometry().width() > window.width() // 2
    first = overlay.model.hits[0]
    assert first.id == "report/opening#case-study-tutoring-pilot"
    press(qtbot, window, Qt.Key.Key_Return)
    assert not overlay.isVisible()
    assert window.stack.currentWidget() is window.reader and window.isFullScreen()
    assert window.reader.current_section == "report/opening#case-study-tutoring-pilot"
    assert window.reader.browser.hasFocus()


def test_esc_closes_the_search_first_then_the_meeting(qtbot: QtBot, window: MainWindow) -> None:
    start_meeting(qtbot, window)
    overlay_search(qtbot, window, "tutoring")
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.meeting.overlay.isVisible()
    assert window.isFullScreen() and window.reader.current_section == "report/opening"
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)


def test_a_source_hit_shows_its_card_large_over_the_page(qtbot: QtBot, window: MainWindow) -> None:
    start_meeting(qtbot, window)
    overlay_search(qtbot, window, "land of opportunity")
    overlay = window.meeting.overlay
    row = next(i for i, hit in enumerate(overlay.model.hits) if hit.kind == "source")
    overlay.list.setCurrentIndex(overlay.model.index(row, 0))
    press(qtbot, window, Qt.Key.Key_Return)
    assert overlay.pane.currentWidget() is overlay.card
    assert "Where is the land of opportunity?" in overlay.card.toPlainText()
    assert overlay.card.font().pointSizeF() > QApplication.font().pointSizeF()
    assert window.stack.currentWidget() is window.reader          # no sources table
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not overlay.isVisible() and window.isFullScreen()


def test_a_reference_typed_in_the_search_goes_to_the_paragraph(qtbot: QtBot, window: MainWindow) -> None:
    start_meeting(qtbot, window)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    overlay = window.meeting.overlay
    assert overlay.isVisible() and overlay.edit.text() == "§"
    qtbot.keyClicks(overlay.edit, "1.2 ¶1")
    press(qtbot, window, Qt.Key.Key_Return)
    assert not overlay.isVisible()
    assert window.reader.current_section == "report/opening#places"


def test_closing_during_a_meeting_saves_the_window_as_it_was(qtbot: QtBot, library: Library, tmp_path: Path,
                                                             told: Told) -> None:
    first = make_window(qtbot, library, tmp_path)
    first.resize(760, 560)
    first.navigate("report/opening")
    start_meeting(qtbot, first)
    first.close()
    second = make_window(qtbot, library, tmp_path)
    assert not second.isFullScreen() and second.size().width() == 760
    assert second.menuBar().isVisible() and second.sidebar.isVisible()
