"""The summary reads as one continuous document with its chapter headings; its sections, the
chapter tree and the position report still work. The report stays a chapter at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from explorer.library.store import Library
from explorer.ui.reader.reader_view import ReaderView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def reader(qtbot, real_library: Library) -> ReaderView:  # type: ignore[no-untyped-def]
    view = ReaderView(real_library)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def chapters(library: Library, document: str) -> list[tuple[str, str]]:
    return [(e.id, f"{e.number}. {e.title}") for e in library.toc(document) if e.level == 1]


def test_every_summary_chapter_is_on_one_page_in_order(reader: ReaderView, real_library: Library) -> None:
    reader.open(chapters(real_library, "summary")[0][0])
    text = reader.browser.toPlainText()
    headings = [title for _, title in chapters(real_library, "summary")]
    assert len(headings) > 5
    places = [text.find(f"\n{title}\n") if i else text.find(title) for i, title in enumerate(headings)]
    assert -1 not in places and places == sorted(places)


def test_a_section_of_a_later_chapter_opens_in_place(qtbot, reader: ReaderView, real_library: Library) -> None:  # type: ignore[no-untyped-def]
    summary = chapters(real_library, "summary")
    reader.open(summary[0][0])
    page = reader.browser.document()
    # A section anchor that several chapters share ("where-a-funder-could-help") finds its own.
    target = [e.id for e in real_library.toc("summary") if e.id.endswith("#where-a-funder-could-help")][-1]
    with qtbot.waitSignal(reader.position_changed) as moved:
        reader.open(target)
    assert moved.args == [target]
    assert reader.browser.document() is page and reader.browser.verticalScrollBar().value() > 0
    assert reader.section_at_top() == target
    chapter = target.partition("#")[0]
    assert reader.chapter_id == chapter
    title = dict(summary)[chapter].partition(". ")[2]
    assert title in reader.title.text()
    assert reader.toc.currentItem().data(0, Qt.ItemDataRole.UserRole) == target


def test_scrolling_into_the_next_chapter_reports_it(qtbot, reader: ReaderView, real_library: Library) -> None:  # type: ignore[no-untyped-def]
    summary = chapters(real_library, "summary")
    reader.open(summary[0][0])
    reader._compute_anchor_tops()
    third = next(y for y, section in reader._anchor_tops if section == summary[2][0])
    with qtbot.waitSignal(reader.position_changed) as moved:
        reader.browser.verticalScrollBar().setValue(int(third) + 5)
    assert moved.args == [summary[2][0]]
    assert reader.chapter_id == summary[2][0]
    assert summary[2][1].partition(". ")[2] in reader.title.text()
    full = real_library.section(summary[2][0]).counterpart_id
    assert reader.counterpart_button.isVisible() and reader._counterpart == full
    with qtbot.waitSignal(reader.open_location) as asked:
        reader.next_button.click()
    assert asked.args == [summary[3][0]]


def test_the_report_is_still_a_chapter_at_a_time(reader: ReaderView, real_library: Library) -> None:
    report = chapters(real_library, "report")
    reader.open(report[0][0])
    text = reader.browser.toPlainText()
    assert report[1][1].partition(". ")[2] not in text.split("\n")
