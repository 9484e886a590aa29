"""The reader's page as HTML: one chapter of the report, or the whole summary as one document,
with paragraph numbers and the marks for bookmarks and notes."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from explorer.library.store import Library
from explorer.model.records import SectionPage

# Drawn from the bundled reading font, which has both: an emoji would be a missing-glyph box on
# systems without a colour emoji font.
MARKS = {"bookmark": "⚑", "note": "✎"}
_PARAGRAPH_TAG = re.compile(r'<(p|li) id="([^"]+)">')


class Page(NamedTuple):
    html: str
    anchors: dict[str, str]                      # anchor name in the page -> section id
    paragraph_labels: dict[str, tuple[str, int]]  # paragraph id -> (section number, ¶ number)
    chapters: list[SectionPage]                  # the opening section of each chapter shown


def build_page(library: Library, chapter_ids: list[str], css: str, marks: dict[str, str],
               show_numbers: bool) -> Page:
    """The chapters given, in order. One chapter: its sections are found by their own anchors.
    Several (the summary read through): anchors are named by section id, since section anchors
    such as "where-a-funder-could-help" repeat from chapter to chapter."""
    continuous = len(chapter_ids) > 1
    parts = [f"<html><head><style>{css}</style></head><body>"]
    anchors: dict[str, str] = {}
    labels: dict[str, tuple[str, int]] = {}
    openings: list[SectionPage] = []
    for chapter_id in chapter_ids:
        sections = library.chapter_sections(chapter_id)
        first = sections[0]
        openings.append(first)
        labels.update((p.id, (p.section_number, p.number)) for p in library.chapter_paragraphs(chapter_id))
        title = html.escape(first.chapter_title)
        if continuous:
            anchors[first.id] = first.id
            parts.append(f'<h1 id="{html.escape(first.id)}">{first.chapter_number}. {title}</h1>')
        else:
            parts.append(f'<a name="top"></a><h1>{title}</h1>')
        for section in sections:
            body = decorate(section.html, labels, marks, show_numbers)
            if section.anchor:
                name = section.id if continuous else section.anchor
                anchors[name] = section.id
                # Qt keeps a name only on an element with text: the heading's id carries it.
                heading = f' id="{html.escape(section.anchor)}"'
                body = body.replace(heading, f' id="{html.escape(name)}"', 1) if heading in body \
                    else f'<a name="{html.escape(name)}"></a>{body}'
            parts.append(body)
        if first.counterpart_id:
            label = "Read the full chapter" if first.document == "summary" else "See the summary"
            parts.append(f'<p class="nav"><a href="{first.counterpart_id}">{label} →</a></p>')
    parts.append("</body></html>")
    return Page("".join(parts), anchors, labels, openings)


def decorate(section_html: str, labels: dict[str, tuple[str, int]], marks: dict[str, str],
             show_numbers: bool) -> str:
    """Paragraph numbers (when shown) and bookmark/note marks before each paragraph."""

    def label(match: re.Match[str]) -> str:
        pid = match.group(2)
        known = labels.get(pid)
        prefix = ""
        if show_numbers and known:
            prefix += f'<span class="number">¶{known[1]}&nbsp;&nbsp;</span>'
        mark = marks.get(pid)
        if mark in MARKS:
            prefix += f'<span class="mark">{MARKS[mark]}&nbsp;</span>'
        return match.group(0) + prefix

    return _PARAGRAPH_TAG.sub(label, section_html)
