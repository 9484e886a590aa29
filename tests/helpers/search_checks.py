"""What every search answer must satisfy, checked against the library it was built from.

Used by tests/search/test_engine.py (fixed inputs) and tests/search/test_fuzz.py (generated inputs).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from explorer.library.store import Library
from explorer.search.engine import Search, SearchResults
from explorer.search.highlight import highlight_pattern
from explorer.search.index import KINDS
from explorer.search.query import MAX_QUERY_CHARS

_ALPHA_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Catalogue:
    """Every document of a library, from the library's own listings (not from the index)."""

    titles: dict[str, tuple[str, str]]      # id -> (kind, title)
    documents: dict[str, dict[str, Any]]    # id -> the search document the index was built from
    indexed: frozenset[str]                 # the ids stored in the index
    aliases: dict[str, str]                 # the acronyms the index spells out


def catalogue(library: Library, search: Search) -> Catalogue:
    titles: dict[str, tuple[str, str]] = {}
    for document in ("report", "summary"):
        titles.update({e.id: (document, e.title) for e in library.toc(document)})
    titles.update({f"source:{s.key}": ("source", s.title) for s in library.sources()})
    titles.update({f"stakeholder:{h.key}": ("stakeholder", h.name) for h in library.stakeholders()})
    documents = {d["id"]: d for d in library.search_documents()}
    indexed = frozenset(fields["id"] for fields in search.searcher.all_stored_fields())
    return Catalogue(titles, documents, indexed, dict(search.aliases))


def check_answer(results: SearchResults, cat: Catalogue, *, kind: str | None = None,
                 phase: str | None = None, sector: str | None = None, year: int | None = None,
                 limit: int = 20, facets: bool = False, **_: Any) -> None:
    """Properties of any answer, whatever was asked: each can fail."""
    found = [h.id for h in results.hits]
    assert len(found) == len(set(found)), f"a document listed twice: {found}"
    assert set(found) <= cat.indexed, f"not in the index: {set(found) - cat.indexed}"
    for hit in results.hits:
        assert cat.titles.get(hit.id) == (hit.kind, hit.title), f"{hit.id} is not in the library as shown"
    assert 0 <= len(found) <= max(limit, 1)
    assert len(found) <= results.total <= len(cat.indexed)
    assert len(results.query) <= MAX_QUERY_CHARS
    if limit >= 1:
        assert bool(found) == bool(results.total), (found, results.total)
    if kind:
        assert {h.kind for h in results.hits} <= {kind}
    if phase:
        assert all(phase in cat.documents[i]["phases"] for i in found), found
    if sector:
        assert all(cat.documents[i]["sector"] == sector for i in found), found
    if year:
        assert all(cat.documents[i]["year"] == year for i in found), found
    if facets and results.total:
        counted = sum(results.facets["kind"].values())
        # An organisation's card put first for its exact name counts once more than the matches.
        assert counted in (results.total, results.total - 1), (counted, results.total)
        assert set(results.facets["kind"]) <= ({kind} if kind else set(KINDS))
    check_snippets(results, cat)
    payload = json.loads(json.dumps(results.as_json(), ensure_ascii=False))
    assert payload["total"] == results.total and len(payload["results"]) == len(found)


def check_snippets(results: SearchResults, cat: Catalogue) -> None:
    """A snippet is the document's own text, and marks only words the query marks."""
    pattern = highlight_pattern(results.query, cat.aliases)
    for hit in results.hits:
        if not hit.snippet:
            continue
        marked = [html.unescape(w) for w in re.findall(r"<b>(.*?)</b>", hit.snippet)]
        assert all(pattern and pattern.fullmatch(w) for w in marked), (results.query, marked)
        plain = html.unescape(re.sub(r"</?b>", "", hit.snippet)).strip("…")
        assert plain in " ".join(cat.documents[hit.id]["body"].split()), (hit.id, hit.snippet)


def rare_words(search: Search, document: dict[str, Any]) -> list[str]:
    """Words of `document` (4+ letters, not stopwords) that no other indexed document holds."""
    from whoosh.analysis import STOP_WORDS

    text = f"{document['title']} {document['aliases']} {document['body']}"
    words = dict.fromkeys(w for w in _ALPHA_WORD.findall(text) if w.lower() not in STOP_WORDS)
    return [w for w in words if search.searcher.doc_frequency("exact", w.lower()) == 1]
