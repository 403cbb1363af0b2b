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
    "adjective_cue",
    "adverb_cue",
    "content_terms",
    "cue_of",
    "is_reporting_verb",
    "marked_clause",
    "noun_cue",
    "people_nouns",
    "quoted_name",
    "QUOTE_MARKS",
    "undoes",
    "reports",
    "table",
    "valence",
    "verb_cue",
    "words",
]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}

#: quotation marks as the normaliser leaves them (typographic ones become '"')
QUOTE_MARKS = frozenset({'"', "``", "''"})


@dataclass(frozen=True)
class Cue:
    """A stance cue: its key in ``cues.json``, finer type and what it does to its object."""

    key: str
    type: str
    polarity: str  # support, oppose or report
    preps: tuple[str, ...] = ()
    advocacy: bool = False  # a reporting verb that puts forward its clause ("argue")
    #: a reporting verb whose object is what it reports when it has no clause ("mentioned
    #: X"): True, or "document" when only a document's object counts ("a poll shows X")
    object: bool | str = False
    #: a verb whose subject is what is said, not who says it ("X seems to win")
    raising: bool = False


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


def undoes(token: Token) -> bool:
    """A word that undoes or reduces what it acts on ("scrap", "lift", "cut", "put on
    hold")."""
    lemma = token.lemma_.lower()
    if lemma == "put":  # "put the plans on hold", "on ice"
        return any(
            c.dep_ == "prep"
            and c.lower_ == "on"
            and any(g.lower_ in ("hold", "ice") for g in c.children)
            for c in token.children
        )
    return lemma in words("cues", "reversal") or lemma in words("cues", "reducing_verbs")


def keeps_or_undoes(token: Token) -> bool:
    """A verb whose object is the thing it keeps ("extend", "hold") or undoes ("scrap")."""
    return undoes(token) or token.lemma_.lower() in words("cues", "keeping_verbs")


@cache
def saying_nouns(*, pointing: bool = True) -> frozenset[str]:
    """Nouns of saying or thinking, the noun cues that report: "claim", "allegation",
    "fear"; ``pointing=False`` leaves out those that also point back to an issue named
    before ("the idea", "the promise")."""
    nouns = frozenset(k for k, v in table("cues")["nouns"].items() if v["polarity"] == "report")
    return nouns if pointing else nouns - words("cues", "generic_targets")


def deontic(verb: Token) -> bool:
    """ "must act", "should be lifted", "has to stop"."""
    modals = words("cues", "deontic_modals")
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modals for c in verb.children)


@cache
def people_nouns() -> frozenset[str]:
    """Nouns that name a kind of people (or a body the text does not name): "critics",
    "officials", "the minister", "the government"."""
    roles = table("roles")
    single = {r for r in roles["roles"] if " " not in r}
    return (
        words("cues", "generic_sources")
        | single
        | words("roles", "person_descriptions")
        | words("roles", "generic_names")
        | frozenset(roles["collective"])
    )


def verb_cue(token: Token) -> Cue | None:
    """The stance cue a verb token is, if any ("called for" -> calls_for)."""
    if token.pos_ != "VERB" and not (token.pos_ == "AUX" and token.lemma_ == "need"):
        return None
    verbs = table("cues")["verbs"]
    lemma = token.lemma_.lower()
    # after the verb: "On Monday, they called for X" is no "call on"
    particles = [c for c in token.children if c.dep_ in ("prt", "prep", "agent") and c.i > token.i]
    clause = marked_clause(token)
    if clause is not None:  # "called for the minister to resign": "for" marks the clause
        particles.append(next(c for c in clause.children if c.dep_ == "mark"))
    for child in particles:
        if f"{lemma} {child.lower_}" in verbs:
            entry = verbs[f"{lemma} {child.lower_}"]
            return Cue(
                f"{lemma} {child.lower_}",
                entry["type"],
                entry["polarity"],
                (child.lower_,),
                object=entry.get("object", False),
            )
    if lemma in verbs:
        entry = verbs[lemma]
        needs = entry.get("needs")
        if needs and not any(c.dep_ in needs for c in token.children):
            if "oprd" not in needs or quoted_name(token) is None:
                return None  # "called a meeting" is no "called the plan a disgrace"
        return Cue(
            lemma,
            entry["type"],
            entry["polarity"],
            advocacy=entry.get("advocacy", False),
            object=entry.get("object", False),
            raising=entry.get("raising", False),
        )
    return None


#: a naming verb's quotation opens at most this many tokens after it
_NAMED_WITHIN = 15


def quoted_name(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """What a verb calls something in quotation marks, whatever the parser made of the
    marks: 'called the system "rigged"', 'called what she saw "terrible"', 'called
    Merkel "the Chancellor of the Free World"': the thing named and the words from it
    to the closing mark. None for 'called "X"', 'called for "a review"', 'called, "X"'."""
    doc, sentence = verb.doc, verb.sent
    after = doc[verb.i + 1 : min(sentence.end, verb.i + _NAMED_WITHIN)]
    opening = next((t for t in after if t.text in QUOTE_MARKS), None)
    if opening is None or opening.i == verb.i + 1 or doc[verb.i + 1].pos_ == "ADP":
        return None
    thing = doc[verb.i + 1 : opening.i]
    if any(t.is_punct or t.pos_ == "ADP" and t.head == verb for t in thing):
        return None
    end = min(len(doc), sentence.end + 2)  # the closing mark may open the next sentence
    closing = next((t for t in doc[opening.i + 1 : end] if t.text in QUOTE_MARKS), None)
    if closing is None or closing.i == opening.i + 1:
        return None
    return thing.root, tuple(t for t in doc[verb.i + 1 : closing.i] if not t.is_punct)


def marked_clause(verb: Token) -> Token | None:
    """The clause a verb's preposition opens as its subordinator, as the parser reads
    "called for the minister to resign" (the clause's "for" is the verb's particle)."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.i > verb.i:
            mark = next((c for c in child.children if c.dep_ == "mark"), None)
            if mark is not None and mark.i == verb.i + 1 and mark.lower_ in ("for", "on"):
                return child
    return None


#: how a predicative adjective hangs on its clause: "is opposed to", "made it clear"
_PREDICATIVE = ("acomp", "oprd", "ccomp")


def adjective_cue(token: Token) -> Cue | None:
    """The cue a predicative adjective is, if any ("is opposed to X", "was confident that
    X", "made it clear that X"). What it takes after a preposition is its object."""
    if token.dep_ not in _PREDICATIVE or token.pos_ not in ("ADJ", "VERB"):
        return None
    impersonal = table("cues")["impersonal_adjectives"].get(token.lower_)
    if impersonal is not None and impersonal_clause(token) is not None:
        return Cue(token.lower_, impersonal, "report")  # "it is clear that X"
    entry = table("cues")["adjectives"].get(token.lower_)
    if entry is None:
        return None
    preps = tuple(entry.get("preps", ()))
    return Cue(token.lower_, entry["type"], entry["polarity"], preps, object=bool(preps))


def impersonal_clause(adjective: Token) -> Token | None:
    """The clause an adjective after an empty "it" says something of: "it is clear
    *that X*", "it remains unclear *whether X*" (the parser hangs it on the verb)."""
    if adjective.dep_ not in ("acomp", "oprd"):
        return None
    verb = adjective.head
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > adjective.i), None)


def noun_cue(token: Token) -> Cue | None:
    """The stance cue a noun token is, if any ("refusal", "push")."""
    if token.pos_ != "NOUN":
        return None
    nouns = table("cues")["nouns"]
    lemma = token.lemma_.lower()
    if lemma not in nouns:
        return None
    entry = nouns[lemma]
    return Cue(
        lemma,
        entry["type"],
        entry["polarity"],
        tuple(entry.get("preps", ())),
        object=entry.get("object", False),  # "questions about X": what it reports
    )


def adverb_cue(token: Token) -> Cue | None:
    """The cue an adverb is, if any: "reportedly", "allegedly" attribute their clause."""
    entry = table("cues")["adverbs"].get(token.lower_) if token.pos_ == "ADV" else None
    return Cue(token.lower_, entry["type"], entry["polarity"]) if entry is not None else None


def cue_of(token: Token) -> Cue | None:
    """The adjective, adverb, verb or noun cue a token is, if any."""
    return adjective_cue(token) or adverb_cue(token) or verb_cue(token) or noun_cue(token)


def reports(token: Token) -> bool:
    """Whether a token is a reporting cue ("said", "argued", "told reporters")."""
    cue = verb_cue(token)
    return cue is not None and cue.polarity == "report"


def is_reporting_verb(token: Token) -> bool:
    """Whether a verb's lemma is a reporting cue, whatever goes with it, or a verb that
    reports the quotation next to it ("...," she continued)."""
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    entry = table("cues")["verbs"].get(lemma)
    return (
        entry is not None
        and entry["polarity"] == "report"
        and not entry.get("needs")  # "called" next to a quotation calls nothing
        or lemma in words("cues", "quote_verbs")
    )


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
