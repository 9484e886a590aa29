"""Query fuzzing: whatever is typed, search answers in bounded time, and the CLI prints valid JSON.

Property tests (Hypothesis) on top of the fixed hostile strings in tests/test_search.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.content.model import PHASES, SECTORS
from explorer.search import KINDS, Search
from tests.conftest import ROOT

SECONDS_PER_QUERY = 2.0     # a safety net against hangs, not a benchmark
# The query syntax Whoosh knows, plus words the fixture index holds, so generated queries reach
# the parser's corners (unbalanced quotes and brackets, wildcards, ranges, boosts, fields).
SYNTAX = ['"', "'", "*", "?", "~", "^", ":", "(", ")", "[", "]", "{", "}", "+", "-", "!", "&", "|",
          "\\", "/", " ", " AND ", " OR ", " NOT ", "TO", "title:", "kind:", "body:", "2014",
          "tutoring", "tutor", "EEF", "mobility", "FSM", "é", "ß", "İ", "ﬁ", "\u200b", "\u202e", "\x00",
          "\t", "\n", "🙂"]
TYPED = st.one_of(                                                  # what people type
    st.text(max_size=24),                                           # any unicode at all
    st.lists(st.sampled_from(SYNTAX), max_size=10).map("".join),   # syntax soup
    st.text(alphabet=st.characters(codec="ascii"), max_size=30),
)
PASTED = st.one_of(st.text(min_size=150, max_size=5000),            # past MAX_QUERY_CHARS
                   st.lists(st.sampled_from(SYNTAX), min_size=40, max_size=400).map("".join))
QUERIES = st.one_of(TYPED, TYPED, TYPED, PASTED)
FILTERS = st.fixed_dictionaries({}, optional={
    "kind": st.sampled_from((*KINDS, "", "nope", "report OR 1")),
    "phase": st.sampled_from((*PHASES, "", "x:y", "*")),
    "sector": st.sampled_from((*SECTORS, "", "AND")),
    "year": st.one_of(st.none(), st.integers(-(2 ** 63), 2 ** 63)),
    "limit": st.integers(-5, 200),
    "facets": st.booleans(),
})
# Derandomised: the same examples every run. No shrinking: a slow example is reported as found
# (shrinking a timing failure takes minutes and proves nothing more).
FUZZ = settings(max_examples=10_000, deadline=None, database=None, derandomize=True,
                phases=(Phase.explicit, Phase.generate),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def check_results(results: object, seconds: float, bound: float = SECONDS_PER_QUERY) -> None:
    assert seconds < bound, f"{seconds:.1f} s"
    payload = json.loads(json.dumps(results.as_json(), ensure_ascii=False))  # type: ignore[attr-defined]
    assert payload["total"] >= len(payload["results"]) >= 0


@FUZZ
@given(text=TYPED, typing=st.booleans(), options=FILTERS)
def test_any_typed_query_with_any_filters_answers_in_time(search: Search, text: str, typing: bool,
                                                           options: dict[str, object]) -> None:
    started = time.perf_counter()
    results = search.search(text, typing=typing, **options)  # type: ignore[arg-type]
    check_results(results, time.perf_counter() - started)


@settings(FUZZ, max_examples=60)
@given(text=PASTED, typing=st.booleans(), options=FILTERS)
def test_any_pasted_text_answers_in_time(search: Search, text: str, typing: bool,
                                         options: dict[str, object]) -> None:
    started = time.perf_counter()
    results = search.search(text, typing=typing, **options)  # type: ignore[arg-type]
    check_results(results, time.perf_counter() - started)


CLI_OPTIONS = st.lists(st.sampled_from([
    ["--kind", "report"], ["--kind", "source"], ["--phase", "primary"], ["--sector", "charity"],
    ["--year", "2014"], ["--limit", "0"], ["--limit", "3"], ["--limit", "500"]]), max_size=3)


@settings(FUZZ, max_examples=100)
@given(text=QUERIES, options=CLI_OPTIONS)
def test_cli_search_json_is_always_valid(fixture_library_dir: Path, capsys: pytest.CaptureFixture[str],
                                         text: str, options: list[list[str]]) -> None:
    capsys.readouterr()
    argv = ["--library", str(fixture_library_dir), "search", "--json"]
    for option in options:
        argv += option
    started = time.perf_counter()
    code = main([*argv, "--", text])     # "--": a query may start with "-", like any argument
    assert time.perf_counter() - started < SECONDS_PER_QUERY
    out = capsys.readouterr()
    assert code == 0, out.err
    payload = json.loads(out.out)
    assert {"query", "suggestion", "total", "results", "facets"} <= set(payload)


@pytest.mark.parametrize("text", [
    '"unbalanced (quote AND [range TO', "\u202eevil\u202c ‮ ﷽ 🙂 tutoring*~^2", "-EEF --kind",
    "x" * 10_000,
])
def test_cli_search_json_in_a_real_process(fixture_library_dir: Path, tmp_path: Path, text: str) -> None:
    env = {**os.environ, "REPORT_EXPLORER_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "explorer", "--library", str(fixture_library_dir),
                             "search", "--json", "--", text], capture_output=True, cwd=ROOT, env=env,
                            timeout=60)
    assert time.perf_counter() - started < 30      # a whole process start; generous
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout.decode("utf-8"))
    assert payload["total"] >= len(payload["results"])
