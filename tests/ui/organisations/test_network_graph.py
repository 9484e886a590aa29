"""The network's rules without Qt: which links are drawn, tab order, highlights, arrow-key moves, arrows."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from explorer.library.store import Library
from explorer.model.records import LinkRecord, StakeholderRecord
from explorer.ui.organisations.network_graph import DIM, Highlight, NetworkGraph, arrow


def org(key: str, x: float, y: float, name: str = "", aliases: tuple[str, ...] = (),
        sector: str = "charity") -> StakeholderRecord:
    return StakeholderRecord(key=key, name=name or key.title(), aliases=aliases, sector=sector, phases=(),
                             region="England", summary="", url="", founded=None, x=x, y=y)


def link(from_key: str, to_key: str, kind: str = "funds") -> LinkRecord:
    return LinkRecord(from_key=from_key, to_key=to_key, kind=kind, note="", source_key=None)


# A plus sign of organisations around "centre", and one far away with no link.
PLUS = [org("centre", 0, 0), org("east", 100, 0), org("west", -100, 0), org("north", 0, -100),
        org("south", 0, 100, sector="government"), org("far", 1000, 1000, sector="regulator")]


def test_the_fixture_library_as_a_graph(library: Library) -> None:
    graph = NetworkGraph(library.stakeholders(), library.links())
    assert set(graph.records) == {"eef", "sutton-trust", "dfe"}
    assert graph.neighbours == {"eef": {"dfe", "sutton-trust"}, "dfe": {"eef"}, "sutton-trust": {"eef"}}
    assert graph.labels["eef"] == "EEF"                 # the alias, shorter than the name
    assert graph.order == ["dfe", "eef", "sutton-trust"]   # by label: DfE, EEF, Sutton Trust
    assert graph.sectors() == ["government", "charity"]    # the vocabulary's order, only those present


def test_links_to_unknown_organisations_and_to_themselves_are_left_out() -> None:
    graph = NetworkGraph(PLUS, [link("centre", "east"), link("centre", "nobody"), link("ghost", "west"),
                                link("west", "west"), link("north", "centre")])
    assert graph.links == [link("centre", "east"), link("north", "centre")]
    assert graph.neighbours["centre"] == {"east", "north"}
    assert graph.neighbours["east"] == {"centre"} and graph.neighbours["west"] == set()


def test_highlights_emphasise_a_node_its_neighbours_and_their_links() -> None:
    graph = NetworkGraph(PLUS, [link("centre", "east"), link("north", "west")])
    nodes, links = graph.highlights(None)
    assert set(nodes.values()) == {Highlight(False, 1.0)} and links == [Highlight(False, 1.0)] * 2
    nodes, links = graph.highlights("east")
    assert nodes["east"] == nodes["centre"] == Highlight(True, 1.0)
    assert nodes["west"] == nodes["far"] == Highlight(False, DIM)
    assert links == [Highlight(True, 1.0), Highlight(False, DIM)]


def test_tab_order_steps_through_labels_and_stops_at_either_end() -> None:
    graph = NetworkGraph([org("b", 0, 0, name="Zebra Trust", aliases=("ZT",)), org("a", 0, 0, name="Yak"),
                          org("c", 0, 0, name="apple")], [])
    assert graph.order == ["c", "a", "b"]          # labels without case: apple, Yak, ZT (the alias)
    assert graph.step(None, forward=True) == "c"
    assert graph.step(None, forward=False) == "b"
    assert graph.step("c", forward=True) == "a"
    assert graph.step("a", forward=False) == "c"
    assert graph.step("b", forward=True) is None and graph.step("c", forward=False) is None
    assert NetworkGraph([], []).step(None, forward=True) is None


@pytest.mark.parametrize(("dx", "dy", "expected"), [(1, 0, "east"), (-1, 0, "west"), (0, -1, "north"),
                                                    (0, 1, "south")])
def test_arrow_keys_go_to_the_node_in_that_direction(dx: int, dy: int, expected: str) -> None:
    assert NetworkGraph(PLUS, []).nearest("centre", dx, dy) == expected


def test_a_node_straight_ahead_beats_a_closer_one_off_to_the_side() -> None:
    graph = NetworkGraph([org("here", 0, 0), org("ahead", 100, 0), org("aside", 40, 60), org("behind", -5, 0)], [])
    assert graph.nearest("here", 1, 0) == "ahead"
    assert graph.nearest("ahead", 1, 0) is None            # nothing further right
    assert graph.nearest("here", 0, -1) is None            # nothing above, within 60 degrees


def test_equally_near_nodes_are_chosen_by_key() -> None:
    graph = NetworkGraph([org("here", 0, 0), org("b", 100, 10), org("a", 100, -10)], [])
    assert graph.nearest("here", 1, 0) == "a"


def test_the_first_view_centres_on_the_linked_organisations() -> None:
    assert NetworkGraph(PLUS, [link("east", "north")]).linked_centre() == (50.0, -50.0)
    # No links: the centre of everything; nothing at all: no centre.
    assert NetworkGraph(PLUS[:2], []).linked_centre() == (50.0, 0.0)
    assert NetworkGraph([], []).linked_centre() is None


def test_an_arrow_runs_from_rim_to_rim_with_its_head_at_the_target() -> None:
    shape = arrow((0.0, 0.0), (100.0, 0.0), radius=6.0)
    assert shape.start == (6.0, 0.0)                        # leaves the start dot at its rim
    assert shape.tip == (92.0, 0.0)                         # stops 2 px short of the target dot
    assert shape.left == (84.0, 4.0) and shape.right == (84.0, -4.0)
    diagonal = arrow((0.0, 0.0), (30.0, 40.0), radius=5.0)
    assert diagonal.start == pytest.approx((3.0, 4.0))
    assert math.dist(diagonal.tip, (30.0, 40.0)) == pytest.approx(7.0)
    # Two organisations at one spot: no division by zero, a degenerate arrow.
    assert arrow((5.0, 5.0), (5.0, 5.0), radius=6.0).start == (5.0, 5.0)


def test_the_graph_module_needs_no_qt() -> None:
    code = ("import sys, explorer.ui.organisations.network_graph\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
