"""The RDF view of the stance graph, under the ontology in ``ontology/stancegraph.ttl``.

Each stance is an ``sg:Statement`` resource with its provenance (actor, cue
type, polarity, position, the evidence sentence and its offsets, document,
date, confidence), and a direct ``actor sg:supports / sg:opposes position``
triple is written beside it so that simple queries stay simple. Each role is
a direct triple (``sg:leaderOf`` ...) with an ``sg:RoleAssertion`` carrying its
evidence. Every resource is typed with its class and each class above it in the
ontology (an ``sg:Person`` is written as an ``sg:Actor``, ``prov:Agent``, ``foaf:Person``
... too), so that a store without inference answers ``?a a sg:Actor``.

Everything read from one document lives in that document's named graph: its
description (with a hash of its text, so that a store can tell it already has
it), the actors it mentions, its statements, role assertions and the direct
triples they support; drop the graph and the document is gone. Actors and
positions are described in the default graph, the same way by every document,
so that adding documents only adds to them. Triple formats (Turtle,
N-Triples, JSON-LD, RDF/XML) hold the union; quad formats (TriG, N-Quads)
keep the named graphs.

The quads are made and written with Oxigraph (``pyoxigraph``), which is fast
enough for millions of them. IRIs are deterministic: the same graph gives the
same quads, run after run. :func:`graph_from_quads` reads them back into the
networkx graph, so that a store can be viewed like a build.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import networkx as nx
import pyoxigraph as ox

from stancegraph.errors import StancegraphError
from stancegraph.extract.records import position_id_for
from stancegraph.graph.build import actor_node, add_evidence, document_node, position_node
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.schema import (
    CLAIM,
    DCTERMS,
    EDGES,
    NODES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    WIKIDATA,
    XSD,
    Field,
    from_text,
    literal_text,
    node_attributes,
    record_from_node,
)
from stancegraph.ontology import superclasses
from stancegraph.ontology.namespace import DATA, SG

__all__ = [
    "FORMATS",
    "PREFIXES",
    "actor_iri",
    "document_iri",
    "graph_from_quads",
    "graph_iri",
    "position_iri",
    "to_quads",
    "write_rdf",
]


class _Vocabulary:
    """Our terms as plain strings, still checked against the closed namespace."""

    def __getattr__(self, name: str) -> str:
        return str(getattr(SG, name))


V = _Vocabulary()


#: prefixes written into Turtle and TriG
PREFIXES = {
    "sg": str(SG._NS),
    **{name: str(DATA) + f"{name}/" for name in ("actor", "position", "document", "graph")},
    "statement": str(DATA) + "statement/",
    "role": str(DATA) + "role/",
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "owl": OWL,
    "dcterms": DCTERMS,
    "wd": WIKIDATA,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
}

_TYPES = {"Person": V.Person, "Organization": V.Organization, "State": V.State, "Group": V.Group}
_STANCE = {"support": V.supports, "oppose": V.opposes, "neutral": V.commentsOn}
_POLARITY = {"support": V.Support, "oppose": V.Oppose, "neutral": V.Neutral}
_ROLE = {
    "leader_of": V.leaderOf,
    "spokesperson_of": V.spokespersonOf,
    "represents": V.represents,
    "member_of": V.memberOf,
    "employed_by": V.employedBy,
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _local(text: str) -> str:
    """A local name safe in any RDF syntax: percent-encoded, ``/`` included."""
    return quote(text, safe="-._~")


def actor_iri(actor_id: str) -> str:
    return f"{DATA}actor/{_local(actor_id)}"


def position_iri(position_id: str, iri: str | None = None) -> str:
    return iri or f"{DATA}position/{_local(position_id)}"


def document_iri(doc_id: str) -> str:
    return f"{DATA}document/{_local(doc_id)}"


def graph_iri(doc_id: str) -> str:
    """The named graph that holds what was read from one document."""
    return f"{DATA}graph/{_local(doc_id)}"


def _hashed(kind: str, *parts) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return f"{DATA}{kind}/{digest}"


def _object(field: Field, value) -> ox.Literal | ox.NamedNode:
    """One value of a field as an RDF term (see :func:`~stancegraph.graph.schema.literal_text`)."""
    if field.datatype == "wikidata":
        return ox.NamedNode(WIKIDATA + value)
    text, datatype = literal_text(field, value)
    return ox.Literal(text, datatype=_n(datatype)) if datatype else ox.Literal(text)


class _Quads:
    """Collects quads, one graph at a time; a quad added twice is kept once (a stance
    stated twice in a document is one triple)."""

    def __init__(self) -> None:
        self.quads: dict[ox.Quad, None] = {}
        #: IRI -> its node, made once (subjects and predicates come again and again)
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri: str) -> ox.NamedNode:
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = ox.NamedNode(iri)
        return node

    def add(self, s: str, p: str, o, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        if o is None:
            return
        obj = o if isinstance(o, ox.Literal | ox.NamedNode) else self.node(o)
        self.quads[ox.Quad(self.node(s), self.node(p), obj, graph)] = None

    def add_types(self, s: str, cls: str, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        """``s`` is a ``cls`` and whatever the ontology puts above it (an sg:Person is
        an sg:Actor, a prov:Agent ...), written out for stores without inference."""
        for name in superclasses(cls):
            self.add(s, RDF + "type", name, graph)


def to_quads(G: nx.MultiDiGraph) -> list[ox.Quad]:
    """The RDF quads of a stance graph (see the module docstring)."""
    out = _Quads()
    default = ox.DefaultGraph()
    iri_of: dict[str, str] = {}
    for node, data in sorted(G.nodes(data=True)):
        kind, local = data["kind"], node.split(":", 1)[1]
        if kind == "actor":
            iri_of[node] = actor_iri(local)
            out.add_types(iri_of[node], _TYPES[data["type"]], default)
            _add_fields(out, iri_of[node], NODES["actor"].fields, data, default)
        elif kind == "position":
            iri_of[node] = position_iri(local, data.get("iri"))
            out.add_types(iri_of[node], V.Position, default)  # a skos:Concept too
            _add_fields(out, iri_of[node], NODES["position"].fields, data, default)
        elif kind == "document":
            iri_of[node] = document_iri(local)
            graph = _n(graph_iri(local))
            out.add_types(iri_of[node], V.Document, graph)
            out.add(iri_of[node], DCTERMS + "identifier", ox.Literal(local), graph)
            _add_fields(out, iri_of[node], NODES["document"].fields, data, graph)
    for u, v, data in G.edges(data=True):
        kind = data["kind"]
        if kind == "mentions":
            doc_id = u.split(":", 1)[1]
            out.add(iri_of[u], V.mentions, iri_of[v], _n(graph_iri(doc_id)))
            continue
        for ev in data["evidence"]:
            graph = _n(graph_iri(ev["doc"]))
            if kind == "stance":
                on = V.targetActor if G.nodes[v]["kind"] == "actor" else V.position
                _add_statement(out, iri_of[u], iri_of[v], on, data, ev, graph)
            elif kind == "role":
                _add_role(out, iri_of[u], iri_of[v], data, ev, graph)
    for claim in G.graph.get("claims", ()):
        _add_claim(out, claim, iri_of)
    return list(out.quads)


def _add_fields(out: _Quads, iri: str, fields, values: dict, g) -> None:
    """Write every field that has predicates (and a value) under each of them."""
    for field in fields:
        value = values.get(field.key)
        if not field.rdf or not field.written(value):
            continue
        for one in value if field.many else [value]:
            term = _object(field, one)
            for predicate in field.rdf:
                out.add(iri, predicate, term, g)


def _add_evidence(out: _Quads, iri: str, kind: str, data: dict, ev: dict, g) -> None:
    out.add(iri, PROV + "wasDerivedFrom", document_iri(ev["doc"]), g)
    _add_fields(out, iri, EDGES[kind].fields, data, g)
    _add_fields(out, iri, EDGES[kind].evidence, ev, g)


def _add_statement(
    out: _Quads, actor: str, position: str, on: str, data: dict, ev: dict, g
) -> None:
    """A stance; ``on`` is sg:position, or sg:targetActor for a stance on an actor."""
    polarity, predicate = data["polarity"], data["predicate"]
    iri = _hashed("statement", ev["doc"], actor, position, polarity, predicate, ev["start"],
                  ev.get("cue_start", ""))  # fmt: skip
    out.add(actor, _STANCE[polarity], position, g)
    out.add_types(iri, V.Statement, g)
    out.add(iri, V.actor, actor, g)
    out.add(iri, on, position, g)
    out.add(iri, V.polarity, _POLARITY[polarity], g)
    _add_evidence(out, iri, "stance", data, ev, g)


def _add_claim(out: _Quads, claim: dict, iri_of: dict[str, str]) -> None:
    """A claim: a statement whose source or target is words, not a node (see
    :mod:`~stancegraph.graph.schema`); the direct triple only when both are nodes."""
    g = _n(graph_iri(claim["doc"]))
    actor = iri_of.get(actor_node(claim["actor_id"])) if claim["actor_id"] else None
    position = iri_of.get(position_node(claim["position_id"])) if claim["position_id"] else None
    polarity, predicate = claim["polarity"], claim["predicate"]
    iri = _hashed("statement", claim["doc"], actor or claim["actor"], position or claim["position"],
                  polarity, predicate, claim["start"], claim.get("cue_start", ""))  # fmt: skip
    if actor and position:
        out.add(actor, _STANCE[polarity], position, g)
    out.add_types(iri, V.Statement, g)
    out.add(iri, V.actor, actor, g)
    out.add(iri, V.position, position, g)
    out.add(iri, V.polarity, _POLARITY[polarity], g)
    out.add(iri, PROV + "wasDerivedFrom", document_iri(claim["doc"]), g)
    # the source and target as words only where they are no node
    words = claim | {"actor": "" if actor else claim["actor"]}
    words["position"] = "" if position else claim["position"]
    _add_fields(out, iri, CLAIM.fields, words, g)
    _add_fields(out, iri, CLAIM.evidence, claim, g)


def _add_role(out: _Quads, person: str, owner: str, data: dict, ev: dict, g) -> None:
    prop = _ROLE[data["predicate"]]
    iri = _hashed("role", ev["doc"], person, prop, owner, ev["start"])
    out.add(person, prop, owner, g)
    out.add_types(iri, V.RoleAssertion, g)
    out.add(iri, V.holder, person, g)
    out.add(iri, V.roleIn, owner, g)
    out.add(iri, V.roleType, prop, g)
    # the title this assertion was read from, not the first one of the edge: what a
    # document's graph says depends on that document alone (a store writes it alone)
    _add_evidence(out, iri, "role", data | {"role": ev.get("cue") or data.get("role")}, ev, g)


#: format name -> (file suffixes, Oxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[tuple[str, ...], ox.RdfFormat, bool]] = {
    "turtle": ((".ttl",), ox.RdfFormat.TURTLE, False),
    "ntriples": ((".nt",), ox.RdfFormat.N_TRIPLES, False),
    "jsonld": ((".jsonld", ".json"), ox.RdfFormat.JSON_LD, False),
    "rdfxml": ((".rdf", ".xml", ".owl"), ox.RdfFormat.RDF_XML, False),
    "trig": ((".trig",), ox.RdfFormat.TRIG, True),
    "nquads": ((".nq",), ox.RdfFormat.N_QUADS, True),
}


def rdf_format(path: str | Path, format: str | None = None) -> tuple[ox.RdfFormat, bool]:
    """The Oxigraph format of a name in :data:`FORMATS`, or of a file's extension."""
    if format is not None:
        if format not in FORMATS:
            raise StancegraphError(f"unknown RDF format {format!r} (use {', '.join(FORMATS)})")
        return FORMATS[format][1:]
    suffix = Path(path).suffix.lower()
    for suffixes, ox_format, quads in FORMATS.values():
        if suffix in suffixes:
            return ox_format, quads
    raise StancegraphError(
        f"{path}: cannot tell the RDF format from the extension (use --format: "
        f"{', '.join(FORMATS)})"
    )


def write_rdf(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    format: str | None = None,
    quads: list[ox.Quad] | None = None,
) -> int:
    """Write the graph as RDF, atomically; return the number of triples (or quads).

    ``format`` is a key of :data:`FORMATS`; by default the file extension tells.
    """
    ox_format, keeps_graphs = rdf_format(path, format)
    quads = to_quads(G) if quads is None else quads
    items: list = (
        sorted(quads, key=str) if keeps_graphs else sorted({q.triple for q in quads}, key=str)
    )
    prefixes = PREFIXES if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    with atomic_writer(path, "wb") as f:
        ox.serialize(items, f, format=ox_format, prefixes=prefixes)
    return len(items)


# Reading back ---------------------------------------------------------------------


def _value(term) -> str:
    return term.value


def _local_of(iri: str, kind: str) -> str:
    return unquote(iri[len(f"{DATA}{kind}/") :])


def graph_from_quads(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """The networkx stance graph that :func:`to_quads` wrote (a store read back)."""
    by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        by_subject[_value(q.subject)][_value(q.predicate)].append(q.object)
    G = nx.MultiDiGraph()
    node_of: dict[str, str] = {}
    for s, props in sorted(by_subject.items()):
        types = {_value(t) for t in props.get(RDF + "type", [])}
        if types & set(_TYPES.values()):
            attrs = _read_fields(NODES["actor"].fields, props)
            attrs["type"] = next(k for k, t in _TYPES.items() if t in types)
            node_of[s] = actor_node(_local_of(s, "actor"))
            G.add_node(node_of[s], **node_attributes("actor", record_from_node("actor", "", attrs)))
        elif V.Position in types:
            local = _local_of(s, "position") if s.startswith(f"{DATA}position/") else None
            attrs = _read_fields(NODES["position"].fields, props) | {"iri": None if local else s}
            node_of[s] = position_node(local or _concept_id(s))
            G.add_node(
                node_of[s], **node_attributes("position", record_from_node("position", "", attrs))
            )
        elif V.Document in types:
            doc_id = _local_of(s, "document")
            attrs = _read_fields(NODES["document"].fields, props)
            node_of[s] = document_node(doc_id)
            G.add_node(
                node_of[s],
                **node_attributes("document", record_from_node("document", doc_id, attrs)),
            )
    for s, props in by_subject.items():
        for obj in props.get(V.mentions, []):
            if s in node_of and _value(obj) in node_of:
                G.add_edge(node_of[s], node_of[_value(obj)], "mentions", kind="mentions", count=1)
    G.graph["claims"] = []
    for _, props in sorted(by_subject.items()):
        types = {_value(t) for t in props.get(RDF + "type", [])}
        first = _first(props)
        if V.Statement in types and _is_claim(props, first):
            G.graph["claims"].append(_claim(props, first, G, node_of))
        elif V.Statement in types:
            polarity = next(k for k, v in _POLARITY.items() if v == first(V.polarity))
            edge = _read_fields(EDGES["stance"].fields, props) | {"polarity": polarity}
            on = first(V.position) or first(V.targetActor)
            add_evidence(G, node_of[first(V.actor)], node_of[on],
                         f"{polarity}:{edge['predicate']}", _evidence("stance", props),
                         kind="stance", **edge)  # fmt: skip
        elif V.RoleAssertion in types:
            predicate = next(k for k, v in _ROLE.items() if v == first(V.roleType))
            edge = _read_fields(EDGES["role"].fields, props) | {"predicate": predicate}
            add_evidence(G, node_of[first(V.holder)], node_of[first(V.roleIn)], predicate,
                         _evidence("role", props), kind="role", **edge)  # fmt: skip
    for node, count in _mention_counts(G).items():
        G.nodes[node]["mentions"] = count
    return G


def _is_claim(props: dict[str, list], first) -> bool:
    return (
        first(V.polarity) == V.Neutral
        or V.actor not in props
        or V.position not in props
        and V.targetActor not in props
    )


def _claim(props: dict[str, list], first, G: nx.MultiDiGraph, node_of: dict[str, str]) -> dict:
    claim = _read_fields(CLAIM.fields, props)
    claim["polarity"] = next(k for k, v in _POLARITY.items() if v == first(V.polarity))
    for field, prop in (("actor", V.actor), ("position", V.position)):
        node = node_of.get(first(prop)) if prop in props else None
        if node is not None:
            claim[f"{field}_id"] = node.split(":", 1)[1]
            claim[field] = G.nodes[node]["label"]
    return {f.key: claim.get(f.key, f.absent) for f in CLAIM.fields} | _evidence("stance", props)


def _first(props: dict[str, list]):
    def first(predicate: str) -> str | None:
        values = props.get(predicate)
        return min(_value(v) for v in values) if values else None

    return first


def _read_fields(fields, props: dict[str, list]) -> dict:
    """The fields written under predicates, read back (the smallest value of a single one)."""
    out = {}
    for field in fields:
        if not field.rdf:
            continue
        values = sorted(_value(v) for v in props.get(field.rdf[0], []))
        if field.many:
            out[field.key] = [from_text(field, v) for v in values]
        else:
            out[field.key] = from_text(field, values[0]) if values else field.absent
    return out


def _evidence(kind: str, props: dict[str, list]) -> dict:
    ev = {"doc": _local_of(_first(props)(PROV + "wasDerivedFrom"), "document")}
    ev |= _read_fields(EDGES[kind].evidence, props)
    return {f.key: ev.get(f.key) for f in EDGES[kind].evidence}


def _concept_id(iri: str) -> str:
    return position_id_for(re.split(r"[/#]", iri.rstrip("/#"))[-1])


def _mention_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for _, v, d in G.edges(data=True):
        if d["kind"] == "mentions":
            counts[v] += d.get("count", 1)
    return counts


def iter_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The distinct triples of some quads (their union over graphs)."""
    seen = set()
    for q in quads:
        if q.triple not in seen:
            seen.add(q.triple)
            yield q.triple
