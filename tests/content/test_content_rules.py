"""The editorial rules `explorer check` applies: each fires on a small pack and names the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.content.load import load_content
from explorer.errors import ContentErrors
from tests.conftest import make_pack


def _chapter(pack: Path, name: str, body: str, front: str = "title: Added") -> None:
    (pack / name).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")


def _problems(pack: Path) -> list[str]:
    """What `explorer check` reports for the pack, one FILE:LINE: message a line."""
    try:
        load_content(pack, editorial=True)
    except ContentErrors as caught:
        return [str(e) for e in caught.errors]
    return []


def test_the_good_pack_keeps_every_rule(tmp_path: Path) -> None:
    assert _problems(make_pack(tmp_path)) == []


def test_a_figure_without_a_citation_is_reported_at_its_line(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    _chapter(pack, "report/03-figures.md",
             "Chapter 6 of the Key Stage 2 results,\n"        # 4: names, not figures
             "published in 2024, says the gap was\n"          # 5: a year
             "4.7 months and **£1,200** a pupil.\n\n"         # 6: two figures
             "Cited: 45% of pupils [@chetty-2014].\n\n"       # 8: cited
             "| Stage | Gap |\n|---|---|\n| Age 5 | 4.6 |\n\n"  # 10: a table is one block
             "The report *Opportunity Areas 2017* and `Step 3` are titles, and a list:\n\n"
             "1. first\n2. second\n")
    assert _problems(pack) == [
        "report/03-figures.md:6: figure(s) 4.7, £1,200 without a citation: cite the source in "
        "this paragraph, as [@key]",
        "report/03-figures.md:12: figure(s) 4.6 without a citation: cite the source in this "
        "paragraph, as [@key]",
    ]


def test_numbers_in_code_links_and_citations_are_not_figures(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    _chapter(pack, "report/03-quiet.md",
             "See [the toolkit](https://example.org/page/2024/45), [[EEF]] and `x = 12`.[^1]\n\n"
             "```\n99 bottles\n```\n\n"
             "## Table 4 {#t4}\n\n"
             "[^1]: As the page notes [@eef-toolkit, p. 12].\n")
    assert _problems(pack) == []


def test_a_summary_number_not_in_its_report_chapter_is_reported(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    _chapter(pack, "report/01-opening.md",
             "In the year to March 2024, 4.45 million children were poor; tutors cost £20,000 "
             "[@cooper-stewart-2013].\n\n## Tutoring\n\n[[EEF]], [[Sutton Trust]] and [[dfe]] "
             "[@eef-toolkit; @chetty-2014].\n\n[[figure:test-bars]]\n", front="title: Opening chapter")
    _chapter(pack, "summary/01-opening-summary.md",
             "In 2024, 4.45 million children were poor [@cooper-stewart-2013].\n\n"   # 5: agrees
             "Tutors cost 20000 a year [@eef-toolkit].\n\n"                           # 7: same number
             "## In 4.3 million homes\n\n"                                             # 9: not in report
             "In March 2024, 4.3 million children,\nabout 30% of all, were poor [@cooper-stewart-2013].\n",
             front="title: Opening, in brief\nfull: opening")
    assert _problems(pack) == [
        "summary/01-opening-summary.md:9: 4.3 is not in report/01-opening.md: correct it, or, if it "
        "is right, list it in the front matter as 'numbers-ok: 4.3'",
        "summary/01-opening-summary.md:11: 4.3 is not in report/01-opening.md: correct it, or, if it "
        "is right, list it in the front matter as 'numbers-ok: 4.3'",
        "summary/01-opening-summary.md:12: 30% is not in report/01-opening.md: correct it, or, if it "
        "is right, list it in the front matter as 'numbers-ok: 30%'",
    ]


def test_numbers_ok_marks_an_intended_number_and_a_stale_one_is_reported(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    _chapter(pack, "summary/01-opening-summary.md",
             "About 30% of pupils, 1,200 in all, were tutored [@eef-toolkit].\n",
             front="title: Opening, in brief\nfull: opening\n"
                   "numbers-ok: 30%, 1,200, 7.5   # 30% and 1,200: from the toolkit's table")
    assert _problems(pack) == [
        "summary/01-opening-summary.md:4: 'numbers-ok' lists 7.5, which this chapter no longer "
        "states: remove it",
    ]


def test_sources_organisations_and_figures_nothing_uses_are_reported(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    _chapter(pack, "report/02-second.md", "Mobility is measured in many ways.\n",
             front="title: Second chapter")
    _chapter(pack, "report/01-opening.md", "Income matters [@cooper-stewart-2013; @eef-toolkit].\n",
             front="title: Opening chapter")
    sources = pack / "sources" / "main.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('topics = ["income"]', 'topics = []'),
                       encoding="utf-8")
    assert _problems(pack) == [
        "figures/figures.toml:1: figure 'test-bars' is placed in no chapter: add a line "
        "[[figure:test-bars]] where it belongs",
        "sources/main.toml:15: source 'cooper-stewart-2013' has no topics (the source library "
        "filters by them): add topics = [\"...\"]",
        "sources/main.toml:27: source 'chetty-2014' is cited nowhere: cite it as [@chetty-2014] "
        "where it is used, or remove it",
        "stakeholders.csv:2: organisation 'eef' is mentioned in no report chapter: mention it as "
        "[[Education Endowment Foundation]], or remove it",
        "stakeholders.csv:3: organisation 'sutton-trust' is mentioned in no report chapter: "
        "mention it as [[Sutton Trust]], or remove it",
        "stakeholders.csv:4: organisation 'dfe' is mentioned in no report chapter: mention it as "
        "[[Department for Education]], or remove it",
    ]


def test_check_reports_rules_with_content_errors_and_build_needs_only_a_valid_pack(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = make_pack(tmp_path, "unknown-mention")
    _chapter(pack, "report/03-figures.md", "The gap was 4.7 months [@chetty-2014].\n\nAnd 12 more.\n")
    assert main(["check", "--content", str(pack)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "report/02-second.md:4: unknown stakeholder '[[Ministry of Nothing]]'",
        "report/03-figures.md:6: figure(s) 12 without a citation: cite the source in this "
        "paragraph, as [@key]",
        "2 error(s); nothing was written",
    ]
    (pack / "report" / "02-second.md").unlink()
    assert main(["build", "--content", str(pack), "--out", str(tmp_path / "library")]) == 0
