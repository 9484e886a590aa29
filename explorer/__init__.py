"""Report Explorer: read, search and cross-reference a research report offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("report-explorer")
except PackageNotFoundError:  # running from a bundle without metadata
    __version__ = "0.0.0"
