"""A persistent RDF store (Oxigraph on disk) that grows document by document.

Each document lives in its own named graph (see :mod:`stancegraph.graph.rdf`),
with a hash of its text. Writing a build into a store replaces the graphs of
the documents it holds and leaves the others alone; the default graph, where
actors and positions are described, only grows, and it grows the same way
whatever the order. It is written first, then the documents' graphs in
transactions of a bounded size (:data:`BATCH_QUADS`), a document's graph never
split across two. So building a document again changes nothing, adding
documents adds only what is new, and a build killed at any moment leaves every
document either as it was, written whole, or missing, which the next build
adds (it skips only the documents the store holds).

Only one process may write a store at a time: a second one waits for it (up
to ``wait`` seconds) and then stops with a clear message.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from stancegraph.errors import StancegraphError
from stancegraph.graph.rdf import graph_from_quads, graph_iri, to_quads
from stancegraph.ontology.namespace import SG

__all__ = [
    "StoreReport",
    "open_store",
    "read_store",
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
    """Write the graph into the store; the documents it holds replace their old graphs."""
    quads = to_quads(G)
    report = StoreReport(quads_written=len(quads))
    doc_ids = [n.split(":", 1)[1] for n, d in G.nodes(data=True) if d["kind"] == "document"]
    for doc_id in doc_ids:
        graph = ox.NamedNode(graph_iri(doc_id))
        if store.contains_named_graph(graph):
            # Removing first, then adding in one transaction: if the build is killed
            # in between, the document is simply missing and the next build adds it.
            store.remove_graph(graph)
            report.documents_replaced += 1
        else:
            report.documents_added += 1
    graphs: dict[object, list[ox.Quad]] = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    del quads
    store.extend(graphs.pop(ox.DefaultGraph(), []))
    batch: list[ox.Quad] = []
    for graph_quads in graphs.values():
        batch.extend(graph_quads)
        if len(batch) >= BATCH_QUADS:
            store.extend(batch)
            batch = []
    store.extend(batch)
    store.flush()
    report.quads_in_store = len(store)
    return report


def read_store(store: ox.Store) -> nx.MultiDiGraph:
    """The whole store as the networkx stance graph, for views of the whole corpus."""
    return graph_from_quads(store.quads_for_pattern(None, None, None, None))
