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
from stancegraph.graph.io import atomic_writer
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

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
WIKIDATA = "http://www.wikidata.org/entity/"

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
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_TYPES = {4: XSD + "gYear", 7: XSD + "gYearMonth", 10: XSD + "date"}


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


def _text(value) -> ox.Literal:
    return ox.Literal(str(value))


def _integer(value) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_n(XSD + "integer"))


def _decimal(value) -> ox.Literal:
    # The canonical form, as a store keeps it ("0.7", "1"), so that a graph
    # written to a file and one read back from a store are equal.
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return ox.Literal(text or "0", datatype=_n(XSD + "decimal"))


def _boolean(value) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_n(XSD + "boolean"))


def _date(value) -> ox.Literal | None:
    if not value:
        return None
    value = str(value)
    if _DATE.match(value):
        return ox.Literal(value, datatype=_n(_DATE_TYPES[len(value)]))
    return ox.Literal(value)


class _Quads:
    """Collects quads, one graph at a time; a quad added twice is kept once (a stance
    stated twice in a document is one triple)."""

    def __init__(self) -> None:
        self.quads: dict[ox.Quad, None] = {}

    def add(self, s: str, p: str, o, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        if o is None:
            return
        obj = o if isinstance(o, ox.Literal | ox.NamedNode) else _n(o)
        self.quads[ox.Quad(_n(s), _n(p), obj, graph)] = None

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
    docs: dict[str, dict] = {}
    for node, data in sorted(G.nodes(data=True)):
        kind, local = data["kind"], node.split(":", 1)[1]
        if kind == "actor":
            iri_of[node] = _describe_actor(out, actor_iri(local), data, default)
        elif kind == "position":
            iri_of[node] = _describe_position(
                out, position_iri(local, data.get("iri")), data, default
            )
        elif kind == "document":
            iri_of[node] = document_iri(local)
            docs[node] = data
            _describe_document(out, local, data, _n(graph_iri(local)))
    for u, v, data in G.edges(data=True):
        kind = data["kind"]
        if kind == "mentions":
            doc_id = u.split(":", 1)[1]
            out.add(iri_of[u], V.mentions, iri_of[v], _n(graph_iri(doc_id)))
            continue
        for ev in data["evidence"]:
            graph = _n(graph_iri(ev["doc"]))
            if kind == "stance":
                _add_statement(out, iri_of[u], iri_of[v], data, ev, graph)
            elif kind == "role":
                _add_role(out, iri_of[u], iri_of[v], data, ev, graph)
    return list(out.quads)


def _describe_actor(out: _Quads, iri: str, data: dict, g) -> str:
    out.add_types(iri, _TYPES[data["type"]], g)
    out.add(iri, RDFS + "label", _text(data["label"]), g)
    out.add(iri, SKOS + "prefLabel", _text(data["label"]), g)
    for alias in data.get("aliases") or ():
        out.add(iri, SKOS + "altLabel", _text(alias), g)
    if data.get("wikidata"):
        out.add(iri, OWL + "sameAs", WIKIDATA + data["wikidata"], g)
    if data.get("description"):
        out.add(iri, RDFS + "comment", _text(data["description"]), g)
    return iri


def _describe_position(out: _Quads, iri: str, data: dict, g) -> str:
    out.add_types(iri, V.Position, g)  # a skos:Concept too
    out.add(iri, SKOS + "prefLabel", _text(data["label"]), g)
    out.add(iri, RDFS + "label", _text(data["label"]), g)
    for alt in data.get("alt_labels") or ():
        out.add(iri, SKOS + "altLabel", _text(alt), g)
    if data.get("definition"):
        out.add(iri, SKOS + "definition", _text(data["definition"]), g)
    out.add(iri, V.inCatalogue, _boolean(data.get("in_catalogue")), g)
    return iri


def _describe_document(out: _Quads, doc_id: str, data: dict, g) -> None:
    iri = document_iri(doc_id)
    out.add_types(iri, V.Document, g)
    out.add(iri, DCTERMS + "identifier", _text(doc_id), g)
    if data.get("title"):
        out.add(iri, DCTERMS + "title", _text(data["title"]), g)
    out.add(iri, DCTERMS + "date", _date(data.get("date")), g)
    if data.get("source"):
        out.add(iri, DCTERMS + "source", _text(data["source"]), g)
    if data.get("url"):
        out.add(iri, RDFS + "seeAlso", ox.Literal(str(data["url"]), datatype=_n(XSD + "anyURI")), g)
    if data.get("speaker"):
        out.add(iri, V.speakerName, _text(data["speaker"]), g)
    if data.get("content_hash"):
        out.add(iri, V.contentHash, _text(data["content_hash"]), g)


def _add_evidence(out: _Quads, iri: str, ev: dict, g) -> None:
    out.add(iri, PROV + "wasDerivedFrom", document_iri(ev["doc"]), g)
    out.add(iri, V.evidence, _text(ev["sentence"]), g)
    out.add(iri, V.startOffset, _integer(ev["start"]), g)
    out.add(iri, V.endOffset, _integer(ev["end"]), g)
    out.add(iri, V.confidence, _decimal(ev["confidence"]), g)
    out.add(iri, DCTERMS + "date", _date(ev.get("date")), g)
    if ev.get("cue"):
        out.add(iri, V.cue, _text(ev["cue"]), g)
    for key, term in (("cue_start", V.cueStartOffset), ("cue_end", V.cueEndOffset)):
        if ev.get(key) is not None and ev[key] >= 0:
            out.add(iri, term, _integer(ev[key]), g)
    for note in ev.get("curated") or ():
        out.add(iri, V.curation, _text(note), g)


def _add_statement(out: _Quads, actor: str, position: str, data: dict, ev: dict, g) -> None:
    polarity, predicate = data["polarity"], data["predicate"]
    iri = _hashed("statement", ev["doc"], actor, position, polarity, predicate, ev["start"],
                  ev.get("cue_start", ""))  # fmt: skip
    out.add(actor, _STANCE[polarity], position, g)
    out.add_types(iri, V.Statement, g)
    out.add(iri, V.actor, actor, g)
    out.add(iri, V.position, position, g)
    out.add(iri, V.polarity, _POLARITY[polarity], g)
    out.add(iri, V.cueType, _text(predicate), g)
    if ev.get("object_text"):
        out.add(iri, V.objectText, _text(ev["object_text"]), g)
    if ev.get("position_score"):
        out.add(iri, V.matchScore, _decimal(ev["position_score"]), g)
    out.add(iri, V.conditional, _boolean(ev.get("conditional")), g)
    out.add(iri, V.hedged, _boolean(ev.get("hedged")), g)
    _add_evidence(out, iri, ev, g)


def _add_role(out: _Quads, person: str, owner: str, data: dict, ev: dict, g) -> None:
    prop = _ROLE[data["predicate"]]
    iri = _hashed("role", ev["doc"], person, prop, owner, ev["start"])
    out.add(person, prop, owner, g)
    out.add_types(iri, V.RoleAssertion, g)
    out.add(iri, V.holder, person, g)
    out.add(iri, V.roleIn, owner, g)
    out.add(iri, V.roleType, prop, g)
    if data.get("role"):
        out.add(iri, V.title, _text(data["role"]), g)
    _add_evidence(out, iri, ev, g)


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
    graph_of: dict[str, str] = {}
    for q in quads:
        s = _value(q.subject)
        by_subject[s][_value(q.predicate)].append(q.object)
        if not isinstance(q.graph_name, ox.DefaultGraph):
            graph_of.setdefault(s, _value(q.graph_name))
    G = nx.MultiDiGraph()
    node_of: dict[str, str] = {}
    for s, props in sorted(by_subject.items()):
        types = {_value(t) for t in props.get(RDF + "type", [])}
        first = _first(props)
        if types & set(_TYPES.values()):
            actor_id = _local_of(s, "actor")
            kind = next(k for k, t in _TYPES.items() if t in types)
            wikidata = first(OWL + "sameAs")
            node_of[s] = f"actor:{actor_id}"
            G.add_node(node_of[s], kind="actor", label=first(RDFS + "label"), type=kind,
                       aliases=sorted(_value(a) for a in props.get(SKOS + "altLabel", [])),
                       wikidata=wikidata[len(WIKIDATA):] if wikidata else None,
                       description=first(RDFS + "comment"), mentions=0)  # fmt: skip
        elif V.Position in types:
            local = _local_of(s, "position") if s.startswith(f"{DATA}position/") else None
            position_id = local or _concept_id(s)
            node_of[s] = f"position:{position_id}"
            G.add_node(node_of[s], kind="position", label=first(SKOS + "prefLabel"),
                       alt_labels=sorted(_value(a) for a in props.get(SKOS + "altLabel", [])),
                       iri=None if local else s, in_catalogue=first(V.inCatalogue) == "true",
                       definition=first(SKOS + "definition"))  # fmt: skip
        elif V.Document in types:
            doc_id = _local_of(s, "document")
            node_of[s] = f"document:{doc_id}"
            title = first(DCTERMS + "title")
            G.add_node(node_of[s], kind="document", label=title or doc_id, title=title,
                       date=first(DCTERMS + "date"), speaker=first(V.speakerName),
                       source=first(DCTERMS + "source"), url=first(RDFS + "seeAlso"),
                       content_hash=first(V.contentHash))  # fmt: skip
    for s, props in by_subject.items():
        for obj in props.get(V.mentions, []):
            if s in node_of and _value(obj) in node_of:
                G.add_edge(node_of[s], node_of[_value(obj)], "mentions", kind="mentions", count=1)
    from stancegraph.graph.build import add_evidence

    for _, props in sorted(by_subject.items()):
        types = {_value(t) for t in props.get(RDF + "type", [])}
        first = _first(props)
        if V.Statement in types:
            polarity = next(k for k, v in _POLARITY.items() if v == first(V.polarity))
            predicate = first(V.cueType)
            ev = _evidence(first, props)
            ev.update(conditional=first(V.conditional) == "true", hedged=first(V.hedged) == "true",
                      position_score=float(first(V.matchScore) or 0.0),
                      object_text=first(V.objectText) or "")  # fmt: skip
            add_evidence(G, node_of[first(V.actor)], node_of[first(V.position)],
                         f"{polarity}:{predicate}", ev, kind="stance", polarity=polarity,
                         predicate=predicate)  # fmt: skip
        elif V.RoleAssertion in types:
            predicate = next(k for k, v in _ROLE.items() if v == first(V.roleType))
            add_evidence(G, node_of[first(V.holder)], node_of[first(V.roleIn)], predicate,
                         _evidence(first, props), kind="role", predicate=predicate,
                         role=first(V.title) or "")  # fmt: skip
    for node, count in _mention_counts(G).items():
        G.nodes[node]["mentions"] = count
    return G


def _first(props: dict[str, list]):
    def first(predicate: str) -> str | None:
        values = props.get(predicate)
        return min(_value(v) for v in values) if values else None

    return first


def _evidence(first, props) -> dict:
    doc = _local_of(first(PROV + "wasDerivedFrom"), "document")
    cue_start, cue_end = first(V.cueStartOffset), first(V.cueEndOffset)
    return {
        "doc": doc,
        "sentence": first(V.evidence),
        "start": int(first(V.startOffset)),
        "end": int(first(V.endOffset)),
        "date": first(DCTERMS + "date"),
        "confidence": float(first(V.confidence)),
        "cue": first(V.cue) or "",
        "cue_start": int(cue_start) if cue_start is not None else -1,
        "cue_end": int(cue_end) if cue_end is not None else -1,
        "curated": sorted(_value(v) for v in props.get(V.curation, [])),
    }


def _concept_id(iri: str) -> str:
    from stancegraph.extract.positions import position_id_for

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
