"""Reading settings and the whole-interface text size, in the real window: text size grows the
lists, tables, cards and dialogs too and is remembered; theme, spacing and column change the
reader at once and come back next time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.library.store import Library
from explorer.ui.common import theme
from explorer.ui.shell.main_window import MainWindow
from explorer.ui.shell.reading_settings import ReadingSettingsDialog
from explorer.ui.shell.settings import Settings
from explorer.userdata.store import UserData

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _default_look() -> Iterator[None]:
    """The look is application-wide: each test leaves the defaults behind."""
    yield
    theme.LOOK.column, theme.LOOK.line_spacing, theme.LOOK.paper = "medium", "comfortable", "light"
    theme.set_text_steps(QApplication.instance(), 0)  # type: ignore[arg-type]


def make_window(qtbot, library: Library, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library, UserData(tmp_path / "user.sqlite"), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_larger_text_grows_lists_tables_cards_dialogs_and_the_reader(qtbot, library: Library,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    window = make_window(qtbot, library, tmp_path)
    window.navigate("report/opening")
    sources = window.sources          # a table and a card pane
    before = {"list": window.sidebar.font().pointSizeF(), "table": sources.table.font().pointSizeF(),
              "menu": window.menuBar().font().pointSizeF(), "reader": window.reader.browser.font().pointSizeF()}
    for _ in range(3):
        window.actions_by_name["zoom_in"].trigger()
    # Qt hands the new application font to the widgets through the event loop.
    qtbot.waitUntil(lambda: window.sidebar.font().pointSizeF() == before["list"] + 3)
    assert sources.table.font().pointSizeF() == before["table"] + 3
    assert window.menuBar().font().pointSizeF() == before["menu"] + 3
    assert window.reader.browser.font().pointSizeF() > before["reader"] + 3
    seen: list[float] = []

    def look() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.font().pointSizeF())
        box.accept()

    QTimer.singleShot(50, look)
    QMessageBox.information(window, "A dialog", "Its text follows the size too.")
    assert seen == [before["list"] + 3]
    assert window.settings.get("zoom") == 3
    window.actions_by_name["zoom_reset"].trigger()
    qtbot.waitUntil(lambda: window.sidebar.font().pointSizeF() == before["list"])


def test_the_text_size_comes_back_next_time(qtbot, library: Library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, tmp_path)
    base = first.sidebar.font().pointSizeF()
    first.zoom(2)
    first.close()
    theme.set_text_steps(QApplication.instance(), 0)  # type: ignore[arg-type]  # as in a new run
    second = make_window(qtbot, library, tmp_path)
    assert second.zoom_steps == 2
    qtbot.waitUntil(lambda: second.sidebar.font().pointSizeF() == base + 2)


def test_the_dialog_changes_the_reader_at_once_and_remembers(qtbot, library: Library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, library, tmp_path)
    window.resize(1500, 800)
    window.navigate("report/opening")
    reader = window.reader
    wide_column = reader.browser.column_width()
    dialog = ReadingSettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.column.setCurrentIndex(dialog.column.findData("narrow"))
    assert reader.browser.column_width() < wide_column
    dialog.spacing.setCurrentIndex(dialog.spacing.findData("airy"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("sepia"))
    dialog.size_box.setValue(2)
    assert reader.browser.style_in_use.line_spacing == theme.LINE_SPACINGS["airy"]
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == theme.SEPIA["bg"]
    assert f"background: {theme.SEPIA['bg']}" in theme.reader_css(window.dark)
    assert not window.actions_by_name["theme"].isChecked()       # sepia is not dark
    assert window.zoom_steps == 2
    remembered = {name: window.settings.get(name) for name in ("theme", "reading/column",
                                                               "reading/line_spacing", "zoom")}
    assert remembered == {"theme": "sepia", "reading/column": "narrow",
                          "reading/line_spacing": "airy", "zoom": 2}


def test_reading_settings_is_in_the_view_menu(qtbot, library: Library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, library, tmp_path)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert "Reading settings…" in [a.text() for a in view_menu.actions()]
