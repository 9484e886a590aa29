"""Briefing packs without Qt: what goes into the HTML, as input -> output tables."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest

from explorer.formats.briefing import (
    DEFAULT_TITLE,
    BriefingRequest,
    compose_briefing,
    describe,
    figures_in,
    footer_text,
    label_paragraphs,
    notes_by_paragraph,
    ordered_sections,
    sources_cited_in,
    suggested_filename,
)
from explorer.library.store import Library
from explorer.userdata.store import Annotation

PREPARED = date(2026, 3, 2)
OPENING = ("report/opening", "report/opening#tutoring-in-small-groups", "report/opening#places",
           "report/opening#case-study-tutoring-pilot")
COOPER = "Cooper, K. and Stewart, K. (2013)"
CHETTY = "Chetty, R. et al. (2014)"
EEF = "Education Endowment Foundation (2021)"


def compose(library: Library, notes: dict[str, list[str]] | None = None, **fields: object) -> str:
    return compose_briefing(library, BriefingRequest(**fields), notes, prepared=PREPARED)  # type: ignore[arg-type]


def part(html: str, heading: str) -> str:
    """The HTML from a part's heading (a level-1 heading) to the next one."""
    start = html.index(f">{heading}</a></h1>")
    following = html.find("<h1", start)
    return html[start:following if following >= 0 else len(html)]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def annotation(kind: str, paragraph_id: str, body: str, number: int = 1) -> Annotation:
    return Annotation(number, kind, paragraph_id, "s", "quote", body, "ok", float(number), float(number))


# Small pure functions ----------------------------------------------------------------------------
@pytest.mark.parametrize(("html", "expected"), [
    ("", []),
    ('<a href="source:a">A</a>', ["a"]),
    ('<a class="cite" href="source:b" title="x">B</a> and <a href="source:a">A</a>', ["b", "a"]),
    ('<a href="source:a">A</a><a href="source:a">A again</a>', ["a"]),
    ("<a href='source:single-quoted'>S</a>", ["single-quoted"]),
    ('<a href="stakeholder:eef">EEF</a><a href="glossary:FSM">FSM</a><a href="https://x.org">x</a>', []),
    ("source:not-a-link in the text", []),
])
def test_sources_cited_in(html: str, expected: list[str]) -> None:
    assert sources_cited_in(html) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ("", []),
    ('<p class="figure-image"><img src="figure:test-bars" alt="Test bars"></p>', ["test-bars"]),
    ('<img src="figure:a"><img alt="b" src="figure:b"><img src="figure:a">', ["a", "b"]),
    ('<img src="https://example.org/x.png">', []),
])
def test_figures_in(html: str, expected: list[str]) -> None:
    assert figures_in(html) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Early years", "Briefing pack - Early years.pdf"),
    ("", f"Briefing pack - {DEFAULT_TITLE}.pdf"),
    ("   ", f"Briefing pack - {DEFAULT_TITLE}.pdf"),
    ("Q3: schools/FE?", "Briefing pack - Q3 schools FE.pdf"),
    ('a<b>"c"|d*', "Briefing pack - a b c d.pdf"),
    ("...", f"Briefing pack - {DEFAULT_TITLE}.pdf"),
])
def test_suggested_filename(title: str, expected: str) -> None:
    assert suggested_filename(BriefingRequest(title=title)) == expected


@pytest.mark.parametrize(("request_", "expected"), [
    (BriefingRequest(), "Choose sections, sources or organisations for the pack."),
    (BriefingRequest(("a",)), "1 section, no source cards and no organisation cards, with your notes."),
    (BriefingRequest(("a", "b"), ("s",), ("h", "i"), include_notes=False),
     "2 sections, 1 source card and 2 organisation cards, without notes."),
    (BriefingRequest(stakeholder_keys=("h",)),
     "no sections, no source cards and 1 organisation card, with your notes."),
])
def test_describe(request_: BriefingRequest, expected: str) -> None:
    assert describe(request_) == expected


def test_notes_by_paragraph_keeps_written_notes_in_order() -> None:
    annotations = [annotation("note", "p1", " First ", 1), annotation("bookmark", "p1", "", 2),
                   annotation("note", "p2", "   ", 3), annotation("note", "p1", "Second", 4),
                   annotation("note", "p3", "Third\nline", 5)]
    assert notes_by_paragraph(annotations) == {"p1": ["First", "Second"], "p3": ["Third\nline"]}


@pytest.mark.parametrize(("html", "notes", "expected"), [
    ('<p id="p1">One.</p><p id="p2">Two.</p>', {},
     '<p id="p1">[L1]One.</p><p id="p2">[L2]Two.</p>'),
    ('<p id="p1">One.</p><p id="p2">Two.</p>', {"p1": ["N"]},
     '<p id="p1">[L1]One.</p>{N}<p id="p2">[L2]Two.</p>'),
    ('<ul><li id="p1">One<ul><li id="p2">Two</li></ul></li><li id="x">Other</li></ul>', {"p1": ["N"], "p2": ["M"]},
     '<ul><li id="p1">[L1]One<ul><li id="p2">[L2]Two{M}</li></ul>{N}</li><li id="x">Other</li></ul>'),
    ('<p id="unknown">Not numbered.</p>', {"unknown": ["N"]}, '<p id="unknown">Not numbered.</p>'),
    ('<p class="x" id="p1">Attributes first.</p>', {}, '<p class="x" id="p1">[L1]Attributes first.</p>'),
])
def test_label_paragraphs(html: str, notes: dict[str, list[str]], expected: str) -> None:
    result = label_paragraphs(html, {"p1": "L1", "p2": "L2"}, notes)
    result = re.sub(r"<span [^>]*>(L\d)</span>&nbsp; ", r"[\1]", result)
    result = re.sub(r'<p style="margin-left[^"]*"><b>My note:</b> (\w+)</p>', r"{\1}", result)
    assert result == expected


def test_briefing_does_not_import_qt() -> None:
    code = ("import sys, explorer.formats.briefing\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# Against the fixture library ---------------------------------------------------------------------
@pytest.mark.parametrize(("asked", "expected"), [
    (OPENING[::-1], list(OPENING)),
    (("summary/opening-summary", "report/second", "report/opening#places"),
     ["report/opening#places", "report/second", "summary/opening-summary"]),
    (("report/nope", "report/second"), ["report/second"]),
    ((), []),
])
def test_sections_follow_reading_order(library: Library, asked: tuple[str, ...], expected: list[str]) -> None:
    assert [s.id for s in ordered_sections(library, asked)] == expected


def test_title_page(library: Library) -> None:
    html = compose(library, section_ids=OPENING, source_keys=("chetty-2014",), title="March board")
    title_page = text_of(html[:html.index(">Contents<")])
    edition = library.edition()
    for expected in ("Fixture Review", "A small pack for tests", "Briefing pack: March board",
                     "0.9.0, 15 January 2026", "Commissioned by Nobody",
                     "Prepared 2 March 2026", "4 sections from 1 chapter, 1 source card"):
        assert expected in title_page
    assert "<title>Briefing pack: March board</title>" in html
    # The edition's hash is for IT (in About), not for the trustees a pack is printed for.
    assert edition.content_hash[:8] not in html and "hash" not in title_page.lower()
    assert footer_text(library, BriefingRequest(title="March board")) == (
        "Briefing pack: March board · Fixture Review, edition 0.9.0")


def test_title_is_escaped_and_defaulted(library: Library) -> None:
    assert "Briefing pack: &lt;b&gt;A &amp; B&lt;/b&gt;" in compose(library, section_ids=OPENING, title="<b>A & B</b>")
    assert f"Briefing pack: {DEFAULT_TITLE}" in compose(library, section_ids=OPENING)


def test_chosen_text_has_headings_and_paragraph_labels(library: Library) -> None:
    html = compose(library, section_ids=OPENING)
    body = text_of(part(html, "1 Opening chapter"))
    for heading in ("1 Opening chapter", "1.1 Tutoring in small groups", "1.2 Places and mobility",
                    "1.2.1 Case study: Tutoring pilot"):
        assert heading in body
    assert "§1 ¶1 This opening explains the fixture." in body
    assert "§1.1 ¶1 Small-group tutoring is a well-evidenced approach" in body
    assert "§1.2.1 ¶1 A pilot of tutoring" in body
    assert body.index("1.1 Tutoring") < body.index("1.2 Places") < body.index("1.2.1 Case study")
    # The section's own heading is replaced by the numbered one, not repeated.
    assert body.count("Places and mobility") == 1


def test_contents_lists_every_part_with_page_numbers_when_known(library: Library) -> None:
    request = BriefingRequest(("report/opening#places", "report/second"), ("chetty-2014",), ("eef",))

    def contents(html: str) -> str:
        return text_of(html[html.index(">Contents<") + 1:html.index('<a name="part-1">')])

    html = compose_briefing(library, request, None, PREPARED)
    assert contents(html) == ("Contents 1 Opening chapter 1.2 Places and mobility 2 Second chapter Sources "
                              "Organisations Bibliography")
    names = re.findall(r'<a name="(part-\d+)">', html)
    assert names == [f"part-{n}" for n in range(1, 7)]
    numbered = compose_briefing(library, request, None, PREPARED,
                                page_numbers={name: n + 3 for n, name in enumerate(names)})
    assert contents(numbered) == ("Contents 1 Opening chapter 3 1.2 Places and mobility 4 2 Second chapter 5 "
                                  "Sources 6 Organisations 7 Bibliography 8")


def test_links_become_text_and_only_figures_stay(library: Library) -> None:
    html = compose(library, section_ids=OPENING, source_keys=("chetty-2014",), stakeholder_keys=("eef",))
    assert "href=" not in html
    assert "(Cooper and Stewart, 2013)" in text_of(html)
    assert "the Foundation and the Department for Education" in text_of(html)
    assert re.findall(r"<img\b[^>]*>", html) == ['<img src="figure:test-bars" alt="Test bars">']
    assert "&lt;script&gt;" in html and "<script" not in html


@pytest.mark.parametrize(("sections", "sources", "listed", "left_out"), [
    (OPENING, (), [CHETTY, COOPER, EEF], []),
    (("report/second",), (), [CHETTY], [COOPER, EEF]),
    (("report/opening",), (), [COOPER], [CHETTY, EEF]),
    # The figure's caption cites its source.
    (("report/opening#tutoring-in-small-groups",), (), [EEF], [CHETTY, COOPER]),
    ((), ("cooper-stewart-2013",), [COOPER], [CHETTY, EEF]),
    (("summary/opening-summary",), ("chetty-2014",), [CHETTY, EEF], [COOPER]),
    (("report/second",), ("chetty-2014",), [CHETTY], [COOPER, EEF]),
    ((), (), [], [CHETTY, COOPER, EEF]),
])
def test_bibliography_holds_only_cited_and_chosen_sources(
        library: Library, sections: tuple[str, ...], sources: tuple[str, ...], listed: list[str],
        left_out: list[str]) -> None:
    bibliography = text_of(part(compose(library, section_ids=sections, source_keys=sources), "Bibliography"))
    positions = [bibliography.index(entry) for entry in listed]
    assert positions == sorted(positions)          # alphabetical, as a reference list is
    for entry in left_out:
        assert entry not in bibliography
    if not listed:
        assert "No sources are cited in this pack." in bibliography


@pytest.mark.parametrize("include_notes", [True, False])
def test_notes_sit_under_their_paragraph(library: Library, include_notes: bool) -> None:
    first, = library.paragraphs("report/opening#tutoring-in-small-groups")
    notes = {first.id: ["Ask the CEO about <tutoring> & costs.", "Second thought\nover two lines"],
             "report-nowhere-0000000000": ["Not in the pack"]}
    html = compose(library, notes, section_ids=OPENING, include_notes=include_notes)
    body = text_of(part(html, "1 Opening chapter"))
    if not include_notes:
        assert "My note" not in html and "Ask the CEO" not in html
        assert "1 note" not in text_of(html[:html.index(">Contents<")])
        return
    assert "Ask the CEO about &lt;tutoring&gt; &amp; costs." in html
    assert "Second thought<br/>over two lines" in html
    assert "Not in the pack" not in html
    assert body.index("§1.1 ¶1") < body.index("My note: Ask the CEO") < body.index("My note: Second thought") \
        < body.index("1.2 Places and mobility")
    assert "2 notes" in text_of(html[:html.index(">Contents<")])


def test_source_card(library: Library) -> None:
    card = text_of(part(compose(library, source_keys=("chetty-2014",)), "Sources"))
    for expected in ("Where is the land of opportunity?", f"{CHETTY} Where is the land of opportunity?",
                     "Type Working paper", "Year 2014", "Phases Work", "Address https://www.nber.org/papers/w19843",
                     "Our summary", "Cited in (2) §1.2 Places and mobility §2 Second chapter",
                     "Geography of intergenerational mobility"):
        assert expected in card


def test_organisation_card(library: Library) -> None:
    card = text_of(part(compose(library, stakeholder_keys=("eef", "dfe")), "Organisations"))
    for expected in ("Education Endowment Foundation (EEF)", "Sector Charity", "Founded 2011",
                     "Mentioned in (2) §1.1 Tutoring in small groups §1.2.1 Case study: Tutoring pilot",
                     "Links in (2) Sutton Trust founded Education Endowment Foundation — Lead founder",
                     "Department for Education funds Education Endowment Foundation — Founding grant",
                     "Department for Education (DfE)", "Sector Government"):
        assert expected in card
    assert card.index("Department for Education (DfE)") < card.index("Education Endowment Foundation (EEF)")


def test_real_chapter_numbers_every_paragraph(real_library: Library) -> None:
    sections = tuple(s.id for s in real_library.chapter_sections("report/early-years"))
    html = compose(real_library, section_ids=sections)
    labels = [p.label for s in sections for p in real_library.paragraphs(s)]
    assert labels
    body = text_of(part(html, "6 Early years"))
    for label in labels:
        assert f"{label} " in body
    assert "href=" not in html
