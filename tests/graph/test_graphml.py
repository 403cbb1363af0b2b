"""The GraphML view: readable by networkx, scalar attributes, nothing lost but evidence."""

from __future__ import annotations

import networkx as nx

from stancegraph.graph.graphml import write_graphml


def test_graphml_round_trip_keeps_nodes_edges_and_kinds(small_graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(small_graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(small_graph.nodes)
    assert back.number_of_edges() == small_graph.number_of_edges()
    assert back.nodes["actor:norway"]["type"] == "State"
    kinds = sorted(d["kind"] for _, _, d in back.edges(data=True))
    assert kinds == sorted(d["kind"] for _, _, d in small_graph.edges(data=True))
    stance = next(d for _, _, d in back.edges(data=True) if d.get("polarity") == "oppose")
    assert stance["first_evidence"] == 'Norway rejected the "quota".'
    assert stance["count"] == 1
