"""What is typed, made into Whoosh queries: cleaned, parsed (AND first, OR as the fallback),
acronyms spelt out, the last word a prefix while typing, filters."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MAX_QUERY_CHARS = 200          # longer input is cut at a word boundary: nobody types more
OPERATORS = ("AND", "OR", "NOT")    # the parser's operators (upper case only)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
TYPING_TAIL = re.compile(r"([^\W_]{3,})$", re.UNICODE)


def clean_query(text: str) -> str:
    """Drop control characters, collapse spaces, cut to MAX_QUERY_CHARS at a word boundary."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = re.sub(r"\s+", " ", text).lstrip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return text


def query_words(text: str) -> list[str]:
    """The words of a query, without its operators: what the highlighter starts from."""
    return [w for w in WORD.findall(text) if w.upper() not in OPERATORS]


def parse_failures() -> tuple[type[Exception], ...]:
    """What Whoosh's query parser raises for input it cannot parse: its own QueryParserError, and
    IndexError from a bug in its NOT handling ("NOT NOT tutoring" leaves an empty group that it
    reads at [0]). Anything else raised while searching is a bug and propagates."""
    from whoosh.qparser import QueryParserError

    return (QueryParserError, IndexError)


class QueryBuilder:
    """Makes Whoosh queries for one index's schema and alias map."""

    def __init__(self, schema: Any, aliases: dict[str, str]) -> None:
        from whoosh.qparser import AndGroup, FieldsPlugin, MultifieldParser, OrGroup, RangePlugin, WildcardPlugin

        self.aliases = aliases
        fields = ["title", "aliases", "body", "tags"]
        self.and_parser = MultifieldParser(fields, schema, group=AndGroup)
        self.or_parser = MultifieldParser(fields, schema, group=OrGroup.factory(0.9))
        # "context:" and "location:" name fields that are only stored: Whoosh's parser raises a
        # bare Exception ("field has no format") for them, so only indexed fields are field names
        # and any other "name:" is plain text.
        indexed = "|".join(name for name, f in schema.items() if f.format)
        for parser in self.parsers:
            # "*" and ranges expand to thousands of terms (seconds per query); while typing,
            # the last word is already matched as a prefix.
            parser.remove_plugin_class(WildcardPlugin)
            parser.remove_plugin_class(RangePlugin)
            parser.replace_plugin(FieldsPlugin(expr=rf"(?<!\w)(?P<text>{indexed}):"))

    @property
    def parsers(self) -> tuple[Any, Any]:
        """Every word must match first; any word when no document has them all."""
        return (self.and_parser, self.or_parser)

    def build(self, text: str, typing: bool, parser: Any) -> Any:
        """The query for `text`, OR-ed with variants where an acronym is spelt out."""
        from whoosh import query as q

        variants = [self.single(text, typing, parser)]
        for word in dict.fromkeys(WORD.findall(text)):
            expansion = self.aliases.get(word.casefold())
            if expansion and expansion.casefold() != word.casefold():
                spelt = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", f'"{expansion}"', text,
                               count=1)
                variants.append(self.single(spelt, typing and not text.endswith(word), parser))
        variants = [v for v in variants if v is not q.NullQuery]
        if not variants:
            return q.NullQuery
        return variants[0] if len(variants) == 1 else q.Or(variants)

    def single(self, text: str, typing: bool, parser: Any) -> Any:
        """The query for `text` as typed: while typing, its last word also matches as a prefix."""
        from whoosh import query as q

        parts: list[Any] = []
        tail = TYPING_TAIL.search(text) if typing else None
        head = text[: tail.start()] if tail else text
        if head.strip():
            parts.append(self.parse(head, parser))
        if tail:
            word = tail.group(1)
            parts.append(q.Or([self.parse(word, parser), q.Prefix("exact", word.lower())]))
        parts = [p for p in parts if p is not q.NullQuery]
        if not parts:
            return q.NullQuery
        if len(parts) == 1:
            return parts[0]
        return q.And(parts) if parser is self.and_parser else q.Or(parts)

    def parse(self, text: str, parser: Any) -> Any:
        try:
            return parser.parse(text)
        except parse_failures():  # the parser rejects some input: fall back to its plain words
            return self.plain(text, parser)

    @staticmethod
    def plain(text: str, parser: Any) -> Any:
        """`text` as plain words: lower case, so AND, OR, NOT, ANDNOT and ANDMAYBE are words (the
        parser's operators are upper case), and no syntax characters, which `WORD` never holds."""
        from whoosh import query as q

        words = [w.lower() for w in WORD.findall(text)]
        return parser.parse(" ".join(words)) if words else q.NullQuery

    @staticmethod
    def filters(kind: str | None, phase: str | None, sector: str | None, year: int | None) -> Any:
        """Only documents of this kind, phase, sector and year (each when given); None: all."""
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
