"""The controlled vocabularies, as people read them."""

from __future__ import annotations


def test_phases_read_the_same_everywhere() -> None:
    from explorer.model.vocabulary import PHASES, phases_text

    assert phases_text(("secondary", "primary")) == "Primary, Secondary"         # order of schooling
    assert phases_text(PHASES) == phases_text(("all",)) == "All phases"
    assert phases_text(()) == ""
