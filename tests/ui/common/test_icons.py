"""The icon set: every icon named is shipped, with its licence, and is drawn in the theme's colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer import paths
from explorer.ui.common import icons, theme


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[QApplication]:
    """The application, back in the light theme afterwards whatever a test switched to."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    yield application
    theme.apply(application, False)


def inked(image: QImage) -> list[tuple[int, int]]:
    """(lightness, alpha) of every pixel the icon drew on."""
    return [(image.pixelColor(x, y).lightness(), image.pixelColor(x, y).alpha())
            for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).alpha() > 128]


def drawn(name: str, mode: QIcon.Mode = QIcon.Mode.Normal, size: int = 24) -> QImage:
    return icons.icon(name).pixmap(QSize(size, size), 1.0, mode).toImage()


def test_every_named_icon_is_shipped_with_the_licence() -> None:
    folder = paths.resources_dir() / "icons"
    for stem in icons.ICON_FILES.values():
        assert (folder / f"{stem}.svg").is_file(), stem
    assert "ISC License" in (folder / "LICENSE-lucide.txt").read_text(encoding="utf-8")


def test_every_icon_draws_something(app: QApplication) -> None:
    for name in icons.ICON_FILES:
        assert len(inked(drawn(name))) > 10, name


def test_icons_take_the_text_colour_of_the_theme(app: QApplication) -> None:
    theme.apply(app, False)
    light = inked(drawn("bookmark"))
    theme.apply(app, True)
    dark = inked(drawn("bookmark"))
    assert max(lightness for lightness, _ in light) < 80          # dark ink on the light theme
    assert min(lightness for lightness, _ in dark) > 170          # light ink on the dark theme


def test_a_disabled_icon_is_faint(app: QApplication) -> None:
    normal = inked(drawn("back"))
    faint = [alpha for _, alpha in inked(drawn("back", QIcon.Mode.Disabled))] or [0]
    assert normal and max(faint) < 200


def test_icons_are_sharp_at_high_density(app: QApplication) -> None:
    image = icons.icon("help").pixmap(QSize(20, 20), 2.0).toImage()
    assert (image.width(), image.height()) == (40, 40)


def test_a_command_page_and_an_unknown_name() -> None:
    assert not icons.icon("page-sources").isNull()        # a Go menu entry shows its page's icon
    assert icons.icon("no-such-command").isNull()
