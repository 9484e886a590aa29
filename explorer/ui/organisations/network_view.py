"""The stakeholder network view: the scene of organisations and links, zoom, keyboard, mouse and export.

What to draw, highlight or step to is decided by network_graph (plain Python); this widget shows it
and turns mouse and keys into those decisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from explorer.library.store import Library
from explorer.model.vocabulary import SECTOR_LABELS
from explorer.ui.organisations.network_export import write_png, write_svg
from explorer.ui.organisations.network_graph import NetworkGraph
from explorer.ui.organisations.network_items import EdgeItem, NodeItem, label_font
from explorer.ui.organisations.network_legend import LegendItem

MIN_SCALE, MAX_SCALE = 0.15, 6.0
READABLE = 0.75         # the first view is never smaller than this (labels stay legible)


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
        self.graph = NetworkGraph(library.stakeholders(), library.links())
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []     # in the order of graph.links
        self.current: str | None = None
        self.hovered: str | None = None
        self._press: tuple[str, QPointF] | None = None
        self._fitted = False       # until the user zooms or pans, resizing recomputes the first view
        self._exporting = False
        self._populate()

    # Construction ---------------------------------------------------------------------------
    def _populate(self) -> None:
        font = label_font()
        for key, record in self.graph.records.items():
            node = NodeItem(record, self.graph.labels[key], font)
            self.nodes[key] = node
            self.scene().addItem(node)
            self.scene().addItem(node.background)
        for link in self.graph.links:
            edge = EdgeItem(link, self.nodes[link.from_key], self.nodes[link.to_key])
            self.edges.append(edge)
            self.scene().addItem(edge)
        bounds = self.scene().itemsBoundingRect()
        self.legend = LegendItem(self.graph.sectors(), font)
        self.legend.setPos(bounds.left(), bounds.bottom() + 24)
        self.scene().addItem(self.legend)
        self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._refresh(restyle=True)

    # Public API -----------------------------------------------------------------------------
    @property
    def neighbours(self) -> dict[str, set[str]]:
        """The keys linked to each organisation's key, either way round."""
        return self.graph.neighbours

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
            centre = self.graph.linked_centre()
            if centre is not None:
                self.centerOn(*centre)

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
        with self._plain():
            write_png(self.scene(), self.palette().color(QPalette.ColorRole.Base), path, scale)

    def export_svg(self, path: str | Path) -> None:
        """Write the whole network (in the current theme, without highlights) as an SVG drawing.

        Raises:
            OSError: the file cannot be written.
        """
        with self._plain():
            write_svg(self.scene(), self.palette().color(QPalette.ColorRole.Base), path, "Organisation network",
                      f"{len(self.nodes)} organisations and {len(self.edges)} links")

    # Highlight state ----------------------------------------------------------------------
    def _active(self) -> str | None:
        if self._exporting:
            return None
        if self.hovered is not None:
            return self.hovered
        return self.current if self.hasFocus() else None

    def _refresh(self, restyle: bool = False) -> None:
        """Show the highlight state; restyle: also recolour everything (the palette changed)."""
        node_states, link_states = self.graph.highlights(self._active())
        pal = self.palette()
        for key, node in self.nodes.items():
            node.set_state(node_states[key], key == self.current and not self._exporting, pal, restyle)
        for edge, state in zip(self.edges, link_states, strict=True):
            edge.set_state(state, pal, restyle)
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
        key = self.graph.step(self.current, forward)
        if key is None:
            return False
        self.set_current(key)
        return True

    def _move(self, dx: int, dy: int) -> None:
        """Focus the nearest node in a direction (the first node if none has the focus)."""
        if self.current is None:
            self._step(True)
            return
        key = self.graph.nearest(self.current, dx, dy)
        if key is not None:
            self.set_current(key)

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
