"""Networks derived from the stance graph, as in Discourse Network Analysis.

Leifeld's Discourse Network Analyzer (DNA) turns coded statements (actor,
concept, agreement) into networks; these functions do the same from the stance
graph of :func:`~stancegraph.graph.build.build_graph`:

- :func:`actor_position_network`: the two-mode (bipartite) actor-position
  network, one weighted edge per actor and position;
- :func:`congruence_network`: actors linked when they take the same side on a
  position (both support it, or both oppose it);
- :func:`conflict_network`: actors linked when they take opposite sides;
- :func:`stance_over_time`: one actor's support and opposition per position
  and date, as plain records for pandas.

Only stance edges count, weighted by their evidence (``count``). Neutral
statements (reported claims, descriptions) carry no agreement and are left out
of the one-mode networks. Every result is a new plain ``nx.Graph`` whose nodes
keep the stance graph's ids and labels; ``G`` is never changed.

>>> G = nx.MultiDiGraph()
>>> for actor, polarity in [("a", "support"), ("b", "support"), ("c", "oppose")]:
...     _ = G.add_edge(f"actor:{actor}", "position:tax", f"{polarity}:says",
...                    kind="stance", polarity=polarity, count=1)
>>> sorted(congruence_network(G).edges())
[('actor:a', 'actor:b')]
>>> sorted(conflict_network(G).edges())
[('actor:a', 'actor:c'), ('actor:b', 'actor:c')]
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from stancegraph.errors import StancegraphError

__all__ = [
    "NETWORKS",
    "NORMALISATIONS",
    "actor_position_network",
    "congruence_network",
    "conflict_network",
    "find_actor",
    "stance_over_time",
]

_POLARITIES = ("support", "oppose")
_SIDES = ("support", "oppose")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _average(count: int, a: set[str], b: set[str]) -> float:
    return count / ((len(a) + len(b)) / 2)


def _jaccard(count: int, a: set[str], b: set[str]) -> float:
    return count / len(a | b)


def _cosine(count: int, a: set[str], b: set[str]) -> float:
    return count / math.sqrt(len(a) * len(b))


#: ``normalise=`` name -> weight from (linking positions, positions of one actor, of the
#: other), where an actor's positions are those it supported or opposed. "average" is
#: DNA's average activity normalisation. Every weight lies between 0 and 1.
NORMALISATIONS: dict[str, Callable[[int, set[str], set[str]], float]] = {
    "average": _average,
    "jaccard": _jaccard,
    "cosine": _cosine,
}


def _count(d: dict) -> int:
    return max(int(d.get("count") or len(d.get("evidence") or ()) or 1), 1)


def _stance_counts(G: nx.MultiDiGraph, polarities: Iterable[str]) -> dict[tuple, Counter]:
    """(actor node, position node) -> evidence count by polarity, for the wanted polarities."""
    wanted = set(polarities)
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "stance" and d.get("polarity") in wanted:
            counts[u, v][d["polarity"]] += _count(d)
    return counts


def _polarities(polarity: str | Iterable[str] | None) -> tuple[str, ...]:
    if polarity is None:
        return _POLARITIES
    chosen = (polarity,) if isinstance(polarity, str) else tuple(polarity)
    unknown = [p for p in chosen if p not in _POLARITIES]
    if unknown or not chosen:
        raise ValueError(f"polarity must be among {', '.join(_POLARITIES)}, not {unknown}")
    return chosen


def _node_attrs(G: nx.MultiDiGraph, node: str, kind: str) -> dict[str, Any]:
    data = G.nodes[node] if node in G else {}
    attrs = {"kind": data.get("kind") or kind, "label": str(data.get("label") or node)}
    if attrs["kind"] == "actor":
        attrs["type"] = data.get("type")
        attrs["aliases"] = list(data.get("aliases") or [])
    return attrs


def actor_position_network(
    G: nx.MultiDiGraph, polarity: str | Iterable[str] | None = None
) -> nx.Graph:
    """The two-mode network: actors and the positions they took a stance on.

    One edge per actor and position, whatever the cues: ``weight`` is the
    number of evidence sentences, ``support`` and ``oppose`` split it by
    polarity, and ``agreement`` is ``1`` when the actor supported the position
    more often than it opposed it, ``-1`` the other way round, and ``0`` when it
    was as often for as against (a net sign, so
    that the graph stays simple; the counts keep the detail). ``polarity``
    keeps only statements of one polarity (or of several, as a list).

    Nodes are the actors and positions with at least one such statement; they
    carry ``bipartite`` (0 actors, 1 positions, as networkx's
    ``bipartite`` functions expect), ``kind``, ``label`` and, for actors, ``type``
    and ``aliases``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("actor:a", "position:tax", "support:demands", kind="stance",
    ...            polarity="support", count=2)
    'support:demands'
    >>> G.add_edge("actor:a", "position:tax", "oppose:rejects", kind="stance",
    ...            polarity="oppose", count=1)
    'oppose:rejects'
    >>> edge = actor_position_network(G).edges["actor:a", "position:tax"]
    >>> edge["weight"], edge["support"], edge["oppose"], edge["agreement"]
    (3, 2, 1, 1)
    """
    B = nx.Graph(network="actor-position")
    for (actor, position), c in sorted(_stance_counts(G, _polarities(polarity)).items()):
        B.add_node(actor, bipartite=0, **_node_attrs(G, actor, "actor"))
        B.add_node(position, bipartite=1, **_node_attrs(G, position, "position"))
        balance = c["support"] - c["oppose"]
        B.add_edge(
            actor,
            position,
            weight=sum(c.values()),
            support=c["support"],
            oppose=c["oppose"],
            agreement=(balance > 0) - (balance < 0),
        )
    return B


def congruence_network(G: nx.MultiDiGraph, *, normalise: str | None = None) -> nx.Graph:
    """Actors linked by the positions on which they take the same side.

    Two actors are congruent on a position when both support it or both
    oppose it; ``count`` is the number of such positions and ``positions``
    lists them (position node ids, sorted). ``weight`` is ``count``, or with
    ``normalise`` (a key of :data:`NORMALISATIONS`) ``count`` divided by how
    many positions the two actors took a side on: ``"average"`` by their mean
    (DNA's average activity), ``"jaccard"`` by their union, ``"cosine"`` by the
    geometric mean. An actor that both supported and opposed a position is on
    both sides of it.

    Nodes are the actors that took a side on at least one position, with
    ``kind``, ``label``, ``type``, ``aliases`` and ``position_count`` (how many positions);
    the graph attribute ``position_labels`` maps the listed positions to labels.
    """
    return _one_mode(G, "congruence", normalise)


def conflict_network(G: nx.MultiDiGraph, *, normalise: str | None = None) -> nx.Graph:
    """Actors linked by the positions on which they take opposite sides.

    Two actors conflict on a position when one supports it and the other
    opposes it. Attributes and ``normalise`` as in :func:`congruence_network`.
    """
    return _one_mode(G, "conflict", normalise)


def _one_mode(G: nx.MultiDiGraph, network: str, normalise: str | None) -> nx.Graph:
    if normalise is not None and normalise not in NORMALISATIONS:
        raise ValueError(f"normalise must be None or one of {', '.join(NORMALISATIONS)}")
    sides: dict[str, dict[str, set[str]]] = defaultdict(lambda: {s: set() for s in _SIDES})
    held: dict[str, set[str]] = defaultdict(set)  # actor -> positions it took a side on
    for (actor, position), counts in _stance_counts(G, _SIDES).items():
        for side in _SIDES:
            if counts[side]:
                sides[position][side].add(actor)
                held[actor].add(position)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for position, by_side in sides.items():
        if network == "congruence":
            pairs = [p for side in _SIDES for p in combinations(sorted(by_side[side]), 2)]
        else:
            pairs = [(a, b) for a in by_side["support"] for b in by_side["oppose"] if a != b]
        for a, b in pairs:
            shared[min(a, b), max(a, b)].add(position)
    N = nx.Graph(network=network, normalise=normalise)
    for actor in sorted(held):
        N.add_node(actor, **_node_attrs(G, actor, "actor"), position_count=len(held[actor]))
    scale = NORMALISATIONS.get(normalise or "")
    for (a, b), positions in sorted(shared.items()):
        count = len(positions)
        weight = scale(count, held[a], held[b]) if scale else count
        N.add_edge(a, b, weight=weight, count=count, positions=sorted(positions))
    listed = {p for positions in shared.values() for p in positions}
    N.graph["position_labels"] = {p: _node_attrs(G, p, "position")["label"] for p in sorted(listed)}
    return N


def stance_over_time(G: nx.MultiDiGraph, actor: str) -> list[dict[str, Any]]:
    """One actor's stances per position and date: how often it supported and opposed.

    ``actor`` is an actor's node id, id or label (see :func:`find_actor`). Each
    evidence sentence is dated by its own date, else its document's; ISO dates
    count by day (``YYYY-MM-DD``), other dates as written, and undated evidence
    under ``date`` None. Records are sorted by position label, then date
    (undated last), ready for ``pandas.DataFrame(records)``: ``actor``,
    ``position`` (node id), ``label``, ``date``, ``support``, ``oppose``.
    """
    node = find_actor(G, actor)
    doc_dates = {n: d.get("date") for n, d in G.nodes(data=True) if d.get("kind") == "document"}
    counts: dict[tuple[str, str | None], Counter] = defaultdict(Counter)
    for _, position, d in G.out_edges(node, data=True):
        if d.get("kind") != "stance" or d.get("polarity") not in _POLARITIES:
            continue
        for e in d.get("evidence") or [{}] * _count(d):
            date = e.get("date") or doc_dates.get(f"document:{e.get('doc')}")
            day = str(date)[:10] if date and _DAY.match(str(date)) else date
            counts[position, None if day is None else str(day)][d["polarity"]] += 1
    records = []
    for (position, date), c in counts.items():
        label = str(G.nodes[position].get("label") or position)
        row = {"actor": node, "position": position, "label": label, "date": date}
        records.append(row | {p: c[p] for p in _POLARITIES})
    records.sort(key=lambda r: (r["label"], r["position"], r["date"] is None, r["date"] or ""))
    return records


def find_actor(G: nx.MultiDiGraph, actor: str) -> str:
    """The actor node named by ``actor``: its node id, its id (without ``actor:``), its label
    or, when only one actor has it, one of its aliases.

    Case does not matter. Raises :class:`StancegraphError` (one line, with the
    closest name as a hint) when nothing or several actors match.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("actor:nato", kind="actor", label="NATO", aliases=["the Alliance"])
    >>> [find_actor(G, name) for name in ("nato", "actor:NATO", "Nato", "the alliance")]
    ['actor:nato', 'actor:nato', 'actor:nato', 'actor:nato']
    """
    wanted = actor.strip().casefold()
    actors = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "actor")
    for n in actors:
        if wanted in (n.casefold(), n.removeprefix("actor:").casefold()):
            return n
    for names in ("label", "aliases"):
        found = [n for n in actors if wanted in _names(G.nodes[n], names)]
        if len(found) > 1:
            raise StancegraphError(f"{actor!r} names several actors ({', '.join(found)})")
        if found:
            return found[0]
    labels = sorted({str(G.nodes[n].get("label") or "") for n in actors} - {""})
    aliases = sorted({str(x) for n in actors for x in G.nodes[n].get("aliases") or ()})
    close = difflib.get_close_matches(actor, labels, n=1) or difflib.get_close_matches(
        actor, aliases, n=1
    )
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise StancegraphError(f"no actor has the id or name {actor!r}{hint}")


def _names(attrs: dict, key: str) -> set[str]:
    value = attrs.get(key) or ()
    return {str(x).casefold() for x in ([value] if isinstance(value, str) else value)}


#: ``stancegraph render --network`` name -> function deriving that network from the stance graph
NETWORKS: dict[str, Callable[[nx.MultiDiGraph], nx.Graph]] = {
    "actor-position": actor_position_network,
    "congruence": congruence_network,
    "conflict": conflict_network,
}
