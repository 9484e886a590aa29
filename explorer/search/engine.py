"""Full-text search: the Whoosh schema, indexing from the library, queries, snippets, facets."""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from explorer.library.index_stamp import EDITION_FILE, INDEX_VERSION, index_problem, write_stamp  # noqa: F401

KINDS = ("report", "summary", "source", "stakeholder")
# The report is what people came to read: its sections edge ahead of short source records.
KIND_BOOST = {"report": 1.6, "summary": 1.2, "stakeholder": 1.3, "source": 1.0}
MAX_QUERY_CHARS = 200          # longer input is cut at a word boundary: nobody types more
ALIASES_FILE = "aliases.json"
BEST_BETS_FILE = "best-bets.json"   # an organisation's exact name, alias or key -> its document
# Written last by build_index: which library (schema, content) the index was made from and the
# size of each of its files. An index without it was never finished.
SNIPPET_CHARS = 220
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_TYPING_TAIL = re.compile(r"([^\W_]{3,})$", re.UNICODE)


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


def _schema() -> Any:  # a whoosh.fields.Schema (whoosh has no type information)
    from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

    stemmed = StemmingAnalyzer()
    plain = StandardAnalyzer(stoplist=None, minsize=1)
    # Stopwords dropped here too, or "careers guidance in schools" would need "in" as an alias
    # and an AND query would fall back to OR.
    names = StandardAnalyzer(minsize=1)
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True),
        title=TEXT(analyzer=stemmed, stored=True, field_boost=3.0, phrase=True),
        aliases=TEXT(analyzer=names, stored=False, field_boost=4.0),
        tags=TEXT(analyzer=stemmed, stored=False, field_boost=0.5, phrase=True),
        body=TEXT(analyzer=stemmed, stored=True, phrase=True),
        # Unstemmed words of title, aliases and body: prefix matching while typing and the
        # vocabulary for "did you mean" (stems like "mobil" are not words to suggest).
        exact=TEXT(analyzer=plain, stored=False, phrase=False),
        context=STORED, phases=KEYWORD(stored=True, commas=True), sector=ID(stored=True),
        year=NUMERIC(stored=True), location=STORED,
    )


def build_index(database_path: Path, index_dir: Path, limitmb: int = 256) -> int:
    """(Re)create the Whoosh index from a library's SQLite file alone; returns documents indexed.

    Args:
        limitmb: memory for sorting postings (see `write_index`).
    """
    from explorer.library.store import Library

    library = Library(Path(database_path).parent)
    try:
        documents = library.search_documents()
        aliases = _alias_map(library)
        best_bets = {label.casefold(): f"stakeholder:{h.key}" for h in library.stakeholders()
                     for label in (h.name, *h.aliases, h.key)}
        content = library.meta["content_hash"]
    finally:
        library.close()
    count = write_index(documents, aliases, index_dir, limitmb)
    (Path(index_dir) / BEST_BETS_FILE).write_text(json.dumps(best_bets, sort_keys=True), encoding="utf-8")
    write_stamp(Path(index_dir), content)
    return count


def write_index(documents: list[dict[str, Any]], aliases: dict[str, str], index_dir: Path,
                limitmb: int = 256) -> int:
    """(Re)create the Whoosh index from search documents (as `Library.search_documents()` gives
    them) and the alias map; returns documents indexed.

    Args:
        limitmb: postings held in memory before a sorted run goes to disk. Each run is sorted by
            one C call that holds the GIL throughout, so on a worker thread next to a window a
            small limit (a few MB) keeps the event loop free; alone, a large one is quicker.
    """
    from whoosh import index

    index_dir = Path(index_dir)
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    ix = index.create_in(str(index_dir), _schema())
    writer = ix.writer(limitmb=limitmb)
    for doc in documents:
        writer.add_document(
            id=doc["id"], kind=doc["kind"], title=doc["title"], aliases=doc["aliases"],
            tags=doc["tags"],
            body=doc["body"], exact=f"{doc['title']} {doc['aliases']} {doc['body']}",
            context=doc["context"], phases=",".join(doc["phases"]), sector=doc["sector"] or "",
            year=doc["year"], location=doc["location"], _boost=KIND_BOOST.get(doc["kind"], 1.0),
        )
    writer.commit()
    (index_dir / ALIASES_FILE).write_text(json.dumps(aliases, sort_keys=True), encoding="utf-8")
    return len(documents)


def _alias_map(library: Any) -> dict[str, str]:
    """Acronyms and aliases -> the full name they stand for (query expansion)."""
    result: dict[str, str] = {}
    for holder in library.stakeholders():
        for alias in holder.aliases:
            result[alias.casefold()] = holder.name
    for term in library.glossary():
        if term.expansion:
            result[term.term.casefold()] = term.expansion
    return result


def clean_query(text: str) -> str:
    """Drop control characters, collapse spaces, cut to MAX_QUERY_CHARS at a word boundary."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = re.sub(r"\s+", " ", text).lstrip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return text


class Search:
    """One index opened once, its searcher kept open and reused for every query."""

    def __init__(self, index_dir: Path | str) -> None:
        from whoosh import index
        from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

        from explorer.errors import LibraryError

        self.index_dir = Path(index_dir)
        try:
            self.ix = index.open_dir(str(self.index_dir))
            self.searcher = self.ix.searcher()
        except Exception as exc:  # whoosh raises many kinds for a damaged index
            raise LibraryError(self.index_dir, f"search index missing or damaged ({exc})") from None
        try:
            self.aliases: dict[str, str] = json.loads(
                (self.index_dir / ALIASES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.aliases = {}
        try:
            self.best_bets: dict[str, str] = json.loads(
                (self.index_dir / BEST_BETS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.best_bets = {}
        fields = ["title", "aliases", "body", "tags"]
        self._and_parser = MultifieldParser(fields, self.ix.schema, group=AndGroup)
        self._or_parser = MultifieldParser(fields, self.ix.schema, group=OrGroup.factory(0.9))
        from whoosh.qparser import FieldsPlugin, RangePlugin, WildcardPlugin

        # "context:" and "location:" name fields that are only stored: Whoosh's parser raises a
        # bare Exception ("field has no format") for them, so only indexed fields are field names
        # and any other "name:" is plain text.
        indexed = "|".join(name for name, f in self.ix.schema.items() if f.format)
        for parser in (self._and_parser, self._or_parser):
            # "*" and ranges expand to thousands of terms (seconds per query); while typing,
            # the last word is already matched as a prefix.
            parser.remove_plugin_class(WildcardPlugin)
            parser.remove_plugin_class(RangePlugin)
            parser.replace_plugin(FieldsPlugin(expr=rf"(?<!\w)(?P<text>{indexed}):"))
        self._reader = self.searcher.reader()

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    # Query building -----------------------------------------------------------------------
    def _parse(self, text: str, parser: Any) -> Any:
        try:
            return parser.parse(text)
        except _parse_failures():  # the parser rejects some input: fall back to its plain words
            return self._plain(text, parser)

    @staticmethod
    def _plain(text: str, parser: Any) -> Any:
        """`text` as plain words: lower case, so AND, OR, NOT, ANDNOT and ANDMAYBE are words (the
        parser's operators are upper case), and no syntax characters, which `_WORD` never holds."""
        from whoosh import query as q

        words = [w.lower() for w in _WORD.findall(text)]
        return parser.parse(" ".join(words)) if words else q.NullQuery

    def _query(self, text: str, typing: bool, parser: Any) -> Any:
        """The query for `text`, OR-ed with variants where an acronym is spelt out."""
        from whoosh import query as q

        variants = [self._single_query(text, typing, parser)]
        for word in dict.fromkeys(_WORD.findall(text)):
            expansion = self.aliases.get(word.casefold())
            if expansion and expansion.casefold() != word.casefold():
                spelt = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", f'"{expansion}"', text,
                               count=1)
                variants.append(self._single_query(spelt, typing and not text.endswith(word),
                                                   parser))
        variants = [v for v in variants if v is not q.NullQuery]
        if not variants:
            return q.NullQuery
        return variants[0] if len(variants) == 1 else q.Or(variants)

    def _single_query(self, text: str, typing: bool, parser: Any) -> Any:
        from whoosh import query as q

        parts: list[Any] = []
        tail = _TYPING_TAIL.search(text) if typing else None
        head = text[: tail.start()] if tail else text
        if head.strip():
            parts.append(self._parse(head, parser))
        if tail:
            word = tail.group(1)
            parts.append(q.Or([self._parse(word, parser), q.Prefix("exact", word.lower())]))
        parts = [p for p in parts if p is not q.NullQuery]
        if not parts:
            return q.NullQuery
        if len(parts) == 1:
            return parts[0]
        return q.And(parts) if parser is self._and_parser else q.Or(parts)

    @staticmethod
    def _stem(word: str) -> str:
        from whoosh.lang.porter import stem

        return str(stem(word))

    def _filter(self, kind: str | None, phase: str | None, sector: str | None,
                year: int | None) -> Any:
        from whoosh import query as q

        terms = []
        if kind:
            terms.append(q.Term("kind", kind))
        if phase:
            terms.append(q.Term("phases", phase))
        if sector:
            terms.append(q.Term("sector", sector))
        if year:
            terms.append(q.Term("year", year))
        return q.And(terms) if terms else None

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
        if not _WORD.search(query_text):
            return empty
        filter_query = self._filter(kind, phase, sector, year)
        for parser in (self._and_parser, self._or_parser):
            query = self._query(query_text, typing, parser)
            try:
                results = self._top(query, max(limit, 1), filter_query)
            except QueryError:  # parsed but Whoosh cannot run it (exact:"a b": a phrase on a
                # field without positions): search its plain words instead
                plain = " ".join(w.lower() for w in _WORD.findall(query_text))
                query = self._query(plain, typing and bool(_TYPING_TAIL.search(query_text)),
                                    parser)
                results = self._top(query, max(limit, 1), filter_query)
            if results.scored_length() > 0:
                break
        suggestion = self._suggest(query_text, typing)
        words = [w for w in _WORD.findall(query_text) if w.upper() not in ("AND", "OR", "NOT")]
        pattern = _highlight_pattern(words, self.aliases)
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
        words = _WORD.findall(text)
        if not words:
            return None
        corrector = self.searcher.corrector("exact")
        changed = False
        corrected = text
        for index, word in enumerate(words):
            lower = word.lower()
            if len(lower) < 3 or lower.upper() in ("AND", "OR", "NOT") or not lower.isalpha():
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


def _parse_failures() -> tuple[type[Exception], ...]:
    """What Whoosh's query parser raises for input it cannot parse: its own QueryParserError, and
    IndexError from a bug in its NOT handling ("NOT NOT tutoring" leaves an empty group that it
    reads at [0]). Anything else raised while searching is a bug and propagates."""
    from whoosh.qparser import QueryParserError

    return (QueryParserError, IndexError)


def _highlight_pattern(words: list[str], aliases: dict[str, str]) -> re.Pattern[str] | None:
    from whoosh.lang.porter import stem

    stems: set[str] = set()
    for word in words:
        lower = word.lower()
        stems.add(lower)
        stems.add(stem(lower))
        expansion = aliases.get(lower)
        if expansion:
            stems.update(stem(w.lower()) for w in _WORD.findall(expansion) if len(w) > 3)
    stems = {s for s in stems if len(s) >= 2}
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def make_snippet(body: str, pattern: re.Pattern[str] | None) -> str:
    """About SNIPPET_CHARS of `body` around the densest run of matches, matches in <b>."""
    text = re.sub(r"\s+", " ", body).strip()
    if not text:
        return ""
    matches = list(pattern.finditer(text)) if pattern else []
    if not matches:
        cut = text[:SNIPPET_CHARS]
        return html.escape(cut + ("…" if len(text) > SNIPPET_CHARS else ""))
    best_start, best_count = matches[0].start(), 0
    for m in matches:
        count = sum(1 for o in matches if m.start() <= o.start() < m.start() + SNIPPET_CHARS)
        if count > best_count:
            best_start, best_count = m.start(), count
    start = max(0, best_start - 60)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > best_start else end
    window = text[start:end]
    out, last = [], 0
    assert pattern is not None  # there are matches, so there is a pattern
    for m in pattern.finditer(window):
        out.append(html.escape(window[last:m.start()]))
        out.append(f"<b>{html.escape(m.group(0))}</b>")
        last = m.end()
    out.append(html.escape(window[last:]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
