"""GraphML (and GEXF) views for Gephi, yEd and Cytoscape.

These formats take scalar attributes only: lists and evidence are written as
JSON strings, missing values are left out, and the evidence of an edge is
summarised by its count and first sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from stancegraph.graph.io import atomic_writer

__all__ = ["flat_graph", "write_graphml"]


def _scalar(value):
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only."""
    flat = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items()}
        flat.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: _scalar(x) for k, x in data.items() if k != "evidence"}
        evidence = data.get("evidence") or []
        if evidence:
            attrs["first_evidence"] = evidence[0]["sentence"]
            attrs["documents"] = ";".join(sorted({e["doc"] for e in evidence}))
        flat.add_edge(u, v, key, **{k: x for k, x in attrs.items() if x is not None})
    return flat


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write GraphML atomically."""
    with atomic_writer(path, "wb") as f:
        nx.write_graphml(flat_graph(G), f, encoding="utf-8", named_key_ids=True)
