"""Files for other tools, written by every build: RDF, GraphML, GEXF, CSV and DNA tables.

:data:`EXPORTS` maps each file name to its writer; :func:`write_exports`
writes them all into a build's folder, each atomically. The JSON Lines tables
(:mod:`stancegraph.graph.tables`) and the HTML page (:mod:`stancegraph.graph.html`)
are written beside them by :func:`stancegraph.pipeline.build`.

- ``graph.gexf``: the graph for Gephi, with scalar attributes only (see
  :func:`~stancegraph.graph.graphml.flat_graph`) and ``weight`` = evidence count.
- ``actors.csv``, ``statements.csv``, ``relations.csv``: the JSON Lines tables as
  CSV (UTF-8, a header row, RFC 4180 quoting); lists are joined with ``"; "``,
  missing values are empty.
- ``dna.csv``: the statements in the layout Discourse Network Analyzer imports:
  ``person``, ``organization``, ``concept``, ``agreement`` (1 support, 0 oppose;
  neutral statements are left out), ``date``, ``text``. A Person's
  organisation is the actor it leads, represents, speaks for, works for or belongs to
  (see :func:`dna_rows`); any other actor is the organisation itself.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from stancegraph.extract.records import Actor, Extraction, Relation, Statement
from stancegraph.graph.build import organisation_of, organisation_roles
from stancegraph.graph.graphml import flat_graph, write_graphml
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.rdf import FORMATS, to_quads, write_rdf
from stancegraph.graph.tables import TABLES

__all__ = ["EXPORTS", "DNA_COLUMNS", "dna_rows", "write_csv", "write_exports", "write_gexf"]

DNA_COLUMNS = ("person", "organization", "concept", "agreement", "date", "text")
LIST_SEPARATOR = "; "


def _columns(record: type, *extra: str) -> list[str]:
    return [f.name for f in dataclasses.fields(record)] + list(extra)


def write_csv(rows: Iterable[dict], path: str | Path, columns: Iterable[str]) -> int:
    """Write rows as CSV with a header row, atomically; return how many rows were written.

    Lists are joined with ``"; "`` and None is written as an empty field.
    """
    columns = list(columns)
    n = 0
    with atomic_writer(path) as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
            n += 1
    return n


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write GEXF 1.2 for Gephi, atomically: scalar attributes, ``weight`` = evidence count."""
    flat = flat_graph(G)
    for _, _, d in flat.edges(data=True):
        d["weight"] = d.get("count", 1)
    _one_type_per_attribute(flat.nodes.values())
    _one_type_per_attribute(d for *_, d in flat.edges(data=True))
    with atomic_writer(path, "wb") as f:
        nx.write_gexf(flat, f, encoding="utf-8")


def _one_type_per_attribute(items: Iterable[dict]) -> None:
    """GEXF declares one type per attribute: where numbers mix ints and floats, use floats."""
    items = list(items)
    floats = {k for d in items for k, v in d.items() if isinstance(v, float)}
    for d in items:
        for k in floats & d.keys():
            if isinstance(d[k], int) and not isinstance(d[k], bool):
                d[k] = float(d[k])


def dna_rows(extraction: Extraction) -> Iterable[dict]:
    """The statements as Discourse Network Analyzer rows (see the module docstring).

    A Person's organisation is taken from its roles
    (:func:`~stancegraph.graph.build.organisation_of`), a role read in the
    statement's own document first. The date is the statement's, else its
    document's.
    """
    actors = {a.id: a for a in extraction.actors}
    labels = {a.id: a.label for a in extraction.actors}
    doc_dates = {d.id: d.date for d in extraction.documents}
    roles = organisation_roles(extraction.relations)
    for st in extraction.statements:
        if st.polarity not in ("support", "oppose"):
            continue
        actor = actors.get(st.actor_id) or Actor(st.actor_id, st.actor, "")
        if actor.type == "Person":
            person = actor.label
            organization = organisation_of(roles.get(actor.id, []), labels, st.doc)
        else:
            person, organization = "", actor.label
        yield {
            "person": person,
            "organization": organization,
            "concept": st.position,
            "agreement": 1 if st.polarity == "support" else 0,
            "date": st.date or doc_dates.get(st.doc) or "",
            "text": st.evidence,
        }


#: file name -> writer(G, extraction, path); :func:`write_exports` writes each into OUTDIR
#: (and the RDF, in the formats asked for)
EXPORTS: dict[str, Callable[[nx.MultiDiGraph, Extraction, Path], Any]] = {
    "graph.graphml": lambda G, x, path: write_graphml(G, path),
    "graph.gexf": lambda G, x, path: write_gexf(G, path),
    "actors.csv": lambda G, x, path: write_csv(TABLES["actors.jsonl"](x), path, _columns(Actor)),
    "statements.csv": lambda G, x, path: write_csv(
        TABLES["statements.jsonl"](x), path, _columns(Statement, "actor_wikidata")
    ),
    "relations.csv": lambda G, x, path: write_csv(
        TABLES["relations.jsonl"](x), path, _columns(Relation)
    ),
    "dna.csv": lambda G, x, path: write_csv(dna_rows(x), path, DNA_COLUMNS),
}


def write_exports(
    G: nx.MultiDiGraph,
    extraction: Extraction,
    outdir: str | Path,
    rdf_formats: Iterable[str] = ("turtle",),
) -> list[Path]:
    """Write every file of :data:`EXPORTS` into ``outdir``, the RDF as ``graph.<ext>`` in
    each of ``rdf_formats`` (names of :data:`stancegraph.graph.rdf.FORMATS`); return the paths."""
    outdir = Path(outdir)
    paths = []
    formats = list(dict.fromkeys(rdf_formats))
    # The quads are made once for several formats, and not held while the rest is written.
    quads = to_quads(G) if len(formats) > 1 else None
    for name in formats:
        path = outdir / f"graph{FORMATS[name][0][0]}"
        write_rdf(G, path, format=name, quads=quads)
        paths.append(path)
    del quads
    for name, export in EXPORTS.items():
        export(G, extraction, outdir / name)
        paths.append(outdir / name)
    return paths
