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
