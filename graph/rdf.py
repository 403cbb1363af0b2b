"""The RDF view of the stance graph, under the ontology in ``ontology/stancegraph.ttl``.

Each stance is an ``sg:Statement`` resource with its provenance (actor, cue
type, polarity, position, the evidence sentence and its offsets, document,
date, confidence), and a direct ``actor sg:supports / sg:opposes position``
triple is written beside it so that simple queries stay simple. Each role is
a direct triple (``sg:leaderOf`` ...) with an ``sg:RoleAssertion`` carrying its
evidence. Everything read from one document (its statements, role assertions
and the direct triples they support) lives in that document's named graph;
actors, positions and documents are described in the default graph. Triple
formats (Turtle, N-Triples, JSON-LD) hold the union; quad formats (TriG,
N-Quads) keep the named graphs.

IRIs are deterministic: the same graph gives the same IRIs, run after run.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from stancegraph.errors import StancegraphError
from stancegraph.graph.io import atomic_writer
from stancegraph.ontology.namespace import DATA, SG

__all__ = [
    "FORMATS",
    "to_dataset",
    "write_rdf",
    "actor_iri",
    "position_iri",
    "document_iri",
    "graph_iri",
]

WIKIDATA = "http://www.wikidata.org/entity/"
_TYPES = {
    "Person": SG.Person,
    "Organization": SG.Organization,
    "State": SG.State,
    "Group": SG.Group,
}
_STANCE = {"support": SG.supports, "oppose": SG.opposes, "neutral": SG.commentsOn}
_POLARITY = {"support": SG.Support, "oppose": SG.Oppose, "neutral": SG.Neutral}
_ROLE = {
    "leader_of": SG.leaderOf,
    "spokesperson_of": SG.spokespersonOf,
    "represents": SG.represents,
    "member_of": SG.memberOf,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _local(text: str) -> str:
    """A local name safe in any RDF syntax: percent-encoded, ``/`` included."""
    return quote(text, safe="-._~")


def actor_iri(actor_id: str) -> URIRef:
    return DATA[f"actor/{_local(actor_id)}"]


def position_iri(position_id: str, iri: str | None = None) -> URIRef:
    return URIRef(iri) if iri else DATA[f"position/{_local(position_id)}"]


def document_iri(doc_id: str) -> URIRef:
    return DATA[f"document/{_local(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph that holds what was read from one document."""
    return DATA[f"graph/{_local(doc_id)}"]


def _hashed(kind: str, *parts) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return DATA[f"{kind}/{digest}"]


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    value = str(value)
    return Literal(value, datatype=XSD.date) if _DATE.match(value) else Literal(value)


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(float(value), 3))), datatype=XSD.decimal)


def to_dataset(G: nx.MultiDiGraph) -> Dataset:
    """The RDF dataset of a stance graph (see the module docstring)."""
    ds = Dataset()
    ds.bind("sg", SG._NS)
    for prefix in ("actor", "position", "document", "statement", "role", "graph"):
        ds.bind(prefix, DATA[f"{prefix}/"])
    ds.bind("skos", SKOS)
    ds.bind("prov", PROV)
    ds.bind("dcterms", DCTERMS)
    ds.bind("owl", OWL)
    ds.bind("wd", WIKIDATA)
    default = ds.default_graph
    iri_of: dict[str, URIRef] = {}
    for node, data in G.nodes(data=True):
        kind = data["kind"]
        if kind == "actor":
            iri_of[node] = _describe_actor(default, node, data)
        elif kind == "position":
            iri_of[node] = _describe_position(default, node, data)
        elif kind == "document":
            iri_of[node] = _describe_document(default, node, data)
    for u, v, data in G.edges(data=True):
        kind = data["kind"]
        if kind == "mentions":
            default.add((iri_of[u], SG.mentions, iri_of[v]))
            continue
        for ev in data["evidence"]:
            named = ds.graph(graph_iri(ev["doc"]))
            if kind == "stance":
                _add_statement(named, iri_of[u], iri_of[v], data, ev)
            elif kind == "role":
                _add_role(named, iri_of[u], iri_of[v], data, ev)
    return ds


def _describe_actor(g: Graph, node: str, data: dict) -> URIRef:
    iri = actor_iri(node.split(":", 1)[1])
    g.add((iri, RDF.type, _TYPES[data["type"]]))
    g.add((iri, RDFS.label, Literal(data["label"])))
    g.add((iri, SKOS.prefLabel, Literal(data["label"])))
    for alias in data.get("aliases") or ():
        g.add((iri, SKOS.altLabel, Literal(alias)))
    if data.get("wikidata"):
        g.add((iri, OWL.sameAs, URIRef(WIKIDATA + data["wikidata"])))
    if data.get("description"):
        g.add((iri, RDFS.comment, Literal(data["description"])))
    g.add((iri, SG.mentionCount, Literal(int(data.get("mentions") or 0))))
    return iri


def _describe_position(g: Graph, node: str, data: dict) -> URIRef:
    iri = position_iri(node.split(":", 1)[1], data.get("iri"))
    g.add((iri, RDF.type, SG.Position))
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.prefLabel, Literal(data["label"])))
    g.add((iri, RDFS.label, Literal(data["label"])))
    for alt in data.get("alt_labels") or ():
        g.add((iri, SKOS.altLabel, Literal(alt)))
    if data.get("definition"):
        g.add((iri, SKOS.definition, Literal(data["definition"])))
    g.add((iri, SG.inCatalogue, Literal(bool(data.get("in_catalogue")))))
    return iri


def _describe_document(g: Graph, node: str, data: dict) -> URIRef:
    doc_id = node.split(":", 1)[1]
    iri = document_iri(doc_id)
    g.add((iri, RDF.type, SG.Document))
    g.add((iri, DCTERMS.identifier, Literal(doc_id)))
    if data.get("title"):
        g.add((iri, DCTERMS.title, Literal(data["title"])))
    date = _date(data.get("date"))
    if date is not None:
        g.add((iri, DCTERMS.date, date))
    if data.get("source"):
        g.add((iri, DCTERMS.source, Literal(data["source"])))
    if data.get("url"):
        g.add((iri, RDFS.seeAlso, Literal(data["url"], datatype=XSD.anyURI)))
    return iri


def _add_evidence(g: Graph, iri: URIRef, ev: dict) -> None:
    g.add((iri, PROV.wasDerivedFrom, document_iri(ev["doc"])))
    g.add((iri, SG.evidence, Literal(ev["sentence"])))
    g.add((iri, SG.startOffset, Literal(int(ev["start"]))))
    g.add((iri, SG.endOffset, Literal(int(ev["end"]))))
    g.add((iri, SG.confidence, _decimal(ev["confidence"])))
    date = _date(ev.get("date"))
    if date is not None:
        g.add((iri, DCTERMS.date, date))


def _add_statement(g: Graph, actor: URIRef, position: URIRef, data: dict, ev: dict) -> None:
    polarity, predicate = data["polarity"], data["predicate"]
    iri = _hashed("statement", ev["doc"], actor, position, polarity, predicate, ev["start"],
                  ev.get("cue_start", ""))  # fmt: skip
    g.add((actor, _STANCE[polarity], position))
    g.add((iri, RDF.type, SG.Statement))
    g.add((iri, SG.actor, actor))
    g.add((iri, SG.position, position))
    g.add((iri, SG.polarity, _POLARITY[polarity]))
    g.add((iri, SG.cueType, Literal(predicate)))
    if ev.get("cue"):
        g.add((iri, SG.cue, Literal(ev["cue"])))
    if ev.get("object_text"):
        g.add((iri, SG.objectText, Literal(ev["object_text"])))
    if ev.get("position_score"):
        g.add((iri, SG.matchScore, _decimal(ev["position_score"])))
    g.add((iri, SG.conditional, Literal(bool(ev.get("conditional")))))
    g.add((iri, SG.hedged, Literal(bool(ev.get("hedged")))))
    _add_evidence(g, iri, ev)


def _add_role(g: Graph, person: URIRef, owner: URIRef, data: dict, ev: dict) -> None:
    prop = _ROLE[data["predicate"]]
    iri = _hashed("role", ev["doc"], person, prop, owner, ev["start"])
    g.add((person, prop, owner))
    g.add((iri, RDF.type, SG.RoleAssertion))
    g.add((iri, SG.holder, person))
    g.add((iri, SG.roleIn, owner))
    g.add((iri, SG.roleType, prop))
    if data.get("role"):
        g.add((iri, SG.title, Literal(data["role"])))
    _add_evidence(g, iri, ev)


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


#: format name -> (file suffixes, rdflib format, quads?)
FORMATS: dict[str, tuple[tuple[str, ...], str, bool]] = {
    "turtle": ((".ttl",), "turtle", False),
    "ntriples": ((".nt",), "nt", False),
    "jsonld": ((".jsonld", ".json"), "json-ld", False),
    "trig": ((".trig",), "trig", True),
    "nquads": ((".nq",), "nquads", True),
}


def _format_for(path: Path, format: str | None) -> tuple[str, bool]:
    if format is not None:
        if format not in FORMATS:
            raise StancegraphError(f"unknown RDF format {format!r} (use {', '.join(FORMATS)})")
        return FORMATS[format][1], FORMATS[format][2]
    for suffixes, rdflib_format, quads in FORMATS.values():
        if path.suffix.lower() in suffixes:
            return rdflib_format, quads
    raise StancegraphError(f"{path}: cannot tell the RDF format from the extension")


def write_rdf(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    format: str | None = None,
    dataset: Dataset | None = None,
) -> int:
    """Write the graph as RDF, atomically; return the number of triples (or quads).

    ``format`` is a key of :data:`FORMATS`; by default the file extension tells.
    """
    path = Path(path)
    rdflib_format, quads = _format_for(path, format)
    ds = dataset if dataset is not None else to_dataset(G)
    target: Graph | Dataset = ds if quads else _union(ds)
    data = target.serialize(format=rdflib_format, encoding="utf-8")
    with atomic_writer(path, "wb") as f:
        f.write(data)
    return len(target) if not quads else sum(1 for _ in ds.quads((None, None, None, None)))
