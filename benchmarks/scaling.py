"""Peak memory and time against corpus size, into files and into a store, with bare spaCy.

    python benchmarks/scaling.py bbc  [--sizes 600 2225] [--workers 1]
    python benchmarks/scaling.py ungd [--sizes 400 1551] [--workers 1] [--runs files store]

For each size (the corpus's first documents), measures in separate processes,
one after the other (see ``throughput.measure``): bare spaCy parsing the same
texts (the baseline), ``stancegraph build`` into a folder, ``stancegraph
build`` into a fresh store only and, with ``--runs ... both``, into a fresh
store and a folder of its views. Prints wall time, words per second, the ratio
to bare spaCy and the peak resident memory of the process tree, then how each
grew from the smallest size to the largest against how the corpus grew: a
build whose memory is bounded by its corpus-level index grows far slower than
the corpus.

The corpora are ``../shared/corpus/*/articles.jsonl`` (not in this repository).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from throughput import CORPORA, _spacy, _stancegraph, measure, subset


def _both(path: str, workers: int, batch_size: int, outdir: str, store: str) -> None:
    """A build into a store and a folder of its views."""
    from stancegraph.pipeline import build

    build([path], outdir, store=store, workers=workers, batch_size=batch_size)


DEFAULT_SIZES = {"bbc": [600, 2225], "ungd": [400, 1551]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=tuple(CORPORA))
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of documents")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--runs",
        nargs="+",
        default=["spacy", "files", "store"],
        choices=["spacy", "files", "store", "both"],
        help="what to measure",
    )
    args = parser.parse_args()
    corpus = CORPORA[args.corpus]
    total = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    sizes = args.sizes or DEFAULT_SIZES[args.corpus]
    print(f"{args.corpus}: {args.workers} process(es), batch size {args.batch_size}")
    print(f"{'docs':>6} {'words':>9}  {'run':<7} {'seconds':>8} {'words/s':>9} {'/spaCy':>7}"
          f" {'peak MB':>8}")  # fmt: skip
    seen: dict[str, list[tuple[int, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in sizes:
            path, docs, words = subset(corpus, min(size, total) / total, tmp)
            spacy_s = None
            for run in args.runs:
                if run == "spacy":
                    seconds, mb = measure(_spacy, str(path), args.workers, args.batch_size)
                    spacy_s = seconds
                else:
                    out = tmp / f"{run}-{docs}"
                    store = str(out / "store") if run in ("store", "both") else None
                    seconds, mb = measure(_both if run == "both" else _stancegraph, str(path),
                                          args.workers, args.batch_size, str(out / "views"),
                                          store)  # fmt: skip
                ratio = f"{spacy_s / seconds:7.2f}" if spacy_s and run != "spacy" else " " * 7
                print(f"{docs:6d} {words:9,d}  {run:<7} {seconds:8.1f} {words / seconds:9,.0f}"
                      f" {ratio} {mb:8.0f}", flush=True)  # fmt: skip
                seen.setdefault(run, []).append((words, seconds, mb))
    print("\ngrowth from the smallest size to the largest:")
    for run, rows in seen.items():
        (w0, s0, m0), (w1, s1, m1) = rows[0], rows[-1]
        print(f"  {run:<7} corpus x{w1 / w0:.2f}  time x{s1 / s0:.2f}  peak memory x{m1 / m0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
