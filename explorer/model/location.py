"""Every place the app can show, as one typed value: parsed and formatted here and nowhere else.

The text forms are what links in the library's HTML and views' `open_location` signals carry:

    view:<page>                      a page of the window (home, summary, report, search, ...)
    report/<chapter>[#<anchor>]      a section of the full report (summary/... for the summary)
    source:<key>                     a source card
    stakeholder:<key>                an organisation card
    glossary:<term>                  a glossary definition
    https://... http://... mailto:   an address outside the app (opened only when confirmed)
"""

from __future__ import annotations

from typing import NamedTuple

from explorer.errors import ExplorerError

# The window's pages, in sidebar order: (key, label).
PAGES = (("home", "Home"), ("summary", "Summary"), ("report", "Full report"), ("search", "Search"),
         ("sources", "Sources"), ("stakeholders", "Organisations"), ("side", "Side by side"))
PAGE_KEYS = tuple(key for key, _ in PAGES)
DOCUMENTS = ("report", "summary")
WEB_SCHEMES = ("https://", "http://", "mailto:")
_PREFIXED = ("view", "source", "stakeholder", "glossary")


class BadLocation(ExplorerError):
    """Text that names no place the app can show."""


class Location(NamedTuple):
    """A place in the app. `kind` is one of: view, section, source, stakeholder, glossary, web.

    For a section, `key` is the section id as the library knows it ("report/intro#why"), so
    `document`, `chapter` and `anchor` are read from it; for a view it is the page key; for the
    others the record's key, the term, or the whole address.
    """

    kind: str
    key: str

    @classmethod
    def parse(cls, text: str) -> Location:
        """Read a location from its text form.

        Raises:
            BadLocation: the text names no kind of place we know.
        """
        text = text.strip()
        if text.startswith(WEB_SCHEMES):
            return cls("web", text)
        if text.startswith(tuple(f"{d}/" for d in DOCUMENTS)) and len(text.split("/", 1)[1].strip("#")) > 0:
            return cls("section", text)
        kind, colon, key = text.partition(":")
        if colon and kind in _PREFIXED and key:
            if kind == "view" and key not in PAGE_KEYS:
                raise BadLocation(f"no page '{key}'")
            return cls(kind, key)
        raise BadLocation(f"unknown kind of link '{text}'")

    @classmethod
    def view(cls, page: str) -> Location:
        if page not in PAGE_KEYS:
            raise BadLocation(f"no page '{page}'")
        return cls("view", page)

    def __str__(self) -> str:
        if self.kind in ("section", "web"):
            return self.key
        return f"{self.kind}:{self.key}"

    @property
    def is_section(self) -> bool:
        return self.kind == "section"

    @property
    def document(self) -> str:
        """"report" or "summary" for a section, else ""."""
        return self.key.split("/", 1)[0] if self.is_section else ""

    @property
    def chapter(self) -> str:
        """The chapter's id ("report/intro") for a section, else ""."""
        return self.key.partition("#")[0] if self.is_section else ""

    @property
    def anchor(self) -> str:
        return self.key.partition("#")[2] if self.is_section else ""

    @property
    def page(self) -> str:
        """The window page that shows this location ("" for a dialog or the browser)."""
        return {"view": self.key, "section": self.document, "source": "sources",
                "stakeholder": "stakeholders"}.get(self.kind, "")

    def same_place(self, other: Location) -> bool:
        """The same chapter (for sections; any anchor) or the same thing (otherwise)."""
        if self.is_section and other.is_section:
            return self.chapter == other.chapter
        return self == other


def page_label(key: str) -> str:
    return dict(PAGES)[key]
