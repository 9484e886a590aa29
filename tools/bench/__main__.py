"""`python -m tools.bench`: run the benchmark, print the table, write bench-results.json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import tools.bench
from tools.bench import RESULTS_FILE, ROOT
from tools.bench.memory import rss_child
from tools.bench.report import render_table
from tools.bench.run import run


def main(argv: list[str] | None = None) -> int:
    summary = (tools.bench.__doc__ or "").split("\n\n")[0]
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=summary,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content", metavar="DIR")
    parser.add_argument("--json", type=Path, default=ROOT / RESULTS_FILE, metavar="FILE",
                        help=f"where to write the figures (default: {RESULTS_FILE} in the project)")
    parser.add_argument("--rounds", type=int, default=5, help="measured passes of the query set (default 5)")
    parser.add_argument("--big-rounds", type=int, default=1, help="passes on the 100x pack (default 1)")
    parser.add_argument("--factors", default="10,100", help="synthetic pack sizes (default 10,100)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timing")
    parser.add_argument("--rss-child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--rss-queries", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        rss_child(args.rss_child, args.rss_queries)
        return 0
    factors = {f"search_{int(f)}x": int(f) for f in args.factors.split(",") if f.strip()}
    results = run(args.content, factors=factors, rounds=args.rounds, big_rounds=args.big_rounds,
                  startup=not args.no_startup)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_table(results))
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
