"""The reader: a chapter of the report, or the whole summary read through, and a table of contents
that follows the scroll position."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.library.store import Library, Paragraph
from explorer.model.records import SectionPage
from explorer.search.highlight import highlight_pattern
from explorer.search.index import alias_map
from explorer.ui.common import theme
from explorer.ui.reader import chapter_html, text_marks, toc_follow
from explorer.ui.reader.chapter_browser import ChapterBrowser
from explorer.ui.reader.link_tooltip import link_tooltip
from explorer.ui.reader.reading_place import PlaceKeeper
from explorer.ui.reader.reading_progress import ReadingProgress, percent


class ReaderView(QWidget):
    """Shows report and summary chapters.

    Signals:
        open_location(str): a link was followed (source:, stakeholder:, glossary:, https:, a section).
        position_changed(str): the section at the top of the page changed.
    """

    open_location = Signal(str)
    position_changed = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.document = "report"
        self.chapter_id = ""
        self.current_section = ""
        self.dark = False
        self._anchor_tops: list[tuple[float, str]] = []
        self._syncing_toc = False
        self._counterpart: str | None = None
        self._chapters: list[str] = []
        self.highlight_count = 0
        self._aliases: dict[str, str] | None = None   # for marking searched words: see highlight()
        self.show_numbers = False
        self.text_steps = 0    # points above the system's size (the interface's, or more in a meeting)
        self.marks: dict[str, str] = {}       # paragraph id -> "bookmark" | "note"
        self._paragraph_labels: dict[str, tuple[str, int]] = {}
        self._pinned = ""      # the section jumped to stays current until the reader scrolls
        self._opening = False  # a chapter is being opened: its scrolls are not the reader's
        self._anchor_key: tuple[int, int, float] = (0, 0, 0.0)
        self._anchor_sections: dict[str, str] = {}   # anchor name in the page -> section id
        self._rendered = ""      # what the page shows: a chapter id, or "summary" for all of it
        self._openings: dict[str, SectionPage] = {}  # chapter id -> its opening section
        self._build()
        self._connect_signals()

    # Construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.toc = QTreeWidget(self)
        self.toc.setObjectName("toc")
        self.toc.setHeaderHidden(True)
        self.toc.setAccessibleName("Table of contents")
        self.browser = ChapterBrowser(self.library, self)
        self.browser.setObjectName("chapter")
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Chapter text")
        self.browser.setMouseTracking(True)
        self.browser.set_style(theme.reading_style(0))   # `zoom` sets the text size
        self.title = QLabel(self)
        self.title.setObjectName("chapterTitle")
        self.title.setAccessibleName("Current chapter")
        self.prev_button = QPushButton("◀ Previous chapter", self)
        self.prev_button.setAccessibleName("Previous chapter")
        self.next_button = QPushButton("Next chapter ▶", self)
        self.next_button.setAccessibleName("Next chapter")
        self.counterpart_button = QPushButton(self)
        self.counterpart_button.setObjectName("counterpart")
        self.counterpart_button.setAccessibleName("Switch between summary and full chapter")
        self.progress = ReadingProgress(self)
        self.place = PlaceKeeper(self.browser)

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.counterpart_button)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self.browser, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.toc)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        setTabOrder = QWidget.setTabOrder  # noqa: N806
        setTabOrder(self.toc, self.browser)
        setTabOrder(self.browser, self.counterpart_button)

    def _connect_signals(self) -> None:
        self.toc.itemActivated.connect(self.on_toc_activated)
        self.toc.itemClicked.connect(self.on_toc_activated)
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)
        self.browser.highlighted.connect(self.on_browser_highlighted)
        self.browser.verticalScrollBar().valueChanged.connect(self.on_scroll_changed)
        self.browser.verticalScrollBar().rangeChanged.connect(self._show_progress)
        self.place.restored.connect(self._follow_scroll)
        self.prev_button.clicked.connect(lambda: self._step_chapter(-1))
        self.next_button.clicked.connect(lambda: self._step_chapter(1))
        self.counterpart_button.clicked.connect(self.on_counterpart_clicked)

    # Opening ------------------------------------------------------------------------------
    def open(self, location: str, terms: list[str] | None = None) -> None:
        """Show the chapter holding `location` and scroll to its section.

        Raises:
            LibraryError: no such section.
        """
        chapter_id, _, anchor = location.partition("#")
        page = self.library.section(location)     # raises for an unknown location
        self._opening = True
        try:
            if page.document != self.document or not self.toc.topLevelItemCount():
                self.document = page.document
                self._fill_toc()
            target = location if self._continuous else anchor   # the summary's anchors are section ids
            if self._rendered != self._page_key(chapter_id):
                self._load_chapter(chapter_id)
            self._show_chapter(chapter_id)
            self._scroll_to(target)
        finally:
            self._opening = False
        self.highlight(terms or [])
        self._pinned = location
        self._set_current(location)
        self.place.jump_to(self.browser.block_named(target)) if target else self.place.note(jumped=True)
        self._show_progress()

    def _fill_toc(self) -> None:
        self.toc.clear()
        parents: dict[int, QTreeWidgetItem] = {}
        for entry in self.library.toc(self.document):
            label = f"{entry.number}. {entry.title}" if entry.level == 1 else entry.title
            parent = parents.get(entry.level - 1)
            item = QTreeWidgetItem([label]) if entry.level == 1 or parent is None else \
                QTreeWidgetItem(parent, [label])
            if entry.level == 1 or parent is None:
                self.toc.addTopLevelItem(item)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(0, entry.title)
            parents[entry.level] = item
            for deeper in [k for k in parents if k > entry.level]:
                del parents[deeper]

    @property
    def _continuous(self) -> bool:
        """The summary is read through as one document; the report a chapter at a time."""
        return self.document == "summary"

    def _page_key(self, chapter_id: str) -> str:
        return self.document if self._continuous else chapter_id

    def _load_chapter(self, chapter_id: str) -> None:
        chapters = [e.id for e in self.library.toc(self.document) if e.level == 1]
        shown = chapters if self._continuous and chapter_id in chapters else [chapter_id]
        page = chapter_html.build_page(self.library, shown, theme.reader_css(self.dark), self.marks,
                                       self.show_numbers)
        self.browser.figure_background = theme.palette(self.dark)["figure"]
        self.browser.show_html(page.html)
        self._paragraph_labels = page.paragraph_labels
        self._anchor_sections = page.anchors
        self._openings = {first.chapter_id: first for first in page.chapters}
        self._rendered = self._page_key(chapter_id)
        self._chapters = chapters
        self._anchor_tops = []
        self.chapter_id = ""
        self._show_chapter(chapter_id)

    def _show_chapter(self, chapter_id: str) -> None:
        """Title, counterpart and chapter buttons for the chapter being read."""
        first = self._openings.get(chapter_id)
        if first is None or chapter_id == self.chapter_id:
            return
        self.chapter_id = chapter_id
        self.title.setText(f"<b>{html.escape(first.chapter_title)}</b>")
        self.counterpart_button.setVisible(bool(first.counterpart_id))
        self.counterpart_button.setText("Read the full chapter" if first.document == "summary"
                                        else "See the summary")
        self._counterpart = first.counterpart_id
        index = self._chapters.index(chapter_id) if chapter_id in self._chapters else -1
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < len(self._chapters) - 1)

    def reload(self) -> None:
        """Re-render the current chapter (numbers, marks or theme changed), keeping the place
        and the paragraph the cursor is in: the next command (a note after a bookmark) acts on it."""
        if self.chapter_id:
            cursor = self.browser.cursor_place(set(self._paragraph_labels))
            with self.place.kept():
                self._load_chapter(self.chapter_id)
                if cursor is not None:
                    self.browser.restore_cursor_place(cursor)

    def set_show_numbers(self, show: bool) -> None:
        self.show_numbers = show
        self.reload()

    def set_marks(self, marks: dict[str, str]) -> None:
        self.marks = marks
        self.reload()

    def current_paragraph(self, point: QPoint | None = None) -> Paragraph | None:
        """The paragraph at the text cursor (or under `point`, or at the top of the view)."""
        pid = self.browser.paragraph_at(set(self._paragraph_labels), point)
        return self.library.paragraph(pid) if pid else None

    def go_to_paragraph(self, paragraph: Paragraph) -> None:
        """Open a paragraph's section, scroll it into view and mark it."""
        self.open(paragraph.section_id)
        self.browser.scrollToAnchor(paragraph.id)
        self._pinned = paragraph.section_id
        block = self.browser.block_named(paragraph.id)
        self.place.jump_to(block)
        if block.isValid():
            self.browser.setTextCursor(QTextCursor(block))
            colour = QColor(theme.palette(self.dark)["selection"])
            self.browser.setExtraSelections([text_marks.block(block, colour)])

    def _scroll_to(self, anchor: str) -> None:
        """Scroll to a named anchor of the page (the top for none)."""
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def _step_chapter(self, step: int) -> None:
        index = self._chapters.index(self.chapter_id) + step
        if 0 <= index < len(self._chapters):
            self.open_location.emit(self._chapters[index])

    # Highlighting search terms --------------------------------------------------------------
    def highlight(self, terms: list[str]) -> None:
        """Mark the words the search marks in its snippets (`highlight_pattern`) for these terms."""
        if terms and self._aliases is None:
            self._aliases = alias_map(self.library)   # the acronyms the index spells out
        pattern = highlight_pattern(" ".join(terms), self._aliases or {}) if terms else None
        colour = QColor(theme.palette(self.dark)["highlight"])
        selections = text_marks.matches(self.browser.document(), pattern, colour) if pattern else []
        self.browser.setExtraSelections(selections)
        self.highlight_count = len(selections)

    # Following the scroll position -----------------------------------------------------------
    def _layout_key(self) -> tuple[int, int, float]:
        return (self.browser.viewport().width(), self.browser.document().revision(),
                self.browser.font().pointSizeF())

    def _compute_anchor_tops(self) -> None:
        self._anchor_key = self._layout_key()
        self._anchor_tops = toc_follow.heading_tops(self.browser.document(), self._anchor_sections)

    def section_at_top(self) -> str:
        """The id of the section being read: the last whose heading is at or above the reading
        line, two lines below the top of the page (at the end of the chapter, where the last
        headings can never reach the top, the reading line is the middle of the page)."""
        if not self._anchor_tops or self._anchor_key != self._layout_key():
            self._compute_anchor_tops()
        bar = self.browser.verticalScrollBar()
        y = bar.value() + max(24, 2 * self.browser.fontMetrics().lineSpacing())
        if bar.maximum() and bar.value() >= bar.maximum() - 2:
            y = bar.value() + self.browser.viewport().height() // 2
        current = toc_follow.anchor_at(self._anchor_tops, y)
        return current or (self._chapters[0] if self._continuous and self._chapters else self.chapter_id)

    @Slot(int)
    def on_scroll_changed(self, _value: int) -> None:
        """The reader scrolled: what is at the top of the page is now the place and the section.
        (Scrolls made while a chapter opens or the text reflows are not the reader's: the place
        is put back after a reflow, and `_follow_scroll` runs then.)"""
        if self._opening or self.place.reflowing:
            return
        # A section jumped to stays current only until the reader scrolls: kept longer (while
        # its heading was anywhere on the page) the tree showed it after scrolling back up into
        # the sections before it.
        self._pinned = ""
        self.place.note()
        self._follow_scroll()

    @Slot()
    def _follow_scroll(self) -> None:
        if self.chapter_id:
            self._set_current(self._pinned or self.section_at_top())
            self._show_progress()

    @Slot()
    def _show_progress(self) -> None:
        if self.chapter_id in self._chapters:
            bar = self.browser.verticalScrollBar()
            self.progress.show_progress(self._chapters.index(self.chapter_id) + 1, len(self._chapters),
                                        percent(bar.value(), bar.maximum()), self.document)

    def _set_current(self, section_id: str) -> None:
        if section_id == self.current_section:
            return
        self.current_section = section_id
        self._show_chapter(section_id.partition("#")[0])
        self._select_toc(section_id)
        self.position_changed.emit(section_id)

    def _select_toc(self, section_id: str) -> None:
        """Make the section's entry the tree's current item (its chapter's, if it has none): the
        tree never keeps showing a place the reader has left."""
        item = toc_follow.toc_item(self.toc, section_id)
        self._syncing_toc = True
        if item is not None:
            self.toc.setCurrentItem(item)
            self.toc.scrollToItem(item)
        else:
            self.toc.setCurrentIndex(QModelIndex())
        self._syncing_toc = False

    def scroll_fraction(self) -> float:
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(int(fraction * bar.maximum()))

    # Slots --------------------------------------------------------------------------------
    @Slot(QTreeWidgetItem)
    def on_toc_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if not self._syncing_toc:
            self.open_location.emit(item.data(0, Qt.ItemDataRole.UserRole))

    @Slot(QUrl)
    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        self.open_location.emit(url.toString())

    @Slot()
    def on_counterpart_clicked(self) -> None:
        if self._counterpart:
            self.open_location.emit(self._counterpart)

    @Slot(QUrl)
    def on_browser_highlighted(self, url: QUrl) -> None:
        text = self.tooltip_for(url.toString())
        if text:
            QToolTip.showText(self.browser.mapToGlobal(self.browser.mapFromGlobal(
                self.cursor().pos()) + QPoint(12, 12)), text, self.browser)
        else:
            QToolTip.hideText()

    def tooltip_for(self, target: str) -> str:
        """What hovering a link shows: the reference, the organisation or the definition."""
        return link_tooltip(self.library, target)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.reload()

    def zoom(self, steps: int) -> None:
        """Change the text size by `steps` (the window's text size also sets the interface's)."""
        self.text_steps += steps
        self.restyle()

    def restyle(self) -> None:
        """Set the text in the reading settings in force (font, size, spacing, column), keeping
        the place: the new font reflows the text before the re-render does."""
        with self.place.kept():
            if self.browser.style_in_use != theme.reading_style(self.text_steps):
                self.browser.set_style(theme.reading_style(self.text_steps))
                self.reload()
            self._anchor_tops = []
