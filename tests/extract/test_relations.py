"""Roles read from titles, appositions and 'led by'."""

from __future__ import annotations

import pytest


def relations(extraction):
    return {(r.subject, r.predicate, r.object) for r in extraction.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norwegian spokesman Lars Haugen said nothing.",
            ("Lars Haugen", "spokesperson_of", "Norway"),
        ),
        (
            "Chile's chief negotiator, Pablo Rojas, left early.",
            ("Pablo Rojas", "represents", "Chile"),
        ),
        ("Japanese Prime Minister Kenji Sato arrived.", ("Kenji Sato", "leader_of", "Japan")),
        ("Kenji Sato, the Japanese envoy, arrived.", ("Kenji Sato", "represents", "Japan")),
        (
            "The Brazilian delegation, led by Paulo Mendes and Rita Souza, arrived.",
            ("Rita Souza", "represents", "Brazil"),
        ),
        (
            "WHO spokeswoman Jane Doe briefed reporters.",
            ("Jane Doe", "spokesperson_of", "World Health Organization"),
        ),
    ],
)
def test_relations_from_titles(run, text, expected):
    assert expected in relations(run(text))


def test_relations_role_owner_from_clause_subject(run):
    x = run("Norway stood firm, with spokesman Lars Haugen warning of delays.")
    assert ("Lars Haugen", "spokesperson_of", "Norway") in relations(x)


def test_relations_description_resolves_to_role_holder(run):
    x = run("Norwegian spokesman Lars Haugen arrived. The Norwegian spokesman rejected the quota.")
    assert ("Lars Haugen", "oppose") in {(s.actor, s.polarity) for s in x.statements}


def test_relations_evidence_offsets(run):
    text = "Preface.\nChilean President Marta Vidal spoke."
    rel = run(text).relations[0]
    assert text[rel.start : rel.end] == "Chilean President Marta Vidal spoke."


def ties(text, run, **meta):
    x = run(text, **meta)
    types = {a.label: a.type for a in x.actors}
    return {(r.subject, r.predicate, r.object, types.get(r.object)) for r in x.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party word and a title before the name; a post in a parliament or a
        # government held for a party makes a member of the party
        (
            "Fjordist leader Kari Holm said the quota was unfair.",
            ("Kari Holm", "leader_of", "Fjord Party", "Organization"),
        ),
        (
            "Fjordist shadow fisheries secretary Ola Dahl said the quota was unfair.",
            ("Ola Dahl", "member_of", "Fjord Party", "Organization"),
        ),
        (
            "Fjordist MEP Ingrid Vik welcomed the quota.",
            ("Ingrid Vik", "member_of", "Fjord Party", "Organization"),
        ),
        # without the gazetteer: a party's own words
        (
            "Liberal Unionist MP Tom Reed rejected the quota.",
            ("Tom Reed", "member_of", "Liberal Unionist", "Organization"),
        ),
        # appositions and "of" phrases
        (
            "Neil Ash, director of the campaign group Fair Votes Now, said the quota was unfair.",
            ("Neil Ash", "leader_of", "Fair Votes Now", "Organization"),
        ),
        (
            "Dave Pike, the head of the union Coastwatch, rejected the quota.",
            ("Dave Pike", "leader_of", "Coastwatch", "Organization"),
        ),
        (
            "The union Coastwatch called a strike. The union's general secretary Mia Berg "
            "said members would walk out.",
            ("Mia Berg", "leader_of", "Coastwatch", "Organization"),
        ),
        # party and state tags after a legislator's name
        (
            "Sen. Jane Holt, R-Wyo., said the quota was unfair.",
            ("Jane Holt", "member_of", "Republican Party", "Organization"),
        ),
        (
            "Rep. Tom Ash (D-Ore.) rejected the quota.",
            ("Tom Ash", "member_of", "Democratic Party", "Organization"),
        ),
        # a portfolio with no owner named: the government of the state the story is about
        (
            "Norway rejected the plan. Fisheries Secretary Per Lund said Norway would wait.",
            ("Per Lund", "represents", "Norway", "State"),
        ),
        # a person's own envoy
        (
            "Ana Lima arrived on Monday. Her envoy Tomas Reyes rejected the quota.",
            ("Tomas Reyes", "represents", "Ana Lima", "Person"),
        ),
    ],
)
def test_relations_from_the_texts_structure(run, text, expected):
    assert expected in ties(text, run)


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed, the MP for Bramley and Thorpe, rejected the quota.",  # a constituency
        "Former fisheries minister Per Lund said Norway was wrong. Norway rejected it.",
        "Ola Dahl, the son of a Norwegian minister, rejected the quota.",
        "My name is Ola Dahl and I am the representative of a people who love the sea.",
    ],
)
def test_relations_none_where_the_text_gives_no_tie(run, text):
    assert ties(text, run) == set()


def test_relations_portfolio_is_no_organisation(run):
    x = run("Norway rejected the plan. Education minister Ola Berg said Norway would wait.")
    assert "Education" not in {a.label for a in x.actors}
    assert ("Ola Berg", "represents", "Norway") in relations(x)


def test_relations_testimony_heading_by_its_parts(run):
    x = run(
        "Prepared Statement of Roe, Jane, Director, Clean Water and Coasts Program, "
        "Fjord Rivers Trust\n\nThank you for the opportunity to testify. The river must "
        "be protected."
    )
    assert relations(x) == {("Jane Roe", "employed_by", "Fjord Rivers Trust")}
    assert not [a for a in x.actors if "Program" in a.label]


def test_relations_heading_in_capitals(run):
    x = run(
        "STATEMENT OF JANE ROE, PRESIDENT, ACME POLICY ANALYSIS, INC.\n\n"
        "I thank the committee. The tax must be cut."
    )
    assert ("Jane Roe", "leader_of", "Acme Policy Analysis, Inc.") in relations(x)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thank you. I testify today on behalf of the National Association of Dairy "
            "Farmers. The tax must be cut.",
            ("Mary Holt", "represents", "National Association of Dairy Farmers"),
        ),
        (
            "Good morning. I work for the Fjord Rivers Trust. The river must be protected.",
            ("Mary Holt", "employed_by", "Fjord Rivers Trust"),
        ),
        (
            "Good morning. I am a member of the Coastal Fishers Association. Quotas must end.",
            ("Mary Holt", "member_of", "Coastal Fishers Association"),
        ),
    ],
)
def test_relations_what_speakers_say_of_themselves(run, text, expected):
    assert expected in relations(run(text, speaker="Holt, Mary"))


def test_relations_metadata_last_first_and_self_introduction_are_one_speaker(run):
    x = run(
        "My name is Mary T. Holt and I am the president of the Harbour Workers Alliance. "
        "We oppose the tax.",
        speaker="HOLT, MARY",
    )
    people = [a.label for a in x.actors if a.type == "Person"]
    assert len(people) == 1 and people[0] in ("Mary Holt", "Mary T. Holt")
    assert (people[0], "leader_of", "Harbour Workers Alliance") in relations(x)


def test_relations_a_description_refers_back_not_forward(run):
    x = run(
        "Kari Holm grilled the chief executive. The Fjordist leader also said the bank was "
        "wrong. Fjordist leader Ola Dahl said the bank must pay."
    )
    assert ("Ola Dahl", "the bank was wrong") not in {(s.actor, s.claim) for s in x.statements}


def test_relations_a_place_and_a_body_before_a_title_are_the_body(run):
    x = run("Ola Dahl, the Harbourshire police chief, warned that more work was needed.")
    assert relations(x) == {("Ola Dahl", "leader_of", "Harbourshire Police")}
