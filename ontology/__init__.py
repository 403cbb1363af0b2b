"""Domain knowledge as data: gazetteer, cue lexicon, roles, positions, the OWL ontology."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["data_path", "load_json", "superclasses"]

RDFS_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def data_path(name: str) -> Path:
    """The path of a data file shipped in this package."""
    return Path(str(files(__name__).joinpath(name)))


@cache
def load_json(name: str) -> dict:
    """A JSON data file of this package, parsed once per process."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@cache
def _subclass_of() -> dict[str, tuple[str, ...]]:
    import pyoxigraph as ox

    parents: dict[str, list[str]] = {}
    for triple in ox.parse(path=str(data_path("stancegraph.ttl")), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == RDFS_SUBCLASS_OF and isinstance(triple.object, ox.NamedNode):
            parents.setdefault(triple.subject.value, []).append(triple.object.value)
    return {child: tuple(sorted(above)) for child, above in parents.items()}


@cache
def superclasses(cls: str) -> tuple[str, ...]:
    """``cls`` and every class above it in ``stancegraph.ttl`` (``rdfs:subClassOf``,
    transitively): the types a build writes for an instance of ``cls``, so that a
    store without inference finds an ``sg:Person`` as an ``sg:Actor`` too.

    >>> from stancegraph.ontology.namespace import SG
    >>> superclasses(str(SG.State))  # doctest: +NORMALIZE_WHITESPACE
    ('https://w3id.org/stancegraph/ontology#State', 'https://schema.org/Country',
     'https://w3id.org/stancegraph/ontology#Actor', 'http://www.w3.org/ns/prov#Agent')
    """
    out, todo = [cls], [cls]
    while todo:
        for parent in _subclass_of().get(todo.pop(0), ()):
            if parent not in out:
                out.append(parent)
                todo.append(parent)
    return tuple(out)
