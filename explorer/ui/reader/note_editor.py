"""The note editor (Ctrl+Shift+N, and Edit note…): says which paragraph the note is for, quoting the
start of it with its § ¶ reference, and is safe at the keyboard: Tab leaves the text, Ctrl+Enter
saves, and Esc or Cancel with text typed asks before throwing it away."""

from __future__ import annotations

import html
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.common import screen_fit
from explorer.ui.common.messages import Messages

QUOTE_CHARS = 220   # about three lines: enough to recognise the passage


def quote_start(text: str, limit: int = QUOTE_CHARS) -> str:
    """The start of a passage, cut at a word and marked as cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


class NoteEditor(QDialog):
    """One note's text, under the reference and the start of the passage it is about."""

    def __init__(self, parent: QWidget | None, title: str, reference: str, quote: str,
                 text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setWindowTitle(title)
        self._initial = text
        self.reference = QLabel(f"<b>{html.escape(reference)}</b>", self)
        self.reference.setObjectName("noteReference")
        self.quote = QLabel(f"<i>“{html.escape(quote_start(quote))}”</i>" if quote.strip() else "", self)
        self.quote.setObjectName("noteQuote")
        self.quote.setWordWrap(True)
        self.quote.setAccessibleName("The passage the note is about")
        self.editor = QPlainTextEdit(text, self)
        self.editor.setObjectName("noteText")
        self.editor.setAccessibleName(f"Your note on {reference}")
        self.editor.setPlaceholderText("Your note…")
        self.editor.setTabChangesFocus(True)    # Tab moves on, as in every other box; it types nothing
        hint = QLabel("Ctrl+Enter saves · Esc cancels", self)
        hint.setObjectName("noteHint")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)   # muted: a hint, in any theme
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter saves: seen by the text box first, since plain Enter starts a new line there.
        self.editor.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reference)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.editor.setFocus()
        screen_fit.fit_dialog(self, 560, 320)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            key = cast("QKeyEvent", event)
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and key.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.editor.toPlainText()

    def reject(self) -> None:
        """Esc, Cancel or the close button: typed text is only thrown away when the user says so."""
        typed = self.text().strip()
        if typed and typed != self._initial.strip() and not Messages.ask(
                self, "Discard this note?", "Your note has not been saved. Discard it?", "Discard"):
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, reference: str, quote: str,
            text: str = "") -> str | None:
        """The note's text when saved; None when cancelled."""
        dialog = cls(parent, title, reference, quote, text)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
