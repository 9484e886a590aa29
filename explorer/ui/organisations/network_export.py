"""Writing a graphics scene to a PNG image or an SVG drawing, on a background of one colour."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

RENDER_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


def write_png(scene: QGraphicsScene, background: QColor, path: str | Path, scale: float) -> None:
    """Write the scene's whole rectangle, `scale` image pixels to a scene unit.

    Raises:
        OSError: the file cannot be written.
    """
    source = scene.sceneRect()
    image = QImage(int(source.width() * scale), int(source.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(RENDER_HINTS)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The ignore: PySide6's stub wants the format as bytes; it only accepts str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not encode the image for {path}")
    buffer.close()
    Path(path).write_bytes(bytes(data.data()))


def write_svg(scene: QGraphicsScene, background: QColor, path: str | Path, title: str, description: str) -> None:
    """Write the scene's whole rectangle as an SVG drawing with a title and a description.

    Raises:
        OSError: the file cannot be written.
    """
    source = scene.sceneRect()
    page = QRectF(0, 0, source.width(), source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(page)
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter(generator)
    painter.setRenderHints(RENDER_HINTS)
    painter.fillRect(page, background)
    scene.render(painter, page, source)
    painter.end()
    buffer.close()
    Path(path).write_bytes(bytes(data.data()))
