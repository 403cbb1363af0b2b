"""Build throughput and memory on a real corpus, against bare spaCy in the same run.

    python benchmarks/throughput.py bbc  [--workers 2] [--fractions 0.1 0.5 1]
    python benchmarks/throughput.py ungd [--workers 2] [--fractions 1] [--incremental]
    python benchmarks/throughput.py bbc --fractions 1 --same-ops

For each fraction of the corpus (its first documents), measures in separate
processes, one after the other:

- **spaCy**: bare ``nlp.pipe`` of the same model (its whole default
  pipeline), the same batch size and the same number of processes
  (``n_process``), over the same texts; the baseline;
- **stancegraph**: the whole ``stancegraph build`` of those documents into a
  fresh folder: reading, parsing, extraction, merging, the graph and every
  output file.

With ``--same-ops`` bare spaCy is also timed with the matrix library stancegraph
switches to (see :func:`stancegraph.extract.nlp.numpy_matmul`), so that the
cost of extraction on top of the same parsing can be read off.

Prints words per second, the ratio stancegraph/spaCy, wall time and the peak
resident memory of the whole process tree (workers included), so that growth
from 10 % to 100 % can be read off. With ``--incremental``, also builds the
whole corpus into a store and measures adding one new document to it, against
building that document alone.

The corpora are ``../shared/corpus/*/articles.jsonl`` (not in this repository).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "bbc": ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl",
    "ungd": ROOT.parent / "shared" / "corpus" / "ungdc_2017_2024" / "articles.jsonl",
}


def _spacy(path: str, workers: int, batch_size: int, same_ops: bool = False) -> None:
    if same_ops and workers > 1:  # one BLAS thread per process, as stancegraph's workers
        os.environ.update(dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"), "1"))
    import spacy

    from stancegraph.extract.nlp import DEFAULT_MODEL, numpy_matmul

    if same_ops:  # the matrix library stancegraph's pipeline uses
        with numpy_matmul():
            nlp = spacy.load(DEFAULT_MODEL)
    else:
        nlp = spacy.load(DEFAULT_MODEL)
    texts = (json.loads(line)["text"] for line in open(path, encoding="utf-8"))
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass


def _stancegraph(path: str, workers: int, batch_size: int, outdir: str, store: str | None) -> None:
    from stancegraph.pipeline import build

    build([path], outdir if store is None else None, store=store, workers=workers,
          batch_size=batch_size)  # fmt: skip


def measure(target, *args) -> tuple[float, float]:
    """Run ``target(*args)`` in a fresh process: (seconds, peak RSS of its tree in MB)."""
    process = mp.get_context("spawn").Process(target=target, args=args)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = psutil.Process(process.pid)
                rss = tree.memory_info().rss + sum(
                    c.memory_info().rss for c in tree.children(recursive=True)
                )
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.2)

    started = time.perf_counter()
    process.start()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.join()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.exitcode != 0:
        raise SystemExit(f"{target.__name__} failed (exit {process.exitcode})")
    return seconds, peak / 2**20


def subset(corpus: Path, fraction: float, tmp: Path) -> tuple[Path, int, int]:
    lines = [x for x in corpus.read_text(encoding="utf-8").split("\n") if x.strip()]
    chosen = lines[: max(1, round(len(lines) * fraction))]
    path = tmp / f"subset-{fraction}.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    words = sum(len(json.loads(line)["text"].split()) for line in chosen)
    return path, len(chosen), words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=tuple(CORPORA))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.1, 0.5, 1.0])
    parser.add_argument("--incremental", action="store_true", help="also measure adding a document")
    parser.add_argument(
        "--same-ops",
        action="store_true",
        help="also time bare spaCy multiplying matrices with NumPy's BLAS, as stancegraph does",
    )
    args = parser.parse_args()
    print(f"{args.corpus}: {args.workers} processes, batch size {args.batch_size}")
    print(f"{'part':>5} {'docs':>6} {'words':>9}  {'spaCy w/s':>10} {'ours w/s':>10} {'ratio':>6}"
          f"  {'spaCy s':>8} {'ours s':>8}  {'spaCy MB':>9} {'ours MB':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for fraction in args.fractions:
            path, docs, words = subset(CORPORA[args.corpus], fraction, tmp)
            base_s, base_mb = measure(_spacy, str(path), args.workers, args.batch_size)
            ours_s, ours_mb = measure(_stancegraph, str(path), args.workers, args.batch_size,
                                      str(tmp / f"out-{fraction}"), None)  # fmt: skip
            print(f"{fraction:5.0%} {docs:6d} {words:9,d}  {words / base_s:10,.0f} "
                  f"{words / ours_s:10,.0f} {base_s / ours_s:6.2f}  {base_s:8.1f} {ours_s:8.1f}"
                  f"  {base_mb:9.0f} {ours_mb:8.0f}")  # fmt: skip
            if args.same_ops:
                same_s, same_mb = measure(_spacy, str(path), args.workers, args.batch_size, True)
                print(f"      bare spaCy with NumPy's BLAS: {words / same_s:,.0f} w/s, "
                      f"{same_s:.1f} s, {same_mb:.0f} MB; "
                      f"stancegraph/that {same_s / ours_s:.2f}")  # fmt: skip
        if args.incremental:
            lines = [
                x for x in CORPORA[args.corpus].read_text(encoding="utf-8").split("\n") if x.strip()
            ]
            corpus, last = tmp / "all-but-one.jsonl", tmp / "one.jsonl"
            corpus.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
            last.write_text(lines[-1] + "\n", encoding="utf-8")
            store = tmp / "store"
            full_s, full_mb = measure(_stancegraph, str(corpus), args.workers, args.batch_size,
                                      str(tmp / "unused"), str(store))  # fmt: skip
            add_s, _ = measure(_stancegraph, str(last), 1, args.batch_size,
                               str(tmp / "unused"), str(store))  # fmt: skip
            alone_s, _ = measure(_stancegraph, str(last), 1, args.batch_size,
                                 str(tmp / "alone"), None)  # fmt: skip
            print(f"store of {len(lines) - 1} documents built in {full_s:.1f} s ({full_mb:.0f} MB)")
            print(f"adding one document to it: {add_s:.1f} s; building it alone: {alone_s:.1f} s; "
                  f"ratio {add_s / alone_s:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
