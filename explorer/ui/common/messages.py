"""The one way the interface tells the user something or asks a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer import log

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Messages:
    """Dialogs behind classmethods, so tests can patch them and assert what the user was told.

    QMessageBox is imported when a message is shown: most runs show none before the window
    paints, and its first import builds its enums.
    """

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        log.get("explorer.messages").warning("%s: %s%s", title, text, f" ({detail})" if detail else "")
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          parent)
        if detail:
            box.setInformativeText(detail)
        box.exec()

    @classmethod
    def info(cls, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        log.get("explorer.messages").info("%s: %s", title, text)
        QMessageBox.information(parent, title, text)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, yes: str = "OK") -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                          parent)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() is accept
