"""Offline, proven: the app and the CLI work with the network taken away, and never even try it.

Each command runs in a fresh Python whose sitecustomize makes every socket, connection and name
lookup fail (and logs the attempt); where the system allows it, also in a network namespace with
no interfaces at all, which stops Qt's own C++ code as well as Python's. The reader's refusal of
anything outside the library is tested in tests/ui/shell/test_main_window.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SITECUSTOMIZE = '''"""Written by tests/test_offline.py: this process has no network."""
import os
import socket

_LOG = os.environ.get("NO_NETWORK_LOG")


def _refused(name, args):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{name}{args[:2]!r}\\n")
    return OSError(101, f"network disabled by the offline test ({name})")


class _NoSocket(socket.socket):
    """Still a class (ssl subclasses socket.socket at import), but never an instance."""

    def __init__(self, *args, **kwargs):
        raise _refused("socket.socket", args)


def _refuse(name):
    def refuse(*args, **kwargs):
        raise _refused(name, args)
    return refuse


socket.socket = _NoSocket
for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
              "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "socketpair", "fromfd"):
    setattr(socket, _name, _refuse(f"socket.{_name}"))
'''


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    guard = tmp_path / "no-network"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]),
            "NO_NETWORK_LOG": str(tmp_path / "attempts.log"), "QT_QPA_PLATFORM": "offscreen",
            "REPORT_EXPLORER_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}


def run(args: list[str], env: dict[str, str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def attempts(env: dict[str, str]) -> list[str]:
    log = Path(env["NO_NETWORK_LOG"])
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_guard_really_takes_the_network_away(offline_env: dict[str, str]) -> None:
    probe = ("import socket, ssl, urllib.request\n"
             "for call in (lambda: socket.socket(), lambda: socket.create_connection(('example.org', 443)),\n"
             "             lambda: urllib.request.urlopen('https://example.org', timeout=1)):\n"
             "    try:\n        call()\n    except OSError as exc:\n        print('refused', exc)\n")
    result = run(["-c", probe], offline_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("refused") == 3 and "network disabled" in result.stdout
    assert len(attempts(offline_env)) >= 3


def test_cli_search_works_offline(real_library_dir: Path, offline_env: dict[str, str]) -> None:
    result = run(["-m", "explorer", "--library", str(real_library_dir), "search", "tutoring", "--json"],
                 offline_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] > 0
    assert attempts(offline_env) == []


def test_self_test_passes_offline(real_library_dir: Path, offline_env: dict[str, str]) -> None:
    result = run(["-m", "explorer", "--library", str(real_library_dir), "--self-test"], offline_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test passed") and "offline" in result.stdout
    assert attempts(offline_env) == []


def test_the_window_opens_offline(fixture_library_dir: Path, offline_env: dict[str, str]) -> None:
    result = run(["-m", "explorer", "--library", str(fixture_library_dir), "open", "--quit-after-paint"],
                 offline_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "first-paint"
    assert attempts(offline_env) == []


def _network_namespace() -> tuple[str, ...]:
    """A command prefix running its command with no network interfaces, or () if not allowed."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "--net"), (unshare, "--map-root-user", "--net")):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    return ()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux")
def test_works_in_a_network_namespace_with_no_interfaces(real_library_dir: Path,
                                                         offline_env: dict[str, str]) -> None:
    prefix = _network_namespace()
    if not prefix:
        pytest.skip("unshare --net is not permitted here")
    args = ["-m", "explorer", "--library", str(real_library_dir), "--self-test"]
    result = run(args, offline_env, prefix)
    assert result.returncode == 0, result.stderr
    assert attempts(offline_env) == []
