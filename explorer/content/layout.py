"""A fixed, readable layout of the stakeholder network, computed at build time (seeded, stable)."""

from __future__ import annotations

import math

from explorer.content.model import Link, Stakeholder

WIDTH, HEIGHT = 1600.0, 1100.0
CHAR_WIDTH, LABEL_HEIGHT = 6.5, 16.0


def layout(stakeholders: tuple[Stakeholder, ...], links: tuple[Link, ...]) -> dict[str, tuple[float, float]]:
    """Positions (x, y) per stakeholder key in a WIDTH x HEIGHT box, labels not overlapping."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(s.key for s in stakeholders))
    graph.add_edges_from((link.source_key, link.target_key) for link in links
                         if link.source_key != link.target_key)
    if not graph.nodes:
        return {}
    raw = nx.spring_layout(graph, seed=20111, k=1.6 / math.sqrt(max(len(graph), 1)),
                           iterations=200)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    positions = {key: [60 + (p[0] - min(xs)) / span_x * (WIDTH - 240),
                       30 + (p[1] - min(ys)) / span_y * (HEIGHT - 60)]
                 for key, p in sorted(raw.items())}
    labels = {s.key: (s.aliases[0] if s.aliases and len(s.aliases[0]) < len(s.name) else s.name)
              for s in stakeholders}
    _separate_labels(positions, labels)
    return {key: (round(x, 1), round(y, 1)) for key, (x, y) in positions.items()}


def label_box(x: float, y: float, label: str) -> tuple[float, float, float, float]:
    """The rectangle a node's label occupies: (left, top, right, bottom)."""
    width = len(label) * CHAR_WIDTH + 16
    return (x - 8, y - LABEL_HEIGHT / 2, x - 8 + width, y + LABEL_HEIGHT / 2)


def _separate_labels(positions: dict[str, list[float]], labels: dict[str, str]) -> None:
    """Push apart nodes whose label boxes overlap, deterministically, until none do."""
    keys = sorted(positions)
    for _ in range(400):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                ax0, ay0, ax1, ay1 = label_box(*positions[a], labels[a])
                bx0, by0, bx1, by1 = label_box(*positions[b], labels[b])
                overlap_x = min(ax1, bx1) - max(ax0, bx0)
                overlap_y = min(ay1, by1) - max(ay0, by0)
                if overlap_x > 0 and overlap_y > 0:
                    moved = True
                    # Move along y: labels are wide, so a vertical nudge is the cheapest fix.
                    shift = overlap_y / 2 + 1
                    if positions[a][1] <= positions[b][1]:
                        positions[a][1] -= shift
                        positions[b][1] += shift
                    else:
                        positions[a][1] += shift
                        positions[b][1] -= shift
        if not moved:
            return
