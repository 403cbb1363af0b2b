"""*Which position*: catalogue concepts matched by meaning, and new positions named.

A catalogue is a SKOS concept scheme in Turtle. Each concept is stated in
several ways (``skos:prefLabel``, ``skos:altLabel``) and may carry cue phrases
that are enough on their own (``skos:hiddenLabel``). A stance object matches a
concept when most of the content words of one of the concept's labels occur
in it, after lemmatisation, a synonym table (``ontology/synonyms.json``:
pullback = withdrawal, truce = ceasefire) and the gazetteer (Moscow = Russia,
Ukrainian = Ukraine) (:func:`~stancegraph.extract.lexicon.content_terms`). So
"refusing any troop pullback" matches "withdraw forces", and "the conflict be
frozen along the current front lines" matches "freeze the conflict along the
front line".

An object that matches no concept becomes a new position with a short label
(:func:`positions_of`); new positions that say the same thing are merged
across the corpus (:func:`paraphrase_clusters`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import rdflib
from lemminflect import getInflection
from rdflib.namespace import SKOS
from spacy.language import Language
from spacy.tokens import Doc, Token

from stancegraph.errors import InputError
from stancegraph.extract.gazetteer import Gazetteer, name_key
from stancegraph.extract.lexicon import content_terms, people_nouns, saying_nouns, words
from stancegraph.extract.mentions import StanceMention
from stancegraph.extract.polarity import reverses
from stancegraph.extract.records import position_id_for
from stancegraph.extract.semantic import (
    ARGUMENT_THRESHOLD,
    CLAIM_THRESHOLD,
    OBJECT_THRESHOLD,
    Embedder,
)
from stancegraph.extract.syntax import SUBJECTS, phrase_text
from stancegraph.ontology import data_path

__all__ = [
    "Concept",
    "Catalogue",
    "PositionChoice",
    "position_label",
    "positions_of",
    "resolve_in_document",
    "paraphrase_clusters",
    "same_position",
    "MATCH_THRESHOLD",
    "PARAPHRASE_COSINE",
    "PARAPHRASE_THRESHOLD",
]

#: the share of a label's content terms an object must contain to match it
MATCH_THRESHOLD = 0.7
#: two new positions whose content terms overlap this much (Jaccard) are one position
PARAPHRASE_THRESHOLD = 0.5
#: two new positions whose labels' sentence vectors are this similar are one position:
#: precision first. On our hand-labelled label pairs (benchmarks/paraphrase.py), with the
#: word rule: P 0.83 R 0.16 static, P 1.00 R 0.13 all-MiniLM-L6-v2 (at 0.75: P 0.79-0.80);
#: PERSPECTRUM's sentence clusters (benchmarks/perspectrum.py) are stricter: P 0.86 at 0.85,
#: 0.59-0.64 at 0.75
PARAPHRASE_COSINE = 0.8
_NEGATION = re.compile(r"\b(not|no|never|nor|n't|cannot)\b", re.I)
#: words a label does not start with ("the", "its", "to")
_LEADING_DROP = {
    "a", "an", "the", "any", "such", "this", "these", "that", "those", "some", "to",
    "its", "their", "his", "her", "our", "my", "your",
}  # fmt: skip
_MAX_LABEL_WORDS = 12
#: words that open a phrase a long label may end before
_PHRASE_STARTS = {"ADP", "CCONJ", "SCONJ"}
#: determiners and possessives by which a noun refers to one the reader knows
_POINTING_BACK = {"the", "this", "these", "that", "those", "its", "their", "his", "her", "our"}


@dataclass(frozen=True)
class Concept:
    id: str
    iri: str
    label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    definition: str | None
    #: the concept undoes something ("sanctions should be lifted"); see
    #: :func:`~stancegraph.extract.polarity.reverses`
    reverses: bool = False

    @property
    def negated(self) -> bool:
        """Whether the concept states a negative claim ("X should not be ...")."""
        return bool(_NEGATION.search(self.label))


def position_label(tokens: Sequence[Token]) -> str:
    """A short readable label from an object's tokens; an act is named by its gerund
    ("staying in charge", "America listening to the world", "being pinned down")."""
    words = [t for t in tokens if not t.is_punct or t.text in ("-", "%")]
    while words and words[0].lower_ in _LEADING_DROP:
        words = words[1:]
    if len(words) > _MAX_LABEL_WORDS:
        # cut before the last phrase that does not fit whole: "the EU budget being capped
        # at 1%", not "... at 1% of member states combi"
        cuts = [k for k in range(3, _MAX_LABEL_WORDS + 1) if words[k].pos_ in _PHRASE_STARTS]
        words = words[: cuts[-1] if cuts else _MAX_LABEL_WORDS]
    return phrase_text(words, _gerunds(words))


def _gerunds(words: Sequence[Token]) -> dict[int, str]:
    """The head verb of an act's words, as a gerund: "stay" -> "staying", "had
    reneged" -> "reneging", "pinned" (passive) -> "being pinned"."""
    inside = set(words)
    for word in words:
        if word.pos_ not in ("VERB", "AUX") or (word.head in inside and word.head != word):
            continue
        if any(c.dep_ in ("aux", "auxpass") and c in inside for c in word.children):
            return {}  # a clause as said: "the quota must be cut"
        passive = any(c.dep_ == "auxpass" for c in word.children)
        # "had reneged", "knows": "reneging", "knowing"; not "is" -> "being"
        finite = word.pos_ == "VERB" and word.tag_ in ("VBD", "VBZ", "VBN") and not passive
        if word.tag_ in ("VB", "VBP") or finite:
            found = getInflection(word.lemma_.lower(), tag="VBG")
            gerund = found[0] if found else f"{word.lemma_.lower()}ing"
            return {word.i: gerund.capitalize() if word.text[0].isupper() else gerund}
        if word.tag_ == "VBN" and passive:
            return {word.i: f"being {word.text}"}
        return {}
    return {}


@dataclass(frozen=True)
class PositionChoice:
    """A position a statement is about: its id, label and match score; for a new
    position, ``terms`` (its normalised content terms, in order), ``head`` (the
    lemma of the word that names it) and ``noun`` (whether that word is a noun: the
    position names a thing, not an act); for a catalogue concept terms and head are
    None."""

    id: str
    label: str
    score: float = 0.0
    terms: tuple[str, ...] | None = None
    head: str | None = None
    noun: bool = False
    #: named by a word that points back: "the plans", "these measures", "his proposals"
    definite: bool = False
    #: the key of the actor the stance is on, when it is on an actor (no position then)
    actor: str = ""


def positions_of(
    stance: StanceMention,
    matches: list[tuple[Concept, float]],
    earlier: dict[int, list[PositionChoice]],
    gazetteer: Gazetteer,
) -> list[PositionChoice]:
    """The positions a stance is about.

    What "these conditions" points back to (``earlier``: the positions of the
    document's earlier stances, by ``id()``); else the catalogue concepts it
    matched; else a new position named by its object. A stance on nothing one
    can name ("rejected it"), on a bare noun of saying ("denied the allegations")
    or of people ("criticised ministers"), and a speaker's plain sentence that
    states no catalogue claim have none.
    """
    if stance.refers_to:
        out: list[PositionChoice] = []
        for before in stance.refers_to:
            out.extend(p for p in earlier.get(id(before), []) if p not in out)
        return out
    if matches:
        return [PositionChoice(c.id, c.label, score) for c, score in matches]
    if stance.own and stance.polarity == "neutral":
        return []
    position = new_position(stance.issue_tokens, gazetteer) if stance.issue_tokens else None
    if position is None or not position.terms or len(position.label) < 3:
        return []  # on nothing one can name ("rejected it", "hold him to account")
    if position.noun and set(position.terms) == {position.head}:
        if position.head in saying_nouns(pointing=False):  # "the idea" points back
            return []  # "denied the allegations": what was said, not an issue
        if position.head in people_nouns():
            return []  # "ministers had failed": people unnamed, not an issue
    return [position]


def new_position(tokens: Sequence[Token], gazetteer: Gazetteer) -> PositionChoice:
    """A new position named by a target's words: its id is made of their normalised
    content terms, so that "control orders" and "the control order" are one."""
    label = position_label(tokens)
    terms = tuple(content_terms(tokens, gazetteer))
    inside = set(tokens)
    head = next((t for t in tokens if t.head not in inside or t.head == t), tokens[0])
    return PositionChoice(
        position_id_for(" ".join(terms) or label),
        label,
        0.0,
        terms,
        head.lemma_.lower(),
        head.pos_ in ("NOUN", "PROPN"),
        any(c.dep_ in ("det", "poss") and c.lower_ in _POINTING_BACK for c in head.children),
    )


class Catalogue:
    """The concepts of a SKOS scheme, ready to match lemmatised text."""

    def __init__(
        self,
        concepts: Sequence[Concept],
        nlp: Language,
        gazetteer: Gazetteer,
        *,
        meaning: str = "off",
    ):
        self.concepts = list(concepts)
        self.by_id = {c.id: c for c in self.concepts}
        self._labels: list[tuple[Concept, frozenset[str], bool]] = []
        texts = [
            (c, text, hidden)
            for c in self.concepts
            for text, hidden in [
                (c.label, False),
                *((a, False) for a in c.alt_labels),
                *((h, True) for h in c.hidden_labels),
            ]
        ]
        reversing = set()
        stating: list[bool] = []  # whether each label shown (not hidden) states something
        for (concept, _, hidden), doc in zip(texts, nlp.pipe(t for _, t, _ in texts), strict=True):
            terms = frozenset(content_terms(doc, gazetteer))
            if terms:
                self._labels.append((concept, terms, hidden))
            if not hidden:
                stating.append(_states(doc))
                if concept.label == doc.text and reverses(doc, gazetteer):
                    reversing.add(concept.id)
        self.concepts = [replace(c, reverses=c.id in reversing) for c in self.concepts]
        self.by_id = {c.id: c for c in self.concepts}
        self._labels = [(self.by_id[c.id], t, h) for c, t, h in self._labels]
        texts = [(self.by_id[c.id], t, h) for c, t, h in texts]
        self._embedder = None
        if meaning != "off":  # "static", or "model" (all-MiniLM-L6-v2 when installed)
            self._embedder = Embedder(model=meaning == "model")
            self._vector_owner = [c for c, text, hidden in texts if not hidden] + [
                c for c in self.concepts if c.definition
            ]
            vector_texts = [text for _, text, hidden in texts if not hidden] + [
                c.definition for c in self.concepts if c.definition
            ]
            self._vectors = self._embedder.encode(vector_texts)
            self._argued = self._embedder.argue(self._vectors)
            if self._argued is not None:
                # arguments are near the claims they argue about: a label or definition
                # that states something ("Vaccination must be made compulsory"), not a
                # name ("a ceasefire on the current line") or a bare act ("end the war")
                definitions = vector_texts[len(stating) :]
                claims = stating + [_states(doc) for doc in nlp.pipe(definitions)]
                self._argued[~np.array(claims, dtype=bool)] = 0.0

    @classmethod
    def load(
        cls, path: str | Path | None, nlp: Language, gazetteer: Gazetteer, *, meaning: str = "off"
    ) -> Catalogue:
        """Read a SKOS scheme from Turtle; ``None`` reads the default catalogue."""
        concepts = read_concepts(path or data_path("positions.ttl"))
        return cls(concepts, nlp, gazetteer, meaning=meaning)

    def match_stances(
        self, stances: Sequence[StanceMention], gazetteer: Gazetteer
    ) -> dict[int, list[tuple[Concept, float]]]:
        """Concepts each stance is about, keyed by ``id(stance)``.

        By words first (:meth:`match`); then, when embeddings are on, the rest
        by meaning in one batch: a stance's object against
        :data:`~stancegraph.extract.semantic.OBJECT_THRESHOLD`, a claim (a
        neutral or own sentence) against the stricter
        :data:`~stancegraph.extract.semantic.CLAIM_THRESHOLD`, since a sentence
        on the topic is not yet a sentence that states the claim.
        """
        found: dict[int, list[tuple[Concept, float]]] = {}
        pending: list[StanceMention] = []
        for stance in stances:
            if stance.refers_to:
                continue
            lexical = self.match(content_terms(stance.claim_tokens, gazetteer))
            if lexical:
                found[id(stance)] = lexical
            elif self._embedder is not None and stance.claim_tokens:
                pending.append(stance)
        if pending:
            texts = [" ".join(t.text for t in s.claim_tokens) for s in pending]
            thresholds = [
                CLAIM_THRESHOLD if s.own or s.polarity == "neutral" else OBJECT_THRESHOLD
                for s in pending
            ]
            for stance, best in zip(pending, self.match_semantic(texts, thresholds), strict=True):
                if best:
                    found[id(stance)] = best
        return found

    @property
    def embedder(self):
        """The sentence embedder when matching by meaning is on, else None."""
        return self._embedder

    def match_semantic(
        self, texts: Sequence[str], thresholds: Sequence[float]
    ) -> list[list[tuple[Concept, float]]]:
        """The concept each text is closest to in meaning, with its cosine similarity,
        when that reaches the text's threshold; else, with the static encoder, the
        concept it is closest to in the argument space
        (:meth:`~stancegraph.extract.semantic.Embedder.argue`), when that reaches
        :data:`~stancegraph.extract.semantic.ARGUMENT_THRESHOLD`; else none."""
        vectors = self._embedder.encode(texts)
        sims = vectors @ self._vectors.T
        argued = self._embedder.argue(vectors)
        argued_sims = argued @ self._argued.T if argued is not None else None
        out: list[list[tuple[Concept, float]]] = []
        for n, (row, threshold) in enumerate(zip(sims, thresholds, strict=True)):
            best = int(row.argmax())
            if row[best] >= threshold:
                out.append([(self._vector_owner[best], round(float(row[best]), 3))])
                continue
            if argued_sims is not None:
                best = int(argued_sims[n].argmax())
                if argued_sims[n, best] >= ARGUMENT_THRESHOLD:
                    out.append([(self._vector_owner[best], round(float(argued_sims[n, best]), 3))])
                    continue
            out.append([])
        return out

    def match(self, terms: Iterable[str]) -> list[tuple[Concept, float]]:
        """Concepts the terms express, best first, with a score in [0, 1].

        When two concepts match and one's matched words are a subset of the
        other's ("ceasefire" within "ceasefire along the current front line"),
        only the more specific one is kept.
        """
        present = set(terms)
        best: dict[str, tuple[float, frozenset[str]]] = {}
        for concept, label_terms, hidden in self._labels:
            shared = label_terms & present
            score = len(shared) / len(label_terms)
            needed = 1.0 if hidden else MATCH_THRESHOLD
            # A whole claim ("The UN Security Council should be reformed and
            # enlarged.") is rarely restated word for word: three of its terms will do.
            claim_like = not hidden and len(label_terms) >= 5 and len(shared) >= 3
            if (score >= needed or claim_like and score >= 0.5) and (
                len(shared) >= 2 or len(label_terms) == 1
            ):
                old = best.get(concept.id)
                if old is None or (score, len(shared)) > (old[0], len(old[1])):
                    best[concept.id] = (score, shared)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -len(kv[1][1]), kv[0]))
        kept: list[tuple[str, float, frozenset[str]]] = []
        for concept_id, (score, shared) in ranked:
            if any(shared < other for _, _, other in kept):
                continue
            kept = [k for k in kept if not k[2] < shared]
            kept.append((concept_id, score, shared))
        return [(self.by_id[cid], round(score, 3)) for cid, score, _ in kept]


def _states(doc: Doc) -> bool:
    """Whether a label is a statement: a clause with a subject ("Fees should be
    scrapped", "Space exploration is a waste of money"), not a name or a bare act."""
    root = doc[:].root
    return root.pos_ in ("VERB", "AUX") and any(
        c.dep_ in (*SUBJECTS, "expl") for c in root.children
    )


def read_concepts(path: str | Path) -> list[Concept]:
    """The ``skos:Concept`` resources of a Turtle file, sorted by IRI."""
    graph = rdflib.Graph()
    try:
        graph.parse(str(path), format="turtle")
    except FileNotFoundError:
        raise InputError(f"{path}: no such positions file") from None
    except Exception as err:  # rdflib raises many parser-specific exceptions
        message = " ".join(str(err).split())[:200]
        raise InputError(f"{path}: not a valid Turtle file: {message}") from None
    concepts = []
    for iri in sorted(set(graph.subjects(rdflib.RDF.type, SKOS.Concept))):
        label = _english(graph.objects(iri, SKOS.prefLabel))
        if not label:
            raise InputError(f"{path}: concept {iri} has no skos:prefLabel")
        concepts.append(
            Concept(
                id=_local_id(str(iri)),
                iri=str(iri),
                label=label[0],
                alt_labels=tuple(_english(graph.objects(iri, SKOS.altLabel))),
                hidden_labels=tuple(_english(graph.objects(iri, SKOS.hiddenLabel))),
                definition=next(iter(_english(graph.objects(iri, SKOS.definition))), None),
            )
        )
    if not concepts:
        raise InputError(f"{path}: no skos:Concept in the file")
    return concepts


def _english(literals: Iterable) -> list[str]:
    return sorted(str(x) for x in literals if getattr(x, "language", None) in (None, "en"))


def _local_id(iri: str) -> str:
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return position_id_for(local) or name_key(iri)


def same_position(
    mine: frozenset[str],
    theirs: frozenset[str],
    threshold: float = PARAPHRASE_THRESHOLD,
    heads: tuple[str | None, str | None] = (None, None),
) -> bool:
    """Two positions are one when their normalised content terms are equal, or share
    at least two terms and ``threshold`` of all (Jaccard) and name the same thing:
    their head nouns (``heads``, where known) are one, or one is a light noun ("the
    ID card scheme" is ID cards; "a referendum on the EU constitution" is not the EU
    constitution).

    >>> same_position(frozenset({"tax", "cut"}), frozenset({"cut", "tax", "big"}))
    True
    >>> same_position(frozenset({"referendum", "eu", "constitution"}),
    ...               frozenset({"eu", "constitution"}), heads=("referendum", "constitution"))
    False
    """
    if mine == theirs:
        return True
    shared = mine & theirs
    if len(shared) < 2 or len(shared) / len(mine | theirs) < threshold:
        return False
    return not _other_things(heads)


def _other_things(heads: tuple[str | None, str | None]) -> bool:
    """Head nouns that name two things ("referendum", "constitution"), not one thing
    twice or a light noun ("the ID card scheme")."""
    a, b = heads
    return a is not None and b is not None and a != b and not {a, b} & words("cues", "light_nouns")


def paraphrase_clusters(
    terms: dict[str, frozenset[str]],
    counts: dict[str, int] | None = None,
    vectors: dict | None = None,
    heads: dict[str, str] | None = None,
) -> dict[str, str]:
    """Group new positions that say the same thing; map each id to its group's id.

    Positions are taken most frequent first; each joins the first group whose
    representative is :func:`same_position` by content terms and head nouns
    (``heads``, where known), or, when
    ``vectors`` (unit sentence vectors of the labels) are given, whose cosine
    similarity is at least :data:`PARAPHRASE_COSINE`. So "a ceasefire along the
    current frontline" and "a truce on the current front lines" merge while "a
    ceasefire in Gaza" stays apart. Comparing with the representative only,
    never with every member, keeps groups from drifting by chaining.
    ``benchmarks/paraphrase.py`` measures both rules on hand-labelled pairs.

    >>> paraphrase_clusters({"a": frozenset({"tax", "cut"}), "b": frozenset({"cut", "tax", "big"}),
    ...                      "c": frozenset({"tax", "rise"})})
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    counts = counts or {}
    heads = heads or {}
    order = sorted(terms, key=lambda k: (-counts.get(k, 0), len(terms[k]), k))
    representatives: list[str] = []
    rep_vectors: list = []
    same_as: dict[str, str] = {}
    #: term -> representatives that have it, so only those sharing terms are compared
    postings: dict[str, list[int]] = defaultdict(list)
    for key in order:
        mine = terms[key]
        candidates = sorted({i for t in mine for i in postings.get(t, ())})
        target = next(
            (
                representatives[i]
                for i in candidates
                if same_position(
                    mine,
                    terms[representatives[i]],
                    heads=(heads.get(key), heads.get(representatives[i])),
                )
            ),
            None,
        )
        if target is None and vectors is not None and rep_vectors:
            sims = np.stack(rep_vectors) @ vectors[key]
            for i in np.argsort(-sims):
                if sims[i] < PARAPHRASE_COSINE:
                    break
                other = representatives[i]
                # alike in words but about another thing: "a referendum on the EU
                # constitution" is not "the EU constitution"
                inside = mine < terms[other] or terms[other] < mine
                if not (inside and _other_things((heads.get(key), heads.get(other)))):
                    target = other
                    break
        if target is None:
            for t in mine:
                postings[t].append(len(representatives))
            representatives.append(key)
            if vectors is not None:
                rep_vectors.append(vectors[key])
            target = key
        same_as[key] = target
    return dict(sorted(same_as.items()))


def resolve_in_document(
    chosen: Sequence[Sequence[PositionChoice]],
    sides: Sequence[bool],
    same_names: Iterable[tuple[str, str]] = (),
    leads: Sequence[bool] | None = None,
) -> dict[str, PositionChoice]:
    """Within one document, the new positions that name one issue become one.

    ``chosen`` holds the positions of each of the document's statements, ``sides``
    whether each takes a side, ``same_names`` pairs of nouns the text makes one
    ("the treaty establishing a constitution": treaty, constitution), ``leads``
    whether each was read in the document's lead (its first two sentences). Returns
    position id -> the position it becomes:

    - a name inside a fuller one with the same head noun ("the constitution" within
      "the EU constitution"; a yes vote is not "people vote against it"), when only
      one fuller name is there;
    - a name the text made the same as another ("this treaty" as "the constitution");
    - a name any issue could have, pointing back ("the plans", "this bill"), as the
      document's main issue: the position that takes more of its stances than any
      other, or of two that take as many, the one its lead names (when the document
      named it more fully before, :func:`~stancegraph.extract.what.target` already
      read it so). A bare "law" or "questions" points nowhere.

    >>> c = PositionChoice("constitution", "constitution", terms=("constitution",),
    ...                    head="constitution")
    >>> eu = PositionChoice("eu-constitution", "EU constitution", terms=("eu", "constitution"),
    ...                     head="constitution", noun=True)
    >>> resolve_in_document([[c], [eu]], [True, True])["constitution"].label
    'EU constitution'
    """
    new = [p for ps in chosen for p in ps if p.terms is not None]
    leads = leads or [False] * len(chosen)
    in_lead = {p.id for ps, lead in zip(chosen, leads, strict=True) if lead for p in ps}
    uses: dict[str, int] = defaultdict(int)
    for ps, side in zip(chosen, sides, strict=True):
        for p in ps:
            uses[p.id] += side
    by_id = {p.id: p for p in new}
    light = words("cues", "light_nouns")
    into: dict[str, PositionChoice] = {}
    for p in by_id.values():
        fuller = [
            q for q in by_id.values()
            if q.id != p.id and q.head == p.head and q.noun and set(p.terms) < set(q.terms)
        ]  # fmt: skip
        if len({q.id for q in fuller}) == 1:
            into[p.id] = fuller[0]
            continue
        # "the control order plans" are the control orders, when those are named too
        named = [
            q for q in by_id.values() if q.id != p.id and set(q.terms) == set(p.terms) - {p.head}
        ]
        if p.head in light and len({q.id for q in named}) == 1:
            into[p.id] = named[0]
    named = {a: b for a, b in same_names} | {b: a for a, b in same_names}
    for p in by_id.values():
        if p.id in into or p.head not in named or len(set(p.terms)) > 2:
            continue
        other = [
            q for q in by_id.values()
            if q.head == named[p.head] and q.id != p.id and len(set(q.terms)) >= len(set(p.terms))
        ]  # fmt: skip
        if other:
            best = max(other, key=lambda q: (uses[q.id], len(q.terms), q.id))
            into[p.id] = into.get(best.id, best)
    # "the plans" with no fuller "plans" before: the document's main issue
    generic = words("cues", "generic_targets")
    specific = sorted(
        (q for q in by_id.values() if q.id not in into and uses[q.id] and not _bare(q, generic)),
        key=lambda q: (-uses[q.id], q.id not in in_lead, q.id),
    )
    if len(specific) > 1 and uses[specific[1].id] == uses[specific[0].id]:
        if specific[0].id not in in_lead or specific[1].id in in_lead:
            specific = []  # no one main issue
    if specific:
        for p in by_id.values():
            if p.id not in into and p.definite and _bare(p, generic):
                into[p.id] = specific[0]
    return {old: _final(new, into) for old, new in into.items()}


def _bare(p: PositionChoice, generic: frozenset[str]) -> bool:
    """A position named by one word any issue could have: "the plans", "the bill"."""
    return len(set(p.terms or ())) == 1 and p.head in generic


def _final(p: PositionChoice, into: dict[str, PositionChoice]) -> PositionChoice:
    seen = set()
    while p.id in into and p.id not in seen:
        seen.add(p.id)
        p = into[p.id]
    return p
