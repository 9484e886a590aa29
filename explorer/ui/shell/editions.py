"""Noticing a new edition of the report: what changed since the one last opened here, and moving
the user's notes to the edited paragraphs (once per start, after the first paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.library.store import Library
from explorer.userdata.store import UserData, UserDataError

if TYPE_CHECKING:
    from explorer.library.diff import EditionDiff


class EditionWatch:
    """Compares this edition with the one last opened on this computer, once."""

    def __init__(self, library: Library, userdata: UserData | None) -> None:
        self.library = library
        self.userdata = userdata
        self.noted = False
        self.changes: EditionDiff | None = None   # None: the first edition opened here

    def library_key(self) -> str:
        return str(self.library.pack.get("id", "library"))

    def note(self) -> str:
        """Compare and remember this edition; returns a status message ("" when nothing moved)."""
        if not self.userdata or self.noted:
            return ""
        from explorer.library.diff import diff_snapshots, snapshot

        self.noted = True
        key = self.library_key()
        current = snapshot(self.library)
        message = ""
        try:
            previous = self.userdata.last_seen_edition(key)
            if previous is not None:
                self.changes = diff_snapshots(previous, current)
            if previous is None or previous.get("edition") != current["edition"]:
                counts = self.userdata.reanchor(self.library)
                if counts["changed"] or counts["vanished"]:
                    message = (f"New edition: {counts['changed']} note(s) moved to edited paragraphs, "
                               f"{counts['vanished']} whose paragraph is gone (see the notes panel)")
            self.userdata.remember_edition(key, current)
        except UserDataError:
            pass
        return message
