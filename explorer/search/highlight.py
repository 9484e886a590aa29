"""Which words a query marks, and the snippet of a document around them. One decision for the
search results' snippets and for the reader's marking of the searched words."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from explorer.search.query import WORD, query_words

SNIPPET_CHARS = 220


def highlight_pattern(query: str, aliases: Mapping[str, str]) -> re.Pattern[str] | None:
    """What a query marks: words starting with a query word or with its stem as the index stems it
    ("teacher" marks "teachers", "mobilities" marks "Mobility"), and the words an acronym stands for.
    Not operators, and not stopwords: the index drops them, so no document was found for them.
    None when nothing is to be marked.

    Args:
        query: what was typed.
        aliases: acronym -> what it stands for, as the index expands it (`index.alias_map`).
    """
    from whoosh.analysis import STOP_WORDS
    from whoosh.lang.porter import stem

    stems: set[str] = set()
    for word in query_words(query):
        lower = word.lower()
        if lower not in STOP_WORDS:
            stems.add(lower)
            stems.add(stem(lower))
        expansion = aliases.get(word.casefold())
        if expansion:
            stems.update(stem(w.lower()) for w in WORD.findall(expansion) if len(w) > 3)
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
