"""Every window fits the screen it opens on: the main window on first run and when restored from
a bigger screen, and each dialog with its buttons in sight, on the common laptop screens.

Qt reads the screen's size once, when the application starts, so each screen is tried in a
process of its own: the offscreen platform given that screen (its `configfile` option) and, for
150 % and 200 %, QT_SCALE_FACTOR. The process builds the real main window and dialogs on the
fixture library and prints what it measured; the test reads it.

Run as a module (`python -m tests.ui.shell.test_window_fit LIBRARY OUT_DIR`), this file is that
process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]

# (physical width, height, scale): 1280×720 and 1366×768 at 100 %, 1920×1080 at 150 %,
# 2880×1800 at 200 %, and 1920×1080 at 200 % (960×540 logical: the tightest a laptop gets).
SCREENS = [(1280, 720, 1.0), (1366, 768, 1.0), (1920, 1080, 1.5), (2880, 1800, 2.0), (1920, 1080, 2.0)]
Rect = tuple[int, int, int, int]     # x, y, width, height


def measure(library_dir: Path, tmp_path: Path, width: int, height: int, scale: float) -> dict[str, Any]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": str(scale), "REPORT_EXPLORER_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "tests.ui.shell.test_window_fit", str(library_dir),
                           str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS,
                         ids=[f"{w}x{h}@{int(s * 100)}%" for w, h, s in SCREENS])
def test_every_window_fits_the_screen(fixture_library_dir: Path, tmp_path: Path,
                                      width: int, height: int, scale: float) -> None:
    seen = measure(fixture_library_dir, tmp_path, width, height, scale)
    screen = tuple(seen["available"])
    assert screen == (0, 0, round(width / scale), round(height / scale))
    for window in ("first_run", "restored"):
        assert inside(tuple(seen[window]), screen), f"{window} window {seen[window]} outside {screen}"
    # The status bar (the bottom of the window) is on screen too, not just the frame's corner.
    assert inside(tuple(seen["status_bar"]), screen)
    # Where the screen has room, the first run is the designed size; where not, all the room.
    first = seen["first_run"]
    assert first[2] >= min(1280, screen[2] - 40) and first[3] >= min(820, screen[3] - 80)
    for dialog in ("briefing", "about", "help", "note"):
        frame, buttons = tuple(seen[dialog]["frame"]), tuple(seen[dialog]["buttons"])
        assert inside(frame, screen), f"{dialog} dialog {frame} outside {screen}"
        assert inside(buttons, screen) and buttons[2] > 0 and buttons[3] > 0, f"{dialog} buttons {buttons}"


# The measuring process ---------------------------------------------------------------------------
def _rect(r: Any) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _probe(library_dir: Path, out: Path) -> dict[str, Any]:
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

    app = QApplication([])
    from explorer.library.store import Library
    from explorer.ui.briefing.briefing_dialog import BriefingDialog
    from explorer.ui.reader.note_editor import NoteEditor
    from explorer.ui.shell import commands
    from explorer.ui.shell.about import AboutDialog
    from explorer.ui.shell.help_page import HelpDialog
    from explorer.ui.shell.main_window import MainWindow
    from explorer.ui.shell.settings import Settings
    from explorer.userdata.store import UserData

    library = Library(library_dir)
    settings = Settings(QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))

    def open_window() -> MainWindow:
        window = MainWindow(library, UserData(out / "user.sqlite"), settings)
        window.show()
        app.processEvents()
        return window

    seen: dict[str, Any] = {"available": _rect(app.primaryScreen().availableGeometry())}
    window = open_window()
    seen["first_run"] = _rect(window.frameGeometry())

    def on_screen(widget: QWidget) -> list[int]:
        return _rect(QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size()))

    def dialog(box: QDialog) -> dict[str, list[int]]:
        box.show()
        app.processEvents()
        buttons = box.findChild(QDialogButtonBox)
        assert buttons is not None
        measured = {"frame": _rect(box.frameGeometry()), "buttons": on_screen(buttons)}
        box.done(0)
        return measured

    paragraph = library.chapter_paragraphs("report/opening")[0]
    seen["briefing"] = dialog(BriefingDialog(library, window.userdata, window))
    seen["about"] = dialog(AboutDialog(library, None, window))
    seen["help"] = dialog(HelpDialog(commands.shortcut_rows(), commands.first_keys(), window))
    seen["note"] = dialog(NoteEditor(window, "Add a note", paragraph.label, paragraph.text))
    # Left on a bigger screen, partly off this one: it comes back inside.
    window.setGeometry(600, 400, 2400, 1500)
    app.processEvents()
    window.close()
    window = open_window()
    seen["restored"] = _rect(window.frameGeometry())
    seen["status_bar"] = on_screen(window.statusBar())
    window.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(_probe(Path(sys.argv[1]), Path(sys.argv[2]))))
