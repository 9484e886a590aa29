"""The help page (F1): what you can do with the app, then every command with its keys, menu by
menu. Its keys and rows come from the command table (commands.first_keys and shortcut_rows), so
the page says what the menus hold."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QWidget

from explorer.ui.common.text_dialog import TextDialog

TITLE = "Help: what you can do, and the keyboard shortcuts"

# What the app is for, in the words of someone reading the report for a board. Each {name} is the
# first key of that command, filled in from the command table: no key is written here by hand.
FEATURES: tuple[tuple[str, str], ...] = (
    ("Read the report",
     "Summary and Full report, in the list on the left, open the report at its first chapter; the "
     "contents beside the text take you to any chapter. Every paragraph has a number such as "
     "§6.3 ¶4: press {goto} and type it (6.3 4 will do) to go straight there. Side by side shows the "
     "summary and the full report together."),
    ("Search everything",
     "Press {focus_search} anywhere and type: the report, its sources and the organisations it names "
     "are searched as you type. Use the arrow keys and Enter, or click a result to open it there."),
    ("Sources",
     "Every publication the report cites, with its full reference and the places that cite it. Copy "
     "a reference in Harvard or APA style for your own papers. Pointing at a citation in the text "
     "shows its source."),
    ("Organisations",
     "The organisations in the field, how they are linked (who funds, delivers or regulates whom), "
     "as a list and as a map. Pointing at an organisation's name in the text shows what it is."),
    ("Bookmarks and notes",
     "Click in a paragraph, then Bookmark ({bookmark}) or Note ({note}) on the toolbar, or right-click "
     "the paragraph. The notes panel ({notes_panel}) lists them all. They are kept on this computer "
     "and can be exported and imported from the File menu."),
    ("Briefing packs",
     "Briefing pack ({briefing}) makes a PDF for a meeting: the sections you choose, with their "
     "sources, the organisations they name and your notes, ready to print or send."),
    ("Meeting mode",
     "For a projector or a shared screen: {meeting} shows the page you are reading in large type "
     "without the rest of the window. Press {meeting} again to leave."),
    ("Comfortable reading",
     "Make the text larger or smaller on the toolbar ({zoom_in}, {zoom_out}); {theme} switches "
     "between the light and dark themes. Your place, text size and theme are kept for next time."),
)

INTRO = ("<p>To bookmark, note or cite a paragraph, click in it first, or right-click it. Which "
         "edition you are reading, and what changed in it: Help ▸ About this edition.</p>")


def features_html(first_keys: Mapping[str, str]) -> str:
    """The features part: a heading and a paragraph each, keys in bold."""
    bold = {name: f"<b>{html.escape(key)}</b>" for name, key in first_keys.items()}
    return "".join(f"<h3>{html.escape(title)}</h3><p>{html.escape(text).format_map(bold)}</p>"
                   for title, text in FEATURES)


def help_html(rows: Sequence[tuple[str, str, str]], first_keys: Mapping[str, str]) -> str:
    """The page: what you can do, then a table per menu of (keys, what they do)."""
    e = html.escape
    parts = ["<h2>What you can do</h2>", "<p>Every command and its keys are listed after this.</p>",
             features_html(first_keys),
             "<h2>Every command and its keys</h2>", INTRO]
    menu = None
    for title, keys, what in rows:
        if title != menu:
            if menu is not None:
                parts.append("</table>")
            parts.append(f"<h3>{e(title)} menu</h3><table cellspacing='0' cellpadding='3'>")
            menu = title
        shown = f"<b>{e(keys)}</b>" if keys else "(menu only)"
        parts.append(f"<tr><td width='190'>{shown}</td><td>{e(what)}</td></tr>")
    if menu is not None:
        parts.append("</table>")
    return "".join(parts)


class HelpDialog(TextDialog):
    """The help page in a dialog of its own, sized to fit the screen it opens on."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], first_keys: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(TITLE, help_html(rows, first_keys),
                         "Help: what you can do, and every command with its keys", (680, 760), parent)
        self.setObjectName("helpDialog")
        self.browser.setObjectName("helpList")
