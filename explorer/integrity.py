"""Checking a library on open and rebuilding its search index from the SQLite alone (no Qt)."""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from explorer import paths
from explorer.errors import LibraryError
from explorer.library import schema
from explorer.library.index_stamp import cached_index_dir, choose_index

if TYPE_CHECKING:
    from explorer.library.store import Library

# Memory for sorting postings when the index is rebuilt next to an open window: runs this small
# are each sorted in a few milliseconds, so the event loop is never held for long
# (docs/reliability.md; 256 MB held it for about a second on a 10x pack).
BACKGROUND_SORT_MB = 2


def verify(library_dir: Path | str, deep: bool = True) -> list[str]:
    """Every problem found opening the library in `library_dir`, in plain words; [] when it is fine.

    Args:
        deep: also run SQLite's quick_check and read the whole index (seconds, not milliseconds).
    """
    from explorer.library.store import Library

    try:
        library = Library(library_dir)
    except LibraryError as exc:
        return [str(exc)]
    problems: list[str] = []
    try:
        if deep:
            try:
                answer = [row[0] for row in library.db.execute("PRAGMA quick_check")]
            except sqlite3.Error as exc:
                answer = [str(exc)]
            if answer != ["ok"]:
                problems.append(f"{library.database_path}: the library file is damaged "
                                f"({'; '.join(answer[:3])})")
        problem = library.check_index(deep=deep)
        if problem:
            problems.append(f"{library.index_path}: {problem}")
    finally:
        library.close()
    return problems


def rebuild_index(library: Library, cache_only: bool | None = None) -> Path:
    """Rebuild the library's search index from its SQLite file and point `library` at it.

    The index is written into a fresh folder and swapped in whole, so a crash leaves either the
    old index or the new one. It goes into the build folder, or, when that cannot be written
    (always when frozen: the installation folder is not ours to change), into the user cache.
    Safe to run on a worker thread: it opens its own connection to the database. The app runs it
    in a child process instead (`rebuild_index_apart`).

    Args:
        cache_only: write only to the user cache (default: when frozen).

    Returns:
        The folder of the new index (now `library.index_path`).

    Raises:
        LibraryError: the database cannot be read, or no index can be written anywhere.
    """
    from explorer.search.index import build_index

    content_hash = library.meta["content_hash"]
    cache_only = paths.is_frozen() if cache_only is None else cache_only
    targets = [] if cache_only else [library.folder / schema.INDEX_FOLDER]
    targets.append(cached_index_dir(content_hash))
    failure: OSError | None = None
    with _no_full_collections():
        for target in targets:
            try:
                _build_and_swap(lambda folder: build_index(library.database_path, folder,
                                                              BACKGROUND_SORT_MB), target)
            except OSError as exc:   # read-only folder, full disk: try the next place
                failure = exc
                continue
            library.index_path = target
            return target
    raise LibraryError(targets[-1], f"cannot write the search index ({failure})")


def rebuild_index_apart(library: Library) -> Path:
    """`rebuild_index` in a child process (`explorer repair`), pointing `library` at the result.

    The app's way: the window's thread then shares no interpreter lock with the indexing, so the
    event loop keeps running however long the rebuild takes (a worker thread waits for the
    child). The child decides nothing by itself: the cache-only choice is this process's.

    Raises:
        LibraryError: the child failed; its own error message is kept.
    """
    import subprocess
    import sys

    command = [*paths.self_command(), "--library", str(library.folder), "repair"]
    if paths.is_frozen():
        command.append("--cache-only")
    creationflags = 0  # subprocess's default
    if sys.platform == "win32":
        creationflags = subprocess.CREATE_NO_WINDOW
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", creationflags=creationflags)
    if result.returncode != 0:
        said = [line.removeprefix("error: ") for line in (result.stderr or "").splitlines()
                if line.startswith("error: ")]
        raise LibraryError(library.folder, said[0] if said else
                           f"the index rebuild stopped (exit code {result.returncode})")
    library.index_path = choose_index(library.folder, library.meta["content_hash"])
    return library.index_path


@contextlib.contextmanager
def _no_full_collections() -> Iterator[None]:
    """Hold off the garbage collector's full (oldest-generation) passes meanwhile.

    A full pass walks every live object with the GIL held: over the million objects of a big
    rebuild that is 100+ ms in which the window cannot paint. Young passes still run, and
    reference counting frees the rebuild's objects as it goes.
    """
    first, second, third = gc.get_threshold()
    gc.set_threshold(first, second, 1_000_000)
    try:
        yield
    finally:
        gc.set_threshold(first, second, third)


def _build_and_swap(build: Callable[[Path], object], target: Path) -> None:
    """Run `build(folder)` on a fresh folder next to `target`, then swap it in for `target`."""
    import shutil  # here and below: only a rebuild needs them, and start-up imports this module
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    old = target.with_name(f".{target.name}.old-{os.urandom(4).hex()}")
    try:
        build(fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not target.exists():
            old.rename(target)   # put the previous index back rather than leave none
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """Delete what an interrupted rebuild of `target` left next to it (best effort)."""
    import shutil

    if not target.parent.is_dir():
        return
    for child in target.parent.glob(f".{target.name}.*-*"):
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
