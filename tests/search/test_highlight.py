"""One decision of which words a query marks: the search results' snippets and the reader mark the
same words, other forms of a word as the index stems it, and what an acronym stands for; never
the stopwords that no document was found for, nor the operators."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from explorer.content.build import build_library
from explorer.library.store import Library
from explorer.search.engine import Search
from explorer.search.highlight import highlight_pattern
from explorer.search.index import alias_map
from explorer.search.query import query_words
from explorer.ui.reader.reader_view import ReaderView
from tests.conftest import GOOD_PACK

# Shorter than a snippet, so the snippet is the whole text; the title holds no searched word, so
# the reader shows nothing to mark that the snippet does not.
CHAPTER = """---
title: Classrooms
---
Teachers say a teacher's theory of teaching is there in every lesson, whatever the income. The
EEF (the Education Endowment Foundation) teaches teachers about teaching.
"""
CHAPTER_ID = "report/classrooms"


@pytest.fixture(scope="module")
def classroom_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    pack = tmp_path_factory.mktemp("pack") / "pack"
    shutil.copytree(GOOD_PACK, pack)
    (pack / "report" / "03-classrooms.md").write_text(CHAPTER, encoding="utf-8")
    library_dir = tmp_path_factory.mktemp("library")
    build_library(pack, library_dir)
    return Library(library_dir)


@pytest.fixture(scope="module")
def classroom_search(classroom_library: Library) -> Search:
    return Search(classroom_library.index_path)


def snippet_marks(search: Search, query: str) -> list[str]:
    """The words the search result for the chapter shows in bold."""
    hits = {h.id: h for h in search.search(query, limit=100, snippets=100).hits}
    assert CHAPTER_ID in hits, f"{query!r} does not find the chapter"
    return [html.unescape(w) for w in re.findall(r"<b>(.*?)</b>", hits[CHAPTER_ID].snippet)]


def reader_marks(reader: ReaderView, query: str) -> list[str]:
    """The words the reader marks on opening the chapter from a search for `query` (the terms
    the search box hands it)."""
    reader.open(CHAPTER_ID, query_words(query))
    return [s.cursor.selectedText() for s in reader.browser.extraSelections()]


@pytest.fixture
def reader(qtbot, classroom_library: Library) -> ReaderView:  # type: ignore[no-untyped-def]
    view = ReaderView(classroom_library)
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize(("query", "marked"), [
    # "teacher" is its own stem: its plural is marked, "teaching" and "teaches" are not
    ("teacher", ["Teachers", "teacher", "teachers"]),
    # the stem "teach" marks every form; "the" is a stopword (never searched): no "the", "theory",
    # "there" marked
    ("the teaching", ["Teachers", "teacher", "teaching", "teaches", "teachers", "teaching"]),
    # an acronym marks what it stands for; "in" is a stopword: not "income"
    ("EEF in lessons", ["lesson", "EEF", "Education", "Endowment", "Foundation"]),
    ("teachers OR income", ["Teachers", "teacher", "income", "teachers"]),   # OR is not a word
])
def test_snippets_and_the_reader_mark_the_same_words(reader: ReaderView, classroom_search: Search,
                                                     query: str, marked: list[str]) -> None:
    assert snippet_marks(classroom_search, query) == marked
    assert reader_marks(reader, query) == marked
    assert reader.highlight_count == len(marked)


def test_a_stopword_alone_marks_nothing_in_either(reader: ReaderView, classroom_search: Search) -> None:
    """Typing "the" while searching finds words starting "the" (a prefix); the finished word finds
    nothing, and neither place marks "the", "theory" or "there"."""
    assert classroom_search.search("the").hits == ()
    assert reader_marks(reader, "the") == []
    assert reader.highlight_count == 0


def test_the_reader_clears_the_marks_of_the_last_search(reader: ReaderView) -> None:
    assert reader_marks(reader, "teacher")
    assert reader_marks(reader, "") == []


@pytest.mark.parametrize(("query", "words"), [
    ("teacher", ["teacher", "teachers", "Teachers"]),
    ("Mobilities", ["mobility", "Mobility", "mobilities"]),
    ("FSM", ["free", "school", "meals"]),               # the glossary's expansion
])
def test_pattern_marks_forms_of_the_word(library: Library, query: str, words: list[str]) -> None:
    pattern = highlight_pattern(query, alias_map(library))
    assert pattern is not None
    assert [w for w in words if pattern.fullmatch(w)] == words


@pytest.mark.parametrize("query", ["", "the", "in the", "AND OR NOT", "a", "🙂", '"(*'])
def test_pattern_is_none_when_nothing_is_to_be_marked(library: Library, query: str) -> None:
    assert highlight_pattern(query, alias_map(library)) is None
