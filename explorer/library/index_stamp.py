"""The search index's stamp (edition.json): which schema, index format and content it was made
for, and the size of each of its files. Checking it needs no Whoosh, so the app can check its
index before the window first paints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EDITION_FILE = "edition.json"
INDEX_VERSION = 2   # bump when explorer.search.index's schema() or what goes into the index changes


def _edition(content_hash: str) -> dict[str, Any]:
    from explorer.library.schema import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "index_version": INDEX_VERSION,
            "content_hash": content_hash}


def _index_files(index_dir: Path) -> dict[str, int]:
    """The index's files and their sizes (the lock file is empty and comes and goes)."""
    return {p.name: p.stat().st_size for p in sorted(index_dir.iterdir())
            if p.is_file() and p.name != EDITION_FILE and not p.name.endswith("_WRITELOCK")}


def write_stamp(index_dir: Path, content_hash: str) -> None:
    stamp = {**_edition(content_hash), "files": _index_files(index_dir)}
    temp = index_dir / f".{EDITION_FILE}.tmp"
    temp.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    temp.replace(index_dir / EDITION_FILE)


def index_problem(index_dir: Path, content_hash: str, deep: bool = False) -> str | None:
    """What is wrong with the index in `index_dir` for the library `content_hash`, or None.

    The quick check reads edition.json and compares file sizes (no Whoosh import: it runs before
    the first paint); `deep` also opens the index and reads every document's stored fields.
    """
    index_dir = Path(index_dir)
    if not index_dir.is_dir():
        return "the search index is missing"
    try:
        stamp = json.loads((index_dir / EDITION_FILE).read_text(encoding="utf-8"))
        files = dict(stamp["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return "the search index is incomplete or damaged (its edition.json is missing or unreadable)"
    expected = _edition(content_hash)
    for key in ("schema_version", "index_version"):
        if stamp.get(key) != expected[key]:
            return (f"the search index was made by another version of the app ({key.replace('_', ' ')} "
                    f"{stamp.get(key)}, this app needs {expected[key]})")
    if stamp.get("content_hash") != content_hash:
        return "the search index belongs to another edition of the report"
    found = _index_files(index_dir)
    for name, size in files.items():
        if name not in found:
            return f"the search index is damaged ({name} is missing)"
        if found[name] != size:
            return f"the search index is damaged ({name} has changed size)"
    if deep:
        from whoosh import index

        try:
            ix = index.open_dir(str(index_dir))
            try:
                with ix.searcher() as searcher:
                    for _ in searcher.all_stored_fields():
                        pass
            finally:
                ix.close()
        except Exception as exc:  # whoosh raises many kinds for a damaged index
            return f"the search index is damaged ({type(exc).__name__}: {exc})"
    return None


def cached_index_dir(content_hash: str) -> Path:
    """Where a rebuilt index goes when the build folder cannot be written (frozen installs)."""
    from explorer import paths

    return paths.cache_dir() / f"index-{content_hash[:16]}"


def choose_index(build_folder: Path, content_hash: str) -> Path:
    """The index a library should open: its build's own, unless that one fails the quick check
    and a rebuilt copy in the user cache passes it. Cheap (no Whoosh import)."""
    from explorer.library.schema import INDEX_FOLDER

    own = Path(build_folder) / INDEX_FOLDER
    if index_problem(own, content_hash) is None:
        return own
    cached = cached_index_dir(content_hash)
    if cached.is_dir() and index_problem(cached, content_hash) is None:
        return cached
    return own
