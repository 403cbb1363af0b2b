"""Names as strings: how they are written, keyed and compared (extract/names.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from stancegraph.extract.mentions import Mention
from stancegraph.extract.merge import canonical_keys
from stancegraph.extract.names import (
    initials,
    is_acronym,
    mixed_case,
    non_actor_name,
    organisation_key,
    person_name,
    same_person,
    without_initials,
)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Roe, Jane", "Jane Roe"),
        ("ROE, JANE", "Jane Roe"),
        ("Roe, Jane T.", "Jane T. Roe"),
        ("Hon. Jane Roe", "Jane Roe"),
        ("Dr. Jane Roe, Ph.D.", "Jane Roe"),
        ("Jane Roe, Director", "Jane Roe"),
        ("JANE O'ROE", "Jane O'Roe"),
        ("Jane Roe", "Jane Roe"),
    ],
)
def test_person_name_as_running_text_writes_it(written, name):
    assert person_name(written) == name


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Mary T. Roe", "Mary Roe", "middle name"),
        ("J. Smith", "John Smith", "initial"),
        ("Georgiy Tykhy", "Georgii Tykhyi", "spelling"),
        ("Mary T. Roe", "Mary S. Roe", None),  # initials that contradict
        ("Joan Smith", "John Smith", None),  # another given name
        ("Speaker 12", "Speaker 13", None),  # another number
        ("Anna Berg", "Anna Borg", None),  # another surname
        ("Barbara Follet", "Barbara Follett", "spelling"),  # a doubled letter
        ("Frederic Forsythe", "Frederick Forsyth", "spelling"),  # a final "e"
        ("Ian McDonald", "Ian MacDonald", "spelling"),
        ("Gareth Peirce", "Gareth Pierce", "spelling"),
        ("Peter Sanders", "Peter Saunders", None),  # a letter more makes another name
        ("Robert Preston", "Robert Peston", None),
    ],
)
def test_same_person_says_why_or_refuses(a, b, rule):
    assert same_person(a, b) == rule
    assert same_person(b, a) == rule


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Congressional Budget Office", "CBO"),
        ("Higher Education Funding Council for England", "HEFCE"),
        ("UK Independence Party", "UKIP"),
        ("Organisation for Economic Co-operation and Development", "OECD"),
    ],
)
def test_initials_spell_an_acronym(name, letters):
    assert initials(name) == letters


def test_acronyms_and_other_words():
    assert is_acronym("CBO") and is_acronym("Hefce", defined=True)
    assert not is_acronym("Hefce") and not is_acronym("Norway", defined=False)


def test_party_words_in_the_singular_and_plural_are_one_key():
    assert organisation_key("Liberal Democrat") == organisation_key("the Liberal Democrats")
    assert organisation_key("Greens") == organisation_key("Green")
    assert organisation_key("The Times") != organisation_key("Time")


def test_names_that_never_act():
    assert non_actor_name("H.R. 1") and non_actor_name("S. 2155")
    assert not non_actor_name("Hans Roe")


def test_mixed_case_and_initials():
    assert mixed_case("FRIENDS OF THE EARTH") == "Friends of the Earth"
    assert without_initials("Vladimir V. Putin") == "Vladimir Putin"


def person(label: str) -> Mention:
    return Mention(0, 1, f"person:{label.lower()}", label, "Person")


def body(label: str, kind: str = "Organization") -> Mention:
    return Mention(0, 1, f"{kind.lower()}:{label.lower()}", label, kind)


def test_canonical_keys_merge_by_rule_and_refuse_ambiguous_names():
    names = {m.key: m for m in [
        person("Mary T. Roe"), person("Mary Roe"), person("Mary S. Roe"),
        person("Jane Holt"), person("Holt"), person("Speaker 12"), person("Speaker 13"),
        body("Fisheries Budget Office"), body("FBO"), body("JANE HOLT"),
    ]}  # fmt: skip
    canonical, rules = canonical_keys(names, Counter({k: 1 for k in names}))
    assert canonical["person:mary roe"] == "person:mary roe"  # fits two: left alone
    assert canonical["person:holt"] == "person:jane holt" and rules["person:holt"] == "surname"
    assert rules["organization:fbo"] == "acronym"
    assert canonical["organization:fbo"] == "organization:fisheries budget office"
    assert canonical["organization:jane holt"] == "person:jane holt"
    assert canonical["person:speaker 13"] == "person:speaker 13"
    assert set(rules) == {"person:holt", "organization:fbo", "organization:jane holt"}
