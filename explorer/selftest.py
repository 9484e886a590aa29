"""`report-explorer --self-test`: prove that an installed copy works, offline, in a few seconds.

Opens the library read-only, checks its schema and edition (against the stamp written at bundle
time, or against content/ when run from source), checks that the search index holds every
document, runs a fixed set of searches, and renders the home page and one report section
offscreen. Prints one summary line and returns 0, or names each failed check and returns 1.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import explorer
from explorer import paths, schema
from explorer.errors import ExplorerError

# Modules the app must never load at run time: the build-time stack (kept out of the bundle) and
# Qt's network module. (Python's socket and urllib are loaded by importlib.metadata and whoosh's
# compatibility module without being used, so the network check watches for use instead.)
FORBIDDEN_MODULES = ("matplotlib", "networkx", "sqlite_utils", "markdown", "nh3", "pygments",
                     "PySide6.QtNetwork")
# Audit events (PEP 578) of any attempt to reach another machine.
NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                            "socket.gethostbyaddr", "socket.sendto", "http.client.connect",
                            "urllib.Request", "ftplib.connect", "smtplib.connect"})
_network_attempts: list[str] = []
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SearchCheck:
    """One query and what it must give on the shipped pack."""

    query: str
    kind: str | None = None          # filter, as `explorer search --kind`
    first: str | None = None         # id of the expected first hit
    has_kind: str | None = None      # at least one hit of this kind
    suggestion: str | None = None    # expected "did you mean"

    def problem(self, results: Any) -> str | None:
        """What is wrong with `results`, or None."""
        ids = [hit.id for hit in results.hits]
        if self.first and (not ids or ids[0] != self.first):
            return f"'{self.query}' should find {self.first} first, found {ids[:3] or 'nothing'}"
        if self.has_kind and not any(hit.kind == self.has_kind for hit in results.hits):
            return f"'{self.query}' found no {self.has_kind} hit"
        if self.suggestion and results.suggestion != self.suggestion:
            return f"'{self.query}' should suggest '{self.suggestion}', suggested {results.suggestion!r}"
        return None


SEARCH_CHECKS: tuple[SearchCheck, ...] = (
    SearchCheck("EEF", kind="stakeholder", first="stakeholder:eef"),   # acronym -> organisation
    SearchCheck("tutoring", has_kind="report"),                         # stemming, report sections
    SearchCheck("tutorng", suggestion="tutoring"),                      # did you mean
)


class CheckFailed(ExplorerError):
    """One self-test check failed; the message says what was found."""


@dataclass
class Outcome:
    """What the self-test found: notes of the passed checks and the failures, by check name."""

    notes: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Expected:
    """The edition the library must be: from the bundle's stamp, or from content/ in source."""

    content_hash: str
    origin: str                          # where the expectation came from, for messages
    database_sha256: str | None = None   # only a bundle stamps the database's bytes
    database: str | None = None          # the stamped database, relative to the library folder


def expected_edition(library_given: bool) -> Expected | None:
    """The bundle's stamp when frozen; content/'s hash from source for the default library.

    Raises:
        CheckFailed: a frozen app without its stamp (a damaged install).
    """
    stamp_file = paths.edition_file()
    if stamp_file.is_file():
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
        return Expected(stamp["content_hash"], f"the bundle's {stamp_file.name}",
                        stamp.get("database_sha256"), stamp.get("database"))
    if paths.is_frozen():
        raise CheckFailed(f"the bundle has no edition stamp at {stamp_file}")
    if not library_given and (paths.content_dir() / "pack.toml").is_file():
        from explorer.content.load import content_hash

        return Expected(content_hash(paths.content_dir()), "content/ (run 'make build' if it changed)")
    return None


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MB blocks (also used by build/bundle.py)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# The checks, in order; each returns a note for the summary or raises ------------------------------
def check_library(state: dict[str, Any]) -> str:
    from explorer.library import Library

    library = Library(state["library_dir"])   # raises for a missing, damaged or other-schema library
    state["library"] = library
    if library.meta.get("schema_version") != str(schema.SCHEMA_VERSION):
        raise CheckFailed(f"schema {library.meta.get('schema_version')}, expected {schema.SCHEMA_VERSION}")
    return f"library schema {schema.SCHEMA_VERSION}"


def check_edition(state: dict[str, Any]) -> str:
    library = state["library"]
    edition = library.edition()
    if not _HASH.fullmatch(edition.content_hash):
        raise CheckFailed(f"content hash {edition.content_hash!r} is not a SHA-256")
    expected = expected_edition(state["library_given"])
    if expected is not None:
        if edition.content_hash != expected.content_hash:
            raise CheckFailed(f"content {edition.content_hash[:12]} is not the {expected.content_hash[:12]} "
                              f"of {expected.origin}")
        if expected.database and Path(expected.database) != library.database_path.relative_to(
                library.database_path.parent.parent):
            raise CheckFailed(f"opened {library.database_path}, the bundle stamped {expected.database}")
        if expected.database_sha256 and sha256_file(library.database_path) != expected.database_sha256:
            raise CheckFailed(f"{library.database_path} has changed since it was bundled (damaged install?)")
    checked = f", as stamped in {expected.origin}" if expected else ""
    return f"edition {edition.version} of {edition.date}, content {edition.content_hash[:12]}{checked}"


def check_index(state: dict[str, Any]) -> str:
    from explorer.search import Search

    library = state["library"]
    # The index shipped with the library, not a repaired copy the app may have put in the user cache:
    # the self-test vouches for the installed files.
    search = Search(library.folder / schema.INDEX_FOLDER)   # raises LibraryError if missing or damaged
    state["search"] = search
    indexed, expected = search.ix.doc_count(), len(library.search_documents())
    if indexed != expected:
        raise CheckFailed(f"the index holds {indexed} documents, the library has {expected}")
    return f"{indexed} documents indexed"


def check_searches(state: dict[str, Any]) -> str:
    search = state["search"]
    problems = []
    for check in SEARCH_CHECKS:
        problem = check.problem(search.search(check.query, kind=check.kind, limit=10, snippets=3))
        if problem:
            problems.append(problem)
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{len(SEARCH_CHECKS)} searches"


def check_render(state: dict[str, Any]) -> str:
    """Render the home page and one report section, offscreen unless there is a display."""
    from explorer.ui.app import display_available

    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return render_pages(state["library"])


def check_modules(state: dict[str, Any]) -> str:
    loaded = [m for m in FORBIDDEN_MODULES if m in sys.modules]
    if loaded:
        raise CheckFailed(f"loaded at run time: {', '.join(loaded)}")
    return "no build-time module loaded"


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in NETWORK_EVENTS:
        _network_attempts.append(f"{event}{args[:2]!r}")


def watch_network() -> int:
    """Start recording network attempts (once per process; audit hooks cannot be removed)."""
    if not getattr(watch_network, "installed", False):
        sys.addaudithook(_audit)
        watch_network.installed = True  # type: ignore[attr-defined]
    return len(_network_attempts)


def check_offline(state: dict[str, Any]) -> str:
    attempts = _network_attempts[state["network_mark"]:]
    if attempts:
        raise CheckFailed(f"tried to use the network: {'; '.join(attempts[:3])}")
    return "offline"


# Rendering (Qt, imported only here) ---------------------------------------------------------------
def _has_ink(widget: Any) -> bool:
    """More than a blank page: at least three colours on a coarse grid over the widget."""
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 10 or image.height() < 10:
        return False
    colours = {image.pixel(x * image.width() // 41, y * image.height() // 41)
               for x in range(1, 41) for y in range(1, 41)}
    return len(colours) >= 3


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def render_pages(library: Any) -> str:
    """Render the home page and one report section into widgets never put on screen.

    Raises:
        CheckFailed: no fonts, a blank page, or a page without its title.
    """
    from PySide6 import QtPrintSupport  # noqa: F401 (printing and PDF export need it)
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QFontInfo, QGuiApplication
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not QFontInfo(app.font()).family():   # fontconfig lists its aliases even with no font at all
        raise CheckFailed("no fonts found, so text would draw as empty boxes: install fontconfig "
                          "and a font (Debian: fonts-dejavu-core)")
    from explorer.ui.home_view import HomeView
    from explorer.ui.reader_view import ReaderView

    figures = library.figures()
    if figures and not QSvgRenderer(QByteArray(figures[0].svg.encode("utf-8"))).isValid():
        raise CheckFailed(f"figure '{figures[0].key}' does not render (Qt SVG)")
    report = [entry.id for entry in library.toc("report")]
    if not report:
        raise CheckFailed("the report has no sections")
    with_figure = [f.section_id for f in figures if f.section_id in report]
    section = library.section(with_figure[0] if with_figure else report[0])
    pages = []
    home, reader = HomeView(library), ReaderView(library)
    try:
        for widget in (home, reader):
            widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            widget.resize(1000, 700)
            widget.ensurePolished()
        reader.open(section.id)
        app.processEvents()
        for name, widget, browser, title in (
                ("home page", home, home.browser, library.edition().title),
                (f"section {section.id}", reader, reader.browser, section.title)):
            if _words(title) not in _words(browser.toPlainText()):
                raise CheckFailed(f"the {name} does not show its title '{title}'")
            if not _has_ink(widget):
                raise CheckFailed(f"the {name} rendered blank")
            pages.append(name)
    finally:
        for widget in (home, reader):
            widget.close()
            widget.deleteLater()
        app.processEvents()
    return f"rendered {' and '.join(pages)} ({QGuiApplication.platformName()})"


# (name, the check it needs, the check)
CHECKS: tuple[tuple[str, str | None, Callable[[dict[str, Any]], str]], ...] = (
    ("library", None, check_library), ("edition", "library", check_edition),
    ("index", "library", check_index), ("search", "index", check_searches),
    ("render", "library", check_render), ("modules", None, check_modules),
    ("offline", None, check_offline),
)


def run(library_dir: Path, library_given: bool = True, skip: tuple[str, ...] = ()) -> Outcome:
    """Run every check not in `skip`; a check whose input failed is reported as not run.

    Args:
        library_given: the library was named on the command line (from source, only the default
            library is compared with content/).
        skip: names of checks to leave out ("modules" is only meaningful in a fresh process).
    """
    outcome = Outcome()
    state: dict[str, Any] = {"library_dir": library_dir, "library_given": library_given,
                             "network_mark": watch_network()}
    try:
        for name, needs, check in CHECKS:
            if name in skip:
                continue
            if needs and needs not in outcome.notes:
                outcome.failures[name] = f"not run: '{needs}' failed"
                continue
            try:
                outcome.notes[name] = check(state)
            except ExplorerError as exc:
                outcome.failures[name] = str(exc)
            except Exception as exc:  # a bug or a broken bundle: name it, never a bare traceback
                outcome.failures[name] = f"{type(exc).__name__}: {exc}"
    finally:
        for resource in ("search", "library"):
            if resource in state:
                state[resource].close()
    return outcome


def main(library_dir: Path, library_given: bool) -> int:
    """The `--self-test` command: one line on success, each failure on stderr otherwise."""
    started = time.perf_counter()
    outcome = run(library_dir, library_given)
    seconds = time.perf_counter() - started
    if outcome.ok:
        print(f"self-test passed in {seconds:.1f} s: report-explorer {explorer.__version__}, "
              + "; ".join(outcome.notes.values()))
        return 0
    for name, message in outcome.failures.items():
        print(f"self-test FAILED [{name}]: {message}", file=sys.stderr)
    print(f"self-test failed: {len(outcome.failures)} of {len(CHECKS)} checks "
          f"({', '.join(outcome.failures)}); library {library_dir}", file=sys.stderr)
    return 1
