"""Light and dark themes: one palette each, applied to Qt and to the reader's HTML."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {"bg": "#ffffff", "fg": "#1d1d1f", "muted": "#5a5a60", "accent": "#1f5f8b",
         "link": "#0b57a4", "border": "#d0d0d6", "highlight": "#ffe58a", "panel": "#f3f4f6",
         "selection": "#cfe3f7"}
DARK = {"bg": "#1e1f22", "fg": "#e8e8ea", "muted": "#a8a8b0", "accent": "#7cb8e6",
        "link": "#8cc4ff", "border": "#3b3d42", "highlight": "#6b5a12", "panel": "#2a2b2f",
        "selection": "#2f4a66"}


def palette(dark: bool) -> dict[str, str]:
    """The colours of one theme (contrast of fg and link on bg is above 7:1 in both)."""
    return DARK if dark else LIGHT


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
    """Set the application palette for one theme."""
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


def reader_css(dark: bool) -> str:
    """Style sheet for rendered report HTML (Qt's rich-text subset of CSS)."""
    c = palette(dark)
    return f"""
    body {{ color: {c['fg']}; background: {c['bg']}; }}
    h1 {{ font-size: 1.6em; color: {c['accent']}; margin-top: 0.4em; }}
    h2 {{ font-size: 1.3em; color: {c['accent']}; margin-top: 1.0em; }}
    h3 {{ font-size: 1.1em; margin-top: 0.8em; }}
    a {{ color: {c['link']}; text-decoration: none; }}
    a.gloss {{ color: {c['fg']}; text-decoration: underline; }}
    a.org {{ color: {c['link']}; }}
    span.cite {{ color: {c['muted']}; }}
    p.caption {{ color: {c['muted']}; font-size: 0.9em; }}
    table {{ border-collapse: collapse; }}
    th, td {{ border: 1px solid {c['border']}; padding: 4px; }}
    th {{ background: {c['panel']}; }}
    blockquote {{ color: {c['muted']}; margin-left: 1.5em; }}
    p.nav {{ color: {c['muted']}; }}
    """
