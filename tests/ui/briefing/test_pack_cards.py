"""The briefing pack prints the cards the app shows: one card builder per entity, two media.

The app's card is read from its pane as the user sees it (plain text of the real widget), the
pack's from the composed pack; both against the fixture library.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from explorer.formats.briefing import BriefingRequest, compose_briefing
from explorer.formats.references import harvard
from explorer.library.store import Library
from explorer.ui.organisations.stakeholders_view import StakeholdersView
from explorer.ui.sources.sources_view import SourcesView

SOURCE_KEYS = ("chetty-2014", "cooper-stewart-2013", "eef-toolkit")
ORGANISATION_KEYS = ("eef", "dfe", "sutton-trust")


def pack_card(library: Library, part: str, request: BriefingRequest) -> list[str]:
    """The lines of the one card in a pack's part ("Sources" or "Organisations"), as printed."""
    html = compose_briefing(library, request)
    start = html.index("<h2>", html.index(f">{part}</a></h1>"))
    end = html.find("<h1", start)
    document = QTextDocument()
    document.setHtml(html[start:end if end >= 0 else len(html)])
    return lines_of(document.toPlainText())


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def until(lines: list[str], heading: str) -> list[str]:
    """The lines before the one that starts with `heading`, which must be there."""
    index = next(i for i, line in enumerate(lines) if line.startswith(heading))
    return lines[:index + 1]


@pytest.mark.parametrize("key", SOURCE_KEYS)
def test_a_source_card_says_the_same_in_the_app_and_the_pack(qtbot: QtBot, library: Library, key: str) -> None:
    view = SourcesView(library)
    qtbot.addWidget(view)
    view.show_key(key)
    on_screen = lines_of(view.card.toPlainText())
    on_paper = pack_card(library, "Sources", BriefingRequest(source_keys=(key,)))
    source = library.source(key)
    # Title, reference, every fact and our summary: the same words in the same order, up to the
    # sections citing it, which paper names by number (§1.2) and the screen by chapter.
    assert until(on_screen, "Cited in") == until(on_paper, "Cited in")
    assert on_screen[0] == on_paper[0] == source.title
    assert on_screen[1] == on_paper[1] == harvard(source)
    assert any(line.startswith("Year") for line in on_screen)
    assert len(on_screen) == len(on_paper)      # as many sections cited, one a line


@pytest.mark.parametrize("key", ORGANISATION_KEYS)
def test_an_organisation_card_says_the_same_in_the_app_and_the_pack(qtbot: QtBot, library: Library,
                                                                     key: str) -> None:
    view = StakeholdersView(library)
    qtbot.addWidget(view)
    view.show_key(key)
    on_screen = lines_of(view.card.toPlainText())
    on_paper = pack_card(library, "Organisations", BriefingRequest(stakeholder_keys=(key,)))
    # Name, facts, summary and every link (the links' words are the same with or without links).
    assert until(on_screen, "Mentioned in") == until(on_paper, "Mentioned in")
    assert on_screen[0].startswith(library.stakeholder(key).name)
    assert len(on_screen) == len(on_paper)


def test_paper_names_cited_sections_by_number_and_links_nothing(library: Library) -> None:
    html = compose_briefing(library, BriefingRequest(source_keys=("chetty-2014",), stakeholder_keys=("eef",)))
    assert "href=" not in html
    lines = pack_card(library, "Sources", BriefingRequest(source_keys=("chetty-2014",)))
    assert lines[lines.index("Cited in (2)") + 1:] == ["§1.2 Places and mobility", "§2 Second chapter"]
