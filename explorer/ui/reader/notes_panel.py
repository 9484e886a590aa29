"""The notes panel: bookmarks and notes anchored to paragraphs, with export and import."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.library.store import Library
from explorer.ui.common import file_dialogs
from explorer.ui.common.messages import Messages
from explorer.ui.reader.note_editor import NoteEditor
from explorer.userdata.store import Annotation, ImportErrors, UserData, UserDataError

STATUS_NOTES = {"changed": " · paragraph edited since", "vanished": " · paragraph gone in this edition"}


class NotesPanel(QWidget):
    """Lists the user's bookmarks and notes; filters them; exports and imports Markdown.

    Signals:
        open_paragraph(str): go to the paragraph with this id.
        changed(): bookmarks or notes were added, edited or removed.
    """

    open_paragraph = Signal(str)
    changed = Signal()

    def __init__(self, library: Library, userdata: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.userdata = userdata
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Search your notes…")
        self.filter.setAccessibleName("Search your notes")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("notesList")
        self.list.setAccessibleName("Bookmarks and notes")
        self.list.setWordWrap(True)
        self.empty = QLabel("No bookmarks or notes yet. In the reader, Ctrl+D bookmarks the paragraph "
                            "you are on and Ctrl+Shift+N adds a note to it.", self)
        self.empty.setWordWrap(True)
        self.edit_button = QPushButton("Edit note…", self)
        self.delete_button = QPushButton("Delete", self)
        self.export_button = QPushButton("Export…", self)
        self.import_button = QPushButton("Import…", self)
        for button, name in ((self.edit_button, "Edit the selected note"),
                             (self.delete_button, "Delete the selected bookmark or note"),
                             (self.export_button, "Export bookmarks and notes to Markdown"),
                             (self.import_button, "Import bookmarks and notes from Markdown")):
            button.setAccessibleName(name)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self.refresh)
        self.list.itemActivated.connect(self.on_list_activated)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.import_button.clicked.connect(self.on_import_clicked)

    # Dialogs behind classmethods so tests can answer them ---------------------------------
    @classmethod
    def ask_text(cls, parent: QWidget, title: str, reference: str, quote: str, text: str = "") -> str | None:
        return NoteEditor.ask(parent, title, reference, quote, text)

    @classmethod
    def ask_path(cls, parent: QWidget, saving: bool, suggested: str) -> str | None:
        if saving:
            return file_dialogs.ask_save_path(parent, "Export notes", suggested, "Markdown (*.md)")
        return file_dialogs.ask_open_path(parent, "Import notes", "Markdown (*.md)")

    # Listing ------------------------------------------------------------------------------
    def _where(self, paragraph_id: str, section_id: str) -> str:
        """E.g. "Opening chapter §1.2 ¶1": the chapter and the paragraph's reference."""
        paragraph = self.library.paragraph(paragraph_id)
        where = paragraph.label if paragraph else "§?"
        try:
            section = self.library.section(section_id)
            where = f"{section.chapter_title} {where}"
        except Exception:  # the section itself is gone in this edition
            pass
        return where

    def _describe(self, note: Annotation) -> str:
        where = self._where(note.paragraph_id, note.section_id)
        kind = "Note" if note.kind == "note" else "Bookmark"
        text = note.body or note.quote
        excerpt = text if len(text) < 140 else text[:137] + "…"
        return f"{kind} · {where}{STATUS_NOTES.get(note.status, '')}\n{excerpt}"

    @Slot()
    def refresh(self) -> None:
        query = self.filter.text().strip()
        notes = self.userdata.search_notes(query) if query else self.userdata.annotations()
        self.list.clear()
        for note in notes:
            item = QListWidgetItem(self._describe(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(html.escape(note.quote))
            self.list.addItem(item)
        self.empty.setVisible(not notes and not query)
        if notes:
            self.list.setCurrentRow(0)

    def _selected(self) -> Annotation | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.userdata.annotations() if a.id == wanted), None)

    # Actions ------------------------------------------------------------------------------
    def add(self, kind: str, paragraph_id: str, section_id: str, quote: str) -> bool:
        """Bookmark a paragraph, or ask for a note's text and save it. True when saved."""
        body = ""
        if kind == "note":
            answer = self.ask_text(self, "Add a note", self._where(paragraph_id, section_id), quote)
            if answer is None or not answer.strip():
                return False
            body = answer.strip()
        try:
            self.userdata.add_annotation(kind, paragraph_id, section_id, quote, body)
        except UserDataError as exc:
            Messages.error(self, "Not saved", "Your note could not be saved.", str(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    @Slot()
    def on_list_activated(self, item: QListWidgetItem) -> None:
        note = self._selected()
        if note is not None:
            self.open_paragraph.emit(note.paragraph_id)

    @Slot()
    def on_edit_clicked(self) -> None:
        note = self._selected()
        if note is None:
            return
        answer = self.ask_text(self, "Edit note", self._where(note.paragraph_id, note.section_id),
                               note.quote, note.body)
        if answer is not None:
            self.userdata.update_note(note.id, answer.strip())
            self.refresh()
            self.changed.emit()

    @Slot()
    def on_delete_clicked(self) -> None:
        note = self._selected()
        if note is not None and Messages.ask(self, "Delete?", "Delete this bookmark or note?", "Delete"):
            self.userdata.delete_annotation(note.id)
            self.refresh()
            self.changed.emit()

    @Slot()
    def on_export_clicked(self) -> None:
        path = self.ask_path(self, True, "notes.md")
        if not path:
            return
        try:
            Path(path).write_text(self.userdata.export_markdown(
                f"Notes on {self.library.pack.get('title', 'the report')}"), encoding="utf-8")
        except OSError as exc:
            Messages.error(self, "Export failed", f"Could not write {path}.", str(exc))

    @Slot()
    def on_import_clicked(self) -> None:
        path = self.ask_path(self, False, "")
        if not path:
            return
        try:
            added = self.userdata.import_markdown(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            Messages.error(self, "Import failed", f"Could not read {path}.", str(exc))
            return
        except ImportErrors as exc:
            Messages.error(self, "Import failed", f"{path} is not a notes file this app wrote.",
                           "\n".join(exc.errors[:20]))
            return
        self.userdata.reanchor(self.library)
        self.refresh()
        self.changed.emit()
        Messages.info(self, "Imported", f"{added} bookmark(s) and note(s) added.")
