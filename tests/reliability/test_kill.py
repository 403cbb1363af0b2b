"""Killed at any moment, a build never leaves a store or an output that does not open."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from stancegraph.corpus import INDEX_FILE
from stancegraph.graph.store import open_store, stored_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: 24 short reports of our own (see tests/test_corpus.py)
SMALL = Path(__file__).resolve().parents[1] / "data" / "small_corpus.jsonl"
ARGS = [SEEDS, "-o", "{out}", "--store", "{store}", "--quiet"]


def start(out: Path, store: Path) -> subprocess.Popen:
    args = [str(a).format(out=out, store=store) for a in ARGS]
    return subprocess.Popen([sys.executable, "-m", "stancegraph.cli", "build", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


def readable(out: Path, store: Path) -> None:
    """Every output there is parses, and the store opens and answers.

    A build killed while it wrote a file may leave that file's temporary beside
    it (never in its place); the next build removes it (see ``test_io``)."""
    db = open_store(store, wait=5)
    stored_documents(db)
    del db
    for path in out.glob("*"):
        if path.suffix == ".jsonl":
            [json.loads(line) for line in path.read_text().splitlines()]
        elif path.suffix == ".ttl":
            rdflib.Graph().parse(path)


def test_kill_at_random_moments_then_rebuild_equals_clean(tmp_path):
    out, store = tmp_path / "out", tmp_path / "store"
    clean = start(tmp_path / "clean", tmp_path / "clean-store")
    assert clean.wait(timeout=300) == 0
    rng = random.Random(20261123)
    for _ in range(10):
        process = start(out, store)
        time.sleep(rng.uniform(0.5, 8.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        readable(out, store)
    final = start(out, store)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode()
    readable(out, store)
    assert not list(out.glob(".*.tmp")), "the last build left temporary files"
    assert isomorphic(rdflib.Graph().parse(out / "graph.ttl"),
                      rdflib.Graph().parse(tmp_path / "clean" / "graph.ttl"))  # fmt: skip
    for table in ("statements.jsonl", "actors.jsonl", "relations.jsonl"):
        assert (out / table).read_text() == (tmp_path / "clean" / table).read_text(), table


def committed(store: Path) -> int:
    """How many documents' records a store has committed (read as another process would)."""
    path = store / INDEX_FILE
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:  # not made yet
        return 0


def store_build(store: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "stancegraph.cli", "build", str(SMALL), "--store", str(store),
               "--quiet", "--batch-size", "2"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def quads(store: Path) -> set[str]:
    db = open_store(store, read_only=True)
    return {str(q) for q in db}


def test_store_build_killed_midway_keeps_its_batches_and_the_same_command_finishes(tmp_path):
    clean = store_build(tmp_path / "clean")
    assert clean.wait(timeout=300) == 0, clean.stderr.read().decode()
    store = tmp_path / "store"
    process = store_build(store)
    deadline = time.monotonic() + 240
    while committed(store) < 6 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kept = committed(store)
    assert 6 <= kept < 24, "kill the build while it commits"
    readable(tmp_path / "none", store)
    final = store_build(store)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode()
    assert committed(store) == 24
    assert quads(store) == quads(tmp_path / "clean")


def test_second_build_into_a_busy_store_fails_clearly(tmp_path):
    store = tmp_path / "store"
    holder = open_store(store)
    result = subprocess.run(
        [sys.executable, "-c",
         "from stancegraph.graph.store import open_store; import sys;"
         "from stancegraph.errors import StancegraphError\n"
         "try:\n open_store(sys.argv[1], wait=1)\n"
         "except StancegraphError as e:\n print(e); sys.exit(7)",
         str(store)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    del holder
    assert result.returncode == 7 and "in use by another" in result.stdout
