"""Editions: what changed between two compiled libraries."""

from __future__ import annotations

from pathlib import Path

from explorer.content.build import build_library
from explorer.library.diff import diff_editions
from explorer.library.store import Library
from tests.conftest import make_pack


def test_diff_lists_added_removed_and_changed(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    old = Library(build_library(pack, tmp_path / "old").path)
    chapter = pack / "report" / "01-opening.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("## Places and mobility {#places}", "## Places and movement {#places}")
    text += "\n## A new section\n\nNew words [@chetty-2014].\n"
    chapter.write_text(text, encoding="utf-8")
    second = pack / "report" / "02-second.md"
    second.write_text(second.read_text(encoding="utf-8").split("## Tutoring")[0], encoding="utf-8")
    holders = pack / "stakeholders.csv"
    holders.write_text(holders.read_text(encoding="utf-8") +
                       "nuffield,Nuffield Foundation,,foundation-funder,all,UK,Funds research.,"
                       "https://www.nuffieldfoundation.org/,1943\n", encoding="utf-8")
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nFunded by [[nuffield]].\n", encoding="utf-8")
    new = Library(build_library(pack, tmp_path / "new").path)
    diff = diff_editions(old, new)
    assert [c.id for c in diff.sections_added] == ["report/opening#a-new-section"]
    assert [c.id for c in diff.sections_removed] == ["report/second#tutoring-in-small-groups"]
    assert [c.id for c in diff.sections_changed] == ["report/opening#places"]
    assert [c.id for c in diff.stakeholders_added] == ["nuffield"]
    assert diff.sources_added == () and diff.sources_removed == ()
    text = diff.as_text()
    assert "sections added (1):" in text and "organisations added (1):" in text
    assert diff.as_json()["sections"]["changed"] == [{"id": "report/opening#places",
                                                       "title": "Places and movement"}]


def test_same_edition_has_no_changes(library: Library) -> None:
    diff = diff_editions(library, library)
    assert diff.unchanged and diff.as_text().endswith("no changes")
