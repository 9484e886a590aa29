"""A briefing pack laid out on pages: Qt's text layout of the pack's HTML, with its figures drawn,
page numbers in its contents list and headings kept with their text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPainter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

from explorer.errors import ExplorerError
from explorer.formats import briefing
from explorer.formats.briefing import BriefingRequest
from explorer.library.store import Library

MARGINS_MM = QMarginsF(18, 18, 18, 12)     # the footer sits in the last 8 mm above the bottom margin
FOOTER_MM = 8.0
FIGURE_SCALE = 3                            # figures are drawn at 3x, so 288 dpi on paper
_NO_BREAK = QTextFormat.PageBreakFlag.PageBreak_Auto


def _figure_image(svg: str, width: float) -> QImage:
    """A figure drawn at FIGURE_SCALE times `width` (96-dpi pixels), white behind it."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    scale = width * FIGURE_SCALE / max(size.width(), 1)
    image = QImage(max(1, int(size.width() * scale)), max(1, int(size.height() * scale)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(FIGURE_SCALE)
    return image


def body_font() -> QFont:
    font = QFont()
    font.setFamilies(["Georgia", "Cambria", "DejaVu Serif", "Times New Roman"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(10.5)
    if hasattr(font, "setFeature"):   # Qt 6.7+: no "fi" ligatures, so text copied or searched in the PDF matches
        font.setFeature(QFont.Tag("liga"), 0)
    return font


def layout_pack(library: Library, request: BriefingRequest, notes: dict[str, list[str]] | None,
                device: QPagedPaintDevice) -> QTextDocument:
    """The pack laid out on the device's pages, with page numbers in its contents list."""
    today = date.today()
    html = briefing.compose_briefing(library, request, notes, today)
    document = layout_document(library, html, device)
    pages: dict[str, int] = {}
    for _ in range(3):   # numbering the contents rarely moves anything; stop once it does not
        found = _part_pages(document)
        if found == pages:
            break
        pages = found
        html = briefing.compose_briefing(library, request, notes, today, page_numbers=pages)
        document = layout_document(library, html, device)
    return document


def layout_document(library: Library, html: str, device: QPagedPaintDevice) -> QTextDocument:
    """Some HTML laid out on the device's pages, less the footer band, in the device's pixels."""
    document = QTextDocument()
    layout = document.documentLayout()
    # With the device set, the layout measures fonts at the device's resolution and scales
    # pixel lengths (margins, figure sizes) from 96 dpi, as QTextDocument.print_ does.
    layout.setPaintDevice(device)
    document.setDefaultFont(body_font())
    document.setDocumentMargin(0)
    text_width = device.width() * 96 / device.logicalDpiX()
    for key in briefing.figures_in(html):
        try:
            image = _figure_image(library.figure(key).svg, min(text_width, 620))
        except ExplorerError:
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"figure:{key}"), image)
    document.setHtml(html)
    footer = FOOTER_MM / 25.4 * device.logicalDpiY()
    document.setPageSize(QSizeF(device.width(), device.height() - footer))
    _keep_headings_with_text(document)
    return document


def _part_pages(document: QTextDocument) -> dict[str, int]:
    """The page (1-based) of each heading anchored `briefing.PART_PREFIX`N."""
    layout = document.documentLayout()
    height = document.pageSize().height()
    pages: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            # PySide6's stubs say QTextBlock.__iter__ returns object; it yields QTextBlock.iterator.
            for piece in cast(Iterable[QTextBlock.iterator], block):
                for name in piece.fragment().charFormat().anchorNames():
                    if name.startswith(briefing.PART_PREFIX):
                        pages[name] = _page_of(layout.blockBoundingRect(block).top(), height) + 1
        block = block.next()
    return pages


def _page_of(y: float, height: float) -> int:
    """The page (0-based) at a height in the document; a block placed by a page break starts at
    the page's edge, give or take rounding, so the edge counts as the next page."""
    return int((y + 0.5) // height)


def _keep_headings_with_text(document: QTextDocument) -> None:
    """Move a heading that would end a page to the next one, with the text it heads.

    Qt's layout has no "keep with next", so after laying out, each heading whose following
    text starts on a later page gets a page break before it (the layout then moves on).
    """
    layout = document.documentLayout()
    height = document.pageSize().height()
    # Lay out the whole document first: without this, a format change below re-laid out only
    # part of the document (seen with Qt 6.11) and the page count came out short.
    layout.documentSize()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.blockFormat().pageBreakPolicy() == _NO_BREAK:
            text = block.next()
            while text.isValid() and text.blockFormat().headingLevel():
                text = text.next()
            top = layout.blockBoundingRect(block).top()
            if text.isValid() and top % height > 0.05 * height:   # not already at the top of a page
                rect = layout.blockBoundingRect(text)
                line = text.layout().lineAt(0) if text.layout().lineCount() else None
                first_line = line.y() + line.height() if line else 0
                if _page_of(top, height) != _page_of(rect.top() + first_line, height):
                    block_format = block.blockFormat()
                    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(block_format)
        block = block.next()
