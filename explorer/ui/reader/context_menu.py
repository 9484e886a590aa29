"""The menu a right-click on the reader's text opens: the paragraph commands of the window (the
same actions as the Reader menu, so the same words and keys), then Qt's own Copy and Select All."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTextBrowser

from explorer.model.records import Paragraph


def install(browser: QTextBrowser, actions: Sequence[QAction],
            paragraph: Callable[[], Paragraph | None]) -> None:
    """Right-click on `browser` opens the paragraph menu; `paragraph()` names the paragraph the
    commands will act on (the one at the text cursor, which the right-click moves)."""
    browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    browser.customContextMenuRequested.connect(
        lambda point: open_menu(browser, actions, paragraph, point))


def open_menu(browser: QTextBrowser, actions: Sequence[QAction],
              paragraph: Callable[[], Paragraph | None], point: QPoint) -> QMenu:
    """Build and pop up the menu for a right-click at `point` (viewport coordinates); it is
    deleted when it closes."""
    menu = build_menu(browser, actions, paragraph, point)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(browser.viewport().mapToGlobal(point))
    return menu


def build_menu(browser: QTextBrowser, actions: Sequence[QAction],
               paragraph: Callable[[], Paragraph | None], point: QPoint) -> QMenu:
    _move_cursor(browser, point)
    scrolled = QPoint(browser.horizontalScrollBar().value(), browser.verticalScrollBar().value())
    menu = browser.createStandardContextMenu(point + scrolled)   # Copy, Copy link, Select All
    menu.setObjectName("paragraphMenu")
    standard = menu.actions()
    for action in standard:
        menu.removeAction(action)      # still owned by the menu; put back below ours
    place = paragraph()
    if place is not None:
        # Which paragraph the commands are for: a right-click between two lands on the one above.
        menu.addSection(place.label)
    menu.addActions(list(actions))
    menu.addSeparator()
    menu.addActions(standard)
    return menu


def _move_cursor(browser: QTextBrowser, point: QPoint) -> None:
    """Put the text cursor where the right-click was, so the commands act on that paragraph;
    a right-click inside the selection keeps it, so Copy copies it."""
    clicked = browser.cursorForPosition(point).position()
    selection = browser.textCursor()
    if selection.hasSelection() and selection.selectionStart() <= clicked <= selection.selectionEnd():
        return
    browser.setTextCursor(browser.cursorForPosition(point))
