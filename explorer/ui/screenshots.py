"""`make screenshots`: render every main view of the real library offscreen to PNG files."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out_dir: str = "docs/screenshots") -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer import paths
    from explorer.library import Library
    from explorer.ui.main_window import MainWindow
    from explorer.ui.messages import Messages
    from explorer.ui.settings import Settings
    from explorer.userdata import UserData

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    Messages.ask = classmethod(lambda cls, *a: False)  # type: ignore[method-assign,assignment]
    scratch = Path(tempfile.mkdtemp(prefix="screenshots-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("theme", "light")
    window = MainWindow(Library(paths.default_library_dir()), UserData(scratch / "user.sqlite"), settings)
    window.resize(1400, 860)
    window.show()

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")

    shot("home")
    window.navigate("report/early-years#case-study-nuffield-early-language-intervention")
    shot("reader")
    window.search_box.setText("tutoring")
    window.on_search_box_edited("tutoring")
    deadline = time.monotonic() + 10
    while not window.search_view.model.rowCount() and time.monotonic() < deadline:
        settle(0.05)
    shot("search")
    window.navigate("source:eef-neli-efficacy")
    shot("source-card")
    window.navigate("stakeholder:eef")
    window.stakeholders.tabs.setCurrentIndex(0)
    shot("stakeholder-matrix")
    window.stakeholders.tabs.setCurrentIndex(1)
    shot("network")
    window.navigate("summary/early-years-in-brief")
    window.toggle_theme()
    shot("dark-summary")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
