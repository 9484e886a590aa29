"""The source library view: the filter bar, the sortable source table and the card of the current source."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.formats.exports import export_sources, source_export_choice, source_export_name
from explorer.library.store import Library, SourceRecord
from explorer.ui.common import file_dialogs
from explorer.ui.common.messages import Messages
from explorer.ui.sources.card_pane import SourceCardPane
from explorer.ui.sources.filter_bar import SourceFilterBar
from explorer.ui.sources.source_actions import ExportMenu, copy_references
from explorer.ui.sources.source_model import COLUMNS, SourceFilterProxy, SourceTableModel


class SourcesView(QWidget):
    """The source library: a filterable, sortable table of sources beside the card of the current one.

    Signals:
        open_location(str): open a section (its id, from the "Cited in" links) or a web address
            (``https://...``); the main window routes it and asks before opening a browser.
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.model = SourceTableModel(library.sources(), self)
        self.proxy = SourceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = SourceFilterBar(self.proxy, self.model.sources(), self)
        self.filter_edit, self.type_combo, self.phase_combo = \
            self.filters.filter_edit, self.filters.type_combo, self.filters.phase_combo
        self.pane = SourceCardPane(library, self)
        self.card, self.status_label = self.pane.card, self.pane.status_label
        self.copy_harvard_button, self.copy_apa_button = self.pane.copy_harvard_button, self.pane.copy_apa_button
        self._build_table()
        self._build_export()
        self._build_layout()
        self._connect_signals()
        self.table.sortByColumn(SourceTableModel.column_of("authors"), Qt.SortOrder.AscendingOrder)
        self._ensure_current()

    # Dialogs, behind classmethods tests can patch ------------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested_name: str, file_filter: str) -> str | None:
        """Ask where to save an export; None when the user cancels."""
        return file_dialogs.ask_save_path(parent, "Export sources", suggested_name, file_filter)

    # Building -----------------------------------------------------------------------------
    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("sources_table")
        self.table.setAccessibleName("Sources")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        # One line per row (no word wrap), so the height follows the font. Sizing each row to its
        # contents asked the model for every cell ~60,000 times: 1.3 s on the first visit.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_rows()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        char = self.table.fontMetrics().averageCharWidth()
        for column, spec in enumerate(COLUMNS):
            header.resizeSection(column, spec.width_chars * char + 16)
        header.setMinimumSectionSize(4 * char)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the spare room
        self.table.setMinimumWidth(sum(c.width_chars for c in COLUMNS) * char // 2)

        self.copy_harvard_action = QAction("Copy Harvard reference", self.table,
                                           shortcut=QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_apa_action = QAction("Copy APA reference", self.table,
                                       shortcut=QKeySequence("Ctrl+Shift+C"))
        for action in (self.copy_harvard_action, self.copy_apa_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("sources_count")
        self.count_label.setAccessibleName("Number of sources shown")

    def _build_export(self) -> None:
        self.export_menu = ExportMenu(self)
        self.export_actions = self.export_menu.choices
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("sources_export")
        self.export_button.setAccessibleName("Export sources")
        self.export_button.setToolTip("Export the selected sources, or all of them, to BibTeX, RIS or CSV")
        self.export_button.setMenu(self.export_menu)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addSpacing(8)
        top.addWidget(self.export_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("sources_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 440])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.phase_combo, self.export_button), (self.export_button, self.table),
                              (self.table, self.card)):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.filters.changed.connect(self.on_filters_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.pane.open_location.connect(self.open_location)
        self.copy_harvard_button.clicked.connect(self.on_copy_harvard_clicked)
        self.copy_apa_button.clicked.connect(self.on_copy_apa_clicked)
        self.copy_harvard_action.triggered.connect(self.on_copy_harvard_clicked)
        self.copy_apa_action.triggered.connect(self.on_copy_apa_clicked)
        self.export_menu.aboutToShow.connect(self.on_export_menu_about_to_show)
        self.export_menu.triggered.connect(self.on_export_menu_triggered)

    # Public -------------------------------------------------------------------------------
    def show_key(self, key: str) -> None:
        """Select a source's row (clearing the filters if they hide it) and show its card."""
        row = self.model.row_of(key)
        if row is None:
            self.status_label.setText(f"No source '{key}' in this library.")
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filters.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._select_row(index.row())

    def current_record(self) -> SourceRecord | None:
        index = self.table.currentIndex()
        return self.proxy.record(index.row()) if index.isValid() else None

    def selected_records(self) -> list[SourceRecord]:
        """The selected sources in table order; the current one if none is selected."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        if rows:
            return [self.proxy.record(r) for r in rows]
        current = self.current_record()
        return [current] if current else []

    def export(self, scope: str, fmt: str) -> Path | None:
        """Ask for a file and write the selected (scope 'selected') or all sources to it.

        Returns:
            The file written, or None when cancelled or the file could not be written.
        """
        records = self.selected_records() if scope == "selected" else self.model.sources()
        if not records:
            self.status_label.setText("Select one or more sources to export.")
            return None
        label, ext = source_export_choice(fmt)
        chosen = self.ask_save_path(self, source_export_name(records, scope, fmt), f"{label} (*.{ext})")
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(f".{ext}")
        text = export_sources(records, fmt)
        try:
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            Messages.error(self, "Export failed", f"Could not write {path}.", exc.strerror or str(exc))
            return None
        noun = "source" if len(records) == 1 else "sources"
        self.status_label.setText(f"Exported {len(records)} {noun} to {path.name}.")
        return path

    # Slots --------------------------------------------------------------------------------
    def on_filters_changed(self) -> None:
        self.status_label.clear()
        self._ensure_current()

    def on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_card(self.proxy.record(current.row()) if current.isValid() else None)

    def on_table_selection_changed(self, *_args: object) -> None:
        self._refresh_count()

    def on_copy_harvard_clicked(self) -> None:
        self._copy("Harvard")

    def on_copy_apa_clicked(self) -> None:
        self._copy("APA")

    def on_export_menu_about_to_show(self) -> None:
        self.export_menu.show_counts(len(self.selected_records()), self.model.rowCount())

    def on_export_menu_triggered(self, action: QAction) -> None:
        scope, fmt = action.data()
        self.export(scope, fmt)

    # Qt events ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def _fit_rows(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

    # Helpers ------------------------------------------------------------------------------
    def _show_card(self, record: SourceRecord | None) -> None:
        empty = "No source matches the filters." if self.proxy.is_filtered() else "No source selected."
        self.pane.show_source(record, empty)

    def _copy(self, style: str) -> None:
        told = copy_references(self.selected_records(), style)
        if told:
            self.status_label.setText(told)

    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        record = self.proxy.record(row)
        if record.key != self.pane.key:
            self._show_card(record)

    def _ensure_current(self) -> None:
        """Keep a visible source current: the first row when the current one is gone."""
        current = self.table.currentIndex()
        if current.isValid():
            if self.proxy.record(current.row()).key != self.pane.key:
                self._show_card(self.proxy.record(current.row()))
        elif self.proxy.rowCount() > 0:
            self._select_row(0)
        else:
            self._show_card(None)
        self._refresh_count()

    def _refresh_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{total} sources" if shown == total else f"{shown} of {total} sources"
        selected = len(self.table.selectionModel().selectedRows())
        if selected > 1:
            text += f", {selected} selected"
        self.count_label.setText(text)
