"""The frozen bundle, run as IT would run it: from the unpacked archive, read-only, offline, with a
fresh HOME and no display; then on a real X display (Xvfb); and its contents inspected.

`make dist` builds the bundle and runs this file with REPORT_EXPLORER_BUNDLE=dist/report-explorer;
`make test` does not collect it (see tests/conftest.py). Linux only, like `make dist`.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers.bundle import (
    BUNDLE,
    NAME,
    VERSION,
    find_archive,
    headless_env,
    isolation,
    sandboxed,
    unpack,
    walked_note,
)

# What the bundle leaves to the system: glibc, the graphics driver stack (libGL/libEGL must match
# the machine's driver; PyInstaller never bundles them), the X connection library, and CUPS for
# the print plugin (a bundled CUPS would not match the system's printers).
SYSTEM_LIBRARIES = re.compile(r"(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux-x86-64|"
                              r"libGL|libEGL|libOpenGL|libGLX|libxcb|libcups)\.so(\.[\d.]+)?")
WRITE_CALLS = {"mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "link",
               "linkat", "symlink", "symlinkat", "truncate", "chmod", "fchmodat", "utimensat", "creat"}
WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_TMPFILE")


@pytest.fixture(scope="module")
def archive() -> Path:
    return find_archive()


@pytest.fixture(scope="module")
def unpacked(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked as IT would, somewhere new."""
    return unpack(archive, tmp_path_factory.mktemp("unpacked"))


def test_archive_checksum_and_layout(archive: Path) -> None:
    expected, name = archive.with_name(archive.name + ".sha256").read_text(encoding="ascii").split()
    assert name == archive.name
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == expected
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    top = f"{NAME}-{VERSION}"
    assert all(m.name == top or m.name.startswith(top + "/") for m in members)
    executable = next(m for m in members if m.name == f"{top}/{NAME}")
    assert executable.mode & 0o111 and executable.uid == 0 and executable.uname == ""


def test_self_test_read_only_offline_headless(unpacked: Path, tmp_path: Path) -> None:
    env = headless_env(tmp_path)
    result = sandboxed([str(unpacked / NAME), "--self-test"], unpacked, env, tmp_path / "cwd")
    assert result.returncode == 0, result.stdout + result.stderr
    line = result.stdout.strip()
    print(f"\nisolation: {' '.join(isolation() or ('chmod only',))}\n{line}")
    for note in ("self-test passed", "as stamped in the bundle's edition.json", "(offscreen)",
                 walked_note(), "no build-time module loaded", "offline"):
        assert note in line


@pytest.mark.parametrize("damage", ["database", "stamp"])
def test_damaged_install_is_named(unpacked: Path, tmp_path: Path, damage: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(unpacked, copy, symlinks=True)
    if damage == "database":
        database = next((copy / "_internal" / "library").glob("build-*/library.sqlite"))
        with database.open("ab") as handle:
            handle.write(b"\0" * 4096)
    else:
        stamp = copy / "_internal" / "edition.json"
        stamp.write_text(stamp.read_text(encoding="utf-8").replace('"database_sha256": "', '"database_sha256": "0'),
                         encoding="utf-8")
    result = subprocess.run([str(copy / NAME), "--self-test"], env=headless_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    first, last = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert re.match(r"self-test FAILED \[(library|edition)\]: ", first), result.stderr
    assert damage == "database" or "has changed since it was bundled" in first
    assert last.startswith("self-test failed: ")


def test_damaged_index_is_rebuilt_into_the_user_cache(unpacked: Path, tmp_path: Path) -> None:
    """The frozen app can still write a search index (Whoosh's writer is bundled, nothing it
    needs was trimmed), into the user's cache since the install is read-only."""
    copy = tmp_path / "copy"
    shutil.copytree(unpacked, copy, symlinks=True)
    index = next((copy / "_internal" / "library").glob("build-*/index"))
    for segment in index.glob("*.seg"):
        segment.unlink()
    env = headless_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    result = sandboxed([str(copy / NAME), "open", "--quit-after-paint"], copy, env, tmp_path / "cwd")
    assert result.returncode == 0 and "first-paint" in result.stdout, result.stdout + result.stderr
    [stamp] = (tmp_path / "home").glob(".cache/*/index-*/edition.json")
    assert '"content_hash"' in stamp.read_text(encoding="utf-8")
    again = subprocess.run([str(copy / NAME), "search", "tutoring", "--json"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["total"] > 0     # searched through the rebuilt index


def test_version_names_the_stamped_edition(unpacked: Path, tmp_path: Path) -> None:
    stamp = json.loads((unpacked / "_internal" / "edition.json").read_text(encoding="utf-8"))
    result = subprocess.run([str(unpacked / NAME), "--version"], env=headless_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    edition = stamp["edition"]
    assert result.stdout.strip() == (f"report-explorer {VERSION}, content edition {edition['version']} of "
                                     f"{edition['date']} ({stamp['content_hash'][:12]})")


def written_paths(log: Path, cwd: Path) -> tuple[set[str], set[str]]:
    """(paths written, paths a write was attempted on) from an strace log of file calls."""
    written, attempted = set(), set()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)", line)
        if not match:
            continue
        call, args, result = match.groups()
        if call in ("open", "openat") and not WRITE_FLAGS.search(args):
            continue
        if call not in WRITE_CALLS and call not in ("open", "openat"):
            continue
        for path in re.findall(r'"((?:[^"\\]|\\.)*)"', args):
            if path and not path.startswith("/proc/"):   # /proc/self/fd/N: a file already counted
                path = os.path.normpath(os.path.join(cwd, path))
                attempted.add(path)
                if int(result) >= 0:
                    written.add(path)
    return written, attempted


def test_writes_only_to_the_user_folders(unpacked: Path, tmp_path: Path) -> None:
    env = headless_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    log = tmp_path / "strace.log"
    command = ["strace", "-f", "-qq", "-s", "4096", "-o", str(log), "-e", "trace=%file",
               str(unpacked / NAME), "open", "--quit-after-paint"]
    result = sandboxed(command, unpacked, env, tmp_path / "cwd")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "first-paint"
    written, attempted = written_paths(log, tmp_path / "cwd")
    home = env["HOME"]
    print("\nfiles and folders the frozen app wrote (HOME = ~):")
    for path in sorted(written):
        print("  " + path.replace(home, "~"))
    assert not [p for p in attempted if p.startswith(str(unpacked))], "tried to write inside the bundle"
    outside = [p for p in written if not p.startswith(home + "/") and not p.startswith("/dev/")]
    assert not outside, f"wrote outside HOME: {outside}"
    assert f"{home}/.local/share/{NAME}/userdata.sqlite" in written       # platformdirs' user data folder


def test_real_x_display(unpacked: Path, tmp_path: Path) -> None:
    """The xcb platform plugin and the X libraries bundled with it work (Xvfb as the display)."""
    env = headless_env(tmp_path)
    xvfb = ["xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x1024x24"]
    # The self-test draws offscreen unless told otherwise; told, it walks the window on X.
    result = subprocess.run([*xvfb, str(unpacked / NAME), "--self-test"], env={**env, "QT_QPA_PLATFORM": "xcb"},
                            capture_output=True, text=True, timeout=180, cwd=tmp_path / "cwd")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(xcb)" in result.stdout and walked_note() in result.stdout
    result = subprocess.run([*xvfb, str(unpacked / NAME), "open", "--quit-after-paint"], env=env,
                            capture_output=True, text=True, timeout=180, cwd=tmp_path / "cwd")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "first-paint"


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def test_every_library_is_bundled_or_left_to_the_system_on_purpose() -> None:
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    elves = [p for p in files if p.read_bytes()[:4] == b"\x7fELF"]
    bundled = {p.name for p in BUNDLE.rglob("*")}
    missing = {name: sorted(str(p.relative_to(BUNDLE)) for p in elves if name in _needed(p))
               for name in {n for p in elves for n in _needed(p)} - bundled}
    unexpected = {name: users for name, users in missing.items() if not SYSTEM_LIBRARIES.fullmatch(name)}
    assert not unexpected, f"libraries neither bundled nor expected from the system: {unexpected}"


def test_trimmed_qt() -> None:
    qt = BUNDLE / "_internal" / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "plugins" / "platforms").iterdir()) == ["libqoffscreen.so", "libqxcb.so"]
    assert not (qt / "translations").exists()
    names = [p.name for p in BUNDLE.rglob("*")]
    for unwanted in ("Network", "OpenGL", "Qml", "Quick", "WebEngine", "Wayland", "wayland", "gtk3"):
        assert not [n for n in names if unwanted in n], unwanted
    assert (BUNDLE / "_internal" / "PySide6" / "QtPrintSupport.abi3.so").is_file()   # for PDF export


def test_build_time_modules_are_not_frozen() -> None:
    toc = ROOT / "build" / "work" / "pyinstaller" / NAME / "PYZ-00.toc"
    modules = {entry[0] for entry in ast.literal_eval(toc.read_text(encoding="utf-8"))[1]}
    for package in ("matplotlib", "networkx", "sqlite_utils", "markdown", "nh3", "pygments", "tkinter",
                    "numpy", "PIL", "ssl", "PyInstaller"):
        assert not {m for m in modules if m == package or m.startswith(package + ".")}, package
    assert "whoosh.index" in modules and "explorer.selftest" in modules


def test_bundle_is_unchanged_by_running(archive: Path, unpacked: Path) -> None:
    """Nothing run above left a file in the unpacked bundle (runs inside the read-only mount could
    not; this also covers those that ran without it)."""
    with tarfile.open(archive) as tar:
        names = {m.name for m in tar.getmembers()}
    present = {(Path(f"{NAME}-{VERSION}") / p.relative_to(unpacked)).as_posix() for p in unpacked.rglob("*")}
    assert present - names == set()


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    for tool in ("strace", "xvfb-run", "readelf"):
        assert shutil.which(tool), f"{tool} missing: run 'make dist-system-deps'"


def _bundle_script():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_script", ROOT / "build" / "bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_app_module_is_frozen() -> None:
    """Read from the executable's own module archive: the pages imported on first use are there."""
    script = _bundle_script()
    frozen = script.frozen_modules(BUNDLE)
    assert not script.app_modules() - frozen
    for page in ("explorer.ui.sources.sources_view", "explorer.ui.organisations.stakeholders_view",
                 "explorer.ui.reader.side_by_side", "explorer.ui.selftest.walkthrough"):
        assert page in frozen
    assert not {m for m in frozen if m == "tools" or m.startswith("tools.")}   # developer tools stay out
