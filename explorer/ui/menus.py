"""The menu bar: every command of the main window, with its shortcut, in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


def _action(window: QMainWindow, text: str, keys: list[str], slot: Callable[[], object], name: str,
            checkable: bool = False) -> QAction:
    act = QAction(text, window)
    act.setShortcuts([QKeySequence(k) for k in keys])
    act.setObjectName(name)
    act.setCheckable(checkable)
    act.triggered.connect(lambda _checked=False: slot())
    window.addAction(act)
    return act


def install_menus(w) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
    """Create the reader, notes, meeting and edition commands and the menu bar that lists them."""
    acts = {
        "briefing": _action(w, "Briefing pack (PDF)…", ["Ctrl+P"], w.open_briefing, "briefing"),
        "print": _action(w, "Print chapter…", ["Ctrl+Shift+P"], w.print_chapter, "print"),
        "export_notes": _action(w, "Export notes…", [], w.notes_panel_export, "exportNotes"),
        "import_notes": _action(w, "Import notes…", [], w.notes_panel_import, "importNotes"),
        "quit": _action(w, "Quit", ["Ctrl+Q"], w.close, "quit"),
        "copy_reference": _action(w, "Copy paragraph reference", ["Ctrl+Alt+C"], w.copy_reference,
                                  "copyReference"),
        "bookmark": _action(w, "Bookmark this paragraph", ["Ctrl+D"], lambda: w.annotate("bookmark"),
                            "bookmark"),
        "note": _action(w, "Add a note to this paragraph…", ["Ctrl+Shift+N"], lambda: w.annotate("note"), "note"),
        "notes_panel": _action(w, "Notes panel", ["Ctrl+Shift+B"], w.toggle_notes_panel, "notesPanel", True),
        "numbers": _action(w, "Paragraph numbers", ["Ctrl+Shift+L"], w.toggle_numbers, "numbers", True),
        "meeting": _action(w, "Meeting mode", ["F11", "Ctrl+M"], w.toggle_meeting, "meeting", True),
        "side_by_side": _action(w, "Summary and full report side by side", ["Ctrl+Shift+S"],
                                w.show_side_by_side, "sideBySide"),
        "goto": _action(w, "Go to paragraph (§6.3 ¶4)…", ["Ctrl+G"], w.focus_goto, "goto"),
        "about": _action(w, "About this edition and what changed", ["F1"], w.show_about, "about"),
    }
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    for key in ("briefing", "print", None, "export_notes", "import_notes", None, "quit"):
        file_menu.addSeparator() if key is None else file_menu.addAction(acts[key])
    read_menu = bar.addMenu("&Reader")
    for key in ("copy_reference", "bookmark", "note", None, "numbers", "notes_panel", "side_by_side", "meeting"):
        read_menu.addSeparator() if key is None else read_menu.addAction(acts[key])
    go_menu = bar.addMenu("&Go")
    for act in (w.back_action, w.forward_action, w.focus_search_action, acts["goto"]):
        go_menu.addAction(act)
    view_menu = bar.addMenu("&View")
    for act in (w.zoom_in_action, w.zoom_out_action, w.zoom_reset_action, w.theme_action):
        view_menu.addAction(act)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(acts["about"])
    return acts
