"""Editorial rules: what `explorer check` asks of a pack beyond what the build needs.

The build accepts a pack that breaks these (the library would still be whole and safe); `check`
reports them as FILE:LINE messages with the rest, so an author sees them before CI does.
"""

from __future__ import annotations

from pathlib import Path

from explorer.content.chapters import Reference
from explorer.content.model import Chapter, Figure, Source, Stakeholder
from explorer.content.numbers import cites, figures_in, numbers_in, paragraphs, value_of
from explorer.content.readers import Problems

# Front matter of a summary chapter: numbers it may state that its report chapter does not
# (a rounding, a sum), listed by the author after checking them against the source.
NUMBERS_OK = "numbers-ok"


def check_editorial(
    root: Path, problems: Problems, chapters: list[Chapter], sources: list[Source],
    stakeholders: list[Stakeholder], figures: list[Figure], refs: list[Reference],
    names: dict[str, str],
) -> None:
    """Add every editorial problem of the loaded pack to `problems`."""
    texts = {c.id: _lines(root / c.file) for c in chapters}
    for chapter in chapters:
        _check_citations(chapter, texts[chapter.id], problems)
    by_slug = {c.slug: c for c in chapters if c.document == "report"}
    by_number = {c.number: c for c in chapters if c.document == "report"}
    for chapter in chapters:
        report = by_slug.get(chapter.full) or by_number.get(chapter.number)
        if chapter.document == "summary" and report is not None:
            _check_summary_numbers(chapter, texts[chapter.id], report, texts[report.id], problems)
    cited = {r.target for r in refs if r.kind == "citation"}
    for source in sources:
        if source.key not in cited:
            problems.add(source.file, source.line, f"source '{source.key}' is cited nowhere: cite it "
                                                   f"as [@{source.key}] where it is used, or remove it")
        if not source.topics:
            problems.add(source.file, source.line, f"source '{source.key}' has no topics (the source "
                                                   "library filters by them): add topics = [\"...\"]")
    mentioned = {names.get(r.target.casefold()) for r in refs
                 if r.kind == "mention" and r.section_id.startswith("report/")}
    for holder in stakeholders:
        if holder.key not in mentioned:
            problems.add(holder.file, holder.line, f"organisation '{holder.key}' is mentioned in no report "
                                                   f"chapter: mention it as [[{holder.name}]], or remove it")
    placed = {r.target for r in refs if r.kind == "figure"}
    for figure in figures:
        if figure.key not in placed:
            problems.add(figure.file, figure.line, f"figure '{figure.key}' is placed in no chapter: add "
                                                   f"a line [[figure:{figure.key}]] where it belongs")


def _lines(path: Path) -> list[str]:
    """A chapter's lines; a file the loader could not read has already been reported."""
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _check_citations(chapter: Chapter, lines: list[str], problems: Problems) -> None:
    """Every paragraph (or table) that states a figure cites its source."""
    for paragraph in paragraphs(lines):
        found = figures_in(paragraph)
        if found and not cites(paragraph):
            shown = ", ".join(n.written for n in found[:3]) + (", ..." if len(found) > 3 else "")
            problems.add(chapter.file, found[0].line,
                         f"figure(s) {shown} without a citation: cite the source in this paragraph, "
                         "as [@key]")


def _check_summary_numbers(summary: Chapter, lines: list[str], report: Chapter, report_lines: list[str],
                           problems: Problems) -> None:
    """A summary states no number its report chapter does not: a summary never says more, or
    other, than the chapter it summarises."""
    in_report = {n.value for p in paragraphs(report_lines, headings=True) for n in numbers_in(p)}
    allowed, allowed_line = _numbers_ok(lines)
    stated: set[str] = set()
    for paragraph in paragraphs(lines, headings=True):
        for number in figures_in(paragraph):
            stated.add(number.value)
            if number.value not in in_report and number.value not in allowed:
                problems.add(summary.file, number.line,
                             f"{number.written} is not in {report.file}: correct it, or, if it is "
                             f"right, list it in the front matter as '{NUMBERS_OK}: {number.written}'")
    for value in sorted(allowed - stated):
        problems.add(summary.file, allowed_line,
                     f"'{NUMBERS_OK}' lists {value}, which this chapter no longer states: remove it")


def _numbers_ok(lines: list[str]) -> tuple[set[str], int]:
    """The values listed in the front matter's `numbers-ok:` line (comma- or space-separated,
    written as in the text), and that line's number."""
    for index, line in enumerate(lines):
        if index and line.strip() == "---":
            break
        key, _, value = line.partition(":")
        if index and key.strip() == NUMBERS_OK:
            listed = value.split(" #", 1)[0].replace(", ", " ").split()
            return {value_of(item) for item in listed}, index + 1
    return set(), 1

