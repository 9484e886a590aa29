"""The briefing pack dialog: choose sections, sources and organisations; export a PDF or print."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.errors import ExplorerError
from explorer.formats import briefing
from explorer.formats.briefing import BriefingRequest
from explorer.formats.briefing_choices import chosen_notes, organisation_choices, section_choices, source_choices
from explorer.library.store import Library
from explorer.ui.briefing.choosers import CheckList, SectionTree, filter_edit
from explorer.ui.briefing.pack_output import export_pdf, print_pack
from explorer.ui.briefing.page_layout import MARGINS_MM
from explorer.ui.common import file_dialogs, screen_fit
from explorer.ui.common.messages import Messages
from explorer.ui.common.workers import run_in_background
from explorer.userdata.store import UserData

PDF_FILTER = "PDF documents (*.pdf)"


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
        self.tree = SectionTree(section_choices(self.library), self)
        self.chapter_items = self.tree.chapter_items
        self.sources = CheckList("briefingSources", "Source cards to include", source_choices(self.library), self)
        self.organisations = CheckList("briefingOrganisations", "Organisation cards to include",
                                       organisation_choices(self.library), self)
        self.source_filter = filter_edit("briefingSourceFilter", "Filter sources", self)
        self.organisation_filter = filter_edit("briefingOrganisationFilter", "Filter organisations", self)

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
        self._lay_out()

    def _lay_out(self) -> None:
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

    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def _connect_signals(self) -> None:
        self.tree.itemChanged.connect(self.on_selection_changed)
        self.sources.itemChanged.connect(self.on_selection_changed)
        self.organisations.itemChanged.connect(self.on_selection_changed)
        self.source_filter.textChanged.connect(self.sources.apply_filter)
        self.organisation_filter.textChanged.connect(self.organisations.apply_filter)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.cancel_button.clicked.connect(self.reject)

    # State ------------------------------------------------------------------------------------
    def select_chapter(self, location: str) -> None:
        """Tick every section of a chapter ("report/early-years", or any location inside it); the
        pack is called after the chapter unless it has a title already."""
        title = self.tree.select_chapter(location)
        if title and not self.title_edit.text():
            self.title_edit.setText(title)

    def checked_sections(self) -> list[str]:
        return self.tree.checked_sections()

    def request(self) -> BriefingRequest:
        return BriefingRequest(tuple(self.checked_sections()), tuple(self.sources.checked()),
                               tuple(self.organisations.checked()), self.notes_box.isChecked(),
                               self.title_edit.text().strip())

    def notes(self, request: BriefingRequest) -> dict[str, list[str]]:
        """The user's notes on the chosen paragraphs (none when not wanted)."""
        return chosen_notes(self.library, self.userdata, request)

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
