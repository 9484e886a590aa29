"""Meeting mode: large type, paragraph numbers, no sidebar, a "go to §" box; leaving restores all."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QWidget

MEETING_ZOOM_STEPS = 4


class _Saved(NamedTuple):
    sidebar: bool
    toc: bool
    numbers: bool
    notes: bool
    zoom: int


class MeetingMode:
    """Switches a MainWindow in and out of meeting mode (the window owns the widgets)."""

    def __init__(self, window: QWidget) -> None:
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
        self._saved = _Saved(sidebar=w.sidebar.isVisible(), toc=w.reader.toc.isVisible(),  # type: ignore[attr-defined]
                             numbers=w.reader.show_numbers, notes=w.notes_dock.isVisible(),  # type: ignore[attr-defined]
                             zoom=w.zoom_steps)  # type: ignore[attr-defined]
        self.active = True
        w.sidebar.hide()  # type: ignore[attr-defined]
        w.reader.toc.hide()  # type: ignore[attr-defined]
        w.notes_dock.hide()  # type: ignore[attr-defined]
        w.zoom(MEETING_ZOOM_STEPS)  # type: ignore[attr-defined]
        w.reader.set_show_numbers(True)  # type: ignore[attr-defined]
        self.set_goto_visible(True)
        if w.stack.currentWidget() is not w.reader:  # type: ignore[attr-defined]
            w.show_page(w.reader.document if w.reader.chapter_id else "report")  # type: ignore[attr-defined]
        self.goto_box.setFocus()

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        w, saved = self.window, self._saved
        self.active = False
        w.sidebar.setVisible(saved.sidebar)  # type: ignore[attr-defined]
        w.reader.toc.setVisible(saved.toc)  # type: ignore[attr-defined]
        w.notes_dock.setVisible(saved.notes)  # type: ignore[attr-defined]
        w.zoom(saved.zoom - w.zoom_steps)  # type: ignore[attr-defined]
        w.reader.set_show_numbers(saved.numbers)  # type: ignore[attr-defined]
        self.set_goto_visible(False)
        self._saved = None
