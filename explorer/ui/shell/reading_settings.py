"""Reading settings: text size (of the whole interface), line spacing, column width and theme.
Each change shows at once and is remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from explorer.ui.common import theme
from explorer.ui.shell.settings import Settings

if TYPE_CHECKING:
    from explorer.ui.reader.reader_view import ReaderView
    from explorer.ui.shell.main_window import MainWindow

THEME_CHOICES = (("system", "As the system"), ("light", "Light"), ("sepia", "Sepia"), ("dark", "Dark"))
SPACING_CHOICES = (("compact", "Compact"), ("comfortable", "Comfortable"), ("airy", "Airy"))
COLUMN_CHOICES = (("narrow", "Narrow"), ("medium", "Medium"), ("wide", "Wide"))


def restore(settings: Settings) -> bool:
    """Put the remembered theme, spacing and column in force (the text size comes back with the
    window's zoom); whether the theme is a dark one."""
    theme.set_paper(str(settings.get("theme")))
    spacing, column = str(settings.get("reading/line_spacing")), str(settings.get("reading/column"))
    theme.LOOK.line_spacing = spacing if spacing in theme.LINE_SPACINGS else "comfortable"
    theme.LOOK.column = column if column in theme.COLUMNS else "medium"
    theme.LOOK.text_steps = 0
    return is_dark(str(settings.get("theme")))


def is_dark(choice: str) -> bool:
    """Whether a theme choice (system, light, sepia, dark) is dark."""
    return theme.system_prefers_dark() if choice == "system" else choice == "dark"


def _readers(window: MainWindow) -> list[ReaderView]:
    """The reader panes that exist (the reader page, and both panes of side by side)."""
    pages = window.pages
    readers = [pages.reader] if pages.is_built("report") else []
    if pages.is_built("side"):
        readers += [pages.side.summary, pages.side.full]
    return readers


class ReadingSettingsDialog(QDialog):
    """The four reading settings, applied to the window as they change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("readingSettings")
        self.setWindowTitle("Reading settings")
        self.size_box = QSpinBox(self)
        self.size_box.setRange(theme.TEXT_STEPS.start, theme.TEXT_STEPS.stop - 1)
        self.size_box.setValue(window.zoom_steps)
        self.size_box.setAccessibleName("Text size, in steps above normal")
        self.spacing = self._choices(SPACING_CHOICES, theme.LOOK.line_spacing, "Line spacing")
        self.column = self._choices(COLUMN_CHOICES, theme.LOOK.column, "Column width")
        self.theme = self._choices(THEME_CHOICES, str(window.settings.get("theme")), "Theme")
        form = QFormLayout()
        form.addRow("&Text size (every view):", self.size_box)
        form.addRow("&Line spacing:", self.spacing)
        form.addRow("&Column width:", self.column)
        form.addRow("T&heme:", self.theme)
        note = QLabel("Text size 0 is your system's size. Changes show at once and are remembered; "
                      "Ctrl+plus and Ctrl+minus also change the text size.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.size_box.valueChanged.connect(self.on_size_changed)
        self.spacing.currentIndexChanged.connect(self.on_layout_changed)
        self.column.currentIndexChanged.connect(self.on_layout_changed)
        self.theme.currentIndexChanged.connect(self.on_theme_changed)

    def _choices(self, choices: tuple[tuple[str, str], ...], current: str, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        for key, label in choices:
            box.addItem(label, key)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def on_size_changed(self, steps: int) -> None:
        self.window_.zoom(steps - self.window_.zoom_steps)

    def on_layout_changed(self, _index: int) -> None:
        theme.LOOK.line_spacing = self.spacing.currentData()
        theme.LOOK.column = self.column.currentData()
        self.window_.settings.set("reading/line_spacing", theme.LOOK.line_spacing)
        self.window_.settings.set("reading/column", theme.LOOK.column)
        for reader in _readers(self.window_):
            reader.restyle()

    def on_theme_changed(self, _index: int) -> None:
        choice = self.theme.currentData()
        w = self.window_
        w.settings.set("theme", choice)
        theme.set_paper(choice)
        w.dark = is_dark(choice)
        theme.apply(QApplication.instance(), w.dark)  # type: ignore[arg-type]  # a QApplication
        w.actions_by_name["theme"].setChecked(w.dark)
        w.toolbar.setStyleSheet(theme.toolbar_style(w.dark))
        w.pages.set_dark(w.dark)


def show(window: MainWindow) -> None:
    ReadingSettingsDialog(window).exec()
