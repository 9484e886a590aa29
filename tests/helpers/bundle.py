"""What the frozen-bundle tests share: where the bundle and its archive are, unpacking the archive
as IT would, a fresh HOME without a display, and running the app read-only and offline.

Used by tests/test_bundle.py and tests/test_journeys.py (both run by `make dist`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import tarfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLE = Path(os.environ.get("REPORT_EXPLORER_BUNDLE", ROOT / "dist" / "report-explorer")).resolve()
NAME = "report-explorer"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
NO_DISPLAY = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "REPORT_EXPLORER_HOME", "XDG_DATA_HOME",
              "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XAUTHORITY")


def find_archive() -> Path:
    """The one archive `make dist` left beside the bundle for this version."""
    archives = sorted(BUNDLE.parent.glob(f"{NAME}-{VERSION}-linux-*.tar.gz"))
    assert len(archives) == 1, f"expected one archive for {VERSION} beside {BUNDLE}, found {archives}"
    return archives[0]


def unpack(archive: Path, target: Path) -> Path:
    """The archive unpacked as IT would, into `target`; returns the app's folder."""
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="tar")
    return target / f"{NAME}-{VERSION}"


def headless_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment without any display or per-user folder settings, HOME and TMPDIR new
    folders under `home` (with `home`/cwd to run in)."""
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    for folder in ("cwd", "home", "tmp"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    return {**env, "HOME": str(home / "home"), "TMPDIR": str(home / "tmp"), **extra}


@functools.cache
def isolation() -> tuple[str, ...] | None:
    """unshare arguments for a private mount and network namespace, if this machine allows them."""
    for args in (("unshare", "--mount", "--net"), ("unshare", "--map-root-user", "--mount", "--net")):
        try:
            if subprocess.run([*args, "true"], capture_output=True, timeout=30).returncode == 0:
                return args
        except (OSError, subprocess.SubprocessError):
            pass
    return None


@contextlib.contextmanager
def read_only_offline(command: list[str], read_only: Path) -> Iterator[list[str]]:
    """`command` wrapped to run with `read_only` mounted read-only (even root cannot write there)
    and no network; start it inside the `with`.

    Where namespaces are not allowed, the folder is made read-only with chmod instead (enough for
    an ordinary user) for the duration of the `with`, and the network is left as it is.
    """
    args = isolation()
    if args:
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        yield [*args, "sh", "-c", script, str(read_only), *command]
        return
    subprocess.run(["chmod", "-R", "a-w", str(read_only)], check=True)
    try:
        yield command
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(read_only)], check=True)


def sandboxed(command: list[str], read_only: Path, env: dict[str, str], cwd: Path,
              timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `command` to the end read-only and offline (see `read_only_offline`)."""
    with read_only_offline(command, read_only) as wrapped:
        return subprocess.run(wrapped, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def walked_note() -> str:
    """What a passing self-test says of its walk through the window: one step per entry of the walk."""
    from explorer.ui.selftest.walkthrough import Walk

    return f"walked {len(Walk.STEPS)} steps"
