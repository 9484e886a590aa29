"""Numbers in chapter text: the paragraphs of a chapter file, the figures a paragraph states, and
every number a chapter contains, each located by its line (for `explorer check`'s editorial rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.content.chapters import CITATION, FENCE, INLINE_CODE, MENTION

# A number as written: 12, 12,000, 4.45, £385, 45%, £1.2bn. Not glued to letters (KS2, Y6, 5Rights)
# and not the tail of another token (2023/24, 1.2.3, a-1).
NUMBER = re.compile(r"(?<![\w/.,-])(?:[£$€])?(\d+(?:,\d{3})*(?:\.\d+)?)(?:%|bn|m|k)?(?![\w]|\.\d)")
YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Numbers that are names, not figures: "chapter 6", "Key Stage 2", "Level 3", "Year 11", "ages 3 to 4".
LABELLED = re.compile(
    r"\b(?:chapters?|sections?|Stage|Level|Years?|Wave|Phase|Step|Tier|Figure|Table|Cm|No\.|"
    r"Benchmarks?|ages?)\s+\d+(?:\s*(?:and|to|-|–)\s*\d+)?",
    re.IGNORECASE)
FOOTNOTE_MARK = re.compile(r"\[\^[^\[\]\s]+\]")
LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
LIST_MARKER = re.compile(r"^(\s*)(?:\d+[.)]|[-*+])\s", re.MULTILINE)
# Italics name publications and programmes ("*Opportunity Areas 2017*"); a share in italics is still one.
ITALIC = re.compile(r"(?<!\*)\*(?!\*)[^*\n]{1,300}\*")


@dataclass(frozen=True)
class Paragraph:
    """A block of a chapter's body (a table is one block): its lines, joined by newlines."""

    first_line: int
    text: str

    def line_of(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)


@dataclass(frozen=True)
class Number:
    written: str          # as in the text: "£20,000", "4.45", "36%"
    value: str            # what is compared: "20000", "4.45", "36"
    line: int


def value_of(written: str) -> str:
    """The digits that make a number the same number however it is written: '£1,200.50' -> '1200.5'."""
    match = NUMBER.search(written.strip())
    digits = (match.group(1) if match else written.strip()).replace(",", "")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits or "0"


def body_start(lines: list[str]) -> int:
    """Index of the first line after the front matter (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def paragraphs(lines: list[str], *, headings: bool = False) -> list[Paragraph]:
    """The body's paragraphs, list blocks and tables, outside code fences; headings are left out,
    or (headings=True) each is a paragraph of its own, without its `{...}` attributes."""
    result: list[Paragraph] = []
    block: list[str] = []
    first = 0
    in_fence = False

    def close() -> None:
        if block:
            result.append(Paragraph(first, "\n".join(block)))
        block.clear()

    for index in range(body_start(lines), len(lines)):
        stripped = lines[index].strip()
        if FENCE.match(stripped):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not stripped or stripped.startswith("#"):
            close()
            if stripped.startswith("#") and headings:
                result.append(Paragraph(index + 1, re.sub(r"\{[^{}]*\}\s*$", "", stripped.lstrip("#"))))
            continue
        if block and stripped.startswith("|") != block[0].startswith("|"):
            close()
        if not block:
            first = index + 1
        block.append(stripped)
    close()
    return result


def _blank(match: re.Match[str]) -> str:
    """Blank out a match but keep its length and line breaks, so offsets still give lines."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _readable(text: str) -> str:
    """The text with citations, mentions, link targets, footnote marks and code blanked out:
    the numbers left are ones a reader sees in the prose."""
    for pattern in (INLINE_CODE, CITATION, MENTION, FOOTNOTE_MARK, LINK_TARGET):
        text = pattern.sub(_blank, text)
    return text


def numbers_in(paragraph: Paragraph) -> list[Number]:
    """Every number a reader sees in the paragraph, years and labels included."""
    text = _readable(paragraph.text)
    return [Number(m.group(0), value_of(m.group(0)), paragraph.line_of(m.start()))
            for m in NUMBER.finditer(text)]


def figures_in(paragraph: Paragraph) -> list[Number]:
    """The numbers that state a figure: not years, not chapter or stage numbers, not list markers,
    not in the italic title of a publication."""
    text = _readable(paragraph.text).replace("**", "  ")
    text = LABELLED.sub(_blank, text)
    text = LIST_MARKER.sub(_blank, text)
    text = ITALIC.sub(lambda m: m.group(0) if "%" in m.group(0) else _blank(m), text)
    return [Number(m.group(0), value_of(m.group(0)), paragraph.line_of(m.start()))
            for m in NUMBER.finditer(text) if not YEAR.match(m.group(0))]


def cites(paragraph: Paragraph) -> bool:
    return CITATION.search(INLINE_CODE.sub("", paragraph.text)) is not None
