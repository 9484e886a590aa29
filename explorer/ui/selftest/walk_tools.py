"""The self-test walk's tools: answering dialogs as they open, waiting on conditions, clicking a
link with the mouse, and checking what a page shows. Used by explorer/ui/selftest/walkthrough.py."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QTextBrowser, QWidget

from explorer.errors import ExplorerError

WAIT_SECONDS = 20.0      # for one condition; a healthy step takes milliseconds
NOTE_TEXT = "Self-test note: remove me"


class StepFailed(ExplorerError):
    """A step of the walk went wrong; the message starts with the step's name."""


@dataclass
class Expected:
    """A dialog the current step is about to open, and how to answer it."""

    name: str
    matches: Callable[[QWidget], bool]
    answer: Callable[[QWidget], None]


@dataclass
class Trail:
    """What the walk met: dialogs answered, dialogs nobody expected, uncaught exceptions, pages
    opened in a browser (there must be none)."""

    answered: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    browsed: list[str] = field(default_factory=list)


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"{type(widget).__name__} '{widget.windowTitle()}'" + (f": {text}" if text else "")


class DialogAnswerer(QObject):
    """Answers modal dialogs as they open: each expected one by its step's answer, any other one
    is recorded as unexpected and closed (so a surprise never hangs the self-test)."""

    def __init__(self, trail: Trail) -> None:
        super().__init__()
        self.trail = trail
        self.expected: list[Expected] = []
        self.timer = QTimer(self)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.timer.start()

    def expect(self, name: str, matches: Callable[[QWidget], bool], answer: Callable[[QWidget], None]) -> None:
        self.expected.append(Expected(name, matches, answer))

    def read_text(self, name: str, matches: Callable[[QWidget], bool], trigger: Callable[[], None]) -> str:
        """Call `trigger`, read the text of the dialog it opens (its text browser's), close it."""
        seen: list[str] = []

        def read(dialog: QWidget) -> None:
            browser = dialog.findChild(QTextBrowser)
            seen.append(browser.toPlainText() if browser else "")
            if isinstance(dialog, QDialog):
                dialog.accept()

        self.expect(name, matches, read)
        trigger()
        return seen[0] if seen else ""

    @Slot()
    def on_timer_timeout(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget.property("walkAnswered"):
            return
        widget.setProperty("walkAnswered", True)
        wanted = next((e for e in self.expected if e.matches(widget)), None)
        if wanted is None:
            self.trail.unexpected.append(describe(widget))
            QTimer.singleShot(0, widget.close)
            return
        self.expected.remove(wanted)
        self.trail.answered.append(wanted.name)
        # Answered from a fresh timer: an answer that opens a dialog of its own (a nested event
        # loop) must not hold this timer, which has to see that dialog too.
        QTimer.singleShot(0, lambda: self._answer(wanted, widget))

    def _answer(self, wanted: Expected, widget: QWidget) -> None:
        try:
            wanted.answer(widget)
        except Exception as exc:   # a failed answer is the step's failure, and the dialog must go
            self.trail.exceptions.append(f"answering {wanted.name}: {type(exc).__name__}: {exc}")
            widget.close()


# Small helpers ------------------------------------------------------------------------------
TRAILS: list[Trail] = []   # the walk under way, so waiting stops at its first problem


def problems(trail: Trail) -> list[str]:
    return trail.exceptions + [f"a dialog nobody asked for: {d}" for d in trail.unexpected]


def wait_until(condition: Callable[[], object], what: str, seconds: float = WAIT_SECONDS) -> None:
    """Let the event loop run until `condition()` holds.

    Raises:
        StepFailed: it did not hold within `seconds`, or the walk met a problem meanwhile.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        found = problems(TRAILS[-1]) if TRAILS else []
        if found:
            raise StepFailed(found[0])
        if time.monotonic() > deadline:
            raise StepFailed(f"waited {seconds:.0f} s for {what}")
        QApplication.processEvents()
        time.sleep(0.005)


def words(text: str) -> str:
    return " ".join(text.split()).casefold()


def has_ink(widget: QWidget) -> bool:
    """More than a blank page: at least three colours on a coarse grid over the widget."""
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 10 or image.height() < 10:
        return False
    colours = {image.pixel(x * image.width() // 41, y * image.height() // 41)
               for x in range(1, 41) for y in range(1, 41)}
    return len(colours) >= 3


def anchors(browser: QTextBrowser, prefix: str) -> Iterator[tuple[str, int]]:
    """(href, position in the document) of each link in `browser` whose href starts with `prefix`."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if fragment.isValid() and href.startswith(prefix):
                yield href, fragment.position() + min(1, fragment.length() - 1)
            it += 1
        block = block.next()


def click_link(browser: QTextBrowser, prefix: str) -> str:
    """Scroll the first link starting with `prefix` into view and click it with the mouse.

    Returns:
        The link's href.

    Raises:
        StepFailed: there is no such link.
    """
    found = next(anchors(browser, prefix), None)
    if found is None:
        raise StepFailed(f"no '{prefix}' link in the page shown")
    href, position = found
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    QApplication.processEvents()
    point = QPointF(browser.cursorRect(cursor).center()) + QPointF(1, 0)
    viewport = browser.viewport()
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
        event = QMouseEvent(kind, point, QPointF(viewport.mapToGlobal(point.toPoint())),
                            Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)
    QApplication.processEvents()
    return href


def choose_file(path: Path) -> Callable[[QWidget], None]:
    """Answer a save dialog by typing `path` and pressing Save."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.accept()
    return answer


def is_message(title: str) -> Callable[[QWidget], bool]:
    return lambda w: isinstance(w, QMessageBox) and w.windowTitle() == title


def read_back_pdf(path: Path) -> int:
    """Pages of a PDF we wrote, read back from the file.

    Raises:
        StepFailed: not a whole PDF.
    """
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StepFailed(f"{path.name} is not a complete PDF ({len(data)} bytes)")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    if pages < 1:
        raise StepFailed(f"{path.name} has no pages")
    return pages


@contextmanager
def private_user_folders() -> Iterator[Path]:
    """Throw-away per-user folders: the walk never touches the user's notes or settings."""
    before = os.environ.get("REPORT_EXPLORER_HOME")
    # Files still open in it (Windows will not delete those) must not fail a passing walk.
    with tempfile.TemporaryDirectory(prefix="report-explorer-self-test-", ignore_cleanup_errors=True) as folder:
        os.environ["REPORT_EXPLORER_HOME"] = folder
        try:
            yield Path(folder)
        finally:
            if before is None:
                os.environ.pop("REPORT_EXPLORER_HOME", None)
            else:
                os.environ["REPORT_EXPLORER_HOME"] = before


class BrowserRecorder(QObject):
    """Stands in for the web browser during the walk: records any page the app tries to open."""

    def __init__(self) -> None:
        super().__init__()
        self.trail: Trail | None = None

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        if self.trail is not None:
            self.trail.browsed.append(url.toString())
