"""How far through the reading is: a thin bar under the chapter title and a short line beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

BAR_HEIGHT = 4


def percent(value: int, maximum: int) -> int:
    """How far down a chapter the page is; a chapter that fits on one page is read whole."""
    return 100 if maximum <= 0 else round(100 * min(max(value, 0), maximum) / maximum)


class ReadingProgress(QWidget):
    """'Chapter 3 of 12 · 40%': the bar shows the chapter, the tooltip the whole document too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingProgress")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("readingProgressBar")
        self.bar.setAccessibleName("Progress through the chapter")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(BAR_HEIGHT)
        self.label = QLabel(self)
        self.label.setObjectName("readingProgressText")
        self.label.setAccessibleName("Reading progress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.label)

    def show_progress(self, chapter: int, chapters: int, chapter_percent: int, document: str) -> None:
        """`chapter` counts from 1; `document` names what the chapters make up ("report")."""
        whole = round(((chapter - 1) + chapter_percent / 100) / max(chapters, 1) * 100)
        self.bar.setValue(chapter_percent)
        self.label.setText(f"Chapter {chapter} of {chapters} · {chapter_percent}%")
        tip = f"{chapter_percent}% through this chapter, {whole}% through the {document}"
        self.setToolTip(tip)
        self.bar.setAccessibleDescription(tip)
