"""Search: ranking, stemming, phrases, typing prefixes, acronyms, suggestions, facets, odd input."""

from __future__ import annotations

import pytest

from explorer.search import MAX_QUERY_CHARS, Search, clean_query, make_snippet


def ids(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.id for h in results.hits]


def test_stemming_finds_other_forms(search: Search) -> None:
    assert "report/opening#places" in ids(search.search("mobilities"))


def test_phrase_query(search: Search) -> None:
    assert ids(search.search('"small groups"'))[:1] == ["report/opening#tutoring-in-small-groups"]
    assert search.search('"groups small"').total == 0


def test_prefix_while_typing(search: Search) -> None:
    assert search.search("tutori", typing=False).total == 0
    assert search.search("tutori", typing=True).total > 0


def test_acronym_finds_organisation_first(search: Search) -> None:
    results = search.search("EEF")
    assert ids(results)[0] == "stakeholder:eef"
    # sections that spell the name out are found too
    assert "report/opening#case-study-tutoring-pilot" in ids(results)


def test_title_outranks_body(search: Search) -> None:
    assert ids(search.search("mobility"))[0] == "report/opening#places"


def test_did_you_mean_uses_index_words(search: Search) -> None:
    results = search.search("tutorng")
    assert results.total == 0
    assert results.suggestion == "tutoring"
    assert search.search("tutoring").suggestion is None


def test_filters_and_facets(search: Search) -> None:
    results = search.search("tutoring", kind="summary")
    assert {h.kind for h in results.hits} == {"summary"}
    assert search.search("education", sector="charity").hits[0].id == "stakeholder:eef"
    facets = search.search("tutoring", facets=True).facets
    assert facets["kind"]["report"] >= 3
    assert facets["kind"]["source"] == 1


def test_snippet_highlights_matches(search: Search) -> None:
    hit = search.search("tutoring").hits[0]
    assert "<b>" in hit.snippet and "utoring</b>" in hit.snippet


def test_only_shown_results_get_snippets(search: Search) -> None:
    results = search.search("tutoring", snippets=1)
    assert results.hits[0].snippet and not any(h.snippet for h in results.hits[1:])


@pytest.mark.parametrize(("body", "expected"), [
    ("Tutoring works well.", "<b>Tutoring</b> works well."),
    ("a < b & tutoring", "a &lt; b &amp; <b>tutoring</b>"),
    ("nothing here", "nothing here"),
])
def test_make_snippet(body: str, expected: str) -> None:
    import re

    assert make_snippet(body, re.compile(r"\btutor\w*", re.IGNORECASE)) == expected


HOSTILE = [
    "", " ", '"', '"unbalanced', "(((", ")", "[", "]]", "{", "AND", "OR", "NOT", "AND OR NOT",
    "*", "**", "?", "tutoring AND", "OR tutoring", "-", "+", "title:", ":", "kind:report",
    "tutoring^", "tutoring~", "tutoring~x", "'", "\\", "/", "a" * 10_000,
    "tutoring " * 2_000, "\x00\x01\x02", "\t\n\r", "社会流动性", "мобильность", "مدرسة",
    "🙂🙂", "<script>", "%s %d", "year:[2000 TO", "[2000 TO 2020]", "@eef", "[[eef]]",
    "tutoring\x00mobility",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("typing", [False, True])
def test_any_input_answers_without_exception(search: Search, text: str, typing: bool) -> None:
    results = search.search(text, typing=typing, facets=True)
    assert results.total >= 0
    assert len(results.query) <= MAX_QUERY_CHARS


def test_clean_query() -> None:
    assert clean_query("a\x00b\tc") == "a b c"
    assert len(clean_query("word " * 100)) <= MAX_QUERY_CHARS


def test_organisation_name_or_acronym_puts_its_card_first(search: Search) -> None:
    for text in ("DfE", "department for education", "Sutton Trust"):
        assert search.search(text).hits[0].kind == "stakeholder", text
    assert search.search("DfE").hits[0].id == "stakeholder:dfe"
    assert search.search("DfE", kind="report").hits[0].kind == "report"


def test_stopwords_do_not_turn_all_words_into_any_word(search: Search) -> None:
    every = search.search("tutoring small groups").total
    assert search.search("tutoring in small groups").total == every


def test_wildcards_and_ranges_are_plain_words(search: Search) -> None:
    assert search.search("tut*").total == search.search("tut").total
