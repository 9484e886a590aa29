"""Sizes on disk."""

from __future__ import annotations

from pathlib import Path


def dir_mb(path: Path) -> float:
    """Megabytes in a file, or in the files under a folder (links not followed: a bundle's are
    counted once)."""
    path = Path(path)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)
