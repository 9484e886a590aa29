"""Reading content files: UTF-8 text, TOML and CSV, with every problem located by file and line."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from pathlib import Path
from typing import Any

from explorer.errors import ContentError


class Problems:
    """Collects content errors so one run reports all of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[ContentError] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, line: int, message: str) -> None:
        name = self.rel(path) if isinstance(path, Path) else path
        self.errors.append(ContentError(name, line, message))


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text, or None (and an error) if it is not valid UTF-8."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(path, line, "file is not UTF-8 text (save it as UTF-8)")
        return None
    return text.removeprefix("\ufeff")


_TOML_LINE = re.compile(r"at line (\d+)")


def read_toml(path: Path, problems: Problems) -> tuple[dict[str, Any], str] | None:
    """Parsed TOML and its text, or None after recording the syntax error with its line."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else 1
        message = _TOML_LINE.sub("", str(exc)).replace("(, column", "(column").strip()
        problems.add(path, line, f"malformed TOML: {message}")
        return None


def table_lines(text: str, table: str) -> list[int]:
    """Line numbers where each `[[table]]` entry starts, in order."""
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def read_csv(
    path: Path, problems: Problems, columns: tuple[str, ...], required: tuple[str, ...],
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line, {column: value}); checks the header and each row's shape."""
    text = read_text(path, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(path, 1, f"malformed CSV header: {exc}")
        return []
    if header is None:
        problems.add(path, 1, "empty file: a header row is needed")
        return []
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        problems.add(path, 1, f"header lacks column(s): {', '.join(missing)}")
        return []
    unknown = [h for h in header if columns and h not in columns]
    if unknown:
        problems.add(path, 1, f"unknown column(s): {', '.join(unknown)}")
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(path, line, f"malformed CSV row: {exc}")
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.add(path, line, f"row has {len(row)} cells, the header has {len(header)}")
            continue
        record = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        for column in required:
            if not record.get(column):
                problems.add(path, line, f"missing required field '{column}'")
        rows.append((line, record))
    return rows


def split_list(value: str) -> tuple[str, ...]:
    """A `;`-separated cell as a tuple of trimmed, non-empty items."""
    return tuple(item.strip() for item in value.split(";") if item.strip())
