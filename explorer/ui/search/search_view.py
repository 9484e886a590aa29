"""Search results as you type: filters, snippets, "did you mean", keyboard navigation."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from explorer.model.vocabulary import PHASE_LABELS, SECTOR_LABELS
from explorer.search.engine import Hit, SearchResults

KIND_LABELS = {"report": "Full report", "summary": "Summary", "source": "Source",
               "stakeholder": "Organisation"}
HitRole = Qt.ItemDataRole.UserRole + 1


class ResultModel(QAbstractListModel):
    """The hits of one search; `data()` only formats."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: tuple[Hit, ...] = ()

    def set_hits(self, hits: tuple[Hit, ...]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # An organisation's context is its sector, stored as the vocabulary's key.
            where = SECTOR_LABELS.get(hit.context, hit.context) if hit.kind == "stakeholder" else hit.context
            context = f" · {html.escape(where)}" if where and where != hit.title else ""
            return (f"<small>{KIND_LABELS.get(hit.kind, hit.kind)}{context}</small><br>"
                    f"<b>{html.escape(hit.title)}</b><br>{hit.snippet}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_LABELS.get(hit.kind, hit.kind)}: {hit.title}"
        if role == HitRole:
            return hit
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Draws a result's small HTML (kind, title, snippet with <b> marks)."""

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(text)
        doc.setTextWidth(max(option.rect.width() - 12, 200))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, text)
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 4)
        context = QAbstractTextDocumentLayout.PaintContext()
        colour_role = QPalette.ColorRole.HighlightedText if option.state & QStyle.StateFlag.State_Selected \
            else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(colour_role))
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 6, option.rect.height() - 4))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, option.text)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 8)


class SearchView(QWidget):
    """Results for the query typed in the main window's search box.

    Signals:
        open_location(str): a result (or the suggestion) was chosen.
        filters_changed(): a filter changed: search again.
        suggestion_chosen(str): the user accepted "did you mean".
    """

    open_location = Signal(str)
    filters_changed = Signal()
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: SearchResults | None = None
        self._build()
        self._connect_signals()
        self.show_empty_state()

    def _combo(self, name: str, items: list[tuple[str, str | int]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setObjectName(name.replace(" ", "_"))
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _build(self) -> None:
        self.kind = self._combo("Kind filter", [("Everything", ""), *((v, k) for k, v in KIND_LABELS.items())])
        self.phase = self._combo("Phase filter", [("All phases", ""), *((v, k) for k, v in PHASE_LABELS.items())])
        self.sector = self._combo("Sector filter",
                                  [("All sectors", ""), *((v, k) for k, v in SECTOR_LABELS.items())])
        self.year = self._combo("Year filter", [("Any year", 0)])
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setAccessibleName("Search status")
        self.list, self.model = results_list(self, "results")
        self.list.setSpacing(2)
        filters = QHBoxLayout()
        for widget in (self.kind, self.phase, self.sector, self.year):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def _connect_signals(self) -> None:
        for combo in (self.kind, self.phase, self.sector, self.year):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        self.list.activated.connect(self.on_list_activated)
        self.status.linkActivated.connect(self.on_status_link)

    def set_years(self, years: list[int]) -> None:
        """Offer the years that sources (and organisations' founding) carry, newest first."""
        self.year.blockSignals(True)
        while self.year.count() > 1:
            self.year.removeItem(1)
        for year in sorted(set(years), reverse=True):
            self.year.addItem(str(year), year)
        self.year.blockSignals(False)

    def options(self) -> dict[str, object]:
        """The chosen filters, as `Search.search` keyword arguments."""
        return {"kind": self.kind.currentData() or None, "phase": self.phase.currentData() or None,
                "sector": self.sector.currentData() or None, "year": self.year.currentData() or None}

    def show_empty_state(self, recent: list[str] | None = None) -> None:
        self.model.set_hits(())
        tips = ("Type to search the full report, the summary, the sources and the organisations. "
                "Use quotes for a phrase (\"early language\"), an acronym (EEF, FSM) finds its "
                "organisation or term. Press Enter or ↓ to move into the results.")
        if recent:
            links = " · ".join(f'<a href="recent:{html.escape(q)}">{html.escape(q)}</a>' for q in recent[:8])
            tips += f"<br><br>Recent searches: {links}"
        self.status.setText(tips)

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        self.model.set_hits(results.hits)
        parts = []
        if results.suggestion:
            parts.append(f'Did you mean <a href="suggest:{html.escape(results.suggestion)}">'
                         f"<b>{html.escape(results.suggestion)}</b></a>?")
        if results.total:
            shown = len(results.hits)
            more = f" (showing the best {shown})" if shown < results.total else ""
            parts.append(f"{results.total} result{'s' if results.total != 1 else ''} for "
                         f"“{html.escape(results.query)}”{more}")
        else:
            filtered = any(self.options().values())
            hint = " Try removing a filter." if filtered else \
                " Check the spelling, use fewer words, or try a broader term."
            parts.append(f"No results for “{html.escape(results.query)}”.{hint}")
        self.status.setText("<br>".join(parts))
        if results.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def show_error(self, message: str) -> None:
        self.model.set_hits(())
        self.status.setText(f"Search is not available: {html.escape(message)}")

    def move_selection(self, step: int) -> None:
        """Arrow keys in the search box move through the results."""
        count = self.model.rowCount()
        if not count:
            return
        row = (self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1) + step
        self.list.setCurrentIndex(self.model.index(max(0, min(count - 1, row)), 0))

    def open_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.on_list_activated(index)

    @Slot(QModelIndex)
    def on_list_activated(self, index: QModelIndex) -> None:
        hit: Hit = index.data(HitRole)
        self.open_location.emit(hit.location)

    @Slot(int)
    def on_filter_changed(self, _index: int) -> None:
        self.filters_changed.emit()

    @Slot(str)
    def on_status_link(self, link: str) -> None:
        if link.startswith(("suggest:", "recent:")):
            self.suggestion_chosen.emit(link.split(":", 1)[1])


def results_list(parent: QWidget, name: str) -> tuple[QListView, ResultModel]:
    """A list of search hits drawn as rich text (the search page's and the meeting overlay's)."""
    view = QListView(parent)
    view.setObjectName(name)
    view.setAccessibleName("Search results")
    model = ResultModel(parent)
    view.setModel(model)
    view.setItemDelegate(HtmlDelegate(view))
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    return view, model
