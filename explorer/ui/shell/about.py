"""About this edition, and what changed in it since you last opened the app."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import QWidget

import explorer
from explorer.formats.references import accessed_text
from explorer.library.diff import EditionDiff
from explorer.library.store import Library
from explorer.ui.common.text_dialog import TextDialog


def about_html(library: Library, changes: EditionDiff | None) -> str:
    e = html.escape
    edition = library.edition()
    pack = library.pack
    parts = [f"<h2>{e(pack.get('title', ''))}</h2>",
             f"<p>{e(pack.get('subtitle', ''))}</p>",
             "<table>",
             f"<tr><td><b>Edition</b></td><td>{e(edition.version)} of {e(accessed_text(edition.date))}</td></tr>",
             # The one place the hash is shown: IT compares it with the release's stamp.
             f"<tr><td><b>Content hash (for IT)</b></td><td>{e(edition.content_hash)}</td></tr>",
             f"<tr><td><b>Commissioned by</b></td><td>{e(pack.get('commissioned_by', ''))}</td></tr>",
             f"<tr><td><b>Licence</b></td><td>{e(pack.get('licence', ''))}</td></tr>",
             f"<tr><td><b>App</b></td><td>Report Explorer {e(explorer.__version__)}</td></tr>",
             "</table>", "<h3>What changed in this edition</h3>"]
    if changes is None:
        parts.append("<p>This is the first edition opened on this computer.</p>")
    elif changes.unchanged:
        parts.append("<p>Nothing changed since the edition you last opened.</p>")
    else:
        parts.append(f"<p>Since edition {e(changes.old['version'])} ({e(changes.old['date'])}):</p>")
        for label, items, linked in (("Sections added", changes.sections_added, True),
                                     ("Sections changed", changes.sections_changed, True),
                                     ("Sections removed", changes.sections_removed, False),
                                     ("Sources added", changes.sources_added, False),
                                     ("Sources removed", changes.sources_removed, False),
                                     ("Organisations added", changes.stakeholders_added, False),
                                     ("Organisations removed", changes.stakeholders_removed, False)):
            if not items:
                continue
            rows = "".join(f'<li><a href="{e(c.id)}">{e(c.title)}</a></li>' if linked else f"<li>{e(c.title)}</li>"
                           for c in items)
            parts.append(f"<p><b>{label} ({len(items)})</b></p><ul>{rows}</ul>")
    return "".join(parts)


class AboutDialog(TextDialog):
    """Signals:
        open_location(str): a changed section was chosen.
    """

    open_location = Signal(str)

    def __init__(self, library: Library, changes: EditionDiff | None, parent: QWidget | None = None) -> None:
        super().__init__("About this edition", about_html(library, changes), "About this edition", (620, 520),
                         parent)
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)

    @Slot(QUrl)
    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        self.open_location.emit(url.toString())
        self.accept()
