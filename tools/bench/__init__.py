"""The benchmark behind `make bench`: one table, and the same figures in bench-results.json.

Measured in one run (see docs/performance.md for what each figure means):
- search latency of a fixed query set through `Search.search` as the app calls it, on the
  shipped pack and on synthetic packs 10x and 100x its size, against SQLite FTS5 on the same
  documents (the peer baseline);
- content build time and the library's size on disk;
- time to the first painted main window, against an empty PySide6 QMainWindow (the floor),
  from source and (once a bundle exists) frozen; bundle size likewise;
- peak memory of a process that opens the library and runs the query set.

Run `python -m tools.bench --help` for the options. Nothing here imports Qt: the windows
are measured in child processes.

One job per module: `queries` (the query set and its timing), `fts5` (the peer baseline),
`packs` (synthetic packs), `startup` (time to first paint, source and frozen), `memory`,
`sizes` (on disk), `run` (the whole run), `report` (the table and its targets), `__main__`
(the command line).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the project: content/, dist/, and cwd of child runs
RESULTS_FILE = "bench-results.json"
