"""The read-only library answers what the app needs."""

from __future__ import annotations

import sqlite3

import pytest

from explorer.errors import LibraryError
from explorer.library.store import Library


def test_opened_read_only(library: Library) -> None:
    with pytest.raises(sqlite3.OperationalError):
        library.db.execute("CREATE TABLE x (a)")


def test_toc_in_reading_order(library: Library) -> None:
    toc = library.toc("report")
    assert [(t.title, t.level) for t in toc] == [
        ("Opening chapter", 1), ("Tutoring in small groups", 2), ("Places and mobility", 2),
        ("Case study: Tutoring pilot", 3), ("Second chapter", 1), ("Tutoring in small groups", 2),
    ]


def test_section_with_neighbours_and_counterpart(library: Library) -> None:
    page = library.section("report/opening#places")
    assert page.prev_id == "report/opening#tutoring-in-small-groups"
    assert page.next_id == "report/opening#case-study-tutoring-pilot"
    assert page.counterpart_id == "summary/opening-summary"
    assert library.section("summary/opening-summary").counterpart_id == "report/opening"
    assert '<h2 id="places">Places and mobility</h2>' in page.html


def test_repeated_heading_gets_unique_anchor(library: Library) -> None:
    ids = [t.id for t in library.toc("report")]
    assert len(ids) == len(set(ids))
    assert "report/second#tutoring-in-small-groups" in ids


def test_source_and_where_it_is_cited(library: Library) -> None:
    source = library.source("chetty-2014")
    assert source.label == "Chetty et al., 2014"
    cited = [s.id for s in library.citing_sections("chetty-2014")]
    assert cited == ["report/opening#places", "report/second"]


def test_source_years_are_those_of_the_sources_once_each(library: Library) -> None:
    years = library.source_years()
    assert years == sorted({s.year for s in library.sources() if s.year})
    assert 2014 in years


def test_stakeholder_links_and_mentions(library: Library) -> None:
    eef = library.stakeholder("eef")
    assert eef.aliases == ("EEF",)
    assert {(link.from_key, link.kind) for link in library.links("eef")} == {
        ("sutton-trust", "founded"), ("dfe", "funds")}
    mentioned = [s.id for s in library.mentioning_sections("eef")]
    assert mentioned == ["report/opening#tutoring-in-small-groups",
                         "report/opening#case-study-tutoring-pilot"]


def test_glossary_figures_case_studies(library: Library) -> None:
    assert [g.term for g in library.glossary()] == ["FSM", "tutoring"]
    figure = library.figure("test-bars")
    assert figure.svg.lstrip().startswith("<?xml") and "<svg" in figure.svg
    assert figure.section_id == "report/opening#tutoring-in-small-groups"
    cases = library.case_studies()
    assert [(ref.title, phase) for ref, phase in cases] == [("Case study: Tutoring pilot",
                                                             "primary")]


def test_stats(library: Library) -> None:
    stats = library.stats()
    assert stats["edition"]["version"] == "0.9.0"
    assert stats["report"]["chapters"] == 2 and stats["summary"]["chapters"] == 1
    assert stats["case_studies"] == 1 and stats["figures"] == 1
    assert stats["uncited_sources"] == []
    assert stats["unmentioned_stakeholders"] == []


def test_missing_library_is_a_library_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LibraryError, match="no library here"):
        Library(tmp_path)


def test_unknown_section_is_a_library_error(library: Library) -> None:
    with pytest.raises(LibraryError, match="no section"):
        library.section("report/nowhere")


def test_section_knows_its_chapter_and_own_number(library: Library) -> None:
    page = library.section("report/opening#places")
    assert page.chapter_number == 1 and page.number == "1.2"
    assert library.section("report/second").chapter_number == 2
