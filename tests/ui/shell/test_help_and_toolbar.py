"""Help that teaches: the toolbar's icons and toggles, the first-run strip of keys, the help page's
features, and no internal identifiers (hashes, slugs) where a trustee looks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from explorer.library.store import Library
from explorer.ui.common import theme
from explorer.ui.shell import commands
from explorer.ui.shell.help_page import FEATURES, help_html
from explorer.ui.shell.main_window import MainWindow
from explorer.ui.shell.settings import Settings
from tests.helpers.messages import Told
from tests.ui.shell.test_main_window import click_in_paragraph, make_window, type_query


@pytest.fixture
def window(qtbot: QtBot, library: Library, tmp_path: Path, told: Told) -> Iterator[MainWindow]:
    made = make_window(qtbot, library, tmp_path)
    # The offscreen screen is 800x600 and the window fits it, which folds the toolbar's end into
    # its overflow menu; these tests are about the buttons of a common laptop's width.
    made.resize(1366, 740)
    yield made
    theme.apply(QApplication.instance(), False)  # type: ignore[arg-type]  # a QApplication


def button(window: MainWindow, name: str) -> QToolButton:
    widget = window.toolbar.widgetForAction(window.actions_by_name[name])
    assert isinstance(widget, QToolButton) and widget.isVisible(), name
    return widget


def test_bookmark_note_and_briefing_pack_are_on_the_toolbar_with_icons_and_keys(window: MainWindow) -> None:
    for name, words, key in (("bookmark", "Bookmark", "Ctrl+D"), ("note", "Note", "Ctrl+Shift+N"),
                             ("briefing", "Briefing pack", "Ctrl+P")):
        shown = button(window, name)
        assert shown.text() == words and not shown.icon().isNull()
        assert shown.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert shown.toolTip().endswith(f"({key})")


def test_every_toolbar_button_has_an_icon_and_a_tooltip_with_its_key(window: MainWindow) -> None:
    for command in (c for c in commands.COMMANDS if c.toolbar):
        shown = button(window, command.name)
        assert not shown.icon().isNull(), command.name
        assert commands.key_text(command.keys[0]) in shown.toolTip(), command.name
        assert shown.accessibleName(), command.name


def test_the_toolbar_bookmark_button_bookmarks_the_paragraph_you_are_in(qtbot: QtBot, window: MainWindow,
                                                                        library: Library) -> None:
    window.navigate("report/opening#tutoring-in-small-groups")
    (paragraph,) = library.paragraphs("report/opening#tutoring-in-small-groups")
    click_in_paragraph(window, paragraph.id)
    qtbot.mouseClick(button(window, "bookmark"), Qt.MouseButton.LeftButton)
    assert [(a.kind, a.paragraph_id) for a in window.userdata.annotations()] == [("bookmark", paragraph.id)]


def test_the_theme_toggle_shows_its_state(qtbot: QtBot, window: MainWindow) -> None:
    toggle = button(window, "theme")
    if window.dark:                                    # the test starts from the light theme
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not toggle.isChecked()
    assert toggle.toolTip() == "Dark theme: off. Click to turn it on (Ctrl+Shift+D)"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert window.dark and toggle.isChecked()
    assert toggle.toolTip() == "Dark theme: on. Click to turn it off (Ctrl+Shift+D)"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert next(a for a in view_menu.actions() if a.text() == "Dark theme").isChecked()   # ticked there too
    # The pressed-in look is drawn in the theme's selection colour, not only the style's faint shading.
    assert theme.palette(True)["selection"] in window.toolbar.styleSheet()


def test_the_first_run_strip_teaches_three_keys_until_closed(qtbot: QtBot, library: Library, tmp_path: Path,
                                                             told: Told) -> None:
    first = make_window(qtbot, library, tmp_path)
    strip = first.keys_strip
    assert strip is not None and strip.isVisible()
    words = re.sub(r"\s+", " ", strip.label.text().replace("&nbsp;", " ").replace("<b>", "").replace("</b>", ""))
    assert "Ctrl+K search everything" in words and "Ctrl+G go to a paragraph" in words
    assert "F1 help and every shortcut" in words
    qtbot.mouseClick(strip.close_button, Qt.MouseButton.LeftButton)
    assert not strip.isVisible()
    first.close()
    second = make_window(qtbot, library, tmp_path)              # the same settings file
    assert second.keys_strip is None


def test_a_closed_strip_is_remembered_in_the_settings_file(tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert settings.get("help/keys_strip_closed") is False
    settings.set("help/keys_strip_closed", True)
    settings.store.sync()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.get("help/keys_strip_closed") is True               # "true" in the file, a bool here


def test_the_help_page_says_what_you_can_do_with_the_keys_from_the_command_table() -> None:
    text = help_html(commands.shortcut_rows(), commands.first_keys())
    for title, _ in FEATURES:
        assert f"<h3>{title}</h3>" in text
    for title in ("Bookmarks and notes", "Briefing packs", "Meeting mode", "Search everything"):
        assert title in text
    assert "Bookmark (<b>Ctrl+D</b>) or Note (<b>Ctrl+Shift+N</b>)" in text
    assert "{" not in text                                            # every key was filled in


def test_every_key_the_features_name_is_a_command_with_a_key() -> None:
    named = {name for _, words in FEATURES for name in re.findall(r"\{(\w+)\}", words)}
    assert named <= set(commands.first_keys())


def test_the_home_page_shows_the_edition_but_not_its_hash(window: MainWindow, library: Library) -> None:
    text = window.home.browser.toPlainText()
    assert "edition 0.9.0 of 15 January 2026" in text
    assert library.edition().content_hash[:8] not in text


def test_about_keeps_the_hash_for_it(library: Library) -> None:
    from explorer.ui.shell.about import about_html

    assert f"Content hash (for IT)</b></td><td>{library.edition().content_hash}" in about_html(library, None)


def test_search_results_name_an_organisations_sector_in_words(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "evaluates education programmes")
    model = window.search_view.model
    shown = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    organisation = next(text for text in shown if "Education Endowment Foundation" in text)
    assert organisation.startswith("<small>Organisation · Charity</small>")
    # Stored as the vocabulary's key, shown as its label: no "foundation-funder"-like slugs.
    assert not any(re.search(r"· [a-z]+(-[a-z]+)+</small>", text) for text in shown)
