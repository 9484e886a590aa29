"""A damaged library is detected on open, said plainly, and its index rebuilt from the SQLite alone."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer import paths
from explorer.content.build import build_library, is_stale
from explorer.errors import LibraryError
from explorer.integrity import cached_index_dir, rebuild_index, verify
from explorer.library import schema
from explorer.library.index_stamp import EDITION_FILE
from explorer.library.store import Library
from explorer.search.engine import Search
from tests.conftest import GOOD_PACK, make_pack


@pytest.fixture
def library_dir(fixture_library_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the fixture library, free to damage."""
    return Path(shutil.copytree(fixture_library_dir, tmp_path / "library"))


def build_folder(library_dir: Path) -> Path:
    return library_dir / (library_dir / schema.POINTER_FILE).read_text(encoding="utf-8").strip()


def index_dir(library_dir: Path) -> Path:
    return build_folder(library_dir) / schema.INDEX_FOLDER


def segment(library_dir: Path) -> Path:
    return next(index_dir(library_dir).glob("*.seg"))


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _garble_same_size(path: Path) -> None:
    path.write_bytes(bytes((b * 7 + 13) % 256 for b in path.read_bytes()))


def _stamp(**changes: object) -> Callable[[Path], None]:
    def edit(library_dir: Path) -> None:
        path = index_dir(library_dir) / EDITION_FILE
        stamp = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**stamp, **changes}), encoding="utf-8")
    return edit


def test_a_healthy_library_has_no_problems(library_dir: Path) -> None:
    assert verify(library_dir) == []
    assert Library(library_dir).check_index() is None


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda d: _truncate(build_folder(d) / schema.DATABASE_FILE), "the library file is truncated"),
    (lambda d: _truncate(build_folder(d) / schema.DATABASE_FILE, 0.999), "the library file is truncated"),
    (lambda d: (build_folder(d) / schema.DATABASE_FILE).write_bytes(b"not a database" * 100),
     "not an SQLite database"),
    (lambda d: (build_folder(d) / schema.DATABASE_FILE).write_bytes(b""), "not an SQLite database"),
], ids=["half", "last-page", "garbage", "empty"])
def test_a_damaged_database_refuses_to_open(library_dir: Path, damage: Callable[[Path], None],
                                            expected: str) -> None:
    damage(library_dir)
    with pytest.raises(LibraryError, match=expected):
        Library(library_dir)
    [problem] = verify(library_dir)
    assert expected in problem and schema.DATABASE_FILE in problem


INDEX_DAMAGE: list[tuple[str, Callable[[Path], None], str]] = [
    ("missing", lambda d: shutil.rmtree(index_dir(d)), "the search index is missing"),
    ("empty-folder", lambda d: [p.unlink() for p in index_dir(d).iterdir()],
     "incomplete or damaged (its edition.json is missing"),
    ("unfinished", lambda d: (index_dir(d) / EDITION_FILE).unlink(), "incomplete or damaged"),
    ("stamp-garbage", lambda d: (index_dir(d) / EDITION_FILE).write_text("{", encoding="utf-8"),
     "incomplete or damaged"),
    ("segment-truncated", lambda d: _truncate(segment(d)), "is damaged (MAIN_"),
    ("segment-deleted", lambda d: segment(d).unlink(), "is missing"),
    ("toc-deleted", lambda d: next(index_dir(d).glob("*.toc")).unlink(), "is missing"),
    ("older-index-version", _stamp(index_version=0), "made by another version of the app (index version 0"),
    ("older-schema-version", _stamp(schema_version=1), "made by another version of the app (schema version 1"),
    ("other-edition", _stamp(content_hash="0" * 64), "belongs to another edition of the report"),
]


@pytest.mark.parametrize(("damage", "expected"), [c[1:] for c in INDEX_DAMAGE], ids=[c[0] for c in INDEX_DAMAGE])
def test_a_damaged_index_is_detected_on_open_and_rebuilt(library_dir: Path, damage: Callable[[Path], None],
                                                         expected: str) -> None:
    damage(library_dir)
    library = Library(library_dir)                 # the database is fine: reading works
    assert expected in (library.check_index() or "")
    assert any(expected in p for p in verify(library_dir))
    assert is_stale(GOOD_PACK, library_dir)        # `explorer build --if-stale` rebuilds it too
    assert rebuild_index(library) == index_dir(library_dir)
    assert library.check_index(deep=True) is None and verify(library_dir) == []
    assert Search(library.index_path).search("tutoring").total > 0
    assert [p.name for p in index_dir(library_dir).parent.iterdir() if p.name.startswith(".")] == []


def test_same_size_corruption_is_caught_by_the_deep_check(library_dir: Path) -> None:
    _garble_same_size(segment(library_dir))
    library = Library(library_dir)
    assert library.check_index() is None            # sizes match: the quick check cannot know
    assert "the search index is damaged" in (library.check_index(deep=True) or "")
    with pytest.raises(LibraryError):
        Search(library.index_path).search("tutoring")
    rebuild_index(library)
    assert verify(library_dir) == []


def test_an_index_from_another_edition_is_refused(library_dir: Path, tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    (pack / "report" / "02-second.md").write_text("---\ntitle: Other\n---\nAnother edition.\n",
                                                  encoding="utf-8")
    other = build_library(pack, tmp_path / "other")
    shutil.rmtree(index_dir(library_dir))
    shutil.copytree(other.path / schema.INDEX_FOLDER, index_dir(library_dir))
    assert "another edition" in (Library(library_dir).check_index() or "")


def test_frozen_rebuilds_into_the_user_cache(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    shutil.rmtree(index_dir(library_dir))
    library = Library(library_dir)
    target = rebuild_index(library)
    assert target == cached_index_dir(library.meta["content_hash"]) == library.index_path
    assert target.is_relative_to(paths.cache_dir())
    assert not index_dir(library_dir).exists()      # the installation folder was not touched
    reopened = Library(library_dir)                 # the next start finds the cached copy
    assert reopened.index_path == target and reopened.check_index() is None
    assert Search(reopened.index_path).search("tutoring").total > 0


def test_read_only_build_folder_falls_back_to_the_cache(library_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = build_folder(library_dir)
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(prefix: str, dir: Path) -> str:  # noqa: A002 - tempfile's own name
        if Path(dir) == folder:
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkdtemp(prefix=prefix, dir=dir)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    shutil.rmtree(index_dir(library_dir))
    library = Library(library_dir)
    assert rebuild_index(library).parent == paths.cache_dir()
    assert library.check_index() is None


def test_nowhere_to_write_is_a_library_error(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(prefix: str, dir: Path) -> str:  # noqa: A002
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    library = Library(library_dir)
    with pytest.raises(LibraryError, match="cannot write the search index"):
        rebuild_index(library)
    assert library.check_index() is None            # the old index is still there and in use


def test_a_failed_rebuild_keeps_the_old_index(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(database: Path, folder: Path, limitmb: int = 0) -> int:
        (Path(folder) / "half-written").write_text("x")
        raise RuntimeError("killed")

    monkeypatch.setattr("explorer.search.index.build_index", boom)
    library = Library(library_dir)
    with pytest.raises(RuntimeError):
        rebuild_index(library)
    assert verify(library_dir) == []
    assert {p.name for p in build_folder(library_dir).iterdir()} == {schema.DATABASE_FILE,
                                                                     schema.INDEX_FOLDER}


def test_leftovers_of_a_killed_rebuild_are_removed(library_dir: Path) -> None:
    stale = build_folder(library_dir) / ".index.tmp-dead"
    (stale / "sub").mkdir(parents=True)
    rebuild_index(Library(library_dir))
    assert not stale.exists()
