"""Build the deployable bundle: library, icons, PyInstaller, archive + SHA-256, then the self-test.

    python build/bundle.py            dist/report-explorer/ and dist/report-explorer-VERSION-OS-ARCH.*
    python build/bundle.py --floor    dist/floor/floor: an empty window, same trimming (benchmark floor)
    python build/bundle.py --checksum FILE...   write FILE.sha256 beside each FILE

Works the same on Linux, Windows and macOS (the release workflow calls it directly there).
PyInstaller's work folder is build/work/; everything it makes goes to dist/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "work"
DIST = ROOT / "dist"
SPEC = ROOT / "build" / "report-explorer.spec"
APP_NAME = "report-explorer"
BUNDLE_IDENTIFIER = "org.reportexplorer.ReportExplorer"


def log(message: str) -> None:
    print(f"bundle: {message}", flush=True)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def platform_tag() -> str:
    """linux-x86_64, windows-x86_64, macos-arm64 ..."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def sha256_of(path: Path) -> str:
    from explorer.selftest import sha256_file

    return sha256_file(path)


def write_checksum(path: Path) -> Path:
    """FILE.sha256 in the format `sha256sum -c` and `shasum -a 256 -c` read."""
    out = path.with_name(path.name + ".sha256")
    out.write_text(f"{sha256_of(path)}  {path.name}\n", encoding="ascii", newline="\n")
    return out


# Inputs the spec reads --------------------------------------------------------------------------
def build_library(out: Path) -> None:
    """Compile content/ into a fresh library folder (one build, nothing left over)."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "explorer", "build", "--content", str(ROOT / "content"),
                    "--out", str(out)], check=True, cwd=ROOT)


def write_edition(library_dir: Path, out: Path, version: str) -> dict[str, object]:
    """The stamp the frozen self-test checks the bundled library against."""
    sys.path.insert(0, str(ROOT))
    from explorer.library import schema
    from explorer.library.store import Library

    library = Library(library_dir)
    try:
        edition = library.edition()
        stamp: dict[str, object] = {
            "app_version": version, "schema_version": schema.SCHEMA_VERSION,
            "edition": {"version": edition.version, "date": edition.date, "title": edition.title},
            "content_hash": edition.content_hash,
            "database": library.database_path.relative_to(library_dir).as_posix(),
            "database_sha256": sha256_of(library.database_path),
        }
    finally:
        library.close()
    out.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return stamp


def render_icons(svg: Path, out: Path) -> dict[str, str]:
    """app.svg -> app.png (Linux), app.ico (Windows exe and installer), app.icns (macOS)."""
    from PIL import Image
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out.mkdir(parents=True, exist_ok=True)
    # Offscreen by argument, not environment: the frozen self-test run later must find the display.
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    renderer = QSvgRenderer(QByteArray(svg.read_bytes()))
    if not renderer.isValid():
        raise SystemExit(f"bundle: {svg} is not a valid SVG")
    image = QImage(1024, 1024, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = out / "app.png"
    image.save(str(png))
    big = Image.open(png)
    big.save(out / "app.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(out / "app.icns")
    big.resize((256, 256), Image.Resampling.LANCZOS).save(png)
    return {"icon_png": str(png), "icon_ico": str(out / "app.ico"), "icon_icns": str(out / "app.icns")}


def windows_version_file(version: str, out: Path) -> str:
    """The Windows version resource (Explorer's Details tab), in PyInstaller's format."""
    numbers = tuple(int(p) for p in (version.split(".") + ["0"] * 4)[:4] if p.isdigit())
    numbers = (numbers + (0, 0, 0, 0))[:4]
    strings = {"CompanyName": "Report Explorer", "FileDescription": "Report Explorer",
               "FileVersion": version, "ProductName": "Report Explorer", "ProductVersion": version,
               "OriginalFilename": f"{APP_NAME}.exe", "InternalName": APP_NAME}
    fields = ", ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    out.write_text(
        f"VSVersionInfo(ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}), kids=["
        f"StringFileInfo([StringTable('040904B0', [{fields}])]), "
        "VarFileInfo([VarStruct('Translation', [1033, 1200])])])\n",
        encoding="utf-8")
    return str(out)


def prepare_inputs(version: str) -> dict[str, object]:
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    library = WORK / "library"
    build_library(library)
    stamp = write_edition(library, WORK / "edition.json", version)
    log(f"library built in {time.perf_counter() - started:.1f} s: edition "
        f"{stamp['edition']['version']}, content {str(stamp['content_hash'])[:12]}")  # type: ignore[index]
    inputs: dict[str, object] = {
        "version": version, "bundle_identifier": BUNDLE_IDENTIFIER,
        "library": str(library), "edition": str(WORK / "edition.json"),
        **render_icons(ROOT / "resources" / "icons" / "app.svg", WORK / "icons"),
    }
    if sys.platform == "win32":
        inputs["version_file"] = windows_version_file(version, WORK / "version_info.txt")
    return inputs


# PyInstaller, archive, self-test ---------------------------------------------------------------
def run_pyinstaller(floor: bool) -> None:
    env = {**os.environ, "REPORT_EXPLORER_FLOOR": "1" if floor else "0"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK / ("pyinstaller-floor" if floor
                                                                         else "pyinstaller"))],
                   check=True, cwd=ROOT, env=env)
    log(f"PyInstaller done in {time.perf_counter() - started:.0f} s")


def executable(folder: Path, name: str) -> Path:
    return folder / (f"{name}-cli.exe" if sys.platform == "win32" else name)


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def make_archive(version: str) -> Path:
    """The one file IT downloads: tar.gz (Linux, macOS .app) or zip (Windows)."""
    stem = f"{APP_NAME}-{version}-{platform_tag()}"
    for old in DIST.glob(f"{APP_NAME}-*-{platform_tag()}.*"):
        old.unlink()
    if sys.platform == "win32":
        archive = DIST / f"{stem}.zip"
        source = DIST / APP_NAME
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(source.rglob("*")):
                zf.write(path, Path(f"{APP_NAME}-{version}") / path.relative_to(source))
    else:
        archive = DIST / f"{stem}.tar.gz"
        source, top = ((DIST / "Report Explorer.app", "Report Explorer.app") if sys.platform == "darwin"
                       else (DIST / APP_NAME, f"{APP_NAME}-{version}"))

        def owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info

        with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
            tar.add(source, arcname=top, filter=owner)
    write_checksum(archive)
    return archive


def app_modules() -> set[str]:
    """Every module of the explorer package in the source tree: the app can import each one, so
    the bundle must hold it (developer tools live in tools/, outside the package)."""
    package = ROOT / "explorer"
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def frozen_modules(folder: Path, name: str = APP_NAME) -> set[str]:
    """The Python modules in a frozen bundle, read from its executable's module archive."""
    from PyInstaller.archive.readers import PKG_ITEM_PYSOURCE, PKG_ITEM_PYZ, CArchiveReader

    archive = CArchiveReader(str(executable(folder, name)))
    modules: set[str] = set()
    for entry, info in archive.toc.items():
        if info[-1] == PKG_ITEM_PYZ:
            modules.update(archive.open_embedded_archive(entry).toc)
        elif info[-1] == PKG_ITEM_PYSOURCE and entry == "__main__":
            modules.add("explorer.__main__")      # the entry script, run as __main__
    return modules


def check_bundled_modules(folder: Path) -> None:
    """Fail, naming them, if modules of explorer/ the app can import are missing from the bundle."""
    frozen = frozen_modules(folder)
    missing = sorted(app_modules() - frozen)
    if missing:
        raise SystemExit("bundle: modules of explorer/ missing from the frozen app (excluded in the "
                         f"spec, or imported in a way PyInstaller cannot follow): {', '.join(missing)}")
    log(f"all {len(app_modules())} app modules of explorer/ are in the bundle")


def self_test(folder: Path, name: str) -> None:
    """Run the frozen app's --self-test; raise SystemExit if it fails."""
    with tempfile.TemporaryDirectory(prefix="self-test-home-") as home:
        env = {**os.environ, "REPORT_EXPLORER_HOME": home}
        result = subprocess.run([str(executable(folder, name)), "--self-test"], env=env,
                                capture_output=True, text=True, timeout=300)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"bundle: the frozen app's self-test failed (exit {result.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--floor", action="store_true", help="freeze the empty-window floor to dist/floor/")
    parser.add_argument("--checksum", nargs="+", type=Path, metavar="FILE",
                        help="only write FILE.sha256 beside each FILE")
    args = parser.parse_args(argv)
    if args.checksum:
        for path in args.checksum:
            log(f"wrote {write_checksum(path)}")
        return 0
    version = project_version()
    if args.floor:
        WORK.mkdir(parents=True, exist_ok=True)
        (WORK / "bundle.json").write_text(json.dumps({"version": version}), encoding="utf-8")
        run_pyinstaller(floor=True)
        log(f"floor bundle: {DIST / 'floor'} ({folder_mb(DIST / 'floor'):.0f} MB)")
        return 0
    inputs = prepare_inputs(version)
    (WORK / "bundle.json").write_text(json.dumps(inputs, indent=2), encoding="utf-8")
    run_pyinstaller(floor=False)
    folder = DIST / APP_NAME
    archive = make_archive(version)
    log(f"{folder} ({folder_mb(folder):.0f} MB); archive: {archive.name} "
        f"({archive.stat().st_size / 1e6:.0f} MB) + .sha256")
    check_bundled_modules(folder)
    self_test(folder, APP_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
