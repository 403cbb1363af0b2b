"""Derived networks: actor-position, congruence, conflict, stance over time."""

from __future__ import annotations

import doctest
import math

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from stancegraph.errors import StancegraphError
from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.build import build_graph
from stancegraph.graph.networks import (
    NETWORKS,
    actor_position_network,
    conflict_network,
    congruence_network,
    stance_over_time,
)

LABELS = {"p": "Carbon tax", "q": "Quota", "r": "Rail fund"}


def statement(actor, polarity, position, start, doc="d1", date=None, predicate="says"):
    return Statement(doc, actor.upper(), actor, predicate, polarity, LABELS[position], position,
                     f"Sentence {start}.", start, start + 10, date=date)  # fmt: skip


def document(doc_id, date=None):
    return Document(doc_id, "", "", (0,), date=date)


@pytest.fixture
def stances() -> nx.MultiDiGraph:
    """a: +p (twice, two cues) -q; b: +p +r -q (q three times), ~q; c: -p +q ~r (twice);
    d: ~p; e: +r -r. Neutral is ~. A role a -> b and mentions are not stances."""
    st = [
        statement("a", "support", "p", 0, predicate="demands"),
        statement("a", "support", "p", 1, predicate="backs"),
        statement("a", "oppose", "q", 2),
        statement("b", "support", "p", 3),
        statement("b", "oppose", "q", 4, date="2024-05-01"),
        statement("b", "oppose", "q", 5, date="2024-05-01T10:00:00"),
        statement("b", "oppose", "q", 6, doc="d2"),  # takes d2's date, 2024-06-02
        statement("b", "neutral", "q", 7, date="spring 2024"),
        statement("b", "support", "r", 8, date="2024-07-01"),
        statement("c", "oppose", "p", 9),
        statement("c", "support", "q", 10),
        statement("c", "neutral", "r", 11),
        statement("c", "neutral", "r", 12),
        statement("d", "neutral", "p", 13),
        statement("e", "support", "r", 14),
        statement("e", "oppose", "r", 15),
    ]
    extraction = Extraction(
        documents=[document("d1"), document("d2", "2024-06-02")],
        actors=[Actor(x, x.upper(), "Person" if x == "a" else "State") for x in "abcdef"],
        statements=st,
        relations=[Relation("d1", "A", "a", "leader_of", "B", "b", "A leads B.", 20, 30)],
        positions=[Position(k, v) for k, v in LABELS.items()],
        mentions={("d1", "a"): 1, ("d1", "f"): 2},
    )
    return build_graph(extraction)


def edge_set(N):
    return {tuple(sorted(e)) for e in N.edges()}


def test_actor_position_network_weights_and_agreement(stances):
    B = actor_position_network(stances)
    # (support, oppose) per pair, counted by hand from the fixture; neutral claims are
    # no stances and make no pair.
    expected = {
        ("a", "p"): (2, 0),
        ("a", "q"): (0, 1),
        ("b", "p"): (1, 0),
        ("b", "q"): (0, 3),
        ("b", "r"): (1, 0),
        ("c", "p"): (0, 1),
        ("c", "q"): (1, 0),
        ("e", "r"): (1, 1),
    }
    got = {
        (u.removeprefix("actor:"), v.removeprefix("position:")): d
        for u, v, d in ((*sorted((u, v)), d) for u, v, d in B.edges(data=True))
    }
    assert set(got) == set(expected)
    agreement = {("a", "p"): 1, ("a", "q"): -1, ("b", "q"): -1, ("c", "p"): -1, ("e", "r"): 0}
    for pair, (s, o) in expected.items():
        d = got[pair]
        assert (d["support"], d["oppose"], d["weight"]) == (s, o, s + o)
        assert d["agreement"] == agreement.get(pair, 1)


def test_actor_position_network_is_bipartite_without_roles_or_documents(stances):
    B = actor_position_network(stances)
    actors = {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    assert actors == {f"actor:{x}" for x in "abce"}  # d only commented, f has no stance
    assert bipartite.is_bipartite_node_set(B, actors)
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 1} == {
        "position:p",
        "position:q",
        "position:r",
    }
    assert B.nodes["actor:a"]["type"] == "Person" and B.nodes["position:q"]["label"] == "Quota"


@pytest.mark.parametrize(
    "polarity, pairs",
    [
        ("support", {("actor:a", "position:p"), ("actor:b", "position:p"),
                     ("actor:b", "position:r"), ("actor:c", "position:q"),
                     ("actor:e", "position:r")}),
        (["oppose"], {("actor:a", "position:q"), ("actor:b", "position:q"),
                      ("actor:c", "position:p"), ("actor:e", "position:r")}),
    ],
)  # fmt: skip
def test_actor_position_network_keeps_one_polarity(stances, polarity, pairs):
    B = actor_position_network(stances, polarity=polarity)
    assert edge_set(B) == pairs
    assert set(B) == {n for pair in pairs for n in pair}


def test_actor_position_network_rejects_an_unknown_polarity(stances):
    with pytest.raises(ValueError, match="polarity"):
        actor_position_network(stances, polarity="agree")


def test_congruence_network_links_actors_on_the_same_side(stances):
    C = congruence_network(stances)
    # p: a, b support; q: a, b oppose; r: b, e support (e also opposes it).
    assert edge_set(C) == {("actor:a", "actor:b"), ("actor:b", "actor:e")}
    assert C.edges["actor:a", "actor:b"]["positions"] == ["position:p", "position:q"]
    assert C.edges["actor:a", "actor:b"]["weight"] == 2
    assert C.edges["actor:b", "actor:e"]["positions"] == ["position:r"]
    assert C.graph["position_labels"]["position:r"] == "Rail fund"


def test_congruence_network_ignores_neutral_statements(stances):
    C = congruence_network(stances)
    assert "actor:d" not in C  # only neutral statements
    assert "actor:f" not in C  # no statement at all
    assert C.nodes["actor:c"]["position_count"] == 2  # p and q; r only neutrally
    assert C.degree("actor:c") == 0  # c is on no one's side


def test_conflict_network_links_actors_on_opposite_sides(stances):
    K = conflict_network(stances)
    # p: a, b support, c opposes; q: c supports, a, b oppose; r: b, e support, e opposes.
    assert edge_set(K) == {("actor:a", "actor:c"), ("actor:b", "actor:c"), ("actor:b", "actor:e")}
    assert K.edges["actor:a", "actor:c"]["positions"] == ["position:p", "position:q"]
    assert K.edges["actor:b", "actor:c"]["weight"] == 2
    assert K.edges["actor:b", "actor:e"]["positions"] == ["position:r"]
    assert not any(u == v for u, v in K.edges())  # e against itself on r is no link


@pytest.mark.parametrize(
    "normalise, ab, be",
    [
        # a took sides on {p, q}, b on {p, q, r}, e on {r}; a-b share 2, b-e share 1.
        (None, 2, 1),
        ("average", 2 / ((2 + 3) / 2), 1 / ((3 + 1) / 2)),
        ("jaccard", 2 / 3, 1 / 3),
        ("cosine", 2 / math.sqrt(2 * 3), 1 / math.sqrt(3 * 1)),
    ],
)
def test_congruence_network_normalises_weights(stances, normalise, ab, be):
    C = congruence_network(stances, normalise=normalise)
    assert C.edges["actor:a", "actor:b"]["weight"] == pytest.approx(ab)
    assert C.edges["actor:b", "actor:e"]["weight"] == pytest.approx(be)
    assert C.edges["actor:a", "actor:b"]["count"] == 2


def test_conflict_network_jaccard_counts_agreed_positions_in_the_union(stances):
    # a and c both took sides on exactly {p, q} and disagree on both.
    K = conflict_network(stances, normalise="jaccard")
    assert K.edges["actor:a", "actor:c"]["weight"] == pytest.approx(1.0)
    # b {p, q, r} and e {r}: conflict on r; union {p, q, r}.
    assert K.edges["actor:b", "actor:e"]["weight"] == pytest.approx(1 / 3)


def test_congruence_network_rejects_an_unknown_normalisation(stances):
    with pytest.raises(ValueError, match="normalise"):
        congruence_network(stances, normalise="z-score")


def test_networks_leave_the_stance_graph_unchanged(stances):
    before = (stances.number_of_nodes(), stances.number_of_edges())
    for make in NETWORKS.values():
        make(stances)
    assert (stances.number_of_nodes(), stances.number_of_edges()) == before


@pytest.mark.parametrize("actor", ["b", "B", "actor:b"])
def test_stance_over_time_counts_per_position_and_day(stances, actor):
    records = stance_over_time(stances, actor)
    rows = [(r["label"], r["date"], r["support"], r["oppose"]) for r in records]
    assert rows == [
        ("Carbon tax", None, 1, 0),  # d1 has no date
        ("Quota", "2024-05-01", 0, 2),  # a date and a timestamp of the same day
        ("Quota", "2024-06-02", 0, 1),  # the document's date
        ("Rail fund", "2024-07-01", 1, 0),  # (b's neutral claim on Quota is no stance)
    ]
    assert {r["actor"] for r in records} == {"actor:b"}
    assert records[0]["position"] == "position:p"


def test_stance_over_time_feeds_pandas(stances):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(stance_over_time(stances, "a"))
    assert list(frame.columns) == ["actor", "position", "label", "date", "support", "oppose"]
    assert frame.support.sum() == 2 and frame.oppose.sum() == 1


def test_stance_over_time_of_an_unknown_actor_is_one_line(stances):
    with pytest.raises(StancegraphError, match="did you mean") as caught:
        stance_over_time(stances, "BB")
    assert "\n" not in str(caught.value)


def test_networks_examples_in_docstrings_run():
    from stancegraph.graph import networks

    assert doctest.testmod(networks).failed == 0
