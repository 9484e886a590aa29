"""How the reader sets its text, measured on the real report in the real window: a centred column
of about 65-75 characters at common window widths, lines 1.5 font sizes apart, the bundled reading
font, marks the font can draw, and figures that do not glare in the dark theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QFontMetricsF, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from explorer.library.store import Library
from explorer.ui.common import theme
from explorer.ui.reader.chapter_html import MARKS
from explorer.ui.reader.reader_view import ReaderView
from explorer.ui.shell.main_window import MainWindow
from explorer.ui.shell.settings import Settings
from explorer.userdata.store import UserData

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _default_look() -> Iterator[None]:
    """The look is application-wide: each test starts from, and leaves, the defaults."""
    yield
    theme.LOOK.column, theme.LOOK.line_spacing, theme.LOOK.paper = "medium", "comfortable", "light"
    app = QApplication.instance()
    theme.set_text_steps(app, 0)  # type: ignore[arg-type]


def make_window(qtbot, library: Library, tmp_path: Path, **settings: object) -> MainWindow:  # type: ignore[no-untyped-def]
    store = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    for name, value in settings.items():
        store.set(name.replace("__", "/"), value)
    window = MainWindow(library, UserData(tmp_path / "user.sqlite"), store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def paragraph_line_lengths(document: QTextDocument) -> list[int]:
    """Characters on each full line of the paragraphs of three lines or more (last lines are short)."""
    lengths = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() >= 3 and block.text()[:1].isalpha():
            lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        block = block.next()
    return lengths


@pytest.mark.parametrize(("width", "least"), [(1000, 58), (1366, 62), (1920, 62)])
def test_lines_hold_about_65_to_75_characters_at_any_width(qtbot, real_library: Library, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          width: int, least: int) -> None:
    window = make_window(qtbot, real_library, tmp_path)
    window.resize(width, 760)
    window.navigate("report/early-years")
    qtbot.wait(20)
    lengths = paragraph_line_lengths(window.reader.browser.document())
    average = sum(lengths) / len(lengths)
    # At 1000 px the sidebar and contents leave the pane narrower than the column.
    assert least <= average <= 75, f"{average:.1f} characters a line at {width} px"
    assert max(lengths) <= 80


def test_the_column_is_centred_in_a_wide_window(qtbot, real_library: Library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, real_library, tmp_path)
    window.resize(1920, 1000)
    window.navigate("report/early-years")
    qtbot.wait(20)
    browser = window.reader.browser
    frame = browser.document().rootFrame().frameFormat()
    assert frame.leftMargin() == pytest.approx(frame.rightMargin())
    assert frame.leftMargin() > 250          # not a line from edge to edge
    # The first words start at the left margin, not at the pane's edge.
    start = browser.document().find("The years before school")
    start.setPosition(start.selectionStart())
    assert browser.cursorRect(start).left() == pytest.approx(frame.leftMargin(), abs=4)


def test_lines_are_one_and_a_half_font_sizes_apart(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(library)
    qtbot.addWidget(reader)
    reader.resize(700, 600)
    reader.show()
    reader.open("report/opening")
    browser = reader.browser
    block = browser.document().begin()
    while block.isValid() and block.layout().lineCount() < 2:
        block = block.next()
    layout = block.layout()
    gap = layout.lineAt(1).y() - layout.lineAt(0).y()
    assert gap == pytest.approx(1.5 * QFontInfo(browser.font()).pixelSize(), rel=0.08)


def test_the_text_is_set_in_the_bundled_reading_font(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(library)
    qtbot.addWidget(reader)
    reader.open("report/opening")
    assert theme.READING_FAMILY in QFontDatabase.families()
    assert QFontInfo(reader.browser.font()).family() == theme.READING_FAMILY
    assert reader.browser.font().pointSizeF() > QApplication.font().pointSizeF()  # larger than labels


def test_bookmark_and_note_marks_are_glyphs_the_reading_font_draws(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(library)
    qtbot.addWidget(reader)
    reader.open("report/opening")
    first, second = library.chapter_paragraphs("report/opening")[:2]
    reader.set_marks({first.id: "bookmark", second.id: "note"})
    text = reader.browser.toPlainText()
    assert f"{MARKS['bookmark']} {first.text[:20]}" in text    # (plain text turns &nbsp; to spaces)
    assert f"{MARKS['note']} {second.text[:20]}" in text
    metrics = QFontMetricsF(reader.browser.font())
    assert all(metrics.inFontUcs4(ord(mark)) for mark in MARKS.values())   # no missing-glyph box


def test_figures_sit_on_a_dimmed_panel_in_the_dark_theme(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(library)
    qtbot.addWidget(reader)
    reader.resize(900, 700)
    reader.set_dark(True)
    reader.open("report/opening")
    image = reader.browser.loadResource(2, QUrl("figure:test-bars"))
    assert isinstance(image, QImage) and not image.isNull()
    corner = QColor(image.pixel(2, 2))
    assert corner.name() == theme.DARK["figure"]     # padding in the panel colour, not white
    assert corner.lightness() < 230
    assert image.width() <= reader.browser.column_width() + 1


def test_narrow_column_and_airy_spacing_from_the_settings(qtbot, real_library: Library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, real_library, tmp_path, reading__column="narrow", reading__line_spacing="airy")
    window.resize(1600, 900)
    window.navigate("report/early-years")
    qtbot.wait(20)
    lengths = paragraph_line_lengths(window.reader.browser.document())
    assert sum(lengths) / len(lengths) < 62
    assert window.reader.browser.style_in_use.line_spacing == theme.LINE_SPACINGS["airy"]
