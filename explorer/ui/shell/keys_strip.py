"""The first-run strip above the pages: the three keys worth knowing first, until it is closed."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from explorer.ui.common import icons
from explorer.ui.shell.settings import Settings

CLOSED = "help/keys_strip_closed"


def strip_html(keys: Sequence[tuple[str, str]]) -> str:
    """'New here? Ctrl+K search everything · ...' with each key in bold."""
    shown = " &nbsp;·&nbsp; ".join(f"<b>{html.escape(key)}</b> {html.escape(what)}" for key, what in keys)
    return f"New here? Three keys to know: &nbsp;{shown}"


class KeysStrip(QFrame):
    """A quiet band in the selection colour, with a button that closes it for good.

    Signals:
        dismissed(): the reader closed it.
    """

    dismissed = Signal()

    def __init__(self, keys: Sequence[tuple[str, str]], settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("keysStrip")
        self.setAccessibleName("Keys to know")
        # Palette roles, not colours: the band follows the theme when it changes.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Highlight)
        self.setForegroundRole(QPalette.ColorRole.HighlightedText)
        self.label = QLabel(strip_html(keys), self)
        self.label.setObjectName("keysStripText")
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.HighlightedText)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("keysStripClose")
        self.close_button.setIcon(icons.icon("close"))
        self.close_button.setText("Got it")
        self.close_button.setProperty("toolButtonStyle", icons.TEXT_BESIDE_ICON)
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this for good (the Help menu lists every key)")
        self.close_button.setAccessibleName("Hide the keys to know")
        self.close_button.clicked.connect(self.on_close_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button)

    @classmethod
    def unless_closed(cls, keys: Sequence[tuple[str, str]], settings: Settings,
                      parent: QWidget | None = None) -> KeysStrip | None:
        """The strip, or None once it has been closed (not built at all: every start after the
        first few pays nothing for it)."""
        return None if settings.get(CLOSED) else cls(keys, settings, parent)

    @Slot()
    def on_close_button_clicked(self) -> None:
        self.hide()
        self.settings.set(CLOSED, True)
        self.dismissed.emit()
