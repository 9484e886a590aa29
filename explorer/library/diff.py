"""What changed between two editions: sections, sources and organisations (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.library.store import Library


@dataclass(frozen=True)
class Change:
    id: str
    title: str


@dataclass(frozen=True)
class EditionDiff:
    old: dict[str, str]
    new: dict[str, str]
    sections_added: tuple[Change, ...] = ()
    sections_removed: tuple[Change, ...] = ()
    sections_changed: tuple[Change, ...] = ()
    sources_added: tuple[Change, ...] = ()
    sources_removed: tuple[Change, ...] = ()
    stakeholders_added: tuple[Change, ...] = ()
    stakeholders_removed: tuple[Change, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return not any((self.sections_added, self.sections_removed, self.sections_changed,
                        self.sources_added, self.sources_removed, self.stakeholders_added,
                        self.stakeholders_removed))

    def as_json(self) -> dict[str, Any]:
        def items(changes: tuple[Change, ...]) -> list[dict[str, str]]:
            return [{"id": c.id, "title": c.title} for c in changes]

        return {"old": self.old, "new": self.new,
                "sections": {"added": items(self.sections_added), "removed": items(self.sections_removed),
                             "changed": items(self.sections_changed)},
                "sources": {"added": items(self.sources_added), "removed": items(self.sources_removed)},
                "stakeholders": {"added": items(self.stakeholders_added),
                                 "removed": items(self.stakeholders_removed)}}

    def as_text(self) -> str:
        lines = [f"from edition {self.old['version']} ({self.old['date']}, {self.old['content_hash'][:12]}) "
                 f"to {self.new['version']} ({self.new['date']}, {self.new['content_hash'][:12]})"]
        if self.unchanged:
            return lines[0] + "\nno changes"
        for label, changes in (("sections added", self.sections_added),
                               ("sections removed", self.sections_removed),
                               ("sections changed", self.sections_changed),
                               ("sources added", self.sources_added),
                               ("sources removed", self.sources_removed),
                               ("organisations added", self.stakeholders_added),
                               ("organisations removed", self.stakeholders_removed)):
            if changes:
                lines.append(f"\n{label} ({len(changes)}):")
                lines.extend(f"  {c.id}  {c.title}" for c in changes)
        return "\n".join(lines)


def snapshot(library: Library) -> dict[str, Any]:
    """What a diff needs of an edition, small enough to keep in the user's data (JSON-ready)."""
    import hashlib

    rows = library.db.execute("SELECT s.id, CASE WHEN s.level = 1 THEN c.title ELSE s.title END, s.text "
                              "FROM sections s JOIN chapters c ON c.id = s.chapter_id ORDER BY s.position")
    edition = library.edition()
    return {
        "edition": {"version": edition.version, "date": edition.date, "content_hash": edition.content_hash},
        "sections": {r[0]: [r[1], hashlib.sha1(f"{r[1]}\n{r[2]}".encode()).hexdigest()] for r in rows},
        "sources": {s.key: s.title for s in library.sources()},
        "stakeholders": {h.key: h.name for h in library.stakeholders()},
    }


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> EditionDiff:
    """Sections added, removed and changed (by id and text), sources and organisations added or removed."""
    before, after = old["sections"], new["sections"]

    def added(a: dict[str, Any], b: dict[str, Any]) -> tuple[Change, ...]:
        return tuple(Change(k, str(b[k])) for k in sorted(b) if k not in a)

    return EditionDiff(
        old=old["edition"], new=new["edition"],
        sections_added=tuple(Change(i, after[i][0]) for i in after if i not in before),
        sections_removed=tuple(Change(i, before[i][0]) for i in before if i not in after),
        sections_changed=tuple(Change(i, after[i][0]) for i in after
                               if i in before and before[i] != after[i]),
        sources_added=added(old["sources"], new["sources"]),
        sources_removed=added(new["sources"], old["sources"]),
        stakeholders_added=added(old["stakeholders"], new["stakeholders"]),
        stakeholders_removed=added(new["stakeholders"], old["stakeholders"]),
    )


def diff_editions(old: Library, new: Library) -> EditionDiff:
    """The changes between two compiled libraries."""
    return diff_snapshots(snapshot(old), snapshot(new))
