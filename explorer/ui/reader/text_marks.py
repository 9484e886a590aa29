"""Marks drawn over the reader's text without changing it: searched words, the paragraph jumped to."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit


def _selection(cursor: QTextCursor, colour: QColor) -> QTextEdit.ExtraSelection:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


def matches(document: QTextDocument, pattern: re.Pattern[str], colour: QColor) -> list[QTextEdit.ExtraSelection]:
    """One mark per match of `pattern` in the document's text."""
    marks = []
    for match in pattern.finditer(document.toPlainText()):
        cursor = QTextCursor(document)
        cursor.setPosition(match.start())
        cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
        marks.append(_selection(cursor, colour))
    return marks


def block(block: QTextBlock, colour: QColor) -> QTextEdit.ExtraSelection:
    """A mark over one whole paragraph (text block)."""
    cursor = QTextCursor(block)
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    return _selection(cursor, colour)
