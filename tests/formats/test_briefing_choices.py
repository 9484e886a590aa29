"""What the pack dialog offers to choose, and the notes it prints, against the fixture library."""

from __future__ import annotations

from pathlib import Path

from explorer.formats.briefing import BriefingRequest
from explorer.formats.briefing_choices import chosen_notes, organisation_choices, section_choices, source_choices
from explorer.library.store import Library
from explorer.userdata.store import UserData


def test_sections_are_offered_by_document_and_chapter_in_reading_order(library: Library) -> None:
    report, summary = section_choices(library)
    assert (report.kind, report.text, summary.text) == ("document", "Full report", "Summary")
    opening = report.children[0]
    assert (opening.kind, opening.key, opening.text, opening.title) == \
        ("chapter", "report/opening", "1 Opening chapter", "Opening chapter")
    assert [(c.key, c.text) for c in opening.children] == [
        ("report/opening", "1 Opening of the chapter"),
        ("report/opening#tutoring-in-small-groups", "1.1 Tutoring in small groups"),
        ("report/opening#places", "1.2 Places and mobility"),
        ("report/opening#case-study-tutoring-pilot", "1.2.1 Case study: Tutoring pilot")]
    offered = [s.key for document in (report, summary) for chapter in document.children for s in chapter.children]
    assert sorted(offered) == sorted(e.id for d in ("report", "summary") for e in library.toc(d))


def test_cards_are_offered_with_words_to_filter_by(library: Library) -> None:
    chetty = next(c for c in source_choices(library) if c.key == "chetty-2014")
    assert chetty.text.endswith("(2014): Where is the land of opportunity?")
    assert "National Bureau" in chetty.search_text
    eef = next(c for c in organisation_choices(library) if c.key == "eef")
    assert eef.text == "Education Endowment Foundation (EEF)"


def test_notes_are_those_on_the_chosen_sections_when_wanted(tmp_path: Path, library: Library) -> None:
    data = UserData(tmp_path / "user.sqlite", backup=False)
    try:
        chosen = library.paragraphs("report/opening#tutoring-in-small-groups")[0]
        other = library.paragraphs("report/opening#places")[0]
        for paragraph, body in ((chosen, "Ask about costs"), (other, "Not chosen")):
            data.add_annotation("note", paragraph.id, paragraph.section_id, paragraph.text, body)
        request = BriefingRequest(section_ids=("report/opening#tutoring-in-small-groups",))
        assert chosen_notes(library, data, request) == {chosen.id: ["Ask about costs"]}
        without = BriefingRequest(section_ids=request.section_ids, include_notes=False)
        assert chosen_notes(library, data, without) == {}
        assert chosen_notes(library, None, request) == {}
    finally:
        data.close()
