"""The peer baseline: the app's search done with SQLite FTS5 on the same documents."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

FTS5_COLUMNS = ("id", "kind", "title", "aliases", "tags", "body", "location")
# bm25 weights per column, as the Whoosh field boosts: title 3, aliases 4, tags 0.5, body 1.
FTS5_WEIGHTS = "0, 0, 3.0, 4.0, 0.5, 1.0, 0"
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\W_]+(?:[\'’][^\W_]+)*)')


class Fts5Search:
    """The same job as `Search.search` done with SQLite FTS5: AND of the words, else OR; phrases;
    the last word as a prefix of unstemmed words while typing; acronyms OR-ed with what they
    stand for; bm25 with the same field weights and kind boosts; top `limit` with snippet(), and
    the total count. No "did you mean" (FTS5 has no corrector)."""

    def __init__(self, path: Path, documents: list[dict[str, Any]] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.db = sqlite3.connect(path)
        self.aliases = aliases or {}
        if documents is not None:
            columns = ", ".join(c if c in ("title", "aliases", "tags", "body") else f"{c} UNINDEXED"
                                for c in FTS5_COLUMNS)
            self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({columns}, "
                            "tokenize='porter unicode61')")
            self.db.executemany(
                f"INSERT INTO docs ({', '.join(FTS5_COLUMNS)}) VALUES ({', '.join('?' * len(FTS5_COLUMNS))})",
                ([d["id"], d["kind"], d["title"], d["aliases"], d["tags"], d["body"], d["location"]]
                 for d in documents))
            self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            # Porter stems before matching a prefix ("tutori*" finds nothing, "tutoring" is
            # "tutor"), so, like Whoosh's unstemmed `exact` field, typed prefixes are expanded
            # to whole words from an unstemmed vocabulary first.
            self.db.execute("CREATE VIRTUAL TABLE words USING fts5(exact, tokenize='unicode61')")
            self.db.executemany("INSERT INTO words (rowid, exact) VALUES (?, ?)",
                                ((n, f"{d['title']} {d['aliases']} {d['body']}") for n, d in enumerate(documents)))
            self.db.execute("INSERT INTO words(words) VALUES ('optimize')")
            self.db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(words, 'row')")
            self.db.commit()
        try:
            from explorer.search.index import KIND_BOOST
        except ImportError:
            KIND_BOOST = {}  # noqa: N806
        boost = " ".join(f"WHEN '{k}' THEN {float(v)}" for k, v in KIND_BOOST.items() if k.isalpha())
        self.order = (f"bm25(docs, {FTS5_WEIGHTS}) * (CASE kind {boost} ELSE 1.0 END)" if boost
                      else f"bm25(docs, {FTS5_WEIGHTS})")

    def close(self) -> None:
        self.db.close()

    def match_expression(self, text: str, typing: bool, operator: str) -> str | None:
        from explorer.search.query import clean_query

        text = clean_query(text)
        if typing and text.endswith(" "):
            typing = False
        text = text.strip()
        parts: list[str] = []
        last_is_word = False
        for m in _PHRASE_OR_WORD.finditer(text):
            if m.group(2) is None:
                words = re.findall(r"[^\W_]+", m.group(1) or "")
                if words:
                    parts.append('"' + " ".join(words) + '"')
                last_is_word = False
                continue
            word = m.group(2).replace('"', "")
            term = f'"{word}"'
            last_is_word = m.end() == len(text)
            if typing and last_is_word and len(word) >= 3:
                lower = word.lower()
                completions = [r[0] for r in self.db.execute(
                    "SELECT term FROM vocab WHERE term >= ? AND term < ?", (lower, lower + "\U0010ffff"))]
                term = "(" + " OR ".join(f'"{w}"' for w in dict.fromkeys([word, *completions])) + ")"
            expansion = self.aliases.get(word.casefold())
            if expansion and expansion.casefold() != word.casefold():
                spelt = " ".join(re.findall(r"[^\W_]+", expansion))
                term = f'({term} OR "{spelt}")'
            parts.append(term)
        return f" {operator} ".join(parts) if parts else None

    def search(self, text: str, limit: int = 20, snippets: int = 10, typing: bool = False
               ) -> tuple[int, list[tuple[Any, ...]]]:
        for operator in ("AND", "OR"):
            expression = self.match_expression(text, typing, operator)
            if expression is None:
                return 0, []
            try:
                rows = self.db.execute(
                    f"SELECT id, kind, title, location, {self.order} AS score, "
                    "snippet(docs, 5, '<b>', '</b>', '…', 32) FROM docs WHERE docs MATCH ? "
                    "ORDER BY score LIMIT ?", (expression, limit)).fetchall()
                total = self.db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?",
                                        (expression,)).fetchone()[0] if rows else 0
            except sqlite3.OperationalError:
                rows, total = [], 0
            if rows:
                # FTS5 cannot snippet only some rows of one query; the ones beyond `snippets`
                # are dropped here, so FTS5 does a little more work than Whoosh, not less.
                return total, [r[:5] + (r[5] if n < snippets else "",) for n, r in enumerate(rows)]
        return 0, []
