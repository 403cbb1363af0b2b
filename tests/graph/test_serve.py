"""The SPARQL endpoint: the protocol through standard clients, read-only, limits."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from stancegraph.graph.serve import start_endpoint
from stancegraph.graph.store import open_store, write_store

LABELS = "SELECT ?l WHERE { ?a rdfs:label ?l } ORDER BY ?l"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, small_graph_module):
    path = tmp_path_factory.mktemp("store") / "db"
    store = open_store(path)
    write_store(store, small_graph_module)
    del store
    with start_endpoint(path, port=0, max_results=3, max_body=10_000, timeout=5) as ep:
        yield ep


def client(url: str, method: str = "GET", fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setMethod(method)
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_select_with_sparqlwrapper(endpoint, method):
    sparql = client(endpoint.url, method)
    sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s sg:supports ?o }")
    result = sparql.query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == 1


@pytest.mark.parametrize(("fmt", "marker"), [(JSON, b'"bindings"'), (XML, b"<sparql"),
                                             (CSV, b"l\r\n"), (TSV, b"?l\n")])  # fmt: skip
def test_serve_content_negotiation(endpoint, fmt, marker):
    sparql = client(endpoint.url, fmt=fmt)
    sparql.setQuery(LABELS)
    raw = sparql.query().response.read()
    assert marker in raw


def test_serve_graph_results_as_turtle(endpoint):
    request = urllib.request.Request(
        endpoint.url + "?query=" + urllib.request.quote("CONSTRUCT WHERE { ?a sg:opposes ?p }"),
        headers={"Accept": "text/turtle"},
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
        assert b"opposes" in response.read()


def test_serve_results_are_capped(endpoint):
    sparql = client(endpoint.url)
    sparql.setQuery(LABELS + " LIMIT 100")
    response = sparql.query()
    assert response.response.headers["X-Result-Limit"] == "3"
    assert len(response.convert()["results"]["bindings"]) == 3


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
        (
            b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D",
            "application/x-www-form-urlencoded",
        ),  # fmt: skip
    ],
)
def test_serve_updates_are_refused(endpoint, data, content_type):
    request = urllib.request.Request(
        endpoint.url, data=data, headers={"Content-Type": content_type}
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 403
    update = endpoint.url.replace("/query", "/update")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(urllib.request.Request(update, data=data))
    assert err.value.code == 403


def test_serve_large_bodies_are_refused(endpoint):
    query = LABELS + " #" + "x" * 20_000
    request = urllib.request.Request(
        endpoint.url, data=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 413


def test_serve_bad_query_is_an_http_error(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(endpoint.url + "?query=SELEKT")
    assert err.value.code == 400


def test_serve_keeps_answering_under_concurrent_queries(endpoint):
    url = endpoint.url + "?query=" + urllib.request.quote(LABELS)

    def ask(_):
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, len(json.loads(response.read())["results"]["bindings"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(ask, range(200)))
    assert answers == [(200, 3)] * 200


def test_serve_warns_when_reachable_from_other_machines(small_graph_module, tmp_path, capsys):
    path = tmp_path / "db"
    store = open_store(path)
    write_store(store, small_graph_module)
    del store
    with start_endpoint(path, host="0.0.0.0", port=0) as ep:
        assert ep.url.startswith("http://0.0.0.0:")
    assert "reachable from other machines" in capsys.readouterr().err


def test_serve_binds_loopback_by_default(endpoint):
    assert endpoint.server.server_address[0] == "127.0.0.1"
