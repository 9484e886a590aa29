"""Square brackets that would make Markdown rendering slow, refused when a chapter is read.

Python-Markdown's link scanners start at every `[` and read on to its closing `]`, or to the
end of the paragraph when it has none: a paragraph with N unmatched `[` is read N times over
(20 000 of them took about a minute to build). So a paragraph may hold at most MAX_OPEN `[`
open at once (never closed, or nested), which bounds that reading to MAX_OPEN passes over the
text. The check is one pass over each paragraph, before anything is rendered.

Brackets count as the renderer sees them: not when escaped (`\\[`), not inside code (a code
span, a fenced block, which the renderer reads as one code span, an indented code block).
Where the renderer might not see code, or might drop a `]`, the check counts the `[` and leaves
out the `]`: it may count too many, never too few, or the slow path would be open again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

MAX_OPEN = 20
ADVICE = "close them or escape them as \\["
INDENT = ("    ", "\t", " \t", "  \t", "   \t")

_TOKEN = re.compile(r"\\.|[\[\]]", re.DOTALL)     # an escape pair (its character is text), a bracket
_TICKS = re.compile(r"`+")
# Lines where Markdown may end one run of text and start another (a superset): indented lines,
# headings, quotes, definitions, figures, list items, rules and underlines.
_BREAK = re.compile(r" {4}|\s*(?:[#>]|\[[^\]]*\]:|\[\[figure:|[-*+](?:\s|$)|\d+[.)](?:\s|$))"
                    r"|[-*_= ]+$")
_LIST_OR_NOTE = re.compile(r"\s*(?:[-*+](?:\s|$)|\d+[.)](?:\s|$)|\[\^[^\]]*\]:)")
_TABLE_RULE = re.compile(r"(?=.*\|)(?=.*-)[\s:|-]+$")
_DEFINITION = re.compile(r"(?:[\s>]|[-*+]\s|\d+[.)]\s)*\[(?!\^)[^\[\]]*\]:")   # `[id]: url`
_TITLE = re.compile(r"[\s>]*[\"'(]")


def bracket_problems(lines: list[str], first: int, limit: int = MAX_OPEN) -> Iterator[tuple[int, str]]:
    """(line number, message) for each paragraph of `lines[first:]` with more than `limit`
    `[` open at once."""
    after_list = False     # an indented paragraph after a list or a footnote is not code
    index = first
    while index < len(lines):
        if _blank(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and not _blank(lines[end]):
            end += 1
        paragraph = [line.replace("\x02", "").replace("\x03", "") for line in lines[index:end]]
        if not all(line.startswith(INDENT) for line in paragraph):
            after_list = any(_LIST_OR_NOTE.match(line) for line in paragraph)
        elif not after_list:
            index = end                      # an indented code block
            continue
        problem = _check(paragraph, limit) if any("[" in line for line in paragraph) else None
        if problem:
            yield index + 1 + problem[0], problem[1]
        index = end


def _blank(line: str) -> bool:
    return not line.strip(" \t\x02\x03")     # as Markdown sees it (it drops \x02 and \x03)


def _check(lines: list[str], limit: int) -> tuple[int, str] | None:
    """(line offset in the paragraph, message), or None if Markdown reads it quickly."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    depth = deepest = 0
    bottom = deepest_at = 0          # the oldest `[` still open; where the limit was passed
    for offset, bracket in _brackets("\n".join(lines), lines, starts):
        if bracket == "[":
            if not depth:
                bottom = offset
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest == limit + 1:
                    deepest_at = offset
        elif depth:
            depth -= 1
    if depth > limit:
        return (bisect_right(starts, bottom) - 1,
                f"{depth} unmatched '[' in this paragraph (the limit is {limit}); {ADVICE}")
    if deepest > limit:
        return (bisect_right(starts, deepest_at) - 1,
                f"'[' nested {deepest} deep in this paragraph (the limit is {limit}); {ADVICE}")
    return None


def _brackets(text: str, lines: list[str], starts: list[int]) -> Iterator[tuple[int, str]]:
    """(offset, '[' or ']') for every bracket the renderer's link scanners may see."""
    cut = _definitions(lines, starts)
    spans, unsure = _code_spans(text, lines, starts, cut)
    position = 0
    for begin, end in [*spans, (len(text), len(text))]:
        for token in _TOKEN.finditer(text, position, begin):
            bracket, offset = token.group(), token.start()
            if bracket == "[" or bracket == "]" and not unsure[0] <= offset < unsure[1] and (
                    cut is None or offset < cut[bisect_right(starts, offset) - 1]):
                yield offset, bracket
        position = end


def _definitions(lines: list[str], starts: list[int]) -> list[int] | None:
    """Per line, the offset from which its `]` are left out; None if no line has a definition.

    Markdown removes a link definition `[id]: url "title"` (the URL or the title may be on the
    next lines) and may join the text around it: a `]` there may not exist for it."""
    cut = [start + len(line) + 1 for start, line in zip(starts, lines, strict=True)]
    found = False
    for number, line in enumerate(lines):
        label = _DEFINITION.match(line)
        if not label:
            continue
        found = True
        cut[number] = starts[number] + label.end()
        after = number + 1
        if not line[label.end():].strip() and after < len(lines):     # the URL on the next line
            cut[after] = starts[after]
            after += 1
        if after < len(lines) and _TITLE.match(lines[after]):
            cut[after] = starts[after]
    return cut if found else None


def _code_spans(text: str, lines: list[str], starts: list[int], cut: list[int] | None
                ) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The code spans Markdown is certain to see, in order, and the stretch after them where it
    may see more: from the first backtick that is not certain (in a table, escaped, with no
    closing run of its length, or closed past a line where Markdown may start another
    paragraph or remove text) to the last backtick."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    spans: list[tuple[int, int]] = []
    if not runs:
        return spans, (0, 0)
    if any(_TABLE_RULE.match(line) for line in lines):
        return spans, (runs[0][0], runs[-1][1])
    floor, index = 0, 0
    while index < len(runs):
        begin, end = runs[index]
        unsure = (begin, runs[-1][1])
        back = begin
        while back > floor and text[back - 1] == "\\":
            back -= 1
        if (begin - back) % 2:
            return spans, unsure
        close = index + 1
        while close < len(runs) and runs[close][1] - runs[close][0] != end - begin:
            close += 1
        if close == len(runs):
            return spans, unsure
        first, last = bisect_right(starts, begin) - 1, bisect_right(starts, runs[close][0]) - 1
        if first != last and any(_BREAK.match(lines[n].expandtabs(4))
                                 or cut and cut[n] <= starts[n] + len(lines[n])
                                 for n in range(first, last + 1)):
            return spans, unsure
        spans.append((begin, runs[close][1]))
        floor, index = runs[close][1], close + 1
    return spans, (0, 0)
