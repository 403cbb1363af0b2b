"""The store: idempotent, grows document by document, one writer at a time."""

from __future__ import annotations

import dataclasses

import pytest

from stancegraph.errors import StancegraphError
from stancegraph.graph.build import build_graph
from stancegraph.graph.rdf import to_quads
from stancegraph.graph.store import open_store, read_store, stored_documents, write_store


def quads(store) -> set[str]:
    return {str(q) for q in store}


def test_store_same_build_twice_changes_nothing(small_graph, tmp_path):
    store = open_store(tmp_path / "db")
    first = write_store(store, small_graph)
    before = quads(store)
    second = write_store(store, small_graph)
    assert quads(store) == before
    assert (first.documents_added, second.documents_replaced) == (1, 1)
    assert {str(q) for q in to_quads(small_graph)} == before


def test_store_adding_a_document_adds_only_its_graph(make_extraction, tmp_path):
    one = make_extraction()
    other_doc = dataclasses.replace(one.documents[0], id="doc-2", text="Other text.")
    two = dataclasses.replace(
        one,
        documents=[other_doc],
        statements=[dataclasses.replace(s, doc="doc-2") for s in one.statements],
        relations=[],
        mentions={("doc-2", "norway"): 1},
    )
    store = open_store(tmp_path / "db")
    write_store(store, build_graph(one))
    before = quads(store)
    report = write_store(store, build_graph(two))
    after = quads(store)
    assert before <= after and report.documents_added == 1
    assert set(stored_documents(store)) == {"doc/1", "doc-2"}
    G = read_store(store)
    stance = G.edges["actor:norway", "position:fishing-quota", "oppose:rejects"]
    assert sorted(e["doc"] for e in stance["evidence"]) == ["doc-2", "doc/1"]


def test_store_read_back_has_every_node(small_graph, tmp_path):
    store = open_store(tmp_path / "db")
    write_store(store, small_graph)
    assert set(read_store(store).nodes) == set(small_graph.nodes)


def test_store_second_writer_gets_a_clear_message(tmp_path):
    first = open_store(tmp_path / "db")
    with pytest.raises(StancegraphError, match="in use by another"):
        open_store(tmp_path / "db", wait=0.5)
    del first


def test_store_read_only_needs_a_store(tmp_path):
    with pytest.raises(StancegraphError, match="no stancegraph store"):
        open_store(tmp_path / "nothing", read_only=True)


def test_store_writes_in_bounded_transactions_never_splitting_a_document(
    make_extraction, tmp_path, monkeypatch
):
    import pyoxigraph as ox

    from stancegraph.graph import store as store_module

    one = make_extraction()
    docs = [dataclasses.replace(one.documents[0], id=f"doc-{i}") for i in range(4)]
    many = dataclasses.replace(
        one,
        documents=docs,
        statements=[dataclasses.replace(s, doc=d.id) for d in docs for s in one.statements],
        relations=[dataclasses.replace(r, doc=d.id) for d in docs for r in one.relations],
        mentions={(d.id, a): n for d in docs for (_, a), n in one.mentions.items()},
    )
    G = build_graph(many)
    whole = open_store(tmp_path / "whole")
    write_store(whole, G)
    written: list[list] = []
    monkeypatch.setattr(store_module, "BATCH_QUADS", 3)
    monkeypatch.setattr(ox.Store, "extend", lambda self, q: written.append(list(q)) or None)
    write_store(open_store(tmp_path / "batched"), G)
    assert {str(q) for batch in written for q in batch} == quads(whole)
    assert len(written) > 2  # the default graph, then documents in several transactions
    assert all(q.graph_name == ox.DefaultGraph() for q in written[0])
    for doc in docs:  # each document's graph lies in one transaction
        holding = [b for b in written if any(doc.id in str(q.graph_name) for q in b)]
        assert len(holding) == 1
