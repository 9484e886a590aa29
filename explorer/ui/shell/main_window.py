"""The main window: wires the sidebar, pages, search box and commands, and routes locations."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Qt (the namespace) is imported where it is used: its first import builds about a hundred
# Python enums, 15-20 ms that the window's first paint need not wait for.
from PySide6.QtCore import QEvent, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer import paths
from explorer.library.store import Library
from explorer.model.location import PAGES, Location, page_label
from explorer.ui.common import icons, theme
from explorer.ui.common.workers import SearchService
from explorer.ui.reader.paragraph_actions import ParagraphActions
from explorer.ui.search.search_controller import SearchController
from explorer.ui.shell import appearance, commands, reading_settings, window_state
from explorer.ui.shell.editions import EditionWatch
from explorer.ui.shell.keys_strip import KeysStrip
from explorer.ui.shell.meeting_mode import MeetingMode
from explorer.ui.shell.navigation import Router
from explorer.ui.shell.pages import Pages
from explorer.ui.shell.settings import Settings
from explorer.userdata.store import UserData

if TYPE_CHECKING:
    from explorer.library.diff import EditionDiff
    from explorer.ui.organisations.stakeholders_view import StakeholdersView
    from explorer.ui.reader.notes_panel import NotesPanel
    from explorer.ui.reader.reader_view import ReaderView
    from explorer.ui.reader.side_by_side import SideBySideView
    from explorer.ui.search.search_view import SearchView
    from explorer.ui.sources.sources_view import SourcesView

# Built in the idle moments just after the first paint, so they are ready before anyone asks.
PREPARED_AFTER_PAINT = ("search", "report", "notes")


class MainWindow(QMainWindow):
    """Signals:
        first_painted(): the window has painted once (start-up measurement).
    """

    first_painted = Signal()
    router: Router
    searching: SearchController
    paragraphs: ParagraphActions
    pages: Pages

    def __init__(self, library: Library, userdata: UserData | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.library, self.userdata = library, userdata
        self.settings = settings or Settings()
        self.current_location = ""
        self._painted = False
        self.setObjectName("mainWindow")
        self.dark = reading_settings.restore(self.settings)   # theme, spacing, column remembered
        theme.apply(QApplication.instance(), self.dark)  # type: ignore[arg-type]  # a QApplication
        self.editions = EditionWatch(library, userdata)
        self._build()
        self._connect_signals()
        self.actions_by_name["theme"].setChecked(self.dark)
        window_state.restore(self)

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        self.pages = Pages(self.library, self.stack, self.dark)
        self.home = self.pages.home
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Views")
        self.sidebar.setIconSize(QSize(18, 18))
        for key, label in PAGES:
            QListWidgetItem(icons.icon(key), label, self.sidebar)
        self.sidebar.setFixedWidth(150)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.sidebar)
        column = QVBoxLayout()
        self.keys_strip = KeysStrip.unless_closed(commands.strip_keys(), self.settings, central)
        if self.keys_strip is not None:
            column.addWidget(self.keys_strip)
        column.addWidget(self.stack, 1)
        row.addLayout(column, 1)
        self.setCentralWidget(central)
        self.search_box = SearchController.make_box(self)
        self.search_service = SearchService(self.library.index_path, self)
        self.meeting = MeetingMode(self)
        self.paragraphs = ParagraphActions(self)
        self.router = Router(self)
        self.searching = SearchController(self.search_box, self.pages, self.search_service, self.userdata,
                                          lambda: self.meeting.active)
        self.actions_by_name = commands.make_actions(self)
        commands.fill_menus(self, self.actions_by_name)
        self.toolbar = commands.fill_toolbar(self, self.actions_by_name)
        # Save the reading position shortly after it changes, so a crash loses at most a moment.
        self.position_timer = QTimer(self)
        self.position_timer.setSingleShot(True)
        self.position_timer.setInterval(1500)

    def _connect_signals(self) -> None:
        self.pages.open_location.connect(self.navigate)
        self.pages.built.connect(self.on_pages_built)
        self.meeting.goto_box.returnPressed.connect(self.paragraphs.on_goto_return)
        self.sidebar.currentRowChanged.connect(self.on_sidebar_row_changed)
        self.searching.open_location.connect(self.navigate)
        self.searching.show_search_page.connect(lambda: self.show_view("search"))
        self.searching.meeting_search.connect(self.meeting.open_search)
        self.searching.return_to_page.connect(self.router.show_page)
        self.position_timer.timeout.connect(lambda: window_state.save_position(self))
        # The timers carry the window as context: they are dropped if it is closed first.
        self.first_painted.connect(lambda: QTimer.singleShot(0, self, self._after_first_paint))

    @Slot(str)
    def on_pages_built(self, key: str) -> None:
        if key in ("report", "summary"):
            from explorer.ui.reader import context_menu  # with the reader, after the first paint

            self.reader.position_changed.connect(self.on_reader_position_changed)
            self.reader.position_changed.connect(self.router.on_reader_position_changed)
            context_menu.install(self.reader.browser, commands.context_actions(self.actions_by_name),
                                 self.reader.current_paragraph)
            self.paragraphs.refresh_marks()

    def _after_first_paint(self) -> None:
        """The window icon (an SVG: Qt loads its SVG plugin for it), the edition comparison, then
        the hidden views, one piece per turn of the event loop so the window stays responsive."""
        icon = paths.resources_dir() / "icons" / "app.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self._note_edition()
        for delay, key in enumerate(PREPARED_AFTER_PAINT, 1):
            QTimer.singleShot(delay * 10, self, lambda k=key: self._prepare(k))

    def _prepare(self, key: str) -> None:
        if key == "notes":
            self.paragraphs.panel  # noqa: B018 (builds the dock and the panel)
        else:
            self.pages.get(key)

    # The views, typed (each built on first use) ---------------------------------------------
    @property
    def reader(self) -> ReaderView:
        return self.pages.reader

    @property
    def search_view(self) -> SearchView:
        return self.pages.search

    @property
    def sources(self) -> SourcesView:
        return self.pages.sources

    @property
    def stakeholders(self) -> StakeholdersView:
        return self.pages.stakeholders

    @property
    def side(self) -> SideBySideView:
        return self.pages.side

    @property
    def notes_panel(self) -> NotesPanel | None:
        return self.paragraphs.panel

    @property
    def notes_dock(self) -> QDockWidget:
        return self.paragraphs.dock

    def navigate(self, location: str | Location, record: bool = True) -> bool:
        """Open a location (see explorer/model/location.py) and remember it in the history."""
        return self.router.navigate(location, record)

    @property
    def changes(self) -> EditionDiff | None:
        """What changed since the edition last opened here (None the first time)."""
        self._note_edition()
        return self.editions.changes

    def show_view(self, key: str, place: str = "") -> None:
        self.stack.setCurrentWidget(self.pages.get(key))
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow([k for k, _ in PAGES].index(key))
        self.sidebar.blockSignals(False)
        # The title says where you are: in the taskbar, in window switchers and to screen readers.
        self.setWindowTitle(f"{place or page_label(key)} · {self.library.pack.get('title', 'Report')} "
                            "· Report Explorer")

    @Slot(str)
    def on_reader_position_changed(self, section_id: str) -> None:
        self.current_location = section_id
        self.position_timer.start()

    @Slot(int)
    def on_sidebar_row_changed(self, row: int) -> None:
        key = PAGES[row][0]
        self.navigate(Location.view(key)) if key not in ("report", "summary", "search") else self.router.show_page(key)

    # Meeting, theme, text size (explorer/ui/shell/appearance.py), editions, state ----------------
    def toggle_meeting(self) -> None:
        appearance.toggle_meeting(self)

    def toggle_theme(self) -> None:
        appearance.toggle_theme(self)

    @property
    def zoom_steps(self) -> int:
        return self.pages.zoom_steps

    def zoom(self, steps: int) -> None:
        appearance.zoom(self, steps)

    def _note_edition(self) -> None:
        message = self.editions.note()
        if message:
            self.statusBar().showMessage(message, 10000)
        self.paragraphs.refresh_marks()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.position_timer.stop()      # saved just below; the user data may close after this
        self.meeting.leave()            # the window's own size and chrome are saved, not the meeting's
        window_state.save(self)
        self.search_service.stop()
        self.router.stop()
        super().closeEvent(event)  # type: ignore[arg-type]  # a QCloseEvent

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)  # type: ignore[arg-type]  # a QPaintEvent
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
