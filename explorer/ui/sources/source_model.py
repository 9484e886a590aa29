"""The source table: a thin Qt model over library.sources() and the proxy that filters it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from explorer.formats.cards import type_label  # the card's wording of a type, in the table too
from explorer.library.store import SourceRecord
from explorer.model.vocabulary import PHASE_LABELS, PHASES, phases_text

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def phase_label(phase: str) -> str:
    return PHASE_LABELS.get(phase, phase)


def authors_text(source: SourceRecord) -> str:
    """The authors as listed in the table; the organisation when no author is named."""
    return "; ".join(source.authors) or source.organisation


def source_phases_text(source: SourceRecord) -> str:
    return phases_text(source.phases)   # one wording of phases everywhere (explorer/model/vocabulary.py)


def _phases_key(source: SourceRecord) -> str:
    # Earliest phase first, then narrower before broader: "Primary" before "Primary, Secondary".
    order = sorted(PHASES.index(p) if p in PHASES else len(PHASES) for p in source.phases)
    return "".join(f"{i:02d}" for i in order) or "99"


@dataclass(frozen=True)
class Column:
    """One table column: its header, its text, its sort key and its width in characters.

    The first column (the title) stretches to take the room the others leave; its width is its minimum.
    """

    key: str
    header: str
    text: Callable[[SourceRecord], str]
    sort_key: Callable[[SourceRecord], str | int]
    width_chars: int
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


COLUMNS: tuple[Column, ...] = (
    Column("title", "Title", lambda s: s.title, lambda s: s.title.casefold(), 30),
    Column("authors", "Authors", authors_text,
           lambda s: f"{authors_text(s).casefold()}\t{s.year:04d}", 18),
    Column("organisation", "Organisation", lambda s: s.organisation, lambda s: s.organisation.casefold(), 18),
    Column("year", "Year", lambda s: str(s.year) if s.year else "n.d.", lambda s: s.year, 6,
           Qt.AlignmentFlag.AlignHCenter),
    Column("type", "Type", lambda s: type_label(s.type), lambda s: type_label(s.type).casefold(), 15),
    Column("phases", "Phases", source_phases_text, _phases_key, 16),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)


class SourceTableModel(QAbstractTableModel):
    """Read-only rows of SourceRecord, one per source, columns from COLUMNS.

    Roles: DisplayRole and ToolTipRole give the text, SortRole a key that sorts as a reader
    expects (year as a number), RecordRole the SourceRecord itself.
    """

    def __init__(self, sources: Sequence[SourceRecord] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[SourceRecord] = list(sources)

    def set_sources(self, sources: Sequence[SourceRecord]) -> None:
        self.beginResetModel()
        self._sources = list(sources)
        self.endResetModel()

    def sources(self) -> list[SourceRecord]:
        return list(self._sources)

    def record(self, row: int) -> SourceRecord:
        return self._sources[row]

    def row_of(self, key: str) -> int | None:
        """The row of a source key, or None when the model does not hold it."""
        for row, source in enumerate(self._sources):
            if source.key == key:
                return row
        return None

    @staticmethod
    def column_of(key: str) -> int:
        return COLUMN_KEYS.index(key)

    # Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._sources)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sources):
            return None
        source = self._sources[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(source)
        if role == SortRole:
            return column.sort_key(source)
        if role == RecordRole:
            return source
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return COLUMNS[section].align | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class SourceFilterProxy(QSortFilterProxyModel):
    """Sorts by SortRole and keeps the sources that match the text, type and phase filters.

    The text filter keeps a source when every word of it occurs (ignoring case) in its title,
    authors, organisation, topics or summary.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self._words: tuple[str, ...] = ()
        self._type: str | None = None
        self._phase: str | None = None

    @property
    def type_filter(self) -> str | None:
        return self._type

    @property
    def phase_filter(self) -> str | None:
        return self._phase

    def is_filtered(self) -> bool:
        return bool(self._words or self._type or self._phase)

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self._end_filter_change()

    def set_type(self, kind: str | None) -> None:
        if (kind or None) != self._type:
            self.beginFilterChange()
            self._type = kind or None
            self._end_filter_change()

    def set_phase(self, phase: str | None) -> None:
        if (phase or None) != self._phase:
            self.beginFilterChange()
            self._phase = phase or None
            self._end_filter_change()

    def clear_filters(self) -> None:
        if self.is_filtered():
            self.beginFilterChange()
            self._words, self._type, self._phase = (), None, None
            self._end_filter_change()

    def _end_filter_change(self) -> None:
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def record(self, row: int) -> SourceRecord:
        """The record of a proxy row."""
        record: SourceRecord = self.index(row, 0).data(RecordRole)
        return record

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source: SourceRecord | None = self.sourceModel().index(source_row, 0, source_parent).data(RecordRole)
        if source is None:
            return False
        if self._type and source.type != self._type:
            return False
        if self._phase and self._phase not in source.phases:
            return False
        if self._words:
            haystack = " ".join((source.title, *source.authors, source.organisation, *source.topics,
                                 source.summary)).casefold()
            return all(word in haystack for word in self._words)
        return True
