"""The source library view and its table model, against the fixture library."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import bibtexparser
import pytest
import rispy
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMenu, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from explorer.formats.references import apa, harvard
from explorer.library.store import Library, SourceRecord
from explorer.ui.sources.source_model import COLUMN_KEYS, RecordRole, SortRole, SourceFilterProxy, SourceTableModel
from explorer.ui.sources.sources_view import SourcesView
from tests.helpers.messages import Told

# Showing a top-level window on the offscreen platform logs this once; it says nothing about us.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

YEAR = COLUMN_KEYS.index("year")


@pytest.fixture
def view(qtbot: QtBot, library: Library) -> SourcesView:
    widget = SourcesView(library)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


@pytest.fixture
def shown(qtbot: QtBot, view: SourcesView) -> SourcesView:
    view.show()
    qtbot.waitExposed(view)
    return view


def keys(view: SourcesView) -> list[str]:
    return [view.proxy.record(row).key for row in range(view.proxy.rowCount())]


def select(view: SourcesView, key: str) -> None:
    row = keys(view).index(key)
    view.table.selectRow(row)


# The model, without a widget ------------------------------------------------------------------
def test_model_passes_the_model_tester(qtmodeltester, library: Library) -> None:
    model = SourceTableModel(library.sources())
    qtmodeltester.check(model)
    proxy = SourceFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("tutoring")
    qtmodeltester.check(proxy)


def test_model_roles(library: Library) -> None:
    model = SourceTableModel(library.sources())
    row = model.row_of("chetty-2014")
    assert row is not None
    assert model.index(row, YEAR).data() == "2014"
    assert model.index(row, YEAR).data(SortRole) == 2014
    record = model.index(row, 0).data(RecordRole)
    assert isinstance(record, SourceRecord) and record.key == "chetty-2014"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Title", "Authors", "Organisation", "Year", "Type", "Phases"]
    cooper = model.row_of("cooper-stewart-2013")
    assert cooper is not None
    assert model.index(cooper, COLUMN_KEYS.index("phases")).data() == "All phases"
    assert model.index(row, COLUMN_KEYS.index("type")).data() == "Working paper"
    assert model.row_of("nope") is None


@pytest.mark.parametrize(("text", "kind", "phase", "expected"), [
    ("", None, None, {"eef-toolkit", "cooper-stewart-2013", "chetty-2014"}),
    ("tutoring", None, None, {"eef-toolkit"}),              # a topic
    ("KITTY", None, None, {"cooper-stewart-2013"}),         # an author, any case
    ("bureau economic", None, None, {"chetty-2014"}),       # words of the organisation, any order
    ("geography mobility", None, None, {"chetty-2014"}),    # our summary
    ("toolkit nobody", None, None, set()),                  # every word must match
    ("", "report", None, {"cooper-stewart-2013"}),
    ("", None, "work", {"cooper-stewart-2013", "chetty-2014"}),  # "all" phases include work
    ("", "web", "work", set()),
])
def test_proxy_filters(library: Library, text: str, kind: str | None, phase: str | None,
                       expected: set[str]) -> None:
    proxy = SourceFilterProxy()
    proxy.setSourceModel(SourceTableModel(library.sources()))
    proxy.set_text(text)
    proxy.set_type(kind)
    proxy.set_phase(phase)
    assert {proxy.record(r).key for r in range(proxy.rowCount())} == expected
    proxy.clear_filters()
    assert proxy.rowCount() == 3


# The view -------------------------------------------------------------------------------------
def test_first_source_selected_and_controls_named(shown: SourcesView) -> None:
    assert shown.current_record() is not None
    assert shown.current_record() == shown.proxy.record(0)
    assert shown.table.selectionModel().isRowSelected(0)
    assert shown.filter_edit.placeholderText() == "Filter sources…"
    assert shown.count_label.text() == "3 sources"
    controls = [w for kind in (QLineEdit, QComboBox, QTableView, QTextBrowser, QAbstractButton, QMenu)
                for w in shown.findChildren(kind) if w.objectName().startswith("sources_")]
    assert len(controls) == 9
    assert [c.objectName() for c in controls if not c.accessibleName()] == []


def test_clicking_the_year_header_sorts_by_year(qtbot: QtBot, shown: SourcesView) -> None:
    header = shown.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(YEAR) + header.sectionSize(YEAR) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    years = [shown.proxy.record(r).year for r in range(shown.proxy.rowCount())]
    assert header.sortIndicatorSection() == YEAR
    assert years == [2013, 2014, 2021]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert [shown.proxy.record(r).year for r in range(shown.proxy.rowCount())] == list(reversed(years))


def test_year_sorts_numerically(view: SourcesView) -> None:
    view.table.sortByColumn(YEAR, Qt.SortOrder.AscendingOrder)
    assert keys(view) == ["cooper-stewart-2013", "chetty-2014", "eef-toolkit"]
    view.table.sortByColumn(YEAR, Qt.SortOrder.DescendingOrder)
    assert keys(view) == ["eef-toolkit", "chetty-2014", "cooper-stewart-2013"]


def test_filter_box_and_combos_narrow_rows(qtbot: QtBot, view: SourcesView) -> None:
    qtbot.keyClicks(view.filter_edit, "tutoring")
    assert keys(view) == ["eef-toolkit"]
    assert view.count_label.text() == "1 of 3 sources"
    assert view.current_record() is not None and view.current_record().key == "eef-toolkit"
    assert "Teaching and Learning Toolkit" in view.card.toPlainText()

    view.filter_edit.clear()
    view.type_combo.setCurrentIndex(view.type_combo.findData("working-paper"))
    assert keys(view) == ["chetty-2014"]
    view.type_combo.setCurrentIndex(0)
    view.phase_combo.setCurrentIndex(view.phase_combo.findText("Work"))
    assert set(keys(view)) == {"cooper-stewart-2013", "chetty-2014"}

    qtbot.keyClicks(view.filter_edit, "no such words")
    assert keys(view) == []
    assert "No source matches the filters." in view.card.toPlainText()
    assert not view.copy_harvard_button.isEnabled()


def test_selecting_a_row_shows_the_card(library: Library, view: SourcesView) -> None:
    select(view, "cooper-stewart-2013")
    text = view.card.toPlainText()
    cooper = library.source("cooper-stewart-2013")
    assert harvard(cooper) in text.replace("\n", " ")
    assert "Our summary" in text and cooper.summary in text
    assert "Joseph Rowntree Foundation" in text and "All phases" in text
    assert "Cited in" in text
    assert "Opening chapter" in text and "Opening chapter › Places and mobility" in text
    html = view.card.toHtml()
    assert 'href="report/opening"' in html and 'href="report/opening#places"' in html
    assert 'href="https://www.jrf.org.uk/"' in html


def test_keyboard_moves_through_rows(qtbot: QtBot, shown: SourcesView) -> None:
    shown.table.setFocus()
    first = shown.current_record()
    qtbot.keyClick(shown.table, Qt.Key.Key_Down)
    second = shown.current_record()
    assert second is not None and second != first
    assert second.title in shown.card.toPlainText()


def click_card_text(qtbot: QtBot, view: SourcesView, text: str, after: str = "") -> None:
    """Click on the card's text, at its first occurrence after the heading `after`."""
    start = view.card.document().find(after).selectionEnd() if after else 0
    found = view.card.document().find(text, start)
    assert not found.isNull(), text
    cursor = QTextCursor(view.card.document())
    cursor.setPosition(found.selectionStart() + 2)
    qtbot.mouseClick(view.card.viewport(), Qt.MouseButton.LeftButton, pos=view.card.cursorRect(cursor).center())


def test_clicking_cited_in_emits_the_section(qtbot: QtBot, shown: SourcesView) -> None:
    shown.show_key("chetty-2014")
    with qtbot.waitSignal(shown.open_location, timeout=2000) as blocker:
        click_card_text(qtbot, shown, "Places and mobility", after="Cited in")
    assert blocker.args == ["report/opening#places"]


def test_clicking_the_address_emits_the_web_address(qtbot: QtBot, shown: SourcesView) -> None:
    shown.show_key("chetty-2014")
    with qtbot.waitSignal(shown.open_location, timeout=2000) as blocker:
        click_card_text(qtbot, shown, "https://www.nber.org/papers/w19843", after="Address")
    assert blocker.args == ["https://www.nber.org/papers/w19843"]


def test_copy_harvard_and_apa(qtbot: QtBot, library: Library, view: SourcesView) -> None:
    select(view, "cooper-stewart-2013")
    cooper = library.source("cooper-stewart-2013")
    qtbot.mouseClick(view.copy_harvard_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == harvard(cooper)
    assert "<i>Does money affect children" in clipboard.mimeData().html()
    assert view.status_label.text() == "Copied the Harvard reference."
    qtbot.mouseClick(view.copy_apa_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == apa(cooper)


def test_ctrl_c_in_the_table_copies_the_harvard_reference(qtbot: QtBot, shown: SourcesView) -> None:
    shown.table.setFocus()
    qtbot.keyClick(shown.table, Qt.Key.Key_Down)
    QGuiApplication.clipboard().clear()
    try:
        qtbot.keyClick(shown.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    finally:
        # QTest leaves Ctrl "held" in the application's modifier state; later clicks would toggle.
        qtbot.keyRelease(shown.table, Qt.Key.Key_Control)
    assert QGuiApplication.clipboard().text() == harvard(shown.current_record())


def test_summary_sections_are_marked(view: SourcesView) -> None:
    view.show_key("eef-toolkit")
    text = view.card.toPlainText()
    assert "Opening chapter › Tutoring in small groups" in text
    assert "Opening, in brief (summary)" in text


def test_copy_with_several_selected_copies_each(library: Library, view: SourcesView) -> None:
    view.table.selectAll()
    view.copy_harvard_action.trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines == [harvard(view.proxy.record(r)) for r in range(3)]


def parse(fmt: str, text: str) -> list[str]:
    """The keys (or titles) of the sources in an exported file."""
    if fmt == "bibtex":
        parsed = bibtexparser.parse_string(text)
        assert not parsed.failed_blocks
        return [entry.key for entry in parsed.entries]
    if fmt == "ris":
        return [entry["id"] for entry in rispy.loads(text)]
    return [row["key"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize(("fmt", "ext"), [("bibtex", "bib"), ("ris", "ris"), ("csv", "csv")])
def test_export_all_writes_a_file_that_parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, view: SourcesView,
                                               fmt: str, ext: str) -> None:
    asked: list[tuple[str, str]] = []

    def ask(cls: type, parent: object, suggested_name: str, file_filter: str) -> str:
        asked.append((suggested_name, file_filter))
        return str(tmp_path / "out")  # no suffix: the view adds the format's

    monkeypatch.setattr(SourcesView, "ask_save_path", classmethod(ask))
    view.export_actions[("all", fmt)].trigger()
    written = tmp_path / f"out.{ext}"
    assert asked == [(f"sources.{ext}", f"{ext.upper() if fmt != 'bibtex' else 'BibTeX'} (*.{ext})")]
    assert sorted(parse(fmt, written.read_text(encoding="utf-8"))) == [
        "chetty-2014", "cooper-stewart-2013", "eef-toolkit"]
    assert view.status_label.text() == f"Exported 3 sources to out.{ext}."


def test_export_selected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, view: SourcesView) -> None:
    target = tmp_path / "picked.csv"
    monkeypatch.setattr(SourcesView, "ask_save_path", classmethod(lambda cls, p, name, f: str(target)))
    view.table.sortByColumn(YEAR, Qt.SortOrder.AscendingOrder)
    flag = QItemSelectionModel.SelectionFlag
    view.table.selectionModel().select(view.proxy.index(0, 0), flag.ClearAndSelect | flag.Rows)
    view.table.selectionModel().select(view.proxy.index(2, 0), flag.Select | flag.Rows)
    view.on_export_menu_about_to_show()
    assert view.export_actions[("selected", "csv")].text() == "Selected (2) as CSV…"
    view.export_actions[("selected", "csv")].trigger()
    assert parse("csv", target.read_text(encoding="utf-8")) == ["cooper-stewart-2013", "eef-toolkit"]


def test_export_cancelled_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         view: SourcesView) -> None:
    monkeypatch.setattr(SourcesView, "ask_save_path", classmethod(lambda cls, p, name, f: None))
    assert view.export("all", "ris") is None
    assert list(tmp_path.iterdir()) == []


def test_export_error_is_told_not_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         view: SourcesView, told: Told) -> None:
    monkeypatch.setattr(SourcesView, "ask_save_path",
                        classmethod(lambda cls, p, name, f: str(tmp_path / "missing" / "x.bib")))
    assert view.export("all", "bibtex") is None
    assert [(title, text) for title, text, _ in told.errors] == [
        ("Export failed", f"Could not write {tmp_path / 'missing' / 'x.bib'}.")]


def test_show_key_selects_the_row(view: SourcesView) -> None:
    view.show_key("eef-toolkit")
    assert view.current_record() is not None and view.current_record().key == "eef-toolkit"
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [keys(view).index("eef-toolkit")]
    assert "Teaching and Learning Toolkit" in view.card.toPlainText()


def test_show_key_clears_filters_that_hide_it(qtbot: QtBot, view: SourcesView) -> None:
    qtbot.keyClicks(view.filter_edit, "income")
    view.phase_combo.setCurrentIndex(view.phase_combo.findData("early-years"))
    assert keys(view) == ["cooper-stewart-2013"]
    view.show_key("chetty-2014")
    assert view.filter_edit.text() == "" and view.phase_combo.currentData() is None
    assert len(keys(view)) == 3
    assert view.current_record() is not None and view.current_record().key == "chetty-2014"
    assert "Where is the land of opportunity?" in view.card.toPlainText()


def test_show_unknown_key_says_so(view: SourcesView) -> None:
    before = view.current_record()
    view.show_key("nope")
    assert view.current_record() == before
    assert view.status_label.text() == "No source 'nope' in this library."
