"""What a trustee sees when the app meets a bug: plain words, the log's place, and a way to copy
the details for IT. The traceback itself goes to the log file, never into the dialog's text."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import explorer

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

TITLE = "Something went wrong"


def details_text(summary: str, traceback_text: str) -> str:
    """What *Copy details* puts on the clipboard: enough for IT to report the problem."""
    return (f"Report Explorer {explorer.__version__} on {platform.platform()} (Python "
            f"{platform.python_version()}{', frozen' if getattr(sys, 'frozen', False) else ''})\n"
            f"{summary}\n\n{traceback_text}")


class CrashDialog(QDialog):
    """A bug's dialog: what happened in plain English, where the log is, *Copy details*."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("crashDialog")
        self.details = details
        text = QLabel(
            "<p><b>Something went wrong, and Report Explorer could not finish what you asked.</b></p>"
            "<p>Your notes and bookmarks are safe: they are saved as you make them. You can go on "
            "working; if the same thing happens again, restart Report Explorer.</p>", self)
        text.setWordWrap(True)
        where = (f"The details were written to the log file:<br><code>{log_file}</code>" if log_file
                 else "The details could not be written to a log file.")
        place = QLabel(f"<p>{where}<br>If you report this to IT, use <i>Copy details</i> and paste "
                       "them into your message.</p>", self)
        place.setWordWrap(True)
        place.setTextInteractionFlags(place.textInteractionFlags() | _selectable())
        self.copy_button = QPushButton("Copy details", self)
        self.copy_button.setAccessibleName("Copy the details of the problem")
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(place)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(520, _screen_width() - 40))

    @Slot()
    def on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


def _selectable() -> Qt.TextInteractionFlag:
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse


def _screen_width() -> int:
    screen = QApplication.primaryScreen()
    return screen.availableGeometry().width() if screen else 800
