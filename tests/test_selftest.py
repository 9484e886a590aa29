"""`--self-test` and `--version` from source: the checks IT runs on an installed copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import paths, selftest
from explorer.cli import main
from explorer.library.store import Library
from explorer.search.index import write_index
from tests.conftest import ROOT
from tests.helpers.bundle import walked_note

NO_DISPLAY = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def headless_env(home: Path, **extra: str) -> dict[str, str]:
    """No display and no QT_QPA_PLATFORM: the self-test must choose offscreen by itself."""
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    return {**env, "REPORT_EXPLORER_HOME": str(home), **extra}


def copy_library(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(source, target)
    return target


def test_self_test_passes_on_the_shipped_pack(real_library_dir: Path, tmp_path: Path) -> None:
    result = run_cli("--library", str(real_library_dir), "--self-test", env=headless_env(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("self-test passed in ")
    for note in ("documents indexed", "3 searches", "rendered home page and section report/",
                 "(offscreen)", walked_note(), "no build-time module loaded", "offline"):
        assert note in lines[0]
    assert result.stderr == ""        # nothing for IT to wonder about: no traceback, no Qt noise


def test_default_library_is_checked_against_content(tmp_path: Path) -> None:
    env = headless_env(tmp_path)
    assert run_cli("build", env=env).returncode == 0          # into the user cache, from content/
    result = run_cli("--self-test", env=env)
    assert result.returncode == 0, result.stderr
    assert "as stamped in content/" in result.stdout


def test_no_fonts_is_named(fixture_library_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'fc'}</cachedir>"
                      "</fontconfig>", encoding="utf-8")
    result = run_cli("--library", str(fixture_library_dir), "--self-test",
                     env=headless_env(tmp_path, FONTCONFIG_FILE=str(config)))
    assert result.returncode == 1
    assert "self-test FAILED [render]: no fonts found" in result.stderr


def test_importing_selftest_loads_no_qt() -> None:
    code = ("import sys, explorer.selftest\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# In-process: each failure is named, and what depends on it is reported as not run ---------------
DATA_CHECKS = ("render", "modules", "offline")   # leave out Qt and the fresh-process checks here


def test_missing_library_names_every_check(tmp_path: Path) -> None:
    outcome = selftest.run(tmp_path / "nothing", skip=DATA_CHECKS)
    assert "no library here" in outcome.failures["library"]
    assert outcome.failures["edition"] == "not run: 'library' failed"
    assert outcome.failures["search"] == "not run: 'index' failed"


def test_missing_index(fixture_library_dir: Path, tmp_path: Path) -> None:
    library_dir = copy_library(fixture_library_dir, tmp_path)
    shutil.rmtree(Library(library_dir).folder / "index")
    outcome = selftest.run(library_dir, skip=DATA_CHECKS)
    assert "search index missing or damaged" in outcome.failures["index"]
    assert set(outcome.failures) == {"index", "search"}


def test_index_missing_a_document(fixture_library_dir: Path, tmp_path: Path) -> None:
    library = Library(copy_library(fixture_library_dir, tmp_path))
    documents = library.search_documents()
    write_index(documents[:-1], {}, library.folder / "index")
    outcome = selftest.run(library.folder, skip=DATA_CHECKS)
    assert outcome.failures["index"] == (f"the index holds {len(documents) - 1} documents, "
                                         f"the library has {len(documents)}")


def test_search_expectation_failure_names_the_query(fixture_library_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "SEARCH_CHECKS", (
        selftest.SearchCheck("EEF", kind="stakeholder", first="stakeholder:dfe"),
        selftest.SearchCheck("tutorng", suggestion="tutors")))
    outcome = selftest.run(fixture_library_dir, skip=DATA_CHECKS)
    assert outcome.failures["search"] == (
        "'EEF' should find stakeholder:dfe first, found ['stakeholder:eef']; "
        "'tutorng' should suggest 'tutors', suggested 'tutoring'")


def stamp(library_dir: Path, path: Path, **changes: str) -> Path:
    """An edition.json as build/bundle.py writes it."""
    library = Library(library_dir)
    values = {"content_hash": library.edition().content_hash,
              "database": library.database_path.relative_to(library_dir).as_posix(),
              "database_sha256": selftest.sha256_file(library.database_path), **changes}
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def test_bundle_stamp_matches(fixture_library_dir: Path, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "edition_file", lambda: stamp(fixture_library_dir, tmp_path / "e.json"))
    outcome = selftest.run(fixture_library_dir, skip=DATA_CHECKS)
    assert outcome.ok, outcome.failures
    assert "as stamped in the bundle's e.json" in outcome.notes["edition"]


@pytest.mark.parametrize(("change", "message"), [
    ({"content_hash": "0" * 64}, "is not the 000000000000 of the bundle's e.json"),
    ({"database_sha256": "0" * 64}, "has changed since it was bundled"),
])
def test_bundle_stamp_mismatch(fixture_library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               change: dict[str, str], message: str) -> None:
    monkeypatch.setattr(paths, "edition_file", lambda: stamp(fixture_library_dir, tmp_path / "e.json", **change))
    outcome = selftest.run(fixture_library_dir, skip=DATA_CHECKS)
    assert message in outcome.failures["edition"]


def test_frozen_without_stamp_fails(fixture_library_dir: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    monkeypatch.setattr(paths, "edition_file", lambda: tmp_path / "edition.json")
    outcome = selftest.run(fixture_library_dir, skip=DATA_CHECKS)
    assert outcome.failures["edition"].startswith("the bundle has no edition stamp")


def test_network_use_is_a_failure(fixture_library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def lookup(state: dict[str, object]) -> str:
        socket.getaddrinfo("localhost", 443)   # answered from /etc/hosts, but an attempt all the same
        return "looked up"

    outcome = selftest.run(fixture_library_dir, skip=("modules",), ui_checks=(("lookup", None, lookup),))
    assert outcome.failures["offline"].startswith("tried to use the network: socket.getaddrinfo('localhost', 443)")


def test_main_prints_failures_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.ui.selftest import selftest_ui

    assert selftest.main(tmp_path / "nothing", library_given=True, ui_checks=selftest_ui.CHECKS) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("self-test FAILED [library]: ")
    assert err[-1].startswith("self-test failed: ") and "(library, edition, index, search, render, journeys" in err[-1]


# --version ---------------------------------------------------------------------------------------
def test_version_names_the_edition(fixture_library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = Library(fixture_library_dir).edition()
    assert main(["--library", str(fixture_library_dir), "--version"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("report-explorer ")
    assert out.endswith(f"content edition {edition.version} of {edition.date} ({edition.content_hash[:12]})")


def test_version_without_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(tmp_path), "--version"]) == 0
    assert f"(no content library at {tmp_path})" in capsys.readouterr().out
