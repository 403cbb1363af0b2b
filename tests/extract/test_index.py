"""The corpus-level index: sums over documents, decisions that do not depend on their order."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from stancegraph.extract.assemble import DocumentResult
from stancegraph.extract.index import (
    CorpusIndex,
    changed_references,
    combine_parts,
    express,
    merge,
    result_from_json,
    result_to_json,
)
from stancegraph.extract.mentions import Mention
from stancegraph.extract.records import Document, Relation, Statement


def person(key: str, label: str) -> Mention:
    return Mention(0, 1, key, label, "Person")


IRAN = Mention(0, 1, "gz:iran", "Iran", "State", "Q794")
CHILE = Mention(0, 1, "gz:chile", "Chile", "State", "Q298")


def result(doc_id: str, names=(), acts=(), says=(), roles=(), mentions=None, forms=None):
    """A document's result: ``names`` mentioned once each; ``says`` (actor key, polarity,
    position id, label[, terms]) statements; ``roles`` (person key, predicate, body key)."""
    r = DocumentResult(Document(doc_id, "", "", (0,), content_hash=f"h-{doc_id}"))
    for m in names:
        r.names[m.key] = m
        r.mentions[m.key] += 1 if mentions is None else mentions.get(m.key, 1)
        r.surface[m.key].add((forms or {}).get(m.key, m.label))
    r.agents |= set(acts)
    for n, (key, polarity, pid, label, *terms) in enumerate(says):
        r.agents.add(key)
        r.statements.append(Statement(doc_id, "x", key, "says", polarity, label, pid,
                                      f"Sentence {n}.", 10 * n, 10 * n + 9))  # fmt: skip
        if terms:
            r.position_terms[pid] = frozenset(terms[0])
    for n, (holder, predicate, body) in enumerate(roles):
        r.agents |= {holder, body}
        r.relations.append(Relation(doc_id, "x", holder, predicate, "y", body, "Role.", n, n + 1))
    return r


def corpus() -> list[DocumentResult]:
    tykhy = person("Person:tykhy", "Tykhy")
    full = person("Person:georgiy tykhy", "Georgiy Tykhy")
    variant = person("Person:georgii tykhy", "Georgii Tykhy")
    return [
        result(
            "a",
            [IRAN, CHILE, tykhy],
            says=[("Person:tykhy", "oppose", "fishing-quota", "fishing quota", {"fish", "quota"})],
        ),  # fmt: skip
        result(
            "b",
            [IRAN, full],
            says=[("gz:iran", "support", "quota-for-fish", "quota for fish", {"quota", "fish"})],
        ),  # fmt: skip
        result("c", [variant, CHILE], roles=[("Person:georgii tykhy", "leader_of", "gz:chile")]),
        result(
            "d", [full, CHILE], says=[("gz:chile", "neutral", "the talks", "the talks", {"talk"})]
        ),  # fmt: skip
        result(
            "e",
            [person("Person:ana lima", "ANA LIMA")],
            forms={"Person:ana lima": "Ana Lima"},
            says=[
                (
                    "Person:ana lima",
                    "support",
                    "fishing-quota",
                    "the fishing quota",
                    {"fish", "quota"},
                )
            ],
        ),  # fmt: skip
    ]


def decided(results):
    index = CorpusIndex()
    for r in results:
        index.add(r)
    return index.decide()


def test_index_a_name_that_acts_later_becomes_an_actor_of_earlier_documents():
    a = result("a", [IRAN, CHILE], says=[("gz:chile", "oppose", "sanctions", "sanctions", {"x"})])
    b = result("b", [IRAN], says=[("gz:iran", "oppose", "sanctions", "sanctions", {"x"})])
    before, after = decided([a]), decided([a, b])
    assert "gz:iran" not in before.actor_of and after.actor_of["gz:iran"] == "iran"
    assert "a:gz:iran" in changed_references(before, after)
    assert ("a", "iran") not in express(a, before).mentions
    assert express(a, after).mentions[("a", "iran")] == 1


def test_index_a_surname_joins_the_full_name_a_later_document_gives():
    a = result("a", [person("Person:tykhy", "Tykhy")],
               says=[("Person:tykhy", "support", "talks", "talks", {"talk"})])  # fmt: skip
    b = result("b", [person("Person:georgiy tykhy", "Georgiy Tykhy")],
               says=[("Person:georgiy tykhy", "support", "talks", "talks", {"talk"})])  # fmt: skip
    before, after = decided([a]), decided([a, b])
    assert before.actor_of["Person:tykhy"] == "tykhy"
    assert after.actor_of["Person:tykhy"] == "georgiy-tykhy"
    assert "tykhy" not in after.actors and "Tykhy" in after.actors["georgiy-tykhy"].aliases
    assert "a:Person:tykhy" in changed_references(before, after)
    assert express(a, after).statements[0].actor_id == "georgiy-tykhy"


@pytest.mark.parametrize("seed", range(6))
def test_index_decisions_do_not_depend_on_the_order_of_documents(seed):
    results = corpus()
    whole = decided(results)
    random.Random(seed).shuffle(results)
    assert decided(results) == whole


def test_index_taking_a_document_out_is_as_if_it_never_came():
    results = corpus()
    index = CorpusIndex()
    for r in results:
        index.add(r)
    index.add(results[1], -1)
    without = CorpusIndex()
    for r in results[:1] + results[2:]:
        without.add(r)
    assert index.decide() == without.decide()
    refs = {f"a:{k}" for k in index.names} | {f"p:{p}" for p in index.positions}
    assert {r: index.entry_json(r) for r in refs} == {r: without.entry_json(r) for r in refs}
    assert "a:Person:georgiy tykhy" in refs  # still named in d


def test_index_entries_read_back_give_the_same_decisions():
    index = CorpusIndex()
    for r in corpus():
        index.add(r)
    refs = {f"a:{k}" for k in index.names} | {f"p:{p}" for p in index.positions}
    again = CorpusIndex()
    for ref in refs:
        again.load_entry(ref, json.loads(json.dumps(index.entry_json(ref))))
    assert again.decide() == index.decide()


def test_index_paraphrases_merge_across_documents_under_the_commoner_label():
    d = decided(corpus())
    assert d.position_of["quota-for-fish"] == d.position_of["fishing-quota"] == "fishing-quota"
    position = d.positions["fishing-quota"]
    assert position.label == "fishing quota"  # of its two ways, the first in order
    assert position.alt_labels == ("quota for fish",)  # what the other position said
    assert "the-talks" not in d.positions  # only named by a claim that takes no side


def test_index_a_headline_in_capitals_takes_the_name_as_written_elsewhere():
    assert decided(corpus()).actors["ana-lima"].label == "Ana Lima"


def test_merge_equals_expressing_each_document_under_the_decisions():
    results = corpus()
    x, d = merge(results, ()), decided(results)
    assert x.actors == list(d.actors.values()) and x.positions == list(d.positions.values())
    assert x.statements == [st for r in results for st in express(r, d).statements]
    assert x.relations[0].subject_id == "georgiy-tykhy"  # a spelling variant of the full name


def test_result_json_round_trip_keeps_every_record():
    for r in corpus():
        data = json.loads(json.dumps(result_to_json(r)))
        back = result_from_json(data)
        assert result_to_json(back) == result_to_json(r)
        assert back.statements == r.statements and back.relations == r.relations


def test_combine_parts_joins_the_parts_of_a_long_document():
    a1 = result("long", [IRAN], says=[("gz:iran", "oppose", "tax", "tax", {"tax"})])
    a2 = result("long", [IRAN, CHILE], acts=["gz:chile"])
    (joined, other) = combine_parts([a1, a2, result("short", [CHILE])])
    assert (joined.document.id, other.document.id) == ("long", "short")
    assert joined.mentions == {"gz:iran": 2, "gz:chile": 1}
    assert joined.agents == {"gz:iran", "gz:chile"} and len(joined.statements) == 1


def test_index_every_split_of_the_corpus_gives_the_whole_decisions():
    results = corpus()
    whole = decided(results)
    for order in itertools.permutations(range(len(results))):
        index = CorpusIndex()
        for i in order:
            index.add(results[i])
        assert index.decide() == whole


def _referendum_and_constitution(heads: bool) -> list[DocumentResult]:
    referendum = result(
        "r",
        [IRAN],
        says=[("gz:iran", "support", "referendum-constitution", "a referendum on the constitution",
               {"referendum", "eu", "constitution"})],
    )  # fmt: skip
    constitution = result(
        "c",
        [CHILE],
        says=[("gz:chile", "oppose", "constitution", "the EU constitution",
               {"eu", "constitution"})],
    )  # fmt: skip
    if heads:
        referendum.position_heads["referendum-constitution"] = "referendum"
        constitution.position_heads["constitution"] = "constitution"
    return [referendum, constitution]


def test_index_a_position_about_another_is_not_merged_into_it():
    # two of three terms shared, but a referendum on the constitution is not the constitution
    assert len(decided(_referendum_and_constitution(heads=True)).positions) == 2
    # results kept before heads were: the terms alone decide, as they did
    assert len(decided(_referendum_and_constitution(heads=False)).positions) == 1


def test_index_heads_are_kept_with_the_entries_and_old_entries_still_load():
    index = CorpusIndex()
    for r in _referendum_and_constitution(heads=True):
        index.add(r)
    data = json.loads(json.dumps(index.entry_json("p:referendum-constitution")))
    assert data["h"] == {"referendum": 1}
    del data["h"]
    again = CorpusIndex()
    again.load_entry("p:referendum-constitution", data)
    assert not again.positions["referendum-constitution"].heads
    referendum = _referendum_and_constitution(heads=True)[0]
    back = result_from_json(json.loads(json.dumps(result_to_json(referendum))))
    assert back.position_heads == {"referendum-constitution": "referendum"}
