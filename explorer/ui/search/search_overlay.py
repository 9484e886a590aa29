"""The search that floats over the page in meeting mode: a line for words (or a § reference), the
hits below it, and a source's or organisation's card shown large in place of the hits. The page
behind stays until a section is chosen; Esc closes the overlay and leaves the page as it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from explorer.formats.cards import Card
from explorer.search.engine import SearchResults
from explorer.ui.common.card_browser import CardBrowser
from explorer.ui.common.workers import SearchService
from explorer.ui.search.search_view import HitRole, results_list

OVERLAY_DELAY_MS = 120
OVERLAY_HITS = 12


class SearchOverlay(QFrame):
    """A search over `host` (the window's page area).

    Signals:
        open_location(str): a hit (or a link on a card) was chosen: the page should go there.
        go_to_reference(str): a § reference was typed and Enter pressed.
        closed(): the overlay was put away (Esc, or a place was chosen).
    """

    open_location = Signal(str)
    go_to_reference = Signal(str)
    closed = Signal()

    def __init__(self, host: QWidget, service: SearchService, cards: Callable[[str], Card]) -> None:
        """`cards` makes the card of a source: or stakeholder: location."""
        super().__init__(host)
        self.host = host
        self.service = service
        self.cards = cards
        self._open_first = False     # Enter came before the results: open the first one
        self.setObjectName("searchOverlay")
        # A clear edge, so the overlay does not read as part of the page under it.
        self.setStyleSheet("QFrame#searchOverlay { background: palette(window); "
                           "border: 2px solid palette(highlight); border-radius: 6px; }")
        self.setAutoFillBackground(True)
        self._links: dict[str, str] = {}
        self._build()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(OVERLAY_DELAY_MS)
        self._connect_signals()
        self.hide()

    def _build(self) -> None:
        self.edit = QLineEdit(self)
        self.edit.setObjectName("overlaySearch")
        self.edit.setAccessibleName("Search during the meeting")
        self.edit.setPlaceholderText("Search the report, sources and organisations, or go to §6.3 ¶4")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setObjectName("overlayStatus")
        self.status.setWordWrap(True)
        self.list, self.model = results_list(self, "overlayResults")
        self.card = CardBrowser(self)
        self.card.setObjectName("overlayCard")
        self.card.setAccessibleName("Card")
        self.pane = QStackedWidget(self)
        self.pane.addWidget(self.list)
        self.pane.addWidget(self.card)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.pane, 1)

    def _connect_signals(self) -> None:
        self.edit.textEdited.connect(self.on_edit_edited)
        self.edit.returnPressed.connect(self.on_edit_return)
        self.edit.installEventFilter(self)
        self.list.installEventFilter(self)
        self.card.installEventFilter(self)
        self.list.activated.connect(self.on_list_activated)
        self.card.anchorClicked.connect(self.on_card_anchor_clicked)
        self.timer.timeout.connect(self.run)
        self.service.results.connect(self.on_service_results)
        self.host.installEventFilter(self)

    # Opening and closing -----------------------------------------------------------------------
    def open(self, text: str = "") -> None:
        """Show the overlay over the page with `text` typed (selected, so typing replaces it)."""
        self._open_first = False
        self._fit()
        self.edit.setText(text)
        self.model.set_hits(())
        self.pane.setCurrentWidget(self.list)
        self.status.setText("Type to search; ↓ and Enter open a hit; Esc returns to the page.")
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll() if text != "§" else self.edit.end(False)

    def close_overlay(self) -> None:
        if self.isVisible():
            self.timer.stop()
            self.hide()
            self.closed.emit()

    def set_point_size(self, point_size: float) -> None:
        """Large type: the overlay's own font, whatever the window's."""
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        # Set on each part: with a style sheet on the frame, children no longer inherit its font.
        for part in (self, self.edit, self.status, self.list, self.card):
            part.setFont(font)

    def _fit(self) -> None:
        """Centred near the top of the page, in from the edges; most of a short screen's height."""
        area = self.host.rect()
        width = min(area.width() - 40, max(600, area.width() * 3 // 4))
        height = min(area.height() - 40, max(area.height() * 2 // 3, 420))
        self.setGeometry(area.left() + (area.width() - width) // 2, area.top() + 20, width, height)

    # Searching -----------------------------------------------------------------------------------
    @Slot(str)
    def on_edit_edited(self, text: str) -> None:
        self.pane.setCurrentWidget(self.list)
        if text.strip() and not text.lstrip().startswith("§"):
            self.timer.start()
        else:
            self.timer.stop()
            self.model.set_hits(())

    @Slot()
    def run(self) -> None:
        text = self.edit.text()
        if self.isVisible() and text.strip():
            self.service.submit(text, typing=True, limit=OVERLAY_HITS, snippets=OVERLAY_HITS)

    @Slot(object)
    def on_service_results(self, results: SearchResults) -> None:
        # The window's search box shares the service: answers count only while the overlay is up.
        if not self.isVisible() or not self.edit.text().strip():
            return
        self.model.set_hits(results.hits)
        if results.hits and self._open_first:
            self._open_first = False
            self.on_list_activated(self.model.index(0, 0))
        elif results.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.status.setText(f"{results.total} result{'s' if results.total != 1 else ''}: "
                                "↓ to choose, Enter to open")
        else:
            self.status.setText(f"No results for “{results.query}”.")

    @Slot()
    def on_edit_return(self) -> None:
        text = self.edit.text().strip()
        if text.startswith("§"):
            self.go_to_reference.emit(text)
            self.close_overlay()
        elif self.timer.isActive() or (text and not self.model.rowCount()):
            self.timer.stop()
            self._open_first = True
            self.run()
        elif self.list.currentIndex().isValid():
            self.on_list_activated(self.list.currentIndex())

    @Slot(QModelIndex)
    def on_list_activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit.kind in ("source", "stakeholder"):
            self.show_card(hit.location)
        else:
            self.open_location.emit(hit.location)
            self.close_overlay()

    # Cards, large, over the page ---------------------------------------------------------------
    def show_card(self, location: str) -> None:
        """A source's or organisation's card in place of the hits (Backspace or ← returns)."""
        card = self.cards(location)
        self._links = {QUrl(place).toString(): place for place in card.links}
        self.card.show_card(card)
        self.pane.setCurrentWidget(self.card)
        self.status.setText("← back to the results · Esc back to the page")
        self.card.setFocus()

    @Slot(QUrl)
    def on_card_anchor_clicked(self, url: QUrl) -> None:
        place = self._links.get(url.toString())
        if place is None:
            return
        if place.startswith(("source:", "stakeholder:")):
            self.show_card(place)
        else:
            self.open_location.emit(place)
            self.close_overlay()

    # Keys ----------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.host:
            if event.type() == QEvent.Type.Resize and self.isVisible():
                self._fit()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_overlay()
            return True
        if watched is self.edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            row = self.list.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
            self.list.setCurrentIndex(self.model.index(max(0, min(self.model.rowCount() - 1, row)), 0))
            return True
        if watched is self.card and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Left):
            self.pane.setCurrentWidget(self.list)
            self.edit.setFocus()
            return True
        return False
