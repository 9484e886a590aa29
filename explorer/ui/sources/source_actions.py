"""What can be done with the chosen sources: copy their references, export them (the Export menu)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from explorer.formats import references
from explorer.formats.exports import SOURCE_EXPORT_CHOICES, SOURCE_EXPORT_SCOPES
from explorer.library.store import SourceRecord


def copy_references(records: list[SourceRecord], style: str) -> str:
    """Put the sources' references in a style of `references.STYLES` on the clipboard, as plain
    text and as rich text; returns what to tell the user ("" when there was nothing to copy)."""
    if not records:
        return ""
    plain, rich = references.reference_list(records, style)
    mime = QMimeData()
    mime.setText(plain)
    mime.setHtml(rich)
    QGuiApplication.clipboard().setMimeData(mime)
    noun = "reference" if len(records) == 1 else f"{len(records)} references"
    return f"Copied the {style} {noun}."


class ExportMenu(QMenu):
    """One action per scope (selected, all) and format; each action's data is (scope, format)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sources_export_menu")
        self.setAccessibleName("Export sources")
        self.choices: dict[tuple[str, str], QAction] = {}
        for scope, scope_label in SOURCE_EXPORT_SCOPES:
            for fmt, label, _ext in SOURCE_EXPORT_CHOICES:
                action = self.addAction(f"{scope_label} as {label}…")
                action.setObjectName(f"export_{scope}_{fmt}")
                action.setData((scope, fmt))
                self.choices[(scope, fmt)] = action
            if scope == "selected":
                self.addSeparator()

    def show_counts(self, selected: int, total: int) -> None:
        """Say how many sources each action would export; an action with none is disabled."""
        scopes = dict(SOURCE_EXPORT_SCOPES)
        labels = {fmt: label for fmt, label, _ext in SOURCE_EXPORT_CHOICES}
        for (scope, fmt), action in self.choices.items():
            count = selected if scope == "selected" else total
            action.setText(f"{scopes[scope]} ({count}) as {labels[fmt]}…")
            action.setEnabled(count > 0)
