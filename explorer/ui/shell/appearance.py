"""How the window looks: meeting mode on and off, the theme, the text size of the whole interface.
The window's commands call these; each keeps the window's toggles showing their state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from explorer.ui.common import theme
from explorer.ui.shell import commands

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow


def toggle_meeting(window: MainWindow) -> None:
    window.meeting.toggle()
    window.actions_by_name["meeting"].setChecked(window.meeting.active)
    window.actions_by_name["numbers"].setChecked(window.reader.show_numbers)


def toggle_theme(window: MainWindow) -> None:
    window.dark = not window.dark
    window.settings.set("theme", "dark" if window.dark else "light")
    theme.apply(QApplication.instance(), window.dark)  # type: ignore[arg-type]  # a QApplication
    window.actions_by_name["theme"].setChecked(window.dark)
    commands.style_toolbar(window.toolbar, window.dark)
    window.pages.set_dark(window.dark)


def zoom(window: MainWindow, steps: int) -> None:
    """Text `steps` larger (negative: smaller) everywhere, as far as the sizes go; remembered."""
    before = window.pages.zoom_steps
    steps = theme.set_text_steps(QApplication.instance(), before + steps) - before  # type: ignore[arg-type]
    window.pages.zoom(steps)
    window.settings.set("zoom", window.pages.zoom_steps)
