"""Chapter files: front matter, sections split at headings, and the references each line makes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from explorer.content.brackets import bracket_problems
from explorer.content.model import Chapter, Section
from explorer.content.readers import Problems, read_text

CHAPTER_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^{}]*)\})?\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
CITATION = re.compile(r"\[(-?@[^\[\]]*)\]")
CITATION_ITEM = re.compile(r"^\s*-?@([A-Za-z0-9][\w.:-]*?)\s*(?:,\s*(.+?))?\s*$")
MENTION = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+))?\]\]")
FIGURE_LINE = re.compile(r"^\s*\[\[figure:([^\]]+)\]\]\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
INLINE_CODE = re.compile(r"`[^`]*`")
ALLOWED_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """Something a line of a chapter points at, checked once everything is loaded."""

    kind: str        # citation | mention | figure
    target: str
    file: str
    line: int
    section_id: str


@dataclass(frozen=True)
class _Heading:
    """The heading that opens the section being read (the chapter title before the first one)."""

    anchor: str
    level: int
    title: str
    line: int
    attrs: dict[str, str]
    classes: set[str]


def slugify(text: str) -> str:
    """A stable anchor from heading words: 'What works?' -> 'what-works'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def parse_attributes(raw: str) -> tuple[str, set[str], dict[str, str]]:
    """`{#id .class key=value}` -> (id, classes, pairs)."""
    anchor, classes, pairs = "", set(), {}
    for token in re.findall(r'[^\s"]+="[^"]*"|\S+', raw):
        if token.startswith("#"):
            anchor = token[1:]
        elif token.startswith("."):
            classes.add(token[1:])
        elif "=" in token:
            key, value = token.split("=", 1)
            pairs[key] = value.strip('"')
    return anchor, classes, pairs


def _front_matter(lines: list[str], path: Path, problems: Problems) -> tuple[dict[str, str], int]:
    """Front matter `key: value` pairs and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        problems.add(path, 1, "front matter missing: start the file with '---', 'title: ...', '---'")
        return {}, 0
    meta: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            return meta, index + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if ":" not in line:
            problems.add(path, index + 1, f"malformed front matter line (want 'key: value'): {line!r}")
            continue
        key, value = line.split(":", 1)
        value = value.split(" #", 1)[0].strip().strip('"')
        meta[key.strip()] = value
    problems.add(path, 1, "front matter not closed: add a line '---' after it")
    return meta, len(lines)


def load_chapter(
    path: Path, document: str, problems: Problems, refs: list[Reference],
) -> Chapter | None:
    """One chapter file, split into sections; references go to `refs` for later checking."""
    match = CHAPTER_FILE.match(path.name)
    if not match:
        problems.add(path, 0, "chapter files are named NN-slug.md (e.g. 06-early-years.md)")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    number, slug = int(match.group(1)), match.group(2)
    rel = problems.rel(path)
    lines = text.splitlines()
    meta, body_start = _front_matter(lines, path, problems)
    for lineno, message in bracket_problems(lines, body_start):   # before Markdown ever reads them
        problems.add(path, lineno, message)
    title = meta.get("title", "")
    if not title:
        problems.add(path, 1, "front matter needs 'title: ...'")
    chapter_id = f"{document}/{slug}"
    phases = tuple(p.strip() for p in meta.get("phases", "").split(",") if p.strip())

    sections: list[Section] = []
    used_anchors: dict[str, int] = {}
    explicit: set[str] = set()
    current = _Heading(anchor="", level=1, title=title, line=1, attrs={}, classes=set())
    body: list[str] = []
    in_fence = False

    def close() -> None:
        attrs, classes = current.attrs, current.classes
        anchor = current.anchor
        sections.append(Section(
            id=f"{chapter_id}#{anchor}" if anchor else chapter_id, document=document,
            chapter_id=chapter_id, anchor=anchor, level=current.level,
            title=current.title, markdown="\n".join(body).strip("\n"), file=rel,
            line=current.line,
            case_study="case-study" in classes, case_phase=attrs.get("phase", ""),
            case_provider=attrs.get("provider", ""),
        ))

    for index in range(body_start, len(lines)):
        line, lineno = lines[index], index + 1
        if FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if heading and len(heading.group(1)) <= 3:
            level = len(heading.group(1))
            if level == 1:
                problems.add(path, lineno, "use '##' for sections: the chapter title comes from the front matter")
                level = 2
            close()
            body = []
            words = heading.group(2).strip()
            anchor, classes, attrs = parse_attributes(heading.group(3) or "")
            if anchor:
                if anchor in explicit:
                    problems.add(path, lineno, f"duplicate heading anchor '#{anchor}'")
                explicit.add(anchor)
            else:
                anchor = slugify(words)
            if anchor in used_anchors:
                used_anchors[anchor] += 1
                anchor = f"{anchor}-{used_anchors[anchor]}"
            used_anchors.setdefault(anchor, 1)
            if not words:
                problems.add(path, lineno, "heading has no words")
            current = _Heading(anchor=anchor, level=level, title=words, line=lineno,
                               attrs=attrs, classes=classes)
            continue
        body.append(line)
        if in_fence:
            continue
        section_id = f"{chapter_id}#{current.anchor}" if current.anchor else chapter_id
        _scan_line(line, rel, lineno, section_id, problems, refs)
    close()

    for section in sections:
        if section.case_study and not section.case_phase:
            problems.add(path, section.line, "case study needs phase=... in its heading attributes")
    return Chapter(
        id=chapter_id, document=document, number=number, slug=slug, title=title,
        full=meta.get("full", ""), phases=phases, file=rel, sections=tuple(sections),
    )


def _scan_line(
    line: str, file: str, lineno: int, section_id: str, problems: Problems, refs: list[Reference],
) -> None:
    """Record the citations, mentions and figures a line makes, and reject unsafe markup."""
    figure = FIGURE_LINE.match(line)
    if figure:
        refs.append(Reference("figure", figure.group(1).strip(), file, lineno, section_id))
        return
    code_free = INLINE_CODE.sub("", line)
    for citation in CITATION.finditer(code_free):
        for item in citation.group(1).split(";"):
            parsed = CITATION_ITEM.match(item)
            if not parsed:
                problems.add(file, lineno, f"malformed citation [{citation.group(1)}]: write [@key] or [@key, p. 12]")
                continue
            refs.append(Reference("citation", parsed.group(1), file, lineno, section_id))
    for mention in MENTION.finditer(code_free):
        target = mention.group(1).strip()
        if target.startswith("figure:"):
            problems.add(file, lineno, "a figure goes on a line of its own: [[figure:key]]")
            continue
        refs.append(Reference("mention", target, file, lineno, section_id))
    if IMAGE.search(code_free):
        problems.add(file, lineno, "images are not allowed (nothing may load from outside the "
                                   "library): use [[figure:key]]")
    for target in LINK_TARGET.finditer(code_free):
        if not ALLOWED_LINK.match(target.group(1)):
            problems.add(file, lineno, f"link to '{target.group(1)}' not allowed: use an https:// address")
