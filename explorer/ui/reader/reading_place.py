"""Keeping the reader's place: the line at the top of the page stays there when the text reflows.

A scroll bar counts pixels, and pixels move when the text reflows: a panel opening beside the
reader narrows it, a larger text size lengthens every paragraph, a theme change re-renders the
chapter. The place is therefore kept as text (the paragraph at the top of the page and the
character within it) and the page is scrolled back to that text after each reflow.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import QTextBrowser


class Place(NamedTuple):
    """The text at the top of the page: its block, the character in it, and how far the line
    holding that character sits below the page's top edge (negative: partly scrolled past)."""

    block: int
    offset: int
    below_top: int


class PlaceKeeper(QObject):
    """Remembers the place as the reader scrolls and puts it back after the text reflows.

    Signals:
        restored(): the place was put back after a reflow (the page may show other headings).
    """

    restored = Signal()

    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__(browser)
        self.browser = browser
        self.place: Place | None = None
        self._reflowing = 0      # > 0 while a reflow is under way: scrolling then is not the reader's
        browser.viewport().installEventFilter(self)

    @property
    def reflowing(self) -> bool:
        return self._reflowing > 0

    def note(self, jumped: bool = False) -> None:
        """The reader scrolled, or (`jumped`) the page was opened at a place: remember what is at
        the top. A scroll during a reflow is the reflow's, unless it was a jump."""
        if jumped or not self._reflowing:
            self.place = self._top()

    def _top(self) -> Place | None:
        if self.browser.verticalScrollBar().value() == 0:
            return None          # at the top of the chapter: stay at the top, whatever reflows
        cursor = self.browser.cursorForPosition(QPoint(4, 0))
        rect = self.browser.cursorRect(cursor)
        # The top edge in the gap under a line (or under the last sliver of a figure): the page
        # starts with the next block, and a figure's height changes with the width.
        if rect.bottom() < self.browser.fontMetrics().lineSpacing() // 2 and cursor.block().next().isValid():
            cursor = QTextCursor(cursor.block().next())
            rect = self.browser.cursorRect(cursor)
        block = cursor.block()
        return Place(block.blockNumber(), cursor.position() - block.position(), rect.top())

    def jump_to(self, block: QTextBlock) -> None:
        """The page was opened at this block (a heading, a paragraph): it is the place, at the top,
        even if the page is not laid out yet (a page opened before it is first shown)."""
        self.place = Place(block.blockNumber(), 0, 0) if block.isValid() else None
        self.restore()

    def restore(self) -> None:
        """Scroll so the remembered text is where it was on the page, then say so (`restored`)."""
        self._reflowing += 1      # the scroll below is not the reader's
        try:
            self._scroll_back()
        finally:
            self._reflowing -= 1
        self.restored.emit()

    def _scroll_back(self) -> None:
        place = self.place
        bar = self.browser.verticalScrollBar()
        if place is None:
            bar.setValue(0)
            return
        block = self.browser.document().findBlockByNumber(place.block)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(place.offset, max(block.length() - 1, 0)))
        bar.setValue(bar.value() + self.browser.cursorRect(cursor).top() - place.below_top)

    @contextlib.contextmanager
    def kept(self) -> Iterator[None]:
        """Around a change that reflows or re-renders the same chapter (theme, size, marks)."""
        self._reflowing += 1
        try:
            yield
        finally:
            self._reflowing -= 1
        self.restore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # Seen before the text edit relayouts for the new size: the relayout is run here (as the
        # scroll area would run it), so the place can be put back the moment it is done, before
        # anything else can scroll.
        if event.type() == QEvent.Type.Resize and watched is self.browser.viewport():
            with self.kept():
                self.browser.viewportEvent(event)
            return True
        return False
