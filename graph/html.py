"""Write the stance graph as one self-contained, interactive HTML page.

The page is for an analyst exploring who takes which stance: actors and
positions are drawn with vis-network (held in a pyvis ``Network``), clicking a
node or a link shows the quoted evidence, and filters narrow the view by actor
type, polarity, position, evidence count and evidence date.

Design choices:

- **Offline and safe.** vis-network's JS and CSS are inlined from the installed
  pyvis package; the page loads nothing from the network. All input text
  travels as JSON in a ``<script type="application/json">`` block (with ``<``,
  ``>``, ``&``, U+2028 and U+2029 escaped) and the page script builds the DOM
  with ``textContent`` only. A Content-Security-Policy admits only the page's
  own two scripts (by hash), so even an injected handler would not run.
- **Fast and deterministic.** Nodes are laid out here (``spring_layout`` with a
  fixed seed, scaled to pixels) and physics is off; the same graph gives
  byte-identical HTML.
- **What matters first.** Only actors and positions with a link are drawn. The
  page opens on the positions the most actors take sides on, each with those
  actors; above ``max_nodes`` the rest is left out and the page says how much.
  ``focus`` draws one actor's neighbourhood (two steps) instead. Claims (who
  said what without taking a side) are not drawn; an actor's panel lists them
  on demand.
- **Date range.** When a range is set, a link counts only its evidence dated
  inside it (``YYYY-MM-DD`` prefixes); undated evidence is left out, and a link
  with no evidence in range is hidden. Without a range everything counts.

>>> import tempfile, pathlib, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("actor:nato", kind="actor", label="NATO", type="Organization")
>>> G.add_node("actor:un", kind="actor", label="UN", type="Organization")  # no link: not drawn
>>> G.add_node("position:truce", kind="position", label="A truce")
>>> G.add_edge("actor:nato", "position:truce", "support:backs", kind="stance",
...            polarity="support", predicate="backs", count=1, confidence=0.8, evidence=[])
'support:backs'
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
>>> write_html(G, out)["nodes"]
2
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

import networkx as nx
import numpy as np
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from pyvis.network import Network

from stancegraph.errors import StancegraphError
from stancegraph.extract.records import Extraction
from stancegraph.graph.build import build_graph
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.networks import find_actor as _find_actor

__all__ = ["write_html", "page_graph", "ACTOR_STYLES", "LINK_STYLES"]

#: vis-network look of each actor type; other types are drawn as "Other".
ACTOR_STYLES: dict[str, dict[str, str]] = {
    "Person": {"shape": "dot", "color": "#4e79a7"},
    "Organization": {"shape": "square", "color": "#f28e2b"},
    "State": {"shape": "hexagon", "color": "#9c6fb6"},
    "Group": {"shape": "triangle", "color": "#17a398"},
    "Other": {"shape": "dot", "color": "#8c8c8c"},
}
POSITION_STYLE = {"shape": "box", "color": "#f3efe3", "border": "#8a8577"}
#: colour and dash pattern of each kind of link ("facet": a stance polarity or "role").
LINK_STYLES: dict[str, dict[str, Any]] = {
    "support": {"color": "#2e9e44", "dashes": False},
    "oppose": {"color": "#d62728", "dashes": False},
    "role": {"color": "#8c6d31", "dashes": [6, 4]},
}
FOCUS_RADIUS = 2
#: networkx lays out at most this many nodes with its dense (numpy-only) solver;
#: the rest of a big graph is placed around its laid-out neighbours.
LAYOUT_CORE = 400
LAYOUT_SEED = 7
_SIDES = ("support", "oppose")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCRIPT_HASHES = "__STANCEGRAPH_SCRIPT_HASHES__"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_JSON_ESCAPES |= {"\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    max_nodes: int = 1500,
    focus: str | None = None,
    title: str = "stancegraph",
) -> dict[str, Any]:
    """Write ``G`` as an interactive page at ``path`` (atomically); return what was shown.

    The summary has ``nodes`` and ``edges`` drawn, ``total_nodes`` (actors and
    positions with a link in ``G``), ``left_out`` (dropped by ``max_nodes``) and ``focus``
    (the focused node id or None). Raises :class:`StancegraphError` when
    ``focus`` names no actor.
    """
    U, total, focus_node, kept, left_out = _select(G, max_nodes, focus)
    rank = {n: i for i, n in enumerate(kept)}
    drawn = G.edges(keys=True, data=True)
    edges = [(u, v, str(k), d) for u, v, k, d in drawn if u in rank and v in rank]
    edges = sorted((e for e in edges if _drawn(e[3])), key=lambda e: e[:3])
    net = _network(G, rank, edges, _layout(_induced(U, kept), kept))
    doc_dates = {n: G.nodes[n].get("date") for n in G if _kind(G, n) == "document"}
    evidence = [_evidence(d, doc_dates) for *_, d in edges]
    days = [e["day"] for items in evidence for e in items if e["day"]]
    page = _render(
        title=title,
        summary=_summary(G, len(kept), total, left_out, focus_node),
        empty=not edges,
        data=_page_data(G, net, rank, edges, evidence),
        actor_counts=Counter(_actor_group(G.nodes[n]) for n in kept if _kind(G, n) == "actor"),
        link_counts=Counter(_facet(d) for *_, d in edges),
        date_range=(min(days), max(days)) if days else None,
    )
    with atomic_writer(path) as f:
        f.write(page)
    return {
        "path": str(path),
        "nodes": len(kept),
        "edges": len(edges),
        "total_nodes": total,
        "left_out": left_out,
        "focus": focus_node,
    }


def _select(G: nx.MultiDiGraph, max_nodes: int, focus: str | None):
    """The drawn graph, its size, the focused node, the nodes kept in the order the page
    ranks them, and how many were left out."""
    if max_nodes < 1:
        raise StancegraphError(f"max_nodes must be at least 1, not {max_nodes}")
    U = _drawn_graph(G)
    total = U.number_of_nodes()
    focus_node = _find_actor(G, focus) if focus is not None else None
    if focus_node is not None and focus_node not in U:  # an actor with claims only
        U.add_node(focus_node, kind="actor")
    candidates = U if focus_node is None else nx.ego_graph(U, focus_node, radius=FOCUS_RADIUS)
    ranked = _rank(candidates)
    if focus_node is not None:  # the focused actor is always kept
        ranked = [focus_node] + [n for n in ranked if n != focus_node]
    kept = ranked[:max_nodes]
    return U, total, focus_node, kept, len(ranked) - len(kept)


def page_graph(
    extraction: Extraction, *, max_nodes: int = 1500, focus: str | None = None
) -> nx.MultiDiGraph:
    """The stance graph as the page of :func:`write_html` needs it: every edge with its
    count, the evidence only of the edges it draws and the claims only of the actors it
    draws. ``write_html`` of it writes the same page as of the whole graph.

    ``extraction`` is gone through twice (once to rank the nodes by the counts, once for
    the evidence of those kept): with a
    :class:`~stancegraph.graph.tables.TableStream` of a large build, the page is
    written without holding every statement.
    """
    skeleton = build_graph(extraction, keep=lambda n: False)
    kept = set(_select(skeleton, max_nodes, focus)[3])
    del skeleton
    return build_graph(extraction, keep=kept.__contains__)


def _kind(G: nx.MultiDiGraph, n: str) -> str | None:
    return G.nodes[n].get("kind")


def _drawn(d: dict) -> bool:
    """Roles and stances that take a side are drawn."""
    return d.get("kind") == "role" or d.get("kind") == "stance" and d.get("polarity") in _SIDES


def _drawn_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Actors and positions that have a stance or role link, the links merged and
    weighted by count; ``stance`` marks a pair joined by a stance."""
    U = nx.Graph()
    for u, v, d in sorted(G.edges(data=True), key=lambda e: e[:2]):
        if _drawn(d) and {_kind(G, u), _kind(G, v)} <= {"actor", "position"}:
            weight = U.edges[u, v]["weight"] if U.has_edge(u, v) else 0
            stance = U.edges[u, v]["stance"] if U.has_edge(u, v) else False
            U.add_edge(u, v, weight=weight + _count(d), stance=stance or d["kind"] == "stance")
    for n in U:
        U.nodes[n]["kind"] = _kind(G, n)
    return U


def _induced(U: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph on ``nodes``, in that order (a subgraph view may iterate a set)."""
    keep = set(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(
        sorted((u, v, d) for u in nodes for v, d in U[u].items() if v in keep and u < v)
    )
    return H


def _rank(U: nx.Graph) -> list[str]:
    """Nodes in the order the page keeps them: the positions the most actors take a
    side on, each followed by those actors (most connected first), then every other
    node from most to least connected (weighted degree); ties by id."""
    degree = {n: U.degree(n, weight="weight") for n in U}

    def sides(p: str) -> list[str]:
        actors = [a for a in U[p] if U.edges[p, a]["stance"]]
        return sorted(actors, key=lambda a: (-degree[a], a))

    positions = [n for n in U if U.nodes[n].get("kind") == "position"]
    positions.sort(key=lambda p: (-len(sides(p)), -degree[p], p))
    order: dict[str, None] = {}
    for p in positions:
        order[p] = None
        order.update(dict.fromkeys(sides(p)))
    order.update(dict.fromkeys(sorted(U, key=lambda n: (-degree[n], n))))
    return list(order)


def _layout(U: nx.Graph, order: list[str]) -> dict[str, tuple[int, int]]:
    """Pixel positions: each connected part laid out on its own, the largest first,
    the others packed in rows beneath it, so that the page opens on the main part at
    a readable size rather than on parts flung far apart. Overlaps are then pushed apart.
    """
    rank = {n: i for i, n in enumerate(order)}
    parts = sorted(
        (sorted(part, key=rank.__getitem__) for part in nx.connected_components(U)),
        key=lambda part: (-len(part), rank[part[0]]),
    )
    pos: dict[str, tuple[float, float]] = {}
    if not parts:
        return {}
    main = _layout_part(U, parts[0])
    pos.update(main)
    left = min(x for x, _ in main.values())
    width = max(max(x for x, _ in main.values()) - left, 900.0)
    x, y, row_height = left, max(y for _, y in main.values()) + 180, 0.0
    for part in parts[1:]:
        placed = _layout_part(U, part)
        x0, y0 = min(p[0] for p in placed.values()), min(p[1] for p in placed.values())
        w = max(p[0] for p in placed.values()) - x0
        h = max(p[1] for p in placed.values()) - y0
        if x > left and x + w > left + width:  # a new row
            x, y, row_height = left, y + row_height + 140, 0.0
        pos.update({n: (px - x0 + x, py - y0 + y) for n, (px, py) in placed.items()})
        x += w + 220
        row_height = max(row_height, h)
    return _spread(pos)


def _layout_part(U: nx.Graph, order: list[str]) -> dict[str, tuple[float, float]]:
    """One connected part: a seeded spring layout of its ``LAYOUT_CORE`` most connected
    nodes (networkx needs scipy above 500 nodes; this keeps to numpy), every other node
    on a golden-angle spiral around its heaviest placed neighbour."""
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    core = order[:LAYOUT_CORE]
    scale = 140 * math.sqrt(len(core))
    raw = nx.spring_layout(
        _induced(U, core), weight=None, seed=LAYOUT_SEED, scale=scale, iterations=100
    )
    pos = _landscape({n: (float(x), float(y)) for n, (x, y) in raw.items()})
    children: Counter[str] = Counter()
    frontier = list(core)
    while frontier:
        placed_now = []
        for parent in frontier:
            for child in sorted(U[parent], key=lambda c: (-U[parent][c]["weight"], c)):
                if child not in pos:
                    pos[child] = _spiral(pos[parent], children[parent], 55)
                    children[parent] += 1
                    placed_now.append(child)
        frontier = placed_now
    return pos


def _spread(
    pos: dict[str, tuple[float, float]], gap: float = 70, aspect: float = 2.2, rounds: int = 40
) -> dict[str, tuple[int, int]]:
    """Push apart nodes whose labels would overlap (labels are ``aspect`` times wider than high).

    Close pairs are found every ten rounds; in between only those pairs are moved.
    """
    names = list(pos)
    xy = np.array([pos[n] for n in names], dtype=float).reshape(-1, 2) / (aspect, 1)
    for step in range(rounds):
        if step % 10 == 0:
            near = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) < 2 * gap
            i, j = np.nonzero(np.triu(near, k=1))
        delta = xy[i] - xy[j]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        overlap = np.clip(gap - dist, 0, None)
        if not overlap.any():
            break
        # Coincident nodes separate along x, the lower index to the right.
        unit = np.where(dist[:, None] > 1e-6, delta / np.maximum(dist, 1e-6)[:, None], (1, 0))
        push = unit * overlap[:, None] / 4
        np.add.at(xy, i, push)
        np.add.at(xy, j, -push)
    return {n: (round(x * aspect), round(y)) for n, (x, y) in zip(names, xy, strict=True)}


def _landscape(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Rotate a layout so that its longest extent runs across the (wide) screen."""
    if len(pos) < 3:
        return pos
    xy = np.array(list(pos.values()))
    xy -= xy.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(xy.T))
    turned = xy @ vectors[:, ::-1]  # main axis first: x
    return {n: (float(x), float(y)) for n, (x, y) in zip(pos, turned, strict=True)}


def _spiral(
    center: tuple[float, float], i: int, step: float, start: float = 0.0
) -> tuple[float, float]:
    """The ``i``-th point of a golden-angle spiral around ``center``."""
    radius = start + step * math.sqrt(i + 1)
    angle = i * math.pi * (3 - math.sqrt(5))
    return center[0] + radius * math.cos(angle), center[1] + radius * math.sin(angle)


def _actor_group(attrs: dict) -> str:
    kind = attrs.get("type")
    return kind if kind in ACTOR_STYLES else "Other"


def _facet(d: dict) -> str:
    return "role" if d.get("kind") == "role" else d["polarity"]


def _count(d: dict) -> int:
    return max(int(d.get("count") or 1), 1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _network(
    G: nx.MultiDiGraph,
    rank: dict[str, int],
    edges: list[tuple[str, str, str, dict]],
    pos: dict[str, tuple[int, int]],
) -> Network:
    """The pyvis network: styled nodes at fixed positions, one vis edge per G edge."""
    net = Network(directed=True)
    degree = Counter()
    stances: dict[str, Counter] = defaultdict(Counter)
    for u, v, _, d in edges:
        degree[u] += _count(d)
        degree[v] += _count(d)
        if d["kind"] == "stance":
            stances[v][_facet(d)] += 1
            stances[u]["all"] += 1
    for n in rank:
        a = G.nodes[n]
        label = str(a.get("label") or n)
        x, y = pos[n]
        if a["kind"] == "actor":
            group = _actor_group(a)
            mentions = _plural(a.get("mentions") or 0, "mention")
            tip = f"{label}\n{a.get('type') or 'Actor'} · {mentions}"
            if a.get("organisation"):
                tip += f" · {a['organisation']}"
            tip += f" · {_plural(stances[n]['all'], 'stance')}"
            size = round(min(12 + 3 * math.sqrt(degree[n]), 42), 1)
            shape = ACTOR_STYLES[group]["shape"]  # pyvis gives every node a shape: set ours
            net.add_node(n, label=label, group=group, shape=shape, title=tip, x=x, y=y, size=size)
        else:
            s = stances[n]
            tip = f"{label}\nposition · stances: {s['support']} support, {s['oppose']} oppose"
            net.add_node(n, label=label, group="position", shape="box", title=tip, x=x, y=y)
    pair_index: Counter[tuple[str, ...]] = Counter()
    for i, (u, v, _, d) in enumerate(edges):
        facet, count = _facet(d), _count(d)
        style = LINK_STYLES[facet]
        source, target = G.nodes[u].get("label") or u, G.nodes[v].get("label") or v
        predicate = str(d.get("predicate") or facet)
        tip = f"{source} {predicate.replace('_', ' ')} {target}\n"
        if facet == "role":
            tip += f"role{': ' + str(d['role']) if d.get('role') else ''} · "
        else:
            tip += f"{facet} · "
        tip += f"{_plural(count, 'sentence')} · confidence {float(d.get('confidence') or 0):.2f}"
        pair = tuple(sorted((u, v)))
        nth, pair_index[pair] = pair_index[pair], pair_index[pair] + 1
        label = {"label": predicate.replace("_", " ")} if facet == "role" else {}
        net.add_edge(
            u,
            v,
            id=f"e{i}",
            title=tip,
            color={"color": style["color"], "highlight": style["color"], "hover": style["color"]},
            dashes=style["dashes"],
            width=round(min(1.5 + 1.5 * math.log2(count), 9), 2),
            **label,
            smooth={"enabled": nth > 0, "type": "curvedCW", "roundness": 0.25 * nth},
        )
    net.set_options(json.dumps(_vis_options(big=len(rank) > 600)))
    return net


def _vis_options(big: bool) -> dict[str, Any]:
    groups: dict[str, Any] = {
        name: {
            "shape": s["shape"],
            "color": {"background": s["color"], "border": "#333333"},
        }
        for name, s in ACTOR_STYLES.items()
    }
    groups["position"] = {
        "shape": "box",
        "color": {
            "background": POSITION_STYLE["color"],
            "border": POSITION_STYLE["border"],
            "highlight": {"background": "#fff8dc", "border": "#333333"},
        },
        "font": {"color": "#222222", "size": 16, "strokeWidth": 0},
        "margin": 8,
        "widthConstraint": {"maximum": 180},
        "shapeProperties": {"borderRadius": 4},
    }
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 17, "color": "#1a1a1a", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 13, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "groups": groups,
    }


def _evidence(d: dict, doc_dates: dict[str, Any]) -> list[dict[str, Any]]:
    """An edge's evidence as the page shows it, oldest first.

    Evidence without a date takes its document's; ``day`` is the ``YYYY-MM-DD``
    the date filter compares, or None when the date is missing or not ISO.
    """
    items = []
    for e in d.get("evidence") or []:
        date = e.get("date") or doc_dates.get(f"document:{e.get('doc')}")
        items.append(
            {
                "doc": str(e.get("doc") or ""),
                "sentence": str(e.get("sentence") or ""),
                "date": None if date is None else str(date),
                "day": str(date)[:10] if date and _DAY.match(str(date)) else None,
                "cue": str(e.get("cue") or ""),
                "confidence": round(float(e.get("confidence") or 0), 3),
                "start": e.get("start") if isinstance(e.get("start"), int) else -1,
            }
        )
    items.sort(key=lambda e: (e["day"] or "9999", e["doc"], e["start"], e["sentence"]))
    return items


def _page_data(
    G: nx.MultiDiGraph, net: Network, rank: dict[str, int], edges: list, evidence: list[list]
) -> dict[str, Any]:
    """Everything the page script needs: the vis network plus details for the side panel."""
    vis_nodes, vis_edges, _, _, _, options = net.get_network_data()
    nodes = {}
    for n, r in rank.items():
        a = G.nodes[n]
        base = {"kind": a["kind"], "label": str(a.get("label") or n), "rank": r}
        if a["kind"] == "actor":
            qid = a.get("wikidata")
            base |= {
                "group": _actor_group(a),
                "type": str(a.get("type") or ""),
                "aliases": [str(x) for x in a.get("aliases") or []],
                "wikidata": qid if isinstance(qid, str) and re.fullmatch(r"Q\d+", qid) else None,
                "description": str(a.get("description") or ""),
                "organisation": str(a.get("organisation") or ""),
                "mentions": int(a.get("mentions") or 0),
            }
        else:
            base |= {
                "aliases": [str(x) for x in a.get("alt_labels") or []],
                "definition": str(a.get("definition") or ""),
                "iri": str(a.get("iri") or ""),
                "in_catalogue": bool(a.get("in_catalogue")),
            }
        nodes[n] = base
    links, docs = {}, {}
    for i, ((u, v, _, d), items) in enumerate(zip(edges, evidence, strict=True)):
        links[f"e{i}"] = {
            "from": u,
            "to": v,
            "kind": d["kind"],
            "facet": _facet(d),
            "predicate": str(d.get("predicate") or ""),
            "role": str(d.get("role") or ""),
            "count": _count(d),
            "confidence": round(float(d.get("confidence") or 0), 3),
            "evidence": items,
        }
        for e in items:
            doc = G.nodes.get(f"document:{e['doc']}", {})
            url = str(doc.get("url") or "")
            docs[e["doc"]] = {
                "title": str(doc.get("label") or e["doc"]),
                "date": str(doc.get("date") or ""),
                "source": str(doc.get("source") or ""),
                "url": url if re.match(r"https?://", url) else "",
            }
    claims = _claims(G, rank, docs)
    network = {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options)}
    return {"network": network, "nodes": nodes, "edges": links, "documents": docs,
            "claims": claims}  # fmt: skip


#: an actor's panel lists at most this many of its claims, the latest first
MAX_CLAIMS = 30


def _claims(G: nx.MultiDiGraph, rank: dict[str, int], docs: dict) -> dict[str, list[dict]]:
    """Drawn actor -> what it said without taking a side (its claims), for the panel."""
    out: dict[str, list[dict]] = defaultdict(list)
    for c in G.graph.get("claims", ()):
        node = f"actor:{c.get('actor_id')}"
        if node not in rank:
            continue
        doc = G.nodes.get(f"document:{c['doc']}", {})
        date = c.get("date") or doc.get("date")
        out[node].append(
            {
                "doc": str(c["doc"]),
                "sentence": str(c.get("sentence") or ""),
                "cue": str(c.get("cue") or ""),
                "about": str(c.get("position") or ""),
                "date": None if date is None else str(date),
            }
        )
        url = str(doc.get("url") or "")
        docs.setdefault(str(c["doc"]), {
            "title": str(doc.get("label") or c["doc"]), "date": str(doc.get("date") or ""),
            "source": str(doc.get("source") or ""),
            "url": url if re.match(r"https?://", url) else "",
        })  # fmt: skip
    for items in out.values():
        items.sort(key=lambda c: (c["date"] or "", c["doc"]), reverse=True)
        del items[MAX_CLAIMS:]
    return dict(out)


def _summary(G: nx.MultiDiGraph, shown: int, total: int, left_out: int, focus: str | None) -> str:
    text = f"showing {shown} of {total} nodes"
    if focus is not None:
        label = G.nodes[focus].get("label") or focus
        text = f"neighbourhood of {label} ({FOCUS_RADIUS} steps): {text}"
    if left_out:
        text += f"; {left_out} less-connected nodes left out"
    return text


def _script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _vis_asset(name: str, closing: str) -> Markup:
    """vis-network's JS or CSS from the installed pyvis, checked to be safe to inline."""
    text = (resources.files("pyvis") / "templates/lib/vis-9.1.2" / name).read_text("utf-8")
    if closing in text.lower():
        raise StancegraphError(f"cannot inline {name}: it contains {closing}")
    return Markup(text)


def _render(template: str = "page.html", **context: Any) -> str:
    env = Environment(
        loader=PackageLoader("stancegraph.graph", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    page = env.get_template(template).render(
        **(context | {"data": Markup(_script_json(context["data"]))}),
        actor_styles=ACTOR_STYLES,
        position_style=POSITION_STYLE,
        link_styles=LINK_STYLES,
        vis_js=_vis_asset("vis-network.min.js", "</script"),
        vis_css=_vis_asset("vis-network.css", "</style"),
        script_hashes=_SCRIPT_HASHES,
    )
    return page.replace(_SCRIPT_HASHES, _script_hashes(page), 1)


def _script_hashes(page: str) -> str:
    """CSP sources admitting exactly the page's own inline scripts."""
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    digests = (hashlib.sha256(s.encode("utf-8")).digest() for s in scripts)
    return " ".join(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)
