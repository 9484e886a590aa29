"""The benchmark's pieces on the tiny fixture pack: shapes and plumbing, never timings."""

from __future__ import annotations

import json
import random
import signal
import stat
import sys
from pathlib import Path

import pytest

from explorer.content.load import load_content
from explorer.library.store import Library
from explorer.search.engine import Search
from explorer.search.index import alias_map
from tests.conftest import GOOD_PACK
from tools.bench import packs
from tools.bench.fts5 import Fts5Search
from tools.bench.packs import make_synthetic_pack, shuffle_words, synthetic_documents
from tools.bench.queries import TYPED, percentile, query_groups, query_set, search_figures
from tools.bench.report import render_table
from tools.bench.run import run
from tools.bench.startup import FLOOR_SCRIPT, frozen_figures, startup_env, time_to_first_paint

FOUR = {"median_ms", "p95_ms", "fts5_median_ms", "fts5_p95_ms"}


def test_query_set_has_every_kind_and_every_typed_prefix() -> None:
    queries = query_set()
    assert len(queries) >= 60
    assert len(query_groups()) == len(queries)
    assert set(query_groups()) == {"single word", "two words", "phrase", "acronym", "misspelling",
                                   "typing"}
    for phrase in TYPED:
        assert all((phrase[:n], True) in queries for n in range(1, len(phrase) + 1))


def test_percentile_is_a_measured_value() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0


def test_shuffled_words_keep_the_markup() -> None:
    line = "Tutoring helps poorer pupils most [@eef-toolkit, p. 4] says the [[eef|Foundation]] (see [this](https://x.org/a))."
    out = shuffle_words(line, random.Random(1))
    for token in ("[@eef-toolkit, p. 4]", "[[eef|Foundation]]", "(https://x.org/a)"):
        assert token in out
    assert sorted(packs._SHUFFLED_WORD.findall(packs._PROTECTED.sub(" ", out))) == \
        sorted(packs._SHUFFLED_WORD.findall(packs._PROTECTED.sub(" ", line)))


def test_synthetic_pack_is_valid_and_bigger(tmp_path: Path) -> None:
    original = load_content(GOOD_PACK)
    pack = make_synthetic_pack(GOOD_PACK, tmp_path / "pack", 3)
    bigger = load_content(pack)  # raises if any citation, mention or anchor is broken
    assert len(bigger.sources) == 3 * len(original.sources)
    assert len(bigger.stakeholders) == 3 * len(original.stakeholders)
    assert len(bigger.links) == 3 * len(original.links)
    sections = sum(len(c.sections) for c in bigger.chapters)
    assert sections >= 3 * sum(len(c.sections) for c in original.chapters)


def test_fts5_baseline_does_the_same_job(tmp_path: Path, fixture_library_dir: Path) -> None:
    library = Library(fixture_library_dir)
    documents, aliases = library.search_documents(), alias_map(library)
    library.close()
    fts = Fts5Search(tmp_path / "fts.sqlite", documents, aliases)
    try:
        total, rows = fts.search("tutoring")
        assert total > 0 and "<b>" in rows[0][5]
        assert fts.search("tutori", typing=False)[0] == 0
        assert fts.search("tutori", typing=True)[0] > 0
        assert fts.search('"small groups"')[0] > 0
        assert fts.search("EEF")[0] > 0
        assert fts.search('"unbalanced AND ( [')[0] >= 0   # odd input never raises
        total, rows = fts.search("tutoring", limit=3, snippets=1)
        assert len(rows) <= 3 and all(r[5] == "" for r in rows[1:])
    finally:
        fts.close()


def test_search_figures_shape(tmp_path: Path, fixture_library_dir: Path) -> None:
    figures = search_figures(fixture_library_dir, query_set()[:12], 1, tmp_path)
    assert set(figures) >= FOUR
    assert figures["documents"] > 0
    assert all(figures[k] >= 0 for k in FOUR)


def test_synthetic_documents_multiply() -> None:
    docs = [{"id": "a", "kind": "report", "title": "Early years", "context": "", "body": "Words here and there",
             "aliases": "EY", "tags": "", "phases": [], "sector": "", "year": None, "location": "a"}]
    many, aliases = synthetic_documents(docs, {"ey": "early years"}, 4)
    assert len(many) == 4 and len({d["id"] for d in many}) == 4
    assert "ey3" in aliases


def _fake_bundle(folder: Path, name: str) -> None:
    folder.mkdir(parents=True)
    exe = folder / name
    exe.write_text("#!/bin/sh\necho first-paint\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-ins for bundles")
def test_frozen_hook_reads_bundles_in_dist(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    assert frozen_figures(dist, tmp_path, 1, tmp_path / "home")[:2] == (None, None)
    _fake_bundle(dist / "report-explorer-1.0.0", "report-explorer")
    _fake_bundle(dist / "floor", "floor")
    startup, size, _ = frozen_figures(dist, tmp_path, 1, tmp_path / "home")
    assert startup is not None and set(startup) == {"app_ms", "floor_ms", "ratio"}
    assert size is not None and set(size) == {"app", "floor", "ratio"}


def test_floor_window_paints(tmp_path: Path) -> None:
    ms = time_to_first_paint([sys.executable, "-c", FLOOR_SCRIPT], startup_env(tmp_path))
    assert ms > 0


def test_run_writes_every_key(tmp_path: Path) -> None:
    results = run(GOOD_PACK, factors={"search_10x": 2, "search_100x": 3}, rounds=1, big_rounds=1,
                  startup=False, dist=tmp_path / "dist", work=tmp_path / "work", quiet=True,
                  query_count=20)
    json.loads(json.dumps(results))  # plain JSON
    for key in ("search", "search_10x", "search_100x"):
        assert set(results[key]) >= FOUR
    for key in ("build_s", "library_mb", "index_mb", "peak_rss_mb"):
        assert isinstance(results[key], float) and results[key] > 0
    assert results["startup"] is None and results["frozen_startup"] is None and results["bundle_mb"] is None
    table = render_table(results)
    assert "search, shipped" in table and "peak RSS" in table and "n/a" in table


class _Hung(BaseException):
    """Not an Exception: Search.search answers those with no results."""


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_every_benchmark_query_answers_on_the_shipped_pack(real_search: Search) -> None:
    def hung(*_: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    try:
        for text, typing in query_set():
            signal.setitimer(signal.ITIMER_REAL, 5.0)
            try:
                real_search.search(text, limit=20, snippets=10, typing=typing)
            except _Hung:
                pytest.fail(f"search for {text!r} (typing={typing}) did not return within 5 s")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
