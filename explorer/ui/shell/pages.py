"""The window's pages: each view is built the first time it is needed, and told about theme and
text size changes once it exists.

Only the home page is built before the window's first paint. Every module is imported with a
plain `from ... import` inside `_build`, never by name, so PyInstaller sees each one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from explorer.library.store import Library
from explorer.ui.home.home_view import HomeView

if TYPE_CHECKING:
    from explorer.ui.organisations.stakeholders_view import StakeholdersView
    from explorer.ui.reader.reader_view import ReaderView
    from explorer.ui.reader.side_by_side import SideBySideView
    from explorer.ui.search.search_view import SearchView
    from explorer.ui.sources.sources_view import SourcesView


class Pages(QObject):
    """The stack of views, built on demand.

    Signals:
        open_location(str): a view asked to open a location.
        built(str): the view for this page key was just built (the window wires what is special).
    """

    open_location = Signal(str)
    built = Signal(str)

    def __init__(self, library: Library, stack: QStackedWidget, dark: bool) -> None:
        super().__init__(stack)
        self.library = library
        self.stack = stack
        self.dark = dark
        self.zoom_steps = 0
        self.home = HomeView(library, stack, dark=dark)
        self.home.open_location.connect(self.open_location)
        self.views: dict[str, QWidget] = {"home": self.home}
        stack.addWidget(self.home)

    def get(self, key: str) -> QWidget:
        """The view for a page, built (and wired) the first time it is needed."""
        view = self.views.get(key)
        return view if view is not None else self._build(key)

    def is_built(self, key: str) -> bool:
        return key in self.views

    def showing(self, key: str) -> bool:
        """Is this page's view the one on screen (without building it)?"""
        view = self.views.get(key)
        return view is not None and self.stack.currentWidget() is view

    def _build(self, key: str) -> QWidget:
        view: QWidget
        if key in ("summary", "report"):
            from explorer.ui.reader.reader_view import ReaderView

            reader = ReaderView(self.library, self.stack)
            reader.set_dark(self.dark)
            reader.zoom(self.zoom_steps)
            self.views["summary"] = self.views["report"] = view = reader
        elif key == "search":
            from explorer.ui.search.search_view import SearchView

            search = SearchView(self.stack)
            search.set_years(self.library.source_years())
            view = search
        elif key == "sources":
            from explorer.ui.sources.sources_view import SourcesView

            view = SourcesView(self.library, self.stack)
        elif key == "stakeholders":
            from explorer.ui.organisations.stakeholders_view import StakeholdersView

            view = StakeholdersView(self.library, self.stack)
        elif key == "side":
            from explorer.ui.reader.side_by_side import SideBySideView

            side = SideBySideView(self.library, self.stack)
            side.set_dark(self.dark)
            side.zoom(self.zoom_steps)
            view = side
        else:
            raise KeyError(f"no page '{key}'")
        self.views[key] = view
        self.stack.addWidget(view)
        view.open_location.connect(self.open_location)  # every view has the signal
        self.built.emit(key)
        return view

    # Typed access (each key is built as that view in _build) ---------------------------------
    @property
    def reader(self) -> ReaderView:
        return cast("ReaderView", self.get("report"))

    @property
    def search(self) -> SearchView:
        return cast("SearchView", self.get("search"))

    @property
    def sources(self) -> SourcesView:
        return cast("SourcesView", self.get("sources"))

    @property
    def stakeholders(self) -> StakeholdersView:
        return cast("StakeholdersView", self.get("stakeholders"))

    @property
    def side(self) -> SideBySideView:
        return cast("SideBySideView", self.get("side"))

    # Theme and text size, for the views that exist --------------------------------------------
    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.home.render(dark)
        if self.is_built("report"):
            self.reader.set_dark(dark)
        if self.is_built("side"):
            self.side.set_dark(dark)

    def zoom(self, steps: int) -> None:
        self.zoom_steps += steps
        if self.is_built("report"):
            self.reader.zoom(steps)
        if self.is_built("side"):
            self.side.zoom(steps)
