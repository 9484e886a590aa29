"""What a briefing pack can be made of, as the pack dialog offers it, and the notes it prints.

No Qt here: the dialog (explorer.ui.briefing) shows these choices as check boxes.
"""

from __future__ import annotations

from typing import NamedTuple

from explorer.formats.briefing import BriefingRequest, notes_by_paragraph
from explorer.library.store import Library
from explorer.userdata.store import UserData

DOCUMENT_LABELS = (("report", "Full report"), ("summary", "Summary"))


class Choice(NamedTuple):
    """One line of the section chooser: a document, a chapter or a section.

    `key` is the section id for a section, the chapter's id for a chapter (its opening section's),
    the document for a document; `title` is what a pack of that chapter is called by default.
    """

    kind: str
    key: str
    text: str
    title: str = ""
    children: tuple[Choice, ...] = ()


class ListChoice(NamedTuple):
    """One line of the source or organisation chooser, and the words its filter looks in."""

    key: str
    text: str
    search_text: str


def section_choices(library: Library) -> list[Choice]:
    """Each document with its chapters, each chapter with its sections (its opening first), numbered
    as they are cited."""
    documents = []
    for document, label in DOCUMENT_LABELS:
        chapters: list[Choice] = []
        loose: list[Choice] = []       # sections before the first chapter sit under the document
        for entry in library.toc(document):
            number = library.section(entry.id).number
            if entry.level == 1:
                opening = Choice("section", entry.id, f"{number} Opening of the chapter")
                chapters.append(Choice("chapter", entry.id, f"{entry.number} {entry.title}", entry.title,
                                       (opening,)))
            elif chapters:
                last = chapters[-1]
                section = Choice("section", entry.id, f"{number} {entry.title}")
                chapters[-1] = last._replace(children=(*last.children, section))
            else:
                loose.append(Choice("section", entry.id, f"{number} {entry.title}"))
        documents.append(Choice("document", document, label, children=(*loose, *chapters)))
    return documents


def source_choices(library: Library) -> list[ListChoice]:
    return [ListChoice(s.key, f"{s.name_label} ({s.year or 'n.d.'}): {s.title}", f"{s.organisation} {s.summary}")
            for s in library.sources()]


def organisation_choices(library: Library) -> list[ListChoice]:
    return [ListChoice(h.key, h.name + (f" ({', '.join(h.aliases)})" if h.aliases else ""), f"{h.key} {h.summary}")
            for h in library.stakeholders()]


def chosen_notes(library: Library, userdata: UserData | None, request: BriefingRequest) -> dict[str, list[str]]:
    """The user's notes on the chosen sections' paragraphs (none when not wanted).

    Raises:
        ExplorerError, sqlite3.Error: the library or the notes could not be read.
    """
    if not (request.include_notes and userdata):
        return {}
    ids = [p.id for section_id in request.section_ids for p in library.paragraphs(section_id)]
    return notes_by_paragraph(userdata.annotations_for(ids)) if ids else {}
