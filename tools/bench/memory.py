"""Peak memory: of a process that opens the library and runs the query set, and of a window
up to its first paint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tools.bench import ROOT
from tools.bench.queries import query_set


def _peak_rss_mb_self() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def rss_child(library_dir: Path, count: int | None = None) -> None:
    """In a fresh process: open the library and its index, run the query set (its first `count`
    queries) once, print peak RSS."""
    from explorer.library.store import Library
    from explorer.search.engine import Search

    library = Library(library_dir)
    search = Search(library.index_path)
    library.toc("report")
    for text, typing in query_set()[:count]:
        search.search(text, limit=20, snippets=10, typing=typing)
    print(json.dumps({"peak_rss_mb": round(_peak_rss_mb_self(), 1)}))


# A fresh, small process runs the window and reports its child's peak RSS: a child forked straight
# from this (large) process would count the parent's pages it started with.
_RSS_WRAPPER = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
                "timeout=120); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def window_rss_mb(command: list[str], env: dict[str, str]) -> float | None:
    """Peak RSS in MB of `command` run to its end (for the app: up to its first paint, then quit)."""
    if sys.platform == "win32":
        return None
    try:
        out = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *command], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=150, check=True)
        peak = int(out.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
    return round(peak / (1024.0 * 1024.0 if sys.platform == "darwin" else 1024.0), 1)


def peak_rss_mb(library_dir: Path, count: int | None = None) -> float:
    command = [sys.executable, "-m", "tools.bench", "--rss-child", str(library_dir)]
    if count is not None:
        command += ["--rss-queries", str(count)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["peak_rss_mb"])

