"""What the main window keeps between runs: its size and layout, the text size, and where the
user was reading (saved as they read, so a crash loses at most a moment)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer

from explorer.errors import ExplorerError
from explorer.model.location import Location
from explorer.ui.common.screen_fit import fit_to_screen
from explorer.userdata.store import UserDataError

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow

# The first-run size where the screen has room for it; smaller screens get all of their room.
DEFAULT_SIZE = QSize(1280, 820)


def restore(window: MainWindow) -> None:
    """Size, layout and text size as last left; then the place last read, or the home page.
    The window is kept inside the screen it opens on, whatever screen it was last left on."""
    settings = window.settings
    geometry, state = settings.get("window/geometry"), settings.get("window/state")
    if geometry is None or not window.restoreGeometry(geometry):
        fit_to_screen(window, DEFAULT_SIZE, placed=False)
    else:
        fit_to_screen(window, placed=True)
    if state is not None:
        window.restoreState(state)
    zoom = int(settings.get("zoom") or 0)
    if zoom:
        window.zoom(zoom)
    saved = window.userdata.position(window.editions.library_key()) if window.userdata else None
    place = still_there(window, saved[0]) if saved else None
    # A place this edition no longer has is skipped without a word: there is nothing to fix.
    if saved and place is not None and window.navigate(place):
        if place.is_section:
            fraction = saved[1]
            QTimer.singleShot(0, window, lambda: window.reader.set_scroll_fraction(fraction))
        return
    window.navigate(Location.view("home"))


def still_there(window: MainWindow, text: str) -> Location | None:
    """The saved place, if this edition of the library still has it."""
    library = window.library
    try:
        place = Location.parse(text)
        if place.is_section:
            library.section(place.key)
        elif place.kind == "source":
            library.source(place.key)
        elif place.kind == "stakeholder":
            library.stakeholder(place.key)
        elif place.kind != "view":
            return None
    except ExplorerError:
        return None
    return place


def save(window: MainWindow) -> None:
    window.settings.set("window/geometry", window.saveGeometry())
    window.settings.set("window/state", window.saveState())
    save_position(window)


def save_position(window: MainWindow) -> None:
    if not window.userdata:
        return
    location = window.current_location or "view:home"
    try:
        section = Location.parse(location).is_section
    except ExplorerError:
        section = False
    scroll = window.reader.scroll_fraction() if section else 0.0
    with contextlib.suppress(UserDataError):
        window.userdata.save_position(window.editions.library_key(), location, scroll)
