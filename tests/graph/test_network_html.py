"""The page of a derived network: escaped, offline, bounded, focused, deterministic."""

from __future__ import annotations

import json
import re
from importlib import resources

import networkx as nx
import pytest

from stancegraph.errors import StancegraphError
from stancegraph.graph.network_html import write_network_html
from stancegraph.graph.networks import actor_position_network, conflict_network

VIS_JS = (resources.files("pyvis") / "templates/lib/vis-9.1.2/vis-network.min.js").read_text("utf8")
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "a & b \u2028 \u2029 ]]> '\"",
]


def stance(G, actor, position, polarity, count=1):
    G.add_node(f"actor:{actor}", kind="actor", label=actor.title(), type="State")
    G.add_node(f"position:{position}", kind="position", label=position.replace("-", " "))
    G.add_edge(f"actor:{actor}", f"position:{position}", f"{polarity}:says", kind="stance",
               polarity=polarity, count=count)  # fmt: skip


def chain() -> nx.MultiDiGraph:
    """a, b, c, d in a row of conflicts: a-b on p, b-c on q, c-d on r; b-c also on s."""
    G = nx.MultiDiGraph()
    for actor, position, polarity in [
        ("a", "p", "support"), ("b", "p", "oppose"),
        ("b", "q", "support"), ("c", "q", "oppose"),
        ("b", "s", "support"), ("c", "s", "oppose"),
        ("c", "r", "support"), ("d", "r", "oppose"),
    ]:  # fmt: skip
        stance(G, actor, position, polarity)
    return G


def strings(value):
    """Every string in parsed JSON, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="stancegraph-data">(.*?)</', html, re.S)
    return json.loads(block.group(1))


def render(tmp_path, N, **kwargs) -> tuple[str, dict]:
    summary = write_network_html(N, tmp_path / "n.html", **kwargs)
    return (tmp_path / "n.html").read_text("utf-8"), summary


def test_network_page_draws_weighted_links_with_their_positions(tmp_path):
    html, summary = render(tmp_path, conflict_network(chain()))
    assert (summary["nodes"], summary["edges"]) == (4, 3)
    data = page_data(html)
    links = {(e["from"], e["to"]): e for e in data["edges"].values()}
    assert links["actor:b", "actor:c"]["weight"] == 2
    assert links["actor:b", "actor:c"]["positions"] == ["q", "s"]  # labels, not ids
    assert {e["facet"] for e in links.values()} == {"conflict"}
    assert data["network"]["options"]["edges"]["arrows"]["to"]["enabled"] is False
    assert "opposite sides" in html


def test_network_page_colours_two_mode_links_by_agreement(tmp_path):
    G = chain()
    stance(G, "a", "q", "support")
    stance(G, "a", "q", "oppose")  # as often for as against
    _, summary = render(tmp_path, actor_position_network(G))
    html = (tmp_path / "n.html").read_text("utf-8")
    facets = {(e["from"], e["to"]): e["facet"] for e in page_data(html)["edges"].values()}
    assert facets["actor:a", "position:p"] == "support"
    assert facets["actor:b", "position:p"] == "oppose"
    assert facets["actor:a", "position:q"] == "mixed"
    assert summary["nodes"] == 8


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["actor label", "position label", "title"])
def test_network_page_escapes_hostile_text(tmp_path, payload, where):
    G = chain()
    title = "stancegraph"
    if where == "actor label":
        G.nodes["actor:a"]["label"] = payload
    elif where == "position label":
        G.nodes["position:p"]["label"] = payload
    else:
        title = payload
    html, _ = render(tmp_path, conflict_network(G), title=title)
    assert VIS_JS in html
    own = html.replace(VIS_JS, "")  # the library's text mentions "<script>" in a string
    assert own.count("<script") == 3 and own.lower().count("</script") == 3
    for raw in ("<img src=x", "</script><script>", "<!--<script>"):
        assert raw not in html
    if where != "title":
        assert "\u2028" not in html and "\u2029" not in html
        assert any(payload in text for text in strings(page_data(html)))  # the data round-trips


def test_network_page_admits_only_its_own_scripts_and_loads_nothing(tmp_path):
    html, _ = render(tmp_path, conflict_network(chain()))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in policy
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy)) == 2
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, re.I)
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, re.I)]


def test_network_page_caps_nodes_keeping_the_most_connected(tmp_path):
    html, summary = render(tmp_path, conflict_network(chain()), max_nodes=2)
    # weighted degrees: a 1, b 1 + 2, c 2 + 1, d 1
    assert set(page_data(html)["nodes"]) == {"actor:b", "actor:c"}
    assert summary["left_out"] == 2 and "2 less-connected nodes left out" in html


@pytest.mark.parametrize(
    "make, focus, kept",
    [
        (conflict_network, "A", {"actor:a", "actor:b"}),  # one step in an actor network
        (actor_position_network, "a", {"actor:a", "position:p", "actor:b"}),  # two steps
    ],
)
def test_network_page_focus_draws_the_neighbourhood(tmp_path, make, focus, kept):
    html, summary = render(tmp_path, make(chain()), focus=focus)
    assert set(page_data(html)["nodes"]) == kept and summary["focus"] == "actor:a"
    assert "neighbourhood of A" in html


def test_network_page_unknown_focus_is_one_line(tmp_path):
    with pytest.raises(StancegraphError) as caught:
        write_network_html(conflict_network(chain()), tmp_path / "n.html", focus="zz")
    assert "\n" not in str(caught.value) and not (tmp_path / "n.html").exists()


def test_network_page_is_deterministic(tmp_path):
    first, _ = render(tmp_path, conflict_network(chain()))
    second, _ = render(tmp_path, conflict_network(chain()))
    assert first == second


def test_network_page_of_an_empty_network(tmp_path):
    html, summary = render(tmp_path, conflict_network(nx.MultiDiGraph()))
    assert summary["nodes"] == 0 and '<p id="empty">No links.</p>' in html


def test_network_page_rejects_an_unknown_network(tmp_path):
    with pytest.raises(StancegraphError, match="cannot draw"):
        write_network_html(nx.Graph(network="similarity"), tmp_path / "n.html")


def test_network_html_examples_in_docstrings_run():
    import doctest

    from stancegraph.graph import network_html

    assert doctest.testmod(network_html).failed == 0
