"""Worker processes and a Dask cluster give exactly the build of one process."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from stancegraph.corpus import Corpus
from stancegraph.errors import StancegraphError
from stancegraph.pipeline import build

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    build([SEEDS], out, batch_size=1)
    return out


@pytest.mark.parametrize(
    "how", [{"workers": 2}, {"workers": 2, "dask": "local"}], ids=["processes", "dask-local"]
)
def test_parallel_build_is_identical_to_local(local, tmp_path, how, monkeypatch):
    commits = []
    real = Corpus.commit

    def commit(self, results):
        commits.append([r.document.id for r in results])
        real(self, results)

    monkeypatch.setattr(Corpus, "commit", commit)
    build([SEEDS], tmp_path, batch_size=1, **how)
    # each batch is committed as it comes back from a worker, not the corpus at the end
    assert len(commits) == 2 and all(len(set(ids)) == 1 for ids in commits)
    for table in ("actors.jsonl", "statements.jsonl", "relations.jsonl", "positions.jsonl"):
        assert (tmp_path / table).read_text() == (local / table).read_text(), table
    assert isomorphic(
        rdflib.Graph().parse(tmp_path / "graph.ttl"), rdflib.Graph().parse(local / "graph.ttl")
    )


def test_parallel_unreachable_scheduler_is_a_clear_error(tmp_path):
    with pytest.raises(StancegraphError, match="cannot reach the Dask scheduler"):
        build([SEEDS], tmp_path, dask="tcp://127.0.0.1:9")
