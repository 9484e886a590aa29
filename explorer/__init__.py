"""Report Explorer: read, search and cross-reference a research report offline."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up on first use: importlib.metadata costs tens of milliseconds at start-up.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("report-explorer")
        except PackageNotFoundError:  # running from a bundle without metadata
            value = "0.0.0"
        globals()["__version__"] = value
        return value
    raise AttributeError(name)
