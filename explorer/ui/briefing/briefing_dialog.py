"""The briefing pack dialog: choose sections, sources and organisations; export a PDF or print."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLineF,
    QMarginsF,
    QObject,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.errors import ExplorerError
from explorer.formats import briefing
from explorer.formats.briefing import BriefingRequest
from explorer.library.store import Library
from explorer.ui.common import file_dialogs, screen_fit
from explorer.ui.common.messages import Messages
from explorer.ui.common.workers import run_in_background
from explorer.userdata.store import UserData

PDF_RESOLUTION = 300
MARGINS_MM = QMarginsF(18, 18, 18, 12)     # the footer sits in the last 8 mm above the bottom margin
FOOTER_MM = 8.0
FIGURE_SCALE = 3                            # figures are drawn at 3x, so 288 dpi on paper
PDF_FILTER = "PDF documents (*.pdf)"
KeyRole = Qt.ItemDataRole.UserRole
SearchRole = Qt.ItemDataRole.UserRole + 1
_NO_BREAK = QTextFormat.PageBreakFlag.PageBreak_Auto


# Laying out and painting pages -------------------------------------------------------------------
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


def _body_font() -> QFont:
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
    document.setDefaultFont(_body_font())
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
        font = QFont(_body_font())
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


# The dialog ------------------------------------------------------------------------------------
class BriefingDialog(QDialog):
    """Pick sections (or a whole chapter), sources and organisations for a briefing pack.

    The PDF is written, or the pack printed, off the main thread; the dialog closes when done.

    Signals:
        job_finished(bool): an export or print has ended (True: written; False: the user was told
            why not).
    """

    job_finished = Signal(bool)

    def __init__(self, library: Library, userdata: UserData | None, parent: QWidget | None = None,
                 preselect_chapter: str | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.userdata = userdata
        self.busy = False
        self._relay: QObject | None = None
        self._printer: QPrinter | None = None
        self.setWindowTitle("Briefing pack")
        self.setObjectName("briefingDialog")
        self.setAccessibleName("Briefing pack")
        self._build()
        self._connect_signals()
        if preselect_chapter:
            self.select_chapter(preselect_chapter)
        self.on_selection_changed()

    # Construction -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("briefingSections")
        self.tree.setAccessibleName("Sections to include")
        self.tree.setHeaderHidden(True)
        self.chapter_items: dict[str, QTreeWidgetItem] = {}
        for document, label in (("report", "Full report"), ("summary", "Summary")):
            top = self._tree_item(self.tree, label, tristate=True)
            top.setExpanded(document == "report")
            chapter = top
            for entry in self.library.toc(document):
                number = self.library.section(entry.id).number
                if entry.level == 1:
                    chapter = self._tree_item(top, f"{entry.number} {entry.title}", tristate=True)
                    self.chapter_items[entry.id] = chapter
                    leaf = self._tree_item(chapter, f"{number} Opening of the chapter")
                else:
                    leaf = self._tree_item(chapter, f"{number} {entry.title}")
                leaf.setData(0, KeyRole, entry.id)
        self.sources = self._list("briefingSources", "Source cards to include", [
            (s.key, f"{s.name_label} ({s.year or 'n.d.'}): {s.title}", f"{s.organisation} {s.summary}")
            for s in self.library.sources()])
        self.organisations = self._list("briefingOrganisations", "Organisation cards to include", [
            (h.key, h.name + (f" ({', '.join(h.aliases)})" if h.aliases else ""), f"{h.key} {h.summary}")
            for h in self.library.stakeholders()])
        self.source_filter = self._filter("briefingSourceFilter", "Filter sources")
        self.organisation_filter = self._filter("briefingOrganisationFilter", "Filter organisations")

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("briefingTitle")
        self.title_edit.setAccessibleName("Title of the briefing pack")
        self.title_edit.setPlaceholderText(briefing.DEFAULT_TITLE)
        self.notes_box = QCheckBox("Include my &notes", self)
        self.notes_box.setObjectName("briefingIncludeNotes")
        self.notes_box.setAccessibleName("Include my notes")
        self.notes_box.setChecked(self.userdata is not None)
        self.notes_box.setEnabled(self.userdata is not None)
        self.summary = QLabel(self)
        self.summary.setObjectName("briefingSummary")
        self.summary.setAccessibleName("What the pack holds")

        self.buttons = QDialogButtonBox(self)
        self.export_button = self._button("Export &PDF…", "briefingExport", "Export the briefing pack as PDF")
        self.print_button = self._button("P&rint…", "briefingPrint", "Print the briefing pack")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("briefingCancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.export_button.setDefault(True)

        grid = QGridLayout()
        for column, (text, widget) in enumerate((("&Sections", self.tree), ("S&ources", self.source_filter),
                                                 ("Or&ganisations", self.organisation_filter))):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, column)
        grid.addWidget(self.tree, 1, 0, 2, 1)
        grid.addWidget(self.source_filter, 1, 1)
        grid.addWidget(self.sources, 2, 1)
        grid.addWidget(self.organisation_filter, 1, 2)
        grid.addWidget(self.organisations, 2, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        title_label = form.labelForField(self.title_edit)
        assert isinstance(title_label, QLabel)  # addRow(str, field) made it a QLabel
        title_label.setBuddy(self.title_edit)
        form.addRow("", self.notes_box)
        outer = QVBoxLayout(self)
        outer.addLayout(grid, 1)
        outer.addLayout(form)
        outer.addWidget(self.summary)
        outer.addWidget(self.buttons)
        screen_fit.fit_dialog(self, 1100, 640)

    def _tree_item(self, parent: QTreeWidget | QTreeWidgetItem, text: str, tristate: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate if tristate else flags)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        return item

    def _list(self, name: str, accessible: str, rows: list[tuple[str, str, str]]) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        for key, text, more in rows:
            item = QListWidgetItem(text, widget)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(KeyRole, key)
            item.setData(SearchRole, f"{text} {more}".casefold())
            item.setToolTip(text)
        return widget

    def _filter(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(accessible + "…")
        edit.setClearButtonEnabled(True)
        return edit

    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def _connect_signals(self) -> None:
        self.tree.itemChanged.connect(self.on_selection_changed)
        self.sources.itemChanged.connect(self.on_selection_changed)
        self.organisations.itemChanged.connect(self.on_selection_changed)
        self.source_filter.textChanged.connect(lambda text: self._apply_filter(self.sources, text))
        self.organisation_filter.textChanged.connect(lambda text: self._apply_filter(self.organisations, text))
        self.export_button.clicked.connect(self.on_export_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.cancel_button.clicked.connect(self.reject)

    # State ------------------------------------------------------------------------------------
    def select_chapter(self, location: str) -> None:
        """Tick every section of a chapter ("report/early-years", or any location inside it)."""
        item = self.chapter_items.get(location.split("#", 1)[0])
        if item is None:
            return
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setExpanded(True)
        self.tree.scrollToItem(item)
        if not self.title_edit.text():
            self.title_edit.setText(item.text(0).split(" ", 1)[-1])

    def checked_sections(self) -> list[str]:
        found: list[str] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            assert item is not None  # every index below the count holds an item
            if item.data(0, KeyRole) and item.checkState(0) == Qt.CheckState.Checked:
                found.append(item.data(0, KeyRole))
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return found

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [widget.item(i).data(KeyRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def request(self) -> BriefingRequest:
        return BriefingRequest(tuple(self.checked_sections()), tuple(self._checked(self.sources)),
                               tuple(self._checked(self.organisations)), self.notes_box.isChecked(),
                               self.title_edit.text().strip())

    def notes(self, request: BriefingRequest) -> dict[str, list[str]]:
        """The user's notes on the chosen paragraphs (none when not wanted)."""
        if not (request.include_notes and self.userdata):
            return {}
        ids = [p.id for section_id in request.section_ids for p in self.library.paragraphs(section_id)]
        return briefing.notes_by_paragraph(self.userdata.annotations_for(ids)) if ids else {}

    @staticmethod
    def _apply_filter(widget: QListWidget, text: str) -> None:
        words = text.casefold().split()
        for i in range(widget.count()):
            item = widget.item(i)
            item.setHidden(not all(w in item.data(SearchRole) for w in words))

    def on_selection_changed(self, *_args: object) -> None:
        request = self.request()
        self.summary.setText(briefing.describe(request))
        for button in (self.export_button, self.print_button):
            button.setEnabled(not request.is_empty)

    # Export and print ---------------------------------------------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested: str, filter: str) -> str | None:  # noqa: A002
        return file_dialogs.ask_save_path(parent, "Export briefing pack", suggested, filter)

    @classmethod
    def ask_print(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        """Let the user choose a printer and pages; True to print."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print briefing pack")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _start(self, job: str, work: Callable[[BriefingRequest, dict[str, list[str]]], int],
               done: Callable[[int], None]) -> None:
        """Run the export or print off the main thread; failures are told to the user, never a traceback."""
        request = self.request()
        try:
            notes = self.notes(request)
        except (ExplorerError, sqlite3.Error) as exc:
            Messages.error(self, f"Could not {job} the briefing pack", f"Your notes could not be read ({exc}).")
            return
        self._set_busy(True)

        def on_done(pages: int) -> None:
            self._set_busy(False)
            done(pages)
            self.job_finished.emit(True)

        def on_error(exc: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(exc, OSError | ExplorerError):
                raise exc          # a bug: for the excepthook, not a message
            Messages.error(self, f"Could not {job} the briefing pack", str(exc))
            self.job_finished.emit(False)

        def run() -> int:
            try:
                return work(request, notes)
            except (OSError, ExplorerError) as exc:
                # Without its traceback: the frames would keep the worker's QTextDocument alive
                # until the main thread drops the error, and Qt objects must die in their own thread.
                raise exc.with_traceback(None) from None

        self._relay = run_in_background(run, on_done, on_error, self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.export_button, self.print_button, self.cancel_button):
            widget.setEnabled(not busy)
        if busy:
            self.summary.setText("Laying out the pages…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
            self.on_selection_changed()

    def reject(self) -> None:
        if not self.busy:      # the pages are still being written; closing now would lose them
            super().reject()

    def on_export_clicked(self) -> None:
        request = self.request()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path = self.ask_save_path(self, str(Path(folder) / briefing.suggested_filename(request)), PDF_FILTER)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def saved(pages: int) -> None:
            Messages.info(self, "Briefing pack saved", f"Saved {pages} pages to {path}.")
            self.accept()

        self._start("export", lambda r, n: export_pdf(self.library, r, path, n), saved)

    def on_print_clicked(self) -> None:
        request = self.request()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Briefing pack: {request.display_title}")
        printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
        if not self.ask_print(self, printer):
            return
        self._printer = printer     # kept alive until the worker has finished with it
        self._start("print", lambda r, n: print_pack(self.library, r, printer, n), lambda _pages: self.accept())
