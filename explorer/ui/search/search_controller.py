"""Between the search box and the views: waits for a pause in typing, runs the search off the
main thread, drops answers to stale queries and shows results. The page being read stays on
screen until words are typed; leaving the search page clears the box, so no stale query stays."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from explorer.search.query import query_words
from explorer.ui.common.workers import SearchService
from explorer.userdata.store import UserData, UserDataError

if TYPE_CHECKING:
    from explorer.search.engine import SearchResults
    from explorer.ui.shell.pages import Pages

SEARCH_DELAY_MS = 120


class SearchController(QObject):
    """Owns the search box's behaviour.

    Signals:
        open_location(str): open a hit.
        show_search_page(): the search page should be on screen.
        return_to_page(str): Esc in an empty box: back to the page (key) the search started from.
        meeting_search(): Ctrl+K in a meeting: the search over the page, not this box.
    """

    open_location = Signal(str)
    show_search_page = Signal()
    return_to_page = Signal(str)
    meeting_search = Signal()

    def __init__(self, box: QLineEdit, pages: Pages, service: SearchService, userdata: UserData | None,
                 in_meeting: Callable[[], bool]) -> None:
        super().__init__(box)
        self.box = box
        self.pages = pages
        self.service = service
        self.userdata = userdata
        self.in_meeting = in_meeting
        self._came_from = ""      # the page key shown when typing began, for Esc to return to
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self._connect_signals()

    @staticmethod
    def make_box(parent: QWidget) -> QLineEdit:
        box = QLineEdit(parent)
        box.setObjectName("searchBox")
        box.setAccessibleName("Search")
        box.setPlaceholderText("Search the report, sources and organisations (Ctrl+K)")
        box.setClearButtonEnabled(True)
        box.setMinimumWidth(420)
        return box

    def _connect_signals(self) -> None:
        self.box.installEventFilter(self)
        self.box.textEdited.connect(self.on_box_edited)
        self.box.returnPressed.connect(self.on_box_return)
        self.timer.timeout.connect(self.run)
        self.service.results.connect(self.on_service_results)
        self.service.failed.connect(self.on_service_failed)
        self.pages.built.connect(self.on_pages_built)
        self.pages.stack.currentChanged.connect(self.on_page_changed)

    def focus(self) -> None:
        """Ctrl+K: the box ready for new words; the page stays until they are typed."""
        from PySide6.QtCore import Qt

        if self.in_meeting():
            self.meeting_search.emit()
            return
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        if self.pages.showing("search") and not self.box.text().strip():
            self.show_empty_state()

    def clear(self) -> None:
        """Empty the box (its placeholder then says what it searches)."""
        self.timer.stop()
        self.box.clear()

    def _page_key(self) -> str:
        current = self.pages.stack.currentWidget()
        keys = [key for key, view in self.pages.views.items() if view is current]
        if self.pages.is_built("report") and current is self.pages.reader:
            return self.pages.reader.document
        return keys[0] if keys else ""

    @Slot(int)
    def on_page_changed(self, _index: int) -> None:
        """Leaving the search page (a hit opened, another page chosen) clears the box."""
        if not self.pages.showing("search") and self.box.text():
            self.clear()

    def terms(self) -> list[str]:
        """The words typed, for marking them in the reader."""
        return query_words(self.box.text())   # split as the search splits them

    def recent(self) -> list[str]:
        return self.userdata.recent_searches() if self.userdata else []

    def show_empty_state(self) -> None:
        self.pages.search.show_empty_state(self.recent())

    @Slot(str)
    def on_pages_built(self, key: str) -> None:
        if key == "search":
            view = self.pages.search
            view.filters_changed.connect(self.run)
            view.suggestion_chosen.connect(self.on_search_view_suggestion_chosen)

    @Slot(str)
    def on_box_edited(self, text: str) -> None:
        if not self.pages.showing("search"):
            self._came_from = self._page_key()
        self.show_search_page.emit()
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self.show_empty_state()

    @Slot()
    def run(self) -> None:
        text = self.box.text()
        if text.strip():
            self.service.submit(text, typing=True, limit=50, snippets=50, **self.pages.search.options())

    @Slot(object)
    def on_service_results(self, results: SearchResults) -> None:
        # In a meeting the overlay over the page asks the service, and its answers are its own.
        if not self.in_meeting() and results.query.strip() and self.box.text().strip():
            self.pages.search.show_results(results)

    @Slot(str)
    def on_service_failed(self, message: str) -> None:
        self.pages.search.show_error(message)

    @Slot()
    def on_box_return(self) -> None:
        text = self.box.text().strip()
        if self.timer.isActive():
            self.timer.stop()
            self.run()
        if self.userdata and text:
            with contextlib.suppress(UserDataError):
                self.userdata.add_recent_search(text)
        self.pages.search.open_current()

    @Slot(str)
    def on_search_view_suggestion_chosen(self, text: str) -> None:
        self.box.setText(text)
        self.box.setFocus()
        self.run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """↓/↑ in the box move through the results; Esc clears the box, and in an empty box goes
        back to the page the search started from."""
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QKeyEvent

            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.pages.is_built("search"):
                self.pages.search.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape:
                if not self.box.text() and self.pages.showing("search") and self._came_from:
                    self.return_to_page.emit(self._came_from)
                    return True
                self.clear()
                if self.pages.showing("search"):
                    self.show_empty_state()
                return True
        return False
