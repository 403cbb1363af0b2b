"""A build into a store killed part way, then the same command again, against one never killed.

    python benchmarks/resume.py bbc  [--kill-after 45] [--workers 1]
    python benchmarks/resume.py ungd [--kill-after 45]

Runs ``stancegraph build CORPUS --store S --quiet`` and kills it (SIGKILL)
``--kill-after`` seconds in; counts the documents the store then holds (their
named graphs, and the records committed beside them); runs the same command
again to the end; builds the corpus into a second, fresh store without a kill;
and compares the two stores quad by quad. Prints the counts, the times and
whether the stores are equal.

The corpora are ``../shared/corpus/*/articles.jsonl`` (not in this repository).
"""

from __future__ import annotations

import argparse
import hashlib
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import CORPORA


def build(corpus: Path, store: Path, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "stancegraph.cli", "build", str(corpus), "--store",
               str(store), "--quiet", "--workers", str(workers)]  # fmt: skip
    return subprocess.Popen(command, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> None:
    if process.wait() != 0:
        raise SystemExit(f"build failed: {process.stderr.read().decode()}")


def stored(store: Path) -> tuple[int, int]:
    """(documents with a graph in the store, documents whose records are committed)."""
    from stancegraph.corpus import INDEX_FILE
    from stancegraph.graph.store import open_store, stored_documents

    graphs = len(stored_documents(open_store(store, read_only=True)))
    db = sqlite3.connect(store / INDEX_FILE)
    records = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    db.close()
    return graphs, records


def fingerprint(store: Path) -> tuple[int, str]:
    """The number of quads and a digest of them, in any order."""
    from stancegraph.graph.store import open_store

    digests = sorted(
        hashlib.blake2b(str(q).encode(), digest_size=16).digest()
        for q in open_store(store, read_only=True)
    )
    return len(digests), hashlib.blake2b(b"".join(digests)).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=tuple(CORPORA))
    parser.add_argument("--kill-after", type=float, default=45.0, help="seconds")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    corpus = CORPORA[args.corpus]
    with tempfile.TemporaryDirectory() as tmp:
        killed, clean = Path(tmp) / "killed", Path(tmp) / "clean"
        process = build(corpus, killed, args.workers)
        time.sleep(args.kill_after)
        process.send_signal(signal.SIGKILL)
        process.wait()
        graphs, records = stored(killed)
        print(f"killed after {args.kill_after:.0f} s: {graphs} documents in the store "
              f"({records} committed records)", flush=True)  # fmt: skip
        started = time.perf_counter()
        finish(build(corpus, killed, args.workers))
        resumed_s = time.perf_counter() - started
        print(f"same command again: finished in {resumed_s:.1f} s; {stored(killed)[0]} documents",
              flush=True)  # fmt: skip
        started = time.perf_counter()
        finish(build(corpus, clean, args.workers))
        clean_s = time.perf_counter() - started
        print(f"uninterrupted build: {clean_s:.1f} s; {stored(clean)[0]} documents", flush=True)
        a, b = fingerprint(killed), fingerprint(clean)
        print(f"quads: resumed {a[0]:,}, uninterrupted {b[0]:,}; equal: {a == b}")
        return 0 if a == b and graphs >= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
