"""The start-up floor: an empty PySide6 main window, frozen with the app's own trimming.

`python build/bundle.py --floor` freezes this into dist/floor/floor; the benchmark compares the
app's bundle size and time to first paint with it. Prints `first-paint` once the window is
drawn; with `--quit-after-paint` it then quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Announces the window's first paint event, once."""

    def __init__(self, app: QApplication, quit_after: bool) -> None:
        super().__init__()
        self.app = app
        self.quit_after = quit_after
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.announce)
        return False

    def announce(self) -> None:
        print("first-paint", flush=True)
        if self.quit_after:
            self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1200, 800)
    watcher = FirstPaint(app, "--quit-after-paint" in sys.argv[1:])
    window.installEventFilter(watcher)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
