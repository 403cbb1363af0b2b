"""*Who*: each rule that finds a statement's source, on sentences of our own."""

from __future__ import annotations

import pytest

from stancegraph.extract import who
from stancegraph.extract.records import Document


@pytest.mark.parametrize(
    ("text", "cue", "sources"),
    [
        ("Norway rejected the plan.", "rejected", [("Norway", False)]),
        ("The plan was rejected by Chile.", "rejected", [("Chile", False)]),
        ("Norway's refusal to sign the accord angered Chile.", "refusal", [("Norway", False)]),
        ("Chile and Brazil backed the accord.", "backed", [("Chile", False), ("Brazil", False)]),
        ("Japan rejected the plan, insisting on new talks.", "insisting", [("Japan", False)]),
        (
            "Ana Lima arrived in Oslo on Monday. She rejected the plan.",
            "rejected",
            [("Ana Lima", True)],
        ),
    ],
    ids=["subject", "passive-agent", "noun-possessor", "conjuncts", "participle", "pronoun"],
)
def test_cue_sources_finds_the_agent(parsed, tok, test_gazetteer, text, cue, sources):
    doc, actors = parsed(text)
    found = who.cue_sources(tok(doc, cue), actors, test_gazetteer)
    assert [(m.label, resolved) for m, resolved in found] == sources


def test_cue_sources_without_an_agent_is_empty(parsed, tok, test_gazetteer):
    doc, actors = parsed("The plan was rejected on Monday.")
    assert who.cue_sources(tok(doc, "rejected"), actors, test_gazetteer) == []


def test_speaker_of_verb_is_its_subject(parsed, tok, test_gazetteer):
    doc, actors = parsed("Ana Lima said the plan was unfair.")
    assert who.speaker_of_verb(tok(doc, "said"), actors, test_gazetteer).label == "Ana Lima"


def test_according_to_names_the_source(parsed, test_gazetteer):
    doc, actors = parsed("According to Norway, the talks failed because of Chile.")
    assert who.according_to(next(doc.sents), actors, test_gazetteer).label == "Norway"


def test_according_to_absent(parsed, test_gazetteer):
    doc, actors = parsed("The talks failed because of Chile.")
    assert who.according_to(next(doc.sents), actors, test_gazetteer) is None


def test_self_introduction_gives_speaker_and_body(parsed):
    doc, actors = parsed(
        "My name is Jane Porter and I am the chief executive of the Clean Air Alliance. "
        "We support the bill."
    )
    person, _, body = who.self_introduction(doc, actors)
    assert (person.label, body.label) == ("Jane Porter", "Clean Air Alliance")


def test_heading_gives_speaker_and_body(parsed):
    doc, actors = parsed(
        "Testimony of Maria Kowalczyk, Executive Director, Coastal Fisheries Council\n\n"
        "Thank you for the opportunity to testify."
    )
    person, _, body = who.self_introduction(doc, actors)
    assert (person.label, body.label) == ("Maria Kowalczyk", "Coastal Fisheries Council")


def test_no_self_introduction_in_news(parsed):
    doc, actors = parsed("Norway rejected the plan. Chile backed it.")
    assert who.self_introduction(doc, actors) is None


def test_metadata_speaker_and_body_speak_for_it(parsed):
    _, actors = parsed(
        "Good morning. Thank you for inviting me.",
        speaker="Jane Porter",
        organization="Clean Air Alliance",
    )
    assert actors.speaker.label == "Jane Porter"
    assert actors.bodies[actors.speaker.key].label == "Clean Air Alliance"


def test_metadata_speaker_known_to_the_gazetteer(test_gazetteer):
    document = Document("d", "Hello.", "Hello.", (0, 1, 2, 3, 4, 5, 6), speaker="Ana Lyma")
    assert who.metadata_speaker(document, test_gazetteer).key == "gz:ana-lima"


@pytest.mark.parametrize(
    ("text", "subject", "same"),
    [
        ("Ana Lima said Brazil will never accept the deal.", "Brazil", True),
        ("Ana Lima said Norway will never accept the deal.", "Norway", False),
        ("Ana Lima said we will never accept the deal.", "we", True),
    ],
)
def test_same_side_is_the_speakers_body(parsed, tok, test_gazetteer, text, subject, same):
    doc, actors = parsed(text)
    speaker = who.speaker_of_verb(tok(doc, "said"), actors, test_gazetteer)
    assert who.same_side(tok(doc, subject), speaker, actors, test_gazetteer) is same


@pytest.mark.parametrize(
    ("speaker", "label"),
    [("Roe, Jane", "Jane Roe"), ("ROE, JANE T.", "Jane T. Roe"), ("Sen. Jane Roe", "Jane Roe")],
)
def test_metadata_speaker_as_running_text_names_them(test_gazetteer, speaker, label):
    document = Document("d", "Hello.", "Hello.", (0, 1, 2, 3, 4, 5, 6), speaker=speaker)
    mention = who.metadata_speaker(document, test_gazetteer)
    assert (mention.label, mention.key) == (label, f"person:{label.lower().replace('.', '')}")


@pytest.mark.parametrize(
    ("heading", "speaker", "body"),
    [
        (
            "Prepared Statement of Roe, Jane, Director, Clean Water Program, Fjord Rivers Trust",
            "Jane Roe",
            "Fjord Rivers Trust",
        ),
        (
            "STATEMENT OF JANE ROE, PRESIDENT, ACME POLICY ANALYSIS, INC.",
            "Jane Roe",
            "Acme Policy Analysis, Inc.",
        ),  # fmt: skip
        (
            "Testimony of Kari Nordmann\nExecutive Director\nNational Fisheries Association",
            "Kari Nordmann",
            "National Fisheries Association",
        ),  # fmt: skip
    ],
)
def test_heading_read_by_its_parts(parsed, test_gazetteer, heading, speaker, body):
    doc, actors = parsed(heading + "\n\nThank you for the opportunity to testify.")
    person, _, owner = who.self_introduction(doc, actors, test_gazetteer)
    assert (person.label, owner.label) == (speaker, body)


def test_heading_of_a_body_names_no_speaker(parsed, test_gazetteer):
    doc, actors = parsed("STATEMENT OF THE CLEAN AIR ALLIANCE\n\nThe alliance rejects the tax.")
    assert who.self_introduction(doc, actors, test_gazetteer) is None


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        ("A new Norway poll shows that the quota is popular.", "poll", ("Norway", "document")),
        ("The report found that the quota was too low.", "report", ("The report", "document")),
        ("Critics say the quota is too low.", "Critics", ("Critics", "generic")),
        ("Some fishermen fear the quota will fall.", "fishermen", ("Some fishermen", "generic")),
        (
            "Nearly 58 percent of voters said the quota was fair.",
            "percent",
            ("Nearly 58 percent of voters", "generic"),
        ),
        ("The agency said the quota would rise.", "agency", ("The agency", "generic")),
        ("Chile, which rejected the quota, left the talks.", "which", ("Chile", "actor")),
        (
            "Tomas Reyes arrived in Oslo. Reyes said the talks had failed.",
            "Reyes",
            ("Tomas Reyes", "actor"),
        ),
    ],
    ids=[
        "document-with-owner",
        "document",
        "kind-of-people",
        "quantified",
        "share-of-people",
        "body-not-named",
        "relative-pronoun",
        "surname-the-recogniser-missed",
    ],
)
def test_source_of_names_actors_documents_and_kinds_of_people(
    parsed, tok, test_gazetteer, text, word, source
):
    doc, actors = parsed(text)
    token = tok(doc, word, nth=1) if word == "Reyes" else tok(doc, word)
    found = who.source_of(token, actors, test_gazetteer)
    assert (found.label, found.source_kind) == source
    assert found.is_actor is (source[1] == "actor" or found.label == "Norway")


def test_source_of_a_thing_is_nothing(parsed, tok, test_gazetteer):
    doc, actors = parsed("The weather said nothing good about the harvest.")
    assert who.source_of(tok(doc, "weather"), actors, test_gazetteer) is None


@pytest.mark.parametrize(
    ("text", "cue", "unnamed"),
    [
        ("It was reported that the talks had failed.", "reported", True),
        ("The council is expected to approve the plan.", "expected", True),
        ("The plan was rejected by Chile.", "rejected", False),
        ("The plan was rejected on Monday.", "rejected", False),
    ],
    ids=["it-was-reported", "is-expected-to", "by-agent", "stance-in-the-passive"],
)
def test_unnamed_report(parsed, tok, text, cue, unnamed):
    doc, _ = parsed(text)
    assert who.unnamed_report(tok(doc, cue)) is unnamed


def test_cue_sources_of_an_unnamed_report(parsed, tok, test_gazetteer):
    doc, actors = parsed("It was reported that the talks had failed.")
    assert who.cue_sources(tok(doc, "reported"), actors, test_gazetteer) == [(who.UNNAMED, False)]


def test_according_to_a_document(parsed, test_gazetteer):
    doc, actors = parsed("According to a new survey, most anglers distrust the quota.")
    source = who.according_to(next(doc.sents), actors, test_gazetteer)
    assert (source.label, source.source_kind) == ("a new survey", "document")


@pytest.mark.parametrize(
    ("text", "cue", "label", "kind"),
    [
        ("Everyone agreed that the harbour was too small.", "agreed", "Everyone", "generic"),
        (
            "Two of the inspectors said the quay was unsafe.",
            "said",
            "Two of the inspectors",
            "generic",
        ),
        ("The harbour master announced a new toll.", "announced", "The harbour master", "generic"),
    ],
    ids=["quantifier", "number", "description"],
)
def test_cue_sources_keeps_a_source_that_is_no_actor(
    parsed, tok, test_gazetteer, text, cue, label, kind
):
    doc, actors = parsed(text)
    [(source, _)] = who.cue_sources(tok(doc, cue), actors, test_gazetteer)
    assert (source.label, source.source_kind, source.is_actor) == (label, kind, False)


def test_cue_sources_of_an_adverb_is_unnamed(parsed, tok, test_gazetteer):
    doc, actors = parsed("Norway has reportedly left the talks.")
    [(source, _)] = who.cue_sources(tok(doc, "reportedly"), actors, test_gazetteer)
    assert source.source_kind == "unnamed"


def test_unrecognised_name_is_a_person(extractor):
    from stancegraph.extract.mentions import DocActors

    text = '"The quay is short," said Kari Brekke.'
    _, doc = next(extractor.parse([Document("d", text, text, tuple(range(len(text) + 1)))]))
    doc.ents = []  # as if the entity recogniser had missed the name
    found = who.unrecognised_name(
        next(t for t in doc if t.text == "Brekke"), DocActors(doc, [], {})
    )
    assert (found.label, found.type, found.key) == ("Kari Brekke", "Person", "person:kari brekke")


def test_unrecognised_name_ignores_lower_case_and_known_words(parsed, tok):
    doc, actors = parsed("The engineers said the quay was short.")
    assert who.unrecognised_name(tok(doc, "engineers"), actors) is None


@pytest.mark.parametrize(
    ("text", "cue", "unnamed"),
    [
        ("There are fears that the harbour will close.", "fears", True),
        ("Norway's fears that the harbour will close grew.", "fears", False),
        ("The fears grew.", "fears", False),
        ("The idea that the harbour will close was discussed.", "idea", False),
    ],
    ids=["nobody-named", "owned", "nothing-reported", "a-topic"],
)
def test_reporting_noun_without_an_owner_is_unnamed(
    parsed, tok, test_gazetteer, text, cue, unnamed
):
    doc, actors = parsed(text)
    found = who.cue_sources(tok(doc, cue), actors, test_gazetteer)
    assert any(m.source_kind == "unnamed" for m, _ in found) == unnamed


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Ola Berg gave assurances that the harbour would stay open.", "assurances", "Ola Berg"),
        ("Norway made the argument that the quota is unfair.", "argument", "Norway"),
        ("Norway rejected the argument that the quota is unfair.", "argument", None),
    ],
)
def test_reporting_noun_voiced_by_the_subject_of_its_verb(
    parsed, tok, test_gazetteer, text, cue, source
):
    doc, actors = parsed(text)
    found = who.cue_sources(tok(doc, cue), actors, test_gazetteer)
    assert (found[0][0].label if found and found[0][0].is_actor else None) == source


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("Events make it impossible to dismiss the feud.", "dismiss", None),
        ("It is important to reject the plan.", "reject", None),
        ("Norway said it was ready to reject the plan.", "reject", "it"),  # "it" acts
    ],
)
def test_an_empty_it_is_no_one_s_act(parsed, tok, text, verb, subject):
    from stancegraph.extract.syntax import subject_of

    doc, _ = parsed(text)
    found = subject_of(tok(doc, verb))
    assert (found.text if found is not None else None) == subject


def test_of_two_subjects_the_parser_gave_a_verb_the_one_next_before_it_is_its_own():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from stancegraph.extract.syntax import subject_of

    # "Trade helps people to meet, she said." as the small model misparses such
    # sentences: "people" and "she" both subjects of "said", a clause under "helps"
    words = ["Trade", "helps", "people", "to", "meet", ",", "she", "said", "."]
    heads = [1, 1, 7, 4, 7, 7, 7, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "aux", "xcomp", "punct", "nsubj", "advcl", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert subject_of(doc[7]).text == "she"
    assert subject_of(doc[1]).text == "Trade"
