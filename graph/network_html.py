"""Write a derived network (:mod:`stancegraph.graph.networks`) as an interactive page.

The page looks and behaves like the stance page of :mod:`stancegraph.graph.html`
and keeps its guarantees: offline (vis-network inlined), input text only
through the escaped JSON block and ``textContent``, a Content-Security-Policy
that admits only the page's own scripts, a seeded layout, at most
``max_nodes`` nodes (the most connected by weight). Links are undirected and
weighted; clicking one lists the positions behind it (congruence, conflict)
or its support and opposition counts (actor-position).

>>> import tempfile, pathlib, networkx as nx
>>> N = nx.Graph(network="congruence", position_labels={"position:tax": "Carbon tax"})
>>> N.add_node("actor:a", kind="actor", label="A", type="State")
>>> N.add_node("actor:b", kind="actor", label="B", type="State")
>>> N.add_edge("actor:a", "actor:b", weight=1, count=1, positions=["position:tax"])
>>> out = pathlib.Path(tempfile.mkdtemp()) / "congruence.html"
>>> write_network_html(N, out)["edges"]
1
"""

from __future__ import annotations

import math
import os
from collections import Counter
from typing import Any

import networkx as nx

from stancegraph.errors import StancegraphError
from stancegraph.graph.html import (
    ACTOR_STYLES,
    _actor_group,
    _induced,
    _layout,
    _plural,
    _rank,
    _render,
    _vis_options,
)
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.networks import find_actor

__all__ = ["write_network_html", "FACETS", "DESCRIPTIONS"]

#: link facets: colour and legend of each kind of link a derived network has
FACETS: dict[str, dict[str, str]] = {
    "support": {"color": "#2e9e44", "label": "more support"},
    "oppose": {"color": "#d62728", "label": "more opposition"},
    "mixed": {"color": "#9a9a9a", "label": "as often for as against"},
    "congruence": {"color": "#2e9e44", "label": "same side"},
    "conflict": {"color": "#d62728", "label": "opposite sides"},
}
#: network name -> (its link facets, the sentence that explains the links)
DESCRIPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "actor-position": (
        ("support", "oppose", "mixed"),
        "Actors and the positions they took a stance on, coloured by whether they supported "
        "or opposed them more often; thicker links have more evidence.",
    ),
    "congruence": (
        ("congruence",),
        "Actors linked when they take the same side on a position (both support it or both "
        "oppose it); thicker links share more positions.",
    ),
    "conflict": (
        ("conflict",),
        "Actors linked when they take opposite sides on a position; thicker links disagree "
        "on more positions.",
    ),
}
_AGREEMENT = {1: "support", -1: "oppose", 0: "mixed"}


def write_network_html(
    N: nx.Graph,
    path: str | os.PathLike,
    *,
    max_nodes: int = 1500,
    focus: str | None = None,
    title: str = "stancegraph",
) -> dict[str, Any]:
    """Write a derived network as an interactive page at ``path`` (atomically).

    ``N`` is a network of :data:`~stancegraph.graph.networks.NETWORKS` (its
    graph attribute ``network`` names it). ``focus`` draws one actor and its
    neighbours (two steps in the two-mode network, one otherwise). Returns
    ``nodes``, ``edges``, ``total_nodes``, ``left_out`` and ``focus`` as
    :func:`~stancegraph.graph.html.write_html` does.
    """
    if max_nodes < 1:
        raise StancegraphError(f"max_nodes must be at least 1, not {max_nodes}")
    network = str(N.graph.get("network") or "congruence")
    if network not in DESCRIPTIONS:
        raise StancegraphError(f"cannot draw a {network!r} network ({', '.join(DESCRIPTIONS)})")
    facets, description = DESCRIPTIONS[network]
    U = nx.Graph()
    U.add_nodes_from(sorted(N))
    U.add_edges_from(
        (u, v, {"weight": float(d.get("weight") or 1)}) for u, v, d in N.edges(data=True)
    )
    focus_node = find_actor(N, focus) if focus is not None else None
    radius = 2 if network == "actor-position" else 1
    candidates = U if focus_node is None else nx.ego_graph(U, focus_node, radius=radius)
    ranked = _rank(candidates)
    if focus_node is not None:
        ranked = [focus_node] + [n for n in ranked if n != focus_node]
    kept = ranked[:max_nodes]
    rank = {n: i for i, n in enumerate(kept)}
    edges = sorted(
        (min(u, v), max(u, v), d) for u, v, d in N.edges(data=True) if u in rank and v in rank
    )
    pos = _layout(_induced(U, kept), kept)
    nodes = {n: _node(N, n, rank[n]) for n in kept}
    links = {f"e{i}": _link(N, network, u, v, d) for i, (u, v, d) in enumerate(edges)}
    heaviest = max((link["weight"] for link in links.values()), default=1.0) or 1.0
    degree = Counter()
    for link in links.values():
        degree[link["from"]] += link["weight"] / heaviest
        degree[link["to"]] += link["weight"] / heaviest
    vis_nodes = [_vis_node(n, nodes[n], pos[n], degree[n]) for n in kept]
    vis_edges = [_vis_edge(i, link, nodes, heaviest) for i, link in links.items()]
    options = _vis_options(big=len(kept) > 600)
    options["edges"]["arrows"] = {"to": {"enabled": False}}
    summary = f"showing {len(kept)} of {U.number_of_nodes()} nodes"
    if focus_node is not None:
        label = nodes[focus_node]["label"]
        summary = f"neighbourhood of {label} ({_plural(radius, 'step')}): {summary}"
    if len(ranked) > len(kept):
        summary += f"; {len(ranked) - len(kept)} less-connected nodes left out"
    page = _render(
        "network.html",
        title=title,
        summary=f"{network} network: {summary}",
        empty=not links,
        description=description,
        facets={name: FACETS[name] for name in facets},
        node_counts=Counter(n["group"] for n in nodes.values()),
        link_counts=Counter(link["facet"] for link in links.values()),
        data={
            "network": {"nodes": vis_nodes, "edges": vis_edges, "options": options},
            "nodes": nodes,
            "edges": links,
            "facets": {name: FACETS[name] for name in facets},
        },
    )
    with atomic_writer(path) as f:
        f.write(page)
    return {
        "path": str(path),
        "nodes": len(kept),
        "edges": len(links),
        "total_nodes": U.number_of_nodes(),
        "left_out": len(ranked) - len(kept),
        "focus": focus_node,
    }


def _node(N: nx.Graph, n: str, rank: int) -> dict[str, Any]:
    a = N.nodes[n]
    kind = "position" if a.get("kind") == "position" else "actor"
    node = {"kind": kind, "label": str(a.get("label") or n), "rank": rank}
    node["group"] = "position" if kind == "position" else _actor_group(a)
    node["type"] = str(a.get("type") or "") if kind == "actor" else ""
    node["position_count"] = int(a.get("position_count") or 0)
    return node


def _link(N: nx.Graph, network: str, u: str, v: str, d: dict) -> dict[str, Any]:
    link: dict[str, Any] = {"from": u, "to": v, "weight": round(float(d.get("weight") or 1), 3)}
    if network == "actor-position":
        link["facet"] = _AGREEMENT.get(d.get("agreement"), "mixed")
        link |= {k: int(d.get(k) or 0) for k in ("support", "oppose")}
    else:
        labels = N.graph.get("position_labels") or {}
        link["facet"] = network
        link["count"] = int(d.get("count") or len(d.get("positions") or ()))
        link["positions"] = [str(labels.get(p, p)) for p in d.get("positions") or ()]
    return link


def _vis_node(n: str, node: dict, pos: tuple[int, int], degree: float) -> dict[str, Any]:
    x, y = pos
    if node["kind"] == "position":
        tip = f"{node['label']}\nposition"
        return {"id": n, "label": node["label"], "group": "position", "shape": "box",
                "title": tip, "x": x, "y": y}  # fmt: skip
    style = ACTOR_STYLES[node["group"]]
    tip = f"{node['label']}\n{node['type'] or 'Actor'}"
    if node["position_count"]:
        tip += f" · took a side on {_plural(node['position_count'], 'position')}"
    size = round(min(12 + 6 * math.sqrt(degree), 42), 1)
    return {"id": n, "label": node["label"], "group": node["group"], "shape": style["shape"],
            "title": tip, "x": x, "y": y, "size": size}  # fmt: skip


def _vis_edge(i: str, link: dict, nodes: dict, heaviest: float) -> dict[str, Any]:
    color = FACETS[link["facet"]]["color"]
    source, target = nodes[link["from"]]["label"], nodes[link["to"]]["label"]
    tip = f"{source} — {target}\n{FACETS[link['facet']]['label']} · weight {link['weight']:g}"
    if "positions" in link:
        tip += f"\n{_plural(len(link['positions']), 'position')}"
    return {
        "id": i,
        "from": link["from"],
        "to": link["to"],
        "title": tip,
        "color": {"color": color, "highlight": color, "hover": color},
        "width": round(1.5 + 6 * link["weight"] / heaviest, 2),
    }
