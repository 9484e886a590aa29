"""The reader loads nothing from outside the library, even from HTML that slipped past the build's
sanitiser (a tampered or hand-made library): remote and local resources are asked for and refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.library import schema
from explorer.library.store import Library
from explorer.ui.reader.reader_view import ReaderView

# Showing a top-level window on the offscreen platform logs this once; it says nothing about us.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OUTSIDE = ["https://evil.example/pixel.png", "http://evil.example/track.gif", "file:///etc/hostname",
           "https://evil.example/background.png", "//evil.example/protocol-relative.png"]
INJECTED = (f'<p><img src="{OUTSIDE[0]}"> <img src="{OUTSIDE[1]}" width="1"> <img src="{OUTSIDE[2]}"></p>'
            f'<table background="{OUTSIDE[3]}"><tr><td>x</td></tr></table>'
            f'<p><img src="{OUTSIDE[4]}"></p>')


@pytest.fixture
def tampered(fixture_library_dir: Path, tmp_path: Path) -> Library:
    """A copy of the fixture library whose opening section carries remote and local images."""
    library_dir = Path(shutil.copytree(fixture_library_dir, tmp_path / "library"))
    folder = library_dir / (library_dir / schema.POINTER_FILE).read_text(encoding="utf-8").strip()
    with sqlite3.connect(folder / schema.DATABASE_FILE) as db:
        db.execute("UPDATE sections SET html = html || ? WHERE id = 'report/opening'", (INJECTED,))
    db.close()
    return Library(library_dir)


def test_injected_remote_and_local_images_are_refused(qtbot, tampered: Library) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(tampered)
    qtbot.addWidget(reader)
    reader.resize(900, 700)
    reader.show()
    qtbot.waitExposed(reader)
    reader.open("report/opening")
    browser = reader.browser
    qtbot.waitUntil(lambda: set(OUTSIDE) <= set(browser.refused), timeout=3000)
    # Everything asked for that is not a library figure was refused; the figure itself loads.
    assert not [name for name in browser.refused if name.startswith("figure:")]
    assert set(browser.refused) <= set(OUTSIDE)
    assert "figure:test-bars" in browser.toHtml()
