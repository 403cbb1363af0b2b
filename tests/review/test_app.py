"""The review's web application: its API, its guards, and the server on loopback only."""

from __future__ import annotations

import errno
import json
import socket
import urllib.error
import urllib.request
from dataclasses import replace

import pytest

from stancegraph.extract.curation import Curation, CurationReport
from stancegraph.review.app import COOKIE, LOOPBACK, create_app
from stancegraph.review.server import start_review
from stancegraph.review.session import open_review
from stancegraph.review.view import View

from .conftest import review_extraction

TOKEN = "t0ken-for-tests"
PWN = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


@pytest.fixture
def client(review_build, tmp_path):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    app = create_app(review, TOKEN)
    app.testing = False  # errors as users see them, not raised into the test
    c = app.test_client()
    c.review = review
    return c


def logged_in(client):
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert (
        f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie
    )  # the test client has no port and "SameSite=Strict" in cookie
    return client


def post(client, path, body, token=TOKEN, **kw):
    headers = {"X-Review-Token": token} if token else {}
    return client.post(
        path, data=json.dumps(body), headers=headers, content_type="application/json", **kw
    )


def one_line_error(response, status):
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error and "\n" not in error and "Traceback" not in response.get_data(as_text=True)
    return error


def test_page_needs_the_token_then_keeps_it_in_a_cookie(client):
    assert "no token" in one_line_error(client.get("/"), 403)
    assert "no token" in one_line_error(client.get("/api/state"), 403)
    logged_in(client)
    page = client.get("/")
    assert page.status_code == 200
    assert f'<meta name="review-token" content="{TOKEN}">' in page.get_data(as_text=True)
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Frame-Options"] == "DENY"


def test_a_change_without_the_token_is_refused_and_writes_nothing(client):
    logged_in(client)
    sid = client.review.view.ids[0]
    action = {"action": "confirm", "statement": sid}
    assert "X-Review-Token" in one_line_error(post(client, "/api/action", action, None), 403)
    assert "X-Review-Token" in one_line_error(post(client, "/api/action", action, "guess"), 403)
    # A form another site could post: no custom header, not JSON.
    form = client.post("/api/action", data=action)
    assert form.status_code == 403
    form = client.post("/api/action", data=action, headers={"X-Review-Token": TOKEN})
    assert "JSON" in one_line_error(form, 415)
    assert not (client.review.file.path).exists()
    assert post(client, "/api/action", action).status_code == 200
    assert client.review.file.path.exists()


def test_a_request_for_another_host_is_refused(client):
    logged_in(client)
    response = client.get("/api/state", headers={"Host": "rebound.example:7880"})
    assert "unexpected Host" in one_line_error(response, 403)
    assert {"127.0.0.1", "localhost", "::1"} == LOOPBACK


@pytest.mark.parametrize(
    "path, body, status, problem",
    [
        ("/api/action", {"action": "explode"}, 400, "unknown action 'explode'"),
        ("/api/action", [1, 2], 400, "JSON object"),
        ("/api/action", {"action": "drop", "statement": "x"}, 400, "no statement 'x'"),
        ("/api/undo", {}, 400, "undo needs 'entry'"),
        ("/api/undo", {"entry": "0123456789abcdef"}, 400, "no such entry"),
        (
            "/api/action",
            {"action": "rename_actor", "actor": "lima", "label": "x" * 70_000},
            413,
            "larger than 64 KB",
        ),
    ],
)
def test_bad_requests_get_one_clear_line(client, path, body, status, problem):
    logged_in(client)
    assert problem in one_line_error(post(client, path, body), status)


@pytest.mark.parametrize(
    "path, status, problem",
    [
        ("/api/actor?id=peru", 400, "no actor 'peru'"),
        ("/api/position/sides.svg?id=", 400, "no position ''"),
        ("/api/statements?limit=many", 400, "must be numbers"),
        ("/nowhere", 404, "not found"),
    ],
)
def test_bad_reads_get_one_clear_line(client, path, status, problem):
    logged_in(client)
    assert problem in one_line_error(client.get(path), status).lower()


def test_statements_are_filtered_sorted_and_paged(client):
    logged_in(client)
    data = client.get("/api/statements?limit=3").get_json()
    assert data["total"] == 7 and len(data["rows"]) == 3
    assert [r["confidence"] for r in data["rows"]] == [0.4, 0.5, 0.55]  # lowest first
    data = client.get("/api/statements?actor=ana-lima&polarity=support").get_json()
    assert {r["position_id"] for r in data["rows"]} == {"quota", "ceasefire"}
    data = client.get("/api/statements?source=referred").get_json()
    assert [r["segments"][1] for r in data["rows"]] == [{"text": "said", "mark": "cue"}]
    data = client.get("/api/statements?doc=d1&sort=document&max_confidence=0.7").get_json()
    assert [(r["start"], r["actor_id"]) for r in data["rows"]] == [
        (0, "chile"),
        (45, "ana-lima"),
        (45, "ana-lima"),
        (90, "ana-lima"),
    ]


def test_an_action_updates_state_statements_and_panels(client):
    logged_in(client)
    chile = client.get("/api/statements?actor=chile").get_json()["rows"][0]
    answer = post(
        client,
        "/api/action",
        {"action": "polarity", "statement": chile["id"], "polarity": "support"},
    ).get_json()
    assert answer["entry"]["kind"] == "set_polarity" and answer["seconds"] < 1
    state = client.get("/api/state").get_json()
    assert state["counts"]["corrected"] == 1 and state["entries"][0]["kind"] == "set_polarity"
    facets = client.get("/api/facets").get_json()
    assert facets["facets"] == state["facets"]  # a polarity changes no name
    assert [a["id"] for a in facets["actors"]] == ["ana-lima", "chile", "lima", "norway"]
    quota = client.get("/api/position?id=quota").get_json()
    assert [a["id"] for a in quota["for"]] == ["ana-lima", "chile"]
    assert [a["id"] for a in quota["against"]] == ["norway"]
    merged = post(client, "/api/action", {"action": "merge_actors", "actors": ["lima", "chile"]})
    assert merged.status_code == 200
    assert client.get("/api/state").get_json()["facets"] != state["facets"]
    undone = post(client, "/api/undo", {"entry": answer["entry"]["fingerprint"]})
    assert undone.status_code == 200
    assert client.get("/api/state").get_json()["counts"]["corrected"] == 0
    assert "chile" not in [a["id"] for a in client.get("/api/facets").get_json()["actors"]]


def test_charts_and_graph_page_escape_document_text(review_build, tmp_path):
    review = open_review(review_build(hostile=PWN), tmp_path / "fixes.yaml")
    client = create_app(review, TOKEN).test_client()
    logged_in(client)
    for path in ("/api/actor/timeline.svg?id=norway", "/api/position/sides.svg?id=quota"):
        response = client.get(path)
        assert response.mimetype == "image/svg+xml"
        svg = response.get_data(as_text=True)
        assert "<img" not in svg and "<script" not in svg and "&lt;script&gt;" in svg
    timeline = client.get("/api/actor/timeline.svg?id=ana-lima").get_data(as_text=True)
    # The legend's two, and the quota and the ceasefire on 2024-03-01 (no side: not drawn).
    assert timeline.count("<circle") == 2 + 2
    page = client.get("/graph")
    assert page.status_code == 200 and "Content-Security-Policy" in page.get_data(as_text=True)
    assert "<img src=x" not in page.get_data(as_text=True)


def test_server_answers_on_127_0_0_1_only(review_build, tmp_path):
    server = start_review(review_build(), tmp_path / "fixes.yaml")  # the default host
    try:
        assert server.host == "127.0.0.1" and server.url.startswith("http://127.0.0.1:")
        with pytest.raises(OSError) as refused:  # another loopback address: nobody listens
            socket.create_connection(("127.0.0.2", server.port), timeout=2).close()
        assert refused.value.errno in (errno.ECONNREFUSED, errno.ENETUNREACH)
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(server.url, timeout=10) as page:  # the token, then its cookie
            assert page.status == 200 and page.url == f"{server.base_url}/"
        request = urllib.request.Request(
            f"{server.base_url}/api/action",
            data=b'{"action": "merge_actors", "actors": ["lima", "ana-lima"]}',
            headers={
                "Content-Type": "application/json",
                "Cookie": f"{COOKIE}-{server.port}={server.token}",
            },
        )
        with pytest.raises(urllib.error.HTTPError) as forbidden:
            urllib.request.urlopen(request, timeout=10)
        assert forbidden.value.code == 403
        assert not (tmp_path / "fixes.yaml").exists()
    finally:
        server.close()


def test_a_stance_on_an_actor_links_to_the_actor():
    x = review_extraction()
    first = x.statements[0]  # Norway rejected the quota: now, Norway criticised Chile
    x.statements[0] = replace(first, position="Chile", position_id="", target_id="chile")
    row = View(0, Curation(), x, CurationReport()).row(0)
    assert (row["position"], row["position_id"], row["target_id"]) == ("Chile", "", "chile")
