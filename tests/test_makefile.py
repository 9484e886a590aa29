"""`make run` on a desktop: with a display set, the X11 libraries Qt's xcb plugin needs are
installed (as root) or named in the exact command to run (otherwise)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _as_user_without_packages(tmp_path: Path, display: str | None) -> subprocess.CompletedProcess[str]:
    """`make run-system-deps` as a non-root user on a machine where no Debian package is installed:
    `id` and `dpkg-query` are stand-ins earlier on PATH (make's own logic is what runs)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("id", "echo 1000"), ("dpkg-query", "exit 1")):
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MAKEFLAGS")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    if display:
        env["DISPLAY"] = display
    return subprocess.run(["make", "--no-print-directory", "run-system-deps"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("display", [":0", None])
def test_make_run_names_the_libraries_a_window_needs(tmp_path: Path, display: str | None) -> None:
    result = _as_user_without_packages(tmp_path, display)
    assert result.returncode != 0
    [command] = [line.strip() for line in result.stdout.splitlines() if "apt-get install" in line]
    assert command.startswith("sudo apt-get install --no-install-recommends libegl1 ")
    assert "fonts-dejavu-core" in command
    for xcb in ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4"):
        assert (xcb in command.split()) is bool(display), (xcb, command)
