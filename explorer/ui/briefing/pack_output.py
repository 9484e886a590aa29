"""A laid-out briefing pack painted on pages with their footers: written as a PDF, or printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from explorer.formats import briefing
from explorer.formats.briefing import BriefingRequest
from explorer.library.store import Library
from explorer.ui.briefing.page_layout import MARGINS_MM, body_font, layout_pack

PDF_RESOLUTION = 300


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, footer: str,
                first: int = 1, last: int = 0) -> int:
    """Paint pages `first` to `last` (1-based; 0 = to the end) with a footer on all but the title page.

    Returns:
        The number of pages painted.
    """
    page = document.pageSize()
    count = document.pageCount()
    last = count if last <= 0 else min(last, count)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page device could not be opened")
    try:
        muted = QColor("#5a5a60")
        font = QFont(body_font())
        font.setPointSizeF(7.5)
        metrics = QFontMetricsF(font, device)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))   # paper, whatever the theme
        for index in range(first - 1, last):
            if index > first - 1:
                device.newPage()
            painter.save()
            painter.setClipRect(QRectF(0, 0, page.width(), page.height()))
            painter.translate(0, -index * page.height())
            context.clip = QRectF(0, index * page.height(), page.width(), page.height())
            document.documentLayout().draw(painter, context)
            painter.restore()
            if index == 0:
                continue   # the title page has no footer
            rule = device.height() - metrics.height() * 2
            painter.setPen(muted)
            painter.drawLine(QLineF(0, rule, page.width(), rule))
            painter.setFont(font)
            number = f"Page {index + 1} of {count}"
            width = page.width() - metrics.horizontalAdvance(number) - metrics.height() * 2
            band = QRectF(0, rule, page.width(), device.height() - rule)
            painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(footer, Qt.TextElideMode.ElideRight, width))
            painter.drawText(band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)
    finally:
        painter.end()
    return max(0, last - first + 1)


def pdf_writer(device: QIODevice, request: BriefingRequest) -> QPdfWriter:
    """An A4 PDF writer at PDF_RESOLUTION with the pack's margins and title."""
    writer = QPdfWriter(device)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    writer.setTitle(f"Briefing pack: {request.display_title}")
    writer.setCreator("Report Explorer")
    return writer


def export_pdf(library: Library, request: BriefingRequest, path: Path | str,
               notes: dict[str, list[str]] | None = None) -> int:
    """Write the briefing pack as an A4 PDF.

    Returns:
        The number of pages.

    Raises:
        OSError: the file could not be written.
        ExplorerError: the library could not be read.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, request)
    document = layout_pack(library, request, notes, writer)
    pages = paint_pages(document, writer, briefing.footer_text(library, request))
    buffer.close()
    # Written in one go once complete, so a failure never leaves half a PDF behind.
    Path(path).write_bytes(buffer.data().data())
    return pages


def print_pack(library: Library, request: BriefingRequest, printer: QPrinter,
               notes: dict[str, list[str]] | None = None) -> int:
    """Print the pack on a printer the user has set up; honours a page range. Returns pages printed."""
    document = layout_pack(library, request, notes, printer)
    return paint_pages(document, printer, briefing.footer_text(library, request),
                       max(1, printer.fromPage()), printer.toPage())
