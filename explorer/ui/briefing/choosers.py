"""The pack dialog's choosers: the section tree and the checkable, filterable lists of cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget

from explorer.formats.briefing_choices import Choice, ListChoice

KeyRole = Qt.ItemDataRole.UserRole
SearchRole = Qt.ItemDataRole.UserRole + 1
TitleRole = Qt.ItemDataRole.UserRole + 2


class SectionTree(QTreeWidget):
    """Documents, chapters and sections with check boxes; ticking a chapter ticks its sections."""

    def __init__(self, choices: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingSections")
        self.setAccessibleName("Sections to include")
        self.setHeaderHidden(True)
        self.chapter_items: dict[str, QTreeWidgetItem] = {}
        for document in choices:
            top = self._item(self, document)
            top.setExpanded(document.key == "report")

    def _item(self, parent: QTreeWidget | QTreeWidgetItem, choice: Choice) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [choice.text])
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate if choice.kind != "section" else flags)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        if choice.kind == "section":
            item.setData(0, KeyRole, choice.key)
        elif choice.kind == "chapter":
            self.chapter_items[choice.key] = item
            item.setData(0, TitleRole, choice.title)
        for child in choice.children:
            self._item(item, child)
        return item

    def select_chapter(self, location: str) -> str:
        """Tick every section of a chapter ("report/early-years", or any location inside it).

        Returns:
            The chapter's title; "" when there is no such chapter.
        """
        item = self.chapter_items.get(location.split("#", 1)[0])
        if item is None:
            return ""
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setExpanded(True)
        self.scrollToItem(item)
        return str(item.data(0, TitleRole))

    def checked_sections(self) -> list[str]:
        """The ticked sections' ids, in the tree's order."""
        found: list[str] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            assert item is not None  # every index below the count holds an item
            if item.data(0, KeyRole) and item.checkState(0) == Qt.CheckState.Checked:
                found.append(item.data(0, KeyRole))
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return found


def filter_edit(name: str, accessible: str, parent: QWidget | None = None) -> QLineEdit:
    """The box above a `CheckList` that filters it (connect its textChanged to `apply_filter`)."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(accessible + "…")
    edit.setClearButtonEnabled(True)
    return edit


class CheckList(QListWidget):
    """Cards to include, each with a check box; `apply_filter` hides the lines without some words."""

    def __init__(self, name: str, accessible: str, choices: list[ListChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        for choice in choices:
            item = QListWidgetItem(choice.text, self)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(KeyRole, choice.key)
            item.setData(SearchRole, f"{choice.text} {choice.search_text}".casefold())
            item.setToolTip(choice.text)

    def apply_filter(self, text: str) -> None:
        """Show only the lines whose text (or summary) holds every word of `text`."""
        words = text.casefold().split()
        for i in range(self.count()):
            item = self.item(i)
            item.setHidden(not all(w in item.data(SearchRole) for w in words))

    def checked(self) -> list[str]:
        return [self.item(i).data(KeyRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]
