"""The pane that shows a card (explorer.formats.cards) in the theme's colours."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from explorer.formats.cards import Card, card_css


def palette_colours(palette: QPalette) -> dict[str, str]:
    """The colours `card_css` asks for, from a palette."""
    def name(role: QPalette.ColorRole) -> str:
        return QColor(palette.color(role)).name()

    return {"fg": name(QPalette.ColorRole.Text), "link": name(QPalette.ColorRole.Link),
            "muted": name(QPalette.ColorRole.PlaceholderText), "accent": name(QPalette.ColorRole.Link)}


class CardBrowser(QTextBrowser):
    """A read-only card. Links are only reported (`anchorClicked`), never followed here: the main
    window routes every location and asks before opening a browser. The card is drawn again in the
    new colours when the theme changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._html = ""

    def show_card(self, card: Card | str) -> None:
        """Show a card, or a line of HTML when there is no card to show."""
        self._html = card.html if isinstance(card, Card) else card
        self.document().setDefaultStyleSheet(card_css(palette_colours(self.palette())))
        self.setHtml(self._html)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._html:
            self.show_card(self._html)
