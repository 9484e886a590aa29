"""The app's log: one rotating file in the per-user log folder, for warnings, errors and crashes.

Every part of the app logs through the standard `logging` module under the "explorer" name; only
this module decides where it goes. Tracebacks are written here, never shown in a dialog.

`logging.handlers` costs about 20 ms to import (it brings socket, pickle and queue), so the app
starts its log just after the window's first paint, or earlier if a crash or a message needs it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer import paths

if TYPE_CHECKING:
    import logging

LOG_NAME = "report-explorer.log"
MAX_BYTES = 1_000_000      # five files of 1 MB: weeks of warnings, never a full disk
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_state: dict[str, logging.Handler | None] = {"handler": None}
_failed: list[bool] = []


def log_file() -> Path:
    """Where the log is written (the folder may not exist yet)."""
    return paths.log_dir() / LOG_NAME


def start() -> Path | None:
    """Send the app's records (and Python's warnings) to the rotating log file; once per process.

    Returns the log file, or None when its folder cannot be written: the app then runs without a
    log rather than not at all, and says so once on stderr.
    """
    import logging
    from logging.handlers import RotatingFileHandler

    handler = _state["handler"]
    if isinstance(handler, RotatingFileHandler):
        return Path(handler.baseFilename)
    if _failed:
        return None
    target = log_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        _failed.append(True)
        print(f"warning: no log file ({target}: {exc.strerror or exc})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logging.getLogger().addHandler(handler)
    logging.getLogger("explorer").setLevel(logging.INFO)   # our notices; other libraries: warnings
    logging.captureWarnings(True)
    _state["handler"] = handler
    return target


def get(name: str) -> logging.Logger:
    """The logger `name`, with the log file started."""
    import logging

    start()
    return logging.getLogger(name)


def stop() -> None:
    """Detach the log file (tests; a later start() opens it again)."""
    import logging

    handler = _state["handler"]
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
    _state["handler"] = None
    _failed.clear()
