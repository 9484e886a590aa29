"""The card builders, on screen and on paper, against the fixture library."""

from __future__ import annotations

import re

from explorer.formats.cards import organisation_card, section_label, source_card
from explorer.library.store import Library


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_a_screen_card_lists_exactly_the_locations_it_links(library: Library) -> None:
    card = source_card(library, library.source("chetty-2014"))
    assert card.links == ("https://www.nber.org/papers/w19843", "report/opening#places", "report/second")
    assert hrefs(card.html) == list(card.links)
    holder = organisation_card(library, library.stakeholder("eef"))
    assert hrefs(holder.html) == list(holder.links)
    assert "stakeholder:sutton-trust" in holder.links and "source:eef-toolkit" in holder.links


def test_a_paper_card_links_nothing(library: Library) -> None:
    for card in (source_card(library, library.source("chetty-2014"), paper=True),
                 organisation_card(library, library.stakeholder("eef"), paper=True)):
        assert card.links == () and "<a " not in card.html


def test_sections_are_named_by_chapter_on_screen_and_by_number_on_paper(library: Library) -> None:
    places, second = library.citing_sections("chetty-2014")
    assert section_label(places) == "Opening chapter › Places and mobility"
    assert section_label(second) == "Second chapter"
    assert section_label(places, "1.2") == "§1.2 Places and mobility"
    summary = next(s for s in library.citing_sections("eef-toolkit") if s.document == "summary")
    assert section_label(summary).endswith(" (summary)")


def test_an_uncited_source_says_so(library: Library) -> None:
    source = library.source("chetty-2014")._replace(key="not-in-the-report")
    assert "Cited in (0)" in source_card(library, source).html
    assert "Not cited in the report." in source_card(library, source, paper=True).html
