"""Files for other tools: GEXF, CSV tables and the DNA table, each parsed back."""

from __future__ import annotations

import csv
import dataclasses

import networkx as nx
import pytest

from stancegraph.extract.records import Actor, Relation, Statement
from stancegraph.graph.build import build_graph
from stancegraph.graph.exports import DNA_COLUMNS, EXPORTS, dna_rows, write_exports, write_gexf


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_write_exports_writes_every_registered_file(make_extraction, tmp_path):
    extraction = make_extraction()
    paths = write_exports(build_graph(extraction), extraction, tmp_path)
    assert [p.name for p in paths] == ["graph.ttl", *EXPORTS]
    assert {"graph.gexf", "actors.csv", "statements.csv", "relations.csv", "dna.csv"} <= {
        p.name for p in paths
    }
    assert all(p.stat().st_size for p in paths)
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_write_gexf_round_trips_nodes_edges_and_weights(small_graph, tmp_path):
    small_graph.edges["actor:norway", "position:fishing-quota", "oppose:rejects"]["confidence"] = 1
    write_gexf(small_graph, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert set(back.nodes) == set(small_graph.nodes)
    assert back.number_of_edges() == small_graph.number_of_edges()
    assert back.nodes["actor:norway"]["label"] == "Norway"
    assert back.nodes["actor:norway"]["type"] == "State"
    assert back.nodes["actor:norway"]["aliases"] == '["Oslo"]'  # lists as JSON text
    stances = [d for *_, d in back.edges(data=True) if d.get("kind") == "stance"]
    assert sorted(d["polarity"] for d in stances) == ["oppose", "oppose", "support"]
    assert all(d["weight"] == d["count"] == 1 for d in stances)
    rejected = next(d for d in stances if d["polarity"] == "oppose")
    assert rejected["confidence"] == 1.0  # an int among floats is written as a float


@pytest.mark.parametrize("name", ["actors.csv", "statements.csv", "relations.csv"])
def test_csv_tables_have_a_header_and_one_row_per_record(make_extraction, tmp_path, name):
    extraction = make_extraction()
    EXPORTS[name](build_graph(extraction), extraction, tmp_path / name)
    header, rows = read_csv(tmp_path / name)
    records = {
        "actors.csv": extraction.actors,
        "statements.csv": extraction.statements,
        "relations.csv": extraction.relations,
    }[name]
    assert header[: len(dataclasses.fields(records[0]))] == [
        f.name for f in dataclasses.fields(records[0])
    ]
    assert len(rows) == len(records)


def test_csv_tables_keep_quotes_newlines_and_lists(make_extraction, tmp_path):
    extraction = make_extraction()
    extraction.actors[0] = dataclasses.replace(extraction.actors[0], aliases=("Oslo", "Norge"))
    st = extraction.statements[0]
    extraction.statements[0] = dataclasses.replace(st, evidence='Norway said "no,\nnever".')
    G = build_graph(extraction)
    EXPORTS["actors.csv"](G, extraction, tmp_path / "actors.csv")
    EXPORTS["statements.csv"](G, extraction, tmp_path / "statements.csv")
    _, actors = read_csv(tmp_path / "actors.csv")
    assert actors[0]["aliases"] == "Oslo; Norge"
    assert actors[2]["wikidata"] == ""  # None is empty
    _, statements = read_csv(tmp_path / "statements.csv")
    assert statements[0]["evidence"] == 'Norway said "no,\nnever".'
    assert statements[0]["actor_wikidata"] == "Q20"
    assert statements[1]["hedged"] == "True"


def test_dna_csv_has_dna_columns_and_leaves_out_neutral(make_extraction, tmp_path):
    extraction = make_extraction()
    neutral = dataclasses.replace(extraction.statements[0], polarity="neutral", start=1)
    extraction.statements.append(neutral)
    EXPORTS["dna.csv"](build_graph(extraction), extraction, tmp_path / "dna.csv")
    header, rows = read_csv(tmp_path / "dna.csv")
    assert header == list(DNA_COLUMNS)
    quota = 'The "fishing" quota \\ back\nslash'
    assert rows == [
        # A state is an organisation; Norway opposed (0).
        {"person": "", "organization": "Norway", "concept": quota, "agreement": "0",
         "date": "2024-05-01", "text": 'Norway rejected the "quota".'},
        # A person with the organisation she leads; she supported (1).
        {"person": "Ana Lima", "organization": "Brazil", "concept": quota, "agreement": "1",
         "date": "2024-05-01", "text": "Ana Lima, Brazil's president, backed it."},
        # A stance on an actor: the actor is the concept.
        {"person": "", "organization": "Norway", "concept": "Brazil", "agreement": "0",
         "date": "2024-05-01", "text": "Norway criticised Brazil."},
    ]  # fmt: skip


def person_statement(doc: str) -> Statement:
    return Statement(doc, "Ana Lima", "ana", "backs", "support", "Quota", "quota", "S.", 0, 2)


def role(doc: str, predicate: str, org: str) -> Relation:
    return Relation(doc, "Ana Lima", "ana", predicate, org.title(), org, "R.", 0, 2)


@pytest.mark.parametrize(
    "relations, organization",
    [
        ([], ""),
        ([role("d1", "member_of", "party")], "Party"),
        # a role read in the statement's document wins over a role elsewhere
        ([role("d2", "leader_of", "brazil"), role("d1", "member_of", "party")], "Party"),
        # then leading before representing before speaking for before belonging to
        ([role("d1", "member_of", "party"), role("d1", "represents", "brazil")], "Brazil"),
        ([role("d1", "spokesperson_of", "party"), role("d1", "leader_of", "brazil")], "Brazil"),
        # then the organisation named most often
        ([role("d2", "member_of", "party"), role("d2", "member_of", "union"),
          role("d3", "member_of", "union")], "Union"),
        # working for a body before belonging to one
        ([role("d1", "member_of", "party"), role("d1", "employed_by", "union")], "Union"),
        # roles other than these do not give an organisation
        ([role("d1", "advises", "brazil")], ""),
    ],
)  # fmt: skip
def test_dna_rows_take_a_persons_organisation_from_roles(make_extraction, relations, organization):
    extraction = make_extraction()
    extraction.actors = [Actor("ana", "Ana Lima", "Person"), Actor("brazil", "Brazil", "State")]
    extraction.statements = [person_statement("d1")]
    extraction.relations = relations
    (row,) = dna_rows(extraction)
    assert (row["person"], row["organization"]) == ("Ana Lima", organization)


def test_dna_rows_date_undated_statements_by_their_document(make_extraction):
    extraction = make_extraction()  # doc/1 is dated 2024-05-01
    extraction.statements = [dataclasses.replace(s, date=None) for s in extraction.statements]
    assert {row["date"] for row in dna_rows(extraction)} == {"2024-05-01"}
    extraction.documents = []
    assert {row["date"] for row in dna_rows(extraction)} == {""}


def test_person_nodes_carry_their_organisation(make_extraction):
    extraction = make_extraction()
    extraction.actors = [
        Actor("ana", "Ana Lima", "Person"),
        Actor("brazil", "Brazil", "State"),
        Actor("pt", "Workers' Party", "Organization"),
        Actor("noroles", "Rui Costa", "Person"),
    ]
    extraction.statements = [person_statement("d1")]
    extraction.relations = [role("d1", "member_of", "pt"), role("d2", "leader_of", "brazil")]
    G = build_graph(extraction)
    # a leader's body before a party she is a member of, named by its label
    assert G.nodes["actor:ana"]["organisation"] == "Brazil"
    assert "organisation" not in G.nodes["actor:noroles"]
    assert "organisation" not in G.nodes["actor:brazil"]
    # dna.csv prefers the role read in the statement's own document
    (row,) = dna_rows(extraction)
    assert row["organization"] == "Workers' Party"
