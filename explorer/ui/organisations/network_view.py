"""The stakeholder network: organisations at their build-time positions, their links, zoom and export."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from explorer.content.layout import label_box, node_label
from explorer.library.store import Library, LinkRecord, StakeholderRecord
from explorer.model.vocabulary import SECTOR_LABELS, SECTORS

# Mid-tone colours that read on both the light and the dark theme (nodes also carry an outline).
SECTOR_COLOURS: dict[str, str] = {
    "government": "#1f77b4", "regulator": "#d62728", "non-departmental-body": "#9467bd",
    "charity": "#2ca02c", "foundation-funder": "#ff7f0e", "research-think-tank": "#17becf",
    "university-sector": "#8c564b", "school-trust": "#e377c2", "employer-business": "#8a8a8a",
    "membership-body": "#bcbd22", "local-government": "#6b6ecf",
}
RADIUS = 6.0
LABEL_PX = 12            # 9 pt at 96 dpi: the size explorer/content/layout.py budgets labels for
LABEL_LEFT = 7.0         # the label starts right of the dot, inside layout.label_box
PAD = 1.0
DIM = 0.22
MIN_SCALE, MAX_SCALE = 0.15, 6.0
READABLE = 0.75         # the first view is never smaller than this (labels stay legible)


def label_font() -> QFont:
    font = QFont()
    font.setPixelSize(LABEL_PX)
    return font


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

    def __init__(self, record: StakeholderRecord, font: QFont) -> None:
        self.label = node_label(record.name, record.aliases)
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
        self.dot.setBrush(QColor(SECTOR_COLOURS.get(record.sector, "#8a8a8a")))
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

    def set_state(self, emphasised: bool, focused: bool, opacity: float, pal: QPalette, force: bool) -> None:
        """Apply a highlight state; items whose state is unchanged are left alone (hovering stays cheap)."""
        if not force and (emphasised, focused, opacity) == (self.emphasised, self.focused, self.opacity()):
            return
        self.emphasised = emphasised
        self.ring.setVisible(focused)
        self.setOpacity(opacity)
        self.background.setOpacity(opacity)
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
        a, b = start.pos(), end.pos()
        length = math.hypot(b.x() - a.x(), b.y() - a.y()) or 1.0
        ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
        tip = QPointF(b.x() - ux * (RADIUS + 2), b.y() - uy * (RADIUS + 2))
        path = QPainterPath(QPointF(a.x() + ux * RADIUS, a.y() + uy * RADIUS))
        path.lineTo(tip)
        path.addPolygon(QPolygonF([tip, QPointF(tip.x() - ux * 8 - uy * 4, tip.y() - uy * 8 + ux * 4),
                                   QPointF(tip.x() - ux * 8 + uy * 4, tip.y() - uy * 8 - ux * 4), tip]))
        self.setPath(path)
        self.setZValue(1)
        note = f"\n{link.note}" if link.note else ""
        self.setToolTip(f"{start.record.name} — {link.kind} → {end.record.name}{note}")

    def set_state(self, emphasised: bool, opacity: float, pal: QPalette, force: bool) -> None:
        if not force and (emphasised, opacity) == (self.emphasised, self.opacity()):
            return
        self.emphasised = emphasised
        self.setOpacity(opacity)
        self.restyle(pal)

    def restyle(self, pal: QPalette) -> None:
        colour = pal.color(QPalette.ColorRole.Link if self.emphasised else QPalette.ColorRole.PlaceholderText)
        self.setPen(QPen(colour, 2.0 if self.emphasised else 1.0))
        self.setBrush(colour)


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
            dot.setBrush(QColor(SECTOR_COLOURS.get(sector, "#8a8a8a")))
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


class NetworkView(QGraphicsView):
    """Organisations and their links at the layout computed when the library was built.

    Mouse: wheel zooms, dragging pans, hovering a node highlights it and its neighbours, a click
    opens its card. Keyboard: Tab / Shift+Tab step through the nodes (and out of the view after the
    last), arrow keys move to the nearest node in that direction, Enter opens, Ctrl +/- zooms,
    Ctrl+0 shows everything, Escape drops the focus ring.

    Signals:
        open_location(str): a node was clicked or activated ("stakeholder:<key>").
        current_changed(str): the focused node changed (its key).
    """

    open_location = Signal(str)
    current_changed = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("networkView")
        self.setAccessibleName("Organisation network")
        self.setAccessibleDescription("A map of organisations and their links; the Matrix tab lists the same "
                                      "organisations as a table.")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.neighbours: dict[str, set[str]] = {}
        self.current: str | None = None
        self.hovered: str | None = None
        self._press: tuple[str, QPointF] | None = None
        self._fitted = False       # until the user zooms or pans, resizing recomputes the first view
        self._exporting = False
        self._populate()

    # Construction ---------------------------------------------------------------------------
    def _populate(self) -> None:
        font = label_font()
        for record in self.library.stakeholders():
            node = NodeItem(record, font)
            self.nodes[record.key] = node
            self.neighbours[record.key] = set()
            self.scene().addItem(node)
            self.scene().addItem(node.background)
        for link in self.library.links():
            if link.from_key in self.nodes and link.to_key in self.nodes and link.from_key != link.to_key:
                edge = EdgeItem(link, self.nodes[link.from_key], self.nodes[link.to_key])
                self.edges.append(edge)
                self.scene().addItem(edge)
                self.neighbours[link.from_key].add(link.to_key)
                self.neighbours[link.to_key].add(link.from_key)
        self.order = sorted(self.nodes, key=lambda k: (self.nodes[k].label.casefold(), k))
        bounds = self.scene().itemsBoundingRect()
        sectors = [s for s in SECTORS if any(n.record.sector == s for n in self.nodes.values())]
        self.legend = LegendItem(sectors, font)
        self.legend.setPos(bounds.left(), bounds.bottom() + 24)
        self.scene().addItem(self.legend)
        self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._refresh(restyle=True)

    # Public API -----------------------------------------------------------------------------
    def node_positions(self) -> dict[str, tuple[float, float]]:
        return {key: (node.pos().x(), node.pos().y()) for key, node in self.nodes.items()}

    def set_current(self, key: str | None, centre: bool = True) -> None:
        """Give a node the keyboard focus ring (and centre it), or clear it."""
        if key is not None and key not in self.nodes:
            return
        changed = key != self.current
        self.current = key
        if key is not None:
            node = self.nodes[key]
            if centre:
                if not self._fitted:
                    self._first_view()
                self._fitted = True    # keep this node in view when the view is first shown or resized
                self.centerOn(node)
            self.setAccessibleDescription(f"{node.record.name}, {SECTOR_LABELS.get(node.record.sector, '')}, "
                                          f"{len(self.neighbours[key])} linked organisations")
        self._refresh()
        if changed and key is not None:
            self.current_changed.emit(key)

    def highlight(self, key: str | None) -> None:
        """Emphasise a node and its neighbours and dim the rest (None: back to normal)."""
        self.hovered = key if key in self.nodes else None
        self._refresh()

    def open_current(self) -> None:
        if self.current is not None:
            self.open_location.emit(f"stakeholder:{self.current}")

    def zoom_by(self, factor: float) -> None:
        scale = self.transform().m11()
        factor = max(MIN_SCALE / scale, min(MAX_SCALE / scale, factor))
        self._fitted = True
        self.scale(factor, factor)

    def show_all(self) -> None:
        """Fit the whole network in the view, however small its labels get."""
        self._fitted = True
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def _first_view(self) -> None:
        """The whole network if it fits at a legible size; else a legible part of it, the linked centre."""
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() < READABLE:
            self.setTransform(QTransform.fromScale(READABLE, READABLE))
            linked = [n.pos() for k, n in self.nodes.items() if self.neighbours[k]] or \
                [n.pos() for n in self.nodes.values()]
            if linked:
                self.centerOn(sum(p.x() for p in linked) / len(linked), sum(p.y() for p in linked) / len(linked))

    @contextmanager
    def _plain(self) -> Iterator[None]:
        """The network without hover and focus highlights, for an export."""
        self._exporting = True
        self._refresh()
        try:
            yield
        finally:
            self._exporting = False
            self._refresh()

    def export_png(self, path: str | Path, scale: float = 2.0) -> None:
        """Write the whole network (in the current theme, without highlights) as a PNG image.

        Raises:
            OSError: the file cannot be written.
        """
        source = self.scene().sceneRect()
        image = QImage(int(source.width() * scale), int(source.height() * scale), QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        with self._plain():
            self.scene().render(painter, QRectF(image.rect()), source)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # The ignore: PySide6's stub wants the format as bytes; it only accepts str.
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError(f"could not encode the image for {path}")
        buffer.close()
        Path(path).write_bytes(bytes(data.data()))

    def export_svg(self, path: str | Path) -> None:
        """Write the whole network (in the current theme, without highlights) as an SVG drawing.

        Raises:
            OSError: the file cannot be written.
        """
        source = self.scene().sceneRect()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(int(source.width()), int(source.height())))
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle("Organisation network")
        generator.setDescription(f"{len(self.nodes)} organisations and {len(self.edges)} links")
        painter = QPainter(generator)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), self.palette().color(QPalette.ColorRole.Base))
        with self._plain():
            self.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
        buffer.close()
        Path(path).write_bytes(bytes(data.data()))

    # Highlight state ----------------------------------------------------------------------
    def _active(self) -> str | None:
        if self._exporting:
            return None
        if self.hovered is not None:
            return self.hovered
        return self.current if self.hasFocus() else None

    def _refresh(self, restyle: bool = False) -> None:
        """Show the highlight state; restyle: also recolour everything (the palette changed)."""
        active = self._active()
        near = {active, *self.neighbours[active]} if active is not None else set()
        pal = self.palette()
        for key, node in self.nodes.items():
            node.set_state(key in near, key == self.current and not self._exporting,
                           1.0 if active is None or key in near else DIM, pal, restyle)
        for edge in self.edges:
            touching = active is not None and active in (edge.link.from_key, edge.link.to_key)
            edge.set_state(touching, 1.0 if active is None or touching else DIM, pal, restyle)
        if restyle:
            self.legend.restyle(pal)

    # Events ---------------------------------------------------------------------------------
    def _node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos.toPoint()):
            node = item if isinstance(item, NodeItem) else item.parentItem()
            if isinstance(node, NodeItem):
                return node
        return None

    def _step(self, forward: bool) -> bool:
        """Move the focus to the next / previous node; False when there is none (Tab leaves)."""
        if not self.order:
            return False
        if self.current is None:
            index = 0 if forward else len(self.order) - 1
        else:
            index = self.order.index(self.current) + (1 if forward else -1)
            if not 0 <= index < len(self.order):
                return False
        self.set_current(self.order[index])
        return True

    def _move(self, dx: int, dy: int) -> None:
        """Focus the nearest node in a direction (within 60 degrees either side of it)."""
        if self.current is None:
            self._step(True)
            return
        here = self.nodes[self.current].pos()
        best: tuple[float, str] | None = None
        for key, node in self.nodes.items():
            vx, vy = node.pos().x() - here.x(), node.pos().y() - here.y()
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if key == self.current or along <= 0 or across > along * 1.8:
                continue
            score = along + 2 * across
            if best is None or (score, key) < best:
                best = (score, key)
        if best is not None:
            self.set_current(best[1])

    def event(self, event: QEvent) -> bool:
        # The window's text-zoom shortcuts would take Ctrl +/-/0; while the map has focus they zoom it.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._zoom_key(event) is not None:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and self._step(event.key() == Qt.Key.Key_Tab
                               and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            return True
        return super().event(event)

    @staticmethod
    def _zoom_key(event: QKeyEvent) -> int | None:
        """1 for zoom in (Ctrl + or =), -1 for zoom out (Ctrl -), 0 for Ctrl+0, None otherwise."""
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            return 1
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            return -1
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return None
        steps: dict[int, int] = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Equal: 1, Qt.Key.Key_Minus: -1, Qt.Key.Key_0: 0}
        return steps.get(event.key())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        directions: dict[int, tuple[int, int]] = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                                                  Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in directions and not ctrl:
            self._move(*directions[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_current()
        elif self._zoom_key(event) == 0:
            self.show_all()
        elif self._zoom_key(event) is not None:
            self.zoom_by(1.25 if self._zoom_key(event) == 1 else 0.8)
        elif key == Qt.Key.Key_Escape and self.current is not None:
            self.set_current(None)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        self.zoom_by(1.0015 ** event.angleDelta().y())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        node = self._node_at(event.position())
        self._press = (node.key, event.position()) if node and event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        event.accept()                 # the view handles clicks and drags itself
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = (event.position() - press[1]).manhattanLength()
        node = self._node_at(event.position())
        if node is not None and node.key == press[0] and moved < 6:
            self.set_current(node.key, centre=False)
            self.open_current()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._fitted = True    # panned: keep the user's view on resize
        if self._press is None or event.buttons() == Qt.MouseButton.NoButton:
            node = self._node_at(event.position())
            key = node.key if node else None
            if key != self.hovered:
                self.highlight(key)
                self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if node
                                          else Qt.CursorShape.OpenHandCursor)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().leaveEvent(event)
        self.highlight(None)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        if self.current is None and event.reason() in (Qt.FocusReason.TabFocusReason,
                                                       Qt.FocusReason.BacktabFocusReason):
            self._step(event.reason() == Qt.FocusReason.TabFocusReason)
        self._refresh()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if not self._fitted:
            self._first_view()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh(restyle=True)
