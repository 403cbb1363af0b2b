"""Integration: build seeds/ with the real model and packaged data, and check the graph."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib

from stancegraph.pipeline import build

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    return build([SEEDS], tmp_path_factory.mktemp("out"))


def rows(outdir: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (outdir / name).read_text().splitlines()]


def test_build_seeds_writes_every_output(seeds_build):
    for name in (
        "actors.jsonl",
        "statements.jsonl",
        "relations.jsonl",
        "positions.jsonl",
        "graph.ttl",
        "graph.graphml",
        "graph.html",
    ):
        assert (seeds_build.outdir / name).stat().st_size > 0, name
    assert seeds_build.documents == 2 and not seeds_build.errors


def test_build_seeds_one_node_per_actor(seeds_build):
    actors = rows(seeds_build.outdir, "actors.jsonl")
    labels = [a["label"] for a in actors]
    assert len(labels) == len(set(labels))
    by_label = {a["label"]: a for a in actors}
    # Zelensky and Zelenskyy, Kyiv and Ukraine, the Kremlin and Moscow and Russia: one node each.
    assert by_label["Volodymyr Zelensky"]["wikidata"] == "Q3874799"
    assert {"Kyiv", "Ukraine"} & set(by_label["Ukraine"]["aliases"]) | {"Ukraine"}
    assert not {"Kyiv", "Moscow", "Kremlin", "the Kremlin", "Abu Dhabi", "Donbas"} & set(labels)
    assert {a["type"] for a in actors} <= {"Person", "Organization", "State", "Group"}


def test_build_seeds_statement_offsets_point_into_original(seeds_build):
    originals = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    statements = rows(seeds_build.outdir, "statements.jsonl")
    assert any(s["polarity"] == "oppose" for s in statements)
    for s in statements:
        text = originals[s["doc"]]
        assert text[s["cue_start"] : s["cue_end"]] == s["cue"]
        # start/end: what was said, read in the evidence around the cue
        said = re.findall(r"\w+", text[s["start"] : s["end"]])
        assert said and set(said) <= set(re.findall(r"\w+", s["evidence"]))
        assert s["cue"] in s["evidence"]


def test_build_seeds_graph_has_typed_edges_with_evidence(seeds_build):
    G = seeds_build.graph
    kinds = {d["kind"] for _, _, d in G.edges(data=True)}
    assert {"stance", "role", "mentions"} <= kinds
    for u, _, d in G.edges(data=True):
        if d["kind"] in ("stance", "role"):
            assert d["count"] == len(d["evidence"]) >= 1
            assert G.nodes[u]["kind"] == "actor"
    stance_targets = {G.nodes[v]["kind"] for _, v, d in G.edges(data=True) if d["kind"] == "stance"}
    assert stance_targets == {"position"}


def test_build_seeds_turtle_parses(seeds_build):
    g = rdflib.Graph().parse(seeds_build.outdir / "graph.ttl", format="turtle")
    assert len(g) > 100
