"""Running the extraction over a corpus: in this process, in worker processes, or on Dask.

Nothing here reads text: batches of documents go to an
:class:`~stancegraph.extract.assemble.Extractor` (here or in a worker) and the
per-document results come back batch by batch in input order, at most a few
batches in flight, so the corpus is streamed (:func:`extract_batches`); a
store commits each batch as it comes back (:mod:`stancegraph.corpus`), and
:func:`extract_corpus` merges them in memory
(:func:`~stancegraph.extract.index.merge`). The result is the same however
the batches ran.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from threadpoolctl import threadpool_limits

from stancegraph.errors import StancegraphError
from stancegraph.extract import semantic
from stancegraph.extract.assemble import DocumentResult, Extractor, ExtractorConfig
from stancegraph.extract.index import merge
from stancegraph.extract.positions import read_concepts
from stancegraph.extract.records import Document, Extraction
from stancegraph.ontology import data_path

__all__ = ["BATCH_CHARS", "catalogue_of", "extract_batch", "extract_batches", "extract_corpus"]

#: a batch sent to a worker holds at most this many characters: a worker's memory
#: grows with its batches (parsing 155 UN speeches: 0.97 GB at 200 k characters,
#: 0.57 GB at 50 k, 0.50 GB at 25 k) while its speed stays the same
BATCH_CHARS = 50_000


def extract_corpus(
    documents: Iterable[Document],
    *,
    extractor: Extractor | None = None,
    config: ExtractorConfig | None = None,
    batch_size: int = 64,
    workers: int = 1,
    dask: str | None = None,
) -> Extraction:
    """Extract every document and merge the results into one :class:`Extraction`.

    In one process, with ``extractor`` (or one made from ``config``). With
    ``workers`` > 1 the documents are parsed and extracted in that many worker
    processes, each with its own pipeline made from ``config``, so that no
    spaCy ``Doc`` crosses a process boundary: only the documents go out and the
    small per-document results come back, in input order; this process loads
    no pipeline. With ``dask`` (a scheduler address, or ``"local"`` for a local
    cluster of ``workers`` processes) the same batches run on a Dask cluster.
    """
    config = config or (extractor.config if extractor is not None else ExtractorConfig.make())
    batches = extract_batches(
        documents,
        extractor=extractor,
        config=config,
        batch_size=batch_size,
        workers=workers,
        dask=dask,
    )
    results = (result for batch in batches for result in batch)
    return merge(results, *catalogue_of(config, extractor))


def catalogue_of(config: ExtractorConfig, extractor: Extractor | None = None):
    """The catalogue's concepts and the embedder that merging positions needs,
    without loading a pipeline when no ``extractor`` has one."""
    if extractor is not None:
        concepts, embedder = extractor.catalogue.concepts, extractor.catalogue.embedder
    else:
        concepts = read_concepts(config.positions or data_path("positions.ttl"))
        embedder = None
        if config.embeddings != "off":
            embedder = semantic.Embedder(model=config.embeddings == "model")
    # New positions merge by meaning with the catalogue's encoder, else the static one
    return concepts, embedder or semantic.Embedder(model=False)


def extract_batches(
    documents: Iterable[Document],
    *,
    extractor: Extractor | None = None,
    config: ExtractorConfig | None = None,
    batch_size: int = 64,
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[list[DocumentResult]]:
    """Each batch's :class:`DocumentResult` s as soon as it is extracted, in input order
    (see :func:`extract_corpus`); a long document's parts come in the same batch."""
    if workers <= 1 and dask is None:
        for batch in _batches(documents, batch_size):
            if extractor is None:  # not before there is something to extract
                extractor = Extractor(config or ExtractorConfig.make())
            parsed = extractor.parse(batch, len(batch))
            yield [extractor.extract_document(d, doc) for d, doc in parsed]
        return
    config = config or extractor.config
    if dask is not None:
        yield from _on_dask(documents, config, batch_size, dask, workers)
    else:
        yield from _in_processes(documents, config, batch_size, workers)


#: the extractor of a worker process, made once for its configuration
_worker: tuple[ExtractorConfig, Extractor] | None = None


def extract_batch(
    config: ExtractorConfig, documents: list[Document], batch_size: int = 64
) -> list[DocumentResult]:
    """Extract a batch of documents in a worker (its extractor is made once).

    A worker parses on one core: the workers share the machine's cores, so the
    matrix library runs one thread for the batch (``threadpoolctl``, within
    this call only).
    """
    global _worker
    if _worker is None or _worker[0] != config:
        _worker = (config, Extractor(config))
    extractor = _worker[1]
    with threadpool_limits(limits=1):
        return [
            extractor.extract_document(d, doc) for d, doc in extractor.parse(documents, batch_size)
        ]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Batches of at most ``size`` documents and :data:`BATCH_CHARS` characters."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if batch and (len(batch) >= size or chars + len(document.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += len(document.text)
    if batch:
        yield batch


def _bounded(submit, documents, batch_size: int, in_flight: int) -> Iterator[list[DocumentResult]]:
    """Submit batches, keeping at most ``in_flight`` pending; yield their results in order."""
    pending: deque = deque()
    for batch in _batches(documents, batch_size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _in_processes(documents, config: ExtractorConfig, batch_size: int, workers: int):
    context = multiprocessing.get_context("spawn")  # no threads or model state forked
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _bounded(
            lambda batch: pool.submit(extract_batch, config, batch, batch_size),
            documents,
            batch_size,
            2 * workers,
        )


def _on_dask(documents, config: ExtractorConfig, batch_size: int, address: str, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise StancegraphError(
            "--dask needs the distributed extra: pip install 'stancegraph[distributed]'"
        ) from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="10s")
        except OSError as err:
            raise StancegraphError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        n_workers = max(len(client.scheduler_info()["workers"]), 1)
        scattered = client.scatter(config, broadcast=True)
        yield from _bounded(
            lambda batch: client.submit(extract_batch, scattered, batch, batch_size, pure=False),
            documents,
            batch_size,
            2 * n_workers,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
