"""The ontology: the closed namespace and the Turtle agree, and the Turtle is OWL."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF

from stancegraph.ontology import data_path, superclasses
from stancegraph.ontology.namespace import ONTOLOGY_IRI, SG


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(data_path("stancegraph.ttl"), format="turtle")


def defined_terms(g: rdflib.Graph) -> set[str]:
    ns = ONTOLOGY_IRI + "#"
    return {str(s)[len(ns) :] for s in g.subjects() if str(s).startswith(ns)}


def test_namespace_matches_turtle(ontology):
    declared = {name for name in SG.__annotations__}
    assert declared == defined_terms(ontology)


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        SG.Statment  # noqa: B018  (a typo must fail)


def test_every_term_has_a_type_and_label(ontology):
    for name in defined_terms(ontology):
        term = SG[name]
        assert (term, RDF.type, None) in ontology, name
        assert (term, rdflib.RDFS.label, None) in ontology, name


def test_ontology_header(ontology):
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology


def test_ontology_superclasses_follow_subclass_of_transitively(ontology):
    import doctest

    import stancegraph.ontology

    assert doctest.testmod(stancegraph.ontology).failed == 0
    for cls in ontology.subjects(RDF.type, OWL.Class):
        above = set(superclasses(str(cls)))
        expected = {str(c) for c in ontology.transitive_objects(cls, rdflib.RDFS.subClassOf)}
        assert above == expected, cls
    assert str(SG.Actor) in superclasses(str(SG.Group))
