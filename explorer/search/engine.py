"""Searching one index: ranked results with snippets, "did you mean", facets, and an
organisation's card first for its exact name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer.search.highlight import highlight_pattern, make_snippet
from explorer.search.index import ALIASES_FILE, BEST_BETS_FILE, read_json_map
from explorer.search.query import OPERATORS, TYPING_TAIL, WORD, QueryBuilder, clean_query


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    context: str
    location: str
    snippet: str        # HTML: escaped text with <b> around matched words
    score: float


@dataclass(frozen=True)
class SearchResults:
    query: str
    suggestion: str | None
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"query": self.query, "suggestion": self.suggestion, "total": self.total,
                "results": [{"kind": h.kind, "id": h.id, "title": h.title,
                             "location": h.location, "snippet": h.snippet,
                             "score": round(h.score, 4)} for h in self.hits],
                "facets": self.facets}


class Search:
    """One index opened once, its searcher kept open and reused for every query."""

    def __init__(self, index_dir: Path | str) -> None:
        from whoosh import index

        from explorer.errors import LibraryError

        self.index_dir = Path(index_dir)
        try:
            self.ix = index.open_dir(str(self.index_dir))
            self.searcher = self.ix.searcher()
        except Exception as exc:  # whoosh raises many kinds for a damaged index
            raise LibraryError(self.index_dir, f"search index missing or damaged ({exc})") from None
        self.aliases = read_json_map(self.index_dir / ALIASES_FILE)
        self.best_bets = read_json_map(self.index_dir / BEST_BETS_FILE)
        self.queries = QueryBuilder(self.ix.schema, self.aliases)
        self._reader = self.searcher.reader()

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    # Searching ----------------------------------------------------------------------------
    def search(
        self, text: str, *, kind: str | None = None, phase: str | None = None,
        sector: str | None = None, year: int | None = None, limit: int = 20,
        snippets: int = 10, typing: bool = False, facets: bool = False,
    ) -> SearchResults:
        """Ranked results for any string; never raises for odd input.

        Args:
            text: what the user typed.
            typing: the last word may be incomplete (search-as-you-type): match it as a prefix.
            snippets: how many of the results get a highlighted snippet (the ones shown).
            facets: also count all matches by kind, phase, sector and year.
        """
        from whoosh.query import QueryError

        query_text = clean_query(text)
        if typing and query_text.endswith(" "):
            typing = False
        query_text = query_text.strip()
        empty = SearchResults(query_text, None, 0, ())
        if not WORD.search(query_text):
            return empty
        filter_query = self.queries.filters(kind, phase, sector, year)
        for parser in self.queries.parsers:
            query = self.queries.build(query_text, typing, parser)
            try:
                results = self._top(query, max(limit, 1), filter_query)
            except QueryError:  # parsed but Whoosh cannot run it (exact:"a b": a phrase on a
                # field without positions): search its plain words instead
                plain = " ".join(w.lower() for w in WORD.findall(query_text))
                query = self.queries.build(plain, typing and bool(TYPING_TAIL.search(query_text)),
                                           parser)
                results = self._top(query, max(limit, 1), filter_query)
            if results.scored_length() > 0:
                break
        suggestion = self._suggest(query_text, typing)
        pattern = highlight_pattern(query_text, self.aliases)
        hits = []
        for n, hit in enumerate(results[:limit]):
            body = hit.get("body", "")
            snippet = make_snippet(body, pattern) if n < snippets else ""
            hits.append(Hit(hit["kind"], hit["id"], hit["title"], hit.get("context", ""),
                            hit["location"], snippet, float(hit.score or 0.0)))
        total = len(results)
        bet = self.best_bets.get(query_text.casefold())
        if bet and kind in (None, "stakeholder") and not (phase or sector or year):
            # Typing an organisation's name or acronym puts its card first.
            found = [h for h in hits if h.id == bet]
            if not found:
                fields = self.searcher.document(id=bet)
                if fields:
                    found = [Hit(fields["kind"], bet, fields["title"], fields.get("context", ""),
                                 fields["location"], make_snippet(fields.get("body", ""), pattern), 0.0)]
                    total += 1
            if found:
                top = max((h.score for h in hits), default=0.0)
                hits = [replace(found[0], score=top + 1.0)] + [h for h in hits if h.id != bet][: max(limit - 1, 0)]
        facet_counts = self._facets(query, filter_query) if facets else {}
        return SearchResults(query_text, suggestion, total, tuple(hits), facet_counts)

    def _top(self, query: Any, limit: int, filter_query: Any) -> Any:
        """The top `limit` matches, every match scored and counted in one pass.

        Not `searcher.search()`: its block-quality skipping can loop forever on these coord-scaled
        OR queries (typing "what works in tutor" never returned), its matcher replacement drops
        terms from the scores of some documents once the top N is full, and it then runs the
        query a second time to count the matches. Scoring everything is exact and, on our
        indexes, faster (see docs/performance.md).
        """
        from whoosh import collectors

        collector: Any = collectors.TopCollector(limit, usequality=False, replace=0)
        if filter_query is not None:
            collector = collectors.FilterCollector(collector, allow=filter_query)
        self.searcher.search_with_collector(query, collector)
        return collector.results()

    def _facets(self, query: Any, filter_query: Any) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {"kind": {}, "phase": {}, "sector": {}, "year": {}}
        for hit in self.searcher.search(query, limit=None, filter=filter_query):
            fields = hit.fields()
            counts["kind"][fields["kind"]] = counts["kind"].get(fields["kind"], 0) + 1
            for phase in filter(None, fields.get("phases", "").split(",")):
                counts["phase"][phase] = counts["phase"].get(phase, 0) + 1
            if fields.get("sector"):
                counts["sector"][fields["sector"]] = counts["sector"].get(fields["sector"], 0) + 1
            if fields.get("year"):
                key = str(fields["year"])
                counts["year"][key] = counts["year"].get(key, 0) + 1
        return counts

    def _suggest(self, text: str, typing: bool) -> str | None:
        """A corrected query from the index's own words, or None when every word is known."""
        words = WORD.findall(text)
        if not words:
            return None
        corrector = self.searcher.corrector("exact")
        changed = False
        corrected = text
        for index, word in enumerate(words):
            lower = word.lower()
            if len(lower) < 3 or lower.upper() in OPERATORS or not lower.isalpha():
                continue
            if lower in self.aliases or self._reader.doc_frequency("exact", lower) > 0:
                continue
            if typing and index == len(words) - 1 and any(
                    True for _ in self._reader.expand_prefix("exact", lower)):
                continue
            # Words sharing the first letter first: a fifth of the time (few typos hit the first
            # letter); the whole vocabulary only when none is near enough.
            found = (corrector.suggest(lower, limit=1, maxdist=2, prefix=1)
                     or corrector.suggest(lower, limit=1, maxdist=2))
            if found and found[0] != lower:
                corrected = re.sub(rf"\b{re.escape(word)}\b", found[0], corrected, count=1)
                changed = True
        return corrected if changed else None
