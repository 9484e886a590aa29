"""Query fuzzing: whatever is typed, search answers in bounded time with an answer that holds
against the library, a document's own rare words find it, and the CLI prints the same answer as JSON.

Property tests (Hypothesis) on top of the fixed hostile strings in tests/search/test_engine.py.
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
from explorer.search.engine import Search
from explorer.search.index import KINDS
from tests.conftest import ROOT
from tests.helpers.search_checks import Catalogue, check_answer, rare_words

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



@FUZZ
@given(text=TYPED, typing=st.booleans(), options=FILTERS)
def test_any_typed_query_with_any_filters_answers_in_time(search: Search, fixture_catalogue: Catalogue,
                                                           text: str, typing: bool,
                                                           options: dict[str, object]) -> None:
    started = time.perf_counter()
    results = search.search(text, typing=typing, **options)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    assert seconds < SECONDS_PER_QUERY, f"{seconds:.1f} s"
    check_answer(results, fixture_catalogue, **options)  # type: ignore[arg-type]


@settings(FUZZ, max_examples=60)
@given(text=PASTED, typing=st.booleans(), options=FILTERS)
def test_any_pasted_text_answers_in_time(search: Search, fixture_catalogue: Catalogue, text: str,
                                         typing: bool, options: dict[str, object]) -> None:
    started = time.perf_counter()
    results = search.search(text, typing=typing, **options)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    assert seconds < SECONDS_PER_QUERY, f"{seconds:.1f} s"
    check_answer(results, fixture_catalogue, **options)  # type: ignore[arg-type]


# Between a document's own rare words: what people type to find one thing again.
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", ", ", "; ", " / ", " AND ", " OR ", " + "])


def rare_words_by_document(search: Search, cat: Catalogue) -> dict[str, list[str]]:
    found = {i: rare_words(search, d) for i, d in sorted(cat.documents.items())}
    return {i: words for i, words in found.items() if words}


@pytest.fixture(scope="module")
def fixture_rare_words(search: Search, fixture_catalogue: Catalogue) -> dict[str, list[str]]:
    return rare_words_by_document(search, fixture_catalogue)


@pytest.fixture(scope="module")
def real_rare_words(real_search: Search, real_catalogue: Catalogue) -> dict[str, list[str]]:
    return rare_words_by_document(real_search, real_catalogue)


def check_rare_words_find_their_document(search: Search, cat: Catalogue, rare: dict[str, list[str]],
                                         data: st.DataObject) -> None:
    """1-3 of a document's rare words (in any case, any separator; the last cut short while
    typing) find it, and need no "did you mean"."""
    assert len(rare) > len(cat.documents) / 2
    doc_id = data.draw(st.sampled_from(sorted(rare)), label="document")
    words = data.draw(st.lists(st.sampled_from(rare[doc_id]), min_size=1, max_size=3, unique=True))
    words = [data.draw(st.sampled_from([w, w.lower(), w.upper()])) if w.isascii() else w
             for w in words]
    typing = data.draw(st.booleans(), label="typing")
    if typing:
        words[-1] = words[-1][:data.draw(st.integers(3, len(words[-1])))]
    text = words[0]
    for word in words[1:]:
        text += data.draw(SEPARATORS) + word
    everything = len(cat.indexed)
    results = search.search(text, typing=typing, limit=everything, snippets=0)
    assert doc_id in {h.id for h in results.hits}, (text, results.total)
    assert results.suggestion is None
    check_answer(results, cat, limit=everything)


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_a_documents_own_rare_words_find_it(search: Search, fixture_catalogue: Catalogue,
                                            fixture_rare_words: dict[str, list[str]],
                                            data: st.DataObject) -> None:
    check_rare_words_find_their_document(search, fixture_catalogue, fixture_rare_words, data)


@settings(FUZZ, max_examples=400)
@given(data=st.data())
def test_a_real_documents_own_rare_words_find_it(real_search: Search, real_catalogue: Catalogue,
                                                 real_rare_words: dict[str, list[str]],
                                                 data: st.DataObject) -> None:
    check_rare_words_find_their_document(real_search, real_catalogue, real_rare_words, data)


CLI_OPTIONS = st.lists(st.sampled_from([
    ["--kind", "report"], ["--kind", "source"], ["--phase", "primary"], ["--sector", "charity"],
    ["--year", "2014"], ["--limit", "0"], ["--limit", "3"], ["--limit", "500"]]), max_size=3)


def in_process(search: Search, text: str, options: list[list[str]]) -> dict[str, object]:
    """What `explorer search --json` must print: the library call's answer, as JSON."""
    kwargs: dict[str, object] = {"limit": 10}
    for flag, value in options:
        kwargs[flag.lstrip("-")] = int(value) if flag in ("--year", "--limit") else value
    limit = int(kwargs.pop("limit"))  # type: ignore[call-overload]
    results = search.search(text, limit=max(limit, 0), snippets=limit, facets=True,
                            **kwargs)  # type: ignore[arg-type]
    return json.loads(json.dumps(results.as_json(), ensure_ascii=False))  # type: ignore[no-any-return]


@settings(FUZZ, max_examples=100)
@given(text=QUERIES, options=CLI_OPTIONS)
def test_cli_search_json_is_always_valid(fixture_library_dir: Path, search: Search,
                                         fixture_catalogue: Catalogue,
                                         capsys: pytest.CaptureFixture[str],
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
    assert payload == in_process(search, text, options)
    assert {r["id"] for r in payload["results"]} <= fixture_catalogue.indexed


@pytest.mark.parametrize(("text", "found"), [
    ('"unbalanced (quote AND [range TO', set()),
    ('(pilot [TO "', {"report/opening#case-study-tutoring-pilot"}),
    ("\u202eevil\u202c ‮ ﷽ 🙂 mobility~^2", {"report/opening#places", "report/second",
                                              "stakeholder:sutton-trust", "source:chetty-2014"}),
    ("-EEF --kind", {"stakeholder:eef", "source:eef-toolkit", "report/opening#tutoring-in-small-groups",
                     "summary/opening-summary", "report/opening#case-study-tutoring-pilot"}),
    ("NOT NOT pilot", {"report/opening#case-study-tutoring-pilot"}),
    ("x" * 10_000, set()),
])
def test_cli_search_json_in_a_real_process(fixture_library_dir: Path, search: Search, tmp_path: Path,
                                           text: str, found: set[str]) -> None:
    env = {**os.environ, "REPORT_EXPLORER_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "explorer", "--library", str(fixture_library_dir),
                             "search", "--json", "--", text], capture_output=True, cwd=ROOT, env=env,
                            timeout=60)
    assert time.perf_counter() - started < 30      # a whole process start; generous
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout.decode("utf-8"))
    assert {r["id"] for r in payload["results"]} == found
    assert payload["total"] == len(found)
    assert payload == in_process(search, text, [])
