"""*What*: each rule that finds what a cue is about, on sentences of our own."""

from __future__ import annotations

import pytest

from stancegraph.extract import what
from stancegraph.extract.lexicon import cue_of


def heads(doc, cue_token):
    return [h.text for h in what.objects(cue_token, cue_of(cue_token))]


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("Norway demanded the release of the detained fishermen.", "demanded", ["release"]),
        ("Chile insisted on a new referendum.", "insisted", ["referendum"]),
        ("Japan urged its neighbours to lower tariffs on rice.", "urged", ["lower"]),
        ("Chile wants to join the alliance.", "wants", ["join"]),
        ("Norway warned against hasty privatisation.", "warned", ["privatisation"]),
    ],
    ids=["direct-object", "preposition-the-cue-takes", "addressee-task", "infinitive", "against"],
)
def test_objects_heads(parsed, tok, text, cue, expected):
    doc, _ = parsed(text)
    assert heads(doc, tok(doc, cue)) == expected


def test_object_tokens_keep_where_it_is(parsed, tok):
    doc, _ = parsed("Norway wants troops on Chilean soil.")
    (head,) = what.objects(tok(doc, "wants"), cue_of(tok(doc, "wants")))
    assert [t.text for t in what.object_tokens(head)] == ["troops", "on", "Chilean", "soil"]


def test_object_tokens_leave_conjuncts_out(parsed, tok):
    doc, _ = parsed("Norway wants tougher sanctions and new tariffs.")
    (head,) = what.objects(tok(doc, "wants"), cue_of(tok(doc, "wants")))
    assert "tariffs" not in [t.text for t in what.object_tokens(head)]


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        # two bare singular nouns joined by "and" name one thing
        ("Norway vowed to defend law and order.", ["law and order"]),
        ("Norway backs health and safety rules.", ["health and safety rules"]),
        # other conjuncts are each an issue
        ("Norway backs tougher sanctions and new tariffs.", ["tougher sanctions", "new tariffs"]),
        ("Norway opposes the tax and the levy.", ["tax", "levy"]),
    ],
)
def test_a_pair_that_names_one_thing_is_one_position(run, text, positions):
    assert [s.position for s in run(text).statements] == positions


@pytest.mark.parametrize(
    ("text", "head", "words"),
    [
        ("Norway said that the plan was fair.", "was", None),
        ("Ana Lima told the BBC she hoped the talks would resume.", "hoped", None),
        ("Chile called the plan a disgrace.", "plan", "the plan a disgrace"),
        (
            "Norway accused Chile of misleading the public.",
            "Chile",
            "Chile of misleading the public",
        ),
        (
            "Yet Labour economists, like their Tory counterparts, say taxing fuel encourages "
            "savings.",
            "taxing",
            None,
        ),
        ('For that she drew the mayor\'s ire - he called her "weak".', "her", "her weak"),
        ("Neither side would say so.", "so", "so"),
    ],
    ids=[
        "that-clause",
        "clause-hung-on-addressee",
        "verdict",
        "accusation",
        "gerund-subject",
        "verdict-after-a-clause-before",
        "say-so",
    ],
)
def test_report_content(parsed, tok, text, head, words):
    doc, _ = parsed(text)
    verb = next(t for t in doc if t.lemma_ in ("say", "tell", "call", "accuse"))
    found, tokens = what.report_content(verb)
    assert found.text == head
    assert (" ".join(t.text for t in tokens) if tokens else None) == words


def test_report_content_before_the_verb(parsed, tok):
    doc, _ = parsed("The new tariffs will hurt our farmers badly, Ana Lima said.")
    found, _ = what.report_content(tok(doc, "said"))
    assert found is not None and found.i < tok(doc, "said").i


def test_report_content_of_a_bare_verb_is_nothing(parsed, tok):
    doc, _ = parsed("Ana Lima said nothing.")
    assert what.report_content(tok(doc, "said")) == (None, None)


def test_needed_is_what_is_needed(parsed, tok):
    doc, _ = parsed("Norway emphasised the need for tangible results.")
    assert what.needed(tok(doc, "emphasised")).text == "results"


@pytest.mark.parametrize(
    ("text", "anaphoric"),
    [("Chile rejected these conditions.", True), ("Chile rejected the conditions.", False)],
)
def test_is_anaphoric(parsed, tok, text, anaphoric):
    doc, _ = parsed(text)
    assert what.is_anaphoric(tok(doc, "conditions")) is anaphoric


def test_is_candour(parsed, tok):
    doc, _ = parsed("I want to be clear that we oppose the plan.")
    assert what.is_candour(tok(doc, "be"))


def words_of(doc, span):
    return doc[span[0] : span[1]].text if span is not None else None


@pytest.mark.parametrize(
    ("text", "cue", "said"),
    [
        (
            "Chile slammed the harbour plan as a waste of money.",
            "slammed",
            "the harbour plan as a waste of money",
        ),
        (
            "Norway backed tougher quotas or a full ban on Tuesday.",
            "backed",
            "tougher quotas or a full ban on Tuesday",
        ),
        (
            "The talks stalled over Japan's refusal to sign the accord.",
            "refusal",
            "to sign the accord",
        ),
    ],
    ids=["object-and-predicate", "all-objects", "noun-cue"],
)
def test_complement_span_is_what_the_cue_says(parsed, tok, text, cue, said):
    doc, _ = parsed(text)
    assert words_of(doc, what.complement_span(tok(doc, cue))) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('Ana Lima said that "a dam" had burst.', 'that "a dam" had burst'),
        ('Ana Lima said the dam was "a disaster."', 'the dam was "a disaster."'),
        ("Ana Lima said the dam had burst.", "the dam had burst"),
    ],
    ids=["quotation-opens", "quotation-closes-after-its-stop", "no-marks"],
)
def test_span_of_keeps_the_quotation_marks_around_the_words(parsed, tok, text, said):
    doc, _ = parsed(text)
    clause = next(c for c in tok(doc, "said").children if c.dep_ == "ccomp")
    assert words_of(doc, what.span_of(clause.subtree)) == said


@pytest.mark.parametrize(
    ("text", "cue", "head", "words"),
    [
        ("Her claim that the harbour was unsafe alarmed the town.", "claim", "was", None),
        (
            "The council is expected to approve the harbour plan.",
            "expected",
            "approve",
            "The council to approve the harbour plan",
        ),
        (
            "The harbour will reopen in May, as the council announced.",
            "announced",
            "reopen",
            "The harbour will reopen in May",
        ),
    ],
    ids=["noun-that-clause", "passive-that-raises-its-subject", "as-aside"],
)
def test_report_content_shapes(parsed, tok, text, cue, head, words):
    doc, _ = parsed(text)
    found, tokens = what.report_content(tok(doc, cue))
    assert found.text == head
    assert (" ".join(t.text for t in tokens) if tokens else None) == words


@pytest.mark.parametrize(
    ("text", "cue", "thing"),
    [
        ("Ana Lima mentioned the harbour twice.", "mentioned", "harbour"),
        ("Ana Lima talked about the harbour.", "talked", "harbour"),
        ("Ana Lima joked about the harbour fees.", "joked", "fees"),
        ("Ana Lima warned of a harbour strike.", "warned", "strike"),
        ("Ana Lima apologised for the delay.", "apologised", "delay"),
        ("Ana Lima said nothing.", "said", None),
    ],
    ids=[
        "object",
        "preposition",
        "joke-about",
        "warn-of",
        "apologise-for",
        "not-a-verb-that-takes-one",
    ],
)
def test_reported_object(parsed, tok, text, cue, thing):
    doc, _ = parsed(text)
    found = what.reported_object(tok(doc, cue), cue_of(tok(doc, cue)))
    assert (found.text if found is not None else None) == thing


def test_such_points_back(parsed, tok):
    from stancegraph.extract.what import is_anaphoric

    doc, _ = parsed("Chile proposed new quotas. Norway rejected such proposals.")
    assert is_anaphoric(tok(doc, "proposals"))


@pytest.mark.parametrize(
    ("text", "polarity", "thing"),
    [
        ("The anti-whaling league Sea Watch met on Monday.", "oppose", ["whaling"]),
        ("A pro-free-market institute published a report.", "support", ["free", "-", "market"]),
        ("The pro-Chile war senator Ola Berg spoke.", "support", ["Chile", "war"]),
        ("The anti-Chile senator Ola Berg spoke.", "oppose", ["Chile"]),
    ],
    ids=["anti", "pro-over-several-hyphens", "name-and-issue-noun", "name-alone"],
)
def test_sides_named_by_a_prefix(parsed, text, polarity, thing):
    doc, _ = parsed(text)
    ((_, found, tokens),) = what.sides(doc[:])
    assert (found, [t.text for t in tokens]) == (polarity, thing)


@pytest.mark.parametrize(
    "text",
    ["Pro-European MPs met on Monday.", "The professor spoke on Monday.", "An anti -war speech."],
    ids=["people-adjective", "no-hyphen", "spaced-hyphen"],
)
def test_no_side_without_an_issue_after_the_prefix(parsed, text):
    doc, _ = parsed(text)
    assert what.sides(doc[:]) == []


def test_target_the_bare_name_takes_the_fuller_one_named_before(parsed, tok):
    doc, _ = parsed("Voters will be asked about the Andean water charter. Peru backs the charter.")
    found = what.target(tok(doc, "charter", 1))
    assert [t.text for t in found.tokens][-3:] == ["Andean", "water", "charter"]


@pytest.mark.parametrize(
    ("text", "verb", "words", "flips"),
    [
        # an act with no object: who does it and the act, without modals
        ("Ana said the minister should resign.", "resign", ["minister", "resign"], False),
        # a pronoun is no name: the act alone
        ("Ana said they should resign at once.", "resign", ["resign"], False),
        # an act on a thing: the thing, turned by an undoing verb
        ("Ana said the mayor should withdraw these remarks.", "withdraw", ["remarks"], True),
        # what is to be done: "has to stop" is about stopping
        ("Ana said the dumping has to stop.", "has", ["dumping"], True),
        # what is done to a passive subject is the act, as for an object
        (
            "Ana said questions must be answered about the audit.",
            "answered",
            ["questions", "answered", "audit"],
            False,
        ),
        # ... unless it is kept or undone: the thing
        ("Ana said the levy must be scrapped.", "scrapped", ["levy"], True),
        ("Ana said the charter must be ratified.", "ratified", ["charter"], False),
        # ... or wanted
        ("Ana said new powers are needed.", "needed", ["powers"], False),
    ],
)
def test_target_of_a_clause_is_the_act_or_its_thing(parsed, tok, text, verb, words, flips):
    doc, _ = parsed(text)
    found = what.target(tok(doc, verb))
    content = [t.text for t in found.tokens if t.pos_ in ("NOUN", "PROPN", "VERB")]
    assert (content, found.flips) == (words, flips)


@pytest.mark.parametrize(
    ("text", "cue", "deed"),
    [
        ("Ana Lima accused ministers of wasting money on consultants.", "accused", "wasting"),
        ("Ana Lima praised them for keeping the clinics open.", "praised", "keeping"),
        # a named actor is what the stance is on
        ("Ana Lima accused Chile of misleading the public.", "accused", None),
        ("Ana Lima accused ministers in the debate.", "accused", None),
    ],
)
def test_deed_is_what_someone_unnamed_is_blamed_or_praised_for(parsed, tok, text, cue, deed):
    doc, _ = parsed(text)
    verb = tok(doc, cue)
    person = next(c for c in verb.children if c.dep_ == "dobj")
    found = what.deed(person, verb)
    assert (found.text if found is not None else None) == deed
