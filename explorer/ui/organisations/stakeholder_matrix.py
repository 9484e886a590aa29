"""The stakeholder matrix: sectors by phases, each cell listing its organisations (the network's text twin)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.library.store import Library, StakeholderRecord
from explorer.model.vocabulary import PHASE_LABELS, PHASES, SECTOR_LABELS, SECTORS

KEYS_ROLE = Qt.ItemDataRole.UserRole          # a cell's organisation keys, in name order
LONG_NAME = 20                                 # longer names show their alias in the cells
BULLET = "\u2022 "                             # marks where a name starts when names wrap


def cell_label(record: StakeholderRecord) -> str:
    """The name shown in a cell: the full name, or a shorter alias when the name is long."""
    alias = record.aliases[0] if record.aliases else ""
    return alias if len(record.name) > LONG_NAME and alias and len(alias) < len(record.name) else record.name


def full_label(record: StakeholderRecord) -> str:
    return f"{record.name} ({record.aliases[0]})" if record.aliases else record.name


def matches(record: StakeholderRecord, text: str, sector: str) -> bool:
    """Whether an organisation passes the filters (text in its name, aliases or key)."""
    if sector and record.sector != sector:
        return False
    needle = text.strip().casefold()
    return not needle or any(needle in value.casefold() for value in (record.name, record.key, *record.aliases))


class StakeholderMatrix(QWidget):
    """Sectors (rows) by phases (columns); a cell lists the organisations of that sector in that phase.

    Arrow keys move between cells; Enter (or a double click) moves into the list of the cell's
    organisations below the table, where Enter opens one and Escape goes back to the table.

    Signals:
        open_location(str): an organisation was chosen ("stakeholder:<key>").
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.records = {r.key: r for r in library.stakeholders()}
        self.sectors = [s for s in SECTORS if any(r.sector == s for r in self.records.values())]
        self._build()
        self._connect_signals()
        self.refresh()

    # Construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter = QLineEdit(self)
        self.filter.setObjectName("matrixFilter")
        self.filter.setAccessibleName("Filter organisations by name")
        self.filter.setPlaceholderText("Filter by name or abbreviation")
        self.filter.setClearButtonEnabled(True)
        self.sector = QComboBox(self)
        self.sector.setObjectName("matrixSector")
        self.sector.setAccessibleName("Sector filter")
        self.sector.addItem("All sectors", "")
        for sector in self.sectors:
            self.sector.addItem(SECTOR_LABELS.get(sector, sector), sector)
        self.status = QLabel(self)
        self.status.setObjectName("matrixStatus")
        self.status.setAccessibleName("Matrix status")
        self.table = QTableWidget(0, len(PHASES), self)
        self.table.setObjectName("matrixTable")
        self.table.setAccessibleName("Organisations by sector and phase")
        self.table.setAccessibleDescription("Rows are sectors, columns are phases. Press Enter on a cell to "
                                            "list its organisations.")
        self.table.setHorizontalHeaderLabels([PHASE_LABELS[p] for p in PHASES])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)      # Tab leaves the table; arrows move between cells
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cell_title = QLabel(self)
        self.cell_title.setObjectName("matrixCellTitle")
        self.cell_title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("matrixList")
        self.list.setAccessibleName("Organisations in the chosen cell")
        self.cell_title.setBuddy(self.list)
        self.list.installEventFilter(self)     # Escape goes back to the table

        filters = QHBoxLayout()
        filters.addWidget(self.filter, 2)
        filters.addWidget(self.sector, 1)
        filters.addWidget(self.status, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.cell_title)
        lower_layout.addWidget(self.list, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self.on_filter_text_changed)
        self.sector.currentIndexChanged.connect(self.on_sector_index_changed)
        self.table.currentCellChanged.connect(self.on_table_current_changed)
        self.table.activated.connect(self.on_table_activated)
        self.list.itemActivated.connect(self.on_list_item_activated)

    # Contents ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the table from the filters, keeping the current cell where it still exists."""
        current = self.current_cell()
        text, chosen = self.filter.text(), self.sector.currentData() or ""
        shown = [r for r in self.records.values() if matches(r, text, chosen)]
        shown.sort(key=lambda r: cell_label(r).casefold())
        rows = [s for s in self.sectors if any(r.sector == s for r in shown)]
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([SECTOR_LABELS.get(s, s) for s in rows])
        for row, sector in enumerate(rows):
            for column, phase in enumerate(PHASES):
                here = [r for r in shown if r.sector == sector and phase in r.phases]
                item = QTableWidgetItem("\n".join(BULLET + cell_label(r) for r in here))
                item.setData(KEYS_ROLE, tuple(r.key for r in here))
                item.setData(Qt.ItemDataRole.UserRole + 1, (sector, phase))
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                description = f"{SECTOR_LABELS.get(sector, sector)}, {PHASE_LABELS[phase]}: " + (
                    f"{len(here)} organisation{'s' if len(here) != 1 else ''}: "
                    + ", ".join(r.name for r in here) if here else "none")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, description)
                item.setToolTip("\n".join(full_label(r) for r in here) or "No organisation")
                self.table.setItem(row, column, item)
        self.status.setText(f"{len(shown)} of {len(self.records)} organisations" if shown
                            else "No organisation matches")
        row, column = (rows.index(current[0]), PHASES.index(current[1])) if current and current[0] in rows \
            else (0, 0) if rows else (-1, -1)
        if row >= 0:
            self.table.setCurrentCell(row, column)
        self._show_cell(row, column)    # also when the current cell stayed put but its contents changed

    def current_cell(self) -> tuple[str, str] | None:
        """(sector, phase) of the current cell, if any."""
        item = self.table.currentItem()
        return item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None

    def cell_keys(self, sector: str, phase: str) -> tuple[str, ...]:
        """The keys listed in one cell (empty when the row is filtered out)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, PHASES.index(phase))
            if item is not None and item.data(Qt.ItemDataRole.UserRole + 1) == (sector, phase):
                return tuple(item.data(KEYS_ROLE))
        return ()

    def select_key(self, key: str) -> None:
        """Make current the first cell listing an organisation, and select it in the list."""
        record = self.records.get(key)
        if record is None:
            return
        if not matches(record, self.filter.text(), self.sector.currentData() or ""):
            self.filter.clear()
            self.sector.setCurrentIndex(0)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None and key in item.data(KEYS_ROLE):
                    self.table.setCurrentCell(row, column)
                    for index in range(self.list.count()):
                        if self.list.item(index).data(KEYS_ROLE) == key:
                            self.list.setCurrentRow(index)
                    return

    def _show_cell(self, row: int, column: int) -> None:
        self.list.clear()
        item = self.table.item(row, column) if row >= 0 else None
        if item is None:
            self.cell_title.setText("Choose a cell to list its organisations.")
            return
        sector, phase = item.data(Qt.ItemDataRole.UserRole + 1)
        keys = item.data(KEYS_ROLE)
        self.cell_title.setText(f"{SECTOR_LABELS.get(sector, sector)} × {PHASE_LABELS[phase]}: "
                                f"{len(keys)} organisation{'s' if len(keys) != 1 else ''}"
                                + (" (press Enter in the table to choose one)" if keys else ""))
        for key in keys:
            entry = QListWidgetItem(full_label(self.records[key]), self.list)
            entry.setData(KEYS_ROLE, key)
            entry.setToolTip(self.records[key].summary)

    # Slots ---------------------------------------------------------------------------------
    @Slot(str)
    def on_filter_text_changed(self, _text: str) -> None:
        self.refresh()

    @Slot(int)
    def on_sector_index_changed(self, _index: int) -> None:
        self.refresh()

    @Slot(int, int, int, int)
    def on_table_current_changed(self, row: int, column: int, _old_row: int, _old_column: int) -> None:
        self._show_cell(row, column)

    @Slot(QModelIndex)
    def on_table_activated(self, index: QModelIndex) -> None:
        self._show_cell(index.row(), index.column())
        if self.list.count():
            self.list.setCurrentRow(0)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(QListWidgetItem)
    def on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_location.emit(f"stakeholder:{item.data(KEYS_ROLE)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
