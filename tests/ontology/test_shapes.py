"""Every RDF format of a real build satisfies the SHACL shapes; broken data does not."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib

from stancegraph.graph.rdf import FORMATS, write_rdf
from stancegraph.ontology import data_path
from stancegraph.ontology.namespace import SG

RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml",
                  "trig": "trig", "nquads": "nquads"}  # fmt: skip


def validate(data: rdflib.Graph, *, inference: bool = False) -> tuple[bool, str]:
    """SHACL validation as `pyshacl -s shapes.ttl graph.ttl`: the data stands alone, no
    ontology and no inference; with ``inference``, as an inference-capable store sees it."""
    with_ontology = {"ont_graph": str(data_path("stancegraph.ttl")), "inference": "rdfs"}
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=str(data_path("shapes.ttl")), **(with_ontology if inference else {})
    )
    return conforms, text


def read(path, name) -> rdflib.Graph:
    if FORMATS[name][2]:
        ds = rdflib.Dataset()
        ds.parse(path, format=RDFLIB_FORMATS[name])
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return rdflib.Graph().parse(path, format=RDFLIB_FORMATS[name])


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_shapes_hold_for_every_format_of_the_seeds(seeds_report, tmp_path, name):
    path = tmp_path / f"graph{FORMATS[name][0][0]}"
    write_rdf(seeds_report.graph, path)
    conforms, text = validate(read(path, name))
    assert conforms, text


def test_shapes_hold_with_the_ontology_and_rdfs_inference_too(seeds_report, tmp_path):
    path = tmp_path / "graph.ttl"
    write_rdf(seeds_report.graph, path)
    conforms, text = validate(read(path, "turtle"), inference=True)
    assert conforms, text


def test_shapes_catch_an_actor_typed_only_by_its_subclass(seeds_report, tmp_path):
    path = tmp_path / "graph.ttl"
    write_rdf(seeds_report.graph, path)
    data = read(path, "turtle")
    data.remove((None, rdflib.RDF.type, SG.Actor))
    conforms, text = validate(data)
    assert not conforms
    assert "sg:actor" in text or str(SG.actor) in text


def test_shapes_catch_a_statement_without_its_direct_triple(seeds_report, tmp_path):
    path = tmp_path / "graph.ttl"
    write_rdf(seeds_report.graph, path)
    data = read(path, "turtle")
    for triple in list(data.triples((None, SG.supports, None))):
        data.remove(triple)
    data.remove(next(data.triples((None, SG.confidence, None))))
    conforms, text = validate(data)
    assert not conforms
    assert "direct actor-position triple" in text and "confidence" in text
