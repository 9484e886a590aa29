"""Journeys through the frozen app in a real X window, driven by keyboard and mouse as a user would.

The archive `make dist` made is unpacked somewhere new, mounted read-only, and run offline with an
empty HOME on an Xvfb display (1366x768x24) started here; xdotool presses the keys and clicks.
After each step a screenshot goes to dist/journey/NN-step.png and the test checks that the window
is really drawn and says where it is: its title ("<page> · <pack title> · Report Explorer", the
section's title in the reader), the row lit in the sidebar, a dialog's title. A traceback on
stderr, a crash dialog ("Something went wrong"), a "Cannot open" message or the app exiting early
fails the journey at once; each journey ends with Ctrl+Q and a clean exit code.

There is no window manager on the display, so nothing gives the keyboard back to the main window
when a dialog closes: the journeys do that with `xdotool windowfocus`, as a window manager would.
`make dist` runs this file with REPORT_EXPLORER_BUNDLE=dist/report-explorer; `make test` does not
collect it (see tests/conftest.py). Linux only, like `make dist`.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageGrab  # Pillow: in the dist extra that `make dist` installs

from explorer.library.store import Library
from explorer.search.engine import Search
from explorer.ui.common.theme import LIGHT
from explorer.ui.shell.help_page import TITLE as HELP_TITLE
from tests.helpers.bundle import BUNDLE, NAME, find_archive, headless_env, read_only_offline, unpack

SCREEN = (1366, 768)
SHOTS = BUNDLE.parent / "journey"
TIMEOUT = 15.0                      # the longest any one step may take to show its result
PAGE_ROWS = {"Home": 0, "Summary": 1, "Full report": 2, "Search": 3, "Sources": 4, "Organisations": 5,
             "Side by side": 6}
CRASH_TITLES = ("Something went wrong", "Cannot open")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


SELECTION = _rgb(LIGHT["selection"])   # the sidebar's current row; the paragraph Ctrl+G went to


# Reading the screen -------------------------------------------------------------------------------
def colour_mask(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 2) -> Image.Image:
    """255 where `image` has this colour, 0 elsewhere."""
    bands = [band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
             for band, c in zip(image.split(), rgb, strict=True)]
    return ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2])


def link_mask(image: Image.Image) -> Image.Image:
    """255 on the blue of link text (at least half covered by a glyph), on white or highlighted
    backgrounds; black text, grey text and the highlight itself are left out."""
    red, _green, blue = image.split()
    blue_over_red = ImageChops.subtract(blue, red).point(lambda v: 255 if v > 90 else 0)
    return ImageChops.multiply(blue_over_red, red.point(lambda v: 255 if v < 115 else 0))


def rows_of(mask: Image.Image) -> list[bytes]:
    data = mask.tobytes()
    return [data[y * mask.width:(y + 1) * mask.width] for y in range(mask.height)]


def changed(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int] | None = None) -> float:
    """The share of pixels that differ between two screenshots (in `box`)."""
    if box:
        a, b = a.crop(box), b.crop(box)
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.histogram()[255] / (diff.width * diff.height)


def assert_drawn(image: Image.Image, step: str) -> None:
    """Not blank: many colours overall (anti-aliased text), several across a coarse grid, and ink
    (dark text or lines) in the page area right of the sidebar and below the toolbar."""
    grid = {image.getpixel((image.width * (2 * i + 1) // 64, image.height * (2 * j + 1) // 40))
            for i in range(32) for j in range(20)}
    colours = image.getcolors(1 << 24) or []
    page = image.crop((170, 60, image.width, image.height)).convert("L")
    ink = sum(page.histogram()[:110]) / (page.width * page.height)
    assert len(grid) >= 4 and len(colours) >= 32 and ink >= 0.002, \
        f"{step}: the window looks blank ({len(grid)} colours on the grid, {len(colours)} in all, " \
        f"{ink:.2%} ink in the page area)"


def sidebar_band(image: Image.Image) -> tuple[int, int] | None:
    """(top, height) of the lit row in the sidebar (the list of pages at the window's left, 150 px
    wide), looked for right of its labels."""
    strip = colour_mask(image.crop((120, 0, 148, image.height)), SELECTION)
    full = [y for y, row in enumerate(rows_of(strip)) if row.count(255) >= 0.9 * strip.width]
    if not full:
        return None
    top = full[0]
    height = next((i for i, y in enumerate(full) if y != top + i), len(full))
    return top, height


def highlighted_paragraph(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of the paragraph the reader highlighted (go to paragraph): long runs of the
    highlight colour between its lines, right of the table of contents' own highlighted row. Of
    several such boxes (the first-run strip of keys is a band of the same colour) the tallest."""
    mask = colour_mask(image, SELECTION)
    rows = rows_of(mask)
    runs = [(y, m.start(), m.end()) for y, row in enumerate(rows) for m in re.finditer(rb"\xff{300,}", row)]
    boxes = []
    while runs:
        left = min(x0 for _, x0, _ in runs)
        right = max(x1 for _, _, x1 in runs)
        top = min(y for y, _, _ in runs)
        bottom, gap = top, 0
        for y in range(top, len(rows)):      # down to the last line, however short it is
            if 255 in rows[y][left:right]:
                bottom, gap = y, 0
            elif (gap := gap + 1) > 4:
                break
        boxes.append((left, top, right, bottom + 1))
        runs = [run for run in runs if run[0] > bottom]
    return max(boxes, key=lambda box: box[3] - box[1], default=None)


def link_spot(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """A pixel of link text in the 8x8 patch of `box` with the most of it (screen coordinates)."""
    cells: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for y, row in enumerate(rows_of(link_mask(image.crop(box)))):
        for x in (i for i, v in enumerate(row) if v):
            cells.setdefault((x // 8, y // 8), []).append((x, y))
    if not cells or max(len(p) for p in cells.values()) < 6:
        return None
    points = max(cells.values(), key=len)
    mx, my = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    x, y = min(points, key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)
    return box[0] + x, box[1] + y


def plain_text_spot(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """A point on the first line of `box` with no link text within 40 px either side."""
    first_line = (box[0], box[1], box[2], min(box[3], box[1] + 14))
    mask = link_mask(image.crop(first_line))
    columns = {x for row in rows_of(mask) for x, v in enumerate(row) if v}
    for x in range(20, box[2] - box[0] - 20, 10):
        if not any(abs(x - c) <= 40 for c in columns):
            return box[0] + x, box[1] + 7
    raise AssertionError(f"no plain text on the first line of the paragraph at {box}")


# The display and the app --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive IT receives, unpacked somewhere new."""
    return unpack(find_archive(), tmp_path_factory.mktemp("unpacked"))


@pytest.fixture(scope="module")
def library(unpacked: Path) -> Library:
    """The bundle's own library, read here for what the journeys expect to see (section titles)."""
    return Library(next((unpacked / "_internal" / "library").glob("build-*")))


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """An Xvfb display of its own (the first free number, as Xvfb reports it)."""
    for tool in ("Xvfb", "xdotool"):
        assert shutil.which(tool), f"{tool} missing: run 'make dist-system-deps'"
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                               "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 16).decode().strip() if ready else ""
        assert number.isdigit(), f"Xvfb did not start (exit code {server.poll()})"
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def shots() -> Path:
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    return SHOTS


_counter = iter(range(1, 100))


class Journey:
    """The running app and what a user does to it; every wait ends in `TIMEOUT` seconds."""

    def __init__(self, process: subprocess.Popen[bytes], display: str, home: Path, stderr: Path, shots: Path,
                 pack_title: str) -> None:
        self.process, self.display, self.home, self.stderr, self.shots = process, display, home, stderr, shots
        self.pack_title = pack_title
        self.window = ""
        self.row_height = 0
        self.home_top = 0
        self.started = self.pressed = time.monotonic()
        self.seen_after = 0.0          # from the last key or click to the last condition waited for
        self.log: list[str] = []

    # xdotool ---------------------------------------------------------------------------------------
    def xdo(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.display},
                                capture_output=True, text=True, timeout=10)
        if check and result.returncode:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def windows(self, title: str) -> list[str]:
        """Visible windows with exactly this title."""
        pattern = "^" + re.sub(r"([][.*+?^$(){}|\\])", r"\\\1", title) + "$"
        return self.xdo("search", "--onlyvisible", "--name", pattern, check=False).split()

    def title(self) -> str:
        return self.xdo("getwindowname", self.window, check=False)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "40", *keys)
        self.pressed = time.monotonic()

    def type(self, text: str) -> None:
        """Type `text` (quickly: the search box waits for a pause in typing before it searches)."""
        self.xdo("type", "--delay", "15", text)

    def click(self, x: int, y: int) -> None:
        self.xdo("mousemove", "--sync", str(x), str(y), "click", "1")
        self.pressed = time.monotonic()
        self.xdo("mousemove", "--sync", "60", str(SCREEN[1] - 40))   # off the page: no tooltips over it

    def focus(self, window: str | None = None) -> None:
        """What a window manager does when a window is shown or a dialog closes."""
        self.xdo("windowfocus", "--sync", window or self.window)

    # Waiting ---------------------------------------------------------------------------------------
    def healthy(self, step: str) -> None:
        """Fail at once on a traceback, a crash or error dialog, or the app gone."""
        err = self.stderr.read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in err, f"{step}: traceback on stderr:\n{err}"
        for title in CRASH_TITLES:
            assert not self.windows(title), f"{step}: a “{title}” dialog is showing\nstderr:\n{err}"
        assert self.process.poll() is None, f"{step}: the app exited ({self.process.returncode})\nstderr:\n{err}"

    def wait(self, step: str, what: str, condition: Callable[[], object], timeout: float = TIMEOUT) -> object:
        deadline = time.monotonic() + timeout
        while True:
            self.healthy(step)
            value = condition()
            if value:
                self.seen_after = time.monotonic() - self.pressed
                return value
            if time.monotonic() > deadline:
                name = re.sub(r"[^\w.+-]+", "-", step).strip("-") + "-FAILED.png"
                self.grab().save(self.shots / name)
                raise AssertionError(f"{step}: {what} within {timeout:.0f} s (window title: “{self.title()}”; "
                                     f"screen in {self.shots.name}/{name})")
            time.sleep(0.05)

    def grab(self) -> Image.Image:
        return ImageGrab.grab(xdisplay=self.display)

    def settled(self, step: str, quiet: float = 0.4) -> Image.Image:
        """The screen once it has stopped changing for `quiet` seconds (but for a blinking text
        cursor: a few dozen pixels)."""
        state = {"last": self.grab(), "since": time.monotonic()}

        def still() -> Image.Image | None:
            time.sleep(0.1)
            now = self.grab()
            if changed(now, state["last"]) * now.width * now.height > 60:
                state["last"], state["since"] = now, time.monotonic()
                return None
            return now if time.monotonic() - state["since"] >= quiet else None

        return self.wait(step, "the screen to settle", still)  # type: ignore[return-value]

    def shot(self, name: str) -> tuple[str, Image.Image]:
        """Save the settled screen as NN-name.png and check it is drawn; returns (step, image)."""
        step = f"{next(_counter):02d}-{name}"
        seen_after = self.seen_after
        image = self.settled(step)
        image.save(self.shots / f"{step}.png")
        assert_drawn(image, step)
        self.log.append(f"{time.monotonic() - self.started:5.1f} s  {step}: “{self.title()}” "
                        f"(seen {seen_after:.2f} s after the key, click or launch)")
        return step, image

    # Where the app is ------------------------------------------------------------------------------
    def at(self, place: str) -> str:
        return f"{place} · {self.pack_title} · Report Explorer"

    def expect_title(self, step: str, place: str) -> None:
        wanted = self.at(place)
        self.wait(step, f"the window title to become “{wanted}”", lambda: self.title() == wanted)

    def sidebar_row(self, image: Image.Image) -> float | None:
        """Which row of the sidebar is lit (0 = Home), measured from Home's row (`calibrate`)."""
        band = sidebar_band(image)
        if band is None or band[1] != self.row_height:
            return None
        return (band[0] - self.home_top) / self.row_height

    def calibrate(self, step: str, image: Image.Image) -> None:
        """At the start, on the home page: where Home's row is lit in the sidebar, and how high."""
        band = sidebar_band(image)
        assert band and band[1] >= 8, f"{step}: no row is lit in the sidebar (on the home page)"
        self.home_top, self.row_height = band

    def expect_sidebar(self, step: str, image: Image.Image, page: str) -> None:
        row = self.sidebar_row(image)
        assert row == PAGE_ROWS[page], f"{step}: the sidebar lights row {row}, not “{page}” (row {PAGE_ROWS[page]})"

    def go(self, name: str, keys: str, place: str, page: str) -> Image.Image:
        """Press `keys`; the title must come to say `place`, and the sidebar to light `page`."""
        self.key(keys)
        step = f"{name} ({keys})"
        wanted = self.at(place)
        self.wait(step, f"the window title to become “{wanted}” and the sidebar to light “{page}”",
                  lambda: self.title() == wanted and self.sidebar_row(self.grab()) == PAGE_ROWS[page])
        step, image = self.shot(name)
        self.expect_sidebar(step, image, page)
        assert self.title() == wanted, f"{step}: the title went on to “{self.title()}”"
        return image

    def start(self, name: str) -> None:
        """The window as it first opens, with no saved state: the home page."""
        self.expect_title(f"{name} (start)", "Home")
        step, image = self.shot(name)
        self.calibrate(step, image)

    def dialog(self, name: str, keys: str, title: str, close: str = "Escape") -> Image.Image:
        """Press `keys`: a window titled `title` must appear (screenshot), then `close` it."""
        before = self.title()
        self.key(keys)
        step = f"{name} ({keys})"
        found = self.wait(step, f"a “{title}” window to appear", lambda: self.windows(title))
        self.focus(found[0])                       # type: ignore[index]
        step, image = self.shot(name)
        self.key(close)
        self.wait(step, f"the “{title}” window to close on {close}", lambda: not self.windows(title))
        self.focus()
        assert self.title() == before, f"{step}: closing “{title}” moved the window to “{self.title()}”"
        return image

    def quit(self) -> None:
        """Ctrl+Q: the window closes and the app exits cleanly, with nothing on stderr to worry about."""
        self.focus()
        self.key("ctrl+q")
        try:
            code = self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"Ctrl+Q: the app is still running after {TIMEOUT:.0f} s") from None
        err = self.stderr.read_text(encoding="utf-8", errors="replace")
        assert code == 0 and "Traceback" not in err, f"Ctrl+Q: exit code {code}\nstderr:\n{err}"
        print("\n".join(self.log) + f"\n{time.monotonic() - self.started:5.1f} s  closed with Ctrl+Q, exit code 0")
        print(f"stderr:\n{err}" if err.strip() else "nothing on stderr")


@pytest.fixture
def journey(unpacked: Path, library: Library, display: str, shots: Path, tmp_path: Path) -> Iterator[Journey]:
    """The app started with no arguments (it opens its window), read-only, offline, empty HOME;
    the window sized to the screen, as a window manager would, and given the keyboard."""
    env = headless_env(tmp_path, DISPLAY=display)
    stderr = tmp_path / "stderr.txt"
    with read_only_offline([str(unpacked / NAME)], unpacked) as command, stderr.open("wb") as err:
        process = subprocess.Popen(command, env=env, cwd=tmp_path / "cwd", stdout=subprocess.DEVNULL, stderr=err)
        app = Journey(process, display, Path(env["HOME"]), stderr, shots, library.pack["title"])
        try:
            found = app.wait("start", "the main window to appear",
                             lambda: app.xdo("search", "--onlyvisible", "--name", r" · Report Explorer$", check=False))
            app.window = found.split()[0]      # type: ignore[union-attr]
            app.xdo("windowmove", "--sync", app.window, "0", "0")
            app.xdo("windowsize", "--sync", app.window, str(SCREEN[0]), str(SCREEN[1]))
            app.focus()
            yield app
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)


def first_section_title(library: Library, document: str) -> str:
    return place_of(library, library.toc(document)[0].id)


def place_of(library: Library, location: str) -> str:
    """What the window title says for a location (see explorer/ui/shell/navigation.py)."""
    if location.startswith("source:"):
        return "Sources"
    if location.startswith("stakeholder:"):
        return "Organisations"
    # The summary's sections share titles with the report's: the title says which it is.
    return library.section(location).title + (" (summary)" if location.startswith("summary/") else "")


def paragraph_citing_sources_only(library: Library):  # type: ignore[no-untyped-def]  # -> Paragraph
    """A long paragraph of the full report whose only links are citations (so any link in it
    clicked opens a source), not its section's first."""
    for entry in library.toc("report"):
        section = library.section(entry.id)
        for paragraph in library.paragraphs(entry.id)[1:]:
            match = re.search(rf'<p id="{re.escape(paragraph.id)}">(.*?)</p>', section.html, re.S)
            links = re.findall(r'href="([^"]+)"', match.group(1)) if match else []
            if links and all(link.startswith("source:") for link in links) and len(paragraph.text) > 300:
                return paragraph
    raise AssertionError("no paragraph of the report cites sources without other links")


# The journeys -------------------------------------------------------------------------------------
def test_every_page_by_its_shortcut(journey: Journey, library: Library) -> None:
    """Home, then Ctrl+1 … Ctrl+6, both tabs of Organisations, and Ctrl+Shift+S."""
    journey.start("home")
    journey.go("summary", "ctrl+2", first_section_title(library, "summary"), "Summary")
    summary = journey.grab()
    report = journey.go("full-report", "ctrl+3", first_section_title(library, "report"), "Full report")
    # Both documents open on a section called "Introduction": the text itself must differ too.
    assert changed(summary, report, (440, 80, SCREEN[0], SCREEN[1])) > 0.05, "Ctrl+3 showed the summary again"
    journey.go("search", "ctrl+4", "Search", "Search")
    journey.go("sources", "ctrl+5", "Sources", "Sources")
    matrix = journey.go("organisations-matrix", "ctrl+6", "Organisations", "Organisations")
    journey.key("alt+n")                       # the "&Network" tab
    journey.wait("organisations-network (alt+n)", "the network tab to replace the matrix",
                 lambda: changed(matrix, journey.grab(), (170, 60, 990, 720)) > 0.08)
    step, network = journey.shot("organisations-network")
    journey.expect_sidebar(step, network, "Organisations")
    assert journey.title() == journey.at("Organisations")
    journey.go("side-by-side", "ctrl+shift+s", "Side by side", "Side by side")
    journey.go("home-again", "ctrl+1", "Home", "Home")
    journey.quit()


def test_search_go_to_citation_and_note(journey: Journey, library: Library) -> None:
    """Search as you type and open the second hit; go to a paragraph; add a note to it and
    cancel; click a citation in it to reach the source's card; come back."""
    journey.start("search-start")

    # Ctrl+K, "tutoring": results as you type; Down moves to the second hit, Enter opens it.
    query = "tutoring"
    hits = Search(library.index_path).search(query, typing=True, limit=50, snippets=50).hits
    assert len(hits) >= 2, f"expected at least two hits for {query!r}"
    journey.key("ctrl+k")
    journey.expect_title("search (ctrl+k): the page stays until words are typed", "Home")
    journey.type(query)
    journey.expect_title(f"search “{query}” (the search page)", "Search")
    journey.wait(f"search “{query}”", "a result to be lit in the list", lambda: any(
        re.search(rb"\xff{400,}", row) for row in rows_of(colour_mask(journey.grab().crop((170, 60, 1360, 760)),
                                                                          SELECTION))))
    step, image = journey.shot(f"search-{query}")
    journey.expect_sidebar(step, image, "Search")
    journey.key("Down", "Return")
    wanted = place_of(library, hits[1].location)
    journey.expect_title(f"open the second hit ({hits[1].location})", wanted)
    journey.shot("search-hit-opened")

    # Ctrl+G: the go-to box appears in the toolbar; "§2.1 ¶2" and Enter open that paragraph.
    paragraph = paragraph_citing_sources_only(library)
    toolbar = (0, 20, SCREEN[0], 48)
    before = journey.grab()
    journey.key("ctrl+g")
    journey.wait("go to (ctrl+g)", "the go-to box to appear in the toolbar",
                 lambda: changed(before, journey.grab(), toolbar) > 0.004)   # a box, mostly blank
    journey.type(paragraph.label)
    journey.shot("go-to-box")
    journey.key("Return")
    section_title = library.section(paragraph.section_id).title
    journey.expect_title(f"go to {paragraph.label}", section_title)
    step, image = journey.shot("go-to-paragraph")
    journey.expect_sidebar(step, image, "Full report")
    assert changed(before, image, toolbar) < 0.004, f"{step}: the go-to box is still in the toolbar"
    box = highlighted_paragraph(image)
    assert box, f"{step}: {paragraph.label} is not highlighted"

    # A click in the paragraph (not on a link), Ctrl+Shift+N: the note dialog; Esc cancels it.
    journey.click(*plain_text_spot(image, box))
    journey.dialog("note-dialog", "ctrl+shift+n", "Add a note")
    assert journey.title() == journey.at(section_title)

    # A citation clicked with the mouse: the source's card on the Sources page.
    image = journey.grab()
    box = highlighted_paragraph(image)
    assert box, f"{step}: {paragraph.label} is no longer highlighted after the note dialog"
    spot = link_spot(image, box)
    assert spot, f"{step}: no citation found in {paragraph.label} at {box}"
    journey.click(*spot)
    journey.expect_title(f"click the citation at {spot}", "Sources")
    step, image = journey.shot("citation-source-card")
    journey.expect_sidebar(step, image, "Sources")

    # Alt+Left: back to the paragraph's section.
    journey.go("back-to-reader", "alt+Left", section_title, "Full report")
    journey.quit()

    with sqlite3.connect(journey.home / ".local" / "share" / NAME / "userdata.sqlite") as data:
        assert data.execute("SELECT count(*) FROM annotation").fetchone()[0] == 0, "the cancelled note was saved"
        assert (query,) in data.execute("SELECT query FROM recent_search").fetchall()


def test_panel_and_dialogs(journey: Journey, library: Library) -> None:
    """The notes panel shown and hidden; the briefing pack, about and export-notes dialogs opened
    and closed, from the full report."""
    journey.start("dialogs-start")
    before = journey.go("reader-for-dialogs", "ctrl+3", first_section_title(library, "report"), "Full report")

    # The top of the right quarter: the panel's title, filter box and hint replace what was
    # there (the ends of the first-run strip and of the reader's title row). Lower down the panel
    # is a white list where the reader's white margin was, so a change there says little.
    right = (SCREEN[0] * 3 // 4, 55, SCREEN[0], 160)
    journey.key("ctrl+shift+b")
    journey.wait("notes panel (ctrl+shift+b)", "the notes panel to open at the right",
                 lambda: changed(before, journey.grab(), right) > 0.1)
    journey.shot("notes-panel-open")
    journey.key("ctrl+shift+b")
    journey.wait("notes panel closed (ctrl+shift+b)", "the notes panel to close",
                 lambda: changed(before, journey.grab(), right) < 0.02)
    journey.shot("notes-panel-closed")

    journey.dialog("briefing-pack", "ctrl+p", "Briefing pack")
    journey.dialog("help", "F1", HELP_TITLE)
    # Help ▸ About (no shortcut of its own): Alt+H opens the menu on Help, Down to About, Enter.
    help_closed = journey.grab()
    journey.key("alt+h")
    journey.wait("help menu (alt+h)", "the Help menu to open",
                 lambda: changed(help_closed, journey.grab(), (100, 20, 500, 90)) > 0.1)
    journey.key("Down")
    journey.dialog("about", "Return", "About this edition")

    # File ▸ Export notes… (no shortcut of its own): Alt+F, down to it, Enter; Esc cancels.
    menu_closed = journey.grab()
    journey.key("alt+f")
    journey.wait("file menu (alt+f)", "the File menu to open",
                 lambda: changed(menu_closed, journey.grab(), (0, 20, 300, 160)) > 0.1)
    journey.key("Down", "Down")
    journey.shot("file-menu")
    journey.dialog("export-notes", "Return", "Export notes")
    journey.quit()
    written = [p.name for folder in (journey.home, journey.home.parent / "cwd") for p in folder.glob("*.md")]
    assert not written, f"the cancelled export wrote {written}"
