"""The search index: its Whoosh schema, and writing it from a library's search documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.library.index_stamp import write_stamp

if TYPE_CHECKING:
    from explorer.library.store import Library

KINDS = ("report", "summary", "source", "stakeholder")
# The report is what people came to read: its sections edge ahead of short source records.
KIND_BOOST = {"report": 1.6, "summary": 1.2, "stakeholder": 1.3, "source": 1.0}
ALIASES_FILE = "aliases.json"
BEST_BETS_FILE = "best-bets.json"   # an organisation's exact name, alias or key -> its document


def schema() -> Any:  # a whoosh.fields.Schema (whoosh has no type information)
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

    The index stamp (which library it was made from, the size of each file) is written last: an
    index without it was never finished.

    Args:
        limitmb: memory for sorting postings (see `write_index`).
    """
    from explorer.library.store import Library

    library = Library(Path(database_path).parent)
    try:
        documents = library.search_documents()
        aliases = alias_map(library)
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
    ix = index.create_in(str(index_dir), schema())
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


def alias_map(library: Library) -> dict[str, str]:
    """Acronyms and aliases -> the full name they stand for (query expansion, and the words the
    highlighter marks for an acronym)."""
    result: dict[str, str] = {}
    for holder in library.stakeholders():
        for alias in holder.aliases:
            result[alias.casefold()] = holder.name
    for term in library.glossary():
        if term.expansion:
            result[term.term.casefold()] = term.expansion
    return result


def read_json_map(path: Path) -> dict[str, str]:
    """One of the index's JSON maps (aliases, best bets); empty when missing or unreadable, as in
    an index written before it existed."""
    try:
        loaded: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded
