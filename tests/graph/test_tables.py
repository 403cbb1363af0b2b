"""The JSON Lines tables: written, read back, rebuilt into the same graph."""

from __future__ import annotations

import dataclasses
import json

import pytest

from stancegraph.errors import InputError
from stancegraph.graph.build import build_graph
from stancegraph.graph.tables import TABLES, read_tables, write_tables


@pytest.fixture
def extraction(make_extraction):
    x = make_extraction()
    x.actors[0] = dataclasses.replace(x.actors[0], curated=("rename-actor:Norge>Norway",))
    return x


def test_write_tables_writes_documents_with_their_mentions(extraction, tmp_path):
    counts = write_tables(extraction, tmp_path)
    assert set(counts) == set(TABLES) and counts["documents.jsonl"] == 1
    row = json.loads((tmp_path / "documents.jsonl").read_text(encoding="utf-8"))
    assert {k: row[k] for k in ("id", "title", "date", "source", "url", "speaker")} == {
        "id": "doc/1",
        "title": "Fish talks",
        "date": "2024-05-01",
        "source": None,
        "url": None,
        "speaker": None,
    }
    assert row["mentions"] == {"ana-lima": 1, "brazil": 1, "norway": 1}


def test_read_tables_round_trips_the_records(extraction, tmp_path):
    write_tables(extraction, tmp_path)
    back = read_tables(tmp_path)
    assert back.actors == extraction.actors
    assert back.statements == extraction.statements
    assert back.relations == extraction.relations
    assert back.positions == extraction.positions
    assert back.mentions == extraction.mentions
    doc, original = back.documents[0], extraction.documents[0]
    assert (doc.id, doc.title, doc.date) == (original.id, original.title, original.date)


def test_read_tables_rebuilds_the_same_graph(extraction, tmp_path):
    write_tables(extraction, tmp_path)
    G, H = build_graph(extraction), build_graph(read_tables(tmp_path))
    assert set(H.nodes) == set(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        assert H.edges[u, v, k].get("evidence") == d.get("evidence")
    assert H.nodes["actor:norway"]["curated"] == ["rename-actor:Norge>Norway"]
    assert H.nodes["document:doc/1"]["label"] == "Fish talks"


def test_read_tables_of_a_build_without_documents_table(extraction, tmp_path):
    write_tables(extraction, tmp_path)
    (tmp_path / "documents.jsonl").unlink()
    back = read_tables(tmp_path)
    assert [d.id for d in back.documents] == ["doc/1"] and back.mentions == {}


@pytest.mark.parametrize(
    "table, line, problem",
    [
        ("actors.jsonl", "{not json\n", "actors.jsonl:4: not JSON"),  # after 3 actors
        ("statements.jsonl", "[1, 2]\n", "statements.jsonl:4: a row must be a JSON object"),
        ("positions.jsonl", '{"label": "no id"}\n', "positions.jsonl:2: "),
    ],
)
def test_read_tables_names_the_bad_line(extraction, tmp_path, table, line, problem):
    write_tables(extraction, tmp_path)
    with open(tmp_path / table, "a", encoding="utf-8") as f:
        f.write(line)
    with pytest.raises(InputError) as caught:
        read_tables(tmp_path)
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_read_tables_of_a_folder_that_is_no_build(tmp_path):
    with pytest.raises(InputError, match="not a stancegraph build"):
        read_tables(tmp_path)
