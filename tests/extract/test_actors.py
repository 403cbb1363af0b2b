"""Actor mentions and their merging across a corpus."""

from __future__ import annotations

import pytest

from stancegraph.extract.execution import extract_corpus
from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.records import Document


def actor_labels(extraction):
    return {a.label: a for a in extraction.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Kremlin's", "kremlin"),
        ("U.S.", "us"),
        ("  Zelenskyy  ", "zelenskyy"),
        ("Jos\u00e9 Mar\u00eda", "jose maria"),
    ],
)
def test_name_key_normalises(text, expected):
    assert name_key(text) == expected


def test_actors_metonym_and_demonym_merge_into_state(run):
    x = run(
        "Norway rejected the plan on Monday. Oslo later said the Norwegians would wait. "
        "Norwegian officials declined to comment."
    )
    actors = actor_labels(x)
    assert "Norway" in actors and "Oslo" not in actors
    assert actors["Norway"].type == "State" and actors["Norway"].wikidata == "Q20"


def test_actors_surname_joins_full_name_in_document(run):
    x = run("Maria Kowalczyk, the union leader, spoke first. Kowalczyk rejected the pay offer.")
    people = [a for a in x.actors if a.type == "Person"]
    assert [p.label for p in people] == ["Maria Kowalczyk"]


def test_actors_surname_joins_full_name_across_documents(run):
    x = run(["Tomasz Wierzbicki opened the session.", "Wierzbicki rejected the budget."])
    people = [a for a in x.actors if a.type == "Person"]
    assert [p.label for p in people] == ["Tomasz Wierzbicki"]
    assert {d for d, _ in x.mentions} == {"d0", "d1"}


def test_actors_spelling_variants_merge_through_gazetteer(run):
    x = run("Ana Lyma met reporters. President Ana Lima rejected the tariff.")
    people = [a for a in x.actors if a.type == "Person"]
    assert [(p.label, p.id) for p in people] == [("Ana Lima", "ana-lima")]


def test_actors_places_are_not_actors(run):
    x = run("Norway sent ships to Patagonia on Tuesday to rejected nothing.")
    assert "Patagonia" not in actor_labels(x)
    assert "Tuesday" not in actor_labels(x)


def test_actors_unknown_city_is_actor_only_when_it_acts(run):
    passive = run("The delegates met in Valparaiso.")
    active = run("Valparaiso rejected the new port tax.")
    assert "Valparaiso" not in actor_labels(passive)
    assert "Valparaiso" in actor_labels(active)


def test_actors_organisation_typed(run):
    x = run("The World Health Organization urged countries to share vaccine data.")
    who = actor_labels(x)["World Health Organization"]
    assert who.type == "Organization" and who.wikidata == "Q7817"


def test_actors_unknown_person_title_stripped(run):
    x = run("Senator Ruth Okonkwo called for a recount.")
    assert "Ruth Okonkwo" in actor_labels(x)


def test_actors_capital_is_a_place_unless_it_acts(run):
    venue = run("Talks between Chile and Japan opened in Oslo on Monday.")
    acting = run("Oslo rejected the proposal on Monday.")
    assert "Norway" not in actor_labels(venue)
    assert "Norway" in actor_labels(acting)


def test_actors_gazetteer_first_name_inside_another_name(run):
    # "Lima" is Ana Lima's surname; "Lima Barreto" is somebody else.
    x = run("Lima Barreto rejected the new tax on Monday.")
    labels = actor_labels(x)
    assert "Ana Lima" not in labels and "Lima Barreto" in labels


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("Georgiy Tykhy", "Tykhy"),
        ("Abdullah II", None),
        ("Moon Jae-in", None),
        ("Kim Jong Un", None),
        ("King Charles", None),
        ("Prince Charles", None),
        ("Madonna", None),
    ],
)
def test_surname_of(name, surname):
    from stancegraph.extract.gazetteer import surname_of

    assert surname_of(name) == surname


def test_long_document_is_parsed_in_parts_with_its_offsets(extractor):
    from stancegraph.extract.assemble import parts
    from stancegraph.extract.execution import extract_corpus
    from stancegraph.extract.records import Document

    paragraph = "Norway rejected the fishing quota on Monday. The talks went on for hours."
    text = "\n\n".join(f"{paragraph} Day {i}." for i in range(60))
    doc = Document("long", text, text, tuple(range(len(text) + 1)))
    pieces = list(parts(doc, size=1000))
    assert len(pieces) > 3 and "".join(p.text for p in pieces) == text
    x = extract_corpus(pieces, extractor=extractor)
    assert [d.id for d in x.documents] == ["long"]
    found = [s for s in x.statements if s.actor == "Norway"]
    assert len(found) == 60
    assert all(text[s.start : s.end].startswith("the fishing quota") for s in found)
    assert all(s.evidence.startswith("Norway rejected") for s in found)


def test_actors_only_mentioned_are_not_actors(run):
    x = run("Norway rejected the fishing quota. Chile sent a ship to the talks.")
    assert "Norway" in actor_labels(x)
    assert "Chile" not in actor_labels(x)  # named, but says and holds nothing


def test_actors_one_common_word_refers_back_to_the_body_named_with_it(run):
    x = run(
        "The Chilean Fisheries Council rejected the quota. The Council also rejected the "
        "levy. Many Member States, including ours, support the levy."
    )
    actors = actor_labels(x)
    assert "Council" not in actors and "States" not in actors
    council = actors["Chilean Fisheries Council"]
    assert "Council" not in council.aliases  # a common word, not one of its names
    rejected = {s.position for s in x.statements if s.actor_id == council.id}
    assert {"quota", "levy"} <= rejected


def test_actors_a_known_name_inside_a_longer_name_is_not_that_actor(run):
    x = run("The Norway Salmon Export Board rejected the quota.")
    assert "Norway" not in actor_labels(x)
    board = actor_labels(x)["Norway Salmon Export Board"]
    assert board.type == "Organization" and "Norway" not in board.aliases


def test_actors_aliases_are_written_on_one_line_and_keep_inner_possessives(run):
    x = run("The Chilean People's Fishing\nAssociation rejected the quota.")
    association = next(a for a in x.actors if a.type == "Organization")
    assert "\n" not in association.label
    assert all("\n" not in alias for alias in association.aliases)
    assert "People's" in association.label


@pytest.mark.parametrize(
    "text",
    [
        "The Sustainable Development Goals call for an end to poverty.",
        "Mr. President, Excellencies and Distinguished Delegates,\n\n"
        "In conclusion, Chile urges all the world leaders to unite against trawling.",
    ],
)
def test_actors_plans_and_forms_of_address_are_not_actors(run, text):
    x = run(text)
    assert not [a.label for a in x.actors if "Goals" in a.label or "Excellencies" in a.label]


@pytest.mark.parametrize(
    "text",
    [
        "Rep. Jim Jordan told reporters that the fishing quota was unfair.",
        "Mr Jordan told reporters that the fishing quota was unfair.",
    ],
)
def test_actors_a_person_named_like_a_state_is_a_person(run, text):
    x = run(text)
    assert [(a.label, a.type) for a in x.actors if "Jordan" in a.label] in (
        [("Jim Jordan", "Person")],
        [("Jordan", "Person")],
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "David Norwegian of the National Fishing Federation said the rule would hurt shops.",
            "David Norwegian",
        ),
        (
            "Billionaire Mark Chilean said the rule was unfair. Chilean said he would not vote.",
            "Mark Chilean",
        ),
    ],
)
def test_actors_a_surname_that_is_a_demonym_is_a_person(run, text, name):
    x = run(text)
    assert {(a.label, a.type) for a in x.actors} == {(name, "Person")}
    assert {s.actor for s in x.statements} == {name}


def test_actors_a_surname_with_its_particle_is_the_full_name(run):
    x = run("Mayor Ana de Souza rejected the quota. De Souza said it was unfair.")
    assert {s.actor for s in x.statements} == {"Ana de Souza"}


def test_actors_letters_after_a_name_make_a_person(run):
    x = run("The barrister Peter Holm QC said the law was unclear.")
    assert ("Peter Holm", "Person") in {(a.label, a.type) for a in x.actors}


def test_actors_a_states_ministry_is_its_own_actor(run):
    x = run(
        "Chile's Foreign Ministry rejected the quota.\n\n"
        "The Norwegian Foreign Ministry welcomed the quota."
    )
    ministries = {a.label for a in x.actors if a.type == "Organization"}
    assert ministries == {"Chilean Foreign Ministry", "Norwegian Foreign Ministry"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fjordist MEP Ingrid Vik rejected the quota.", "Ingrid Vik"),
        ("MEP Ingrid Vik rejected the quota.", "Ingrid Vik"),
        ("Shadow chancellor Ola Dahl rejected the quota.", "Ola Dahl"),
        ("Tory Tom Reed rejected the quota.", "Tom Reed"),
        ("Fisheries Party chairman Kari Lund rejected the quota.", "Kari Lund"),
        ("Dr Jane Roe PhD rejected the quota.", "Jane Roe"),
        ("Archbishop Ola Berg rejected the quota.", "Ola Berg"),
        ("Prof Peter Holm rejected the quota.", "Peter Holm"),
    ],
)
def test_actors_titles_are_never_part_of_a_name(run, text, name):
    people = [a.label for a in run(text).actors if a.type == "Person"]
    assert people == [name]


def test_actors_a_name_in_capitals_is_the_person(run):
    x = run("JANE ROE rejected the quota on Monday. Jane Roe later rejected the levy.")
    assert [(a.label, a.type) for a in x.actors] == [("Jane Roe", "Person")]


def test_actors_acronym_defined_in_brackets_is_the_body(run):
    x = run("The Fisheries Budget Office (FBO) rejected the quota. FBO also rejected the levy.")
    assert [(a.label, a.type) for a in x.actors] == [("Fisheries Budget Office", "Organization")]
    assert "FBO" in x.actors[0].aliases


def test_actors_acronym_joins_its_expansion_across_documents(run):
    x = run(["The Fisheries Budget Office rejected the quota.", "FBO rejected the levy."])
    assert [a.label for a in x.actors] == ["Fisheries Budget Office"]


def test_actors_acronym_spells_only_a_body(run):
    x = run("Officials in New Hampshire said little. In Concord, N.H., the council rejected it.")
    assert "N.H." not in {alias for a in x.actors for alias in a.aliases}


@pytest.mark.parametrize(
    "text",
    [
        "The union Coastwatch rejected the pay offer.",
        "Coastwatch, the public sector union, rejected the pay offer.",
    ],
)
def test_actors_a_name_the_text_calls_a_body_is_an_organisation(run, text):
    assert [(a.label, a.type) for a in run(text).actors] == [("Coastwatch", "Organization")]


def test_actors_party_words_are_no_people(run):
    x = run(
        "The Liberal Unionists rejected the quota. Liberal Unionist Tom Reed said it was unfair."
    )
    assert {(a.label, a.type) for a in x.actors} >= {
        ("Liberal Unionists", "Organization"),
        ("Tom Reed", "Person"),
    }
    assert not [a for a in x.actors if a.type == "Person" and "Unionist" in a.label]


@pytest.mark.parametrize(
    "text",
    [
        "H.R. 1 rejected the old rules, its sponsors said.",
        "The Coastal Renewal programme rejected nothing.",
    ],
)
def test_actors_bills_and_programmes_are_no_actors(run, text):
    labels = {a.label for a in run(text).actors}
    assert not labels & {"H.R. 1", "Coastal Renewal"}


def test_actors_a_surname_alone_is_the_known_person_only_in_their_story(run):
    away = run("Lima rejected the tariff on Monday.")
    home = run("Brazil rejected the tariff. Lima said the tariff was unfair.")
    assert [a.label for a in away.actors if a.type == "Person"] == ["Lima"]
    assert "Ana Lima" in {a.label for a in home.actors}
    # someone who stands for the same state, named in full, places the story too
    colleague = run("Rui Costa met the envoy. Lima said the tariff was unfair.")
    assert "Ana Lima" in {a.label for a in colleague.actors}


def test_actors_a_surname_that_is_also_a_title_after_mr_is_the_person(run):
    x = run(
        "Viewers like Ola King watch the channel. Mr. King said that he was never "
        "edited. Mr. President, the quota is unfair."
    )
    assert [a.label for a in x.actors if a.type == "Person"] == ["Ola King"]
    assert [s.actor for s in x.statements] == ["Ola King"]


def test_actors_an_adjective_before_a_body_is_no_part_of_its_name(run):
    x = run(
        "A complaint was filed by the federal Securities and Exchange Commission. "
        "The S.E.C. said the fund lied."
    )
    assert [a.label for a in x.actors] == ["Securities and Exchange Commission"]


def test_actors_a_surname_two_people_share_is_the_one_named_first(run):
    first = run("Rosa Lima praised Ana Lima in Brazil. Lima said the tariff was unfair.")
    known = run("Ana Lima praised Rosa Lima in Brazil. Lima said the tariff was unfair.")
    assert [s.actor for s in first.statements if s.predicate == "says"] == ["Rosa Lima"]
    assert [s.actor for s in known.statements if s.predicate == "says"] == ["Ana Lima"]


def test_actors_numbered_speakers_are_never_one(extractor):
    def make_document(text, doc_id, speaker):
        return Document(doc_id, text, text, tuple(range(len(text) + 1)), speaker=speaker)

    docs = [
        make_document("We oppose the fishing quota. It is unfair.", "d1", speaker="Speaker 12"),
        make_document("We support the fishing quota. It works.", "d2", speaker="Speaker 13"),
        make_document("I support the fishing quota.", "d3", speaker="Speaker 12"),
    ]
    x = extract_corpus(docs, extractor=extractor)
    assert sorted(a.label for a in x.actors) == ["Speaker 12", "Speaker 13"]
    assert {(s.doc, s.actor) for s in x.statements} == {
        ("d1", "Speaker 12"),
        ("d2", "Speaker 13"),
        ("d3", "Speaker 12"),
    }


def test_actors_a_bodys_letters_are_no_person(run):
    x = run("The airport operator was criticised. BAA said the plans were sound.")
    assert [(a.label, a.type) for a in x.actors] == [("BAA", "Organization")]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Police rang Lucy Okafor on Monday.", (1, 4), "Lucy Okafor"),  # running text
        ("Aides of de Villepin met.", (2, 4), "de Villepin"),  # a particle stays
        ("The High Commissioner Amara Diallo spoke.", (1, 5), "Amara Diallo"),
    ],
)
def test_clean_person_name_drops_words_that_are_no_name(parsed, text, span, name):
    from stancegraph.extract.actors import clean_person_name

    doc, _ = parsed(text)
    assert " ".join(t.text for t in clean_person_name(doc[span[0] : span[1]])) == name


def test_a_title_alone_is_no_person(run):
    x = run("The High Commissioner said the talks would go on. Commissioner Ines Varga agreed.")
    people = {a.label for a in x.actors if a.type == "Person"}
    assert not people & {"High Commissioner", "Commissioner"}
