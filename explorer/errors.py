"""The expected failures: typed exceptions under one base class; the data layer shows nothing."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class ExplorerError(Exception):
    """Base of every failure we expect and explain to the user."""


class ContentError(NamedTuple):
    """One problem in the content pack, located by file and line (line 0 = whole file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentErrors(ExplorerError):
    """The content pack has errors; all of them, sorted by file and line."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} content error(s)")


class LibraryError(ExplorerError):
    """The compiled library is missing, damaged, or of another schema version."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class LibraryNotFound(LibraryError):
    """No library has been built where one was looked for."""


class LibraryDamaged(LibraryError):
    """A library is there but cannot be read: damaged, cut short, or of another schema."""
