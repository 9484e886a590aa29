"""The shipped review meets its brief: length, sources, organisations, case studies, figures, glossary.

Facts about this edition of content/, not rules every pack keeps (those are `explorer check`'s,
tested in tests/content/test_content_rules.py): `make content-test` runs these, `make test` does not,
so an author's edit never fails the code's tests.
"""

from __future__ import annotations

import pytest

from explorer.library.store import Library

pytestmark = pytest.mark.shipped_content

REQUIRED_CHAPTERS = [
    "Introduction", "Causes of social inequality", "Defining and measuring social mobility",
    "The situation in England today", "Policy context", "Early years", "Primary", "Secondary",
    "Post-16 and further education", "Higher education and the move into work", "The main actors",
    "Conclusions and implications for a funder",
]


def test_report_and_summary_length(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["report"]["chapters"] >= 12 and stats["report"]["words"] >= 12_000
    assert 2_500 <= stats["summary"]["words"] <= 3_500
    titles = [t.title for t in real_library.toc("report") if t.level == 1]
    assert titles == REQUIRED_CHAPTERS


def test_every_summary_chapter_links_its_full_chapter(real_library: Library) -> None:
    summary = [t.id for t in real_library.toc("summary") if t.level == 1]
    report = {t.id for t in real_library.toc("report") if t.level == 1}
    assert len(summary) == 12
    assert {real_library.section(s).counterpart_id for s in summary} == report


def test_enough_sources_and_organisations(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["sources"] >= 60
    assert stats["stakeholders"] >= 80 and stats["links"] >= 100
    holders = real_library.stakeholders()
    # an address for (almost) every organisation: closed or unreachable ones are named in the content
    assert sum(1 for h in holders if not h.url) <= 3


def test_case_studies_cover_every_phase_of_education(real_library: Library) -> None:
    cases = real_library.case_studies()
    assert len(cases) >= 10
    assert {"early-years", "primary", "secondary", "post-16", "higher-education"} <= {p for _, p in cases}


def test_figures_and_glossary(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["figures"] >= 4 and stats["glossary_terms"] >= 30
    terms = {g.term for g in real_library.glossary()}
    assert {"FSM", "Pupil Premium", "NEET", "POLAR", "EYFS", "Attainment 8", "EHCP"} <= terms


def test_edition_is_stated(real_library: Library) -> None:
    pack = real_library.pack
    assert pack["version"] and pack["date"] and "independent" in pack["description"]
    assert "public sources" in pack["description"]
