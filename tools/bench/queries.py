"""The fixed query set, and its timing through `Search.search` against the FTS5 baseline."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tools.bench.fts5 import Fts5Search

SINGLE_WORDS = ("tutoring", "mobility", "apprenticeships", "poverty", "phonics", "attainment",
                "universities", "careers", "funding", "disadvantaged", "literacy", "mentoring",
                "teachers", "earnings")
TWO_WORDS = ("early years", "pupil premium", "free meals", "teaching assistants",
             "social mobility", "school funding", "higher education", "graduate earnings",
             "reading gap", "youth employment", "London schools", "breakfast clubs")
PHRASES = ('"social mobility commission"', '"free school meals"', '"pupil premium"',
           '"disadvantage gap"', '"early years foundation stage"', '"national tutoring programme"',
           '"months of learning"')
ACRONYMS = ("EEF", "DfE", "SMC", "FSM", "EPI", "IFS", "EYFS", "OECD", "NEET", "KS2")
MISSPELLINGS = ("tutorng", "mobilty", "apprenticeshp", "povrety", "univercity", "dissadvantaged",
                "literacey", "scholls")
# Typed character by character into the search box: every prefix is one query (typing=True).
TYPED = ("what works in tutoring", "pupil premium spending", "early language",
         "education endowment foundation", "careers guidance in schools")


GROUPS = {"single word": SINGLE_WORDS, "two words": TWO_WORDS, "phrase": PHRASES, "acronym": ACRONYMS,
          "misspelling": MISSPELLINGS}


def query_set() -> list[tuple[str, bool]]:
    """The fixed queries as (text, typing), in the order they are run."""
    queries = [(q, False) for group in GROUPS.values() for q in group]
    for phrase in TYPED:
        queries.extend((phrase[:n], True) for n in range(1, len(phrase) + 1))
    return queries


def query_groups() -> list[str]:
    """The group of each query of `query_set()`, in the same order."""
    return [name for name, group in GROUPS.items() for _ in group] + ["typing"] * sum(len(p) for p in TYPED)


def percentile(values: Iterable[float], fraction: float) -> float:
    """Nearest-rank percentile (0 < fraction <= 1): a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def time_queries(run: Callable[[str, bool], Any], queries: list[tuple[str, bool]],
                 rounds: int) -> list[float]:
    """Milliseconds per query over `rounds` passes of the set, after one unmeasured warm-up pass."""
    for text, typing in queries:
        run(text, typing)
    samples: list[float] = []
    clock = time.perf_counter
    for _ in range(rounds):
        for text, typing in queries:
            started = clock()
            run(text, typing)
            samples.append((clock() - started) * 1000.0)
    return samples



def search_figures(library_dir: Path, queries: list[tuple[str, bool]], rounds: int,
                   work: Path) -> dict[str, Any]:
    """Median and p95 of the query set through `Search.search`, and through FTS5, on one library."""
    from explorer.library.store import Library
    from explorer.search.index import alias_map

    library = Library(library_dir)
    try:
        documents = library.search_documents()
        aliases = alias_map(library)
        index_path = library.index_path
    finally:
        library.close()
    return compare_with_fts5(index_path, documents, aliases, queries, rounds, work)


def compare_with_fts5(index_path: Path, documents: list[dict[str, Any]], aliases: dict[str, str],
                      queries: list[tuple[str, bool]], rounds: int, work: Path) -> dict[str, Any]:
    """The query set through our search (one searcher, reused, as the app does) and through FTS5."""
    from explorer.search.engine import Search

    search = Search(index_path)
    try:
        whoosh = time_queries(lambda t, typing: search.search(t, limit=20, snippets=10, typing=typing),
                              queries, rounds)
    finally:
        search.close()
    fts5 = fts5_samples(documents, aliases, queries, rounds, work)
    return {**summarise(whoosh, fts5, len(queries)), "documents": len(documents)}


def fts5_samples(documents: list[dict[str, Any]], aliases: dict[str, str],
                 queries: list[tuple[str, bool]], rounds: int, work: Path) -> list[float]:
    work.mkdir(parents=True, exist_ok=True)
    path = work / "fts5.sqlite"
    path.unlink(missing_ok=True)
    Fts5Search(path, documents, aliases).close()
    fts = Fts5Search(path, aliases=aliases)  # reopened, as an app would open it
    try:
        return time_queries(lambda t, typing: fts.search(t, limit=20, snippets=10, typing=typing),
                            queries, rounds)
    finally:
        fts.close()


def summarise(whoosh: list[float], fts5: list[float], count: int) -> dict[str, Any]:
    """The four figures, and (under "groups", moved to meta by `run`) the p95 of each query group
    (samples are rounds of the first `count` queries of the set)."""
    groups = query_groups()[:count]
    by_group: dict[str, dict[str, float]] = {}
    if len(whoosh) % len(groups) == 0 and len(fts5) % len(groups) == 0:
        for name in dict.fromkeys(groups):
            mine = [t for i, t in enumerate(whoosh) if groups[i % len(groups)] == name]
            theirs = [t for i, t in enumerate(fts5) if groups[i % len(groups)] == name]
            by_group[name] = {"p95_ms": round(percentile(mine, 0.95), 2),
                              "fts5_p95_ms": round(percentile(theirs, 0.95), 2)}
    return {"median_ms": round(statistics.median(whoosh), 2), "p95_ms": round(percentile(whoosh, 0.95), 2),
            "fts5_median_ms": round(statistics.median(fts5), 2),
            "fts5_p95_ms": round(percentile(fts5, 0.95), 2), "groups": by_group}

