"""Themes (light, sepia, dark), the bundled fonts and the text size: applied to Qt and to the
reader's HTML.

The look is application-wide, like QApplication's palette and font, so the choices made in the
reading settings live here once and every view reads them."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {"bg": "#ffffff", "fg": "#1d1d1f", "muted": "#5a5a60", "accent": "#1f5f8b",
         "link": "#0b57a4", "border": "#d0d0d6", "highlight": "#ffe58a", "panel": "#f3f4f6",
         "selection": "#cfe3f7", "figure": "#ffffff"}
# Warm paper and brown-black ink, for long reading in daylight (fg and link above 7:1 on bg).
SEPIA = {"bg": "#f6efdf", "fg": "#3b2f22", "muted": "#6b5a45", "accent": "#7a4a14",
         "link": "#7a3d0a", "border": "#d9ccb0", "highlight": "#f3d27a", "panel": "#ece3cf",
         "selection": "#e3d2a8", "figure": "#fbf7ee"}
# Figures are drawn for paper; in the dark theme they sit on a dimmed light panel so they do not glare.
DARK = {"bg": "#1e1f22", "fg": "#e8e8ea", "muted": "#a8a8b0", "accent": "#7cb8e6",
        "link": "#8cc4ff", "border": "#3b3d42", "highlight": "#6b5a12", "panel": "#2a2b2f",
        "selection": "#2f4a66", "figure": "#c9cacf"}
THEMES = {"light": LIGHT, "sepia": SEPIA, "dark": DARK}

READING_FAMILY = "Charis SIL"   # resources/fonts: an open-licence serif made for long text
UI_FAMILY = "Inter"             # resources/fonts: the interface's sans serif
COLUMNS = {"narrow": 62, "medium": 72, "wide": 86}   # characters of text: lines hold a few fewer
LINE_SPACINGS = {"compact": 130, "comfortable": 150, "airy": 175}   # percent of the font's height
TEXT_STEPS = range(-3, 13)      # text size steps allowed, around the system's size


class ReadingStyle(NamedTuple):
    """How the reader sets its text."""

    family: str
    point_size: float
    line_spacing: int    # percent
    column: int          # characters per line, at most


class _Look:
    """The choices in force (set at start-up from the settings, then by the reading settings)."""

    paper = "light"            # the theme used when not dark: "light" or "sepia"
    text_steps = 0
    column = "medium"
    line_spacing = "comfortable"
    base_points: float | None = None    # the system's interface size, read before we change it


LOOK = _Look()
_fonts_loaded: set[str] = set()


def palette(dark: bool) -> dict[str, str]:
    """The colours of the theme in use (contrast of fg and link on bg is above 7:1 in each)."""
    return DARK if dark else THEMES[LOOK.paper]


def set_paper(choice: str) -> None:
    """Which light theme to use: "sepia" for sepia, anything else for light."""
    LOOK.paper = "sepia" if choice == "sepia" else "light"


def load_fonts(*stems: str) -> None:
    """Register bundled fonts (about a millisecond each; each file once per run). A missing file
    is not an error: Qt then uses the system's serif or sans serif."""
    from explorer import paths

    folder = paths.resources_dir() / "fonts"
    for stem in stems:
        if stem not in _fonts_loaded:
            _fonts_loaded.add(stem)
            for file in sorted(folder.glob(f"{stem}-*.[ot]tf")):
                QFontDatabase.addApplicationFont(str(file))


_system_dark: bool | None = None


def system_prefers_dark() -> bool:
    """Does the system use a dark colour scheme? Qt gives the app the system's palette at start,
    dark when the system is; it is read once, before `apply` replaces it with ours.

    (QStyleHints.colorScheme() would say the same, but its answer is a Qt namespace enum, and the
    first of those builds all ~90 of them: 15-20 ms before the window could paint.)
    """
    global _system_dark
    if _system_dark is None:
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        _system_dark = window.lightness() < 128
    return _system_dark


def apply(app: QApplication, dark: bool) -> None:
    """Set the application palette for one theme, and the interface font at the chosen size."""
    colours = palette(dark)
    qp = QPalette()
    for role, key in ((QPalette.ColorRole.Window, "panel"), (QPalette.ColorRole.Base, "bg"),
                      (QPalette.ColorRole.AlternateBase, "panel"),
                      (QPalette.ColorRole.Text, "fg"), (QPalette.ColorRole.WindowText, "fg"),
                      (QPalette.ColorRole.Button, "panel"), (QPalette.ColorRole.ButtonText, "fg"),
                      (QPalette.ColorRole.ToolTipBase, "panel"),
                      (QPalette.ColorRole.ToolTipText, "fg"),
                      (QPalette.ColorRole.Highlight, "selection"),
                      (QPalette.ColorRole.HighlightedText, "fg"),
                      (QPalette.ColorRole.Link, "link"), (QPalette.ColorRole.PlaceholderText, "muted")):
        qp.setColor(role, QColor(colours[key]))
    app.setPalette(qp)
    app.setProperty("dark_theme", dark)
    set_text_steps(app, LOOK.text_steps)


def interface_points(steps: int | None = None) -> float:
    """The interface's text size in points, with the chosen steps (or these)."""
    base = LOOK.base_points or 9.0
    return max(6.0, base + (LOOK.text_steps if steps is None else steps))


def set_text_steps(app: QApplication, steps: int) -> int:
    """Size every view, list, table, card and dialog: the application font, `steps` points above
    (or below) the system's size. Widgets that set no font of their own follow it."""
    if LOOK.base_points is None:
        LOOK.base_points = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 9.0
    LOOK.text_steps = min(max(steps, TEXT_STEPS.start), TEXT_STEPS.stop - 1)
    load_fonts("Inter")
    font = QFont(app.font())
    if UI_FAMILY in QFontDatabase.families():
        font.setFamily(UI_FAMILY)
    font.setPointSizeF(interface_points())
    if font != app.font():
        app.setFont(font)
    return LOOK.text_steps


def reading_style(steps: int | None = None) -> ReadingStyle:
    """The reader's font, size, spacing and column: the interface size (or that of `steps`, as in
    meeting mode, which enlarges the reader alone), a third larger, because running text wants
    more than labels do."""
    load_fonts("CharisSIL")
    points = round(interface_points(steps) * 4 / 3 * 2) / 2
    return ReadingStyle(READING_FAMILY, points, LINE_SPACINGS[LOOK.line_spacing], COLUMNS[LOOK.column])


def toolbar_style(dark: bool) -> str:
    """The toolbar's style sheet: a toggle that is on (the dark theme) in the selection colour."""
    colours = palette(dark)
    return (f"QToolButton:checked {{ background: {colours['selection']}; "
            f"border: 1px solid {colours['accent']}; border-radius: 4px; }}")


def reader_css(dark: bool) -> str:
    """Style sheet for rendered report HTML (Qt's rich-text subset of CSS)."""
    c = palette(dark)
    return f"""
    body {{ color: {c['fg']}; background: {c['bg']}; }}
    h1 {{ font-size: 1.6em; color: {c['accent']}; margin-top: 0.4em; margin-bottom: 0.5em; }}
    h2 {{ font-size: 1.3em; color: {c['accent']}; margin-top: 1.2em; margin-bottom: 0.4em; }}
    h3 {{ font-size: 1.1em; margin-top: 1.0em; margin-bottom: 0.3em; }}
    p {{ margin-top: 0; margin-bottom: 0.7em; }}
    li {{ margin-bottom: 0.3em; }}
    a {{ color: {c['link']}; text-decoration: none; }}
    a.gloss {{ color: {c['fg']}; text-decoration: underline; }}
    a.org {{ color: {c['link']}; }}
    span.cite {{ color: {c['muted']}; }}
    span.mark {{ color: {c['accent']}; }}
    span.number {{ color: {c['muted']}; font-size: small; }}
    p.caption {{ color: {c['muted']}; font-size: 0.9em; }}
    table {{ border-collapse: collapse; }}
    th, td {{ border: 1px solid {c['border']}; padding: 4px; }}
    th {{ background: {c['panel']}; }}
    blockquote {{ color: {c['muted']}; margin-left: 1.5em; }}
    p.nav {{ color: {c['muted']}; margin-top: 1.2em; }}
    """
