"""The RDF view: statements with provenance, direct triples, named graphs, round trips."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from stancegraph.graph.build import build_graph
from stancegraph.graph.rdf import FORMATS, actor_iri, graph_iri, to_dataset, write_rdf
from stancegraph.ontology.namespace import SG


def union(ds) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_rdf_statement_carries_its_provenance(small_graph):
    g = union(to_dataset(small_graph))
    (statement,) = g.subjects(SG.polarity, SG.Oppose)
    assert g.value(statement, RDF.type) == SG.Statement
    assert g.value(statement, SG.actor) == actor_iri("norway")
    assert g.value(statement, SG.cueType) == Literal("rejects")
    assert g.value(statement, SG.startOffset).toPython() == 0
    assert g.value(statement, SG.endOffset).toPython() == 28
    assert str(g.value(statement, SG.evidence)) == 'Norway rejected the "quota".'
    assert g.value(statement, PROV.wasDerivedFrom) is not None
    position = g.value(statement, SG.position)
    assert (actor_iri("norway"), SG.opposes, position) in g
    assert (actor_iri("ana-lima"), SG.supports, position) in g
    assert (actor_iri("ana-lima"), SG.leaderOf, actor_iri("brazil")) in g


def test_rdf_one_named_graph_per_document(small_graph):
    ds = to_dataset(small_graph)
    named = ds.graph(graph_iri("doc/1"))
    assert (None, SG.polarity, SG.Oppose) in named
    assert (actor_iri("norway"), SG.opposes, None) in named
    # Actors are described once, in the default graph.
    assert (actor_iri("norway"), RDF.type, SG.State) in ds.default_graph
    assert "/" not in str(graph_iri("doc/1")).rsplit("graph/", 1)[1]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_round_trip_every_format(small_graph, tmp_path, name):
    suffix, rdflib_format, quads = FORMATS[name]
    path = tmp_path / f"graph{suffix[0]}"
    write_rdf(small_graph, path)
    ds = to_dataset(small_graph)
    if quads:
        back = rdflib.Dataset()
        back.parse(path, format=rdflib_format)
        assert isomorphic(union(back), union(ds))
        assert len(list(back.graphs())) >= 2
    else:
        back = rdflib.Graph().parse(path, format=rdflib_format)
        assert isomorphic(back, union(ds))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rdf_hostile_literals_survive_every_format(make_extraction, tmp_path, name):
    hostile = ' "q" \\ \n <script>alert(1)</script> > ` \' \u2028 end'
    G = build_graph(make_extraction(hostile))
    suffix, rdflib_format, quads = FORMATS[name]
    path = tmp_path / f"graph{suffix[0]}"
    write_rdf(G, path)
    if quads:
        back = rdflib.Dataset()
        back.parse(path, format=rdflib_format)
        back = union(back)
    else:
        back = rdflib.Graph().parse(path, format=rdflib_format)
    labels = {str(o) for o in back.objects(actor_iri("norway"), rdflib.RDFS.label)}
    assert labels == {"Norway" + hostile}


def test_rdf_same_input_same_graph(small_graph):
    assert isomorphic(union(to_dataset(small_graph)), union(to_dataset(small_graph)))
    assert set(union(to_dataset(small_graph))) == set(union(to_dataset(small_graph)))
