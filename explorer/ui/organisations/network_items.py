"""The network's scene items: an organisation (dot and label) and a link (line and arrowhead)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPalette, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from explorer.content.layout import label_box
from explorer.model.records import LinkRecord, StakeholderRecord
from explorer.model.vocabulary import SECTOR_LABELS
from explorer.ui.organisations.network_graph import Highlight, arrow

# Mid-tone colours that read on both the light and the dark theme (nodes also carry an outline).
SECTOR_COLOURS: dict[str, str] = {
    "government": "#1f77b4", "regulator": "#d62728", "non-departmental-body": "#9467bd",
    "charity": "#2ca02c", "foundation-funder": "#ff7f0e", "research-think-tank": "#17becf",
    "university-sector": "#8c564b", "school-trust": "#e377c2", "employer-business": "#8a8a8a",
    "membership-body": "#bcbd22", "local-government": "#6b6ecf",
}
OTHER_COLOUR = "#8a8a8a"
RADIUS = 6.0
LABEL_PX = 12            # 9 pt at 96 dpi: the size explorer/content/layout.py budgets labels for
LABEL_LEFT = 7.0         # the label starts right of the dot, inside layout.label_box
PAD = 1.0


def label_font() -> QFont:
    font = QFont()
    font.setPixelSize(LABEL_PX)
    return font


def sector_colour(sector: str) -> QColor:
    return QColor(SECTOR_COLOURS.get(sector, OTHER_COLOUR))


# Every item below is made of Qt's own items and none overrides paint(): with PySide6 6.12.0 on
# CPython 3.11, a Python paint() that QGraphicsScene.render() calls with widget=None (the PNG and
# SVG exports) releases a reference to None it never took, and a 300-item export crashed the
# interpreter ("none_dealloc"). Reproduced locally; no upstream report found.
class NodeItem(QGraphicsRectItem):
    """One organisation: a dot in its sector's colour and its label, inside the layout's label box.

    The item's own rectangle is that box (the hit area, left unpainted); its children are the dot,
    the text over a halo in the background colour, and the focus ring. The label's background is
    an item of its own, under the lines, so that arrowheads reaching the dot stay visible while the
    halo keeps the letters clear of lines; the view adds it to the scene.
    """

    def __init__(self, record: StakeholderRecord, label: str, font: QFont) -> None:
        self.label = label
        # The box the build kept clear of other labels; nothing is drawn outside it.
        left, top, right, bottom = label_box(0.0, 0.0, self.label)
        super().__init__(QRectF(left, top, right - left, bottom - top))
        self.record = record
        self.key = record.key
        self.setPen(Qt.PenStyle.NoPen)
        metrics = QFontMetricsF(font)
        budget = right - LABEL_LEFT - 2 * PAD
        # A font wider than the layout assumed is squeezed into the box rather than overlapping.
        squeeze = min(1.0, budget / max(metrics.horizontalAdvance(self.label), 1.0))
        width = metrics.horizontalAdvance(self.label) * squeeze + 2 * PAD
        self.background = QGraphicsRectItem(QRectF(LABEL_LEFT, top, width, bottom - top))
        self.background.setPen(Qt.PenStyle.NoPen)
        self.background.setPos(record.x, record.y)
        self.background.setZValue(0)
        self.dot = QGraphicsEllipseItem(QRectF(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS), self)
        self.dot.setBrush(sector_colour(record.sector))
        self.halo = QGraphicsSimpleTextItem(self.label, self)
        self.text = QGraphicsSimpleTextItem(self.label, self)
        for text in (self.halo, self.text):
            text.setFont(font)
            text.setPos(LABEL_LEFT + PAD, -metrics.height() / 2)
            text.setTransform(QTransform.fromScale(squeeze, 1.0))
        self.ring = QGraphicsRectItem(self.rect().adjusted(-1, -1, 1, 1), self)
        self.ring.setVisible(False)
        self.emphasised = False
        self.setPos(record.x, record.y)
        self.setZValue(2)
        self.setToolTip(f"{record.name}\n{SECTOR_LABELS.get(record.sector, record.sector)}")

    @property
    def focused(self) -> bool:
        return self.ring.isVisible()

    def set_state(self, highlight: Highlight, focused: bool, pal: QPalette, force: bool) -> None:
        """Apply a highlight state; items whose state is unchanged are left alone (hovering stays cheap)."""
        if not force and (highlight.emphasised, focused, highlight.opacity) == \
                (self.emphasised, self.focused, self.opacity()):
            return
        self.emphasised = highlight.emphasised
        self.ring.setVisible(focused)
        self.setOpacity(highlight.opacity)
        self.background.setOpacity(highlight.opacity)
        self.restyle(pal)

    def restyle(self, pal: QPalette) -> None:
        role = QPalette.ColorRole.Highlight if self.emphasised else QPalette.ColorRole.Base
        background = QColor(pal.color(role))
        background.setAlpha(240 if self.emphasised else 200)
        self.background.setBrush(background)
        self.halo.setBrush(background)
        self.halo.setPen(QPen(background, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                              Qt.PenJoinStyle.RoundJoin))
        self.dot.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1.0))
        self.text.setBrush(pal.color(QPalette.ColorRole.Text))
        self.ring.setPen(QPen(pal.color(QPalette.ColorRole.Link), 2.0, Qt.PenStyle.DashLine))


class EdgeItem(QGraphicsPathItem):
    """One link: a line with an arrowhead at the organisation acted on; the kind in its tooltip."""

    def __init__(self, link: LinkRecord, start: NodeItem, end: NodeItem) -> None:
        super().__init__()
        self.link = link
        self.emphasised = False
        shape = arrow((start.pos().x(), start.pos().y()), (end.pos().x(), end.pos().y()), RADIUS)
        tip = QPointF(*shape.tip)
        path = QPainterPath(QPointF(*shape.start))
        path.lineTo(tip)
        path.addPolygon(QPolygonF([tip, QPointF(*shape.left), QPointF(*shape.right), tip]))
        self.setPath(path)
        self.setZValue(1)
        note = f"\n{link.note}" if link.note else ""
        self.setToolTip(f"{start.record.name} — {link.kind} → {end.record.name}{note}")

    def set_state(self, highlight: Highlight, pal: QPalette, force: bool) -> None:
        if not force and (highlight.emphasised, highlight.opacity) == (self.emphasised, self.opacity()):
            return
        self.emphasised = highlight.emphasised
        self.setOpacity(highlight.opacity)
        self.restyle(pal)

    def restyle(self, pal: QPalette) -> None:
        colour = pal.color(QPalette.ColorRole.Link if self.emphasised else QPalette.ColorRole.PlaceholderText)
        self.setPen(QPen(colour, 2.0 if self.emphasised else 1.0))
        self.setBrush(colour)
