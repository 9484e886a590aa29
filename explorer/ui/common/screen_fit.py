"""Every window and dialog inside the screen it opens on: the one place sizes meet the screen.

Sizes are in logical pixels, as Qt reports the screen's available area (the desktop less its
panels) at any scale factor, so 1280×820 asked for on a 1366×768 laptop, or on 1920×1080 at
150 %, comes out smaller rather than with its buttons off the bottom of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# The title bar and borders a window manager adds around a window not shown yet (once it is
# shown, its real frame is measured instead): generous, so a title bar is never off the top.
FRAME_ALLOWANCE = QMargins(8, 36, 8, 8)
# A dialog leaves a little of the window behind it in sight, so it reads as a dialog.
DIALOG_SHARE = 0.92


def screen_of(widget: QWidget) -> QScreen:
    """The screen a window is on; before it is shown, the screen of the window it opens over."""
    screen: QScreen | None = None
    if widget.isVisible():
        screen = widget.screen()
    else:
        parent = widget.parentWidget()
        if parent is not None:
            over = parent.window()
            screen = QGuiApplication.screenAt(over.frameGeometry().center()) or over.screen()
    return screen or widget.screen() or QGuiApplication.primaryScreen()


def available_area(widget: QWidget) -> QRect:
    return screen_of(widget).availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """What the window manager adds around the window: measured once shown, else an allowance."""
    if widget.isVisible():
        frame, inner = widget.frameGeometry(), widget.geometry()
        if frame != inner:
            return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                            frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return FRAME_ALLOWANCE


def room_for(widget: QWidget, share: float = 1.0) -> QSize:
    """The largest size (without the frame) whose frame fits `share` of the available area."""
    area, margins = available_area(widget), frame_margins(widget)
    return QSize(int(area.width() * share) - margins.left() - margins.right(),
                 int(area.height() * share) - margins.top() - margins.bottom())


def fit_to_screen(widget: QWidget, preferred: QSize | None = None, share: float = 1.0,
                  placed: bool | None = None) -> None:
    """Size a window to `preferred` (else its present size), shrunk to fit `share` of its screen's
    available area with its frame, and keep the frame inside that area.

    A dialog not shown yet is only sized: Qt centres it over its parent when it opens, within the
    screen. A main window not placed yet is centred; one placed (restored, moved) is moved back
    inside the screen only as far as it must be. Maximised and full-screen windows are left alone.
    `placed` says whether the window has been placed; None asks Qt (the main window says it, so
    start-up need not build Qt's namespace of enums before the first paint).
    """
    if widget.isMaximized() or widget.isFullScreen():
        return
    wanted = preferred if preferred is not None else widget.size()
    size = wanted.boundedTo(room_for(widget, share)).expandedTo(QSize(1, 1))
    widget.resize(size)
    if placed is None:
        from PySide6.QtCore import Qt

        placed = widget.testAttribute(Qt.WidgetAttribute.WA_Moved)
    placed = placed or widget.isVisible()
    if widget.parentWidget() is not None and not placed:
        return
    area, margins = available_area(widget), frame_margins(widget)
    frame = QSize(size.width() + margins.left() + margins.right(),
                  size.height() + margins.top() + margins.bottom())
    if placed:
        top_left = widget.frameGeometry().topLeft() if widget.isVisible() else widget.pos()
    else:
        top_left = QPoint(area.x() + (area.width() - frame.width()) // 2,
                          area.y() + (area.height() - frame.height()) // 2)
    x = max(area.left(), min(top_left.x(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(top_left.y(), area.bottom() + 1 - frame.height()))
    widget.move(x, y)


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """A dialog's size as designed where the screen has room for it, smaller where it has not."""
    fit_to_screen(dialog, QSize(width, height), DIALOG_SHARE)
