"""Every command of the main window, declared once: its name, words, shortcuts and where it
appears. The actions, the menu bar, the toolbar, the reader's context menu and the help page's
list of commands are all made from COMMANDS, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton

from explorer.model.location import PAGES
from explorer.ui.common import icons, theme
from explorer.ui.shell import reading_settings, window_dialogs

if TYPE_CHECKING:
    from explorer.ui.shell.main_window import MainWindow


class Command(NamedTuple):
    """One command. `menu` is the menu it is listed in ("" for none); `toolbar` puts it there;
    `context` puts it in the menu a right-click on a paragraph of the reader opens."""

    name: str
    text: str
    keys: tuple[str, ...]
    run: Callable[[MainWindow], object]
    menu: str = ""
    toolbar: bool = False
    checkable: bool = False
    help: str = ""
    context: bool = False


def _page(key: str) -> Callable[[MainWindow], object]:
    return lambda w: w.router.show_page(key)


SEPARATOR = "-"
MENUS = ("&File", "&Reader", "&Go", "&View", "&Help")
COMMANDS: tuple[Command, ...] = (
    Command("back", "Back", ("Alt+Left",), lambda w: w.router.go_back(), "&Go", toolbar=True,
            help="Go back (also the mouse's back button)"),
    Command("forward", "Forward", ("Alt+Right",), lambda w: w.router.go_forward(), "&Go", toolbar=True,
            help="Go forward (also the mouse's forward button)"),
    Command("focus_search", "Search", ("Ctrl+K", "Ctrl+F"), lambda w: w.searching.focus(), "&Go",
            help="Search everything"),
    Command("goto", "Go to paragraph (§6.3 ¶4)…", ("Ctrl+G",), lambda w: w.paragraphs.focus_goto(), "&Go"),
    *(Command(f"page-{key}", f"{label}", (f"Ctrl+{n}",), _page(key), "&Go", help=f"Show the {label} page")
      for n, (key, label) in enumerate(PAGES, 1)),
    Command("briefing", "Briefing pack (PDF)…", ("Ctrl+P",), lambda w: window_dialogs.open_briefing(w), "&File",
            toolbar=True, help="Make a briefing pack: chosen sections, sources and notes as a PDF"),
    Command("print", "Print chapter…", ("Ctrl+Shift+P",), lambda w: window_dialogs.print_chapter(w), "&File"),
    Command("export_notes", "Export notes…", (), lambda w: w.paragraphs.export_notes(), "&File"),
    Command("import_notes", "Import notes…", (), lambda w: w.paragraphs.import_notes(), "&File"),
    Command("quit", "Quit", ("Ctrl+Q",), lambda w: w.close(), "&File"),
    Command("copy_reference", "Copy paragraph reference", ("Ctrl+Alt+C",),
            lambda w: w.paragraphs.copy_reference(), "&Reader", context=True),
    Command("bookmark", "Bookmark this paragraph", ("Ctrl+D",), lambda w: w.paragraphs.annotate("bookmark"),
            "&Reader", toolbar=True, context=True),
    Command("note", "Add a note to this paragraph…", ("Ctrl+Shift+N",), lambda w: w.paragraphs.annotate("note"),
            "&Reader", toolbar=True, context=True),
    Command("numbers", "Paragraph numbers", ("Ctrl+Shift+L",), lambda w: w.paragraphs.toggle_numbers(), "&Reader",
            checkable=True),
    Command("notes_panel", "Notes panel", ("Ctrl+Shift+B",), lambda w: w.paragraphs.toggle_panel(), "&Reader",
            checkable=True),
    Command("side_by_side", "Summary and full report side by side", ("Ctrl+Shift+S",),
            lambda w: w.router.show_side_by_side(), "&Reader"),
    Command("meeting", "Meeting mode", ("F11", "Ctrl+M"), lambda w: w.toggle_meeting(), "&Reader",
            checkable=True),
    Command("zoom_out", "Smaller text", ("Ctrl+-",), lambda w: w.zoom(-1), "&View", toolbar=True),
    Command("zoom_reset", "Normal text size", ("Ctrl+0",), lambda w: w.zoom(-w.zoom_steps), "&View", toolbar=True),
    Command("zoom_in", "Larger text", ("Ctrl++", "Ctrl+="), lambda w: w.zoom(1), "&View", toolbar=True),
    Command("reading_settings", "Reading settings…", (), lambda w: reading_settings.show(w), "&View",
            help="Text size, line spacing, column width and theme"),
    Command("theme", "Dark theme", ("Ctrl+Shift+D",), lambda w: w.toggle_theme(), "&View", toolbar=True,
            checkable=True),
    Command("help", "Help and keyboard shortcuts", ("F1", "Ctrl+/"), lambda w: show_help(w), "&Help",
            toolbar=True, help="What you can do, and every command with its keys"),
    Command("about", "About this edition and what changed", (), lambda w: window_dialogs.show_about(w), "&Help"),
)
# Where separators go in each menu: after these commands.
SEPARATE_AFTER = frozenset({"print", "import_notes", "note", "goto"})


# The toolbar's groups, left to right: reading comes before making a pack.
TOOLBAR_ORDER = ("&Go", "&Reader", "&File", "&View", "&Help")
# Shown beside their icons on the toolbar: the commands people look for by name. The others are
# icons alone, their words and keys in the tooltip.
TOOLBAR_WORDS = {"bookmark": "Bookmark", "note": "Note", "briefing": "Briefing pack"}


def tooltip(command: Command, checked: bool = False) -> str:
    """What pointing at a command says: what it does and its key; a toggle says whether it is on
    and what a click will do, since a pressed-in button alone is easy to miss."""
    what = (command.help or command.text).rstrip("…")
    key = f" ({key_text(command.keys[0])})" if command.keys else ""
    if command.checkable:
        return f"{what}: {'on' if checked else 'off'}. Click to turn it {'off' if checked else 'on'}{key}"
    return f"{what}{key}"


def make_actions(window: MainWindow) -> dict[str, QAction]:
    """One QAction per command, added to the window so its shortcuts work everywhere in it."""
    actions = {}
    for command in COMMANDS:
        action = QAction(icons.icon(command.name), command.text, window)
        action.setObjectName(command.name)
        action.setShortcuts([QKeySequence(k) for k in command.keys])
        action.setCheckable(command.checkable)
        action.setIconText(TOOLBAR_WORDS.get(command.name, command.text.rstrip("…")))
        # A context menu that shows the keys teaches them (some platforms hide them there).
        action.setShortcutVisibleInContextMenu(command.context)
        action.setToolTip(tooltip(command))
        if command.checkable:
            action.toggled.connect(lambda checked, a=action, c=command: a.setToolTip(tooltip(c, checked)))
        action.triggered.connect(lambda _checked=False, run=command.run: run(window))
        window.addAction(action)
        actions[command.name] = action
    return actions


def fill_menus(window: MainWindow, actions: dict[str, QAction]) -> None:
    bar = window.menuBar()
    for title in MENUS:
        menu = bar.addMenu(title)
        for command in (c for c in COMMANDS if c.menu == title):
            menu.addAction(actions[command.name])
            if command.name in SEPARATE_AFTER:
                menu.addSeparator()


def fill_toolbar(window: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    """The toolbar's commands grouped by menu, in TOOLBAR_ORDER, with the search and go-to boxes
    after the Go group: back and forward; bookmark and note; the briefing pack; text size and
    theme; help."""
    toolbar = window.addToolBar("Navigation")
    toolbar.setObjectName("navigation")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    style_toolbar(toolbar, window.dark)
    group = ""
    for command in sorted((c for c in COMMANDS if c.toolbar), key=lambda c: TOOLBAR_ORDER.index(c.menu)):
        if group and command.menu != group:
            toolbar.addSeparator()
        if group == "&Go" != command.menu:
            toolbar.addWidget(window.search_box)
            window.meeting.goto_action = toolbar.addWidget(window.meeting.goto_box)
            window.meeting.set_goto_visible(False)
            toolbar.addSeparator()
        group = command.menu
        toolbar.addAction(actions[command.name])
        button = toolbar.widgetForAction(actions[command.name])
        if isinstance(button, QToolButton):
            button.setAccessibleName(command.text.rstrip("…"))
            if command.name in TOOLBAR_WORDS:
                button.setProperty("toolButtonStyle", icons.TEXT_BESIDE_ICON)
    return toolbar


def style_toolbar(toolbar: QToolBar, dark: bool) -> None:
    """A toggle that is on (the dark theme) is drawn in the selection colour, plain to see. Named
    colours, set again for each theme: a style sheet's palette(...) keeps the colours it first saw."""
    toolbar.setStyleSheet(theme.toolbar_style(dark))


def context_actions(actions: dict[str, QAction]) -> list[QAction]:
    """The actions of the reader's paragraph menu: the window's own, so text and keys match."""
    return [actions[c.name] for c in COMMANDS if c.context]


def key_text(key: str) -> str:
    """A shortcut as this platform writes it (Ctrl+K here, ⌘K on a Mac)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, keys, what it does) for every command, in menu order: the help page's list."""
    return [(title.replace("&", ""), " or ".join(key_text(k) for k in c.keys),
             (c.help or c.text).rstrip("…").replace("&", ""))
            for title in MENUS for c in COMMANDS if c.menu == title]


# The first-run strip's three keys, and what each does, in its words.
STRIP_KEYS = (("focus_search", "search everything"), ("goto", "go to a paragraph"),
              ("help", "help and every shortcut"))


def first_keys() -> dict[str, str]:
    """Each command's first key as this platform writes it, by command name."""
    return {c.name: key_text(c.keys[0]) for c in COMMANDS if c.keys}


def strip_keys() -> list[tuple[str, str]]:
    """(key, what it does) for the first-run strip."""
    keys = first_keys()
    return [(keys[name], what) for name, what in STRIP_KEYS]


def show_help(window: MainWindow) -> None:
    from explorer.ui.shell.help_page import HelpDialog

    HelpDialog(shortcut_rows(), first_keys(), window).exec()
