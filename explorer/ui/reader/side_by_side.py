"""Summary and full report side by side, each following the other chapter by chapter."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from explorer.errors import LibraryError
from explorer.library.store import Library
from explorer.model.location import BadLocation, Location
from explorer.ui.reader.reader_view import ReaderView


class SideBySideView(QWidget):
    """Two readers: the summary on the left, the full report on the right.

    Moving through either brings the other to the matching chapter (a summary chapter names the
    full chapter it summarises), so the two stay aligned.

    Signals:
        open_location(str): a link in either pane was followed (not a move between the panes).
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.summary = ReaderView(library, self)
        self.full = ReaderView(library, self)
        for pane, name in ((self.summary, "Summary pane"), (self.full, "Full report pane")):
            pane.toc.hide()
            pane.browser.setAccessibleName(name)
        splitter = QSplitter(self)
        splitter.addWidget(self.summary)
        splitter.addWidget(self.full)
        splitter.setSizes([500, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._aligning = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.summary.position_changed.connect(self.on_summary_position_changed)
        self.full.position_changed.connect(self.on_full_position_changed)
        for pane in (self.summary, self.full):
            pane.open_location.connect(self.on_pane_open_location)

    def show_location(self, location: str) -> None:
        """Open a section in its pane; the other pane follows."""
        pane = self.summary if Location.parse(location).document == "summary" else self.full
        pane.open(location)
        self._align(pane)

    def _align(self, moved: ReaderView) -> None:
        if self._aligning or not moved.chapter_id:
            return
        other = self.full if moved is self.summary else self.summary
        target = moved.library.section(moved.chapter_id).counterpart_id
        if target and other.chapter_id != target:
            self._aligning = True
            try:
                other.open(target)
            except LibraryError:
                pass
            finally:
                self._aligning = False

    @Slot(str)
    def on_summary_position_changed(self, _section: str) -> None:
        self._align(self.summary)

    @Slot(str)
    def on_full_position_changed(self, _section: str) -> None:
        self._align(self.full)

    @Slot(str)
    def on_pane_open_location(self, location: str) -> None:
        try:
            inside = Location.parse(location).is_section
        except BadLocation:
            inside = False                 # the window says what is wrong with it
        if inside:
            self.show_location(location)   # chapter buttons and TOC stay inside the split view
        else:
            self.open_location.emit(location)

    def set_dark(self, dark: bool) -> None:
        self.summary.set_dark(dark)
        self.full.set_dark(dark)

    def zoom(self, steps: int) -> None:
        self.summary.zoom(steps)
        self.full.zoom(steps)
