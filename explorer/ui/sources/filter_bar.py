"""The filter bar above the source table: words, source type and phase."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from explorer.formats.cards import type_label
from explorer.library.store import SourceRecord
from explorer.model.vocabulary import PHASES
from explorer.ui.sources.source_model import SourceFilterProxy, phase_label


class SourceFilterBar(QWidget):
    """Narrows the source table: each change filters the proxy at once.

    Signals:
        changed(): the user changed a filter (not emitted by `clear`).
    """

    changed = Signal()

    def __init__(self, proxy: SourceFilterProxy, sources: list[SourceRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.filter_edit = QLineEdit(self, placeholderText="Filter sources…")
        self.filter_edit.setObjectName("sources_filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter sources")
        self.filter_edit.setToolTip("Words to find in title, authors, organisation, topics or summary")

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

        type_caption = QLabel("&Type:", self)
        type_caption.setBuddy(self.type_combo)
        phase_caption = QLabel("&Phase:", self)
        phase_caption.setBuddy(self.phase_combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit, 1)
        layout.addSpacing(8)
        for widget in (type_caption, self.type_combo, phase_caption, self.phase_combo):
            layout.addWidget(widget)
        QWidget.setTabOrder(self.filter_edit, self.type_combo)
        QWidget.setTabOrder(self.type_combo, self.phase_combo)

        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.type_combo.currentIndexChanged.connect(self.on_type_combo_changed)
        self.phase_combo.currentIndexChanged.connect(self.on_phase_combo_changed)

    def clear(self) -> None:
        """Show every source."""
        # Reset the controls quietly, then the proxy once, rather than filtering three times.
        blockers = [QSignalBlocker(w) for w in (self.filter_edit, self.type_combo, self.phase_combo)]
        self.filter_edit.clear()
        self.type_combo.setCurrentIndex(0)
        self.phase_combo.setCurrentIndex(0)
        del blockers
        self._proxy.clear_filters()

    def on_filter_edit_text_changed(self, text: str) -> None:
        self._proxy.set_text(text)
        self.changed.emit()

    def on_type_combo_changed(self, _index: int) -> None:
        self._proxy.set_type(self.type_combo.currentData())
        self.changed.emit()

    def on_phase_combo_changed(self, _index: int) -> None:
        self._proxy.set_phase(self.phase_combo.currentData())
        self.changed.emit()
