"""Turn an :class:`~stancegraph.extract.records.Extraction` into one networkx graph.

The graph is a plain ``nx.MultiDiGraph``; every view (RDF, GraphML, HTML,
tables) is computed from it.

Its kinds of nodes and edges and their fields are :mod:`stancegraph.graph.schema`;
statements that take no side, or whose source is no actor, are claims, kept in
``G.graph["claims"]``, not drawn.

Curation provenance: ``curated`` on actor and position nodes, on each evidence
dict and on stance and role edges (the sorted union over their evidence) lists
the corrections of a curation file (``--curation``, see
:mod:`stancegraph.extract.curation`) that changed that record, as
``"<kind>:<detail>"`` strings such as ``"merge-actors:zelensky>volodymyr-zelenskyy"``
or ``"set-polarity:oppose>support"``. It is empty when nothing was corrected.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

from stancegraph.extract.records import Extraction, Relation, content_hash
from stancegraph.graph.schema import (
    claim_of,
    edge_attributes,
    evidence_of,
    is_claim,
    node_attributes,
    node_id,
)

__all__ = [
    "build_graph",
    "add_evidence",
    "actor_node",
    "position_node",
    "document_node",
    "organisation_of",
    "organisation_roles",
    "ORGANISATION_ROLES",
]

#: a person's organisation comes from these roles, in this order of preference
ORGANISATION_ROLES = ("leader_of", "represents", "spokesperson_of", "employed_by", "member_of")


def actor_node(actor_id: str) -> str:
    return node_id("actor", actor_id)


def position_node(position_id: str) -> str:
    return node_id("position", position_id)


def document_node(doc_id: str) -> str:
    return node_id("document", doc_id)


def build_graph(
    extraction: Extraction, *, keep: Callable[[str], bool] | None = None
) -> nx.MultiDiGraph:
    """Build the stance graph (its kinds of nodes and edges: :mod:`stancegraph.graph.schema`).

    ``extraction`` may be anything with an extraction's fields that can be
    iterated (a :class:`~stancegraph.graph.tables.TableStream` reads them from a
    build's tables). With ``keep`` (node id -> bool), only the edges between two
    kept nodes hold their evidence, and only the claims of kept actors are
    kept; every edge still has its ``count``, ``confidence`` and ``curated`` as
    in the whole graph. A view that needs the evidence of a few nodes
    (:func:`~stancegraph.graph.html.page_graph`) so holds no other.

    >>> from stancegraph.extract.records import Extraction, Actor
    >>> G = build_graph(Extraction(actors=[Actor("nato", "NATO", "Organization")]))
    >>> G.nodes["actor:nato"]["type"]
    'Organization'
    """
    #: (u, v, key) -> fingerprints of the evidence of an edge that does not hold it
    seen: dict[tuple[str, str, str], set[int]] = {}

    def held(u: str, v: str) -> bool:
        return keep is None or (keep(u) and keep(v))

    G = nx.MultiDiGraph()
    for doc in extraction.documents:
        attrs = node_attributes("document", doc)
        attrs["content_hash"] = doc.content_hash or (content_hash(doc.text) if doc.text else None)
        G.add_node(document_node(doc.id), **attrs)
    for actor in extraction.actors:
        G.add_node(actor_node(actor.id), **node_attributes("actor", actor))
    for (doc_id, actor_id), count in sorted(extraction.mentions.items()):
        G.add_edge(
            document_node(doc_id), actor_node(actor_id), "mentions", kind="mentions", count=count
        )
    for position in extraction.positions:
        G.add_node(position_node(position.id), **node_attributes("position", position))
    G.graph["claims"] = []
    for st in extraction.statements:
        if is_claim(st):
            if keep is None or keep(actor_node(st.actor_id)):
                G.graph["claims"].append(claim_of(st))
            continue
        u = actor_node(st.actor_id)
        v = actor_node(st.target_id) if st.target_id else position_node(st.position_id)
        key = f"{st.polarity}:{st.predicate}"
        evidence = evidence_of("stance", st)
        if held(u, v) or _first(seen, u, v, key, evidence):
            add_evidence(G, u, v, key, evidence, kind="stance", held=held(u, v),
                         **edge_attributes("stance", st))  # fmt: skip
    relations = []  # few beside the statements: held for the persons' organisations
    for rel in extraction.relations:
        u, v = actor_node(rel.subject_id), actor_node(rel.object_id)
        evidence = evidence_of("role", rel)
        if held(u, v) or _first(seen, u, v, rel.predicate, evidence):
            add_evidence(G, u, v, rel.predicate, evidence, kind="role", held=held(u, v),
                         **edge_attributes("role", rel))  # fmt: skip
        relations.append(rel)
    labels = {actor.id: actor.label for actor in extraction.actors}
    for person, held_roles in organisation_roles(relations).items():
        node = actor_node(person)
        if G.nodes.get(node, {}).get("type") == "Person":
            G.nodes[node]["organisation"] = organisation_of(held_roles, labels)
    return G


def organisation_roles(relations: Iterable[Relation]) -> dict[str, list[Relation]]:
    """Each person's roles that name an organisation (:data:`ORGANISATION_ROLES`)."""
    roles: dict[str, list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.predicate in ORGANISATION_ROLES:
            roles[rel.subject_id].append(rel)
    return roles


def organisation_of(roles: list[Relation], labels: dict[str, str], doc: str | None = None) -> str:
    """The organisation (or state) a person speaks for, from their roles: a role read
    in document ``doc`` first, then the role first in :data:`ORGANISATION_ROLES`,
    then the organisation named most often, then by label; "" without roles.

    >>> roles = [Relation("d1", "Jane Roe", "roe", "member_of", "Acme", "acme", "", 0, 0),
    ...          Relation("d2", "Jane Roe", "roe", "leader_of", "Rivers Trust", "ngo", "", 0, 0)]
    >>> organisation_of(roles, {}), organisation_of(roles, {}, doc="d1")
    ('Rivers Trust', 'Acme')
    """
    if not roles:
        return ""
    often = Counter(r.object_id for r in roles)

    def label(rel: Relation) -> str:
        return labels.get(rel.object_id, rel.object)

    best = min(
        roles,
        key=lambda r: (
            doc is not None and r.doc != doc,
            ORGANISATION_ROLES.index(r.predicate),
            -often[r.object_id],
            label(r),
        ),
    )
    return label(best)


def _first(seen: dict, u: str, v: str, key: str, evidence: dict) -> bool:
    """Whether this evidence is new to the edge (for an edge that does not hold it)."""
    marks = seen.setdefault((u, v, key), set())
    mark = hash(json.dumps(evidence, sort_keys=True, default=str))
    if mark in marks:
        return False
    marks.add(mark)
    return True


def add_evidence(
    G: nx.MultiDiGraph, u: str, v: str, key: str, evidence: dict, *, held: bool = True, **attrs
) -> None:
    """Add one piece of evidence to the edge ``u -> v`` of ``key``, making the edge if
    needed; the same evidence twice is kept once. With ``held=False`` the edge counts
    the evidence without holding it (the caller has checked that it is new)."""
    curated = evidence.get("curated") or []
    if G.has_edge(u, v, key):
        data = G.edges[u, v, key]
        if not held:
            data["count"] += 1
            data["confidence"] = max(data["confidence"], evidence["confidence"])
            data["curated"] = sorted(set(data.get("curated") or []) | set(curated))
        elif evidence not in data["evidence"]:
            data["evidence"].append(evidence)
            data["count"] = len(data["evidence"])
            data["confidence"] = max(data["confidence"], evidence["confidence"])
            data["curated"] = sorted(set(data.get("curated") or []) | set(curated))
        return
    G.add_edge(
        u,
        v,
        key,
        evidence=[evidence] if held else [],
        count=1,
        confidence=evidence["confidence"],
        curated=sorted(set(curated)),
        **attrs,
    )
