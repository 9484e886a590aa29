"""The main window: sidebar, views, the search box, history, theme and zoom."""

from __future__ import annotations

import contextlib
import html
from typing import TYPE_CHECKING

# Qt (the namespace) is imported where it is used: its first import builds about a hundred
# Python enums, 15-20 ms that the window's first paint need not wait for.
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from explorer import paths
from explorer.errors import ExplorerError, LibraryError
from explorer.library import Library
from explorer.ui import theme
from explorer.ui.home_view import HomeView
from explorer.ui.meeting_mode import MeetingMode
from explorer.ui.menus import install_menus
from explorer.ui.messages import Messages
from explorer.ui.settings import Settings
from explorer.ui.workers import SearchService
from explorer.userdata import UserData, UserDataError

if TYPE_CHECKING:
    from explorer.diff import EditionDiff
    from explorer.search import SearchResults
    from explorer.ui.notes_panel import NotesPanel
    from explorer.ui.reader_view import ReaderView
    from explorer.ui.search_view import SearchView

PAGES = (("home", "Home"), ("summary", "Summary"), ("report", "Full report"), ("search", "Search"),
         ("sources", "Sources"), ("stakeholders", "Organisations"), ("side", "Side by side"))
SEARCH_DELAY_MS = 120
# Views other than the home page are built the first time they are needed: the window paints
# sooner without them. Their modules are imported by plain `from ... import` statements inside
# `_make_page`, never by name, so PyInstaller sees every one. The reader and search views (and
# the notes panel) are then built in the idle moments just after the first paint, so they are
# ready before anyone asks for them.
PREPARED_AFTER_PAINT = ("search", "report", "notes")


class MainWindow(QMainWindow):
    """Signals:
        first_painted(): the window has painted once (start-up measurement).
    """

    first_painted = Signal()

    def __init__(self, library: Library, userdata: UserData | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.library = library
        self.userdata = userdata
        self.settings = settings or Settings()
        self.history: list[str] = []
        self.history_index = -1
        self.current_location = ""
        self.zoom_steps = 0
        self._painted = False
        self.setWindowTitle(f"{library.pack.get('title', 'Report')} · Report Explorer")
        self.setObjectName("mainWindow")
        self._changes: EditionDiff | None = None
        self._edition_noted = False
        self._notes_panel: NotesPanel | None = None
        self._notes_dock: QDockWidget | None = None
        self._jump_to_best = False
        self.dark = self._theme_is_dark()
        theme.apply(QApplication.instance(), self.dark)  # type: ignore[arg-type]
        self._build()
        self._build_actions()
        self.actions_by_name = install_menus(self)
        self.meeting = MeetingMode(self)
        self._connect_signals()
        self.theme_action.setChecked(self.dark)
        self._restore()

    # Construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.home = HomeView(self.library, self, dark=self.dark)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {"home": self.home}
        self.stack.addWidget(self.home)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Views")
        for _, label in PAGES:
            self.sidebar.addItem(label)
        self.sidebar.setFixedWidth(150)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search")
        self.search_box.setPlaceholderText("Search the report, sources and organisations (Ctrl+K)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(420)
        self.search_box.installEventFilter(self)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_service = SearchService(self.library.index_path, self)
        # Save the reading position shortly after it changes, so a crash loses at most a moment.
        self.position_timer = QTimer(self)
        self.position_timer.setSingleShot(True)
        self.position_timer.setInterval(1500)

    def _build_actions(self) -> None:
        toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)

        def action(text: str, keys: list[QKeySequence | str], slot, name: str) -> QAction:  # type: ignore[no-untyped-def]
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setObjectName(name)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.back_action = action("◀ Back", ["Alt+Left"], self.go_back, "back")
        self.forward_action = action("Forward ▶", ["Alt+Right"],
                                     self.go_forward, "forward")
        self.focus_search_action = action("Search", ["Ctrl+K", "Ctrl+F"], self.focus_search, "focusSearch")
        self.zoom_in_action = action("A+", ["Ctrl++", "Ctrl+="], lambda: self.zoom(1), "zoomIn")
        self.zoom_out_action = action("A−", ["Ctrl+-"], lambda: self.zoom(-1), "zoomOut")
        self.zoom_reset_action = action("A", ["Ctrl+0"], lambda: self.zoom(-self.zoom_steps), "zoomReset")
        self.theme_action = action("Dark theme", ["Ctrl+Shift+D"], self.toggle_theme, "theme")
        self.theme_action.setCheckable(True)
        for number, (key, _) in enumerate(PAGES, 1):
            action(f"Go to {key}", [f"Ctrl+{number}"], lambda _=False, k=key: self.show_page(k), f"page-{key}")
        for act in (self.back_action, self.forward_action):
            toolbar.addAction(act)
        self.toolbar = toolbar
        toolbar.addSeparator()
        toolbar.addWidget(self.search_box)
        toolbar.addSeparator()
        for act in (self.zoom_out_action, self.zoom_reset_action, self.zoom_in_action, self.theme_action):
            toolbar.addAction(act)
        self._update_history_actions()

    def _connect_signals(self) -> None:
        self.home.open_location.connect(self.navigate)
        self.meeting.goto_action = self.toolbar.addWidget(self.meeting.goto_box)
        self.meeting.set_goto_visible(False)
        self.meeting.goto_box.returnPressed.connect(self.on_goto_return)
        self.sidebar.currentRowChanged.connect(self.on_sidebar_row_changed)
        self.search_box.textEdited.connect(self.on_search_box_edited)
        self.search_box.returnPressed.connect(self.on_search_box_return)
        self.search_timer.timeout.connect(self.run_search)
        self.search_service.results.connect(self.on_search_results)
        self.search_service.failed.connect(lambda message: self.search_view.show_error(message))
        self.position_timer.timeout.connect(self.save_position)
        # The timers carry the window as context: they are dropped if it is closed first.
        self.first_painted.connect(lambda: QTimer.singleShot(0, self, self._after_first_paint))

    def _make_page(self, key: str) -> QWidget:
        """Build the view for a page and wire it to the window."""
        if key in ("summary", "report"):
            from explorer.ui.reader_view import ReaderView

            reader = ReaderView(self.library, self)
            reader.set_dark(self.dark)
            reader.zoom(self.zoom_steps)
            reader.position_changed.connect(self.on_reader_position_changed)
            self.pages["summary"] = self.pages["report"] = reader
            self.refresh_marks()
            widget: QWidget = reader
        elif key == "search":
            from explorer.ui.search_view import SearchView

            view = SearchView(self)
            view.set_years(self.library.source_years())
            view.filters_changed.connect(self.run_search)
            view.suggestion_chosen.connect(self.on_suggestion_chosen)
            widget = view
        elif key == "sources":
            from explorer.ui.sources_view import SourcesView

            widget = SourcesView(self.library, self)
        elif key == "stakeholders":
            from explorer.ui.stakeholders_view import StakeholdersView

            widget = StakeholdersView(self.library, self)
        elif key == "side":
            from explorer.ui.side_by_side import SideBySideView

            side = SideBySideView(self.library, self)
            side.set_dark(self.dark)
            side.zoom(self.zoom_steps)
            widget = side
        else:
            raise KeyError(f"no page '{key}'")
        self.pages[key] = widget
        self.stack.addWidget(widget)
        widget.open_location.connect(self.navigate)  # type: ignore[attr-defined]
        return widget

    def _after_first_paint(self) -> None:
        """Work that can wait until the window is on screen, one piece per turn of the event loop
        so the window stays responsive: the window icon (an SVG: Qt loads its SVG plugin for it;
        installed apps also carry the icon in their executable or bundle), the edition comparison,
        then the hidden views."""
        icon = paths.resources_dir() / "icons" / "app.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self._note_edition()
        for delay, key in enumerate(PREPARED_AFTER_PAINT, 1):
            QTimer.singleShot(delay * 10, self, lambda k=key: self._prepare(k))

    def _prepare(self, key: str) -> None:
        if key == "notes":
            self.notes_dock  # noqa: B018 (builds it, and the panel)
            self.notes_panel  # noqa: B018
        elif key not in self.pages:
            self._make_page(key)

    @property
    def reader(self) -> ReaderView:
        return self._page("report")  # type: ignore[return-value]

    @property
    def search_view(self) -> SearchView:
        return self._page("search")  # type: ignore[return-value]

    @property
    def notes_dock(self) -> QDockWidget:
        """The dock holding the notes panel, built when first needed (after the first paint,
        or at once when asked for): its size and visibility come back from the saved state."""
        if self._notes_dock is None:
            from PySide6.QtCore import Qt

            dock = QDockWidget("Bookmarks and notes", self)
            dock.setObjectName("notesDock")
            if not self.restoreDockWidget(dock):     # places it as last saved, shown or not
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
                dock.hide()
            self._notes_dock = dock
            dock.visibilityChanged.connect(lambda visible: visible and self.notes_panel)
            if dock.isVisible():
                self.notes_panel  # noqa: B018 (builds it)
        return self._notes_dock

    @property
    def notes_panel(self) -> NotesPanel | None:
        """The bookmarks and notes list (None without user data), built when first needed."""
        if self._notes_panel is None and self.userdata is not None:
            dock = self.notes_dock           # building a dock restored open builds the panel too
            if self._notes_panel is None:
                from explorer.ui.notes_panel import NotesPanel

                panel = NotesPanel(self.library, self.userdata, dock)
                panel.open_paragraph.connect(self.go_to_paragraph_id)
                panel.changed.connect(self.refresh_marks)
                dock.setWidget(panel)
                self._notes_panel = panel
        return self._notes_panel

    @property
    def changes(self) -> EditionDiff | None:
        """What changed since the edition last opened here (None the first time)."""
        self._note_edition()
        return self._changes

    # Navigation ---------------------------------------------------------------------------
    @Slot(str)
    def navigate(self, location: str, record: bool = True) -> None:
        """Open a location (see docs/ui-contract.md) and remember it in the history."""
        try:
            shown = self._open(location)
        except ExplorerError as exc:
            Messages.error(self, "Cannot open", f"“{location}” cannot be opened.", str(exc))
            return
        if shown and record:
            del self.history[self.history_index + 1:]
            if not self.history or self.history[-1] != shown:
                self.history.append(shown)
            self.history_index = len(self.history) - 1
        self._update_history_actions()

    def _open(self, location: str) -> str | None:
        if location.startswith(("https://", "http://", "mailto:")):
            if Messages.ask(self, "Open in your browser?",
                            f"This opens a page outside the app, in your web browser:<br><br>"
                            f"<b>{html.escape(location)}</b>", "Open in browser"):
                from PySide6.QtGui import QDesktopServices

                QDesktopServices.openUrl(QUrl(location))
            return None
        if location.startswith("view:"):
            self.show_page(location.removeprefix("view:"))
            return location
        if location.startswith("source:"):
            self.sources.show_key(location.removeprefix("source:"))
            self._show_widget("sources")
            return location
        if location.startswith("stakeholder:"):
            self.stakeholders.show_key(location.removeprefix("stakeholder:"))
            self._show_widget("stakeholders")
            return location
        if location.startswith("glossary:"):
            Messages.info(self, "Glossary", self.reader.tooltip_for(location) or location)
            return None
        if location.startswith(("report/", "summary/")):
            terms = self._search_terms() if self._showing("search") else []
            self.reader.open(location, terms)
            section = self.library.section(location)
            self._show_widget(location.split("/", 1)[0], section.title)
            self.current_location = location
            return location
        raise LibraryError(self.library.folder, f"unknown kind of link '{location}'")

    def _search_terms(self) -> list[str]:
        import re

        return [w for w in re.findall(r"\w+", self.search_box.text()) if w.upper() not in ("AND", "OR", "NOT")]

    def show_page(self, key: str) -> None:
        if key == "side":
            self.show_side_by_side()
            return
        if key in ("report", "summary") and self.reader.document != key or \
                key in ("report", "summary") and not self.reader.chapter_id:
            toc = self.library.toc(key)
            if toc:
                self.navigate(toc[0].id)
                return
        if key == "search":
            self.focus_search()
            return
        self._show_widget(key)

    def _page(self, key: str) -> QWidget:
        """The view for a page, built (and wired) the first time it is needed."""
        widget = self.pages.get(key)
        return widget if widget is not None else self._make_page(key)

    def _showing(self, key: str) -> bool:
        """Is this page's view the one on screen (without building it)?"""
        widget = self.pages.get(key)
        return widget is not None and self.stack.currentWidget() is widget

    @property
    def sources(self):  # type: ignore[no-untyped-def]  # explorer.ui.sources_view.SourcesView
        return self._page("sources")

    @property
    def stakeholders(self):  # type: ignore[no-untyped-def]  # ...stakeholders_view.StakeholdersView
        return self._page("stakeholders")

    @property
    def side(self):  # type: ignore[no-untyped-def]  # explorer.ui.side_by_side.SideBySideView
        return self._page("side")

    def _show_widget(self, key: str, place: str = "") -> None:
        self.stack.setCurrentWidget(self._page(key))
        row = [k for k, _ in PAGES].index(key)
        # The title says where you are: in the taskbar, in window switchers and to screen readers.
        self.setWindowTitle(f"{place or PAGES[row][1]} · {self.library.pack.get('title', 'Report')} "
                            "· Report Explorer")
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    @Slot()
    def go_back(self) -> None:
        if self.history_index > 0:
            self.history_index -= 1
            self.navigate(self.history[self.history_index], record=False)

    @Slot()
    def go_forward(self) -> None:
        if self.history_index < len(self.history) - 1:
            self.history_index += 1
            self.navigate(self.history[self.history_index], record=False)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history_index > 0)
        self.forward_action.setEnabled(self.history_index < len(self.history) - 1)

    @Slot(int)
    def on_sidebar_row_changed(self, row: int) -> None:
        key = PAGES[row][0]
        self.navigate(f"view:{key}") if key not in ("report", "summary", "search") else self.show_page(key)

    @Slot(str)
    def on_reader_position_changed(self, section_id: str) -> None:
        self.current_location = section_id
        self.position_timer.start()
        if self.history and self.history_index >= 0 and self.history[self.history_index].split("#")[0] == \
                section_id.split("#")[0]:
            self.history[self.history_index] = section_id  # back returns to where you were reading

    # Search -------------------------------------------------------------------------------
    @Slot()
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        self._show_widget("search")
        if not self.search_box.text().strip():
            self.search_view.show_empty_state(self._recent())

    def _recent(self) -> list[str]:
        return self.userdata.recent_searches() if self.userdata else []

    @Slot(str)
    def on_search_box_edited(self, text: str) -> None:
        if self.meeting.active:
            return   # in a meeting, Enter jumps straight to the best hit; the page stays put
        self._show_widget("search")
        if text.strip():
            self.search_timer.start()
        else:
            self.search_timer.stop()
            self.search_view.show_empty_state(self._recent())

    @Slot()
    def run_search(self) -> None:
        text = self.search_box.text()
        if not text.strip():
            return
        self.search_service.submit(text, typing=True, limit=50, snippets=50, **self.search_view.options())

    @Slot(object)
    def on_search_results(self, results: SearchResults) -> None:
        if self._jump_to_best:
            self._jump_to_best = False
            if results.hits:
                self.navigate(results.hits[0].location)
            else:
                self.statusBar().showMessage(f"No results for “{results.query}”", 4000)
            return
        if results.query.strip() and self.search_box.text().strip():
            self.search_view.show_results(results)

    @Slot()
    def on_search_box_return(self) -> None:
        if self.meeting.active and self.search_box.text().strip():
            self._jump_to_best = True
            self.search_service.submit(self.search_box.text(), typing=False, limit=1, snippets=0)
            return
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.run_search()
        if self.userdata and self.search_box.text().strip():
            with contextlib.suppress(UserDataError):
                self.userdata.add_recent_search(self.search_box.text())
        self.search_view.open_current()

    @Slot(str)
    def on_suggestion_chosen(self, text: str) -> None:
        self.search_box.setText(text)
        self.search_box.setFocus()
        self.run_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt

            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and "search" in self.pages:
                self.search_view.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.search_view.show_empty_state(self._recent())
                return True
        return False

    def mousePressEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """Mouse back/forward buttons (the views ignore these buttons, so they arrive here)."""
        from PySide6.QtCore import Qt

        button = event.button()  # type: ignore[attr-defined]
        if button == Qt.MouseButton.BackButton:
            self.go_back()
        elif button == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)  # type: ignore[arg-type]

    # Theme, zoom, state --------------------------------------------------------------------
    def _theme_is_dark(self) -> bool:
        choice = self.settings.get("theme")
        return theme.system_prefers_dark() if choice == "system" else choice == "dark"

    def _apply_theme(self, dark: bool) -> None:
        app = QApplication.instance()
        theme.apply(app, dark)  # type: ignore[arg-type]
        self.dark = dark
        self.theme_action.setChecked(dark)
        self.home.render(dark)
        if "report" in self.pages:
            self.reader.set_dark(dark)
        if "side" in self.pages:
            self.side.set_dark(dark)

    @Slot()
    def toggle_theme(self) -> None:
        dark = not self.dark
        self.settings.set("theme", "dark" if dark else "light")
        self._apply_theme(dark)

    def zoom(self, steps: int) -> None:
        self.zoom_steps += steps
        if "report" in self.pages:
            self.reader.zoom(steps)
        if "side" in self.pages:
            self.side.zoom(steps)
        for browser in (self.home.browser,):
            browser.zoomIn(steps) if steps > 0 else browser.zoomOut(-steps)
        self.settings.set("zoom", self.zoom_steps)

    def _restore(self) -> None:
        geometry = self.settings.get("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = self.settings.get("window/state")
        if state is not None:
            self.restoreState(state)
        zoom = int(self.settings.get("zoom") or 0)
        if zoom:
            self.zoom(zoom)
        position = self.userdata.position(self._library_key()) if self.userdata else None
        if position:
            try:
                self.navigate(position[0])
                QTimer.singleShot(0, lambda: self.reader.set_scroll_fraction(position[1])
                                  if position[0].startswith(("report/", "summary/")) else None)
                return
            except ExplorerError:
                pass
        self.navigate("view:home")

    # Paragraphs, notes, meeting mode, editions --------------------------------------------
    def _current_paragraph(self):  # type: ignore[no-untyped-def]
        paragraph = self.reader.current_paragraph() if self._showing("report") else None
        if paragraph is None:
            self.statusBar().showMessage("Open a chapter and click in a paragraph first.", 4000)
        return paragraph

    def copy_reference(self) -> None:
        """Put e.g. "Social Mobility Landscape Review, §6.3 ¶4" and the paragraph on the clipboard."""
        paragraph = self._current_paragraph()
        if paragraph is not None:
            QApplication.clipboard().setText(self.library.cite_paragraph(paragraph))
            self.statusBar().showMessage(f"Copied {paragraph.label}", 4000)

    def annotate(self, kind: str) -> None:
        paragraph = self._current_paragraph()
        if paragraph is None or self.notes_panel is None:
            return
        if self.notes_panel.add(kind, paragraph.id, paragraph.section_id, paragraph.text):
            self.statusBar().showMessage(f"{kind.capitalize()} added at {paragraph.label}", 4000)

    def refresh_marks(self) -> None:
        if self.userdata and "report" in self.pages:
            self.reader.set_marks({a.paragraph_id: a.kind for a in self.userdata.annotations()})

    def toggle_notes_panel(self) -> None:
        self.notes_dock.setVisible(not self.notes_dock.isVisible())
        self.actions_by_name["notes_panel"].setChecked(self.notes_dock.isVisible())

    def notes_panel_export(self) -> None:
        if self.notes_panel:
            self.notes_panel.on_export_clicked()

    def notes_panel_import(self) -> None:
        if self.notes_panel:
            self.notes_panel.on_import_clicked()

    def toggle_numbers(self) -> None:
        self.reader.set_show_numbers(not self.reader.show_numbers)
        self.actions_by_name["numbers"].setChecked(self.reader.show_numbers)

    def toggle_meeting(self) -> None:
        self.meeting.toggle()
        self.actions_by_name["meeting"].setChecked(self.meeting.active)
        self.actions_by_name["numbers"].setChecked(self.reader.show_numbers)

    def focus_goto(self) -> None:
        if not self.meeting.active:
            self.meeting.set_goto_visible(True)
        self.meeting.goto_box.setFocus()
        self.meeting.goto_box.selectAll()

    @Slot()
    def on_goto_return(self) -> None:
        text = self.meeting.goto_box.text()
        document = self.reader.document if self.reader.chapter_id else "report"
        paragraph = self.library.paragraph_at(text, document) or self.library.paragraph_at(text)
        if paragraph is None:
            self.statusBar().showMessage(f"No paragraph “{text}”: write it like §6.3 ¶4", 5000)
            return
        self.go_to_paragraph_id(paragraph.id)
        if not self.meeting.active:
            self.meeting.set_goto_visible(False)

    @Slot(str)
    def go_to_paragraph_id(self, paragraph_id: str) -> None:
        paragraph = self.library.paragraph(paragraph_id)
        if paragraph is None:
            Messages.error(self, "Not in this edition", "That paragraph is not in this edition of the report.")
            return
        self.navigate(paragraph.section_id)
        self.reader.go_to_paragraph(paragraph)

    def show_side_by_side(self) -> None:
        location = self.current_location if self.current_location.startswith(("report/", "summary/")) else ""
        if not location:
            toc = self.library.toc("summary")
            location = toc[0].id if toc else ""
        if location:
            self.side.show_location(location)
        self._show_widget("side")

    def _note_edition(self) -> None:
        """Compare this edition with the one last opened here, then remember this one (once)."""
        if not self.userdata or self._edition_noted:
            return
        from explorer.diff import diff_snapshots, snapshot

        self._edition_noted = True
        key = self._library_key()
        current = snapshot(self.library)
        try:
            previous = self.userdata.last_seen_edition(key)
            if previous is not None:
                self._changes = diff_snapshots(previous, current)
            if previous is None or previous.get("edition") != current["edition"]:
                counts = self.userdata.reanchor(self.library)
                if counts["changed"] or counts["vanished"]:
                    self.statusBar().showMessage(
                        f"New edition: {counts['changed']} note(s) moved to edited paragraphs, "
                        f"{counts['vanished']} whose paragraph is gone (see the notes panel)", 10000)
            self.userdata.remember_edition(key, current)
        except UserDataError:
            pass
        self.refresh_marks()

    def show_about(self) -> None:
        from explorer.ui.about import AboutDialog

        dialog = AboutDialog(self.library, self.changes, self)
        dialog.open_location.connect(self.navigate)
        dialog.exec()

    def open_briefing(self) -> None:
        from explorer.ui.briefing_dialog import BriefingDialog

        chapter = self.reader.chapter_id if self._showing("report") else None
        BriefingDialog(self.library, self.userdata, self, preselect_chapter=chapter).exec()

    def print_chapter(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self.reader.chapter_id:
            self.statusBar().showMessage("Open a chapter to print it.", 4000)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.reader.browser.document().print_(printer)

    def _library_key(self) -> str:
        return self.library.pack.get("id", "library")

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.save_position()
        self.search_service.stop()
        super().closeEvent(event)  # type: ignore[arg-type]

    def save_position(self) -> None:
        if not self.userdata:
            return
        location = self.current_location or "view:home"
        scroll = self.reader.scroll_fraction() if location.startswith(("report/", "summary/")) else 0.0
        with contextlib.suppress(UserDataError):
            self.userdata.save_position(self._library_key(), location, scroll)

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
