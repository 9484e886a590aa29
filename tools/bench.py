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
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = "bench-results.json"

# The query set ---------------------------------------------------------------------------------
SINGLE_WORDS = ("tutoring", "mobility", "apprenticeships", "poverty", "phonics", "attainment",
                "universities", "careers", "funding", "disadvantaged", "literacy", "mentoring",
                "teachers", "earnings")
TWO_WORDS = ("early years", "pupil premium", "free meals", "teaching assistants",
             "social mobility", "school funding", "higher education", "graduate earnings",
             "reading gap", "youth employment", "London schools", "breakfast clubs")
PHRASES = ('"social mobility commission"', '"free school meals"', '"pupil premium"',
           '"disadvantage gap"', '"early years foundation stage"', '"national tutoring programme"',
           '"months of learning"')
ACRONYMS = ("EEF", "DfE", "SMC", "FSM", "EPI", "IFS", "EYFS", "OECD", "NEET", "KS2")
MISSPELLINGS = ("tutorng", "mobilty", "apprenticeshp", "povrety", "univercity", "dissadvantaged",
                "literacey", "scholls")
# Typed character by character into the search box: every prefix is one query (typing=True).
TYPED = ("what works in tutoring", "pupil premium spending", "early language",
         "education endowment foundation", "careers guidance in schools")


GROUPS = {"single word": SINGLE_WORDS, "two words": TWO_WORDS, "phrase": PHRASES, "acronym": ACRONYMS,
          "misspelling": MISSPELLINGS}


def query_set() -> list[tuple[str, bool]]:
    """The fixed queries as (text, typing), in the order they are run."""
    queries = [(q, False) for group in GROUPS.values() for q in group]
    for phrase in TYPED:
        queries.extend((phrase[:n], True) for n in range(1, len(phrase) + 1))
    return queries


def query_groups() -> list[str]:
    """The group of each query of `query_set()`, in the same order."""
    return [name for name, group in GROUPS.items() for _ in group] + ["typing"] * sum(len(p) for p in TYPED)


def percentile(values: Iterable[float], fraction: float) -> float:
    """Nearest-rank percentile (0 < fraction <= 1): a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def time_queries(run: Callable[[str, bool], Any], queries: list[tuple[str, bool]],
                 rounds: int) -> list[float]:
    """Milliseconds per query over `rounds` passes of the set, after one unmeasured warm-up pass."""
    for text, typing in queries:
        run(text, typing)
    samples: list[float] = []
    clock = time.perf_counter
    for _ in range(rounds):
        for text, typing in queries:
            started = clock()
            run(text, typing)
            samples.append((clock() - started) * 1000.0)
    return samples


# The peer baseline: SQLite FTS5 ----------------------------------------------------------------
FTS5_COLUMNS = ("id", "kind", "title", "aliases", "tags", "body", "location")
# bm25 weights per column, as the Whoosh field boosts: title 3, aliases 4, tags 0.5, body 1.
FTS5_WEIGHTS = "0, 0, 3.0, 4.0, 0.5, 1.0, 0"
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\W_]+(?:[\'’][^\W_]+)*)')


class Fts5Search:
    """The same job as `Search.search` done with SQLite FTS5: AND of the words, else OR; phrases;
    the last word as a prefix of unstemmed words while typing; acronyms OR-ed with what they
    stand for; bm25 with the same field weights and kind boosts; top `limit` with snippet(), and
    the total count. No "did you mean" (FTS5 has no corrector)."""

    def __init__(self, path: Path, documents: list[dict[str, Any]] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.db = sqlite3.connect(path)
        self.aliases = aliases or {}
        if documents is not None:
            columns = ", ".join(c if c in ("title", "aliases", "tags", "body") else f"{c} UNINDEXED"
                                for c in FTS5_COLUMNS)
            self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({columns}, "
                            "tokenize='porter unicode61')")
            self.db.executemany(
                f"INSERT INTO docs ({', '.join(FTS5_COLUMNS)}) VALUES ({', '.join('?' * len(FTS5_COLUMNS))})",
                ([d["id"], d["kind"], d["title"], d["aliases"], d["tags"], d["body"], d["location"]]
                 for d in documents))
            self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            # Porter stems before matching a prefix ("tutori*" finds nothing, "tutoring" is
            # "tutor"), so, like Whoosh's unstemmed `exact` field, typed prefixes are expanded
            # to whole words from an unstemmed vocabulary first.
            self.db.execute("CREATE VIRTUAL TABLE words USING fts5(exact, tokenize='unicode61')")
            self.db.executemany("INSERT INTO words (rowid, exact) VALUES (?, ?)",
                                ((n, f"{d['title']} {d['aliases']} {d['body']}") for n, d in enumerate(documents)))
            self.db.execute("INSERT INTO words(words) VALUES ('optimize')")
            self.db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(words, 'row')")
            self.db.commit()
        try:
            from explorer.search.index import KIND_BOOST
        except ImportError:
            KIND_BOOST = {}  # noqa: N806
        boost = " ".join(f"WHEN '{k}' THEN {float(v)}" for k, v in KIND_BOOST.items() if k.isalpha())
        self.order = (f"bm25(docs, {FTS5_WEIGHTS}) * (CASE kind {boost} ELSE 1.0 END)" if boost
                      else f"bm25(docs, {FTS5_WEIGHTS})")

    def close(self) -> None:
        self.db.close()

    def match_expression(self, text: str, typing: bool, operator: str) -> str | None:
        from explorer.search.query import clean_query

        text = clean_query(text)
        if typing and text.endswith(" "):
            typing = False
        text = text.strip()
        parts: list[str] = []
        last_is_word = False
        for m in _PHRASE_OR_WORD.finditer(text):
            if m.group(2) is None:
                words = re.findall(r"[^\W_]+", m.group(1) or "")
                if words:
                    parts.append('"' + " ".join(words) + '"')
                last_is_word = False
                continue
            word = m.group(2).replace('"', "")
            term = f'"{word}"'
            last_is_word = m.end() == len(text)
            if typing and last_is_word and len(word) >= 3:
                lower = word.lower()
                completions = [r[0] for r in self.db.execute(
                    "SELECT term FROM vocab WHERE term >= ? AND term < ?", (lower, lower + "\U0010ffff"))]
                term = "(" + " OR ".join(f'"{w}"' for w in dict.fromkeys([word, *completions])) + ")"
            expansion = self.aliases.get(word.casefold())
            if expansion and expansion.casefold() != word.casefold():
                spelt = " ".join(re.findall(r"[^\W_]+", expansion))
                term = f'({term} OR "{spelt}")'
            parts.append(term)
        return f" {operator} ".join(parts) if parts else None

    def search(self, text: str, limit: int = 20, snippets: int = 10, typing: bool = False
               ) -> tuple[int, list[tuple[Any, ...]]]:
        for operator in ("AND", "OR"):
            expression = self.match_expression(text, typing, operator)
            if expression is None:
                return 0, []
            try:
                rows = self.db.execute(
                    f"SELECT id, kind, title, location, {self.order} AS score, "
                    "snippet(docs, 5, '<b>', '</b>', '…', 32) FROM docs WHERE docs MATCH ? "
                    "ORDER BY score LIMIT ?", (expression, limit)).fetchall()
                total = self.db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?",
                                        (expression,)).fetchone()[0] if rows else 0
            except sqlite3.OperationalError:
                rows, total = [], 0
            if rows:
                # FTS5 cannot snippet only some rows of one query; the ones beyond `snippets`
                # are dropped here, so FTS5 does a little more work than Whoosh, not less.
                return total, [r[:5] + (r[5] if n < snippets else "",) for n, r in enumerate(rows)]
        return 0, []


def search_figures(library_dir: Path, queries: list[tuple[str, bool]], rounds: int,
                   work: Path) -> dict[str, Any]:
    """Median and p95 of the query set through `Search.search`, and through FTS5, on one library."""
    from explorer.library.store import Library
    from explorer.search.index import alias_map

    library = Library(library_dir)
    try:
        documents = library.search_documents()
        aliases = alias_map(library)
        index_path = library.index_path
    finally:
        library.close()
    return compare_with_fts5(index_path, documents, aliases, queries, rounds, work)


def compare_with_fts5(index_path: Path, documents: list[dict[str, Any]], aliases: dict[str, str],
                      queries: list[tuple[str, bool]], rounds: int, work: Path) -> dict[str, Any]:
    """The query set through our search (one searcher, reused, as the app does) and through FTS5."""
    from explorer.search.engine import Search

    search = Search(index_path)
    try:
        whoosh = time_queries(lambda t, typing: search.search(t, limit=20, snippets=10, typing=typing),
                              queries, rounds)
    finally:
        search.close()
    fts5 = fts5_samples(documents, aliases, queries, rounds, work)
    return {**summarise(whoosh, fts5, len(queries)), "documents": len(documents)}


def fts5_samples(documents: list[dict[str, Any]], aliases: dict[str, str],
                 queries: list[tuple[str, bool]], rounds: int, work: Path) -> list[float]:
    work.mkdir(parents=True, exist_ok=True)
    path = work / "fts5.sqlite"
    path.unlink(missing_ok=True)
    Fts5Search(path, documents, aliases).close()
    fts = Fts5Search(path, aliases=aliases)  # reopened, as an app would open it
    try:
        return time_queries(lambda t, typing: fts.search(t, limit=20, snippets=10, typing=typing),
                            queries, rounds)
    finally:
        fts.close()


def summarise(whoosh: list[float], fts5: list[float], count: int) -> dict[str, Any]:
    """The four figures, and (under "groups", moved to meta by `run`) the p95 of each query group
    (samples are rounds of the first `count` queries of the set)."""
    groups = query_groups()[:count]
    by_group: dict[str, dict[str, float]] = {}
    if len(whoosh) % len(groups) == 0 and len(fts5) % len(groups) == 0:
        for name in dict.fromkeys(groups):
            mine = [t for i, t in enumerate(whoosh) if groups[i % len(groups)] == name]
            theirs = [t for i, t in enumerate(fts5) if groups[i % len(groups)] == name]
            by_group[name] = {"p95_ms": round(percentile(mine, 0.95), 2),
                              "fts5_p95_ms": round(percentile(theirs, 0.95), 2)}
    return {"median_ms": round(statistics.median(whoosh), 2), "p95_ms": round(percentile(whoosh, 0.95), 2),
            "fts5_median_ms": round(statistics.median(fts5), 2),
            "fts5_p95_ms": round(percentile(fts5, 0.95), 2), "groups": by_group}


# Synthetic packs -------------------------------------------------------------------------------
_PROTECTED = re.compile(
    r"\[\[[^\[\]]*\]\]"            # [[stakeholder|text]], [[figure:key]]
    r"|\[-?@[^\[\]]*\]"            # [@key, p. 4; @other]
    r"|\]\([^)]*\)"                # the target of a [text](https://...) link
    r"|`[^`]*`|\{[^{}]*\}|<[^<>]*>|https?://\S+")
_SHUFFLED_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*(?:\{([^{}]*)\})?\s*#*\s*$")


def shuffle_words(text: str, rng: random.Random) -> str:
    """The same real words in another order; markup (citations, links, attributes) untouched."""
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _PROTECTED.finditer(text):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    words = [w for a, b in spans for w in _SHUFFLED_WORD.findall(text, a, b)]
    if len(words) < 2:
        return text
    rng.shuffle(words)
    feed = iter(words)
    out: list[str] = []
    for (a, b), nxt in zip(spans, [*(m for m in _PROTECTED.finditer(text)), None], strict=True):
        out.append(_SHUFFLED_WORD.sub(lambda _m: next(feed), text[a:b]))
        if nxt is not None:
            out.append(nxt.group(0))
    return "".join(out)


class _Renamer:
    """Keys of copy `n`: source and stakeholder keys get a `-xN` suffix, names a ` (N)` one."""

    def __init__(self, names: dict[str, str], n: int) -> None:
        self.names, self.n = names, n

    def key(self, key: str) -> str:
        return f"{key}-x{self.n}" if key else key

    def refs(self, token: str) -> str:
        if token.startswith("[[") and not token.startswith("[[figure:"):
            target, _, shown = token[2:-2].partition("|")
            key = self.names.get(target.strip().casefold())
            return f"[[{self.key(key)}|{shown or target}]]" if key else token
        if token.startswith("[") and "@" in token:
            return re.sub(r"@([A-Za-z0-9][\w.:-]*)", lambda m: f"@{self.key(m.group(1))}", token)
        return token


def _copy_chapter(text: str, title: str, renamer: _Renamer, rng: random.Random) -> str:
    """One more copy of a chapter's body, to append to it: headings renamed (explicit, unique
    anchors), words shuffled, citations and mentions pointing at the copy's sources and
    stakeholders."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1:]
    n = renamer.n
    out = ["", f"## {shuffle_words(title, rng)} ({n}) {{#copy-{n}}}"]
    in_fence = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or line.lstrip().startswith("[[figure:"):
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            from explorer.content.chapters import parse_attributes, slugify

            anchor, classes, attrs = parse_attributes(heading.group(3) or "")
            anchor = f"{anchor or slugify(heading.group(2))}-x{n}"
            if "provider" in attrs:
                attrs["provider"] = renamer.key(attrs["provider"])
            extra = " ".join([*(f".{c}" for c in sorted(classes)), *(f'{k}="{v}"' if " " in v else f"{k}={v}"
                                                                      for k, v in attrs.items())])
            words = shuffle_words(heading.group(2), rng)
            out.append(f"{heading.group(1)} {words} {{#{anchor}{' ' + extra if extra else ''}}}")
            continue
        line = _PROTECTED.sub(lambda m: renamer.refs(m.group(0)), line)
        out.append(shuffle_words(line, rng))
    return "\n".join(out) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def make_synthetic_pack(content_dir: Path, dest: Path, factor: int, seed: int = 20111) -> Path:
    """A content pack `factor` times the size of `content_dir`, written to `dest`.

    The original is copied as is; each of the `factor - 1` copies adds every source and
    stakeholder again under a new key (words of titles and summaries shuffled), the links between
    the copied stakeholders, and every chapter's text again, appended to the chapter as new
    sections with shuffled words whose citations and mentions point at the copy. The chapter files
    stay the same (numbers are two digits); figures and glossary are not multiplied.
    """
    from explorer.content.load import load_content, stakeholder_index

    content_dir, dest = Path(content_dir), Path(dest)
    pack = load_content(content_dir)
    names = stakeholder_index(pack.stakeholders)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(content_dir, dest, ignore=shutil.ignore_patterns(".*"))
    rng = random.Random(seed)
    with open(content_dir / "stakeholders.csv", encoding="utf-8", newline="") as handle:
        holders = list(csv.DictReader(handle))
    links_path = content_dir / "stakeholder_links.csv"
    links: list[dict[str, str]] = []
    if links_path.is_file():
        with open(links_path, encoding="utf-8", newline="") as handle:
            links = list(csv.DictReader(handle))
    chapter_texts = {c.file: (dest / c.file, (content_dir / c.file).read_text(encoding="utf-8"), c.title)
                     for c in pack.chapters}
    appended: dict[str, list[str]] = {file: [] for file in chapter_texts}
    for name in ("stakeholders.csv", "stakeholder_links.csv"):  # rows are appended below
        path = dest / name
        if path.is_file() and not path.read_bytes().endswith(b"\n"):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\n")
    for n in range(1, factor):
        renamer = _Renamer(names, n)
        with open(dest / "stakeholders.csv", "a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(holders[0]) if holders else [])
            for row in holders:
                aliases = ";".join(f"{a.strip()}{n}" for a in row.get("aliases", "").split(";") if a.strip())
                writer.writerow({**row, "key": renamer.key(row["key"]), "name": f"{row['name']} ({n})",
                                 "aliases": aliases, "summary": shuffle_words(row["summary"], rng)})
        if links:
            with open(dest / "stakeholder_links.csv", "a", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(links[0]))
                for row in links:
                    writer.writerow({**row, "from": renamer.key(row["from"]), "to": renamer.key(row["to"]),
                                     "source": renamer.key(row.get("source", ""))})
        entries = []
        for s in pack.sources:
            fields = {"key": renamer.key(s.key), "type": s.type, "title": shuffle_words(s.title, rng),
                      "authors": list(s.authors), "organisation": s.organisation, "year": s.year,
                      "url": s.url, "accessed": s.accessed, "summary": shuffle_words(s.summary, rng),
                      "topics": list(s.topics), "phases": list(s.phases), "short": s.short}
            entries.append("[[source]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in fields.items()
                                                   if v not in ("", [])))
        (dest / "sources").mkdir(exist_ok=True)
        (dest / "sources" / f"zz-synthetic-{n:03d}.toml").write_text("\n".join(entries), encoding="utf-8")
        for file, (_, text, title) in chapter_texts.items():
            appended[file].append(_copy_chapter(text, title, renamer, rng))
    for file, (path, text, _) in chapter_texts.items():
        path.write_text(text.rstrip("\n") + "\n" + "".join(appended[file]), encoding="utf-8")
    return dest


def synthetic_documents(documents: list[dict[str, Any]], aliases: dict[str, str], factor: int,
                        seed: int = 20111) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Search documents `factor` times as many: each copy with new ids, shuffled words, renamed
    aliases (for when a full build of the synthetic pack would take too long)."""
    rng = random.Random(seed)
    out = list(documents)
    all_aliases = dict(aliases)
    for n in range(1, factor):
        for doc in documents:
            copy = dict(doc)
            copy["id"] = copy["location"] = f"{doc['id']}-x{n}"
            copy["title"] = f"{shuffle_words(doc['title'], rng)} ({n})"
            copy["body"] = shuffle_words(doc["body"], rng)
            copy["aliases"] = " ".join(f"{a}{n}" for a in doc["aliases"].split())
            out.append(copy)
        all_aliases.update({f"{k}{n}": f"{v} ({n})" for k, v in aliases.items() if " " not in k})
    return out, all_aliases


# Start-up --------------------------------------------------------------------------------------
FLOOR_SCRIPT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print("first-paint", flush=True), app.quit()))
        return False

window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1200, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def _startup_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Time the app as people run it: the warm-up run caches our modules' bytecode, as any normal
    # run would, instead of every run compiling them again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["REPORT_EXPLORER_HOME"] = str(home)          # no real user data is read or written
    env["XDG_CONFIG_HOME"] = str(home / "config")    # nor the real QSettings
    return env


def time_to_first_paint(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Milliseconds from spawning `command` to reading its `first-paint` line.

    Raises:
        RuntimeError: it exited, or ran for `timeout` seconds, without printing that line.
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env, text=True,
                                cwd=ROOT)
        watchdog = threading.Timer(timeout, proc.kill)  # a window that never paints or quits
        watchdog.start()
        elapsed = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == "first-paint":
                    elapsed = (time.perf_counter() - started) * 1000.0
                    break
            proc.communicate()
        finally:
            watchdog.cancel()
        if elapsed is None:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-800:]
            raise RuntimeError(f"{command[0]} exited {proc.returncode} without 'first-paint': {tail}")
        return elapsed


def _alternating_medians(first: list[str], second: list[str] | None, env: dict[str, str], runs: int
                         ) -> tuple[float, float | None]:
    """Median time to first paint of two commands run in turn (drift hits both alike), each after
    one unmeasured warm-up run (file cache, font cache)."""
    commands = [first] if second is None else [first, second]
    times: list[list[float]] = [[] for _ in commands]
    for command in commands:
        time_to_first_paint(command, env)
    for _ in range(runs):
        for n, command in enumerate(commands):
            times[n].append(time_to_first_paint(command, env))
    return statistics.median(times[0]), statistics.median(times[1]) if second is not None else None


def app_supports_quit_after_paint(python: str = sys.executable) -> bool:
    try:
        out = subprocess.run([python, "-m", "explorer", "open", "--help"], capture_output=True, text=True,
                             timeout=60, cwd=ROOT)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--quit-after-paint" in out.stdout


def startup_figures(library_dir: Path, runs: int, home: Path) -> tuple[dict[str, float] | None, str]:
    """Median time to first paint of the app from source and of the empty-window floor."""
    if not app_supports_quit_after_paint():
        return None, "the app has no 'open --quit-after-paint' yet"
    env = _startup_env(home)
    app = [sys.executable, "-m", "explorer", "--library", str(library_dir), "open", "--quit-after-paint"]
    floor = [sys.executable, "-c", FLOOR_SCRIPT]
    try:
        app_ms, floor_ms = _alternating_medians(app, floor, env, runs)
    except RuntimeError as exc:
        return None, f"start-up not measured: {exc}"
    assert floor_ms is not None
    return _ratio_figures(app_ms, floor_ms), f"median of {runs} runs each, after one warm-up run"


def _ratio_figures(app_ms: float, floor_ms: float) -> dict[str, float]:
    return {"app_ms": round(app_ms, 1), "floor_ms": round(floor_ms, 1), "ratio": round(app_ms / floor_ms, 2)}


# Frozen bundles (PyInstaller one-folder, in dist/): the hook until `make dist` exists ----------
APP_BUNDLE_GLOB = "report-explorer*"
FLOOR_BUNDLE_GLOB = "floor*"   # `make dist-floor`: build/floor.py frozen with the app's own trimming


def _bundle(dist: Path, pattern: str) -> tuple[Path, Path] | None:
    """(bundle folder, executable) of the newest matching one-folder bundle in `dist`, if any."""
    folders = sorted((p for p in dist.glob(pattern) if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for folder in reversed(folders):
        for name in (folder.name, "report-explorer", "floor"):
            for exe in (folder / name, folder / f"{name}.exe"):
                if exe.is_file() and os.access(exe, os.X_OK):
                    return folder, exe
    return None


def frozen_figures(dist: Path, library_dir: Path, runs: int, home: Path
                   ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, str]:
    """(frozen_startup, bundle_mb, note); None for what has no bundle yet."""
    app = _bundle(dist, APP_BUNDLE_GLOB)
    if app is None:
        return None, None, f"no bundle in {dist}/{APP_BUNDLE_GLOB}/ yet"
    floor = _bundle(dist, FLOOR_BUNDLE_GLOB)
    app_mb = dir_mb(app[0])
    floor_mb = dir_mb(floor[0]) if floor else None
    bundle = {"app": app_mb, "floor": floor_mb,
              "ratio": round(app_mb / floor_mb, 2) if floor_mb else None}
    env = _startup_env(home)
    try:
        app_ms, floor_ms = _alternating_medians([str(app[1]), "open", "--quit-after-paint"],
                                                [str(floor[1]), "--quit-after-paint"] if floor else None,
                                                env, runs)
    except RuntimeError as exc:
        return None, bundle, f"frozen start-up not measured: {exc}"
    startup = (_ratio_figures(app_ms, floor_ms) if floor_ms
               else {"app_ms": round(app_ms, 1), "floor_ms": None, "ratio": None})
    note = "" if floor else f"no floor bundle in {dist}/{FLOOR_BUNDLE_GLOB}/"
    return startup, bundle, note


# Memory ----------------------------------------------------------------------------------------
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


# Sizes -----------------------------------------------------------------------------------------
def dir_mb(path: Path) -> float:
    path = Path(path)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


# The whole run ---------------------------------------------------------------------------------
DEFAULT_FACTORS = {"search_10x": 10, "search_100x": 100}
FULL_BUILD_LIMIT = 100  # synthetic packs up to this factor go through the real build, larger ones
                        # are only indexed (documents made directly)
NETWORKX_DENSE_LIMIT = 500  # from this many nodes networkx's spring_layout needs scipy


@contextlib.contextmanager
def grid_layout_for_big_packs() -> Iterator[None]:
    """Stand in a plain grid for the stakeholder map's layout when a pack has too many
    stakeholders for networkx without scipy (synthetic packs only; see docs/performance.md)."""
    from explorer.content import build

    original = build.layout

    def layout(stakeholders: Any, links: Any) -> dict[str, tuple[float, float]]:
        if len(stakeholders) < NETWORKX_DENSE_LIMIT:
            return original(stakeholders, links)
        columns = math.ceil(math.sqrt(len(stakeholders)))
        return {s.key: (float(i % columns * 20), float(i // columns * 20)) for i, s in enumerate(stakeholders)}

    build.layout = layout
    try:
        yield
    finally:
        build.layout = original


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(content_dir: Path = ROOT / "content", *, factors: dict[str, int] | None = None, rounds: int = 5,
        big_rounds: int = 1, startup_runs: int = 11, startup: bool = True, dist: Path = ROOT / "dist",
        work: Path | None = None, quiet: bool = False, query_count: int | None = None) -> dict[str, Any]:
    """Measure everything; returns the figures (the keys of bench-results.json).

    `query_count` runs only the first queries of the set (for tests: the figures then do not
    compare with the real ones).
    """
    factors = DEFAULT_FACTORS if factors is None else factors
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="explorer-bench-")) if work is None else Path(work)
    queries = query_set()[:query_count]
    notes: list[str] = []
    results: dict[str, Any] = {}
    try:
        _log("building the shipped pack", quiet)
        started = time.perf_counter()
        from explorer.content.build import build_library

        built = build_library(content_dir, work / "library")
        results["build_s"] = round(time.perf_counter() - started, 2)
        results["library_mb"] = dir_mb(built.path)
        results["index_mb"] = dir_mb(built.path / "index")

        _log(f"searching the shipped pack ({len(queries)} queries x {rounds} rounds)", quiet)
        shipped = search_figures(work / "library", queries, rounds, work / "fts5")
        documents = {"shipped": shipped.pop("documents")}
        groups = {"shipped": shipped.pop("groups")}
        results["search"] = shipped

        synthetic: dict[str, str] = {}
        for key, factor in factors.items():
            label = key.removeprefix("search_")
            big = factor > FULL_BUILD_LIMIT
            size_rounds = big_rounds if factor > 10 else rounds
            if big:
                _log(f"{label}: indexing {factor}x the shipped documents", quiet)
                figures, seconds = _index_only(built.path, work / label, factor, queries, size_rounds)
                synthetic[label] = f"index only, from {factor}x the search documents ({seconds:.0f} s to index)"
            else:
                _log(f"{label}: building a {factor}x pack", quiet)
                pack = make_synthetic_pack(content_dir, work / f"content-{label}", factor)
                started = time.perf_counter()
                with grid_layout_for_big_packs():
                    build_library(pack, work / f"library-{label}")
                seconds = time.perf_counter() - started
                _log(f"{label}: searching ({size_rounds} rounds)", quiet)
                figures = search_figures(work / f"library-{label}", queries, size_rounds, work / label)
                synthetic[label] = f"full build of a {factor}x pack ({seconds:.0f} s)"
                results[f"build_{label}_s"] = round(seconds, 1)
                if factor == max(factors.values()):
                    results[f"peak_rss_{label}_mb"] = peak_rss_mb(work / f"library-{label}", query_count)
                    # Rebuilding this index on the app's worker thread: the longest the event loop
                    # went without a timer tick (docs/reliability.md, promise 8).
                    _log(f"{label}: rebuilding its index beside a running event loop", quiet)
                    from tools.responsiveness import measure_in_child

                    results["index_rebuild_ui"] = {"factor": factor, **measure_in_child(work / f"library-{label}")}
                shutil.rmtree(work / f"content-{label}", ignore_errors=True)
                shutil.rmtree(work / f"library-{label}", ignore_errors=True)
            documents[label] = figures.pop("documents")
            groups[label] = figures.pop("groups")
            results[key] = figures

        _log("start-up", quiet)
        if startup:
            results["startup"], note = startup_figures(work / "library", startup_runs, work / "home")
            notes.append(f"startup: {note}")
            if results["startup"]:
                env = _startup_env(work / "home")
                results["app_rss_at_paint_mb"] = window_rss_mb(
                    [sys.executable, "-m", "explorer", "--library", str(work / "library"), "open",
                     "--quit-after-paint"], env)
                results["floor_rss_at_paint_mb"] = window_rss_mb([sys.executable, "-c", FLOOR_SCRIPT], env)
        else:
            results["startup"] = None
            notes.append("startup: skipped")
        results["frozen_startup"], results["bundle_mb"], note = frozen_figures(
            dist, work / "library", startup_runs, work / "home")
        if note:
            notes.append(f"frozen: {note}")

        _log("peak memory", quiet)
        results["peak_rss_mb"] = peak_rss_mb(work / "library", query_count)
        results["meta"] = {
            "when": time.strftime("%Y-%m-%d %H:%M", time.localtime()),
            "python": platform.python_version(), "machine": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(), "queries": len(queries), "rounds": rounds, "big_rounds": big_rounds,
            "documents": documents, "p95_by_group": groups, "synthetic": synthetic,
            "build_counts": built.counts, "notes": notes,
        }
        return results
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)


def _index_only(shipped_build: Path, work: Path, factor: int, queries: list[tuple[str, bool]],
                rounds: int) -> tuple[dict[str, Any], float]:
    from explorer.library.store import Library
    from explorer.search.index import alias_map, write_index

    library = Library(shipped_build)
    try:
        docs, aliases = synthetic_documents(library.search_documents(), alias_map(library), factor)
    finally:
        library.close()
    started = time.perf_counter()
    write_index(docs, aliases, work / "index")
    seconds = time.perf_counter() - started
    return compare_with_fts5(work / "index", docs, aliases, queries, rounds, work), seconds


# The table -------------------------------------------------------------------------------------
TARGETS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "search": ("p95 ≤ 16 ms", lambda r: r["search"]["p95_ms"] <= 16),
    "ratio": ("p95 ≤ 3× FTS5", lambda r: r["search"]["p95_ms"] <= 3 * r["search"]["fts5_p95_ms"]),
    "search_100x": ("p95 ≤ 50 ms", lambda r: r["search_100x"]["p95_ms"] <= 50),
    "build_s": ("≤ 5 s", lambda r: r["build_s"] <= 5),
    "startup": ("ratio ≤ 1.5", lambda r: r["startup"]["ratio"] <= 1.5),
    "frozen_startup": ("ratio ≤ 1.5", lambda r: r["frozen_startup"]["ratio"] <= 1.5),
    "bundle_mb": ("ratio ≤ 1.1", lambda r: r["bundle_mb"]["ratio"] <= 1.1),
    "peak_rss_mb": ("≤ 250 MB", lambda r: r["peak_rss_mb"] <= 250),
    "index_rebuild_ui": ("event loop gap ≤ 100 ms", lambda r: r["index_rebuild_ui"]["max_gap_ms"] <= 100),
}


def _verdict(name: str, results: dict[str, Any]) -> tuple[str, str]:
    target, check = TARGETS[name]
    try:
        return target, "met" if check(results) else "NOT MET"
    except (KeyError, TypeError):
        return target, "n/a"


def table_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) rows of the table."""
    rows: list[tuple[str, str, str, str]] = []

    def search_rows(key: str, title: str, target: str | None) -> None:
        s = results.get(key)
        if not s:
            rows.append((title, "n/a", "", ""))
            return
        target_text, verdict = _verdict(target, results) if target else ("", "")
        rows.append((f"{title}: median / p95", f"{s['median_ms']:.1f} / {s['p95_ms']:.1f} ms", target_text, verdict))
        rows.append((f"{title}: FTS5 median / p95", f"{s['fts5_median_ms']:.1f} / {s['fts5_p95_ms']:.1f} ms", "", ""))
        ratio = s["p95_ms"] / s["fts5_p95_ms"] if s["fts5_p95_ms"] else float("nan")
        target_text, verdict = _verdict("ratio", results) if key == "search" else ("", "")
        rows.append((f"{title}: p95 / FTS5 p95", f"{ratio:.1f}×", target_text, verdict))

    docs = results.get("meta", {}).get("documents", {})
    search_rows("search", f"search, shipped ({docs.get('shipped', '?')} docs)", "search")
    search_rows("search_10x", f"search, 10× ({docs.get('10x', '?')} docs)", None)
    search_rows("search_100x", f"search, 100× ({docs.get('100x', '?')} docs)", "search_100x")
    rows.append(("content build (shipped)", f"{results['build_s']:.2f} s", *_verdict("build_s", results)))
    if results.get("build_10x_s") or results.get("build_100x_s"):
        rows.append(("content build, 10× / 100×",
                     f"{results.get('build_10x_s') or 0:.0f} / {results.get('build_100x_s') or 0:.0f} s", "", ""))
    rows.append(("library on disk (of which index)", f"{results['library_mb']:.1f} MB ({results['index_mb']:.1f} MB)",
                 "", ""))
    for key, title in (("startup", "start-up from source"), ("frozen_startup", "start-up frozen")):
        s = results.get(key)
        if s and s.get("floor_ms"):
            value = f"{s['app_ms']:.0f} / {s['floor_ms']:.0f} ms = {s['ratio']:.2f}×"
        elif s:
            value = f"{s['app_ms']:.0f} ms (no floor)"
        else:
            value = "n/a"
        rows.append((f"{title}: app / floor", value, *_verdict(key, results)))
    b = results.get("bundle_mb")
    value = (f"{b['app']:.0f} / {b['floor']:.0f} MB = {b['ratio']:.2f}×" if b and b.get("floor")
             else f"{b['app']:.0f} MB (no floor)" if b else "n/a")
    rows.append(("bundle: app / floor", value, *_verdict("bundle_mb", results)))
    rows.append(("peak RSS (library + query set)", f"{results['peak_rss_mb']:.0f} MB",
                 *_verdict("peak_rss_mb", results)))
    if results.get("peak_rss_100x_mb"):
        rows.append(("peak RSS, 100× pack", f"{results['peak_rss_100x_mb']:.0f} MB", "", ""))
    rebuild = results.get("index_rebuild_ui")
    if rebuild:
        rows.append((f"index rebuild in the app, {rebuild['factor']}× pack: longest UI stall",
                     f"{rebuild['max_gap_ms']:.0f} ms ({rebuild['rebuild_s']:.0f} s rebuild)",
                     *_verdict("index_rebuild_ui", results)))
    if results.get("app_rss_at_paint_mb") and results.get("floor_rss_at_paint_mb"):
        rows.append(("peak RSS to first paint: app / floor",
                     f"{results['app_rss_at_paint_mb']:.0f} / {results['floor_rss_at_paint_mb']:.0f} MB", "", ""))
    return rows


def render_table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "target", ""), *table_rows(results)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    meta = results.get("meta", {})
    if meta:
        lines.insert(0, f"Report Explorer benchmark, {meta['when']}, Python {meta['python']}, "
                        f"{meta['machine']}, {meta['cpus']} CPUs; {meta['queries']} queries, "
                        f"{meta['rounds']} rounds ({meta['big_rounds']} on 100×)")
        lines.extend(f"note: {k}: {v}" for k, v in meta.get("synthetic", {}).items())
        lines.extend(f"note: {n}" for n in meta.get("notes", []))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0],
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
