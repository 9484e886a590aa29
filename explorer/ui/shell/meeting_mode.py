"""Meeting mode: large type, paragraph numbers, no sidebar, a "go to §" box; leaving restores all."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow

MEETING_ZOOM_STEPS = 4


class _Saved(NamedTuple):
    sidebar: bool
    toc: bool
    numbers: bool
    notes: bool
    zoom: int


class MeetingMode:
    """Switches a MainWindow in and out of meeting mode (the window owns the widgets)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.active = False
        self._saved: _Saved | None = None
        self.goto_box = QLineEdit(window)
        self.goto_box.setObjectName("gotoParagraph")
        self.goto_box.setPlaceholderText("Go to §6.3 ¶4")
        self.goto_box.setAccessibleName("Go to paragraph")
        self.goto_box.setMaximumWidth(160)
        self.goto_action: QAction | None = None   # set when the box is placed in a toolbar

    def set_goto_visible(self, visible: bool) -> None:
        """A widget in a toolbar is shown and hidden through its action."""
        if self.goto_action is not None:
            self.goto_action.setVisible(visible)
        else:
            self.goto_box.setVisible(visible)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        w = self.window
        self._saved = _Saved(sidebar=w.sidebar.isVisible(), toc=w.reader.toc.isVisible(),
                             numbers=w.reader.show_numbers, notes=w.notes_dock.isVisible(),
                             zoom=w.zoom_steps)
        self.active = True
        w.sidebar.hide()
        w.reader.toc.hide()
        w.notes_dock.hide()
        w.zoom(MEETING_ZOOM_STEPS)
        w.reader.set_show_numbers(True)
        self.set_goto_visible(True)
        if w.stack.currentWidget() is not w.reader:
            w.router.show_page(w.reader.document if w.reader.chapter_id else "report")
        self.goto_box.setFocus()

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        w, saved = self.window, self._saved
        self.active = False
        w.sidebar.setVisible(saved.sidebar)
        w.reader.toc.setVisible(saved.toc)
        w.notes_dock.setVisible(saved.notes)
        w.zoom(saved.zoom - w.zoom_steps)
        w.reader.set_show_numbers(saved.numbers)
        self.set_goto_visible(False)
        self._saved = None
