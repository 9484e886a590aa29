"""The network's legend: the sectors present, as coloured dots and names, and how to read an arrow."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPalette, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from explorer.model.vocabulary import SECTOR_LABELS
from explorer.ui.organisations.network_items import RADIUS, sector_colour


class LegendItem(QGraphicsRectItem):
    """The sectors present, as coloured dots and names in columns, under the network."""

    COLUMNS, COLUMN_WIDTH, ROW_HEIGHT = 4, 200.0, 20.0

    def __init__(self, sectors: list[str], font: QFont) -> None:
        rows = math.ceil(len(sectors) / self.COLUMNS) + 1
        super().__init__(QRectF(0, 0, self.COLUMNS * self.COLUMN_WIDTH, rows * self.ROW_HEIGHT))
        self.setPen(Qt.PenStyle.NoPen)
        offset = (self.ROW_HEIGHT - QFontMetricsF(font).height()) / 2
        self.texts = [QGraphicsSimpleTextItem("Sectors. An arrow points from an organisation to the one "
                                              "it funds, evaluates, …; hover a line for the kind.", self)]
        self.texts[0].setPos(0, offset)
        self.dots: list[QGraphicsEllipseItem] = []
        for i, sector in enumerate(sectors):
            x, y = (i % self.COLUMNS) * self.COLUMN_WIDTH, (i // self.COLUMNS + 1) * self.ROW_HEIGHT
            dot = QGraphicsEllipseItem(QRectF(x, y + self.ROW_HEIGHT / 2 - RADIUS, 2 * RADIUS, 2 * RADIUS), self)
            dot.setBrush(sector_colour(sector))
            self.dots.append(dot)
            text = QGraphicsSimpleTextItem(SECTOR_LABELS.get(sector, sector), self)
            text.setPos(x + 2 * RADIUS + 6, y + offset)
            self.texts.append(text)
        for text in self.texts:
            text.setFont(font)

    def restyle(self, pal: QPalette) -> None:
        for text in self.texts:
            text.setBrush(pal.color(QPalette.ColorRole.Text))
        for dot in self.dots:
            dot.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1.0))
