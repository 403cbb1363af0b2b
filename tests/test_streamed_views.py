"""The views of a build written document by document: the same files as the whole extraction
held in memory gives, swapped in at the end (a failed build leaves the old ones), and pages
and networks drawn from the tables without holding every statement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph import pipeline
from stancegraph.extract.assemble import ExtractorConfig
from stancegraph.extract.documents import read_documents
from stancegraph.extract.execution import extract_corpus
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.graph.build import build_graph
from stancegraph.graph.exports import EXPORTS, write_exports
from stancegraph.graph.html import page_graph, write_html
from stancegraph.graph.network_html import write_network_html
from stancegraph.graph.networks import NETWORKS
from stancegraph.graph.store import open_store, read_store
from stancegraph.graph.tables import (
    TABLES,
    TableStream,
    extraction_from_graph,
    read_tables,
    write_tables,
)

CORPUS = Path(__file__).parent / "data" / "small_corpus.jsonl"
#: the files that hold a row per record: tables and their CSV and DNA exports
ROW_FILES = [*TABLES, *(name for name in EXPORTS if name.endswith(".csv"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small corpus built in batches of five, into files, into a store and both."""
    tmp = tmp_path_factory.mktemp("streamed")
    files = pipeline.build([CORPUS], tmp / "files", embeddings=False, batch_size=5)
    both = pipeline.build(
        [CORPUS], tmp / "both", store=tmp / "store", embeddings=False, batch_size=5
    )
    return tmp, files, both


def _rows(path: Path, drop: tuple[str, ...] = ()) -> list[str]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return sorted(
        json.dumps({k: v for k, v in row.items() if k not in drop}, sort_keys=True) for row in rows
    )


def test_streamed_tables_equal_the_whole_extraction_merged_in_memory(built, tmp_path):
    tmp, files, _ = built
    config = ExtractorConfig.make(gazetteer=Gazetteer.load(()), embeddings=False)
    whole = extract_corpus(read_documents([CORPUS]), config=config)
    write_tables(whole, tmp_path)
    write_exports(build_graph(whole), whole, tmp_path)
    assert files.counts["statements.jsonl"] > 20
    for name in ROW_FILES:
        assert (tmp / "files" / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_streamed_tables_of_a_store_build_equal_the_store_read_back(built, tmp_path):
    tmp, _, both = built
    back = extraction_from_graph(read_store(open_store(tmp / "store", read_only=True)))
    write_tables(back, tmp_path)
    for name in ("statements.jsonl", "relations.jsonl", "positions.jsonl"):
        assert _rows(tmp / "both" / name) == _rows(tmp_path / name), name
    # The RDF keeps that a document mentions an actor, not how often.
    for name, counts in (("actors.jsonl", ("mentions",)), ("documents.jsonl", ("mentions",))):
        assert _rows(tmp / "both" / name, counts) == _rows(tmp_path / name, counts), name
    assert both.extraction.statements == read_tables(tmp / "both").statements


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("where", ["statements", "html"])
def test_build_failed_while_writing_its_views_leaves_the_old_ones(tmp_path, monkeypatch, where):
    out = tmp_path / "out"
    documents = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps(d) + "\n" for d in documents[:8]), encoding="utf-8")
    pipeline.build([first], out, embeddings=False)
    before = _snapshot(out)
    assert {*TABLES, "graph.html", "dna.csv"} <= before.keys()

    if where == "statements":  # the tables are half written when the build dies
        stream_tables = pipeline.stream_tables

        def dying(documents, *args):
            def some(documents):
                for i, x in enumerate(documents):
                    if i == 3:
                        raise KeyboardInterrupt  # stands for a kill
                    yield x

            return stream_tables(some(documents), *args)

        monkeypatch.setattr(pipeline, "stream_tables", dying)
    else:  # every table is written, the page is not

        def dying(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(pipeline, "write_html", dying)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([CORPUS], out, embeddings=False)
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("max_nodes", "focus"), [(1500, None), (6, None), (4, "Norway")])
def test_page_from_the_tables_equals_the_page_of_the_whole_graph(built, tmp_path, max_nodes,
                                                                  focus):  # fmt: skip
    tmp, *_ = built
    G = build_graph(read_tables(tmp / "files"))
    whole = write_html(G, tmp_path / "whole.html", max_nodes=max_nodes, focus=focus)
    drawn = pipeline.render(tmp / "files", out=tmp_path / "drawn.html", max_nodes=max_nodes,
                            focus=focus)  # fmt: skip
    assert (tmp_path / "drawn.html").read_bytes() == (tmp_path / "whole.html").read_bytes()
    assert drawn | {"path": None} == whole | {"path": None}
    assert whole["edges"] > 0


def test_page_graph_holds_only_the_evidence_it_draws(built):
    tmp, *_ = built
    tables = TableStream(tmp / "files")
    G, P = build_graph(tables), page_graph(tables, max_nodes=6)
    assert list(P.edges(keys=True)) == list(G.edges(keys=True))
    held = 0
    for u, v, k, d in P.edges(keys=True, data=True):
        whole = G.edges[u, v, k]
        if d["kind"] == "mentions":
            assert d == whole
            continue
        assert (d["count"], d["confidence"], d["curated"]) == (
            whole["count"], whole["confidence"], whole["curated"])  # fmt: skip
        assert d["evidence"] in ([], whole["evidence"])
        held += bool(d["evidence"])
    assert 0 < held < G.number_of_edges() / 2
    assert len(P.graph["claims"]) < len(G.graph["claims"])


@pytest.mark.parametrize("network", list(NETWORKS))
def test_network_from_the_tables_equals_the_network_of_the_whole_graph(built, tmp_path,
                                                                       network):  # fmt: skip
    tmp, *_ = built
    G = build_graph(read_tables(tmp / "files"))
    write_network_html(NETWORKS[network](G), tmp_path / "whole.html", title=network)
    pipeline.render(tmp / "files", network=network, out=tmp_path / "drawn.html", title=network)
    assert (tmp_path / "drawn.html").read_bytes() == (tmp_path / "whole.html").read_bytes()


_KILLED_BUILD = """
import os, signal, sys
from stancegraph import pipeline

def killed(*args, **kwargs):  # every table is written when the build is killed
    os.kill(os.getpid(), signal.SIGKILL)

pipeline.write_html = killed
pipeline.build([sys.argv[1]], sys.argv[2], embeddings=False)
"""


def test_build_killed_while_writing_its_views_leaves_the_old_ones_until_the_next(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    documents = CORPUS.read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(documents[:6]) + "\n", encoding="utf-8")
    pipeline.build([first], out, embeddings=False)
    before = _snapshot(out)
    killed = subprocess.run([sys.executable, "-c", _KILLED_BUILD, str(CORPUS), str(out)],
                            capture_output=True, timeout=600)  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".views.")]  # left by the kill
    pipeline.build([CORPUS], out, embeddings=False)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert len(read_tables(out).documents) == len(documents) > 6
