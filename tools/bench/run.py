"""The whole run: every figure of bench-results.json, measured in one go."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.bench import ROOT
from tools.bench.memory import peak_rss_mb, window_rss_mb
from tools.bench.packs import grid_layout_for_big_packs, make_synthetic_pack, synthetic_documents
from tools.bench.queries import compare_with_fts5, query_set, search_figures
from tools.bench.sizes import dir_mb
from tools.bench.startup import FLOOR_SCRIPT, frozen_figures, startup_env, startup_figures

DEFAULT_FACTORS = {"search_10x": 10, "search_100x": 100}
FULL_BUILD_LIMIT = 100  # synthetic packs up to this factor go through the real build, larger ones
                        # are only indexed (documents made directly)


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(content_dir: Path = ROOT / "content", *, factors: dict[str, int] | None = None, rounds: int = 5,
        big_rounds: int = 1, startup_runs: int = 11, startup: bool = True, dist: Path = ROOT / "dist",
        work: Path | None = None, quiet: bool = False, query_count: int | None = None) -> dict[str, Any]:
    """Measure everything; returns the figures (the keys of bench-results.json).

    `query_count` runs only the first queries of the set (for tests: the figures then do not
    compare with the real ones).
    """
    factors = DEFAULT_FACTORS if factors is None else factors
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="explorer-bench-")) if work is None else Path(work)
    queries = query_set()[:query_count]
    notes: list[str] = []
    results: dict[str, Any] = {}
    try:
        _log("building the shipped pack", quiet)
        started = time.perf_counter()
        from explorer.content.build import build_library

        built = build_library(content_dir, work / "library")
        results["build_s"] = round(time.perf_counter() - started, 2)
        results["library_mb"] = dir_mb(built.path)
        results["index_mb"] = dir_mb(built.path / "index")

        _log(f"searching the shipped pack ({len(queries)} queries x {rounds} rounds)", quiet)
        shipped = search_figures(work / "library", queries, rounds, work / "fts5")
        documents = {"shipped": shipped.pop("documents")}
        groups = {"shipped": shipped.pop("groups")}
        results["search"] = shipped

        synthetic: dict[str, str] = {}
        for key, factor in factors.items():
            label = key.removeprefix("search_")
            big = factor > FULL_BUILD_LIMIT
            size_rounds = big_rounds if factor > 10 else rounds
            if big:
                _log(f"{label}: indexing {factor}x the shipped documents", quiet)
                figures, seconds = _index_only(built.path, work / label, factor, queries, size_rounds)
                synthetic[label] = f"index only, from {factor}x the search documents ({seconds:.0f} s to index)"
            else:
                _log(f"{label}: building a {factor}x pack", quiet)
                pack = make_synthetic_pack(content_dir, work / f"content-{label}", factor)
                started = time.perf_counter()
                with grid_layout_for_big_packs():
                    build_library(pack, work / f"library-{label}")
                seconds = time.perf_counter() - started
                _log(f"{label}: searching ({size_rounds} rounds)", quiet)
                figures = search_figures(work / f"library-{label}", queries, size_rounds, work / label)
                synthetic[label] = f"full build of a {factor}x pack ({seconds:.0f} s)"
                results[f"build_{label}_s"] = round(seconds, 1)
                if factor == max(factors.values()):
                    results[f"peak_rss_{label}_mb"] = peak_rss_mb(work / f"library-{label}", query_count)
                    # Rebuilding this index on the app's worker thread: the longest the event loop
                    # went without a timer tick (docs/reliability.md, promise 8).
                    _log(f"{label}: rebuilding its index beside a running event loop", quiet)
                    from tools.responsiveness import measure_in_child

                    results["index_rebuild_ui"] = {"factor": factor, **measure_in_child(work / f"library-{label}")}
                shutil.rmtree(work / f"content-{label}", ignore_errors=True)
                shutil.rmtree(work / f"library-{label}", ignore_errors=True)
            documents[label] = figures.pop("documents")
            groups[label] = figures.pop("groups")
            results[key] = figures

        _log("start-up", quiet)
        if startup:
            results["startup"], note = startup_figures(work / "library", startup_runs, work / "home")
            notes.append(f"startup: {note}")
            if results["startup"]:
                env = startup_env(work / "home")
                results["app_rss_at_paint_mb"] = window_rss_mb(
                    [sys.executable, "-m", "explorer", "--library", str(work / "library"), "open",
                     "--quit-after-paint"], env)
                results["floor_rss_at_paint_mb"] = window_rss_mb([sys.executable, "-c", FLOOR_SCRIPT], env)
        else:
            results["startup"] = None
            notes.append("startup: skipped")
        results["frozen_startup"], results["bundle_mb"], note = frozen_figures(
            dist, work / "library", startup_runs, work / "home")
        if note:
            notes.append(f"frozen: {note}")

        _log("peak memory", quiet)
        results["peak_rss_mb"] = peak_rss_mb(work / "library", query_count)
        results["meta"] = {
            "when": time.strftime("%Y-%m-%d %H:%M", time.localtime()),
            "python": platform.python_version(), "machine": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(), "queries": len(queries), "rounds": rounds, "big_rounds": big_rounds,
            "documents": documents, "p95_by_group": groups, "synthetic": synthetic,
            "build_counts": built.counts, "notes": notes,
        }
        return results
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)


def _index_only(shipped_build: Path, work: Path, factor: int, queries: list[tuple[str, bool]],
                rounds: int) -> tuple[dict[str, Any], float]:
    from explorer.library.store import Library
    from explorer.search.index import alias_map, write_index

    library = Library(shipped_build)
    try:
        docs, aliases = synthetic_documents(library.search_documents(), alias_map(library), factor)
    finally:
        library.close()
    started = time.perf_counter()
    write_index(docs, aliases, work / "index")
    seconds = time.perf_counter() - started
    return compare_with_fts5(work / "index", docs, aliases, queries, rounds, work), seconds
