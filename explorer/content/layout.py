"""A fixed, readable layout of the stakeholder network, computed at build time (seeded, stable)."""

from __future__ import annotations

import math

from explorer.content.model import Link, Stakeholder

WIDTH, HEIGHT = 1600.0, 1100.0
LABEL_HEIGHT, LABEL_GAP = 16.0, 2.0
# Advance widths at 9 pt (12 px), rounded up from DejaVu Sans, one of the widest interface fonts, so a
# label drawn in the app's font fits its box: a flat 6.5 px a character let "DWP" spill by 9 px.
_NARROW, _SEMI, _WIDE = frozenset("ijlIJ.,:;'’!| "), frozenset("ftr()/-[]"), frozenset("mwMW@%&")


def layout(stakeholders: tuple[Stakeholder, ...], links: tuple[Link, ...]) -> dict[str, tuple[float, float]]:
    """Positions (x, y) per stakeholder key in a WIDTH x HEIGHT box, labels not overlapping.

    The largest group of linked organisations gets a seeded spring layout on the left; smaller
    groups and unlinked organisations are stacked in columns on the right, where they no longer
    push the main group into a narrow band (as one spring layout of everything did).
    """
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(s.key for s in stakeholders))
    graph.add_edges_from((link.source_key, link.target_key) for link in links
                         if link.source_key != link.target_key)
    if not graph.nodes:
        return {}
    labels = {s.key: node_label(s.name, s.aliases) for s in stakeholders}
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    main = groups[0] if len(groups[0]) > 2 else []
    rest = groups[1:] if main else groups
    side = _stack(graph, rest, labels)
    right = min((x - 24 for x, _ in side.values()), default=WIDTH - 40)
    positions = {key: [x, y] for key, (x, y) in side.items()}
    if main:
        raw = nx.spring_layout(graph.subgraph(main), seed=20111, k=1.6 / math.sqrt(len(main)),
                               iterations=200)
        xs = [raw[k][0] for k in main]
        ys = [raw[k][1] for k in main]
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        usable = max(right - 60 - 150, 200)   # room for a typical label at the right edge
        for key in main:
            x = 60 + (raw[key][0] - min(xs)) / span_x * usable
            # A long label near the right edge would reach into the columns: pull it in.
            x = min(x, right - text_width(labels[key]) - 16)
            positions[key] = [x, 30 + (raw[key][1] - min(ys)) / span_y * (HEIGHT - 60)]
    _separate_labels(positions, labels)
    _settle(positions, labels)
    return {key: (round(x, 1), round(y, 1)) for key, (x, y) in sorted(positions.items())}


def _stack(graph: object, groups: list[list[str]], labels: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Small groups, then single organisations, in columns down the right-hand side.

    In a group the best-linked organisation comes first and the others are indented beneath it,
    so its lines fan out beside the column instead of running through the dots below.
    """
    import networkx as nx

    assert isinstance(graph, nx.Graph)
    step, gap, top, bottom = LABEL_HEIGHT + 6, 10.0, 30.0, HEIGHT - 30
    columns: list[list[tuple[str, float, float]]] = [[]]
    y = top
    for group in groups:
        hub = min(group, key=lambda k: (-graph.degree(k), k))
        order = [hub, *(k for k in nx.bfs_tree(graph, hub, sort_neighbors=sorted) if k != hub)]
        if y + step * (len(order) - 1) > bottom and columns[-1]:
            columns.append([])
            y = top
        for key in order:
            columns[-1].append((key, 0.0 if key == hub else 40.0, y))
            y += step
        y += gap if len(order) > 1 else 0
    widths = [max(indent + text_width(labels[k]) + 24 for k, indent, _ in col) for col in columns if col]
    placed: dict[str, tuple[float, float]] = {}
    x = WIDTH - 20 - sum(widths)
    for col, width in zip((c for c in columns if c), widths, strict=True):
        for key, indent, y in col:
            placed[key] = (x + indent, y)
        x += width
    return placed


def node_label(name: str, aliases: tuple[str, ...]) -> str:
    """The text shown beside a node: the first alias when it is shorter than the name."""
    return aliases[0] if aliases and len(aliases[0]) < len(name) else name


def text_width(label: str) -> float:
    """The width, in pixels at 9 pt, that a label is given (an upper bound for common fonts)."""
    return sum(3.8 if c in _NARROW else 4.9 if c in _SEMI else 11.9 if c in _WIDE
               else 9.4 if c.isupper() else 7.6 for c in label)


def label_box(x: float, y: float, label: str) -> tuple[float, float, float, float]:
    """The rectangle a node (a dot at x, y) and its label to the right occupy: (left, top, right, bottom)."""
    width = text_width(label) + 16
    return (x - 8, y - LABEL_HEIGHT / 2, x - 8 + width, y + LABEL_HEIGHT / 2)


def _separate_labels(positions: dict[str, list[float]], labels: dict[str, str]) -> None:
    """Push apart nodes whose label boxes overlap, deterministically, until none do."""
    keys = sorted(positions)
    # Nodes only ever move along y, so whether two labels overlap along x is fixed: pairs that
    # do not are never looked at again (the same moves, in the same order, as checking them all).
    pairs = []
    for i, a in enumerate(keys):
        ax0, _, ax1, _ = label_box(positions[a][0], positions[a][1], labels[a])
        for b in keys[i + 1:]:
            bx0, _, bx1, _ = label_box(positions[b][0], positions[b][1], labels[b])
            if min(ax1, bx1) - max(ax0, bx0) > 0:
                pairs.append((positions[a], positions[b]))
    half = (LABEL_HEIGHT + LABEL_GAP) / 2
    for _ in range(400):
        moved = False
        for pa, pb in pairs:
            ya, yb = pa[1], pb[1]
            overlap_y = min(ya + half, yb + half) - max(ya - half, yb - half)
            if overlap_y > 0:
                moved = True
                # Move along y: labels are wide, so a vertical nudge is the cheapest fix.
                shift = overlap_y / 2 + 1
                if ya <= yb:
                    pa[1] -= shift
                    pb[1] += shift
                else:
                    pa[1] += shift
                    pb[1] -= shift
        if not moved:
            return


def _settle(positions: dict[str, list[float]], labels: dict[str, str]) -> None:
    """One downward sweep, top to bottom, after which no two label boxes overlap.

    The pairwise pushes above spread a crowd evenly but can stall in a dense cluster, leaving
    boxes a pixel or two over each other; this pass guarantees the result.
    """
    step = LABEL_HEIGHT + LABEL_GAP
    placed: list[tuple[float, float, list[float]]] = []
    for key in sorted(positions, key=lambda k: (positions[k][1], k)):
        position = positions[key]
        x0, _, x1, _ = label_box(position[0], position[1], labels[key])
        # Blockers in increasing y: once below one, only those further down can still be hit.
        for y in sorted(p[1] for a0, a1, p in placed if min(x1, a1) - max(x0, a0) > 0):
            if y - step < position[1] < y + step:
                position[1] = y + step
        placed.append((x0, x1, position))
