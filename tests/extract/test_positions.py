"""*Which position*: catalogue matching and new positions, on phrases of our own."""

from __future__ import annotations

import numpy as np
import pytest

from stancegraph.extract.lexicon import content_terms
from stancegraph.extract.positions import (
    PositionChoice,
    paraphrase_clusters,
    position_label,
    positions_of,
    resolve_in_document,
)
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
        ("to lower tariffs on rice", "lowering tariffs on rice"),  # an act: its gerund
        # too long: cut before the phrase that does not fit whole
        (
            "the cap on the annual budget of the regional water authority in the north of Chile",
            "cap on the annual budget of the regional water authority",
        ),
    ],
)
def test_position_label_drops_leading_function_words(parsed, text, label):
    doc, _ = parsed(text)
    assert position_label(list(doc)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Norway said Chile should stop whaling.", "Chile stopping whaling"),
        ("Norway refused to be pinned down to a date.", "being pinned down to a date"),
        ("Norway said America needed to listen to the world.", "America listening to the world"),
    ],
)
def test_an_act_is_named_by_its_gerund(run, text, label):
    assert [s.position for s in run(text).statements] == [label]


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


def _new(label: str, head: str) -> PositionChoice:
    terms = tuple(label.lower().split())
    return PositionChoice("-".join(terms), label, terms=terms, head=head, noun=True)


def test_resolve_in_document_names_made_one_go_to_the_fuller():
    # "the pact establishing a charter": pact and charter are one; the fuller name stays
    pact, charter = _new("pact", "pact"), _new("Andean charter", "charter")
    chosen, sides = [[pact], [charter], [pact]], [True, True, True]
    into = resolve_in_document(chosen, sides, [("pact", "charter")])
    assert into == {"pact": charter}


def test_resolve_in_document_a_short_name_joins_its_only_fuller_one():
    short, full = _new("charter", "charter"), _new("Andean charter", "charter")
    other = _new("mining royalty", "royalty")
    into = resolve_in_document([[short], [full], [other]], [True, True, True])
    assert into == {"charter": full}


def test_paraphrases_about_another_thing_stay_apart_by_words_and_by_meaning():
    terms = {
        "constitution": frozenset({"eu", "constitution"}),
        "referendum": frozenset({"referendum", "eu", "constitution"}),
        "scheme": frozenset({"id", "card", "scheme"}),
        "cards": frozenset({"id", "card"}),
    }
    heads = {"constitution": "constitution", "referendum": "referendum", "scheme": "scheme",
             "cards": "card"}  # fmt: skip
    counts = {"constitution": 2, "cards": 2}
    # by meaning, the two about the constitution alike, and the two about ID cards
    vectors = {k: np.array([1.0, 0.0] if k in ("constitution", "referendum") else [0.0, 1.0])
               for k in terms}  # fmt: skip
    for v in (None, vectors):
        clusters = paraphrase_clusters(terms, counts, v, heads)
        assert clusters["referendum"] == "referendum"  # a referendum on it is not it
        assert clusters["scheme"] == "cards"  # "scheme" names nothing of its own


@pytest.mark.parametrize(
    ("text", "actor", "polarity", "position"),
    [
        # "it" kept or undone is what was just named
        ("Chile backs the mining royalty. Norway opposed extending it.", "Norway", "oppose",
         "mining royalty"),
        ("Chile backs the mining royalty. Norway vowed to scrap it.", "Norway", "oppose",
         "mining royalty"),
        # a relative pronoun is the noun it stands for, even where the parser hangs it
        ("The big idea is a fund for rural schools, which Norway has pledged to double.",
         "Norway", "support", "fund for rural schools"),
        # the addressee's task, where the parser hangs it on the verb
        ("Norway called on Chilean ministers to lower tariffs on rice.", "Norway", "oppose",
         "tariffs on rice"),
        # an amount is of something
        ("Norway has promised $4bn in tax cuts.", "Norway", "support", "tax cuts"),
        ("Norway believes a great deal of preparatory work is needed.", "Norway", "support",
         "preparatory work"),
        # a phrase before the verb is not the preposition it takes ("call on")
        ("On Monday, Norway called for a review.", "Norway", "support", "review"),
        # "X are needed to counter Y": X is needed, Y is what for
        ("Norway said new border controls are needed to counter smuggling.", "Norway",
         "support", "new border controls"),
        # "there needs to be X": X
        ("Norway said there needs to be another inquiry.", "Norway", "support", "inquiry"),
        ('Earlier, Norway said: "There does need to be another inquiry."', "Norway", "support",
         "inquiry"),
        # an act is the issue, not what it is done to, unless it keeps, undoes or takes a
        # side on it; when it is done is no part of it
        ("Norway vowed to reform the pension system.", "Norway", "support",
         "reforming the pension system"),
        ("Norway pledged to consult fishermen next week.", "Norway", "support",
         "consulting fishermen"),
        ("Norway promised to hold a referendum.", "Norway", "support", "referendum"),
        ("Norway vowed to scrap the pension levy.", "Norway", "oppose", "pension levy"),
        ("Norway urged Chile to back the quota.", "Norway", "support", "quota"),
        # what a noun holds is in its clause; "put on hold" undoes
        ("Norway does not rule out the possibility that Ola Berg may return as mayor.",
         "Norway", "support", "Ola Berg returning as mayor"),
        ("Norway backed Chilean demands that the quota be put on hold.", "Norway", "oppose",
         "quota"),
        # ... without "that", which the parser reads as a relative clause
        # (a fact disputed: no side taken)
        ("Norway refused to deny claims the mayor had reneged on a deal.", "Norway", "neutral",
         "mayor reneging on a deal"),
        # what a thing is for is part of its name
        ("Norway wants new courts to have rooms to keep witnesses separate.", "Norway", "support",
         "rooms to keep witnesses separate"),
        # a relative clause is no content: the claims themselves, which name no issue
        ("Norway rejected the claims the mayor made.", "Norway", "neutral", ""),
        # an amount that is of nothing: the act
        ("Norway pledged to invest $60bn in schools.", "Norway", "support",
         "investing $60bn in schools"),
    ],
)  # fmt: skip
def test_stance_targets_named_where_the_words_point(run, text, actor, polarity, position):
    sides = [(s.actor, s.polarity, s.position) for s in run(text).statements]
    assert (actor, polarity, position) in sides


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # what was said is no issue, unless the text says what about
        ("Ola Berg denied the allegations.", ""),
        ("Ola Berg rejected that view.", ""),
        ("Ola Berg denied the allegations of fraud.", "allegations of fraud"),
        # nor are people left unnamed
        ("Ola Berg criticised ministers.", ""),
    ],
)
def test_a_bare_noun_of_saying_or_of_people_is_no_position(run, text, position):
    (statement,) = run(text).statements
    assert statement.position == position
    assert (statement.position_id == "") == (position == "")


def test_an_act_on_someone_unnamed_is_no_position(run):
    # "hold him to account": the act is on a person the sentence does not name
    (statement,) = run("Norway urged voters to hold him to account.").statements
    assert (statement.polarity, statement.position_id) == ("neutral", "")


def _named(label: str, *, definite: bool = False) -> PositionChoice:
    terms = tuple(label.split())
    return PositionChoice(label, label, terms=terms, head=terms[-1], noun=True, definite=definite)


def test_the_plans_are_the_main_issue_the_lead_names_when_two_take_as_many_stances():
    orders, judge = _named("control orders"), _named("judicial review")
    plans, law = _named("plan", definite=True), _named("law")
    chosen = [[orders], [judge], [orders], [judge], [plans], [law]]
    sides = [True] * 6
    leads = [True, False, False, False, False, False]
    into = resolve_in_document(chosen, sides, (), leads)
    assert into == {"plan": orders}  # "the plans"; a bare "law" points nowhere
    # neither named in the lead: no one main issue
    assert resolve_in_document(chosen, sides, (), [False] * 6) == {}


def test_resolve_in_document_a_name_joins_a_fuller_noun_not_an_act():
    vote = _new("yes vote", "vote")
    act = PositionChoice("people-vote-yes", "people vote yes", terms=("people", "vote", "yes"),
                         head="vote")  # fmt: skip
    assert resolve_in_document([[vote], [act]], [True, False]) == {}


def test_a_stance_on_an_actor_is_on_the_actor_node(run):
    # one node per actor: "criticised Chile" is a stance on the actor Chile, no position
    x = run("Chile rejected the quota. Norway criticised Chile.")
    (on_chile,) = [s for s in x.statements if s.actor == "Norway"]
    assert (on_chile.polarity, on_chile.target_id, on_chile.position_id) == ("oppose", "chile", "")
    assert on_chile.position == "Chile" and "chile" not in {p.id for p in x.positions}
    # an actor others take sides on is an actor of the graph, though it says nothing
    x = run("Norway criticised Chile.")
    assert [(s.target_id, s.position_id) for s in x.statements] == [("chile", "")]
    assert [a.id for a in x.actors] == ["chile", "norway"]
    # more than the actor's name: a position
    (record,) = run("Chile rejected the quota. Norway criticised Chile's record.").statements[1:]
    assert record.target_id == "" and record.position_id


def test_acts_of_other_verbs_are_other_positions(run):
    # alike in words (Ola Berg), but quitting is not being the mayor
    x = run(["Norway says Ola Berg should quit.", "Chile denies that Ola Berg is the mayor."])
    assert len({s.position_id for s in x.statements}) == 2


@pytest.mark.parametrize(("plural", "singular"), [("taxes", "tax"), ("bases", "base")])
def test_a_plural_is_one_position_with_its_singular(run, plural, singular):
    # the rule lemmatizer's exceptions would read "taxes" as "taxis", "bases" as "basis"
    x = run([f"Norway opposed new fuel {plural}.", f"Chile backed the fuel {singular}."])
    assert len({s.position_id for s in x.statements}) == 1
