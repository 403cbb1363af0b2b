"""A persistent RDF store (Oxigraph on disk) that grows document by document.

Each document lives in its own named graph (see :mod:`stancegraph.graph.rdf`),
with a hash of its text; actors and positions are described in the default
graph. :func:`replace_graphs` replaces some documents' graphs and some
actors' and positions' descriptions: the old ones are removed in one
transaction, then the new quads are added in transactions of a bounded size
(:data:`BATCH_QUADS`), a document's graph never split across two. A build
killed in between leaves those documents missing, never half written; the
build keeps a note of what it was writing and writes it again
(:mod:`stancegraph.corpus`). :func:`write_store` writes a whole graph so.

Only one process may write a store at a time: a second one waits for it (up
to ``wait`` seconds) and then stops with a clear message.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from stancegraph.errors import StancegraphError
from stancegraph.extract.records import Actor, Extraction, Position
from stancegraph.graph.build import build_graph
from stancegraph.graph.rdf import graph_from_quads, graph_iri, to_quads
from stancegraph.ontology.namespace import SG

__all__ = [
    "StoreReport",
    "description_quads",
    "document_quads",
    "open_store",
    "read_store",
    "replace_graphs",
    "stored_documents",
    "write_store",
]


@dataclass
class StoreReport:
    """What a write into a store did."""

    documents_added: int = 0
    documents_replaced: int = 0
    quads_written: int = 0
    quads_in_store: int = 0


def open_store(path: str | Path, *, read_only: bool = False, wait: float = 30.0) -> ox.Store:
    """Open (or create) the store at ``path``.

    A store that another process is writing is waited for up to ``wait``
    seconds; then :class:`StancegraphError` says so in one line.
    """
    path = Path(path)
    if read_only and not (path / "CURRENT").exists():
        raise StancegraphError(f"{path}: no stancegraph store here (build one with --store)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as err:
            message = " ".join(str(err).split())
            locked = "lock" in message.lower()
            if locked and time.monotonic() < deadline:
                time.sleep(0.5)
                continue
            if locked:
                raise StancegraphError(
                    f"{path}: the store is in use by another stancegraph process; "
                    f"waited {wait:.0f} s (try again when it has finished)"
                ) from None
            raise StancegraphError(f"{path}: cannot open the store: {message}") from None


_DOCUMENTS = f"""
SELECT ?id ?hash WHERE {{
  GRAPH ?g {{ ?doc a <{SG.Document}> ; <{SG.contentHash}> ?hash ;
                   <http://purl.org/dc/terms/identifier> ?id }}
}}"""


def stored_documents(store: ox.Store) -> dict[str, str]:
    """Document id -> content hash of every document in the store."""
    return {row["id"].value: row["hash"].value for row in store.query(_DOCUMENTS)}


#: quads written in one transaction: Oxigraph holds a transaction in memory
#: (the 858 k quads of the UN corpus in one went from 0.2 to 1.9 GB, in batches to 1.35 GB)
BATCH_QUADS = 50_000


def write_store(store: ox.Store, G: nx.MultiDiGraph) -> StoreReport:
    """Write the graph into the store; the documents it holds replace their old graphs,
    and the actors and positions it describes their old descriptions."""
    quads = to_quads(G)
    report = StoreReport(quads_written=len(quads))
    doc_ids = [n.split(":", 1)[1] for n, d in G.nodes(data=True) if d["kind"] == "document"]
    for doc_id in doc_ids:
        if store.contains_named_graph(ox.NamedNode(graph_iri(doc_id))):
            report.documents_replaced += 1
        else:
            report.documents_added += 1
    described = {q.subject.value for q in quads if q.graph_name == ox.DefaultGraph()}
    replace_graphs(store, doc_ids, described, quads)
    store.flush()
    report.quads_in_store = len(store)
    return report


def document_quads(extraction: Extraction) -> list[ox.Quad]:
    """The quads of the named graphs of the extraction's documents (what they say)."""
    return [q for q in to_quads(build_graph(extraction)) if q.graph_name != ox.DefaultGraph()]


def description_quads(actors: Iterable[Actor], positions: Iterable[Position]) -> list[ox.Quad]:
    """The quads that describe actors and positions, in the default graph."""
    return to_quads(build_graph(Extraction(actors=list(actors), positions=list(positions))))


#: named graphs and subjects removed in one SPARQL update
_REMOVE_AT_ONCE = 2_000


def replace_graphs(
    store: ox.Store, doc_ids: Iterable[str], subjects: Iterable[str], quads: Iterable[ox.Quad]
) -> None:
    """Remove the documents' graphs and the default graph's descriptions of ``subjects``
    (IRIs), then add ``quads``: a document's quads in one transaction, the default
    graph's first."""
    doc_ids, subjects = sorted(set(doc_ids)), sorted(set(subjects))
    for i in range(0, max(len(doc_ids), len(subjects)), _REMOVE_AT_ONCE):
        drops = [f"DROP SILENT GRAPH <{graph_iri(d)}>" for d in doc_ids[i : i + _REMOVE_AT_ONCE]]
        described = " ".join(f"<{s}>" for s in subjects[i : i + _REMOVE_AT_ONCE])
        if described:
            drops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {described} }} ?s ?p ?o }}")
        store.update(" ;\n".join(drops))
    graphs: dict[object, list[ox.Quad]] = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    store.extend(graphs.pop(ox.DefaultGraph(), []))
    batch: list[ox.Quad] = []
    for graph_quads in graphs.values():
        batch.extend(graph_quads)
        if len(batch) >= BATCH_QUADS:
            store.extend(batch)
            batch = []
    store.extend(batch)


def read_store(store: ox.Store) -> nx.MultiDiGraph:
    """The whole store as the networkx stance graph, for views of the whole corpus."""
    return graph_from_quads(store.quads_for_pattern(None, None, None, None))
