"""The one way the app asks where to save or what to open: Qt's file dialogs, starting in the
user's Documents folder when only a file name is suggested."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """Where to save; None when the user cancels."""
    if not Path(suggested).parent.parts:          # a bare name: offer it in Documents
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / suggested) if folder else suggested
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def ask_open_path(parent: QWidget | None, title: str, file_filter: str) -> str | None:
    """Which file to open; None when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None
