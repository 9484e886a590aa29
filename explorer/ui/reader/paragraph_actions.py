"""What can be done to the paragraph you are in: copy its reference, bookmark it, note it, go to
one by its reference; and the notes panel (in its dock) that lists bookmarks and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QDockWidget

from explorer.ui.common.messages import Messages

if TYPE_CHECKING:
    from explorer.model.records import Paragraph
    from explorer.ui.reader.notes_panel import NotesPanel
    from explorer.ui.shell.main_window import MainWindow

STATUS_MS = 4000


class ParagraphActions(QObject):
    """The paragraph commands of one main window, and its notes dock (built when first needed)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._panel: NotesPanel | None = None
        self._dock: QDockWidget | None = None

    def _say(self, text: str, ms: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(text, ms)

    def current(self) -> Paragraph | None:
        w = self.window
        paragraph = w.reader.current_paragraph() if w.pages.showing("report") else None
        if paragraph is None:
            self._say("Open a chapter and click in a paragraph first.")
        return paragraph

    def copy_reference(self) -> None:
        """Put e.g. "Social Mobility Landscape Review, §6.3 ¶4" and the paragraph on the clipboard."""
        paragraph = self.current()
        if paragraph is not None:
            QApplication.clipboard().setText(self.window.library.cite_paragraph(paragraph))
            self._say(f"Copied {paragraph.label}")

    def annotate(self, kind: str) -> None:
        paragraph = self.current()
        if paragraph is None or self.panel is None:
            return
        if self.panel.add(kind, paragraph.id, paragraph.section_id, paragraph.text):
            self._say(f"{kind.capitalize()} added at {paragraph.label}")

    def refresh_marks(self) -> None:
        w = self.window
        if w.userdata and w.pages.is_built("report"):
            w.reader.set_marks({a.paragraph_id: a.kind for a in w.userdata.annotations()})

    # The notes dock ------------------------------------------------------------------------------
    @property
    def dock(self) -> QDockWidget:
        """The dock holding the notes panel, built when first needed (after the first paint,
        or at once when asked for): its size and visibility come back from the saved state."""
        if self._dock is None:
            from PySide6.QtCore import Qt

            w = self.window
            dock = QDockWidget("Bookmarks and notes", w)
            dock.setObjectName("notesDock")
            if not w.restoreDockWidget(dock):     # places it as last saved, shown or not
                w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
                dock.hide()
            self._dock = dock
            dock.visibilityChanged.connect(lambda visible: visible and self.panel)
            if dock.isVisible():
                self.panel  # noqa: B018 (builds it)
        return self._dock

    @property
    def panel(self) -> NotesPanel | None:
        """The bookmarks and notes list (None without user data), built when first needed."""
        w = self.window
        if self._panel is None and w.userdata is not None:
            dock = self.dock           # building a dock restored open builds the panel too
            if self._panel is None:
                from explorer.ui.reader.notes_panel import NotesPanel

                panel = NotesPanel(w.library, w.userdata, dock)
                panel.open_paragraph.connect(self.go_to_paragraph_id)
                panel.changed.connect(self.refresh_marks)
                dock.setWidget(panel)
                self._panel = panel
        return self._panel

    def toggle_panel(self) -> None:
        self.dock.setVisible(not self.dock.isVisible())
        self.window.actions_by_name["notes_panel"].setChecked(self.dock.isVisible())

    def toggle_numbers(self) -> None:
        reader = self.window.reader
        reader.set_show_numbers(not reader.show_numbers)
        self.window.actions_by_name["numbers"].setChecked(reader.show_numbers)

    def export_notes(self) -> None:
        if self.panel:
            self.panel.on_export_clicked()

    def import_notes(self) -> None:
        if self.panel:
            self.panel.on_import_clicked()

    # Go to a paragraph by its reference -----------------------------------------------------------
    def focus_goto(self) -> None:
        meeting = self.window.meeting
        if meeting.active:
            meeting.open_search("§")   # the toolbar is hidden in a meeting: the overlay takes references
            return
        meeting.set_goto_visible(True)
        meeting.goto_box.setFocus()
        meeting.goto_box.selectAll()

    @Slot()
    def on_goto_return(self) -> None:
        w = self.window
        text = w.meeting.goto_box.text()
        document = w.reader.document if w.reader.chapter_id else "report"
        paragraph = w.library.paragraph_at(text, document) or w.library.paragraph_at(text)
        if paragraph is None:
            self._say(f"No paragraph “{text}”: write it like §6.3 ¶4", 5000)
            return
        self.go_to_paragraph_id(paragraph.id)
        if not w.meeting.active:
            w.meeting.set_goto_visible(False)

    @Slot(str)
    def go_to_paragraph_id(self, paragraph_id: str) -> None:
        w = self.window
        paragraph = w.library.paragraph(paragraph_id)
        if paragraph is None:
            Messages.error(w, "Not in this edition", "That paragraph is not in this edition of the report.")
            return
        w.navigate(paragraph.section_id)
        w.reader.go_to_paragraph(paragraph)
