"""The self-test's walk through the real window: every page, every dialog, one link of each kind.

It drives the same `MainWindow` people use, offscreen, with throw-away user data and settings: it
clicks links with the mouse, answers each dialog as a person would (typing into it, choosing a
file, or cancelling) and checks what each step shows. A step that raises, shows a dialog nobody
asked for, or leaves an uncaught exception behind fails with the step's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextBrowser, QWidget

from explorer.library.store import Library
from explorer.ui.reader.note_editor import NoteEditor
from explorer.ui.selftest.walk_tools import (
    NOTE_TEXT,
    DialogAnswerer,
    StepFailed,
    Trail,
    anchors,
    choose_file,
    click_link,
    has_ink,
    is_message,
    problems,
    read_back_pdf,
    wait_until,
    words,
)


# The walk -------------------------------------------------------------------------------------
class Walk:
    """One walk through the window; `run()` returns a note per step."""

    def __init__(self, library: Library, folder: Path) -> None:
        from explorer.ui.shell.main_window import MainWindow
        from explorer.ui.shell.settings import Settings
        from explorer.userdata.store import UserData

        self.library = library
        self.folder = folder
        self.trail = Trail()
        self.answerer = DialogAnswerer(self.trail)
        self.userdata = UserData(folder / "userdata.sqlite", backup=False)
        settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        self.window = MainWindow(library, self.userdata, settings)
        self.title = library.edition().title

    # Page checks ------------------------------------------------------------------------------
    def showing(self, key: str) -> QWidget:
        page = self.window.pages.views.get(key)
        if page is None or self.window.stack.currentWidget() is not page:
            current = self.window.stack.currentWidget()
            raise StepFailed(f"the {key} page is not shown ({type(current).__name__} is)")
        return page

    def drawn(self, widget: QWidget, name: str) -> None:
        if not has_ink(widget):
            raise StepFailed(f"the {name} rendered blank")

    def shows_text(self, browser: QTextBrowser, text: str, name: str) -> None:
        if words(text) not in words(browser.toPlainText()):
            raise StepFailed(f"the {name} does not show “{text}”")

    # Steps --------------------------------------------------------------------------------------
    def step_window(self) -> str:
        w = self.window
        screen = QApplication.primaryScreen().availableGeometry()
        w.resize(min(1366, screen.width()), min(740, screen.height()))
        w.show()
        wait_until(lambda: w._painted and w.pages.is_built("report") and w.pages.is_built("search"),
                   "the first paint and the views built after it")
        return f"window {w.width()}×{w.height()}"

    def step_home(self) -> str:
        self.window.navigate("view:home")
        home = self.showing("home")
        self.shows_text(self.window.home.browser, self.title, "home page")
        self.drawn(home, "home page")
        return "home"

    def reader_step(self, key: str) -> str:
        self.window.router.show_page(key)
        reader = self.showing(key)
        first = self.library.toc(key)[0]
        self.shows_text(self.window.reader.browser, first.title, f"{key} reader")
        if self.window.reader.document != key:
            raise StepFailed(f"the reader shows the {self.window.reader.document}, not the {key}")
        self.drawn(reader, key)
        return key

    def step_summary(self) -> str:
        return self.reader_step("summary")

    def step_report(self) -> str:
        return self.reader_step("report")

    def _report_page_with(self, prefix: str) -> None:
        for entry in self.library.toc("report"):
            if f'href="{prefix}' in self.library.section(entry.id).html:
                self.window.navigate(entry.id)
                return
        raise StepFailed(f"no report section has a '{prefix}' link")

    def _follow(self, prefix: str, page: str, name: str, shows: Callable[[str], str]) -> str:
        """Click the first `prefix` link of a report section; its page must show `shows(key)`
        on its card. Returns the link."""
        self._report_page_with(prefix)
        href = click_link(self.window.reader.browser, prefix)
        wait_until(lambda: self.window.stack.currentWidget() is self.window.pages.views.get(page),
                   f"the {name} after clicking {href}")
        view = self.window.pages.views[page]
        # Both card pages (sources, organisations) have a `card` browser.
        self.shows_text(view.card, shows(href.removeprefix(prefix)), name)  # type: ignore[attr-defined]
        self.drawn(view, f"{page} page")
        return href

    def step_citation(self) -> str:
        href = self._follow("source:", "sources", "source card", lambda key: self.library.source(key).title)
        return f"citation → {href}"

    def step_back(self) -> str:
        self.window.actions_by_name["back"].trigger()
        self.showing("report")
        return "back"

    def step_mention(self) -> str:
        href = self._follow("stakeholder:", "stakeholders", "organisation card",
                            lambda key: self.library.stakeholder(key).name)
        return f"mention → {href}"

    def step_organisations(self) -> str:
        view = self.window.stakeholders
        self.window.router.show_page("stakeholders")
        self.showing("stakeholders")
        for index in range(view.tabs.count()):
            view.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            self.drawn(view.tabs.currentWidget(), f"organisations tab '{view.tabs.tabText(index)}'")
        return f"organisations ({view.tabs.count()} tabs)"

    def step_glossary(self) -> str:
        self._report_page_with("glossary:")
        term = next(anchors(self.window.reader.browser, "glossary:"))[0].removeprefix("glossary:")
        entry = next(e for e in self.library.glossary() if e.term == term)
        shown: list[str] = []

        def answer(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)  # is_message matches message boxes only
            shown.append(box.text())
            box.accept()

        self.answerer.expect("glossary definition", is_message("Glossary"), answer)
        click_link(self.window.reader.browser, "glossary:")
        wait_until(lambda: shown, f"the definition of '{term}'")
        if words(entry.definition)[:60] not in words(re.sub(r"<[^>]+>", " ", shown[0])):
            raise StepFailed(f"the glossary box for '{term}' does not give its definition")
        return f"glossary → {term}"

    def step_external_address(self) -> str:
        source = next((s for s in self.library.sources() if s.url.startswith("https://")), None)
        if source is None:
            raise StepFailed("no source has a web address")
        self.window.navigate(f"source:{source.key}")
        asked: list[str] = []

        def cancel(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)  # is_message matches message boxes only
            asked.append(box.text())
            button = box.button(QMessageBox.StandardButton.Cancel)
            assert button is not None  # the question is asked with a Cancel button
            button.click()

        self.answerer.expect("open-in-browser question", is_message("Open in your browser?"), cancel)
        href = click_link(self.window.sources.card, "https://")
        wait_until(lambda: asked, f"the question before opening {href}")
        QApplication.processEvents()
        if self.trail.browsed:
            raise StepFailed(f"opened {self.trail.browsed[0]} although the question was cancelled")
        return "external address → asked, not opened"

    def step_search(self) -> str:
        w = self.window
        w.actions_by_name["focus_search"].trigger()
        w.search_box.setText("tutoring")
        w.searching.on_box_edited("tutoring")
        view = w.search_view
        wait_until(lambda: view.model.rowCount() > 0, "search results for 'tutoring'")
        hits = view.model.hits
        row = next((i for i, hit in enumerate(hits) if hit.kind == "report"), None)
        if row is None:
            raise StepFailed("no report section among the hits for 'tutoring'")
        view.list.setCurrentIndex(view.model.index(row, 0))
        self.drawn(view, "search page")
        w.searching.on_box_return()
        wait_until(lambda: w.stack.currentWidget() is w.pages.views["report"], "the hit to open in the reader")
        if not w.reader.highlight_count:
            raise StepFailed("the reader opened the hit without marking the words searched for")
        return f"search → {hits[row].id} ({w.reader.highlight_count} words marked)"

    def step_side_by_side(self) -> str:
        from explorer.ui.reader.side_by_side import SideBySideView  # the page is made on first use

        self.window.actions_by_name["side_by_side"].trigger()
        side = self.showing("side")
        assert isinstance(side, SideBySideView)  # the "side" page is always one
        for pane, name in ((side.summary, "summary pane"), (side.full, "full report pane")):
            if not pane.browser.toPlainText().strip():
                raise StepFailed(f"the {name} of side by side is empty")
        self.drawn(side, "side by side")
        return "side by side"

    def step_notes_panel(self) -> str:
        self.window.actions_by_name["notes_panel"].trigger()
        wait_until(lambda: self.window.notes_dock.isVisible(), "the notes panel")
        if self.window.notes_panel is None:
            raise StepFailed("the notes panel was not built")
        return "notes panel"

    def step_note(self) -> str:
        paragraph = self.library.paragraphs(self.library.toc("report")[0].id)[0]
        self.window.paragraphs.go_to_paragraph_id(paragraph.id)

        def write(dialog: QWidget) -> None:
            assert isinstance(dialog, NoteEditor)
            assert paragraph.label in dialog.reference.text(), "the note editor does not say where"
            dialog.editor.setPlainText(NOTE_TEXT)
            dialog.accept()

        self.answerer.expect("note", lambda d: isinstance(d, NoteEditor), write)
        self.window.actions_by_name["note"].trigger()
        saved = [a for a in self.userdata.annotations() if a.body == NOTE_TEXT]
        if not saved or saved[0].paragraph_id != paragraph.id:
            raise StepFailed(f"the note was not saved at {paragraph.label}")
        panel = self.window.notes_panel
        if panel is None or NOTE_TEXT not in "\n".join(panel.list.item(i).text() for i in range(panel.list.count())):
            raise StepFailed("the notes panel does not list the new note")
        return f"note at {paragraph.label}"

    def step_go_to(self) -> str:
        paragraphs = self.library.paragraphs(self.library.toc("report")[-1].id)
        target = paragraphs[-1]
        self.window.actions_by_name["goto"].trigger()
        box = self.window.meeting.goto_box
        wait_until(box.isVisible, "the Go to box", seconds=2)
        box.setText(target.label)
        self.window.paragraphs.on_goto_return()
        current = self.window.reader.current_paragraph()
        if current is None or current.id != target.id:
            raise StepFailed(f"Go to {target.label} landed on {current.label if current else 'nothing'}")
        return f"go to {target.label}"

    def step_meeting(self) -> str:
        w = self.window
        w.actions_by_name["meeting"].trigger()
        wait_until(w.isFullScreen, "meeting mode full screen")
        w.actions_by_name["focus_search"].trigger()
        overlay = w.meeting.overlay
        overlay.edit.setText("tutoring")
        overlay.on_edit_edited("tutoring")
        wait_until(lambda: overlay.model.rowCount() > 0, "the meeting's search results for 'tutoring'")
        self.drawn(overlay, "meeting search")
        rows = [i for i, hit in enumerate(overlay.model.hits) if hit.kind == "report"]
        if not rows or w.stack.currentWidget() is not w.reader:
            raise StepFailed("the meeting's search left the page or found no section")
        overlay.on_list_activated(overlay.model.index(rows[0], 0))
        w.meeting.on_escape()
        wait_until(lambda: not w.isFullScreen() and w.menuBar().isVisible(), "the window back from meeting mode")
        return f"meeting → {w.reader.current_section}"

    def _dialog_text(self, name: str, matches: Callable[[QWidget], bool], action: str) -> str:
        """Trigger `action`, read the text of the dialog it opens, close it."""
        return self.answerer.read_text(name, matches, self.window.actions_by_name[action].trigger)

    def step_about(self) -> str:
        version = self.library.edition().version
        if version not in self._dialog_text("about", lambda d: d.windowTitle() == "About this edition", "about"):
            raise StepFailed(f"About does not name edition {version}")
        return "about"

    def step_help(self) -> str:
        text = self._dialog_text("help", lambda d: d.objectName() == "helpDialog", "help")
        native = QKeySequence.SequenceFormat.NativeText      # as the help page writes keys
        search_keys = self.window.actions_by_name["focus_search"].shortcut().toString(native)
        if search_keys not in text:
            raise StepFailed(f"the help page does not list the search shortcut {search_keys}")
        return f"help ({search_keys} listed)"

    def step_reading_settings(self) -> str:
        from explorer.ui.shell.reading_settings import ReadingSettingsDialog  # the window imports it when asked too

        def widen(dialog: QWidget) -> None:
            assert isinstance(dialog, ReadingSettingsDialog)  # the only widget named readingSettings
            dialog.column.setCurrentIndex(dialog.column.findData("wide"))
            dialog.accept()

        self.answerer.expect("reading settings", lambda d: d.objectName() == "readingSettings", widen)
        self.window.actions_by_name["reading_settings"].trigger()
        if self.window.settings.get("reading/column") != "wide":
            raise StepFailed("the reading settings did not keep the column width chosen")
        return "reading settings (wide column)"

    def step_export(self) -> str:
        target = self.folder / "sources.bib"
        self.answerer.expect("export file", lambda d: isinstance(d, QFileDialog), choose_file(target))
        written = self.window.sources.export("all", "bibtex")
        if written is None or not target.is_file():
            raise StepFailed("the sources export wrote nothing")
        entries = target.read_text(encoding="utf-8").count("\n@")
        if entries + 1 < len(self.library.sources()):
            raise StepFailed(f"the BibTeX export holds {entries + 1} entries, not {len(self.library.sources())}")
        return f"export ({len(self.library.sources())} sources, BibTeX)"

    def step_briefing(self) -> str:
        target = self.folder / "briefing.pdf"
        chapter = self.library.toc("report")[0].id
        told: list[str] = []

        from explorer.ui.briefing.briefing_dialog import BriefingDialog  # the window imports it when asked too

        def choose(dialog: QWidget) -> None:
            assert isinstance(dialog, BriefingDialog)  # the only widget named briefingDialog
            dialog.select_chapter(chapter)
            QTimer.singleShot(0, dialog.on_export_clicked)

        def saved(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)  # is_message matches message boxes only
            told.append(box.text())
            box.accept()

        self.answerer.expect("briefing pack", lambda d: d.objectName() == "briefingDialog", choose)
        self.answerer.expect("briefing file", lambda d: isinstance(d, QFileDialog), choose_file(target))
        self.answerer.expect("briefing saved", is_message("Briefing pack saved"), saved)
        self.window.actions_by_name["briefing"].trigger()
        wait_until(lambda: told, "the briefing pack to be written")
        # The file dialog keeps the suggested name (its folder loads after our answer and selects
        # that name again); the folder is ours, so read back whatever file the app says it wrote.
        said = re.fullmatch(r"Saved (\d+) pages to (.+)\.", told[0])
        if said is None or Path(said[2]).parent != self.folder:
            raise StepFailed(f"the app said “{told[0]}”, not that it saved a file in {self.folder}")
        pages = read_back_pdf(Path(said[2]))
        if int(said[1]) != pages:
            raise StepFailed(f"the app said “{told[0]}”, the file has {pages} pages")
        return f"briefing pack ({pages} pages, read back)"

    def step_close(self) -> str:
        self.window.close()
        QApplication.processEvents()
        return "closed"

    STEPS: tuple[tuple[str, str], ...] = (
        ("window", "step_window"), ("home", "step_home"), ("summary", "step_summary"),
        ("full report", "step_report"), ("citation link", "step_citation"), ("back", "step_back"),
        ("organisation link", "step_mention"), ("organisations", "step_organisations"),
        ("glossary link", "step_glossary"), ("external address", "step_external_address"),
        ("search", "step_search"), ("side by side", "step_side_by_side"),
        ("notes panel", "step_notes_panel"), ("note dialog", "step_note"), ("go to", "step_go_to"),
        ("meeting mode", "step_meeting"), ("about dialog", "step_about"), ("help page", "step_help"),
        ("reading settings", "step_reading_settings"), ("export dialog", "step_export"),
        ("briefing pack", "step_briefing"), ("close", "step_close"),
    )

    def run(self) -> list[str]:
        """Every step in order.

        Raises:
            StepFailed: the first step that failed, by name, with what went wrong.
        """
        notes = []
        for name, method in self.STEPS:
            try:
                notes.append(getattr(self, method)())
            except StepFailed as exc:
                raise StepFailed(f"{name}: {exc}") from None
            except Exception as exc:
                raise StepFailed(f"{name}: {type(exc).__name__}: {exc}") from exc
            QApplication.processEvents()
            found = problems(self.trail)
            if found:
                raise StepFailed(f"{name}: {found[0]}")
            waiting = [e.name for e in self.answerer.expected]
            if waiting:
                raise StepFailed(f"{name}: the {waiting[0]} dialog never opened")
        return notes

    def close(self) -> None:
        self.answerer.timer.stop()
        self.window.position_timer.stop()    # its user data closes below
        self.window.search_service.stop()
        self.window.deleteLater()
        self.userdata.close()
        QApplication.processEvents()
