"""Every user setting, declared once with its default and help; one QSettings wrapper."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QSettings


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("theme", "system", "Colour theme: 'system' (follow the desktop), 'light', 'sepia' or 'dark'."),
    Setting("zoom", 0, "Text size of the whole interface, in points above (or below) the system's."),
    Setting("reading/line_spacing", "comfortable", "Reader line spacing: 'compact', 'comfortable' or 'airy'."),
    Setting("reading/column", "medium", "Reader column width: 'narrow', 'medium' or 'wide'."),
    Setting("window/geometry", None, "Main window size and position."),
    Setting("window/state", None, "Toolbar and splitter layout."),
    Setting("help/keys_strip_closed", False, "The first-run strip of keys to know was closed: not shown again."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """Typed access to QSettings for the declared settings only."""

    def __init__(self, store: QSettings | None = None) -> None:
        if store is None:
            from explorer import paths

            moved = paths.settings_file()
            store = (QSettings(str(moved), QSettings.Format.IniFormat) if moved is not None
                     else QSettings("ReportExplorer", "Report Explorer"))
        self.store = store

    def get(self, name: str) -> Any:
        setting = _BY_NAME[name]
        value: Any = self.store.value(name, setting.default)  # a QVariant: str from an ini file
        if isinstance(setting.default, bool) and not isinstance(value, bool):
            return str(value).lower() in ("true", "1")     # an ini file gives "true" or "false"
        if isinstance(setting.default, int) and not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        return value

    def set(self, name: str, value: Any) -> None:
        if name not in _BY_NAME:
            raise KeyError(name)
        self.store.setValue(name, value)
