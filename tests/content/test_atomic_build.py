"""A build killed at any point leaves the previous library whole, and the next build tidies up."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.content.build import build_library
from explorer.integrity import verify
from explorer.library.store import Library
from explorer.search.engine import Search
from tests.conftest import REAL_PACK, ROOT, make_pack


def _temp_folder(library_dir: Path) -> Path | None:
    return next(iter(sorted(library_dir.glob(".tmp-*"))), None)


def _has(relative: str) -> Callable[[Path], bool]:
    def seen(library_dir: Path) -> bool:
        folder = _temp_folder(library_dir)
        return folder is not None and (folder / relative).exists()
    return seen


# Kill points: as soon as the build reaches a stage, then after random delays.
STAGES: list[tuple[str, Callable[[Path], bool]]] = [
    ("temp folder made", lambda d: _temp_folder(d) is not None),
    ("database being written", _has("library.sqlite")),
    ("index being written", _has("index")),
]
DELAYS = [round(random.Random(20240611 + n).uniform(0.05, 2.0), 2) for n in range(3)]


def _kill_build(library_dir: Path, env: dict[str, str], ready: Callable[[Path], bool] | None,
                delay: float) -> int | None:
    """Start `explorer build` of the real content into `library_dir`; SIGKILL it when `ready`
    holds (or after `delay` seconds). Returns its exit code if it finished first."""
    build = subprocess.Popen([sys.executable, "-m", "explorer", "build", "--content", str(REAL_PACK),
                              "--out", str(library_dir)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + (60 if ready else delay)
    while time.monotonic() < deadline and build.poll() is None:
        if ready is not None and ready(library_dir):
            break
        time.sleep(0.005)
    code = build.poll()
    build.send_signal(signal.SIGKILL)
    build.wait()
    return code


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_rebuilds_leave_the_previous_library_working(tmp_path: Path) -> None:
    library_dir = tmp_path / "library"
    first = build_library(make_pack(tmp_path), library_dir)
    editions = {Library(library_dir).meta["content_hash"]}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    points = [(name, ready, 0.0) for name, ready in STAGES]
    points += [(f"after {delay} s", None, delay) for delay in DELAYS]
    interrupted = 0
    for name, ready, delay in points:
        # A staged kill can lose the race on a busy machine (the build finishes before the poll
        # sees the stage): try it again, up to three times, so each stage is really interrupted.
        for _ in range(3 if ready else 1):
            code = _kill_build(library_dir, env, ready, delay)
            killed_mid_build = _temp_folder(library_dir) is not None   # a half-written folder
            library = Library(library_dir)          # opens: the pointer names a whole build
            if code == 0:                           # the build won the race: the new edition is in use
                editions.add(library.meta["content_hash"])
            assert library.meta["content_hash"] in editions, name
            assert verify(library_dir) == [], name
            assert Search(library.index_path).search("tutoring").total > 0, name
            library.close()
            if killed_mid_build:
                interrupted += 1
                break
    assert interrupted >= len(STAGES)
    assert Library(library_dir).folder == first.path or len(editions) > 1

    pack = make_pack(tmp_path / "next")
    (pack / "report" / "02-second.md").write_text(
        "---\ntitle: Second chapter\n---\nA new edition about tutoring [@chetty-2014].\n", encoding="utf-8")
    final = build_library(pack, library_dir)
    left = sorted(p.name for p in library_dir.iterdir())
    assert left == ["CURRENT", final.path.name], left      # no .tmp-*, no old build, no .CURRENT.tmp
    assert verify(library_dir) == []
