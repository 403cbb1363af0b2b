"""*Which position*: catalogue matching and new positions, on phrases of our own."""

from __future__ import annotations

import pytest

from stancegraph.extract.lexicon import content_terms
from stancegraph.extract.positions import paraphrase_clusters, position_label, positions_of
from stancegraph.extract.sentences import find_stances


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        ("a ceasefire along the current front line", ["ceasefire-current-line"]),
        ("an immediate ceasefire", ["ceasefire"]),
        ("a truce on the current front lines", ["ceasefire-current-line"]),
        ("a new mining royalty", []),
    ],
    ids=["specific-wins", "general", "synonyms", "nothing"],
)
def test_catalogue_match_by_content_terms(parsed, extractor, test_gazetteer, text, concepts):
    doc, _ = parsed(text)
    found = extractor.catalogue.match(content_terms(doc, test_gazetteer))
    assert [c.id for c, _ in found] == concepts


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the detained fishermen", "detained fishermen"),
        ("its new budget rules", "new budget rules"),
        ("to lower tariffs on rice", "lower tariffs on rice"),
    ],
)
def test_position_label_drops_leading_function_words(parsed, text, label):
    doc, _ = parsed(text)
    assert position_label(list(doc)) == label


def stances_of(parsed, test_gazetteer, text):
    doc, actors = parsed(text)
    return list(find_stances(doc, actors, test_gazetteer))


def test_new_position_named_by_its_object(parsed, test_gazetteer):
    (stance,) = stances_of(parsed, test_gazetteer, "Chile rejected the mining royalty.")
    (position,) = positions_of(stance, [], {}, test_gazetteer)
    assert (position.id, position.label) == ("mining-royalty", "mining royalty")
    assert position.terms == ("mining", "royalty") and position.head == "royalty"


def test_a_stance_on_nothing_nameable_has_no_position(parsed, test_gazetteer):
    (stance,) = stances_of(parsed, test_gazetteer, "Chile rejected it.")
    assert positions_of(stance, [], {}, test_gazetteer) == []


def test_these_conditions_point_back(parsed, test_gazetteer):
    text = "Norway demanded a new quota. Chile rejected these conditions."
    demand, rejection = stances_of(parsed, test_gazetteer, text)
    earlier = {id(demand): positions_of(demand, [], {}, test_gazetteer)}
    assert rejection.refers_to == (demand,)
    assert positions_of(rejection, [], earlier, test_gazetteer) == earlier[id(demand)]


def test_paraphrases_merge_by_terms_and_stay_apart_otherwise():
    clusters = paraphrase_clusters(
        {
            "a": frozenset({"ceasefire", "front", "line"}),
            "b": frozenset({"ceasefire", "front", "line", "current"}),
            "c": frozenset({"ceasefire", "gaza"}),
        },
        counts={"a": 3, "b": 1, "c": 1},
    )
    assert clusters == {"a": "a", "b": "a", "c": "c"}
