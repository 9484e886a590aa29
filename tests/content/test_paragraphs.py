"""Stable paragraph ids and the §/¶ references people quote."""

from __future__ import annotations

from pathlib import Path

from explorer.content.build import build_library
from explorer.library.store import Library
from tests.conftest import make_pack


def ids(library: Library, chapter: str) -> list[str]:
    return [p.id for p in library.chapter_paragraphs(chapter)]


def test_numbers_and_references(library: Library) -> None:
    paragraphs = library.chapter_paragraphs("report/opening")
    assert [p.label for p in paragraphs] == ["§1 ¶1", "§1.1 ¶1", "§1.2 ¶1", "§1.2.1 ¶1"]
    found = library.paragraph_at("§1.1 ¶1")
    assert found is not None and found.text.startswith("Small-group tutoring")
    assert library.paragraph_at("6.3 ¶99") is None
    assert library.cite_paragraph(found).startswith("Fixture Review, §1.1 ¶1\n\nSmall-group tutoring")


def test_paragraph_ids_are_in_the_html(library: Library) -> None:
    page = library.section("report/opening#tutoring-in-small-groups")
    (paragraph,) = library.paragraphs(page.id)
    assert f'<p id="{paragraph.id}">' in page.html


def test_ids_survive_rebuilds_while_text_is_unchanged(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    first = Library(build_library(pack, tmp_path / "a").path)
    chapter = pack / "report" / "01-opening.md"
    text = chapter.read_text(encoding="utf-8")
    # Insert a new paragraph at the top and edit the last one.
    text = text.replace("This opening explains", "A new first paragraph.\n\nThis opening explains")
    text = text.replace("A pilot of tutoring", "An edited pilot of tutoring")
    chapter.write_text(text, encoding="utf-8")
    second = Library(build_library(pack, tmp_path / "b").path)
    before, after = ids(first, "report/opening"), ids(second, "report/opening")
    assert set(before[:3]) <= set(after)          # untouched paragraphs keep their ids
    assert before[3] not in after                 # the edited one gets a new id
    assert len(after) == len(before) + 1
    assert second.paragraph(before[0]).label == "§1 ¶2"   # same id, new number
