"""The card pane beside the source table: the current source's card, its copy buttons and a status line."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.formats.cards import source_card
from explorer.library.store import Library, SourceRecord
from explorer.ui.common.card_browser import CardBrowser


class SourceCardPane(QWidget):
    """The card of one source (`explorer.formats.cards.source_card`, as the briefing pack prints it).

    Signals:
        open_location(str): a "Cited in" section or the source's web address was clicked.
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._links: dict[str, str] = {}
        self.key: str | None = None       # the source shown, None when none is
        self.card = CardBrowser(self)
        self.card.setObjectName("sources_card")
        self.card.setAccessibleName("Source card")

        self.copy_harvard_button = QPushButton("Copy Harvard", self)
        self.copy_harvard_button.setObjectName("sources_copy_harvard")
        self.copy_harvard_button.setAccessibleName("Copy Harvard reference")
        self.copy_harvard_button.setToolTip("Copy the Harvard reference of the selected sources (Ctrl+C in the table)")
        self.copy_apa_button = QPushButton("Copy APA", self)
        self.copy_apa_button.setObjectName("sources_copy_apa")
        self.copy_apa_button.setAccessibleName("Copy APA reference")
        self.copy_apa_button.setToolTip("Copy the APA reference of the selected sources (Ctrl+Shift+C in the table)")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("sources_status")
        self.status_label.setAccessibleName("Status")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_harvard_button)
        buttons.addWidget(self.copy_apa_button)
        buttons.addWidget(self.status_label, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.card, self.copy_harvard_button)
        QWidget.setTabOrder(self.copy_harvard_button, self.copy_apa_button)
        self.card.anchorClicked.connect(self.on_card_anchor_clicked)

    def show_source(self, record: SourceRecord | None, empty: str = "No source selected.") -> None:
        """Show a source's card, or `empty` when there is none."""
        self.key = record.key if record else None
        if record is None:
            self._links = {}
            self.card.show_card(f'<p class="muted">{empty}</p>')
        else:
            card = source_card(self._library, record)
            # The card's hrefs come back as QUrl; map them to the exact locations the card links.
            self._links = {QUrl(location).toString(): location for location in card.links}
            self.card.show_card(card)
        self.copy_harvard_button.setEnabled(record is not None)
        self.copy_apa_button.setEnabled(record is not None)

    def on_card_anchor_clicked(self, url: QUrl) -> None:
        target = self._links.get(url.toString())
        if target:
            self.open_location.emit(target)
