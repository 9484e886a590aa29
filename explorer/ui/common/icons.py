"""The app's one icon set: Lucide's line drawings (resources/icons, ISC licence), drawn in the
theme's colours when they are painted, so they follow the light and dark themes without being set
again.

Why SVG files and not an icon font package: about twenty icons are needed, they cost no run-time
dependency, and drawing them takes a few milliseconds before the first paint.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from explorer import paths

# What each page of the sidebar and each command shows (command names and page keys never clash).
ICON_FILES = {
    "home": "house", "summary": "file-text", "report": "book-open", "search": "search",
    "sources": "library", "stakeholders": "network", "side": "columns-2",
    "back": "arrow-left", "forward": "arrow-right", "focus_search": "search",
    "bookmark": "bookmark-plus", "note": "notebook-pen", "briefing": "file-output", "print": "printer",
    "notes_panel": "panel-right", "meeting": "presentation",
    "zoom_out": "a-arrow-down", "zoom_reset": "a-large-small", "zoom_in": "a-arrow-up",
    "theme": "moon", "help": "circle-help", "keys": "keyboard", "close": "x",
}

# Qt.ToolButtonStyle.ToolButtonTextBesideIcon, set by number (setProperty("toolButtonStyle", ...)):
# the first use of a Qt namespace enum builds all of them, about 25 ms the first paint need not wait.
TEXT_BESIDE_ICON = 2


@cache
def _svg(stem: str) -> bytes:
    return (paths.resources_dir() / "icons" / f"{stem}.svg").read_bytes()


def _colour(mode: QIcon.Mode) -> QColor:
    """The ink for a mode: the text colour, the selected-text colour, or a faint one when disabled."""
    palette = QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        colour = palette.color(QPalette.ColorRole.PlaceholderText)
        colour.setAlphaF(0.55)
        return colour
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class _ThemedSvgEngine(QIconEngine):
    """Draws one SVG in the colour of the moment; the drawings are kept per colour."""

    def __init__(self, stem: str) -> None:
        super().__init__()
        self.stem = stem
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, ink: str) -> QSvgRenderer:
        renderer = self._renderers.get(ink)
        if renderer is None:
            svg = _svg(self.stem).replace(b"currentColor", ink.encode())
            renderer = self._renderers[ink] = QSvgRenderer(QByteArray(svg))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        image = self.pixmap(QSize(round(rect.width() * scale), round(rect.height() * scale)), mode, state)
        image.setDevicePixelRatio(scale)
        painter.drawPixmap(rect, image)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        colour = _colour(mode)
        image = QPixmap(size)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        self._renderer(colour.name()).render(painter, QRect(0, 0, size.width(), size.height()))
        if colour.alpha() < 255:
            # Faded as a whole: where two strokes cross, a faded stroke colour would add up.
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            painter.fillRect(image.rect(), colour)
        painter.end()
        return image

    def clone(self) -> QIconEngine:
        return _ThemedSvgEngine(self.stem)


def icon(name: str) -> QIcon:
    """The icon of a page or command (see ICON_FILES); an empty icon for one that has none."""
    stem = ICON_FILES.get(name) or ICON_FILES.get(name.removeprefix("page-"))
    return QIcon(_ThemedSvgEngine(stem)) if stem else QIcon()
