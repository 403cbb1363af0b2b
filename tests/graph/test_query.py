"""SPARQL over a build: saved queries, bindings, output formats, one-line errors."""

from __future__ import annotations

import csv
import doctest
import io
import json

import pytest

from stancegraph.errors import StancegraphError
from stancegraph.graph import query as query_module
from stancegraph.graph.query import (
    format_result,
    load_query,
    looks_like_sparql,
    open_source,
    parse_bindings,
    run_query,
    saved_queries,
)
from stancegraph.graph.rdf import write_rdf


@pytest.fixture
def source(small_graph, tmp_path):
    path = tmp_path / "g.trig"
    write_rdf(small_graph, path)
    return open_source(graph=path)


def rows(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(format_result(result, "csv").decode())))


def test_query_every_saved_query_is_documented_and_runs(source):
    saved = saved_queries()
    assert {"supporters", "opponents", "stances-over-time", "agreements", "disagreements",
            "evidence", "actors-by-stances", "roles"} <= set(saved)  # fmt: skip
    for query in saved.values():
        assert query.description, query.name
        assert not looks_like_sparql(query.name), query.name  # else the name is run as SPARQL
        run_query(source, query.text)  # no syntax error


def test_query_disagreements_and_opponents(source):
    found = rows(run_query(source, load_query("disagreements")))
    assert [(r["actor1"], r["actor2"], r["positions"], r["on"]) for r in found] == [
        ("Ana Lima", "Norway", "1", 'The "fishing" quota \\ back\nslash (for)'),
        ("Norway", "Ana Lima", "1", 'The "fishing" quota \\ back\nslash (against)'),
    ]
    bound = rows(run_query(source, load_query("disagreements"), {"actor1": "Norway"}))
    assert [(r["actor1"], r["actor2"]) for r in bound] == [("Norway", "Ana Lima")]
    opponents = rows(run_query(source, load_query("opponents")))
    # a position, and an actor a stance is on (sg:targetActor)
    assert [(r["position"], r["actor"]) for r in opponents] == [
        ("Brazil", "Norway"),
        ('The "fishing" quota \\ back\nslash', "Norway"),
    ]


def test_query_evidence_with_bindings(source):
    text = load_query("evidence")
    found = rows(run_query(source, text, {"actor": "Norway"}))
    assert sorted((r["polarity"], r["start"], r["end"], r["document"]) for r in found) == [
        ("oppose", "0", "28", "doc/1"),
        ("oppose", "88", "94", "doc/1"),  # on Brazil, an actor
    ]
    assert rows(run_query(source, text, {"actor": "Nobody"})) == []


def test_query_roles_and_actor_ranking(source):
    roles = rows(run_query(source, load_query("roles")))
    found = [(r["holder"], r["role"], r["of"]) for r in roles]
    assert found == [("Ana Lima", "leaderOf", "Brazil")]
    ranking = rows(run_query(source, load_query("actors-by-stances")))
    assert {r["actor"] for r in ranking} == {"Norway", "Ana Lima"}


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_output_formats(source, fmt):
    out = format_result(run_query(source, load_query("opponents")), fmt).decode()
    assert "Norway" in out
    if fmt == "json":
        assert json.loads(out)["head"]["vars"][0] == "position"


def test_query_ask_and_construct(source):
    assert format_result(run_query(source, "ASK { ?a sg:opposes ?p }"), "table") == b"true\n"
    turtle = format_result(run_query(source, "CONSTRUCT WHERE { ?a sg:opposes ?p }"), "table")
    assert b"sg:opposes" in turtle


def test_query_errors_are_one_line(source, tmp_path):
    with pytest.raises(StancegraphError, match="SPARQL syntax error") as err:
        run_query(source, "SELEKT * WHERE {}")
    assert "\n" not in str(err.value)
    with pytest.raises(StancegraphError, match="NAME=VALUE"):
        parse_bindings(["nonsense"])
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StancegraphError, match="bad.ttl"):
        open_source(graph=bad)


@pytest.mark.parametrize("name", ["supporter", "Supporters", "disagreements.rq", "roles_2"])
def test_query_unknown_saved_name_is_an_error_naming_the_known_ones(name):
    with pytest.raises(StancegraphError) as err:
        load_query(name)
    known = ", ".join(sorted(saved_queries()))
    assert str(err.value) == f"no saved query {name!r}; saved queries: {known}"


@pytest.mark.parametrize(
    "text",
    ["SELECT ?a WHERE { ?a a sg:Actor }", "  ask { ?a sg:supports ?p }",
     "# mine\nPREFIX ex: <http://example.org/>\nDESCRIBE ex:a", "BASE <http://x/> SELECT * {}",
     "CONSTRUCT WHERE { ?s ?p ?o }"],
)  # fmt: skip
def test_query_text_that_opens_as_sparql_is_run_as_sparql(text):
    assert load_query(text) == text


@pytest.mark.parametrize("text", ["who supports sanctions", "SELECTED ?a", "{ ?a ?b ?c }"])
def test_query_other_text_is_neither_sparql_nor_a_name(text):
    with pytest.raises(StancegraphError, match="neither a SPARQL query .* saved queries: "):
        load_query(text)


def test_query_doctests():
    assert doctest.testmod(query_module).failed == 0
