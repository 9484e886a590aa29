"""The command line: open the app (default), build, check, search, export, stats."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import explorer
from explorer import paths
from explorer.errors import ContentErrors, ExplorerError, LibraryError

if TYPE_CHECKING:
    from explorer.library.store import Library

EPILOG = """examples:
  python -m explorer                          open the app
  python -m explorer build                    compile content/ into the library
  python -m explorer search "tutoring" --kind report --limit 5
  python -m explorer export sources --format bibtex -o sources.bib
  python -m explorer stats --json
  python -m explorer --self-test              check an installation (exit 0 = all is well)
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, sized the way it sizes itself but without `shutil`: argparse makes
    a formatter for every argument it adds, and shutil's import pulls in bz2 and lzma (two
    native libraries) at every start of the app."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """What shutil.get_terminal_size() would answer: $COLUMNS, the terminal's width, or 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    stdout = sys.__stdout__  # None without a console (a windowed app)
    if stdout is None:
        return 80
    try:
        return os.get_terminal_size(stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="report-explorer", description="Read, search and cross-reference the report offline.",
        epilog=EPILOG, formatter_class=_Formatter)
    parser.add_argument("--library", type=Path, default=None, metavar="DIR",
                        help="library folder (default: built from content/ in the user cache; "
                             "the bundled one when installed)")
    parser.add_argument("--version", action="store_true",
                        help="print the app's version and the content edition, then exit")
    parser.add_argument("--self-test", action="store_true",
                        help="check the library, the search index, searches and rendering; "
                             "exit 0 if all is well (IT: run after installing)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text,
                                   epilog=f"example:\n  {example}",
                                   formatter_class=_Formatter)

    open_app = add("open", "Open the app (the default command).", "python -m explorer open")
    open_app.add_argument("--quit-after-paint", action="store_true",
                          help="print 'first-paint' once the window is drawn, then quit (start-up timing)")
    build = add("build", "Validate content and compile it into the library, atomically.",
                "python -m explorer build --content content --out /tmp/library")
    build.add_argument("--content", type=Path, default=None, metavar="DIR",
                       help="content pack folder (default: content/)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="library folder to write (default: --library)")
    build.add_argument("--if-stale", action="store_true",
                       help="do nothing when the library was built from this very content")
    check = add("check", "Validate content and apply the editorial rules; write nothing.",
                "python -m explorer check --content content")
    check.add_argument("--content", type=Path, default=None, metavar="DIR")

    search = add("search", "Search the report, summary, sources and stakeholders.",
                 'python -m explorer search "early language" --kind report --json')
    search.add_argument("query")
    search.add_argument("--kind", choices=("report", "summary", "source", "stakeholder"))
    search.add_argument("--phase")
    search.add_argument("--sector")
    search.add_argument("--year", type=int)
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print one JSON object")

    export = add("export", "Export sources or stakeholders.",
                 "python -m explorer export stakeholders --format graphml -o map.graphml")
    export.add_argument("what", choices=("sources", "stakeholders"))
    export.add_argument("--format", required=True,
                        choices=("bibtex", "ris", "csv", "csl-json", "graphml"))
    export.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="file to write (default: standard output)")

    repair = add("repair", "Rebuild the search index from the library's SQLite file (into the user cache "
                           "when the library's folder cannot be written).",
                 "python -m explorer --library /tmp/library repair")
    repair.add_argument("--cache-only", action="store_true",
                        help="write the index to the user cache only (what an installed app does)")

    stats = add("stats", "Show the edition and its counts.", "python -m explorer stats --json")
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    diff = add("diff", "List what changed between two compiled editions.",
               "python -m explorer diff old-library/ new-library/ --json")
    diff.add_argument("old", type=Path, metavar="OLD_LIBRARY")
    diff.add_argument("new", type=Path, metavar="NEW_LIBRARY")
    diff.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _library_dir(args: argparse.Namespace) -> Path:
    return args.library or paths.default_library_dir()


def _open_library(args: argparse.Namespace) -> Library:
    from explorer.library.store import Library

    return Library(_library_dir(args))


def cmd_build(args: argparse.Namespace) -> int:
    from explorer.content.build import build_library, is_stale

    content = args.content or paths.content_dir()
    out = args.out or _library_dir(args)
    if args.if_stale and not is_stale(content, out):
        print(f"library up to date: {out}")
        return 0
    result = build_library(content, out)
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.counts.items())
    print(f"built {out} in {result.seconds:.2f} s: {counts}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from explorer.content.load import load_content

    started = time.perf_counter()
    pack = load_content(args.content or paths.content_dir(), editorial=True)
    sections = sum(len(c.sections) for c in pack.chapters)
    print(f"content OK ({len(pack.chapters)} chapters, {sections} sections, "
          f"{len(pack.sources)} sources, {len(pack.stakeholders)} stakeholders) "
          f"in {time.perf_counter() - started:.2f} s")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    import html

    from explorer.search.engine import Search

    library = _open_library(args)
    search = Search(library.index_path)
    results = search.search(args.query, kind=args.kind, phase=args.phase, sector=args.sector,
                            year=args.year, limit=max(args.limit, 0), snippets=args.limit,
                            facets=args.json)
    if args.json:
        print(json.dumps(results.as_json(), ensure_ascii=False))
        return 0
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")
    print(f"{results.total} result(s) for '{results.query}'")
    for hit in results.hits:
        snippet = hit.snippet.replace("<b>", "\033[1m").replace("</b>", "\033[0m") \
            if sys.stdout.isatty() else hit.snippet.replace("<b>", "").replace("</b>", "")
        print(f"\n[{hit.kind}] {hit.title}  ({hit.location})\n  {html.unescape(snippet)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from explorer.formats import exports

    library = _open_library(args)
    if args.what == "sources":
        if args.format not in exports.SOURCE_FORMATS:
            raise ExplorerError(f"sources export formats: {', '.join(exports.SOURCE_FORMATS)}")
        text = exports.export_sources(library.sources(), args.format)
    else:
        if args.format not in exports.STAKEHOLDER_FORMATS:
            raise ExplorerError(
                f"stakeholders export formats: {', '.join(exports.STAKEHOLDER_FORMATS)}")
        text = exports.export_stakeholders(library.stakeholders(), library.links(), args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = _open_library(args).stats()
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    edition = stats["edition"]
    print(f"edition {edition['version']} ({edition['date']}), content {edition['content_hash'][:12]}")
    for document in ("report", "summary"):
        d = stats[document]
        print(f"{document:>8}: {d['chapters']} chapters, {d['sections']} sections, {d['words']} words")
    for key in ("sources", "stakeholders", "links", "citations", "case_studies", "figures",
                "glossary_terms"):
        print(f"{key.replace('_', ' '):>14}: {stats[key]}")
    for key in ("uncited_sources", "unmentioned_stakeholders"):
        if stats[key]:
            print(f"{key.replace('_', ' ')}: {', '.join(stats[key])}")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from explorer.ui.app import run_app

    return run_app(_library_dir(args), quit_after_paint=getattr(args, "quit_after_paint", False))


def cmd_diff(args: argparse.Namespace) -> int:
    from explorer.library.diff import diff_editions
    from explorer.library.store import Library

    changes = diff_editions(Library(args.old), Library(args.new))
    print(json.dumps(changes.as_json(), indent=2, ensure_ascii=False) if args.json else changes.as_text())
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from explorer.integrity import rebuild_index

    library = _open_library(args)
    try:
        started = time.perf_counter()
        target = rebuild_index(library, cache_only=args.cache_only or None)
        print(f"search index rebuilt in {time.perf_counter() - started:.1f} s: {target}")
    finally:
        library.close()
    return 0


COMMANDS: dict[str, Any] = {"build": cmd_build, "check": cmd_check, "search": cmd_search,
                            "export": cmd_export, "stats": cmd_stats, "open": cmd_open, "diff": cmd_diff,
                            "repair": cmd_repair}


def version_text(library_dir: Path) -> str:
    """`--version`: the app's version and, when a library is there, its content edition."""
    from explorer.library.store import Library

    try:
        library = Library(library_dir)
    except LibraryError:
        return f"report-explorer {explorer.__version__} (no content library at {library_dir})"
    try:
        e = library.edition()
    finally:
        library.close()
    return f"report-explorer {explorer.__version__}, content edition {e.version} of {e.date} ({e.content_hash[:12]})"


def main(argv: list[str] | None = None) -> int:
    """Run one command; expected failures print a clear message and return non-zero."""
    args = _parser().parse_args(argv)
    if args.version:
        print(version_text(_library_dir(args)))
        return 0
    if args.self_test:
        from explorer import selftest

        selftest.watch_network()      # before Qt loads: its imports are watched too
        from explorer.ui.selftest import selftest_ui

        selftest_ui.use_offscreen()
        return selftest.main(_library_dir(args), library_given=args.library is not None,
                             ui_checks=selftest_ui.CHECKS)
    command = COMMANDS[args.command or "open"]
    try:
        return int(command(args) or 0)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing was written", file=sys.stderr)
        return 1
    except LibraryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if args.command != "build":
            print("hint: run 'make build' (or 'python -m explorer build') first", file=sys.stderr)
        return 2
    except ExplorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
