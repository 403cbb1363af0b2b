"""The graph's schema, once: its kinds of nodes and edges, their fields, and their RDF.

Every view is derived from this module: :mod:`~stancegraph.graph.build` makes
the networkx graph's nodes and evidence from records with
:func:`node_attributes` and :func:`evidence_of`;
:mod:`~stancegraph.graph.tables` turns them back into records with
:func:`record_from_node` and :func:`record_from_evidence`;
:mod:`~stancegraph.graph.rdf` writes each field under its predicates
(:func:`literal`) and reads it back (:func:`value`).

Nodes (``kind`` attribute; the node is ``<kind>:<record id>``):

- ``actor``: :class:`~stancegraph.extract.records.Actor`;
- ``position``: :class:`~stancegraph.extract.records.Position`;
- ``document``: :class:`~stancegraph.extract.records.Document`, without its text.

Edges (``kind`` attribute), each with a list of ``evidence`` dicts, one per
statement or role read, and ``count`` and ``confidence`` (the highest) over them:

- ``stance``, actor -> position, key ``"<polarity>:<predicate>"``, from
  :class:`~stancegraph.extract.records.Statement`;
- ``role``, actor -> actor, key ``predicate``, from
  :class:`~stancegraph.extract.records.Relation`;
- ``mentions``, document -> actor, key ``"mentions"``: ``count``.

Statements that take no side (``neutral``) or whose source is no actor of the
graph ("critics say", "it was reported") are *claims*: who-said-what, kept in
the tables and the RDF but not drawn as nodes or edges. The graph holds them
in ``G.graph["claims"]``, one dict each (:data:`CLAIM`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from stancegraph.extract.records import Actor, Document, Position, Relation, Statement
from stancegraph.ontology.namespace import SG

__all__ = [
    "CLAIM",
    "EDGES",
    "NODES",
    "claim_of",
    "is_claim",
    "record_from_claim",
    "Field",
    "Kind",
    "evidence_of",
    "literal_text",
    "node_attributes",
    "node_id",
    "record_from_evidence",
    "record_from_node",
]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
WIKIDATA = "http://www.wikidata.org/entity/"

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_TYPES = {4: XSD + "gYear", 7: XSD + "gYearMonth", 10: XSD + "date"}


@dataclass(frozen=True)
class Field:
    """One field of a record, as the graph keeps it and as RDF writes it.

    ``name`` is the record's field; ``attr`` the node attribute or evidence key
    when it differs (a statement's ``evidence`` is its evidence's ``sentence``).
    ``rdf`` lists the predicates it is written under, the first read back;
    ``datatype`` says how (``string``, ``integer``, ``decimal``, ``boolean``,
    ``date``, ``anyURI``, ``wikidata``); ``many`` marks a list. A value equal to
    ``absent`` is not written, and a field not found reads back as ``absent``.
    """

    name: str
    attr: str | None = None
    rdf: tuple[str, ...] = ()
    datatype: str = "string"
    many: bool = False
    absent: Any = None

    @property
    def key(self) -> str:
        return self.attr or self.name

    def written(self, value) -> bool:
        """Whether a value is written into RDF (absent values and empty text are not)."""
        if self.many:
            return bool(value)
        if value is None or value == "" or value == self.absent:
            return False
        return not (self.datatype == "integer" and self.absent == -1 and value < 0)


@dataclass(frozen=True)
class Kind:
    """A kind of node (its record and fields) or of edge (its record, the fields on
    the edge itself, and the fields of each piece of evidence)."""

    name: str
    record: type
    fields: tuple[Field, ...] = ()
    evidence: tuple[Field, ...] = ()


_CURATED = Field("curated", many=True, absent=())
_CURATION = Field("curated", rdf=(str(SG.curation),), many=True, absent=())

NODES: dict[str, Kind] = {
    "actor": Kind(
        "actor",
        Actor,
        (
            Field("label", rdf=(RDFS + "label", SKOS + "prefLabel")),
            Field("type"),  # written as the node's rdf:type (see graph/rdf.py)
            Field("aliases", rdf=(SKOS + "altLabel",), many=True, absent=()),
            Field("wikidata", rdf=(OWL + "sameAs",), datatype="wikidata"),
            Field("description", rdf=(RDFS + "comment",)),
            Field("mentions", datatype="integer", absent=0),  # counted from documents
            _CURATED,
        ),
    ),
    "position": Kind(
        "position",
        Position,
        (
            Field("label", rdf=(SKOS + "prefLabel", RDFS + "label")),
            Field("alt_labels", rdf=(SKOS + "altLabel",), many=True, absent=()),
            Field("iri"),  # the node's own IRI, when a catalogue gave it
            Field("in_catalogue", rdf=(str(SG.inCatalogue),), datatype="boolean"),
            Field("definition", rdf=(SKOS + "definition",)),
            _CURATED,
        ),
    ),
    "document": Kind(
        "document",
        Document,
        (
            Field("title", rdf=(DCTERMS + "title",)),
            Field("date", rdf=(DCTERMS + "date",), datatype="date"),
            Field("speaker", rdf=(str(SG.speakerName),)),
            Field("content_hash", rdf=(str(SG.contentHash),)),
            Field("source", rdf=(DCTERMS + "source",)),
            Field("url", rdf=(RDFS + "seeAlso",), datatype="anyURI"),
        ),
    ),
}

#: the evidence both statements and roles carry
_EVIDENCE = (
    Field("doc"),  # written as prov:wasDerivedFrom the document (see graph/rdf.py)
    Field("evidence", attr="sentence", rdf=(str(SG.evidence),)),
    Field("start", rdf=(str(SG.startOffset),), datatype="integer"),
    Field("end", rdf=(str(SG.endOffset),), datatype="integer"),
    Field("date", rdf=(DCTERMS + "date",), datatype="date"),
    Field("confidence", rdf=(str(SG.confidence),), datatype="decimal"),
)

EDGES: dict[str, Kind] = {
    "stance": Kind(
        "stance",
        Statement,
        (Field("polarity"), Field("predicate", rdf=(str(SG.cueType),))),
        (
            *_EVIDENCE,
            Field("cue", rdf=(str(SG.cue),), absent=""),
            Field("cue_start", rdf=(str(SG.cueStartOffset),), datatype="integer", absent=-1),
            Field("cue_end", rdf=(str(SG.cueEndOffset),), datatype="integer", absent=-1),
            Field("conditional", rdf=(str(SG.conditional),), datatype="boolean"),
            Field("hedged", rdf=(str(SG.hedged),), datatype="boolean"),
            Field("position_score", rdf=(str(SG.matchScore),), datatype="decimal", absent=0.0),
            Field("claim", rdf=(str(SG.claimText),), absent=""),
            # a source that is no actor ("critics", "a poll") is a claim's, kept as written
            Field("source_kind", rdf=(str(SG.sourceKind),), absent="actor"),
            _CURATION,
        ),
    ),
    "role": Kind(
        "role",
        Relation,
        (Field("predicate"), Field("role", rdf=(str(SG.title),), absent="")),
        (*_EVIDENCE, Field("role", attr="cue", rdf=(str(SG.cue),), absent=""), _CURATION),
    ),
}


#: a claim's fields: the stance's, with its source and target as words when they are
#: no node of the graph
CLAIM = Kind(
    "claim",
    Statement,
    (
        Field("actor", rdf=(str(SG.sourceText),), absent=""),
        Field("actor_id", absent=""),  # written as sg:actor, when it names an actor
        Field("position", rdf=(str(SG.targetText),), absent=""),
        Field("position_id", absent=""),  # written as sg:position, when there is one
        *EDGES["stance"].fields,
    ),
    EDGES["stance"].evidence,
)


def is_claim(statement: Statement) -> bool:
    """Whether a statement is a claim rather than a stance edge of the graph."""
    return (
        statement.polarity == "neutral"
        or not statement.actor_id
        or not (statement.position_id or statement.target_id)
    )


def claim_of(statement: Statement) -> dict:
    """A claim as the graph keeps it."""
    return {f.key: getattr(statement, f.name) for f in CLAIM.fields} | evidence_of(
        "stance", statement
    )


def record_from_claim(claim: dict) -> Statement:
    """A claim back as a statement."""
    values = {f.name: _record_value(f, claim.get(f.key)) for f in CLAIM.fields}
    for f in CLAIM.evidence:
        if f.key in claim:
            values[f.name] = _record_value(f, claim[f.key])
        elif f.absent is not None:
            values[f.name] = f.absent
    return Statement(**values)


def node_id(kind: str, local: str) -> str:
    """The networkx node of a record: ``actor:<id>``, ``position:<id>``, ``document:<id>``."""
    return f"{kind}:{local}"


def _graph_value(field: Field, value):
    return list(value) if field.many else value


def _record_value(field: Field, value):
    if field.many:
        return tuple(value or ())
    if field.datatype == "boolean":
        return bool(value)
    return field.absent if value is None and field.absent is not None else value


def node_attributes(kind: str, record) -> dict:
    """A node's attributes from its record.

    >>> node_attributes("actor", Actor("nato", "NATO", "Organization"))["aliases"]
    []
    """
    label = {"label": record.title or record.id} if kind == "document" else {}
    fields = {f.key: _graph_value(f, getattr(record, f.name)) for f in NODES[kind].fields}
    return {"kind": kind, **label, **fields}


def record_from_node(kind: str, local: str, attrs: dict):
    """The record a node was made from (documents without their text)."""
    values = {f.name: _record_value(f, attrs.get(f.key)) for f in NODES[kind].fields}
    if kind == "document":
        return Document(local, "", "", (0,), **values)
    return NODES[kind].record(local, **values)


def evidence_of(kind: str, record) -> dict:
    """One piece of evidence of a stance or role edge, from its record."""
    return {f.key: _graph_value(f, getattr(record, f.name)) for f in EDGES[kind].evidence}


def edge_attributes(kind: str, record) -> dict:
    """The fields of the edge itself (a stance's polarity and predicate)."""
    return {f.key: getattr(record, f.name) for f in EDGES[kind].fields}


def record_from_evidence(kind: str, edge: dict, evidence: dict, **ends):
    """A statement or relation from its edge, one piece of its evidence, and its ends
    (``actor``/``actor_id``/``position``/``position_id`` or ``subject``... )."""
    values = {f.name: _record_value(f, edge.get(f.key)) for f in EDGES[kind].fields}
    for f in EDGES[kind].evidence:
        if f.key in evidence:
            values[f.name] = _record_value(f, evidence[f.key])
        elif f.absent is not None:
            values[f.name] = f.absent
    return EDGES[kind].record(**values, **ends)


def record_fields(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def literal_text(field: Field, value) -> tuple[str, str | None]:
    """The lexical form and datatype IRI of one value of a field (None: a plain string).

    >>> literal_text(Field("confidence", datatype="decimal"), 0.70)
    ('0.7', 'http://www.w3.org/2001/XMLSchema#decimal')
    """
    kind = field.datatype
    if kind == "integer":
        return str(int(value)), XSD + "integer"
    if kind == "decimal":
        # The canonical form, as a store keeps it ("0.7", "1"), so that a graph
        # written to a file and one read back from a store are equal.
        text = f"{float(value):.3f}".rstrip("0").rstrip(".")
        return text or "0", XSD + "decimal"
    if kind == "boolean":
        return ("true" if value else "false"), XSD + "boolean"
    if kind == "date":
        value = str(value)
        return value, _DATE_TYPES[len(value)] if _DATE.match(value) else None
    if kind == "anyURI":
        return str(value), XSD + "anyURI"
    return str(value), None


def from_text(field: Field, text: str):
    """A field's value from the lexical form RDF gave back."""
    kind = field.datatype
    if kind == "integer":
        return int(text)
    if kind == "decimal":
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "wikidata":
        return text[len(WIKIDATA) :] if text.startswith(WIKIDATA) else text
    return text
