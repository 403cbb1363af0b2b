"""The one way through the data: read -> extract -> graph -> views.

:func:`build` is what ``stancegraph build`` runs; notebooks and scripts call
it the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from stancegraph.errors import InputError
from stancegraph.extract.corpus import Extractor, extract_corpus
from stancegraph.extract.documents import read_documents
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.nlp import DEFAULT_MODEL
from stancegraph.extract.records import Document, Extraction
from stancegraph.graph.build import build_graph
from stancegraph.graph.graphml import write_graphml
from stancegraph.graph.html import write_html
from stancegraph.graph.rdf import write_rdf
from stancegraph.graph.tables import write_tables

__all__ = ["BuildReport", "build", "extract"]

#: show a progress bar once a build has read more documents than this
PROGRESS_AFTER = 5


@dataclass
class BuildReport:
    """What a build read, found and wrote."""

    outdir: Path
    documents: int = 0
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    graph: nx.MultiDiGraph | None = None
    extraction: Extraction | None = None

    @property
    def html(self) -> Path:
        return self.outdir / "graph.html"


def extract(
    inputs: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    positions: str | Path | None = None,
    gazetteer: Iterable[str | Path] = (),
    embeddings: bool | None = None,
    batch_size: int = 64,
    workers: int = 1,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
    report: BuildReport | None = None,
) -> Extraction:
    """Read and extract the inputs: the first half of :func:`build`."""
    report = report or BuildReport(Path("."))

    def error(err: InputError) -> None:
        report.errors.append(err)
        if on_error is not None:
            on_error(err)

    def duplicate(dup_id: str, kept_id: str) -> None:
        report.duplicates += 1

    extractor = Extractor(
        model=model,
        gazetteer=Gazetteer.load(gazetteer),
        positions=positions,
        embeddings=embeddings,
    )
    documents = read_documents(inputs, on_error=error, on_duplicate=duplicate)
    counted = _counting(documents, report, progress)
    return extract_corpus(counted, extractor=extractor, batch_size=batch_size, n_process=workers)


def _counting(documents: Iterator[Document], report: BuildReport, progress: bool):
    bar = None
    try:
        for document in documents:
            report.documents += 1
            if progress and bar is None and report.documents > PROGRESS_AFTER:
                from tqdm import tqdm

                bar = tqdm(desc="documents", unit="doc", file=sys.stderr, initial=PROGRESS_AFTER)
            if bar is not None:
                bar.update(1)
            yield document
    finally:
        if bar is not None:
            bar.close()


def build(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    model: str = DEFAULT_MODEL,
    positions: str | Path | None = None,
    gazetteer: Iterable[str | Path] = (),
    embeddings: bool | None = None,
    max_nodes: int = 1500,
    batch_size: int = 64,
    workers: int = 1,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
) -> BuildReport:
    """Build the stance graph of ``inputs`` into ``outdir``.

    Writes ``actors.jsonl``, ``statements.jsonl``, ``relations.jsonl``,
    ``positions.jsonl``, ``graph.ttl``, ``graph.graphml`` and ``graph.html``,
    each atomically: a reader sees the previous file or the new one.
    """
    outdir = Path(outdir)
    report = BuildReport(outdir)
    extraction = extract(
        inputs,
        model=model,
        positions=positions,
        gazetteer=gazetteer,
        embeddings=embeddings,
        batch_size=batch_size,
        workers=workers,
        on_error=on_error,
        progress=progress,
        report=report,
    )
    G = build_graph(extraction)
    report.counts = write_tables(extraction, outdir)
    write_rdf(G, outdir / "graph.ttl")
    write_graphml(G, outdir / "graph.graphml")
    write_html(G, outdir / "graph.html", max_nodes=max_nodes)
    report.files = [outdir / name for name in report.counts] + [
        outdir / "graph.ttl",
        outdir / "graph.graphml",
        outdir / "graph.html",
    ]
    report.graph = G
    report.extraction = extraction
    return report
