"""Polarity by meaning: does a statement support or undermine a concept?

A statement can argue against a claim without sharing its words ("Mobile
phones are expensive" undermines "Every child should have a mobile phone").
This is a logistic regression over the two texts' static sentence vectors
(:class:`~stancegraph.extract.encoder.StaticEncoder`; features ``u * v``,
``|u - v|`` and ``v``) and a few cheap lexical features: negation in each
text, the VADER valence of each (Hutto and Gilbert, 2014; MIT licence), their
products, and the share of words in common. It was trained on the train split
of PERSPECTRUM (Chen et al., NAACL 2019, CC BY-SA 4.0) by
``tools/train_stance.py``; its weights, ``ontology/stance/perspectrum-lr.npz``,
carry that licence (``ontology/stance/NOTICE.md``). NumPy only at run time.
``benchmarks/perspectrum.py`` measures it on the dev split.

>>> model = StanceModel.load()
>>> p = model.support(["Public transport should be free."], ["Free buses cut traffic."])
>>> p.shape
(1,)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from stancegraph.extract.encoder import StaticEncoder
from stancegraph.ontology import data_path, load_json

__all__ = ["StanceModel", "lexical_features", "pair_features"]

DEFAULT_WEIGHTS = "stance/perspectrum-lr.npz"
#: the number of :func:`lexical_features`
N_LEXICAL = 11
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NEGATION = frozenset(
    "not no never nor none nothing nobody neither cannot n't without lack lacks".split()
)
_STOP = frozenset(
    """a an the of to in on for and or but is are was were be been being it its this that
    these those with as at by from should would could can will must may might have has had
    do does did we they he she you i our their his her them us there than so such""".split()
)


def _words(text: str) -> list[str]:
    words = _WORD.findall(text.lower().replace("’", "'"))
    out = []
    for w in words:
        if w.endswith("n't"):
            out.extend((w[:-3], "n't"))
        else:
            out.append(w)
    return out


def lexical_features(
    concepts: Sequence[str], statements: Sequence[str], valence: dict[str, float]
) -> np.ndarray:
    """Per pair: negation in the concept, in the statement, and whether exactly one has
    it; whether the concept undoes or restricts something ("ban", "abolish", "limit");
    the mean valence of each text (a word's valence flipped after a negation); their
    product; the statement's valence times the concept's negation, times its undoing,
    and times whether exactly one of those holds; the share of the statement's content
    words found in the concept.

    >>> lexical_features(["Taxes should not rise"], ["A rise would be good"], {"good": 2.0})[0]
    array([1. , 0. , 1. , 0. , 0. , 0.5, 0. , 0.5, 0. , 0.5, 0.5], dtype=float32)
    """
    rows = []
    for concept, statement in zip(concepts, statements, strict=True):
        cw, sw = _words(concept), _words(statement)
        cn = float(any(w in _NEGATION for w in cw))
        sn = float(any(w in _NEGATION for w in sw))
        cr = float(any(_has_stem(w, _undoing()) for w in cw))
        cv = _valence(cw, valence)
        sv = _valence(sw, valence)
        content_c = {w for w in cw if w not in _STOP}
        content_s = {w for w in sw if w not in _STOP}
        shared = len(content_c & content_s) / len(content_s) if content_s else 0.0
        flips = float(cn != cr)
        rows.append(
            [cn, sn, float(cn != sn), cr, cv, sv, cv * sv, cn * sv, cr * sv, flips * sv, shared]
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), N_LEXICAL)


#: words that restrict something, beside the catalogue's words that undo something
_RESTRICTING = ("limit", "restrict", "reduce", "prohibit", "forbid", "outlaw", "curb", "cut")


@cache
def _undoing() -> frozenset[str]:
    return frozenset(load_json("cues.json")["reversal"]) | frozenset(_RESTRICTING)


def _has_stem(word: str, stems: frozenset[str]) -> bool:
    """Is the word one of ``stems``, or one with an inflection ("bans", "banned", "ending")?"""
    if word in stems:
        return True
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in stems or (stem[:-1] in stems and stem[-1:] == stem[-2:-1]):
                return True
    return False


def _valence(words: list[str], valence: dict[str, float]) -> float:
    """Mean valence of the words in the lexicon, on VADER's scale divided by 4; a word
    within three words after a negation counts with its sign flipped."""
    scores = []
    for i, w in enumerate(words):
        if w in valence:
            negated = any(x in _NEGATION for x in words[max(0, i - 3) : i])
            scores.append(-valence[w] if negated else valence[w])
    return float(np.mean(scores)) / 4 if scores else 0.0


def pair_features(
    u: np.ndarray,
    v: np.ndarray,
    concepts: Sequence[str],
    statements: Sequence[str],
    valence: dict[str, float],
) -> np.ndarray:
    """The model's input: ``u * v``, ``|u - v|``, ``v`` and :func:`lexical_features`,
    for concept vectors ``u`` and statement vectors ``v`` (unit rows)."""
    return np.hstack(
        [u * v, np.abs(u - v), v, lexical_features(concepts, statements, valence)]
    ).astype(np.float32)


class StanceModel:
    """Probability that a statement supports a concept (else it undermines it)."""

    def __init__(
        self,
        weights: np.ndarray,
        bias: float,
        mean: np.ndarray,
        scale: np.ndarray,
        valence: dict[str, float],
        encoder: StaticEncoder,
    ):
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = float(bias)
        self.mean = np.asarray(mean, dtype=np.float32)
        self.scale = np.asarray(scale, dtype=np.float32)
        self.valence = valence
        self.encoder = encoder

    @classmethod
    def load(cls, path: str | Path | None = None, encoder: StaticEncoder | None = None):
        """The model in a ``.npz`` file; ``None`` is the shipped one, loaded once."""
        if path is None and encoder is None:
            return _shipped()
        return cls._read(Path(path or data_path(DEFAULT_WEIGHTS)), encoder or StaticEncoder.load())

    @classmethod
    def _read(cls, path: Path, encoder: StaticEncoder) -> StanceModel:
        with np.load(path, allow_pickle=False) as data:
            valence = dict(zip(data["lexicon"].tolist(), data["valence"].tolist(), strict=True))
            return cls(data["weights"], data["bias"], data["mean"], data["scale"], valence, encoder)

    def support_from_vectors(
        self, u: np.ndarray, v: np.ndarray, concepts: Sequence[str], statements: Sequence[str]
    ) -> np.ndarray:
        """:meth:`support` for texts already encoded with this model's encoder."""
        x = (pair_features(u, v, concepts, statements, self.valence) - self.mean) / self.scale
        return 1 / (1 + np.exp(-(x @ self.weights + self.bias)))

    def support(self, concepts: Sequence[str], statements: Sequence[str]) -> np.ndarray:
        """For each (concept, statement) pair, the probability that the statement supports
        the concept rather than undermining it."""
        u = self.encoder.encode(concepts)
        v = self.encoder.encode(statements)
        return self.support_from_vectors(u, v, concepts, statements)


@cache
def _shipped() -> StanceModel:
    return StanceModel._read(data_path(DEFAULT_WEIGHTS), StaticEncoder.load())
