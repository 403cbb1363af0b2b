"""Polarity by meaning: the model trained on PERSPECTRUM, run with NumPy only."""

from __future__ import annotations

import numpy as np
import pytest

from stancegraph.extract.stance_model import StanceModel, lexical_features


@pytest.fixture(scope="module")
def model():
    return StanceModel.load()


@pytest.mark.parametrize(
    "concept, supports, undermines",
    [
        (
            "Every town should have a public library.",
            "Libraries give everyone free access to books and learning.",
            "Libraries are a waste of money that nobody uses any more.",
        ),
        (
            "Cities should plant more trees.",
            "Trees cool the streets and clean the air.",
            "Trees are expensive to maintain and damage pavements.",
        ),
    ],
)
def test_stance_model_tells_support_from_undermining(model, concept, supports, undermines):
    p = model.support([concept, concept], [supports, undermines])
    assert p[0] > 0.5 > p[1]


def test_stance_model_gives_probabilities(model):
    p = model.support(["Homework should be abolished."] * 2, ["It helps pupils.", "It harms."])
    assert p.shape == (2,)
    assert ((p > 0) & (p < 1)).all()


def test_lexical_features_see_negation_and_valence():
    rows = lexical_features(
        ["Zoos should not exist.", "Zoos should exist."],
        ["Zoos are cruel.", "Zoos are cruel."],
        {"cruel": -2.0},
    )
    negated, plain = rows
    assert negated[0] == 1 and plain[0] == 0  # negation in the concept
    assert negated[2] == 1 and plain[2] == 0  # exactly one of the two is negated
    assert negated[5] == plain[5] == -0.5  # the statement's valence
    assert np.isclose(negated[10], 0.5)  # "zoos" of "zoos", "cruel" is in the concept


@pytest.mark.parametrize(
    "concept, undoes",
    [
        ("Fox hunting should be banned.", True),
        ("The death penalty should be abolished.", True),
        ("Cities should limit car traffic.", True),
        ("Every school should teach coding.", False),
        ("The banner on the town hall should stay.", False),
    ],
)
def test_lexical_features_see_concepts_that_undo_something(concept, undoes):
    assert lexical_features([concept], ["It is fine."], {})[0][3] == float(undoes)


def test_lexical_features_flip_valence_after_negation():
    valence = {"good": 2.0}
    plain, negated = lexical_features(["X"] * 2, ["It is good", "It is not good"], valence)
    assert plain[5] == 0.5 and negated[5] == -0.5
