"""GraphML export written by hand (networkx stays a build-time dependency): networkx reads it back whole."""

from __future__ import annotations

import networkx as nx

from explorer.formats.exports import export_stakeholders
from explorer.library.store import LinkRecord, StakeholderRecord


def test_graphml_reads_back_as_the_library(real_library) -> None:  # type: ignore[no-untyped-def]
    holders, links = real_library.stakeholders(), real_library.links()
    graph = nx.parse_graphml(export_stakeholders(holders, links, "graphml"))
    assert isinstance(graph, nx.DiGraph)
    assert dict(graph.nodes(data=True)) == {
        h.key: {"name": h.name, "sector": h.sector, "phases": ";".join(h.phases), "url": h.url,
                "x": h.x, "y": h.y} for h in holders}
    assert {(a, b): d for a, b, d in graph.edges(data=True)} == {
        (link.from_key, link.to_key): {"kind": link.kind, "note": link.note} for link in links}


def test_graphml_escapes_and_keeps_parallel_links() -> None:
    holder = StakeholderRecord("a&b", 'Smith & "Jones" <Ltd>', (), "charity", ("primary",), "", "", "", None,
                               1.5, 2.0)
    links = [LinkRecord("a&b", "other", "funds", "x < y", None), LinkRecord("a&b", "other", "partners", "", None)]
    graph = nx.parse_graphml(export_stakeholders([holder], links, "graphml"))
    assert graph.nodes["a&b"]["name"] == 'Smith & "Jones" <Ltd>'
    assert "other" in graph.nodes                      # a link's far end outside the selection
    assert sorted(d["kind"] for _, _, d in graph.edges(data=True)) == ["funds", "partners"]
