"""Meeting mode (F11): the page full screen on the window's screen, no chrome, large type with
paragraph numbers; Ctrl+K searches in an overlay over the page; Esc leaves and restores all."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRect, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QStatusBar, QWidget

from explorer.formats.cards import Card, organisation_card, source_card
from explorer.model.location import Location

if TYPE_CHECKING:
    from PySide6.QtCore import Qt  # at run time imported when used: see main_window.py

    from explorer.ui.search.search_overlay import SearchOverlay
    from explorer.ui.shell.main_window import MainWindow

MEETING_ZOOM_STEPS = 4
OVERLAY_SCALE = 1.5      # the overlay's type against the interface's: read from across a table


class _Saved(NamedTuple):
    """What meeting mode changes, as it was before."""

    geometry: QRect               # the window's place and size when not maximised
    state: Qt.WindowState
    shown: tuple[QWidget, ...]     # chrome that was visible: menu bar, toolbar, sidebar, docks…
    numbers: bool
    zoom: int


class MeetingMode:
    """Switches a MainWindow in and out of meeting mode (the window owns the widgets)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.active = False
        self._saved: _Saved | None = None
        self._overlay: SearchOverlay | None = None
        self.goto_box = QLineEdit(window)
        self.goto_box.setObjectName("gotoParagraph")
        self.goto_box.setPlaceholderText("Go to §6.3 ¶4")
        self.goto_box.setAccessibleName("Go to paragraph")
        self.goto_box.setMaximumWidth(160)
        self.goto_action: QAction | None = None   # set when the box is placed in a toolbar
        # Esc leaves (or first closes the overlay); an action, so it works wherever focus is.
        self.leave_action = QAction("Leave meeting mode", window)
        self.leave_action.setShortcut(QKeySequence("Esc"))
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(self.on_escape)
        window.addAction(self.leave_action)

    def set_goto_visible(self, visible: bool) -> None:
        """A widget in a toolbar is shown and hidden through its action."""
        if self.goto_action is not None:
            self.goto_action.setVisible(visible)
        else:
            self.goto_box.setVisible(visible)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def _chrome(self) -> list[QWidget]:
        w = self.window
        # Only the bars and docks that exist: asking for the status bar would make one.
        bars = [bar for kind in (QDockWidget, QStatusBar) for bar in w.findChildren(kind) if bar.parent() is w]
        return [w.menuBar(), w.toolbar, w.sidebar, w.reader.toc, *bars]

    def enter(self) -> None:
        w = self.window
        self._saved = _Saved(geometry=w.normalGeometry(), state=w.windowState(),
                             shown=tuple(part for part in self._chrome() if not part.isHidden()),
                             numbers=w.reader.show_numbers, zoom=w.zoom_steps)
        self.active = True
        for part in self._saved.shown:
            part.hide()
        w.searching.clear()            # no stale query waits behind the page
        # The window's own zoom is not used: it would be remembered as the user's text size.
        w.pages.zoom(MEETING_ZOOM_STEPS)
        w.reader.set_show_numbers(True)
        if w.stack.currentWidget() is not w.reader:
            w.router.show_page(w.reader.document if w.reader.chapter_id else "report")
        self.leave_action.setEnabled(True)
        w.showFullScreen()             # on the screen the window is on
        w.reader.browser.setFocus()

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        w, saved = self.window, self._saved
        self.active = False
        self.leave_action.setEnabled(False)
        if self._overlay is not None:
            self._overlay.close_overlay()
        w.setWindowState(saved.state)
        from PySide6.QtCore import Qt

        if not saved.state & Qt.WindowState.WindowMaximized:
            w.setGeometry(saved.geometry)
        for part in saved.shown:
            part.show()
        w.pages.zoom(saved.zoom - w.zoom_steps)
        w.reader.set_show_numbers(saved.numbers)
        self._saved = None

    @Slot()
    def on_escape(self) -> None:
        if self._overlay is not None and self._overlay.isVisible():
            self._overlay.close_overlay()
        else:
            self.window.toggle_meeting()

    # The search over the page ------------------------------------------------------------------
    @property
    def overlay(self) -> SearchOverlay:
        """Built the first time a meeting searches."""
        if self._overlay is None:
            from explorer.ui.search.search_overlay import SearchOverlay

            w = self.window
            overlay = SearchOverlay(w.stack, w.search_service, self.card)
            overlay.open_location.connect(w.navigate)
            overlay.go_to_reference.connect(self.on_overlay_go_to_reference)
            overlay.closed.connect(self.on_overlay_closed)
            self._overlay = overlay
        return self._overlay

    def open_search(self, text: str = "") -> None:
        """Ctrl+K (or Ctrl+G, with "§") in a meeting: the overlay, in type as large as the page's."""
        overlay = self.overlay
        app_size = QApplication.font().pointSizeF()
        overlay.set_point_size(max(app_size * OVERLAY_SCALE, self.window.reader.browser.font().pointSizeF()))
        overlay.open(text)

    def card(self, location: str) -> Card:
        """The card of a source or organisation hit, shown large in the overlay."""
        place, library = Location.parse(location), self.window.library
        if place.kind == "source":
            return source_card(library, library.source(place.key))
        return organisation_card(library, library.stakeholder(place.key))

    @Slot()
    def on_overlay_closed(self) -> None:
        w = self.window
        page = w.stack.currentWidget()
        if page is w.reader:
            w.reader.browser.setFocus()     # Page Down and the arrows move the text again
        elif page is not None:
            page.setFocus()

    @Slot(str)
    def on_overlay_go_to_reference(self, text: str) -> None:
        self.goto_box.setText(text)
        self.window.paragraphs.on_goto_return()
