"""Which section is being read, from where the section headings lie in the laid-out chapter, and
its entry in the table of contents."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def heading_tops(document: QTextDocument, anchors: Mapping[str, str]) -> list[tuple[float, str]]:
    """(top in the document, section id) of each section heading, top first: `anchors` maps the
    anchor names in the page to their sections (in the summary read through as one document a
    section's anchor is its id; in a report chapter, its own name)."""
    layout = document.documentLayout()
    tops: list[tuple[float, str]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            tops.extend((layout.blockBoundingRect(block).top(), anchors[name])
                        for name in iterator.fragment().charFormat().anchorNames() if name in anchors)
            iterator += 1
        block = block.next()
    return sorted(tops)


def anchor_at(tops: list[tuple[float, str]], reading_line: float) -> str:
    """The section of the last heading at or above the reading line ("" above the first)."""
    current = ""
    for top, name in tops:
        if top > reading_line:
            break
        current = name
    return current


def toc_item(toc: QTreeWidget, section_id: str) -> QTreeWidgetItem | None:
    """The section's entry in the tree, or its chapter's when the section has none."""
    chapter_id = section_id.partition("#")[0]
    found: dict[str, QTreeWidgetItem] = {}
    stack = [toc.topLevelItem(i) for i in range(toc.topLevelItemCount())]
    while stack and section_id not in found:
        item = stack.pop()
        assert item is not None  # every index below the count holds an item
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key in (section_id, chapter_id):
            found[key] = item
        stack.extend(item.child(i) for i in range(item.childCount()))
    return found.get(section_id) or found.get(chapter_id)
