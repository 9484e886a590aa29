"""Shared fixtures: libraries built once per session from real content packs, opened read-only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explorer.content.build import build_library
from explorer.library.store import Library
from explorer.search.engine import Search
from tests.helpers.messages import told  # noqa: F401 (a fixture, for every test)
from tests.helpers.search_checks import Catalogue, catalogue

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOOD_PACK = FIXTURES / "good"
REAL_PACK = ROOT / "content"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The frozen-bundle tests (and the journeys through the frozen app) need the bundle that `make dist`
# builds, and `make dist` runs them (with REPORT_EXPLORER_BUNDLE set); `make test` does not collect them.
collect_ignore = [] if os.environ.get("REPORT_EXPLORER_BUNDLE") else ["test_bundle.py", "test_journeys.py"]


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the real per-user folders."""
    monkeypatch.setenv("REPORT_EXPLORER_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def fixture_library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixture-library")
    build_library(GOOD_PACK, out)
    return out


@pytest.fixture(scope="session")
def real_library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real-library")
    build_library(REAL_PACK, out)
    return out


@pytest.fixture(scope="session")
def library(fixture_library_dir: Path) -> Library:
    return Library(fixture_library_dir)


@pytest.fixture(scope="session")
def search(library: Library) -> Search:
    return Search(library.index_path)


@pytest.fixture(scope="session")
def real_library(real_library_dir: Path) -> Library:
    return Library(real_library_dir)


@pytest.fixture(scope="session")
def real_search(real_library: Library) -> Search:
    return Search(real_library.index_path)


def make_pack(tmp_path: Path, overlay: str | None = None, kind: str = "bad") -> Path:
    """A copy of the good pack with the files of tests/fixtures/<kind>/<overlay> laid over it
    (kind "bad": content errors; "hostile": content that must build and render safely)."""
    pack = tmp_path / "pack"
    shutil.copytree(GOOD_PACK, pack)
    if overlay:
        shutil.copytree(FIXTURES / kind / overlay, pack, dirs_exist_ok=True)
    return pack



def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Do what the app does on quit (see explorer.ui.app.release_clipboard)."""
    from explorer.ui.app import release_clipboard

    release_clipboard()


# Every document of each index with its fields, for checking search answers (tests/helpers).
@pytest.fixture(scope="module")
def fixture_catalogue(library: Library, search: Search) -> Catalogue:
    return catalogue(library, search)


@pytest.fixture(scope="module")
def real_catalogue(real_library: Library, real_search: Search) -> Catalogue:
    return catalogue(real_library, real_search)
