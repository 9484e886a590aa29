"""Building a library: what it holds, and that a failed build never harms the previous one."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.content.build import build_library, is_stale
from explorer.errors import ContentErrors
from explorer.library.store import Library
from explorer.search.engine import Search
from tests.conftest import GOOD_PACK, make_pack


def test_build_counts(tmp_path: Path) -> None:
    result = build_library(GOOD_PACK, tmp_path / "lib")
    assert result.counts == {"chapters": 3, "sections": 7, "sources": 3, "stakeholders": 3,
                             "links": 2, "citations": 6, "paragraphs": 7, "figures": 1,
                             "glossary_terms": 2}
    assert (result.path / "library.sqlite").is_file()
    assert (result.path / "index").is_dir()


def test_failed_build_leaves_previous_library(tmp_path: Path) -> None:
    out = tmp_path / "lib"
    first = build_library(GOOD_PACK, out)
    with pytest.raises(ContentErrors):
        build_library(make_pack(tmp_path, "unknown-citation"), out)
    library = Library(out)
    assert library.folder == first.path
    assert Search(library.index_path).search("tutoring").total > 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".tmp-")] == []


def test_rebuild_replaces_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "lib"
    first = build_library(GOOD_PACK, out)
    (out / ".tmp-left-by-a-killed-build").mkdir()
    second = build_library(GOOD_PACK, out)
    assert second.path != first.path
    assert not first.path.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(["CURRENT", second.path.name])


def test_staleness_follows_content(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    out = tmp_path / "lib"
    assert is_stale(pack, out)
    build_library(pack, out)
    assert not is_stale(pack, out)
    chapter = pack / "report" / "02-second.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert is_stale(pack, out)

