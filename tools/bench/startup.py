"""Start-up: time to the first painted window, the app against the empty-window floor, from
source and (once bundles exist in dist/) frozen; and the bundles' size."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tools.bench import ROOT
from tools.bench.sizes import dir_mb

FLOOR_SCRIPT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print("first-paint", flush=True), app.quit()))
        return False

window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1200, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def startup_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Time the app as people run it: the warm-up run caches our modules' bytecode, as any normal
    # run would, instead of every run compiling them again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["REPORT_EXPLORER_HOME"] = str(home)          # no real user data is read or written
    env["XDG_CONFIG_HOME"] = str(home / "config")    # nor the real QSettings
    return env


def time_to_first_paint(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Milliseconds from spawning `command` to reading its `first-paint` line.

    Raises:
        RuntimeError: it exited, or ran for `timeout` seconds, without printing that line.
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env, text=True,
                                cwd=ROOT)
        watchdog = threading.Timer(timeout, proc.kill)  # a window that never paints or quits
        watchdog.start()
        elapsed = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == "first-paint":
                    elapsed = (time.perf_counter() - started) * 1000.0
                    break
            proc.communicate()
        finally:
            watchdog.cancel()
        if elapsed is None:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-800:]
            raise RuntimeError(f"{command[0]} exited {proc.returncode} without 'first-paint': {tail}")
        return elapsed


def _alternating_medians(first: list[str], second: list[str] | None, env: dict[str, str], runs: int
                         ) -> tuple[float, float | None]:
    """Median time to first paint of two commands run in turn (drift hits both alike), each after
    one unmeasured warm-up run (file cache, font cache)."""
    commands = [first] if second is None else [first, second]
    times: list[list[float]] = [[] for _ in commands]
    for command in commands:
        time_to_first_paint(command, env)
    for _ in range(runs):
        for n, command in enumerate(commands):
            times[n].append(time_to_first_paint(command, env))
    return statistics.median(times[0]), statistics.median(times[1]) if second is not None else None


def app_supports_quit_after_paint(python: str = sys.executable) -> bool:
    try:
        out = subprocess.run([python, "-m", "explorer", "open", "--help"], capture_output=True, text=True,
                             timeout=60, cwd=ROOT)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--quit-after-paint" in out.stdout


def startup_figures(library_dir: Path, runs: int, home: Path) -> tuple[dict[str, float] | None, str]:
    """Median time to first paint of the app from source and of the empty-window floor."""
    if not app_supports_quit_after_paint():
        return None, "the app has no 'open --quit-after-paint' yet"
    env = startup_env(home)
    app = [sys.executable, "-m", "explorer", "--library", str(library_dir), "open", "--quit-after-paint"]
    floor = [sys.executable, "-c", FLOOR_SCRIPT]
    try:
        app_ms, floor_ms = _alternating_medians(app, floor, env, runs)
    except RuntimeError as exc:
        return None, f"start-up not measured: {exc}"
    assert floor_ms is not None
    return _ratio_figures(app_ms, floor_ms), f"median of {runs} runs each, after one warm-up run"


def _ratio_figures(app_ms: float, floor_ms: float) -> dict[str, float]:
    return {"app_ms": round(app_ms, 1), "floor_ms": round(floor_ms, 1), "ratio": round(app_ms / floor_ms, 2)}


# Frozen bundles (PyInstaller one-folder, in dist/): the hook until `make dist` exists ----------
APP_BUNDLE_GLOB = "report-explorer*"
FLOOR_BUNDLE_GLOB = "floor*"   # `make dist-floor`: build/floor.py frozen with the app's own trimming


def _bundle(dist: Path, pattern: str) -> tuple[Path, Path] | None:
    """(bundle folder, executable) of the newest matching one-folder bundle in `dist`, if any."""
    folders = sorted((p for p in dist.glob(pattern) if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for folder in reversed(folders):
        for name in (folder.name, "report-explorer", "floor"):
            for exe in (folder / name, folder / f"{name}.exe"):
                if exe.is_file() and os.access(exe, os.X_OK):
                    return folder, exe
    return None


def frozen_figures(dist: Path, library_dir: Path, runs: int, home: Path
                   ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, str]:
    """(frozen_startup, bundle_mb, note); None for what has no bundle yet."""
    app = _bundle(dist, APP_BUNDLE_GLOB)
    if app is None:
        return None, None, f"no bundle in {dist}/{APP_BUNDLE_GLOB}/ yet"
    floor = _bundle(dist, FLOOR_BUNDLE_GLOB)
    app_mb = dir_mb(app[0])
    floor_mb = dir_mb(floor[0]) if floor else None
    bundle = {"app": app_mb, "floor": floor_mb,
              "ratio": round(app_mb / floor_mb, 2) if floor_mb else None}
    env = startup_env(home)
    try:
        app_ms, floor_ms = _alternating_medians([str(app[1]), "open", "--quit-after-paint"],
                                                [str(floor[1]), "--quit-after-paint"] if floor else None,
                                                env, runs)
    except RuntimeError as exc:
        return None, bundle, f"frozen start-up not measured: {exc}"
    startup = (_ratio_figures(app_ms, floor_ms) if floor_ms
               else {"app_ms": round(app_ms, 1), "floor_ms": None, "ratio": None})
    note = "" if floor else f"no floor bundle in {dist}/{FLOOR_BUNDLE_GLOB}/"
    return startup, bundle, note

