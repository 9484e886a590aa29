"""`report-explorer --self-test`: prove that an installed copy works, offline, in a few seconds.

Opens the library read-only, checks its schema and edition (against the stamp written at bundle
time, or against content/ when run from source), checks that the search index holds every
document and runs a fixed set of searches. The command line adds the interface's checks
(explorer/ui/selftest/selftest_ui.py: fonts, pages drawn, and a walk through every page, dialog and link
kind of the real window). Prints one summary line and returns 0, or names each failed check and
returns 1. This module itself never imports Qt.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import explorer
from explorer import paths
from explorer.errors import ExplorerError
from explorer.library import schema

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
_network_watched = False  # the audit hook is in (it cannot be taken out again)
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
    from explorer.library.store import Library

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
    from explorer.search.engine import Search

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
    global _network_watched
    if not _network_watched:
        sys.addaudithook(_audit)
        _network_watched = True
    return len(_network_attempts)


def check_offline(state: dict[str, Any]) -> str:
    attempts = _network_attempts[state["network_mark"]:]
    if attempts:
        raise CheckFailed(f"tried to use the network: {'; '.join(attempts[:3])}")
    return "offline"


# (name, the check it needs, the check)
Check = tuple[str, str | None, Callable[[dict[str, Any]], str]]
DATA_CHECKS: tuple[Check, ...] = (
    ("library", None, check_library), ("edition", "library", check_edition),
    ("index", "library", check_index), ("search", "index", check_searches),
)
# Checks that need no library, run after the interface's (which the command line passes in).
LAST_CHECKS: tuple[Check, ...] = (("modules", None, check_modules), ("offline", None, check_offline))


def run(library_dir: Path, library_given: bool = True, skip: tuple[str, ...] = (),
        ui_checks: tuple[Check, ...] = ()) -> Outcome:
    """Run every check not in `skip`; a check whose input failed is reported as not run.

    Args:
        ui_checks: the interface's checks (explorer.ui.selftest.selftest_ui.CHECKS), given by the command
            line so that this module stays free of Qt.
        library_given: the library was named on the command line (from source, only the default
            library is compared with content/).
        skip: names of checks to leave out ("modules" is only meaningful in a fresh process).
    """
    outcome = Outcome()
    state: dict[str, Any] = {"library_dir": library_dir, "library_given": library_given,
                             "network_mark": watch_network()}
    try:
        for name, needs, check in (*DATA_CHECKS, *ui_checks, *LAST_CHECKS):
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


def main(library_dir: Path, library_given: bool, ui_checks: tuple[Check, ...] = ()) -> int:
    """The `--self-test` command: one line on success, each failure on stderr otherwise."""
    started = time.perf_counter()
    outcome = run(library_dir, library_given, ui_checks=ui_checks)
    seconds = time.perf_counter() - started
    if outcome.ok:
        print(f"self-test passed in {seconds:.1f} s: report-explorer {explorer.__version__}, "
              + "; ".join(outcome.notes.values()))
        return 0
    for name, message in outcome.failures.items():
        print(f"self-test FAILED [{name}]: {message}", file=sys.stderr)
    total = len(DATA_CHECKS) + len(ui_checks) + len(LAST_CHECKS)
    print(f"self-test failed: {len(outcome.failures)} of {total} checks "
          f"({', '.join(outcome.failures)}); library {library_dir}", file=sys.stderr)
    return 1
