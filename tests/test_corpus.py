"""Committing as documents come: a store built in any split, in any order, killed and
resumed, ends as a build of all its documents at once."""

from __future__ import annotations

import dataclasses
import itertools
import random
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancegraph import corpus as corpus_module
from stancegraph.corpus import INDEX_FILE, Corpus
from stancegraph.errors import StancegraphError
from stancegraph.extract.documents import read_documents
from stancegraph.extract.index import CorpusIndex, merge
from stancegraph.graph.build import build_graph
from stancegraph.graph.store import open_store, write_store

CORPUS = Path(__file__).parent / "data" / "small_corpus.jsonl"


@pytest.fixture(scope="module")
def results(extractor):
    """Each document's extraction, once: 24 short reports of our own, whose names come
    back in other documents, in full or by surname, spelt another way, acting or not."""
    documents = list(read_documents([CORPUS]))
    return [extractor.extract_document(d, doc) for d, doc in extractor.parse(documents)]


def open_corpus(folder: Path, concepts=()) -> Corpus:
    rdf = open_store(folder)
    return Corpus.open(folder / INDEX_FILE, CorpusIndex(concepts), rdf)


def quads(corpus: Corpus) -> set[str]:
    return {str(q) for q in corpus.rdf}


def build(folder: Path, batches) -> set[str]:
    corpus = open_corpus(folder)
    for batch in batches:
        corpus.commit(batch)
        corpus.refresh()
    out = quads(corpus)
    corpus.close()
    return out


@pytest.fixture(scope="module")
def whole(results, tmp_path_factory):
    return build(tmp_path_factory.mktemp("whole"), [results])


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_corpus_any_split_in_any_order_gives_the_whole_store(results, whole, data):
    order = data.draw(st.permutations(range(len(results))))
    cuts = data.draw(st.sets(st.integers(1, len(results) - 1), max_size=5))
    bounds = [0, *sorted(cuts), len(results)]
    batches = [[results[i] for i in order[a:b]] for a, b in itertools.pairwise(bounds)]
    with tempfile.TemporaryDirectory() as tmp:
        assert build(Path(tmp) / "store", batches) == whole


def test_corpus_commits_without_refreshing_each_time_end_the_same(results, whole, tmp_path):
    corpus = open_corpus(tmp_path / "store")
    corpus.refresh_share = 0  # as when deciding again costs more than a batch is worth
    for r in results:
        corpus.commit([r])
    assert corpus.report.refreshes == 0 and len(corpus) == len(results)
    corpus.refresh()
    assert quads(corpus) == whole


class Killed(BaseException):
    """Stands for the kill of a build: nothing after it runs."""


@pytest.mark.parametrize("writes_before_kill", [0, 1])
def test_corpus_killed_while_writing_the_store_is_finished_when_opened_again(
    results, whole, tmp_path, monkeypatch, writes_before_kill
):
    real = corpus_module.replace_graphs
    calls = []

    def dying(*args):
        calls.append(1)
        if len(calls) > writes_before_kill:
            raise Killed
        real(*args)

    folder = tmp_path / "store"
    corpus = open_corpus(folder)
    corpus.commit(results[:4])
    monkeypatch.setattr(corpus_module, "replace_graphs", dying)
    with pytest.raises(Killed):
        corpus.commit(results[4:])
        corpus.refresh()
    corpus.close()
    corpus.rdf = None
    monkeypatch.setattr(corpus_module, "replace_graphs", real)
    again = open_corpus(folder)  # writes what the killed commit left pending
    assert len(again) == len(results) and quads(again) == whole
    again.close()


@pytest.mark.parametrize("first", [1, 6, 12])
def test_corpus_killed_after_a_commit_before_the_store_caught_up_is_finished_when_opened(
    results, whole, tmp_path, first
):
    folder = tmp_path / "store"
    corpus = open_corpus(folder)
    corpus.commit(results[:first])
    corpus.refresh()
    corpus.refresh_share = 0  # the later commits change decisions the store does not show yet
    for r in results[first:]:
        corpus.commit([r])
    assert quads(corpus) != whole
    corpus.close()  # killed: no refresh
    corpus.rdf = None
    again = open_corpus(folder)
    assert quads(again) == whole
    again.close()


def test_corpus_a_document_given_again_with_new_text_replaces_its_records(results, tmp_path):
    changed = dataclasses.replace(results[3], statements=results[3].statements[:1])
    changed.document = dataclasses.replace(changed.document, content_hash="new")
    built = build(tmp_path / "a", [results, [changed]])
    assert built == build(tmp_path / "b", [results[:3] + [changed] + results[4:]])


def test_corpus_records_are_committed_when_commit_returns(results, tmp_path):
    corpus = open_corpus(tmp_path / "store")
    corpus.refresh_share = 0
    corpus.commit(results[:3])
    other = sqlite3.connect(tmp_path / "store" / INDEX_FILE)
    assert other.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    pending = {ref for (ref,) in other.execute("SELECT ref FROM pending")}
    assert {f"d:{r.document.id}" for r in results[:3]} <= pending
    other.close()
    corpus.close()


def test_corpus_a_store_without_its_records_is_refused(results, tmp_path):
    folder = tmp_path / "store"
    write_store(open_store(folder), build_graph(merge(results[:3], ())))
    with pytest.raises(StancegraphError, match="has no stancegraph.sqlite"):
        open_corpus(folder)
    assert not (folder / INDEX_FILE).exists()


def test_corpus_built_with_other_options_is_refused(results, tmp_path):
    folder = tmp_path / "store"
    first = Corpus.open(folder / INDEX_FILE, CorpusIndex(), options={"positions": None})
    first.commit(results[:1])
    first.close()
    with pytest.raises(StancegraphError, match=r"other options \(positions\)"):
        Corpus.open(folder / INDEX_FILE, CorpusIndex(), options={"positions": "abc"})


def test_corpus_views_list_documents_as_committed_or_by_id(results, tmp_path):
    corpus = Corpus.open(tmp_path / INDEX_FILE, CorpusIndex())
    shuffled = results[:]
    random.Random(3).shuffle(shuffled)
    corpus.commit(shuffled)
    corpus.refresh()
    assert [x.documents[0].id for x in corpus.documents()] == [r.document.id for r in shuffled]
    by_id = corpus.extraction(by_id=True)
    assert [d.id for d in by_id.documents] == sorted(r.document.id for r in results)
    corpus.close()
