"""The words stancegraph knows, read from the data in ``ontology/``.

Every domain word list lives in a JSON file of :mod:`stancegraph.ontology`
(``cues.json``, ``roles.json``, ``synonyms.json``, documented in
``ontology/README.md``); this module is the one place that reads them:

- :func:`verb_cue` and :func:`noun_cue`: whether a token is a stance cue
  ("rejects", "called for", "Moscow's refusal") and which;
- :func:`words`: a word list by file and key, as a set;
- :func:`content_terms`: the normalised content words of a phrase (lemmas,
  synonyms, states by id), which catalogue matching, merging paraphrases and
  telling undoings ("lifting the sanctions") all compare;
- :func:`valence`: how good or bad a word judges what it is said of ("flawed",
  "a disgrace", "courage"), from the VADER opinion lexicon (``vaderSentiment``)
  with the additions and removals of ``cues.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.ontology import load_json

__all__ = [
    "Cue",
    "content_terms",
    "cue_of",
    "is_reporting_verb",
    "noun_cue",
    "reports",
    "table",
    "valence",
    "verb_cue",
    "words",
]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


@dataclass(frozen=True)
class Cue:
    """A stance cue: its key in ``cues.json``, finer type and what it does to its object."""

    key: str
    type: str
    polarity: str  # support, oppose or report
    preps: tuple[str, ...] = ()
    advocacy: bool = False  # a reporting verb that puts forward its clause ("argue")


def table(name: str) -> dict:
    """A whole data file of ``ontology/`` (``"cues"``, ``"roles"``, ``"synonyms"``)."""
    return load_json(f"{name}.json")


@cache
def words(name: str, key: str) -> frozenset[str]:
    """A word list of a data file as a set.

    >>> "must" in words("cues", "deontic_modals")
    True
    """
    return frozenset(table(name)[key])


def verb_cue(token: Token) -> Cue | None:
    """The stance cue a verb token is, if any ("called for" -> calls_for)."""
    if token.pos_ != "VERB" and not (token.pos_ == "AUX" and token.lemma_ == "need"):
        return None
    verbs = table("cues")["verbs"]
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "agent") and f"{lemma} {child.lower_}" in verbs:
            entry = verbs[f"{lemma} {child.lower_}"]
            return Cue(f"{lemma} {child.lower_}", entry["type"], entry["polarity"], (child.lower_,))
    if lemma in verbs:
        entry = verbs[lemma]
        needs = entry.get("needs")
        if needs and not any(c.dep_ in needs for c in token.children):
            return None  # "called a meeting" is no "called the plan a disgrace"
        return Cue(lemma, entry["type"], entry["polarity"], advocacy=entry.get("advocacy", False))
    return None


def noun_cue(token: Token) -> Cue | None:
    """The stance cue a noun token is, if any ("refusal", "push")."""
    if token.pos_ != "NOUN":
        return None
    nouns = table("cues")["nouns"]
    lemma = token.lemma_.lower()
    if lemma not in nouns:
        return None
    entry = nouns[lemma]
    return Cue(lemma, entry["type"], entry["polarity"], tuple(entry.get("preps", ())))


def cue_of(token: Token) -> Cue | None:
    """The verb or noun cue a token is, if any."""
    return verb_cue(token) or noun_cue(token)


def reports(token: Token) -> bool:
    """Whether a token is a reporting cue ("said", "argued", "told reporters")."""
    cue = verb_cue(token)
    return cue is not None and cue.polarity == "report"


def is_reporting_verb(token: Token) -> bool:
    """Whether a verb's lemma is a reporting cue, whatever goes with it: what stands next
    to a quotation ("...," she said)."""
    entry = table("cues")["verbs"].get(token.lemma_.lower())
    return token.pos_ == "VERB" and entry is not None and entry["polarity"] == "report"


def content_terms(tokens: Iterable[Token], gazetteer: Gazetteer | None = None) -> list[str]:
    """Normalised content words of a span, in order.

    Lemmas of nouns, verbs, adjectives and names; two-word phrases and single
    words replaced through the synonym table; states' names, capitals and
    demonyms replaced by the state's id.
    """
    synonyms = table("synonyms")["terms"]
    skipped = words("synonyms", "skip_lemmas")
    tokens = [t for t in tokens if not t.is_punct and not t.is_space]
    terms: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i + 1 < len(tokens):
            pair = f"{tok.lemma_.lower()} {tokens[i + 1].lemma_.lower()}"
            if pair in synonyms:
                terms.append(synonyms[pair])
                i += 2
                continue
        i += 1
        lemma = tok.lemma_.lower()
        if tok.ent_type_ and gazetteer is not None:
            entry = gazetteer.lookup(tok.text) or gazetteer.by_demonym(tok.text)
            if entry is not None:
                terms.append(entry.id)
                continue
        if tok.pos_ not in _CONTENT_POS or tok.is_stop or lemma in skipped:
            if lemma not in synonyms:
                continue
        terms.append(synonyms.get(lemma, synonyms.get(tok.lower_, lemma)))
    return terms


@cache
def _valences() -> dict[str, float]:
    """Word -> mean valence (-4 to +4): the VADER lexicon, as its package ships it
    (``vaderSentiment/vader_lexicon.txt``: word, mean, standard deviation, ratings),
    with ``cues.json``'s additions and removals."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    valences = {}
    for line in text.splitlines():
        word, mean, *_ = line.split("\t")
        if word.replace("-", "").isalpha():
            valences[word] = float(mean)
    valences.update(table("cues")["evaluation_additions"])
    for word in table("cues")["not_evaluations"]:
        valences.pop(word, None)
    return valences


def valence(token: Token) -> float:
    """How a word judges: its valence (-4 to +4) when it counts as an evaluation
    (at least ``evaluation_threshold`` either way), else 0.

    >>> import spacy
    >>> doc = spacy.blank("en")("a flawed and costly plan")
    >>> [valence(t) for t in doc]
    [0.0, -2.1, 0.0, -1.2, 0.0]
    """
    valences = _valences()
    value = valences.get(token.lower_)
    if value is None:
        value = valences.get(token.lemma_.lower(), 0.0)
    return value if abs(value) >= table("cues")["evaluation_threshold"] else 0.0
