"""Going places in the main window: each location opened in its view, the history kept, and the
mouse's back and forward buttons honoured wherever the pointer is."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QUrl, Slot
from PySide6.QtWidgets import QApplication, QWidget

from explorer.errors import ExplorerError
from explorer.model.history import History
from explorer.model.location import Location
from explorer.ui.common.messages import Messages

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow


class Router(QObject):
    """Opens locations in a main window and keeps its back/forward history."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.history = History()
        # Seen here before a list under the pointer turns a back-button press into choosing a row.
        # Installed after the first paint: an application-wide filter sees every event, and the
        # window's first paint need not wait for Python to look at each of them.
        window.first_painted.connect(self.on_window_first_painted)

    @Slot()
    def on_window_first_painted(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @Slot(str)
    def navigate(self, location: str | Location, record: bool = True) -> bool:
        """Open a location and remember it; False (the user told why) if it cannot be opened."""
        try:
            place = location if isinstance(location, Location) else Location.parse(location)
            shown = self._open(place)
        except ExplorerError as exc:
            Messages.error(self.window, "Cannot open", f"“{location}” cannot be opened.", str(exc))
            return False
        if shown and record:
            self.history.visit(place)
        self._update_actions()
        return True

    def _open(self, place: Location) -> bool:
        """Show `place`; True if it is a place to come back to (not a dialog or the browser)."""
        w = self.window
        if place.kind == "web":
            if Messages.ask(w, "Open in your browser?",
                            f"This opens a page outside the app, in your web browser:<br><br>"
                            f"<b>{html.escape(place.key)}</b>", "Open in browser"):
                from PySide6.QtGui import QDesktopServices

                QDesktopServices.openUrl(QUrl(place.key))
            return False
        if place.kind == "glossary":
            Messages.info(w, "Glossary", w.reader.tooltip_for(str(place)) or place.key)
            return False
        if place.kind == "view":
            self.show_page(place.key)
        elif place.kind == "source":
            w.sources.show_key(place.key)
            w.show_view("sources")
        elif place.kind == "stakeholder":
            w.stakeholders.show_key(place.key)
            w.show_view("stakeholders")
        else:
            terms = w.searching.terms() if w.pages.showing("search") else []
            w.reader.open(place.key, terms)
            # The summary's sections share titles with the report's: the title tells them apart.
            title = w.library.section(place.key).title + (" (summary)" if place.document == "summary" else "")
            w.show_view(place.document, title)
            w.current_location = place.key
        return True

    def show_page(self, key: str) -> None:
        """Show a page of the window; the reader pages open at their first chapter if none is open."""
        w = self.window
        if key == "side":
            self.show_side_by_side()
        elif key in ("report", "summary") and (w.reader.document != key or not w.reader.chapter_id) \
                and w.library.toc(key):
            self.navigate(w.library.toc(key)[0].id)
        elif key == "search":
            w.show_view("search")     # asked for by name (Ctrl+4, the sidebar): Ctrl+K alone keeps the page
            w.searching.focus()
        else:
            w.show_view(key)

    def show_side_by_side(self) -> None:
        """Summary and full report side by side, at the chapter being read (or the summary's first)."""
        w = self.window
        here = Location.parse(w.current_location) if w.current_location else None
        location = here.key if here and here.is_section else ""
        if not location and w.library.toc("summary"):
            location = w.library.toc("summary")[0].id
        if location:
            w.side.show_location(location)
        w.show_view("side")

    @Slot()
    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self.navigate(place, record=False)

    @Slot()
    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self.navigate(place, record=False)

    def _update_actions(self) -> None:
        actions = self.window.actions_by_name
        actions["back"].setEnabled(self.history.can_go_back())
        actions["forward"].setEnabled(self.history.can_go_forward())

    @Slot(str)
    def on_reader_position_changed(self, section_id: str) -> None:
        self.history.replace_current(Location("section", section_id))   # Back returns to where you read

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) \
                and watched.window() is self.window:
            from PySide6.QtCore import Qt

            button = event.button()  # type: ignore[attr-defined]  # a QMouseEvent
            if button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
                self.go_back() if button == Qt.MouseButton.BackButton else self.go_forward()
                return True
        return False

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
