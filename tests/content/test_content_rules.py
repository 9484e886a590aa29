"""Editorial rules for the real content: every figure in the text carries a citation."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REAL_PACK

# A number that is a figure: digits not glued to letters (KS2, Y6) and not only a year.
NUMBER = re.compile(r"(?<![\w/.-])(?:£|\$|€)?\d[\d,]*(?:\.\d+)?(?:%|bn|m|k)?(?![\w])")
YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Numbers that are names, not figures: "chapter 6", "Key Stage 2", "Level 3", "Year 11"...
LABELLED = re.compile(
    r"\b(?:chapters?|chapter|sections?|Stage|Level|Year|Years|Wave|wave|Phase|Step|Tier|"
    r"Figure|Table|Cm|No\.|Benchmark|Benchmarks|ages?)\s+\d+(?:\s*(?:and|to|-|–)\s*\d+)?",
    re.IGNORECASE)
CITATION = re.compile(r"\[-?@[^\]]+\]")


def paragraphs(path: Path) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph and table (a table is one block) of a chapter's body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    result: list[tuple[int, str]] = []
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines[start:], start + 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if block:
                result.append((first, " ".join(block)))
            block = []
            continue
        in_table = bool(block) and block[0].startswith("|")
        if stripped.startswith("|") != in_table and block:
            result.append((first, " ".join(block)))
            block = []
        if not block:
            first = number
        block.append(stripped)
    if block:
        result.append((first, " ".join(block)))
    return result


def figures_in(text: str) -> list[str]:
    text = LABELLED.sub(" ", text)
    text = re.sub(r"^\s*(?:\d+\.|[-*])\s+", " ", text)            # list markers
    text = re.sub(r"\[\[[^\]]*\]\]|\[[^\]]*\]\([^)]*\)", " ", text)  # mentions and links
    text = re.sub(r"\*[^*]+\*", lambda m: m.group(0) if "%" in m.group(0) else " ", text)
    found = []
    for match in NUMBER.finditer(text):
        token = match.group(0)
        if YEAR.match(token) or re.fullmatch(r"\d{4}[-–/]\d{2,4}", token):
            continue
        found.append(token)
    return found


def uncited_figures() -> list[str]:
    problems = []
    for path in sorted([*REAL_PACK.glob("report/*.md"), *REAL_PACK.glob("summary/*.md")]):
        for line, text in paragraphs(path):
            numbers = figures_in(CITATION.sub(" ", text))
            if numbers and not CITATION.search(text):
                problems.append(f"{path.relative_to(REAL_PACK)}:{line}: {numbers[:3]} {text[:80]}")
    return problems


def test_every_figure_has_a_citation() -> None:
    assert uncited_figures() == []


def test_rule_flags_an_uncited_figure(tmp_path: Path) -> None:
    chapter = tmp_path / "x.md"
    chapter.write_text("---\ntitle: X\n---\nThe gap was 4.7 months in 2024.\n\n"
                       "In chapter 6 and Key Stage 2, since 2011.\n\n"
                       "Cited 45% [@a].\n", encoding="utf-8")
    flagged = [(line, figures_in(text)) for line, text in paragraphs(chapter)
               if figures_in(CITATION.sub(" ", text)) and not CITATION.search(text)]
    assert flagged == [(4, ["4.7"])]
