"""The source library view: filters, the sortable source table and the card of the current source."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QSignalBlocker,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.errors import LibraryError
from explorer.formats import references
from explorer.formats.exports import export_sources
from explorer.library.store import Library, SectionRef, SourceRecord
from explorer.model.vocabulary import PHASES, phases_text
from explorer.ui.common import file_dialogs
from explorer.ui.common.messages import Messages
from explorer.ui.sources.source_model import (
    COLUMNS,
    SourceFilterProxy,
    SourceTableModel,
    phase_label,
    type_label,
)

# (format id in explorer.formats.exports, label, file extension)
EXPORT_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("bibtex", "BibTeX", "bib"), ("ris", "RIS", "ris"), ("csv", "CSV", "csv"))
EXPORT_SCOPES: tuple[tuple[str, str], ...] = (("selected", "Selected"), ("all", "All sources"))
_WEB_SCHEMES = ("https://", "http://")


def cited_in_label(section: SectionRef) -> str:
    """'Chapter title – Section title' (just the chapter title for a chapter's opening section)."""
    label = section.chapter_title if section.level == 1 or section.title == section.chapter_title \
        else f"{section.chapter_title} – {section.title}"
    return f"{label} (summary)" if section.document == "summary" else label


def card_html(source: SourceRecord, citing: list[SectionRef] | None) -> str:
    """The card of one source. `citing` is None when the library could not be read."""
    e = html.escape
    rows = [("Type", type_label(source.type)), ("Organisation", source.organisation),
            ("Year", str(source.year) if source.year else "n.d."), ("Phases", phases_text(source.phases)),
            ("Topics", ", ".join(source.topics))]
    facts = "".join(f'<tr><td class="label">{e(k)}</td><td>{e(v)}</td></tr>' for k, v in rows if v)
    url = source.url.strip()
    address = f'<a href="{e(url)}">{e(url)}</a>' if url.startswith(_WEB_SCHEMES) else e(url) or "None given."
    if source.accessed:
        address += f' <span class="muted">(accessed {e(references.accessed_text(source.accessed))})</span>'
    if citing is None:
        cited = '<p class="muted">The library could not be read.</p>'
    elif citing:
        cited = "<ul>" + "".join(f'<li><a href="{e(s.id)}">{e(cited_in_label(s))}</a></li>'
                                 for s in citing) + "</ul>"
    else:
        cited = '<p class="muted">Not cited in the report.</p>'
    return (f'<h2>{e(source.title)}</h2>'
            f'<p class="ref">{references.harvard_html(source)}</p>'
            f'<table class="facts" cellspacing="0" cellpadding="2">{facts}</table>'
            f'<h3>Our summary</h3><p>{e(source.summary)}</p>'
            f'<h3>Address</h3><p>{address}</p>'
            f'<h3>Cited in</h3>{cited}')


def card_css(colours: dict[str, str]) -> str:
    return (f"body {{ color: {colours['fg']}; }} a {{ color: {colours['link']}; text-decoration: none; }} "
            f"h2 {{ color: {colours['accent']}; font-size: large; margin-bottom: 4px; }} "
            f"h3 {{ font-size: medium; margin-top: 12px; margin-bottom: 2px; }} "
            f".muted, td.label {{ color: {colours['muted']}; }} td.label {{ padding-right: 10px; }} "
            f"p.ref {{ margin-top: 4px; margin-bottom: 8px; }} ul {{ margin-left: 0px; -qt-list-indent: 1; }}")


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
        self._card_links: dict[str, str] = {}
        self._card_key: str | None = None
        self.model = SourceTableModel(library.sources(), self)
        self.proxy = SourceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_controls()
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
    def _build_controls(self) -> None:
        self.filter_edit = QLineEdit(self, placeholderText="Filter sources…")
        self.filter_edit.setObjectName("sources_filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter sources")
        self.filter_edit.setToolTip("Words to find in title, authors, organisation, topics or summary")

        sources = self.model.sources()
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("sources_type")
        self.type_combo.setAccessibleName("Source type")
        self.type_combo.addItem("All types", None)
        for kind in sorted({s.type for s in sources}, key=type_label):
            self.type_combo.addItem(type_label(kind), kind)
        self.phase_combo = QComboBox(self)
        self.phase_combo.setObjectName("sources_phase")
        self.phase_combo.setAccessibleName("Phase")
        self.phase_combo.addItem("All phases", None)
        present = {p for s in sources for p in s.phases}
        for phase in (p for p in PHASES if p in present):
            self.phase_combo.addItem(phase_label(phase), phase)

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

        self.card = QTextBrowser(self)
        self.card.setObjectName("sources_card")
        self.card.setAccessibleName("Source card")
        self.card.setOpenLinks(False)
        self.card.setOpenExternalLinks(False)

        self.copy_harvard_button = QPushButton("Copy Harvard", self)
        self.copy_harvard_button.setObjectName("sources_copy_harvard")
        self.copy_harvard_button.setAccessibleName("Copy Harvard reference")
        self.copy_harvard_button.setToolTip("Copy the Harvard reference of the selected sources (Ctrl+C in the table)")
        self.copy_apa_button = QPushButton("Copy APA", self)
        self.copy_apa_button.setObjectName("sources_copy_apa")
        self.copy_apa_button.setAccessibleName("Copy APA reference")
        self.copy_apa_button.setToolTip("Copy the APA reference of the selected sources (Ctrl+Shift+C in the table)")

        self.export_menu = QMenu(self)
        self.export_menu.setObjectName("sources_export_menu")
        self.export_menu.setAccessibleName("Export sources")
        self.export_actions: dict[tuple[str, str], QAction] = {}
        for scope, scope_label in EXPORT_SCOPES:
            for fmt, label, _ext in EXPORT_FORMATS:
                action = self.export_menu.addAction(f"{scope_label} as {label}…")
                action.setObjectName(f"export_{scope}_{fmt}")
                action.setData((scope, fmt))
                self.export_actions[(scope, fmt)] = action
            if scope == "selected":
                self.export_menu.addSeparator()
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("sources_export")
        self.export_button.setAccessibleName("Export sources")
        self.export_button.setToolTip("Export the selected sources, or all of them, to BibTeX, RIS or CSV")
        self.export_button.setMenu(self.export_menu)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("sources_count")
        self.count_label.setAccessibleName("Number of sources shown")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("sources_status")
        self.status_label.setAccessibleName("Status")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_layout(self) -> None:
        type_label_widget = QLabel("&Type:", self)
        type_label_widget.setBuddy(self.type_combo)
        phase_label_widget = QLabel("&Phase:", self)
        phase_label_widget.setBuddy(self.phase_combo)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addSpacing(8)
        for widget in (type_label_widget, self.type_combo, phase_label_widget, self.phase_combo):
            filters.addWidget(widget)
        filters.addSpacing(8)
        filters.addWidget(self.export_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.card, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_harvard_button)
        buttons.addWidget(self.copy_apa_button)
        buttons.addWidget(self.status_label, 1)
        right_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("sources_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 440])

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.filter_edit, self.type_combo), (self.type_combo, self.phase_combo),
                              (self.phase_combo, self.export_button), (self.export_button, self.table),
                              (self.table, self.card), (self.card, self.copy_harvard_button),
                              (self.copy_harvard_button, self.copy_apa_button)):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.type_combo.currentIndexChanged.connect(self.on_type_combo_changed)
        self.phase_combo.currentIndexChanged.connect(self.on_phase_combo_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.card.anchorClicked.connect(self.on_card_anchor_clicked)
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
            self._clear_filters()
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
        label, ext = next((label, ext) for f, label, ext in EXPORT_FORMATS if f == fmt)
        if scope == "selected" and len(records) == 1:
            suggested = f"{records[0].key}.{ext}"
        else:
            suggested = f"sources.{ext}" if scope == "all" else f"sources-selected.{ext}"
        chosen = self.ask_save_path(self, suggested, f"{label} (*.{ext})")
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
    def on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter_change()

    def on_type_combo_changed(self, _index: int) -> None:
        self.proxy.set_type(self.type_combo.currentData())
        self._after_filter_change()

    def on_phase_combo_changed(self, _index: int) -> None:
        self.proxy.set_phase(self.phase_combo.currentData())
        self._after_filter_change()

    def on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_card(self.proxy.record(current.row()) if current.isValid() else None)

    def on_table_selection_changed(self, *_args: object) -> None:
        self._refresh_count()

    def on_card_anchor_clicked(self, url: QUrl) -> None:
        target = self._card_links.get(url.toString())
        if target:
            self.open_location.emit(target)

    def on_copy_harvard_clicked(self) -> None:
        self._copy("Harvard", references.harvard, references.harvard_html)

    def on_copy_apa_clicked(self) -> None:
        self._copy("APA", references.apa, references.apa_html)

    def on_export_menu_about_to_show(self) -> None:
        selected = len(self.selected_records())
        for (scope, fmt), action in self.export_actions.items():
            label = next(label for f, label, _ext in EXPORT_FORMATS if f == fmt)
            count = selected if scope == "selected" else self.model.rowCount()
            action.setText(f"{dict(EXPORT_SCOPES)[scope]} ({count}) as {label}…")
            action.setEnabled(count > 0)

    def on_export_menu_triggered(self, action: QAction) -> None:
        scope, fmt = action.data()
        self.export(scope, fmt)

    # Qt events ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: recolour the card
            self._show_card(self.current_record())
        elif event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def _fit_rows(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

    # Helpers ------------------------------------------------------------------------------
    def _colours(self) -> dict[str, str]:
        pal = self.palette()

        def name(role: QPalette.ColorRole) -> str:
            return QColor(pal.color(role)).name()

        return {"fg": name(QPalette.ColorRole.Text), "link": name(QPalette.ColorRole.Link),
                "muted": name(QPalette.ColorRole.PlaceholderText),
                "accent": name(QPalette.ColorRole.Link)}

    def _show_card(self, record: SourceRecord | None) -> None:
        colours = self._colours()
        self.card.document().setDefaultStyleSheet(card_css(colours))
        self._card_links = {}
        self._card_key = record.key if record else None
        if record is None:
            empty = "No source matches the filters." if self.proxy.is_filtered() else "No source selected."
            self.card.setHtml(f'<p class="muted">{empty}</p>')
        else:
            try:
                citing: list[SectionRef] | None = self._library.citing_sections(record.key)
            except LibraryError:
                citing = None
            # The card's hrefs come back as QUrl; map them to the exact locations we emit.
            locations = [s.id for s in citing or []]
            if record.url.strip().startswith(_WEB_SCHEMES):
                locations.append(record.url.strip())
            self._card_links = {QUrl(location).toString(): location for location in locations}
            self.card.setHtml(card_html(record, citing))
        self.copy_harvard_button.setEnabled(record is not None)
        self.copy_apa_button.setEnabled(record is not None)

    def _copy(self, style: str, plain: Callable[[SourceRecord], str], rich: Callable[[SourceRecord], str]) -> None:
        records = self.selected_records()
        if not records:
            return
        mime = QMimeData()
        mime.setText("\n".join(plain(r) for r in records))
        mime.setHtml("<br>\n".join(rich(r) for r in records))
        QGuiApplication.clipboard().setMimeData(mime)
        noun = "reference" if len(records) == 1 else f"{len(records)} references"
        self.status_label.setText(f"Copied the {style} {noun}.")

    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        record = self.proxy.record(row)
        if record.key != self._card_key:
            self._show_card(record)

    def _ensure_current(self) -> None:
        """Keep a visible source current: the first row when the current one is gone."""
        current = self.table.currentIndex()
        if current.isValid():
            if self.proxy.record(current.row()).key != self._card_key:
                self._show_card(self.proxy.record(current.row()))
        elif self.proxy.rowCount() > 0:
            self._select_row(0)
        else:
            self._show_card(None)
        self._refresh_count()

    def _after_filter_change(self) -> None:
        self.status_label.clear()
        self._ensure_current()

    def _clear_filters(self) -> None:
        # Reset the controls quietly, then the proxy once, rather than filtering three times.
        blockers = [QSignalBlocker(w) for w in (self.filter_edit, self.type_combo, self.phase_combo)]
        self.filter_edit.clear()
        self.type_combo.setCurrentIndex(0)
        self.phase_combo.setCurrentIndex(0)
        del blockers
        self.proxy.clear_filters()

    def _refresh_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{total} sources" if shown == total else f"{shown} of {total} sources"
        selected = len(self.table.selectionModel().selectedRows())
        if selected > 1:
            text += f", {selected} selected"
        self.count_label.setText(text)
