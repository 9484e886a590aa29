"""`make screenshots`: render every main view of the real library offscreen to PNG files."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.library.store import Library

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str = "docs/screenshots") -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer import paths
    from explorer.library.store import Library
    from explorer.ui.common.messages import Messages
    from explorer.ui.shell.main_window import MainWindow
    from explorer.ui.shell.settings import Settings
    from explorer.userdata.store import UserData

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The ignore: a deliberate stand-in, so no question box stops the run.
    Messages.ask = classmethod(lambda cls, *a: False)  # type: ignore[method-assign,assignment]
    scratch = Path(tempfile.mkdtemp(prefix="screenshots-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("theme", "light")
    window = MainWindow(Library(paths.default_library_dir()), UserData(scratch / "user.sqlite"), settings)
    window.resize(1400, 860)
    window.show()

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")

    shot("home")
    window.navigate("report/early-years#case-study-nuffield-early-language-intervention")
    shot("reader")
    window.search_box.setText("tutoring")
    window.searching.on_box_edited("tutoring")
    deadline = time.monotonic() + 10
    while not window.search_view.model.rowCount() and time.monotonic() < deadline:
        settle(0.05)
    shot("search")
    window.navigate("source:eef-neli-efficacy")
    shot("source-card")
    window.navigate("stakeholder:eef")
    window.stakeholders.tabs.setCurrentIndex(0)
    shot("stakeholder-matrix")
    window.stakeholders.tabs.setCurrentIndex(1)
    shot("network")
    window.navigate("summary/early-years-in-brief")
    window.toggle_theme()
    shot("dark-summary")
    window.toggle_theme()

    # Issue 6 views: notes panel, meeting mode, side by side, a briefing pack's first page.
    library = window.library
    userdata = window.userdata
    assert userdata is not None  # the window was given user data above
    for paragraph in library.chapter_paragraphs("report/early-years")[2:4]:
        userdata.add_annotation("note", paragraph.id, paragraph.section_id, paragraph.text,
                                "Ask the board whether we fund take-up work here.")
    notes_panel = window.notes_panel  # made on first use, from that user data
    assert notes_panel is not None
    notes_panel.refresh()
    window.paragraphs.refresh_marks()
    window.navigate("report/early-years")
    window.notes_dock.show()
    shot("notes-panel")
    window.notes_dock.hide()
    window.toggle_meeting()
    window.meeting.goto_box.setText("§6.2 ¶1")
    window.paragraphs.on_goto_return()
    shot("meeting-mode")
    window.toggle_meeting()
    window.navigate("summary/early-years-in-brief")
    window.router.show_side_by_side()
    shot("side-by-side")
    _briefing_first_page(library, out / "briefing-pack.png")
    window.close()
    return 0


def _briefing_first_page(library: Library, path: Path) -> None:
    """Export the early-years briefing pack and save its first page as a picture (pdftoppm)."""
    import shutil
    import subprocess

    from explorer.formats.briefing import BriefingRequest
    from explorer.ui.briefing.briefing_dialog import export_pdf

    sections = tuple(p.id for p in library.chapter_sections("report/early-years"))
    request = BriefingRequest(section_ids=sections, source_keys=(), stakeholder_keys=("eef",),
                              include_notes=False, title="Early years")
    pdf = path.with_suffix(".pdf")
    export_pdf(library, request, pdf, None)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(path.with_suffix(""))], check=True)
        print(f"wrote {path}")
    else:
        print("pdftoppm not found (apt-get install poppler-utils): briefing-pack.png not refreshed")
    pdf.unlink()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
