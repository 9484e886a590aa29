"""Synthetic packs: the shipped content multiplied, as a full pack or as search documents only."""

from __future__ import annotations

import contextlib
import csv
import json
import math
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
