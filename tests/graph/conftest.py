"""A small hand-made extraction, so that graph views are tested without the parser."""

from __future__ import annotations

import pytest

from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.build import build_graph


def _make_extraction(hostile: str = "") -> Extraction:
    text = (
        'Norway rejected the "quota".\nAna Lima, Brazil\'s president, backed it.\n'
        "Norway criticised Brazil."
    )
    doc = Document("doc/1", text, text, tuple(range(len(text) + 1)), title="Fish talks",
                   date="2024-05-01")  # fmt: skip
    actors = [
        Actor("norway", "Norway" + hostile, "State", ("Oslo",), "Q20", mentions=1),
        Actor("brazil", "Brazil", "State", (), "Q155", mentions=1),
        Actor("ana-lima", "Ana Lima", "Person", ("Lima",), mentions=1),
    ]
    quota = Position("fishing-quota", 'The "fishing" quota \\ back\nslash' + hostile)
    statements = [
        Statement("doc/1", "Norway", "norway", "rejects", "oppose", quota.label, quota.id,
                  'Norway rejected the "quota".', 0, 28, cue="rejected", cue_start=7,
                  cue_end=15, date="2024-05-01", confidence=0.8),
        Statement("doc/1", "Ana Lima", "ana-lima", "backs", "support", quota.label, quota.id,
                  "Ana Lima, Brazil's president, backed it.", 29, 69, cue="backed",
                  cue_start=59, cue_end=65, date="2024-05-01", confidence=0.7, hedged=True),
        # a stance on an actor: no position, the actor is the target
        Statement("doc/1", "Norway", "norway", "criticises", "oppose", "Brazil", "",
                  "Norway criticised Brazil.", 88, 94, cue="criticised", cue_start=77,
                  cue_end=87, date="2024-05-01", confidence=0.8, target_id="brazil"),
    ]  # fmt: skip
    relations = [
        Relation("doc/1", "Ana Lima", "ana-lima", "leader_of", "Brazil", "brazil",
                 "Ana Lima, Brazil's president, backed it.", 29, 69, role="president"),
    ]  # fmt: skip
    return Extraction(
        documents=[doc],
        actors=actors,
        statements=statements,
        relations=relations,
        positions=[quota],
        mentions={("doc/1", "norway"): 1, ("doc/1", "ana-lima"): 1, ("doc/1", "brazil"): 1},
    )


@pytest.fixture
def make_extraction():
    """``make_extraction(hostile="...")``: the extraction, with text appended to two names."""
    return _make_extraction


@pytest.fixture
def small_graph():
    return build_graph(_make_extraction())


@pytest.fixture(scope="module")
def small_graph_module():
    return build_graph(_make_extraction())
