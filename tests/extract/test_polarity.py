"""*Polarity*: each rule that decides support, oppose or neutral, on sentences of our own."""

from __future__ import annotations

import pytest

from stancegraph.extract import polarity, what, who
from stancegraph.extract.lexicon import cue_of, deontic


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("Chile rejected the plan.", "rejected", "oppose"),
        ("Chile supports the plan.", "supports", "support"),
        ("Chile did not reject the plan.", "reject", "support"),
        ("Chile never accepted the plan.", "accepted", "oppose"),
        ("Chile will not compromise on its sovereignty.", "compromise", "support"),
    ],
    ids=["oppose-cue", "support-cue", "not", "never", "negated-oppose-cue"],
)
def test_cue_polarity_with_negation(parsed, tok, text, cue, expected):
    doc, _ = parsed(text)
    token = tok(doc, cue)
    assert polarity.cue_polarity(token, cue_of(token)) == expected


def test_negation_of_a_phrase_is_not_of_the_verb(parsed, tok):
    doc, _ = parsed("Peace is built not through summits but by trust.")
    assert not polarity.is_negated(tok(doc, "built"))


def test_nested_cue_opposes_what_it_refuses(parsed, tok):
    doc, _ = parsed("Norway refused to tolerate the blockade.")
    outer = tok(doc, "refused")
    (head,) = what.objects(outer, cue_of(outer))
    inner = polarity.inner_cue(head)
    assert inner is not None and inner.key == "tolerate"
    assert polarity.nested_polarity(polarity.cue_polarity(outer, cue_of(outer)), head, inner) == (
        "oppose"
    )
    assert polarity.read_by_outer_cue(head, inner)


def test_a_main_cue_is_not_read_by_another(parsed, tok):
    doc, _ = parsed("Chile rejected the plan.")
    token = tok(doc, "rejected")
    assert not polarity.read_by_outer_cue(token, cue_of(token))


def test_a_condition_is_no_stance(parsed, tok):
    doc, _ = parsed("If Chile wants to join the alliance, it must reform.")
    assert polarity.is_condition(tok(doc, "wants"))


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("Norway could support the plan if Chile agrees.", "support", (True, True)),
        ("Norway reportedly supports the plan.", "supports", (False, True)),
        ("Norway supports the plan.", "supports", (False, False)),
    ],
    ids=["modal-and-condition", "reportedly", "plain"],
)
def test_flags_conditional_and_hedged(parsed, tok, text, cue, expected):
    doc, _ = parsed(text)
    token = tok(doc, cue)
    assert polarity.flags(token, token.sent) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway said sanctions must be lifted.", "support"),
        ("Norway said it will never accept the occupation.", "oppose"),
        ("Norway said the fighting would continue.", "support"),
        ("Norway said the economy grew last year.", "neutral"),
        ("Norway said Chile would win the vote.", "neutral"),
        ("Norway said trawling has to stop.", "support"),
        ("Norway said a decision has yet to be taken.", "neutral"),
        ("Norway said Chile will need to raise taxes.", "neutral"),
        ("Norway said the levy must be scrapped.", "support"),
    ],
    ids=[
        "deontic", "own-side-intent", "aspectual", "fact", "prediction-about-others",
        "has-to", "has-yet-to", "will-need-to", "undoing-read-by-its-target",
    ],
)  # fmt: skip
def test_claim_polarity(parsed, tok, test_gazetteer, text, expected):
    doc, actors = parsed(text)
    verb = tok(doc, "said")
    content, _ = what.report_content(verb)
    speaker = who.speaker_of_verb(verb, actors, test_gazetteer)
    assert polarity.claim_polarity(content, speaker, actors, test_gazetteer, False) == expected


@pytest.mark.parametrize(
    ("text", "wanted", "undone"),
    [
        ("A carbon tax would be a disaster.", "oppose", "support"),
        ("Nuclear power is not the answer.", "oppose", "oppose"),
        ("Nuclear power is the answer.", "support", "support"),
    ],
    ids=["bad-verdict", "denied", "asserted"],
)
def test_assertion_polarity(parsed, text, wanted, undone):
    doc, _ = parsed(text)
    assert polarity.assertion_polarity(tuple(doc)) == wanted
    assert polarity.assertion_polarity(tuple(doc), undoing_claim=True) == undone


@pytest.mark.parametrize(
    ("text", "undoes"),
    [
        ("lifting the sanctions", True),
        ("an end to the war", True),
        ("the sanctions", False),
        ("a plan to end poverty", False),
    ],
)
def test_reverses(parsed, test_gazetteer, text, undoes):
    doc, _ = parsed(text)
    assert polarity.reverses(tuple(doc), test_gazetteer) is undoes


def test_deontic(parsed, tok):
    doc, _ = parsed("Norway said sanctions must be lifted but trade will grow.")
    assert deontic(tok(doc, "lifted"))
    assert not deontic(tok(doc, "grow"))


@pytest.mark.parametrize(
    ("text", "cue", "asked"),
    [
        ("Should Norway join the alliance?", "join", True),
        ('The ballot asks: "Do you support the new flag?" Voters decide in May.', "support", True),
        ("Chile supports the treaty. Will Peru?", "supports", False),
        ("Peru backs the plan, doesn't it.", "backs", False),
    ],
    ids=["direct-question", "quoted-question", "statement-before-a-question", "no-question-mark"],
)
def test_a_question_is_no_stance(parsed, tok, text, cue, asked):
    doc, _ = parsed(text)
    assert polarity.is_question(tok(doc, cue)) is asked


@pytest.mark.parametrize(
    ("text", "polarity", "target"),
    [
        # what is to be done is to stop: against trawling
        ("Ana Lima said bottom trawling has to stop.", "oppose", "bottom trawling"),
        # scrapping turns the stance once, not twice
        ("Ana Lima said the government must scrap the fuel levy.", "oppose", "fuel levy"),
        # the government acts; what it must act on is the issue
        ("Ana Lima said the government must cut the fuel levy.", "oppose", "fuel levy"),
        # what there must be none of is opposed
        (
            "Ana Lima said there must be no amnesty for the generals.",
            "oppose",
            "amnesty for the generals",
        ),
        ("Ana Lima insisted there could be no deal on the border.", "oppose", "deal on the border"),
    ],
)
def test_claims_about_what_must_be_done_take_sides_on_its_object(run, text, polarity, target):
    # (the test gazetteer does not know Lima, the capital of Peru)
    (statement,) = run(text).statements
    assert (statement.polarity, statement.position) == (polarity, target)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lima said the Greens might be the winners.",  # what could be is no verdict
        "Ana Lima predicted the election will be a tough fight.",  # how hard, not how good
    ],
)
def test_no_verdict_in_what_could_be_or_how_hard(run, text):
    assert {s.polarity for s in run(text).statements} <= {"neutral"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana Costa suggested the council was wasting money.", {"neutral"}),  # a claim
        ("Ana Costa insisted she did not know the date.", {"neutral"}),
        ("Ana Costa suggested the council should cut the levy.", {"oppose"}),  # asked for
        ("Ana Costa insisted there could be no deal on the border.", {"oppose"}),
        # a denial of what is: no side on an issue; of what should be: a side
        ("Ana Costa denied she was the owner of the boat.", {"neutral"}),
        ("Ana Costa denied that the levy should be cut.", {"support"}),
        # so does rejecting what someone claims is, not what someone asks for
        ("Ana Costa rejected claims that the minister had lied.", {"neutral"}),
        ("Ana Costa dismissed suggestions that the levy should be cut.", {"support"}),
    ],
)
def test_asking_or_denying_cues_with_a_fact_report_a_claim(run, text, expected):
    assert {s.polarity for s in run(text).statements} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Norway dropped its opposition to the quota.",
        "Ola Berg is ending his bid for the presidency.",
    ],
)
def test_polarity_a_stance_its_holder_gives_up_is_no_stance(run, text):
    assert [s for s in run(text).statements if s.polarity != "neutral"] == []


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Ola Berg does not believe the quota is fair.", "oppose"),
        ("Ola Berg does not think the quota should be abolished.", "support"),
        ("Ola Berg didn't say the quota was unfair.", "neutral"),
        ("Ola Berg never said the quota was a disaster.", "neutral"),
    ],
)
def test_polarity_of_a_negated_report(run, text, polarity):
    [st] = run(text).statements
    assert st.polarity == polarity


@pytest.mark.parametrize(
    ("text", "polarity", "position"),
    [
        # "it" stands for the clause after the verdict
        ("Ana Costa said it would be a mistake to scrap the fuel levy.", "support", "fuel levy"),
        ("Ana Costa said it would be a mistake to back the quota.", "oppose", "quota"),
        # denying people something is against it
        ("Ana Costa said it is wrong to deny the public a referendum.", "support",
         "referendum"),
        # a verdict on saying something is no verdict on what is said
        ("Ana Costa said it was wrong to suggest that the levy was a tax.", "neutral", None),
        # blaming people unnamed is a verdict on what they did
        ("Ana Costa accused ministers of wasting money on consultants.", "oppose",
         "wasting money on consultants"),
    ],
)  # fmt: skip
def test_a_verdict_on_what_it_stands_for(run, text, polarity, position):
    statements = run(text).statements
    assert {s.polarity for s in statements} == {polarity}
    if position is not None:
        assert [s.position for s in statements] == [position]


def test_what_is_yet_to_be_done_takes_no_side(run):
    # "has yet to say": nothing said yet; "has yet to back": no side taken yet
    statements = run("Norway promised tax cuts but has yet to say where they will fall.").statements
    assert {(s.polarity, s.position) for s in statements if s.polarity != "neutral"} == {
        ("support", "tax cuts")
    }
    assert run("Norway has yet to back the quota.").statements == []
