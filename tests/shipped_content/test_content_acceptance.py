"""The shipped review meets its brief: length, sources, organisations, case studies, figures, glossary."""

from __future__ import annotations

from explorer.content.model import PHASES
from explorer.library.store import Library

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


def test_sources_are_complete_and_all_cited(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["sources"] >= 60 and stats["uncited_sources"] == []
    for source in real_library.sources():
        assert source.url.startswith("https://") or source.url.startswith("http://"), source.key
        assert source.organisation and source.year and source.summary and source.phases, source.key
        assert source.topics, source.key


def test_stakeholders_are_complete_and_all_mentioned(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["stakeholders"] >= 80 and stats["links"] >= 100
    assert stats["unmentioned_stakeholders"] == []
    holders = real_library.stakeholders()
    assert all(h.sector and h.phases and h.summary for h in holders)
    # an address for (almost) every organisation: closed or unreachable ones are named in the content
    assert sum(1 for h in holders if not h.url) <= 3


def test_case_studies_cover_every_phase_of_education(real_library: Library) -> None:
    cases = real_library.case_studies()
    assert len(cases) >= 10
    assert {"early-years", "primary", "secondary", "post-16", "higher-education"} <= {p for _, p in cases}
    assert {p for _, p in cases} <= set(PHASES)


def test_figures_and_glossary(real_library: Library) -> None:
    stats = real_library.stats()
    assert stats["figures"] >= 4 and stats["glossary_terms"] >= 30
    assert all(f.section_id for f in real_library.figures())   # every figure is placed in the text
    terms = {g.term for g in real_library.glossary()}
    assert {"FSM", "Pupil Premium", "NEET", "POLAR", "EYFS", "Attainment 8", "EHCP"} <= terms


def test_edition_is_stated(real_library: Library) -> None:
    pack = real_library.pack
    assert pack["version"] and pack["date"] and "independent" in pack["description"]
    assert "public sources" in pack["description"]
