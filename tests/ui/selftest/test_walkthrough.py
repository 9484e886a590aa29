"""The self-test's walk: it visits every page, dialog and link kind, and names the step that fails."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from explorer.errors import LibraryError
from explorer.library.store import Library
from explorer.ui.organisations.stakeholders_view import StakeholdersView
from explorer.ui.selftest import walkthrough
from explorer.ui.selftest.selftest_ui import walk
from explorer.ui.selftest.walk_tools import StepFailed
from explorer.ui.sources.sources_view import SourcesView

EVERY_STEP = [name for name, _ in walkthrough.Walk.STEPS]


def test_walks_every_page_dialog_and_link_kind(qtbot: QtBot, real_library: Library,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[str] = []
    original = walkthrough.Walk.run

    def run(self: walkthrough.Walk) -> list[str]:
        notes = original(self)
        done.extend(notes)
        return notes

    monkeypatch.setattr(walkthrough.Walk, "run", run)
    line = walk(real_library)
    assert line.startswith(f"walked {len(EVERY_STEP)} steps") and "(10 dialogs answered)" in line
    joined = " | ".join(done)
    for expected in ("citation → source:", "mention → stakeholder:", "glossary → ",
                     "external address → asked, not opened", "search → report/", "words marked",
                     "side by side", "note at §", "go to §", "about", "help (Ctrl+K listed)", "export (",
                     "reading settings (wide column)",
                     "briefing pack (", "organisations (2 tabs)"):
        assert expected in joined, expected


def test_a_page_that_raises_fails_its_step_by_name(qtbot: QtBot, real_library: Library,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: SourcesView, key: str) -> None:
        raise KeyError(key)

    monkeypatch.setattr(SourcesView, "show_key", broken)
    with pytest.raises(StepFailed, match=r"^citation link: .*KeyError"):
        walk(real_library)


def test_an_error_dialog_fails_the_step(qtbot: QtBot, real_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """A "Cannot open" message is a dialog nobody asked for: the walk closes it and fails."""
    def gone(self: StakeholdersView, key: str) -> None:
        raise LibraryError("library.sqlite", f"no stakeholder '{key}'")

    monkeypatch.setattr(StakeholdersView, "show_key", gone)
    with pytest.raises(StepFailed, match=r"^organisation link: .*a dialog nobody asked for: QMessageBox 'Cannot open'"):
        walk(real_library)


def test_the_walk_leaves_the_users_folders_alone(qtbot: QtBot, real_library: Library, tmp_path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORT_EXPLORER_HOME", str(tmp_path))
    walk(real_library)
    assert list(tmp_path.iterdir()) == []
