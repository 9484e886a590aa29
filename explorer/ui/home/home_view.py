"""The home page: what the pack is, its edition, and the ways in. (The edition's content hash is
for IT, in About: not here.)"""

from __future__ import annotations

import html
from typing import Any, TypeAlias

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from explorer.formats.references import accessed_text
from explorer.library.store import Edition, Library, SectionRef, TocEntry
from explorer.model.vocabulary import PHASE_LABELS
from explorer.ui.common import theme

# What the page shows, read from the library once: edition, stats, report and summary contents,
# case studies.
_Facts: TypeAlias = tuple[Edition, dict[str, Any], list[TocEntry], list[TocEntry], list[tuple[SectionRef, str]]]


class HomeView(QWidget):
    """Signals:
        open_location(str): an entry point was chosen (a section id, view:..., source:..., ...).
    """

    open_location = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None, dark: bool = False) -> None:
        super().__init__(parent)
        self.library = library
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("home")
        self.browser.setAccessibleName("Home page")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)
        self._facts: _Facts | None = None
        self.render(dark)

    # The ignore: this shadows QWidget.render(target, ...) with another signature; the main
    # window calls home.render(dark), so a rename has to change main_window.py too.
    def render(self, dark: bool) -> None:  # type: ignore[override]
        """Write the page; the library is read once, a theme change only re-colours it."""
        lib = self.library
        pack = lib.pack
        if self._facts is None:
            self._facts = (lib.edition(), lib.stats(), lib.toc("report"), lib.toc("summary"),
                           lib.case_studies())
        edition, stats, report, summary, case_studies = self._facts
        first_report = report[0].id if report else ""
        first_summary = summary[0].id if summary else ""
        e = html.escape
        chapters = "".join(f'<li><a href="{t.id}">{t.number}. {e(t.title)}</a></li>'
                           for t in report if t.level == 1)
        cases = "".join(
            f'<li><a href="{ref.id}">{e(ref.title.removeprefix("Case study: "))}</a> '
            f'<span style="color:{theme.palette(dark)["muted"]}">({e(PHASE_LABELS.get(phase, phase))})</span></li>'
            for ref, phase in case_studies)
        entry = [
            (first_summary, "Read the summary", f"{stats['summary']['words']:,} words: the whole arc in "
                                                "about fifteen minutes"),
            (first_report, "Read the full report", f"{stats['report']['chapters']} chapters, "
                                                   f"{stats['report']['words']:,} words"),
            ("view:sources", "Browse the sources", f"{stats['sources']} publications, each with "
                                                   "where it is cited"),
            ("view:stakeholders", "Explore the organisations", f"{stats['stakeholders']} organisations "
                                                              f"and {stats['links']} links between them"),
        ]
        entries = "".join(f'<p><a href="{target}"><b>{e(label)}</b></a><br>{e(detail)}</p>'
                          for target, label, detail in entry if target)
        body = f"""
        <html><head><style>{theme.reader_css(dark)}</style></head><body>
        <h1>{e(pack.get('title', ''))}</h1>
        <p><i>{e(pack.get('subtitle', ''))}</i></p>
        <p>{e(pack.get('description', ''))}</p>
        <p class="nav">Commissioned by {e(pack.get('commissioned_by', ''))} ·
        edition {e(edition.version)} of {e(accessed_text(edition.date))}</p>
        {entries}
        <h2>Chapters</h2><ol style="margin-left:0">{chapters}</ol>
        <h2>Case studies</h2><ul>{cases}</ul>
        <p class="nav">Press Ctrl+K to search from anywhere; Alt+Left and Alt+Right go back and
        forward; F1 shows help and every shortcut.</p>
        </body></html>"""
        self.browser.setHtml(body)

    @Slot(QUrl)
    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        self.open_location.emit(url.toString())
