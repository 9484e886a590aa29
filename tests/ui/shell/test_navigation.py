"""Going places: locations parsed in one place, back and forward, and where the app reopens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.library.store import Library
from explorer.model.history import History
from explorer.model.location import BadLocation, Location
from explorer.ui.shell.main_window import MainWindow
from explorer.ui.shell.settings import Settings
from explorer.userdata.store import UserData
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import make_window


@pytest.mark.parametrize(("text", "kind", "page", "document", "chapter", "anchor"), [
    ("report/opening#places", "section", "report", "report", "report/opening", "places"),
    ("summary/opening-summary", "section", "summary", "summary", "summary/opening-summary", ""),
    ("source:eef-toolkit", "source", "sources", "", "", ""),
    ("stakeholder:eef", "stakeholder", "stakeholders", "", "", ""),
    ("glossary:NEET", "glossary", "", "", "", ""),
    ("view:side", "view", "side", "", "", ""),
    ("https://example.org/a?b=c", "web", "", "", "", ""),
    ("mailto:someone@example.org", "web", "", "", "", ""),
])
def test_locations_parse_and_format_back(text: str, kind: str, page: str, document: str, chapter: str,
                                         anchor: str) -> None:
    place = Location.parse(text)
    assert (place.kind, place.page, place.document, place.chapter, place.anchor) == \
        (kind, page, document, chapter, anchor)
    assert str(place) == text and Location.parse(str(place)) == place


@pytest.mark.parametrize("text", ["", "report/", "source:", "view:nowhere", "ftp://example.org", "javascript:x",
                                  "chapter/opening", "stakeholder"])
def test_unknown_locations_are_refused(text: str) -> None:
    with pytest.raises(BadLocation):
        Location.parse(text)


def test_history_goes_back_and_forward_and_forgets_what_was_ahead() -> None:
    history = History()
    a, b, c = (Location.parse(t) for t in ("view:home", "report/opening", "source:eef-toolkit"))
    for place in (a, b, b, c):
        history.visit(place)
    assert history.places == [a, b, c]
    assert history.back() == b and history.back() == a and history.back() is None
    assert history.forward() == b
    history.visit(Location.parse("stakeholder:eef"))
    assert not history.can_go_forward() and history.places[-1].kind == "stakeholder"
    history.replace_current(Location.parse("stakeholder:dfe"))       # another place: not replaced
    assert history.current == Location.parse("stakeholder:eef")


def _press(widget, button: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    point = QPointF(10, 10)
    event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, point, QPointF(widget.mapToGlobal(point.toPoint())),
                        button, button, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_mouse_back_button_over_the_sidebar_goes_back(qtbot: QtBot, library: Library, tmp_path: Path,
                                                      told: Told) -> None:
    """It went Home: the list under the pointer took the press as choosing its first row."""
    window = make_window(qtbot, library, tmp_path)
    qtbot.waitUntil(lambda: window._painted)         # the buttons are watched from the first paint
    window.navigate("report/opening")
    window.navigate("source:eef-toolkit")
    _press(window.sidebar.viewport(), Qt.MouseButton.BackButton)
    assert window.stack.currentWidget() is window.reader
    assert window.sidebar.currentRow() == 2                       # "Full report", not "Home"
    _press(window.sidebar.viewport(), Qt.MouseButton.ForwardButton)
    assert window.stack.currentWidget() is window.sources


def test_a_section_gone_in_a_new_edition_reopens_home_without_an_error(qtbot: QtBot, library: Library,
                                                                       tmp_path: Path, told: Told) -> None:
    """The saved reading place no longer exists: start quietly at home (it said "cannot open")."""
    userdata = UserData(tmp_path / "user.sqlite")
    userdata.save_position(str(library.pack.get("id", "library")), "report/a-chapter-since-removed#gone", 0.5)
    userdata.close()
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library, UserData(tmp_path / "user.sqlite"), settings)
    qtbot.addWidget(window)
    assert told.errors == []
    assert window.stack.currentWidget() is window.home
    assert window.windowTitle().startswith("Home · ")


def test_a_saved_section_still_there_is_reopened(qtbot: QtBot, library: Library, tmp_path: Path,
                                                 told: Told) -> None:
    userdata = UserData(tmp_path / "user.sqlite")
    userdata.save_position(str(library.pack.get("id", "library")), "report/opening#places", 0.0)
    userdata.close()
    window = make_window(qtbot, library, tmp_path)
    assert told.errors == []
    assert window.stack.currentWidget() is window.reader and window.current_location == "report/opening#places"
