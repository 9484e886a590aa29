"""The main window end to end, on the real fixture library: search, reader, links, history, theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from explorer.library.store import Library
from explorer.ui.shell.main_window import MainWindow
from explorer.ui.shell.settings import SETTINGS, Settings
from explorer.userdata.store import UserData
from tests.helpers.messages import Told


def make_window(qtbot, library: Library, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library, UserData(tmp_path / "user.sqlite"), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, library: Library, tmp_path: Path, told: Told) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, library, tmp_path)


def type_query(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    window.search_box.setFocus()
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        qtbot.keyClicks(window.search_box, text)


def test_starts_on_home_page(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.home
    text = window.home.browser.toPlainText()
    assert "Fixture Review" in text and "edition 0.9.0" in text
    assert "Tutoring pilot" in text   # case studies are listed


def test_typing_shows_results_and_enter_opens_the_section(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "small group")
    assert window.stack.currentWidget() is window.search_view
    first = window.search_view.model.hits[0]
    assert first.id == "report/opening#tutoring-in-small-groups"
    assert "<b>" in first.snippet
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.reader
    assert window.reader.current_section == "report/opening#tutoring-in-small-groups"
    assert window.reader.highlight_count >= 2   # "small" and "group" marked in the text


def test_arrow_keys_move_through_results(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "tutoring")
    assert window.search_view.list.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search_view.list.currentIndex().row() == 1


def test_did_you_mean_is_shown_and_clickable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "tutorng ")
    assert "Did you mean" in window.search_view.status.text()
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        window.search_view.status.linkActivated.emit("suggest:tutoring")
    assert window.search_box.text() == "tutoring"
    assert window.search_view.model.rowCount() > 0


def test_no_results_explains_what_to_try(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "zzzzqqq")
    assert "No results" in window.search_view.status.text()
    assert "spelling" in window.search_view.status.text()


def test_kind_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "tutoring")
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        window.search_view.kind.setCurrentIndex(window.search_view.kind.findData("summary"))
    assert {h.kind for h in window.search_view.model.hits} == {"summary"}


def test_citation_click_opens_the_source(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigate("report/opening#places")
    window.reader.browser.anchorClicked.emit(QUrl("source:chetty-2014"))
    assert window.stack.currentWidget() is window.sources
    assert "Where is the land of opportunity?" in window.sources.card.toPlainText()


def test_citation_hover_shows_the_reference(window: MainWindow, library: Library) -> None:
    tip = window.reader.tooltip_for("source:chetty-2014")
    # Hovering shows the very reference the source card and the briefing pack give.
    from explorer.formats.references import harvard_html

    assert tip.startswith(harvard_html(library.source("chetty-2014")))
    assert "Chetty, R" in tip and "2014" in tip
    assert "Pupils eligible for free school meals" in window.reader.tooltip_for("glossary:FSM")


def test_stakeholder_mention_opens_the_card(window: MainWindow) -> None:
    window.navigate("report/opening#tutoring-in-small-groups")
    window.reader.browser.anchorClicked.emit(QUrl("stakeholder:eef"))
    assert window.stack.currentWidget() is window.stakeholders
    assert "Funds and evaluates education programmes" in window.stakeholders.card.toPlainText()


def test_back_and_forward(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigate("report/opening")
    window.navigate("source:eef-toolkit")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.reader
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.sources


def test_summary_and_full_chapter_link_each_other(window: MainWindow) -> None:
    window.navigate("summary/opening-summary")
    assert window.reader.counterpart_button.text() == "Read the full chapter"
    window.reader.counterpart_button.click()
    assert window.reader.chapter_id == "report/opening"
    assert window.reader.counterpart_button.text() == "See the summary"


def test_toc_follows_the_scroll_position(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(900, 300)
    window.navigate("report/opening")
    window.reader.browser.scrollToAnchor("places")
    qtbot.waitUntil(lambda: window.reader.current_section == "report/opening#places", timeout=2000)
    assert window.reader.toc.currentItem().text(0) == "Places and mobility"


def test_remote_link_asks_first(window: MainWindow, told: Told, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url))
    window.navigate("https://example.org/report")
    assert told.questions and "https://example.org/report" in told.questions[0][1]
    assert opened == []
    told.answer = True
    window.navigate("https://example.org/report")
    assert opened == [QUrl("https://example.org/report")]


def test_reader_loads_nothing_from_outside(window: MainWindow) -> None:
    browser = window.reader.browser
    assert browser.loadResource(2, QUrl("https://example.org/pixel.png")).isNull()
    assert browser.loadResource(2, QUrl("file:///etc/passwd")).isNull()
    assert browser.refused == ["https://example.org/pixel.png", "file:///etc/passwd"]
    assert not browser.loadResource(2, QUrl("figure:test-bars")).isNull()


def test_theme_switch_applies(window: MainWindow) -> None:
    before = QApplication.palette().color(QPalette.ColorRole.Base).lightness()
    window.actions_by_name["theme"].trigger()
    after = QApplication.palette().color(QPalette.ColorRole.Base).lightness()
    assert (before > 128) != (after > 128)
    assert window.settings.get("theme") in ("dark", "light")


def test_ctrl_k_focuses_search(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.navigate("report/opening")
    window.reader.browser.setFocus()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(window.reader.browser, Qt.Key.Key_Control)
    assert window.search_box.hasFocus()


def test_zoom_changes_text_size(window: MainWindow) -> None:
    window.navigate("report/opening")
    size = window.reader.browser.font().pointSizeF()
    window.actions_by_name["zoom_in"].trigger()
    assert window.reader.browser.font().pointSizeF() > size
    window.actions_by_name["zoom_reset"].trigger()
    assert window.reader.browser.font().pointSizeF() == size


def test_reading_position_and_recent_searches_survive_restart(qtbot, library: Library, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              told: Told) -> None:
    first = make_window(qtbot, library, tmp_path)
    first.navigate("report/opening#places")
    first.search_box.setText("mobility")
    first.searching.on_box_return()
    first.close()
    second = make_window(qtbot, library, tmp_path)
    assert second.reader.chapter_id == "report/opening"
    assert second.current_location == "report/opening#places"
    assert second.userdata.recent_searches() == ["mobility"]


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QTreeWidget

    for kind in (QLineEdit, QComboBox, QListWidget, QTreeWidget):
        for widget in window.findChildren(kind):
            if widget.isVisibleTo(window) and widget.parent() is not None:
                assert widget.accessibleName(), widget


def test_every_setting_is_documented() -> None:
    assert all(s.help for s in SETTINGS)


def test_year_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    type_query(qtbot, window, "mobility")
    years = [window.search_view.year.itemData(i) for i in range(1, window.search_view.year.count())]
    assert years == [2021, 2014, 2013]
    with qtbot.waitSignal(window.search_service.results, timeout=5000):
        window.search_view.year.setCurrentIndex(window.search_view.year.findData(2014))
    assert [h.id for h in window.search_view.model.hits] == ["source:chetty-2014"]


def click_in_paragraph(window: MainWindow, paragraph_id: str) -> None:
    from PySide6.QtGui import QTextCursor

    browser = window.reader.browser
    block = browser.document().begin()
    while block.isValid() and paragraph_id not in browser.paragraph_ids_in(block):
        block = block.next()
    assert block.isValid(), paragraph_id
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=5)
    browser.setTextCursor(cursor)


def test_copy_reference_puts_section_paragraph_and_text(window: MainWindow, library: Library) -> None:
    window.navigate("report/opening#places")
    (paragraph,) = library.paragraphs("report/opening#places")
    click_in_paragraph(window, paragraph.id)
    window.actions_by_name["copy_reference"].trigger()
    text = QApplication.clipboard().text()
    assert text.startswith("Fixture Review, §1.2 ¶1\n\nMobility varies by place")


def test_bookmark_and_note_appear_in_the_panel_and_the_text(window: MainWindow, library: Library,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.ui.reader.notes_panel import NotesPanel

    window.navigate("report/opening#tutoring-in-small-groups")
    (paragraph,) = library.paragraphs("report/opening#tutoring-in-small-groups")
    click_in_paragraph(window, paragraph.id)
    window.actions_by_name["bookmark"].trigger()
    monkeypatch.setattr(NotesPanel, "ask_text", classmethod(lambda cls, *a: "Raise at the board"))
    click_in_paragraph(window, paragraph.id)
    window.actions_by_name["note"].trigger()
    items = [window.notes_panel.list.item(i).text() for i in range(window.notes_panel.list.count())]
    assert items[0].startswith("Bookmark · Opening chapter §1.1 ¶1")
    assert items[1].startswith("Note · Opening chapter §1.1 ¶1") and "Raise at the board" in items[1]
    assert "✎" in window.reader.browser.toPlainText()
    window.notes_panel.filter.setText("board")
    assert window.notes_panel.list.count() == 1


def test_notes_panel_opens_the_paragraph(window: MainWindow, library: Library) -> None:
    (paragraph,) = library.paragraphs("report/opening#places")
    window.userdata.add_annotation("bookmark", paragraph.id, paragraph.section_id, paragraph.text)
    window.notes_panel.refresh()
    window.notes_panel.list.itemActivated.emit(window.notes_panel.list.item(0))
    assert window.reader.current_section == "report/opening#places"
    assert window.reader.current_paragraph().id == paragraph.id


def test_side_by_side_keeps_chapters_aligned(window: MainWindow) -> None:
    window.navigate("summary/opening-summary")
    window.actions_by_name["side_by_side"].trigger()
    assert window.stack.currentWidget() is window.side
    assert window.side.summary.chapter_id == "summary/opening-summary"
    assert window.side.full.chapter_id == "report/opening"
    window.side.show_location("report/second")
    assert window.side.full.chapter_id == "report/second"


def test_about_lists_what_changed(qtbot, library: Library, tmp_path: Path, told: Told) -> None:  # type: ignore[no-untyped-def]
    from explorer.ui.shell.about import about_html

    first = make_window(qtbot, library, tmp_path)
    assert first.changes is None
    assert "first edition opened" in about_html(library, first.changes)
    snap = first.userdata.last_seen_edition(first.editions.library_key())
    snap["edition"] = {**snap["edition"], "version": "0.8.0", "content_hash": "old"}
    del snap["sections"]["report/opening#places"]
    first.userdata.remember_edition(first.editions.library_key(), snap)
    first.close()
    second = make_window(qtbot, library, tmp_path)
    assert [c.id for c in second.changes.sections_added] == ["report/opening#places"]
    text = about_html(library, second.changes)
    assert "Since edition 0.8.0" in text and "Sections added (1)" in text


def test_settings_follow_report_explorer_home() -> None:
    """With REPORT_EXPLORER_HOME set (as every test has it), layout and theme go beside the user
    data, not to the system's settings store."""
    import os

    from explorer import paths

    Settings().set("zoom", 3)
    where = Path(os.environ["REPORT_EXPLORER_HOME"]) / "config" / "settings.ini"
    assert paths.settings_file() == where
    assert "zoom=3" in where.read_text(encoding="utf-8")
    assert Settings().get("zoom") == 3


def test_notes_dock_comes_back_open_with_one_panel(qtbot, library: Library, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   told: Told) -> None:
    """The dock is built after the first paint; an open one is restored open, holding one panel,
    however the panel is first asked for."""
    from explorer.ui.reader.notes_panel import NotesPanel

    first = make_window(qtbot, library, tmp_path)
    first.paragraphs.toggle_panel()
    assert first.notes_dock.isVisible()
    first.close()
    second = make_window(qtbot, library, tmp_path)
    panel = second.notes_panel            # asked for before the after-paint work builds it
    qtbot.waitUntil(lambda: second.notes_dock.isVisible())
    assert second.notes_dock.widget() is panel is second.notes_panel
    assert len(second.notes_dock.findChildren(NotesPanel)) == 1
