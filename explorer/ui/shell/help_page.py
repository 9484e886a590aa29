"""The help page (F1): how to get about, then every command with its keys, menu by menu. Its rows
come from the command table (commands.shortcut_rows), so it lists what the menus hold."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from explorer.ui.common import screen_fit

TITLE = "Help: commands and keyboard shortcuts"

# No keys here: the tables below are the one place they are written (from the command table).
INTRO = (
    "<p>Choose a view in the list on the left. The search box at the top searches the report, its "
    "sources and the organisations it mentions.</p>"
    "<p>To bookmark, note or cite a paragraph, click in it and use the Reader menu or its keys, or "
    "right-click the paragraph. Pointing at a link to a source, an organisation or a term shows a "
    "summary of it.</p>"
    "<p>Which edition you are reading, and what changed in it: Help ▸ About this edition.</p>"
)


def help_html(rows: Sequence[tuple[str, str, str]]) -> str:
    """The page: the introduction, then a table per menu of (keys, what they do)."""
    e = html.escape
    parts = [f"<h2>{e(TITLE)}</h2>", INTRO]
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


class HelpDialog(QDialog):
    """The help page in a dialog of its own, sized to fit the screen it opens on."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(TITLE)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpList")
        self.browser.setAccessibleName("Commands and keyboard shortcuts")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        screen_fit.fit_dialog(self, 640, 720)
