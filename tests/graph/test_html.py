"""The interactive HTML page: offline, escaped, bounded, focused, deterministic."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import re
import subprocess
import sys
from importlib import resources

import networkx as nx
import pytest

from stancegraph.errors import StancegraphError
from stancegraph.graph.build import build_graph
from stancegraph.graph.html import write_html

VIS_JS = (resources.files("pyvis") / "templates/lib/vis-9.1.2/vis-network.min.js").read_text("utf8")
PLACES = ["actor label", "alias", "position label", "sentence", "cue", "document", "id", "title"]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "a & b \u2028 \u2029 ]]> '\"",
]


def add_actor(G, actor_id, label=None, type="State", **attrs):
    G.add_node(
        f"actor:{actor_id}",
        kind="actor",
        label=label or actor_id.title(),
        type=type,
        aliases=attrs.pop("aliases", []),
        wikidata=attrs.pop("wikidata", None),
        mentions=attrs.pop("mentions", 1),
        description=attrs.pop("description", ""),
    )


def add_position(G, position_id, label=None, **attrs):
    G.add_node(
        f"position:{position_id}",
        kind="position",
        label=label or position_id.replace("-", " "),
        alt_labels=attrs.pop("alt_labels", []),
        iri=None,
        in_catalogue=False,
        definition=attrs.pop("definition", ""),
    )


def evidence(n, sentence="They said so.", date="2024-03-01", doc="d0", cue="said"):
    return [
        {
            "doc": doc,
            "sentence": f"{sentence} ({i})",
            "start": i,
            "end": i + 5,
            "date": date,
            "confidence": 0.7,
            "cue": cue,
        }
        for i in range(n)
    ]


def add_stance(G, actor, position, polarity="support", predicate="demands", n=1, **ev):
    G.add_edge(
        f"actor:{actor}",
        f"position:{position}",
        f"{polarity}:{predicate}",
        kind="stance",
        polarity=polarity,
        predicate=predicate,
        count=n,
        confidence=0.7,
        evidence=evidence(n, **ev),
    )


def add_role(G, subject, obj, predicate="leader_of", role="President"):
    G.add_edge(
        f"actor:{subject}",
        f"actor:{obj}",
        predicate,
        kind="role",
        predicate=predicate,
        role=role,
        count=1,
        confidence=0.8,
        evidence=evidence(1, cue=role),
    )


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    add_actor(G, "norway", "Norway", wikidata="Q20")
    add_actor(G, "chile", "Chile")
    add_actor(G, "ana", "Ana Lima", type="Person", aliases=["Ana Lyma"])
    add_actor(G, "who", "World Health Organization", type="Organization")
    add_position(G, "carbon-tax", "Carbon tax")
    add_position(G, "treaty", "Pandemic treaty")
    add_stance(G, "norway", "carbon-tax", "support", "demands", n=3)
    add_stance(G, "chile", "carbon-tax", "oppose", "rejects")
    add_stance(G, "who", "treaty", "support", "calls_for", n=2)
    add_stance(G, "ana", "treaty", "oppose", "doubts")
    add_role(G, "ana", "chile")
    G.add_node(
        "document:d0",
        kind="document",
        label="Wire report",
        date="2024-03-01",
        source="wire",
        url="https://example.org/d0",
    )
    G.add_edge("document:d0", "actor:norway", "mentions", kind="mentions", count=2)
    return G


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="stancegraph-data">(.*?)</', html, re.S)
    return json.loads(block.group(1))


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


def render(tmp_path, G, name="graph.html", **kwargs) -> tuple[str, dict]:
    summary = write_html(G, tmp_path / name, **kwargs)
    return (tmp_path / name).read_text("utf-8"), summary


def test_write_html_loads_nothing_from_the_network(tmp_path):
    html, _ = render(tmp_path, small_graph())
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*>", html, re.I)
    assert tags and not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, re.I)]
    assert "vis-network" in html and "new vis.Network" in html  # inlined, not linked


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", PLACES)
def test_write_html_escapes_hostile_text(tmp_path, payload, where):
    G = small_graph()
    title = "stancegraph"
    if where == "actor label":
        G.nodes["actor:norway"]["label"] = payload
    elif where == "alias":
        G.nodes["actor:norway"]["aliases"] = [payload]
    elif where == "position label":
        G.nodes["position:carbon-tax"]["label"] = payload
    elif where == "sentence":
        add_stance(G, "chile", "treaty", "oppose", "rejects", sentence=payload)
    elif where == "cue":
        add_stance(G, "chile", "treaty", "oppose", "rejects", cue=payload)
    elif where == "document":
        G.nodes["document:d0"]["label"] = payload
    elif where == "id":
        add_actor(G, payload, "Odd id")
        add_stance(G, payload, "treaty")
    else:
        title = payload
    html, _ = render(tmp_path, G, title=title)
    assert VIS_JS in html
    own = html.replace(VIS_JS, "")  # the library's text mentions "<script>" in a string
    # Only the page's own three scripts exist, and no payload survives as markup.
    assert own.count("<script") == 3 and own.lower().count("</script") == 3
    for raw in ("<img src=x", "</script><script>", "<!--<script>"):
        assert raw not in html
    if where != "title":  # line separators break JavaScript, not HTML text
        assert "\u2028" not in html and "\u2029" not in html
    if where != "title":
        assert any(payload in text for text in strings(page_data(html)))  # the data round-trips


def test_write_html_escapes_the_title_in_the_head(tmp_path):
    html, _ = render(tmp_path, small_graph(), title="<b>Report</b> & co")
    assert "<title>&lt;b&gt;Report&lt;/b&gt; &amp; co</title>" in html


def test_write_html_admits_only_its_own_scripts(tmp_path):
    html, _ = render(tmp_path, small_graph())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy)) == 2


def test_write_html_draws_actors_positions_and_links_distinctly(tmp_path):
    html, summary = render(tmp_path, small_graph())
    data = page_data(html)
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    edges = {(e["from"], e["to"]): e for e in data["network"]["edges"]}
    assert summary["nodes"] == 6 and summary["edges"] == 5  # no documents, no mentions
    assert not any(n.startswith("document:") for n in nodes)
    shapes = {nodes[n]["shape"] for n in ("actor:norway", "actor:ana", "actor:who")}
    assert len(shapes) == 3 and nodes["position:treaty"]["shape"] == "box"
    support = edges["actor:norway", "position:carbon-tax"]
    oppose = edges["actor:chile", "position:carbon-tax"]
    role = edges["actor:ana", "actor:chile"]
    assert len({support["color"]["color"], oppose["color"]["color"], role["color"]["color"]}) == 3
    assert role["dashes"] and role["label"] == "leader of" and not support["dashes"]
    assert support["width"] > oppose["width"]  # three sentences against one
    assert "\n" in nodes["actor:norway"]["title"]  # tooltips are plain text


def test_write_html_keeps_evidence_for_the_panel(tmp_path):
    html, _ = render(tmp_path, small_graph())
    data = page_data(html)
    link = next(e for e in data["edges"].values() if e["from"] == "actor:norway")
    assert link["count"] == 3 and link["facet"] == "support"
    assert [e["day"] for e in link["evidence"]] == ["2024-03-01"] * 3
    assert data["documents"]["d0"]["title"] == "Wire report"
    assert data["nodes"]["actor:norway"]["wikidata"] == "Q20"


@pytest.mark.parametrize(
    ("date", "day"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("March 2024", None),
        ("2024", None),
        (None, None),
    ],
)
def test_write_html_reads_evidence_days_for_the_date_filter(tmp_path, date, day):
    G = nx.MultiDiGraph()
    add_actor(G, "a")
    add_position(G, "p")
    add_stance(G, "a", "p", date=date)
    html, _ = render(tmp_path, G)
    (link,) = page_data(html)["edges"].values()
    assert link["evidence"][0]["day"] == day and link["evidence"][0]["date"] == date


def test_write_html_dates_undated_evidence_by_its_document(tmp_path):
    G = small_graph()
    add_stance(G, "chile", "treaty", "oppose", "rejects", date=None, doc="d0")
    html, _ = render(tmp_path, G)
    links = page_data(html)["edges"].values()
    link = next(e for e in links if (e["from"], e["to"]) == ("actor:chile", "position:treaty"))
    assert link["evidence"][0]["day"] == "2024-03-01"


@pytest.mark.parametrize("max_nodes", [0, -5])
def test_write_html_rejects_a_cap_below_one(tmp_path, max_nodes):
    with pytest.raises(StancegraphError, match="max_nodes must be at least 1"):
        write_html(small_graph(), tmp_path / "g.html", max_nodes=max_nodes)


def test_write_html_draws_no_node_without_a_link(tmp_path):
    G = small_graph()
    add_actor(G, "lonely", "Lonely actor")
    add_position(G, "orphan", "Nobody's position")
    add_stance(G, "lonely", "orphan", "neutral", "says")  # no side: nothing to draw
    html, summary = render(tmp_path, G)
    nodes = set(page_data(html)["nodes"])
    assert "actor:lonely" not in nodes and "position:orphan" not in nodes
    assert summary["total_nodes"] == 6


def test_write_html_opens_on_the_positions_most_actors_take_sides_on(tmp_path):
    G = nx.MultiDiGraph()
    add_position(G, "contested")
    for i in range(3):
        add_actor(G, f"c{i}")
        add_stance(G, f"c{i}", "contested", "support" if i else "oppose", "backs")
    add_actor(G, "loud")
    add_position(G, "pet")
    add_stance(G, "loud", "pet", n=9)  # many sentences, one actor
    html, summary = render(tmp_path, G, max_nodes=4)
    assert set(page_data(html)["nodes"]) == {"position:contested", "actor:c0", "actor:c1",
                                             "actor:c2"}  # fmt: skip


def test_write_html_lists_an_actors_claims_on_demand(tmp_path, make_extraction):
    extraction = make_extraction()
    claim = dataclasses.replace(
        extraction.statements[0], polarity="neutral", predicate="says", position_id="",
        position="fish stocks", evidence="Norway said fish stocks were falling.", start=80,
    )  # fmt: skip
    extraction.statements.append(claim)
    html, _ = render(tmp_path, build_graph(extraction))
    data = page_data(html)
    (listed,) = data["claims"]["actor:norway"]
    assert listed["sentence"] == claim.evidence and listed["about"] == "fish stocks"
    assert "Show " in html and "claim" in html  # the panel's button that lists them


def star_graph() -> nx.MultiDiGraph:
    """Position ``hub`` with actors h0..h5; two loose pairs with a weaker link each."""
    G = nx.MultiDiGraph()
    add_position(G, "hub")
    for i in range(6):
        add_actor(G, f"h{i}")
        add_stance(G, f"h{i}", "hub", n=2)
    for name in ("x", "y"):
        add_actor(G, name)
        add_position(G, f"p{name}")
        add_stance(G, name, f"p{name}")
    return G


def test_write_html_caps_nodes_keeping_the_most_connected(tmp_path):
    html, summary = render(tmp_path, star_graph(), max_nodes=5)
    kept = set(page_data(html)["nodes"])
    assert summary["nodes"] == 5 and summary["total_nodes"] == 11 and summary["left_out"] == 6
    assert "position:hub" in kept and kept <= {"position:hub"} | {f"actor:h{i}" for i in range(6)}
    assert "showing 5 of 11 nodes; 6 less-connected nodes left out" in html


def test_write_html_lays_out_large_graphs_without_overlap(tmp_path):
    G = nx.MultiDiGraph()
    for p in range(40):
        add_position(G, f"p{p}")
    for a in range(560):
        add_actor(G, f"a{a}")
        add_stance(G, f"a{a}", f"p{a % 40}")
        add_stance(G, f"a{a}", f"p{(a * 7) % 40}", "oppose", "rejects")
    html, summary = render(tmp_path, G, max_nodes=550)
    nodes = page_data(html)["network"]["nodes"]
    assert summary["nodes"] == 550 and summary["left_out"] == 50
    assert len({(n["x"], n["y"]) for n in nodes}) == 550


def test_write_html_packs_small_parts_beneath_the_largest(tmp_path):
    G = nx.MultiDiGraph()
    add_position(G, "hub")
    for a in range(12):
        add_actor(G, f"a{a}")
        add_stance(G, f"a{a}", "hub")
    for pair in range(4):  # four small parts: one actor, one position each
        add_actor(G, f"lone{pair}")
        add_position(G, f"lone-p{pair}")
        add_stance(G, f"lone{pair}", f"lone-p{pair}")
    html, _ = render(tmp_path, G)
    xy = {n["id"]: (n["x"], n["y"]) for n in page_data(html)["network"]["nodes"]}
    main = [xy[n] for n in xy if "lone" not in n]
    small = [xy[n] for n in xy if "lone" in n]
    left, right = min(x for x, _ in main), max(x for x, _ in main)
    assert all(y > max(y for _, y in main) for _, y in small)  # beneath the main part
    assert all(left - 1 <= x <= left + max(right - left, 900) + 300 for x, _ in small)


@pytest.mark.parametrize("focus", ["actor:h0", "h0", "H0", "  h0 "])
def test_write_html_focus_draws_the_neighbourhood(tmp_path, focus):
    G = star_graph()
    add_actor(G, "far")
    add_position(G, "far-away")
    add_stance(G, "h1", "px")  # h1 -> px is 3 steps from h0: left out
    add_stance(G, "far", "far-away")
    html, summary = render(tmp_path, G, focus=focus)
    kept = set(page_data(html)["nodes"])
    assert kept == {"position:hub"} | {f"actor:h{i}" for i in range(6)}
    assert summary["focus"] == "actor:h0"
    assert "neighbourhood of H0 (2 steps): showing 7 of" in html


def test_write_html_focus_by_label_keeps_the_actor_under_a_cap(tmp_path):
    html, summary = render(tmp_path, small_graph(), focus="ANA LIMA", max_nodes=2)
    # Neighbourhood: Ana Lima, Pandemic treaty, Chile, WHO, Carbon tax. Within it the treaty is
    # the most connected (WHO x2, Ana x1); Carbon tax's link to Norway lies outside.
    assert set(page_data(html)["nodes"]) == {"actor:ana", "position:treaty"}
    assert summary["left_out"] == 3


@pytest.mark.parametrize("focus", ["nobody", "position:hub", "hub", ""])
def test_write_html_unknown_focus_raises_one_line(tmp_path, focus):
    target = tmp_path / "graph.html"
    target.write_text("previous")
    with pytest.raises(StancegraphError) as caught:
        write_html(star_graph(), target, focus=focus)
    assert "\n" not in str(caught.value) and repr(focus) in str(caught.value)
    assert target.read_text() == "previous"  # nothing was written


def test_write_html_unknown_focus_suggests_a_close_label(tmp_path):
    with pytest.raises(StancegraphError, match="did you mean 'Ana Lima'"):
        write_html(small_graph(), tmp_path / "g.html", focus="Ana Lma")


def test_write_html_is_deterministic(tmp_path):
    G = small_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(G.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    first, _ = render(tmp_path, G, "a.html")
    second, _ = render(tmp_path, G, "b.html")
    third, _ = render(tmp_path, shuffled, "c.html")
    assert first == second == third


def test_write_html_is_deterministic_across_processes(tmp_path):
    """String hashing differs per process; a set-ordered step would show up here."""
    graph = tmp_path / "graph.pickle"
    graph.write_bytes(pickle.dumps(star_graph()))
    script = (
        "import pickle, sys; from stancegraph.graph.html import write_html; "
        "write_html(pickle.loads(open(sys.argv[1], 'rb').read()), sys.argv[2], max_nodes=4)"
    )
    for seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        out = tmp_path / f"{seed}.html"
        subprocess.run([sys.executable, "-c", script, graph, out], check=True, env=env)
    assert (tmp_path / "1.html").read_bytes() == (tmp_path / "2.html").read_bytes()


def test_write_html_handles_an_empty_graph(tmp_path):
    html, summary = render(tmp_path, nx.MultiDiGraph())
    assert summary == {
        "path": str(tmp_path / "graph.html"),
        "nodes": 0,
        "edges": 0,
        "total_nodes": 0,
        "left_out": 0,
        "focus": None,
    }
    assert "No statements found." in html and "showing 0 of 0 nodes" in html
    assert page_data(html)["network"]["nodes"] == []
