"""The one way through the data: read -> extract -> graph -> views.

:func:`build` is what ``stancegraph build`` runs; notebooks and scripts call
it the same way.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from stancegraph.corpus import INDEX_FILE, Corpus, options_of
from stancegraph.errors import InputError, StancegraphError
from stancegraph.extract.assemble import ExtractorConfig
from stancegraph.extract.curation import Curation, CurationReport, apply_curation, load_curation
from stancegraph.extract.documents import read_documents
from stancegraph.extract.execution import catalogue_of, extract_batches
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.index import CorpusIndex
from stancegraph.extract.nlp import DEFAULT_MODEL
from stancegraph.extract.records import Document, Extraction
from stancegraph.graph.build import build_graph
from stancegraph.graph.exports import write_exports
from stancegraph.graph.html import page_graph, write_html
from stancegraph.graph.io import temporary_folder
from stancegraph.graph.network_html import write_network_html
from stancegraph.graph.networks import NETWORKS
from stancegraph.graph.store import StoreReport, open_store
from stancegraph.graph.tables import TableStream, read_tables, stream_tables, write_tables
from stancegraph.review.base import write_base

__all__ = ["BuildReport", "build", "render"]

#: show a progress bar once a build has read more documents than this
PROGRESS_AFTER = 5


@dataclass
class BuildReport:
    """What a build read, found and wrote."""

    outdir: Path | None
    documents: int = 0
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    graph: nx.MultiDiGraph | None = None
    #: the extraction the views show, when the build held it (see :attr:`extraction`)
    _extraction: Extraction | None = field(default=None, repr=False)
    #: what a curation file changed, and its corrections that matched nothing
    curation: CurationReport | None = None
    #: documents skipped because the store already has them, unchanged
    skipped: int = 0
    #: what the build wrote into its store, if it has one
    store: StoreReport | None = None

    @property
    def extraction(self) -> Extraction | None:
        """The extraction the views show: read back from the tables when first asked for
        (a build writes them document by document and does not hold it), the curated
        one of a curated build; None for a build into a store only."""
        if self._extraction is None and self.outdir is not None and self.counts:
            self._extraction = read_tables(self.outdir)
        return self._extraction

    @property
    def html(self) -> Path | None:
        return self.outdir / "graph.html" if self.outdir is not None else None


def _skipping(documents: Iterator[Document], skip: Callable[[Document], bool], report):
    for document in documents:
        if skip(document):
            report.skipped += 1
        else:
            yield document


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
    outdir: str | Path | None = None,
    *,
    store: str | Path | None = None,
    model: str = DEFAULT_MODEL,
    positions: str | Path | None = None,
    gazetteer: Iterable[str | Path] = (),
    embeddings: bool | str | None = None,
    rdf_formats: Iterable[str] = ("turtle",),
    max_nodes: int = 1500,
    focus: str | None = None,
    curation: Curation | str | Path | None = None,
    batch_size: int = 64,
    workers: int = 1,
    dask: str | None = None,
    max_document_bytes: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
) -> BuildReport:
    """Build the stance graph of ``inputs`` into ``outdir``, into a ``store``, or both.

    Writes the tables (``actors``, ``statements``, ``relations``, ``positions``,
    ``documents``, as ``.jsonl``), the files of
    :data:`~stancegraph.graph.exports.EXPORTS` (``graph.ttl``, ``graph.graphml``,
    ``graph.gexf``, CSV tables, ``dna.csv``) and ``graph.html``, each
    atomically: a reader sees the previous file or the new one.

    ``curation`` (a file or a :class:`~stancegraph.extract.curation.Curation`)
    is applied to the extraction before the views in ``outdir`` are made;
    ``report.curation`` says what it changed and which corrections matched
    nothing. The extraction before it is kept in ``OUTDIR/uncurated/`` for
    ``stancegraph review``. ``focus`` and ``max_nodes`` shape the HTML page
    (see :func:`~stancegraph.graph.html.write_html`).

    Documents are extracted in batches and each batch is committed as it comes
    (:class:`~stancegraph.corpus.Corpus`): with a ``store`` (an Oxigraph
    folder, see :mod:`stancegraph.graph.store`) into it, its records and the
    corpus-level index beside it, so that a build killed at any moment loses
    only the batches being extracted, and the same build again finishes the
    job: documents the store already has, unchanged, are skipped
    (``report.skipped``). A new day's articles cost only themselves, and the
    store ends as a build of all its documents at once would leave it. The
    views in ``outdir``, if given, show the whole store. Without a store the
    records wait in a temporary database until the views are written.
    ``report.graph`` and ``report.extraction`` are the views' (None for a
    build into a store only, which holds no more than the corpus-level index);
    the extraction is read back from the tables when asked for.

    The tables are written document by document from the committed records
    under the final corpus-level decisions (a later document can change the
    actor or position an earlier one's statement names), and the other views
    from them (:class:`~stancegraph.graph.tables.TableStream`): besides the
    index, what a build holds is the graph of its views. Every view is
    written into a temporary folder in ``outdir`` and moved into place at the
    end, so a build killed or failed on the way leaves the views that were there.
    """
    if outdir is None and store is None:
        raise StancegraphError("say where to build: an output folder, a store, or both")
    report = BuildReport(Path(outdir) if outdir is not None else None)
    if isinstance(curation, str | Path):  # read it first: a bad file fails before the parsing
        curation = load_curation(curation)
    if curation is not None and outdir is None:
        raise StancegraphError(
            "a curation corrects the views: give an output folder too "
            "(the store keeps the extraction as read)"
        )

    def error(err: InputError) -> None:
        report.errors.append(err)
        if on_error is not None:
            on_error(err)

    def duplicate(dup_id: str, kept_id: str) -> None:
        report.duplicates += 1

    config = ExtractorConfig.make(model, Gazetteer.load(gazetteer), positions, embeddings)
    with contextlib.ExitStack() as views:
        with _corpus(store, outdir, config) as corpus:
            documents = read_documents(
                inputs, on_error=error, on_duplicate=duplicate, max_bytes=max_document_bytes
            )
            documents = _skipping(
                documents, lambda d: corpus.hash_of(d.id) == d.content_hash, report
            )
            batches = extract_batches(
                _counting(documents, report, progress),
                config=config,
                batch_size=batch_size,
                workers=workers,
                dask=dask,
            )
            for batch in batches:
                corpus.commit(batch)
            corpus.refresh()
            if corpus.rdf is not None:
                report.store = StoreReport(
                    documents_added=corpus.report.documents_added,
                    documents_replaced=corpus.report.documents_replaced,
                    quads_in_store=len(corpus.rdf),
                )
            if outdir is None:
                return report
            outdir = Path(outdir)
            # Every view is written into a folder beside them and moved into place at the end:
            # a build that fails or is killed before leaves the views that were there.
            staging = views.enter_context(temporary_folder(outdir / "views"))
            # The views show the whole store, not only what this build added.
            by_id = store is not None
            if curation is None:
                # Document by document: the tables, then the graph from them, hold no
                # statement but the graph's own.
                d = corpus.decisions
                report.counts = stream_tables(
                    corpus.documents(by_id=by_id), d.actors.values(), d.positions.values(), staging
                )
                extraction = uncurated = TableStream(staging)
            else:  # a curation corrects the whole extraction at once
                uncurated = corpus.extraction(by_id=by_id)
                extraction, report.curation = apply_curation(uncurated, curation)
                report.counts = write_tables(extraction, staging)
        G = build_graph(extraction)
        exported = write_exports(G, extraction, staging, rdf_formats)
        write_html(G, staging / "graph.html", max_nodes=max_nodes, focus=focus)
        # What the curation started from, for `stancegraph review` (see stancegraph/review/base.py).
        curated = curation is not None
        named = curation.source if curated and Path(curation.source).is_file() else None
        write_base(outdir, uncurated if curated else None, named)
        for path in staging.iterdir():
            os.replace(path, outdir / path.name)
    report.files = [outdir / name for name in report.counts]
    report.files += [outdir / path.name for path in exported] + [outdir / "graph.html"]
    report.graph = G
    report._extraction = extraction if curated else None
    return report


@contextlib.contextmanager
def _corpus(store: str | Path | None, outdir: str | Path | None, config: ExtractorConfig):
    """The corpus a build commits into: a store's, or a temporary one beside the views."""
    index = CorpusIndex(*catalogue_of(config))
    if store is None:
        with temporary_folder(Path(outdir) / ".records") as folder:
            corpus = Corpus.open(folder / INDEX_FILE, index)
            try:
                yield corpus
            finally:
                corpus.close()
        return
    rdf = open_store(store)
    options = options_of(config.positions, config.embeddings)
    corpus = Corpus.open(Path(store) / INDEX_FILE, index, rdf, options=options)
    try:
        yield corpus
    finally:
        corpus.close()
        rdf.flush()


def render(
    outdir: str | Path,
    *,
    network: str | None = None,
    out: str | Path | None = None,
    max_nodes: int = 1500,
    focus: str | None = None,
    title: str | None = None,
) -> dict:
    """Draw a build again from its tables, without re-reading the documents.

    Without ``network`` this writes the stance page (``OUTDIR/graph.html`` by
    default); with a name of :data:`~stancegraph.graph.networks.NETWORKS`
    (``actor-position``, ``congruence``, ``conflict``) the derived network
    (``OUTDIR/<network>.html``). Returns the page's summary (see
    :func:`~stancegraph.graph.html.write_html`).
    """
    outdir = Path(outdir)
    if network is not None and network not in NETWORKS:
        raise StancegraphError(f"unknown network {network!r} (use {', '.join(NETWORKS)})")
    # The tables are read statement by statement, and the graph holds only what the view
    # draws: the page the evidence of its links, a network the counts.
    tables = TableStream(outdir)
    if network is None:
        path = Path(out) if out is not None else outdir / "graph.html"
        G = page_graph(tables, max_nodes=max_nodes, focus=focus)
        return write_html(G, path, max_nodes=max_nodes, focus=focus, title=title or "stancegraph")
    path = Path(out) if out is not None else outdir / f"{network}.html"
    return write_network_html(
        NETWORKS[network](build_graph(tables, keep=lambda node: False)),
        path,
        max_nodes=max_nodes,
        focus=focus,
        title=title or f"stancegraph: {network} network",
    )
