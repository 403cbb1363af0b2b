"""The RDF view: statements with provenance, direct triples, named graphs, round trips."""

from __future__ import annotations

import networkx as nx
import owlrl
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from stancegraph.graph.build import build_graph
from stancegraph.graph.rdf import (
    FORMATS,
    actor_iri,
    graph_from_quads,
    graph_iri,
    to_quads,
    write_rdf,
)
from stancegraph.ontology import data_path
from stancegraph.ontology.namespace import SG


def parse(path, name) -> rdflib.Graph:
    """Read a file back with rdflib (an independent parser: Oxigraph wrote it)."""
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld",
                     "rdfxml": "xml", "trig": "trig", "nquads": "nquads"}[name]  # fmt: skip
    if FORMATS[name][2]:
        ds = rdflib.Dataset()
        ds.parse(path, format=rdflib_format)
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return rdflib.Graph().parse(path, format=rdflib_format)


@pytest.fixture
def ttl(small_graph, tmp_path) -> rdflib.Graph:
    path = tmp_path / "g.ttl"
    write_rdf(small_graph, path)
    return parse(path, "turtle")


def test_rdf_statement_carries_its_provenance(ttl):
    norway = URIRef(actor_iri("norway"))
    (statement,) = set(ttl.subjects(SG.polarity, SG.Oppose)) & set(ttl.subjects(SG.position))
    assert (statement, RDF.type, SG.Statement) in ttl
    assert ttl.value(statement, SG.actor) == norway
    assert ttl.value(statement, SG.cueType) == Literal("rejects")
    assert ttl.value(statement, SG.startOffset).toPython() == 0
    assert ttl.value(statement, SG.endOffset).toPython() == 28
    assert str(ttl.value(statement, SG.evidence)) == 'Norway rejected the "quota".'
    assert ttl.value(statement, PROV.wasDerivedFrom) is not None
    position = ttl.value(statement, SG.position)
    assert (norway, SG.opposes, position) in ttl
    assert (URIRef(actor_iri("ana-lima")), SG.supports, position) in ttl
    assert (URIRef(actor_iri("ana-lima")), SG.leaderOf, URIRef(actor_iri("brazil"))) in ttl


def test_rdf_a_stance_on_an_actor_names_the_actor_not_a_position(ttl):
    norway, brazil = URIRef(actor_iri("norway")), URIRef(actor_iri("brazil"))
    (statement,) = ttl.subjects(SG.targetActor, brazil)
    assert ttl.value(statement, SG.actor) == norway
    assert ttl.value(statement, SG.polarity) == SG.Oppose
    assert ttl.value(statement, SG.position) is None
    assert (norway, SG.opposes, brazil) in ttl


def test_rdf_one_named_graph_per_document(small_graph):
    quads = to_quads(small_graph)
    doc_graph = graph_iri("doc/1")
    in_doc = {(q.subject.value, q.predicate.value) for q in quads
              if getattr(q.graph_name, "value", None) == doc_graph}  # fmt: skip
    assert (actor_iri("norway"), str(SG.opposes)) in in_doc
    described = {q.subject.value for q in quads if not hasattr(q.graph_name, "value")}
    assert actor_iri("norway") in described  # actors are described in the default graph
    assert "/" not in doc_graph.rsplit("graph/", 1)[1]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_every_format_parses_and_agrees(small_graph, tmp_path, name):
    path = tmp_path / f"graph{FORMATS[name][0][0]}"
    n = write_rdf(small_graph, path)
    back = parse(path, name)
    turtle = tmp_path / "reference.ttl"
    write_rdf(small_graph, turtle)
    assert isomorphic(back, parse(turtle, "turtle"))
    assert n >= len(back) > 40


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_hostile_literals_survive_every_format(make_extraction, tmp_path, name):
    hostile = ' "q" \\ \n <script>alert(1)</script> > ` \' \u2028 end'
    G = build_graph(make_extraction(hostile))
    path = tmp_path / f"graph{FORMATS[name][0][0]}"
    write_rdf(G, path)
    labels = {
        str(o) for o in parse(path, name).objects(URIRef(actor_iri("norway")), rdflib.RDFS.label)
    }
    assert labels == {"Norway" + hostile}


def test_rdf_same_input_same_bytes(small_graph, tmp_path):
    write_rdf(small_graph, tmp_path / "a.trig")
    write_rdf(build_graph_again(small_graph), tmp_path / "b.trig")
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "b.trig").read_bytes()


def build_graph_again(G):
    return nx.MultiDiGraph(G)


def test_rdf_graph_read_back_equals_graph(small_graph):
    back = graph_from_quads(to_quads(small_graph))
    assert set(back.nodes) == set(small_graph.nodes)
    for node, data in small_graph.nodes(data=True):
        for key in ("kind", "label", "type", "wikidata", "aliases", "date", "title"):
            assert back.nodes[node].get(key) == data.get(key), (node, key)

    def edges(G):
        return sorted(
            (u, v, k, d["count"], tuple(sorted(e["sentence"] for e in d.get("evidence", []))))
            for u, v, k, d in G.edges(keys=True, data=True)
        )

    assert edges(back) == edges(small_graph)


def test_rdf_iris_from_hostile_ids_are_escaped(make_extraction, tmp_path):
    import dataclasses

    x = make_extraction()
    hostile = 'doc> <x> "y" \\ z/1'
    x = dataclasses.replace(
        x,
        documents=[dataclasses.replace(d, id=hostile) for d in x.documents],
        statements=[dataclasses.replace(s, doc=hostile) for s in x.statements],
        relations=[dataclasses.replace(r, doc=hostile) for r in x.relations],
        mentions={(hostile, a): n for (_, a), n in x.mentions.items()},
    )
    for suffix, name in ((".ttl", "turtle"), (".nq", "nquads"), (".jsonld", "json-ld")):
        path = tmp_path / f"g{suffix}"
        write_rdf(build_graph(x), path)
        g = rdflib.Dataset()
        g.parse(path, format=name)
        quads = list(g.quads((None, None, None, None)))
        iris = {str(t) for quad in quads for t in quad if isinstance(t, URIRef)}
        assert not [iri for iri in iris if set(iri) & set(' <>"\\')], suffix
        ids = {str(o) for _, p, o, _ in quads if p == rdflib.DCTERMS.identifier}
        assert ids == {hostile}, suffix  # the id itself survives, as a literal


def test_rdf_actors_are_sg_actors_on_a_store_without_inference(small_graph):
    store = ox.Store()
    store.extend(to_quads(small_graph))
    found = store.query(f"SELECT ?a WHERE {{ ?a a <{SG.Actor}> }}", use_default_graph_as_union=True)
    actors = {actor_iri(n.split(":", 1)[1]) for n, k in small_graph.nodes(data="kind")
              if k == "actor"}  # fmt: skip
    assert (
        {row["a"].value for row in found}
        == actors
        == {actor_iri(a) for a in ("norway", "brazil", "ana-lima")}
    )


def test_rdf_types_hold_every_class_that_rdfs_inference_would_add(small_graph, tmp_path):
    path = tmp_path / "g.ttl"
    write_rdf(small_graph, path)
    plain = parse(path, "turtle")
    inferred = parse(path, "turtle").parse(data_path("stancegraph.ttl"), format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(inferred)
    ontology_terms = set(rdflib.Graph().parse(data_path("stancegraph.ttl")).all_nodes())
    instances = set(plain.subjects()) - ontology_terms

    def types(g):
        return {(s, c) for s, c in g.subject_objects(RDF.type)
                if s in instances and c in ontology_terms}  # fmt: skip

    assert types(inferred) == types(plain)
    ana = URIRef(actor_iri("ana-lima"))
    assert {(ana, SG.Actor), (ana, PROV.Agent), (ana, rdflib.FOAF.Person)} <= types(plain)
