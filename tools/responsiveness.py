"""Is the window still alive while the search index is rebuilt? The longest event-loop stall.

`python -m tools.responsiveness LIBRARY [--json]` measures it in this process;
`measure_in_child(library_dir)` runs that in a child process and imports no Qt itself, so the
benchmark (which never imports Qt) can report the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TICK_MS = 5


def index_rebuild_gap(library_dir: Path, tick_ms: int = TICK_MS) -> dict[str, Any]:
    """Rebuild the library's index the way the app repairs a damaged one (a child process that a
    worker thread waits for, behind a modal progress dialog) while a timer on the main thread
    records the longest gap between its ticks.

    The library's index is replaced by a freshly built, identical one.

    Returns:
        {"max_gap_ms": longest stall of the event loop, "rebuild_s": wall time of the rebuild,
         "ticks": timer ticks seen, "documents": documents indexed}.
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.integrity import rebuild_index_apart
    from explorer.library.store import Library
    from explorer.ui.app import run_with_progress

    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = Library(library_dir)
    try:
        run_with_progress("Warming up…", lambda: None)   # first dialog: fonts and styles load
        app.processEvents()
        stamps: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(tick_ms)
        timer.timeout.connect(lambda: stamps.append(time.perf_counter()))
        timer.start()
        started = time.perf_counter()
        stamps.append(started)
        _, error = run_with_progress("Rebuilding the search index…", lambda: rebuild_index_apart(library))
        finished = time.perf_counter()
        timer.stop()
        if error is not None:
            raise error
        stamps.append(finished)
        from explorer.search.engine import Search

        search = Search(library.index_path)
        documents = search.searcher.doc_count()
        search.close()
    finally:
        library.close()
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    return {"max_gap_ms": round(max(gaps) * 1000, 1), "rebuild_s": round(finished - started, 2),
            "ticks": len(stamps) - 2, "documents": documents}


def measure_in_child(library_dir: Path, env: dict[str, str] | None = None,
                     timeout: float = 1800) -> dict[str, Any]:
    """`index_rebuild_gap` run in a child Python (offscreen unless `env` says otherwise).

    Raises:
        RuntimeError: the child failed; its last lines of stderr are in the message.
    """
    env = dict(os.environ if env is None else env)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run([sys.executable, "-m", "tools.responsiveness", "--json",
                             str(library_dir)], capture_output=True, text=True, env=env,
                            timeout=timeout, cwd=Path(__file__).resolve().parent.parent)
    if result.returncode != 0:
        raise RuntimeError(f"responsiveness check failed: {result.stderr.strip()[-500:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.responsiveness",
                                     description=index_rebuild_gap.__doc__.split("\n")[0]
                                     if index_rebuild_gap.__doc__ else None)
    parser.add_argument("library", type=Path, help="library folder (its index is rebuilt)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures = index_rebuild_gap(args.library)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"index rebuilt in {figures['rebuild_s']} s ({figures['documents']} documents); "
              f"longest event-loop stall {figures['max_gap_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
