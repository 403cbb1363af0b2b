"""Extract a whole corpus: parse each document once, then merge actors and positions.

Per document (:meth:`Extractor.extract_document`) the result holds no spaCy
objects, only plain records keyed by document-level actor keys, so documents
can be processed in any order or process. :func:`merge` then gives every
real-world actor one id across the corpus: gazetteer entries by their id,
other people by their fullest name ("Tykhy" joins "Georgiy Tykhy" when the
corpus names him in full once), spelling variants of the same name by fuzzy
matching. Only actors that act somewhere (make a statement, hold a role or
are the body of one) become actors of the graph.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from stancegraph.errors import StancegraphError
from stancegraph.extract import semantic
from stancegraph.extract.actors import DocActors, Mention, find_mentions
from stancegraph.extract.attribution import find_quotes, self_introduction
from stancegraph.extract.gazetteer import Gazetteer, name_key
from stancegraph.extract.nlp import DEFAULT_MODEL, load_pipeline
from stancegraph.extract.positions import (
    Catalogue,
    Concept,
    content_terms,
    paraphrase_clusters,
    position_id_for,
    read_concepts,
    reverses,
)
from stancegraph.extract.records import (
    Actor,
    Document,
    Extraction,
    Position,
    Relation,
    Statement,
)
from stancegraph.extract.relations import RoleMention, find_roles, role_in
from stancegraph.extract.stances import StanceMention, assertion_polarity, find_stances
from stancegraph.ontology import data_path, load_json

__all__ = [
    "Extractor",
    "ExtractorConfig",
    "DocumentResult",
    "extract_batch",
    "extract_corpus",
    "merge",
]

#: above this many new positions, paraphrases are merged by words only (the
#: comparison by meaning grows with the square of their number)
MAX_EMBEDDED_POSITIONS = 5000
#: two unknown people's full names this similar (0-100) are one person spelt two ways
NAME_SIMILARITY = 90


@dataclass
class DocumentResult:
    """What one document yields, with actors still under document-level keys."""

    document: Document
    mentions: Counter = field(default_factory=Counter)  # key -> count
    names: dict[str, Mention] = field(default_factory=dict)  # key -> a mention
    surface: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    statements: list[Statement] = field(default_factory=list)  # actor_id holds the key
    relations: list[Relation] = field(default_factory=list)  # subject_id/object_id hold keys
    agents: set[str] = field(default_factory=set)  # keys that act (state, speak, hold roles)
    #: new position id -> its normalised content terms, for merging paraphrases
    position_terms: dict[str, frozenset[str]] = field(default_factory=dict)


class Extractor:
    """Holds the pipeline, the gazetteer and the catalogue; extracts documents."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        gazetteer: Gazetteer | None = None,
        positions: str | Path | None = None,
        embeddings: bool | None = None,
    ):
        """See :meth:`ExtractorConfig.make` for the arguments."""
        self.config = ExtractorConfig.make(model, gazetteer, positions, embeddings)
        self.gazetteer = self.config.gazetteer
        self.nlp: Language = load_pipeline(self.gazetteer, model)
        self.catalogue = Catalogue.load(
            positions, self.nlp, self.gazetteer, semantic=self.config.embeddings
        )
        self.custom_catalogue = positions is not None
        #: content terms of each new (uncatalogued) position seen so far
        self._new_terms: dict[str, frozenset[str]] = {}

    @classmethod
    def from_config(cls, config: ExtractorConfig) -> Extractor:
        return cls(
            model=config.model,
            gazetteer=config.gazetteer,
            positions=config.positions,
            embeddings=config.embeddings,
        )

    def parse(self, documents: Iterable[Document], batch_size: int = 64):
        """Yield ``(document, spaCy doc)`` pairs, parsing in batches.

        A document longer than :data:`PART_CHARS` is parsed in parts cut at
        paragraph (or sentence) breaks, each a document of its own with the
        same id and its slice of the offset map; :func:`merge` joins them.
        """
        pairs = ((part.text, part) for d in documents for part in parts(d))
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, doc

    def extract_document(self, document: Document, doc: Doc) -> DocumentResult:
        result = DocumentResult(document)
        actors = find_mentions(doc, self.gazetteer)
        roles = list(find_roles(actors, self.gazetteer))
        intro = self_introduction(doc, actors)
        actors.speaker = self._speaker(document) or (intro[0] if intro else None)
        body = self._speaker_body(document)
        if actors.speaker is not None and body is not None:
            role = role_in(list(self.nlp.make_doc(document.speaker_role or ""))) or (
                document.speaker_role or "representative",
                "represents",
            )
            roles.append(RoleMention(actors.speaker, role[1], body, role[0], None))
        if intro is not None and intro[2] is not None and intro[0] == actors.speaker:
            person, sentence, body = intro
            # the role named between the person and the body: "X, executive director of Y"
            between = list(doc[person.end : body.end]) if body.start > person.end else []
            role = role_in(between) or role_in(list(sentence)) or ("representative", "represents")
            roles.append(RoleMention(person, role[1], body, role[0], sentence))
        for role in roles:
            actors.role_holders.setdefault((role.predicate, role.owner.key), role.person)
            actors.titled[role.role] = role.person
            actors.titled[role.role.split()[-1]] = role.person
        actors.bodies = self._bodies(actors, roles)
        actors.quotes = find_quotes(doc, actors, self.gazetteer)
        for m in actors.mentions:
            result.mentions[m.key] += 1
            _remember(result.names, m)
            if not m.referring:
                result.surface[m.key].add(_surface(doc[m.start : m.end]))
        for m in (actors.speaker, *actors.bodies.values()):
            if m is not None:
                _remember(result.names, m)
        seen_roles = set()
        for role in roles:
            key = (role.person.key, role.predicate, role.owner.key)
            if key in seen_roles:
                continue
            seen_roles.add(key)
            for m in (role.person, role.owner):
                _remember(result.names, m)
                result.agents.add(m.key)
            if role.sentence is not None:
                start, end = document.to_original(role.sentence.start_char, role.sentence.end_char)
                evidence = role.sentence.text.strip()
            else:
                start = end = 0
                evidence = f"metadata: {document.speaker}, {role.role}, {document.organization}"
            result.relations.append(
                Relation(
                    doc=document.id,
                    subject=role.person.label,
                    subject_id=role.person.key,
                    predicate=role.predicate,
                    object=role.owner.label,
                    object_id=role.owner.key,
                    evidence=evidence,
                    start=start,
                    end=end,
                    role=role.role,
                    date=document.date,
                )
            )
        stances = list(find_stances(doc, actors, self.gazetteer))
        matches = self.catalogue.match_stances(stances, self.gazetteer)
        resolved: dict[int, list[tuple[str, str, float]]] = {}
        for stance in stances:
            positions = self._positions(stance, matches.get(id(stance), []), resolved)
            resolved[id(stance)] = positions
            if not positions:
                continue
            concept = self.catalogue.by_id.get(positions[0][0])
            if concept is not None:
                stance = replace(stance, polarity=self._polarity_on(stance, concept))
            elif self.custom_catalogue and stance.polarity != "neutral":
                # Only the user's positions take stances; the rest is who-said-what.
                stance = replace(stance, polarity="neutral")
            if stance.polarity == "neutral" and stance.own:
                continue  # a speaker's plain sentence is a statement only when it takes a side
            _remember(result.names, stance.actor)
            result.agents.add(stance.actor.key)
            result.statements.extend(self._statements(document, stance, positions))
        result.position_terms = {
            st.position_id: self._new_terms[st.position_id]
            for st in result.statements
            if st.position_id in self._new_terms
        }
        result.document = document.without_text()  # the text is not needed any more
        return result

    def _speaker(self, document: Document) -> Mention | None:
        if not document.speaker:
            return None
        entry = self.gazetteer.lookup(document.speaker)
        if entry is not None:
            return Mention(-1, -1, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)
        label = " ".join(document.speaker.split())
        return Mention(-1, -1, f"person:{name_key(label)}", label, "Person")

    def _speaker_body(self, document: Document) -> Mention | None:
        """The organisation or state the input's metadata says the speaker speaks for."""
        if not document.organization:
            return None
        entry = self.gazetteer.lookup(document.organization)
        if entry is not None and entry.is_actor:
            return Mention(-1, -1, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)
        label = " ".join(document.organization.split())
        return Mention(-1, -1, f"organization:{name_key(label)}", label, "Organization")

    def _bodies(self, actors: DocActors, roles: list[RoleMention]) -> dict[str, Mention]:
        """Person key -> the organisation or state they speak for, from the document's
        roles first, then from the gazetteer (for the document's speaker)."""
        preference = ("member_of", "represents", "spokesperson_of", "leader_of")
        bodies: dict[str, Mention] = {}
        for role in sorted(roles, key=lambda r: preference.index(r.predicate)):
            bodies[role.person.key] = role.owner  # the most telling role is written last
        speaker = actors.speaker
        if speaker is not None and speaker.key not in bodies:
            entry = self.gazetteer.entries.get(speaker.key.removeprefix("gz:"))
            body = self.gazetteer.entries.get(entry.roles[0][1]) if entry and entry.roles else None
            if body is not None:
                bodies[speaker.key] = Mention(
                    -1, -1, f"gz:{body.id}", body.label, body.type, body.wikidata
                )
        return bodies

    def _polarity_on(self, stance: StanceMention, concept: Concept) -> str:
        """The stance's polarity on a catalogue concept.

        A claim that states a user's catalogue claim asserts or denies it
        (:func:`assertion_polarity`); for the default catalogue's short labels a
        neutral mention stays neutral. A concept that undoes something ("sanctions
        should be lifted") is opposed by a stance for the thing itself ("we back
        the sanctions"), unless the object undoes it too ("we call for lifting
        them") or names a step towards the concept ("we welcome progress"); a
        stance for undoing what a concept wants opposes it ("subsidies should
        be phased out" on "the government should subsidise renewables").
        """
        if stance.polarity == "neutral":
            if not self.custom_catalogue:
                return "neutral"
            return assertion_polarity(
                stance.object_tokens, negative_claim=concept.negated, undoing_claim=concept.reverses
            )
        polarity = stance.polarity
        tokens = stance.object_tokens
        if stance.refers_to or not tokens:
            return polarity
        undoes = reverses(tokens, self.gazetteer)
        head = next(t for t in tokens if t.head not in tokens or t.head == t)
        steps = set(load_json("cues.json")["step_nouns"])
        thing = head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in steps
        if (concept.reverses and not undoes and thing) or (undoes and not concept.reverses):
            # "we back the sanctions" on "sanctions should be lifted", or
            # "subsidies should be phased out" on "subsidise renewables"
            polarity = {"support": "oppose", "oppose": "support"}[polarity]
        return polarity

    def _positions(
        self,
        stance: StanceMention,
        matches: list[tuple[Concept, float]],
        resolved: dict[int, list[tuple[str, str, float]]],
    ) -> list[tuple[str, str, float]]:
        """(position id, label, match score) for each position a stance is about."""
        if stance.refers_to:
            out = []
            for earlier in stance.refers_to:
                out.extend(p for p in resolved.get(id(earlier), []) if p not in out)
            return out
        if matches:
            return [(c.id, c.label, score) for c, score in matches]
        label = stance.object_text
        terms = content_terms(stance.object_tokens, self.gazetteer)
        if stance.own and stance.polarity == "neutral":
            return []  # a speaker's plain sentence that states no catalogue claim
        if len(label) < 3 or not terms and stance.polarity != "neutral":
            return []  # a stance on nothing one can name ("rejected it")
        position_id = position_id_for(label)
        self._new_terms[position_id] = frozenset(terms)
        return [(position_id, label, 0.0)]

    def _statements(
        self, document: Document, stance: StanceMention, positions: list[tuple[str, str, float]]
    ) -> Iterator[Statement]:
        sentence = stance.sentence
        start, end = document.to_original(sentence.start_char, sentence.end_char)
        cue_start, cue_end = document.to_original(stance.cue.idx, stance.cue.idx + len(stance.cue))
        for position_id, label, score in positions:
            confidence = stance.confidence
            if score:
                confidence = confidence * (0.7 + 0.3 * score)
            yield Statement(
                doc=document.id,
                actor=stance.actor.label,
                actor_id=stance.actor.key,
                predicate=stance.predicate,
                polarity=stance.polarity,
                position=label,
                position_id=position_id,
                evidence=sentence.text.strip(),
                start=start,
                end=end,
                cue=stance.cue.text,
                cue_start=cue_start,
                cue_end=cue_end,
                date=document.date,
                confidence=round(min(max(confidence, 0.05), 1.0), 3),
                conditional=stance.conditional,
                hedged=stance.hedged,
                position_score=score,
                object_text=stance.object_text,
            )


#: longer documents are parsed in parts of at most this many characters
PART_CHARS = 100_000


def parts(document: Document, size: int = PART_CHARS) -> Iterator[Document]:
    """The document, or its parts of at most ``size`` characters, cut at breaks."""
    text = document.text
    if len(text) <= size:
        yield document
        return
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind(". ", start, end))
            end = cut + 2 if cut > start else end
        yield replace(document, text=text[start:end], offsets=document.offsets[start : end + 1])
        start = end


def merge(
    results: Iterable[DocumentResult], concepts: Iterable[Concept], embedder=None
) -> Extraction:
    """Give every actor and position one id across the corpus."""
    results = list(results)
    names: dict[str, Mention] = {}
    counts: Counter = Counter()
    surface: dict[str, set[str]] = defaultdict(set)
    agents: set[str] = set()
    for r in results:
        for m in r.names.values():
            _remember(names, m)
        counts.update(r.mentions)
        for key, forms in r.surface.items():
            surface[key] |= forms
        agents |= r.agents
    canonical = _canonical_keys(names, counts)
    # An actor of the stance graph says, holds or is given something somewhere in
    # the corpus: a statement, a role. Names only mentioned in passing are not nodes.
    keep = {canonical[k] for k in names if k in agents or canonical[k] in agents}
    actors: dict[str, Actor] = {}
    ids = _actor_ids({k: names[k] for k in keep})
    members: dict[str, list[str]] = defaultdict(list)
    for k, c in canonical.items():
        members[c].append(k)
    for key in sorted(keep):
        m = names[key]
        aliases = set()
        for k in members[key]:
            aliases |= surface.get(k, set()) | {names[k].label}
        label = m.label
        if label.isupper() and " " in label and not key.startswith("gz:"):
            # "AMERICAN ENERGY PRODUCERS COUNCIL" in a headline: the name as written elsewhere
            label = min(
                (a for a in aliases if not a.isupper() and name_key(a) == name_key(label)),
                default=label,
            )
        aliases.add(m.label)
        aliases.discard(label)
        actors[key] = Actor(
            id=ids[key],
            label=label,
            type=m.type,
            aliases=tuple(sorted(aliases)),
            wikidata=m.wikidata,
            mentions=sum(counts[k] for k in members[key]),
        )

    def actor_of(key: str) -> Actor | None:
        return actors.get(canonical.get(key, key))

    # A long document was extracted in parts: it is one document.
    documents = {r.document.id: r.document for r in reversed(results)}
    extraction = Extraction(
        documents=[documents[i] for i in dict.fromkeys(r.document.id for r in results)]
    )
    positions: dict[str, Position] = {c.id: _catalogue_position(c) for c in concepts}
    same_as, labels, alt_labels = _paraphrases(results, embedder)
    seen_statements = set()
    for r in results:
        for st in r.statements:
            actor = actor_of(st.actor_id)
            if actor is None:
                continue
            position_id = same_as.get(st.position_id, st.position_id)
            st = replace(
                st,
                actor=actor.label,
                actor_id=actor.id,
                position_id=position_id,
                position=labels.get(position_id, st.position),
            )
            key = (st.doc, st.actor_id, st.polarity, st.position_id, st.start, st.predicate)
            if key in seen_statements:
                continue
            seen_statements.add(key)
            if st.position_id not in positions:
                alt = tuple(sorted(alt_labels.get(st.position_id, ())))
                positions[st.position_id] = Position(st.position_id, st.position, alt)
            extraction.statements.append(st)
        seen_relations = set()
        for rel in r.relations:
            subject, obj = actor_of(rel.subject_id), actor_of(rel.object_id)
            if subject is None or obj is None or subject.id == obj.id:
                continue
            key = (subject.id, rel.predicate, obj.id)
            if key in seen_relations:
                continue
            seen_relations.add(key)
            extraction.relations.append(
                replace(
                    rel,
                    subject=subject.label,
                    subject_id=subject.id,
                    object=obj.label,
                    object_id=obj.id,
                )
            )
        for key, count in r.mentions.items():
            actor = actor_of(key)
            if actor is not None:
                pair = (r.document.id, actor.id)
                extraction.mentions[pair] = extraction.mentions.get(pair, 0) + count
    used = {st.position_id for st in extraction.statements}
    extraction.positions = [p for pid, p in sorted(positions.items()) if pid in used]
    extraction.actors = sorted(actors.values(), key=lambda a: a.id)
    return extraction


def _paraphrases(
    results: list[DocumentResult],
    embedder=None,
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Merge new positions that say the same thing (see :func:`paraphrase_clusters`).

    Returns position id -> the id it merges into, merged id -> its label, and
    merged id -> the other labels it was found under.
    """
    terms: dict[str, frozenset[str]] = {}
    counts: Counter = Counter()
    label_of: dict[str, str] = {}
    for r in results:
        terms.update(r.position_terms)
        for st in r.statements:
            if st.position_id in r.position_terms:
                counts[st.position_id] += 1
                label_of.setdefault(st.position_id, st.position)
    vectors = None
    if embedder is not None and 0 < len(terms) <= MAX_EMBEDDED_POSITIONS:
        ids = sorted(terms)
        vectors = dict(zip(ids, embedder.encode([label_of[i] for i in ids]), strict=True))
    same_as = paraphrase_clusters(terms, counts, vectors)
    labels = {target: label_of[target] for target in set(same_as.values())}
    alt_labels: dict[str, set[str]] = defaultdict(set)
    for member, target in same_as.items():
        if label_of[member] != label_of[target]:
            alt_labels[target].add(label_of[member])
    return same_as, labels, alt_labels


def _surface(span) -> str:
    """How a mention is written, on one line, without a leading article, a trailing
    possessive or punctuation at either end ("People's Republic" keeps its own)."""
    words = list(span)
    while len(words) > 1 and (words[-1].tag_ == "POS" or words[-1].text in ("'s", "'")):
        words.pop()
    if len(words) > 1 and words[0].lower_ == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    while len(words) > 1 and words[0].is_punct:
        words = words[1:]
    text = " ".join("".join(t.text_with_ws for t in words).split())
    return text.strip(".,;:*") or " ".join(span.text.split())


def _remember(names: dict[str, Mention], mention: Mention) -> None:
    """Keep one mention per key; a key is "agent only" only if all its mentions are."""
    old = names.get(mention.key)
    if old is None or (old.agent_only and not mention.agent_only):
        names[mention.key] = mention


def _catalogue_position(concept) -> Position:
    return Position(
        id=concept.id,
        label=concept.label,
        alt_labels=concept.alt_labels,
        iri=concept.iri,
        in_catalogue=True,
        definition=concept.definition,
    )


def _canonical_keys(names: dict[str, Mention], counts: Counter) -> dict[str, str]:
    """Map every document-level key to the key of the actor it names."""
    canonical = {k: k for k in names}
    people = [k for k, m in names.items() if m.type == "Person" and not k.startswith("gz:")]
    full = [k for k in people if " " in names[k].label]
    # Spelling variants of full names: "Georgiy Tykhy" / "Georgii Tykhy". Variants
    # share the first letters of both names, so only those are compared.
    full.sort(key=lambda k: (-counts[k], k))
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in full:
        words = name_key(names[key].label).split()
        blocks[words[0][:1], words[-1][:1]].append(key)
    for block in blocks.values():
        for i, key in enumerate(block):
            if canonical[key] != key:
                continue
            for other in block[i + 1 :]:
                if canonical[other] == other and _same_person(names[key].label, names[other].label):
                    canonical[other] = key
    # Surname-only mentions join the one full name in the corpus that ends with them.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for k, m in names.items():
        if m.type == "Person" and " " in m.label:
            by_surname[name_key(m.label.split()[-1])].add(canonical[k])
    for key in people:
        if " " not in names[key].label:
            targets = by_surname.get(name_key(names[key].label), set())
            if len(targets) == 1:
                canonical[key] = next(iter(targets))
    return canonical


def _same_person(a: str, b: str) -> bool:
    first_a, last_a = a.split()[0], a.split()[-1]
    first_b, last_b = b.split()[0], b.split()[-1]
    return (
        first_a[:1].lower() == first_b[:1].lower()
        and fuzz.ratio(name_key(last_a), name_key(last_b)) >= NAME_SIMILARITY - 10
        and fuzz.ratio(name_key(a), name_key(b)) >= NAME_SIMILARITY - 5
    )


def _actor_ids(names: dict[str, Mention]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(names):
        if key.startswith("gz:"):
            ids[key] = key[3:]
            taken.add(ids[key])
    for key in sorted(names):
        if key in ids:
            continue
        base = _slug(names[key].label)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        ids[key] = candidate
        taken.add(candidate)
    return ids


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "actor"


def extract_corpus(
    documents: Iterable[Document],
    *,
    extractor: Extractor | None = None,
    config: ExtractorConfig | None = None,
    batch_size: int = 64,
    workers: int = 1,
    dask: str | None = None,
) -> Extraction:
    """Extract every document and merge the results into one :class:`Extraction`.

    In one process, with ``extractor`` (or one made from ``config``). With
    ``workers`` > 1 the documents are parsed and extracted in that many worker
    processes, each with its own pipeline made from ``config``, so that no
    spaCy ``Doc`` crosses a process boundary: only the documents go out and the
    small per-document results come back, in input order; this process loads
    no pipeline. With ``dask`` (a scheduler address, or ``"local"`` for a local
    cluster of ``workers`` processes) the same batches run on a Dask cluster.
    Either way at most a few batches are in flight, so the corpus is streamed,
    and the merge is the same as in one process: the results are identical.
    """
    if workers <= 1 and dask is None:
        extractor = extractor or Extractor.from_config(config or ExtractorConfig.make())
        results = [
            extractor.extract_document(d, doc)
            for batch in _batches(documents, batch_size)
            for d, doc in extractor.parse(batch, len(batch))
        ]
        return merge(results, extractor.catalogue.concepts, extractor.catalogue.embedder)
    config = config or extractor.config
    if dask is not None:
        results = list(_on_dask(documents, config, batch_size, dask, workers))
    else:
        results = list(_in_processes(documents, config, batch_size, workers))
    embedder = None
    if config.embeddings:
        from stancegraph.extract.semantic import Embedder

        embedder = Embedder()
    return merge(results, read_concepts(config.positions or data_path("positions.ttl")), embedder)


@dataclass(frozen=True)
class ExtractorConfig:
    """What an :class:`Extractor` is made of, to make the same one in another process."""

    model: str
    gazetteer: Gazetteer
    positions: str | None
    embeddings: bool

    @classmethod
    def make(
        cls,
        model: str = DEFAULT_MODEL,
        gazetteer: Gazetteer | None = None,
        positions: str | Path | None = None,
        embeddings: bool | None = None,
    ) -> ExtractorConfig:
        """A configuration, with the defaults resolved. ``embeddings=None`` turns
        matching by meaning on for a user's catalogue when the optional model is
        installed: such catalogues state whole claims that texts put in other
        words, while the default catalogue's short labels match well by words
        and there embeddings mostly add false matches (``benchmarks/matching.py``)."""
        if embeddings is None:
            embeddings = positions is not None and semantic.available()
        return cls(
            model,
            gazetteer if gazetteer is not None else Gazetteer.load(),
            str(positions) if positions is not None else None,
            embeddings,
        )


#: the extractor of a worker process, made once for its configuration
_worker: tuple[ExtractorConfig, Extractor] | None = None


def extract_batch(config: ExtractorConfig, documents: list[Document], batch_size: int = 64):
    """Extract a batch of documents in a worker (its extractor is made once)."""
    global _worker
    if _worker is None or _worker[0] != config:
        _worker = (config, Extractor.from_config(config))
    extractor = _worker[1]
    return [extractor.extract_document(d, doc) for d, doc in extractor.parse(documents, batch_size)]


#: a batch sent to a worker holds at most this many characters: a worker's memory
#: grows with its batches (parsing 155 UN speeches: 0.97 GB at 200 k characters,
#: 0.57 GB at 50 k, 0.50 GB at 25 k) while its speed stays the same
BATCH_CHARS = 50_000


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Batches of at most ``size`` documents and :data:`BATCH_CHARS` characters."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if batch and (len(batch) >= size or chars + len(document.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += len(document.text)
    if batch:
        yield batch


def _bounded(submit, documents, batch_size: int, in_flight: int) -> Iterator[DocumentResult]:
    """Submit batches, keeping at most ``in_flight`` pending; yield results in order."""
    pending: deque = deque()
    for batch in _batches(documents, batch_size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _in_processes(documents, config: ExtractorConfig, batch_size: int, workers: int):
    context = multiprocessing.get_context("spawn")  # no threads or model state forked
    # Each worker parses on one core: the workers share the machine's cores. The
    # variables must be set before a worker starts, so they are set here.
    saved = {name: os.environ.get(name) for name in _BLAS_THREADS}
    os.environ.update(dict.fromkeys(_BLAS_THREADS, "1"))
    try:
        yield from _pooled(documents, config, batch_size, workers, context)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _pooled(documents, config: ExtractorConfig, batch_size: int, workers: int, context):
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _bounded(
            lambda batch: pool.submit(extract_batch, config, batch, batch_size),
            documents,
            batch_size,
            2 * workers,
        )


def _on_dask(documents, config: ExtractorConfig, batch_size: int, address: str, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise StancegraphError(
            "--dask needs the distributed extra: pip install 'stancegraph[distributed]'"
        ) from None
    cluster = None
    if address == "local":
        for name in _BLAS_THREADS:  # one core each, as for worker processes
            os.environ.setdefault(name, "1")
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="10s")
        except OSError as err:
            raise StancegraphError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        n_workers = max(len(client.scheduler_info()["workers"]), 1)
        scattered = client.scatter(config, broadcast=True)
        yield from _bounded(
            lambda batch: client.submit(extract_batch, scattered, batch, batch_size, pure=False),
            documents,
            batch_size,
            2 * n_workers,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
