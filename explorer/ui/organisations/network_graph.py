"""The organisation network as plain data: links, keyboard order, highlights, directions, arrows.

No Qt here: the network view draws what this module decides, and these rules are tested without a
window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from explorer.content.layout import node_label
from explorer.model.records import LinkRecord, StakeholderRecord
from explorer.model.vocabulary import SECTORS

Point = tuple[float, float]

DIM = 0.22               # the opacity of what a highlight leaves out
ARROW_LENGTH, ARROW_HALF_WIDTH = 8.0, 4.0
ARROW_GAP = 2.0          # between the arrowhead's tip and the dot it points at


class Highlight(NamedTuple):
    """How one node or link is drawn: emphasised (in the highlight colour) and its opacity."""

    emphasised: bool
    opacity: float


class Arrow(NamedTuple):
    """A link's line from the edge of one dot to the tip of its head, and the head's two back corners."""

    start: Point
    tip: Point
    left: Point
    right: Point


class NetworkGraph:
    """The organisations at their build-time positions and the links drawn between them.

    Links to an organisation the library does not hold, and links from one to itself, are left
    out: there is nothing to draw them to.
    """

    def __init__(self, stakeholders: Iterable[StakeholderRecord], links: Iterable[LinkRecord]) -> None:
        self.records: dict[str, StakeholderRecord] = {r.key: r for r in stakeholders}
        self.labels: dict[str, str] = {key: node_label(r.name, r.aliases) for key, r in self.records.items()}
        self.neighbours: dict[str, set[str]] = {key: set() for key in self.records}
        self.links: list[LinkRecord] = []
        for link in links:
            if link.from_key in self.records and link.to_key in self.records and link.from_key != link.to_key:
                self.links.append(link)
                self.neighbours[link.from_key].add(link.to_key)
                self.neighbours[link.to_key].add(link.from_key)
        # Tab order: by the label a reader sees, so stepping through the map reads like an index.
        self.order: list[str] = sorted(self.records, key=lambda k: (self.labels[k].casefold(), k))

    def position(self, key: str) -> Point:
        record = self.records[key]
        return record.x, record.y

    def sectors(self) -> list[str]:
        """The sectors that have an organisation in the network, in the vocabulary's order."""
        present = {r.sector for r in self.records.values()}
        return [s for s in SECTORS if s in present]

    def highlights(self, active: str | None) -> tuple[dict[str, Highlight], list[Highlight]]:
        """Per node and per link (in the order of `links`): an active node, its neighbours and the
        links touching it are emphasised and the rest dimmed; with no active node all is plain."""
        near = {active, *self.neighbours[active]} if active is not None else set()
        nodes = {key: Highlight(key in near, 1.0 if active is None or key in near else DIM)
                 for key in self.records}
        links = []
        for link in self.links:
            touching = active is not None and active in (link.from_key, link.to_key)
            links.append(Highlight(touching, 1.0 if active is None or touching else DIM))
        return nodes, links

    def step(self, current: str | None, forward: bool) -> str | None:
        """The next (or previous) node in tab order; None past either end, where Tab leaves the map."""
        if not self.order:
            return None
        if current is None:
            return self.order[0 if forward else -1]
        index = self.order.index(current) + (1 if forward else -1)
        return self.order[index] if 0 <= index < len(self.order) else None

    def nearest(self, current: str, dx: int, dy: int) -> str | None:
        """The nearest node in a direction (dx, dy), within 60 degrees either side of it.

        Distance across the direction counts twice, so a node straight ahead wins over a closer one
        off to the side; ties go to the smaller key, so the choice never depends on dict order.
        """
        here_x, here_y = self.position(current)
        best: tuple[float, str] | None = None
        for key in self.records:
            x, y = self.position(key)
            vx, vy = x - here_x, y - here_y
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if key == current or along <= 0 or across > along * 1.8:
                continue
            score = along + 2 * across
            if best is None or (score, key) < best:
                best = (score, key)
        return best[1] if best is not None else None

    def linked_centre(self) -> Point | None:
        """The mean position of the linked organisations (of all, if none is linked); None if empty."""
        points = [self.position(k) for k in self.records if self.neighbours[k]] or \
            [self.position(k) for k in self.records]
        if not points:
            return None
        return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


def arrow(start: Point, end: Point, radius: float) -> Arrow:
    """A line from the rim of the dot at `start` towards the dot at `end`, its head just short of it."""
    (ax, ay), (bx, by) = start, end
    length = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    tx, ty = bx - ux * (radius + ARROW_GAP), by - uy * (radius + ARROW_GAP)
    return Arrow(
        start=(ax + ux * radius, ay + uy * radius),
        tip=(tx, ty),
        left=(tx - ux * ARROW_LENGTH - uy * ARROW_HALF_WIDTH, ty - uy * ARROW_LENGTH + ux * ARROW_HALF_WIDTH),
        right=(tx - ux * ARROW_LENGTH + uy * ARROW_HALF_WIDTH, ty - uy * ARROW_LENGTH - ux * ARROW_HALF_WIDTH),
    )
