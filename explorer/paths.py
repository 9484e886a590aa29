"""Where things live: bundled files (frozen or not), per-user data and cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "report-explorer"
APP_AUTHOR = "ReportExplorer"

# Tests and power users point every per-user folder somewhere else with this variable.
_OVERRIDE_ENV = "REPORT_EXPLORER_HOME"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def self_command() -> list[str]:
    """How to run this app's command line in a child process (frozen or from source)."""
    if not is_frozen():
        return [sys.executable, "-m", "explorer"]
    console_twin = Path(sys.executable).with_name(f"{APP_NAME}-cli.exe")   # Windows: the GUI exe has no stdio
    return [str(console_twin if console_twin.is_file() else sys.executable)]


def bundle_root() -> Path:
    """The folder holding the app's own read-only files."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The content pack shipped with the source tree."""
    return bundle_root() / "content"


def resources_dir() -> Path:
    """Icons and style sheets."""
    return bundle_root() / "resources"


def edition_file() -> Path:
    """The bundle's edition stamp (written by build/bundle.py; absent when running from source)."""
    return bundle_root() / "edition.json"


def _user_dir(kind: str) -> Path:
    override = os.environ.get(_OVERRIDE_ENV)
    if override:
        return Path(override) / kind
    import platformdirs  # imported late: it is only needed once a per-user path is asked for

    finder = {"data": platformdirs.user_data_dir, "cache": platformdirs.user_cache_dir,
              "config": platformdirs.user_config_dir, "log": platformdirs.user_log_dir}[kind]
    return Path(finder(APP_NAME, APP_AUTHOR))


def user_data_dir() -> Path:
    """Per-user data: notes, bookmarks, reading position."""
    return _user_dir("data")


def cache_dir() -> Path:
    """Per-user cache: the library built from `content/` when running from source."""
    return _user_dir("cache")


def log_dir() -> Path:
    """Per-user log folder: the app's rotating log file (warnings, errors and crash details)."""
    return _user_dir("log")


def settings_file() -> Path | None:
    """Where the layout and theme settings go when REPORT_EXPLORER_HOME is set (an INI file
    beside the user data), or None: the system's own place (registry, plist, ~/.config)."""
    return _user_dir("config") / "settings.ini" if os.environ.get(_OVERRIDE_ENV) else None


def default_library_dir() -> Path:
    """The library the app opens: bundled when frozen, else built into the user cache."""
    if is_frozen():
        return bundle_root() / "library"
    return cache_dir() / "library"
