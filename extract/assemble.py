"""Assembling one document's extraction: mentions, roles, speakers, statements, positions.

:meth:`Extractor.extract_document` asks each question of one parsed document
in turn — who the actors are (:mod:`~stancegraph.extract.actors`), who speaks
for whom (:mod:`~stancegraph.extract.relations`), who the document's speaker
is and where quotations are (:mod:`~stancegraph.extract.who`,
:mod:`~stancegraph.extract.quotes`), what each sentence states
(:mod:`~stancegraph.extract.sentences`), which position each statement is about
(:mod:`~stancegraph.extract.positions`) and its polarity on a catalogue concept
(:mod:`~stancegraph.extract.polarity`) — and returns a :class:`DocumentResult`
of plain records keyed by document-level actor keys, with no spaCy objects,
so that documents can be processed in any order or process.
:mod:`~stancegraph.extract.merge` then merges them across the corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from stancegraph.errors import StancegraphError
from stancegraph.extract.actors import find_mentions
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import content_terms, words
from stancegraph.extract.mentions import DocActors, Mention, RoleMention, StanceMention
from stancegraph.extract.names import same_person
from stancegraph.extract.nlp import DEFAULT_MODEL, load_pipeline
from stancegraph.extract.polarity import polarity_on_concept
from stancegraph.extract.positions import (
    Catalogue,
    PositionChoice,
    positions_of,
    resolve_in_document,
)
from stancegraph.extract.quotes import find_quotes
from stancegraph.extract.records import Document, Relation, Statement
from stancegraph.extract.relations import find_roles, introduced_role, metadata_role, speaker_roles
from stancegraph.extract.sentences import find_stances
from stancegraph.extract.syntax import phrase_text
from stancegraph.extract.what import SIDE_PREFIXES, same_names
from stancegraph.extract.who import (
    metadata_body,
    metadata_speaker,
    self_introduction,
    speaker_bodies,
)

__all__ = ["DocumentResult", "Extractor", "ExtractorConfig", "PART_CHARS", "parts", "remember"]

#: longer documents are parsed in parts of at most this many characters
PART_CHARS = 100_000


@dataclass
class DocumentResult:
    """What one document yields, with actors still under document-level keys."""

    document: Document
    mentions: Counter = field(default_factory=Counter)  # key -> count
    names: dict[str, Mention] = field(default_factory=dict)  # key -> a mention
    surface: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    statements: list[Statement] = field(default_factory=list)  # actor_id holds the key
    relations: list[Relation] = field(default_factory=list)  # subject_id/object_id hold keys
    #: keys that act (state, speak, hold roles) or that others take sides on
    agents: set[str] = field(default_factory=set)
    #: new position id -> its normalised content terms, for merging paraphrases
    position_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: new position id -> the lemma of the word that names it ("referendum", or the verb
    #: of an act: "quit"), likewise
    position_heads: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExtractorConfig:
    """What an :class:`Extractor` is made of, to make the same one in another process."""

    model: str
    gazetteer: Gazetteer
    positions: str | None
    #: matching a catalogue by meaning: "off", "static" (the shipped static encoder) or
    #: "model" (all-MiniLM-L6-v2 when installed, else the static encoder)
    embeddings: str

    @classmethod
    def make(
        cls,
        model: str = DEFAULT_MODEL,
        gazetteer: Gazetteer | None = None,
        positions: str | Path | None = None,
        embeddings: bool | str | None = None,
    ) -> ExtractorConfig:
        """A configuration, with the defaults resolved. ``embeddings=None`` turns
        matching by meaning on for a user's catalogue (with all-MiniLM-L6-v2 when
        its extra is installed, else the shipped static encoder:
        :mod:`~stancegraph.extract.semantic`): such catalogues state whole claims
        that texts put in other words, while the default catalogue's short labels
        match well by words and there meaning mostly adds false matches
        (``benchmarks/matching.py``)."""
        if embeddings is None:
            embeddings = positions is not None
        if not isinstance(embeddings, str):
            embeddings = "model" if embeddings else "off"
        if embeddings not in ("off", "static", "model"):
            raise StancegraphError(f"embeddings must be on, off or static, not {embeddings!r}")
        return cls(
            model,
            gazetteer if gazetteer is not None else Gazetteer.load(),
            str(positions) if positions is not None else None,
            embeddings,
        )


class Extractor:
    """Holds the pipeline, the gazetteer and the catalogue; extracts documents."""

    def __init__(self, config: ExtractorConfig | None = None):
        self.config = config or ExtractorConfig.make()
        self.gazetteer = self.config.gazetteer
        self.nlp: Language = load_pipeline(self.gazetteer, self.config.model)
        self.catalogue = Catalogue.load(
            self.config.positions, self.nlp, self.gazetteer, meaning=self.config.embeddings
        )
        self.user_catalogue = self.config.positions is not None

    def parse(self, documents: Iterable[Document], batch_size: int = 64):
        """Yield ``(document, spaCy doc)`` pairs, parsing in batches.

        A document longer than :data:`PART_CHARS` is parsed in parts cut at
        paragraph (or sentence) breaks, each a document of its own with the
        same id and its slice of the offset map; the merge joins them.
        """
        pairs = ((part.text, part) for d in documents for part in parts(d))
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, doc

    def extract_document(self, document: Document, doc: Doc) -> DocumentResult:
        """Everything one parsed document says (see the module docstring)."""
        result = DocumentResult(document)
        actors, roles = self.read_actors(document, doc)
        for m in actors.mentions:
            result.mentions[m.key] += 1
            remember(result.names, m)
            if not m.referring:
                result.surface[m.key].add(_surface(doc[m.start : m.end]))
        for m in (actors.speaker, *actors.bodies.values()):
            if m is not None:
                remember(result.names, m)
        result.relations = self._relations(document, roles, result)
        stances = list(find_stances(doc, actors, self.gazetteer))
        matches = self.catalogue.match_stances(stances, self.gazetteer)
        chosen: dict[int, list[PositionChoice]] = {}
        read: list[tuple[StanceMention, list[PositionChoice]]] = []
        for stance in stances:
            positions = positions_of(stance, matches.get(id(stance), []), chosen, self.gazetteer)
            chosen[id(stance)] = positions
            if not positions:
                if stance.own:
                    continue
                # Someone said something that names no issue ("X said: 'You should not
                # say that'"): still who said what, a claim that takes no side.
                read.append((replace(stance, polarity="neutral"), [_NO_POSITION]))
                continue
            stance = replace(stance, polarity=self._polarity(stance, positions[0]))
            if not stance.actor.is_actor:
                # "critics say", "it is expected": a claim, no side an actor of the graph takes
                stance = replace(stance, polarity="neutral")
            if stance.polarity == "neutral" and stance.own:
                continue  # a speaker's plain sentence is a statement only when it takes a side
            read.append((stance, positions))
        # One node per issue within the document ("the constitution" is "the EU constitution")
        lead = next(islice(doc.sents, 1, None), doc[:]).end  # the first two sentences
        into = resolve_in_document(
            [ps for _, ps in read],
            [s.polarity != "neutral" for s, _ in read],
            same_names(doc),
            [s.cue.i < lead for s, _ in read],
        )
        for stance, positions in read:
            positions = list(dict.fromkeys(into.get(p.id, p) for p in positions))
            named = _actor_named(stance, actors) if stance.polarity != "neutral" else None
            if (
                named is not None
                and len(positions) == 1
                and _names_only(positions[0], named, doc, self.gazetteer)
            ):
                # "challenged the Tories": a stance on an actor, no position; an actor
                # others take sides on is an actor of the graph
                positions = [PositionChoice("", named.label, actor=named.key)]
                result.agents.add(named.key)
            if stance.actor.is_actor:
                remember(result.names, stance.actor)
                result.agents.add(stance.actor.key)
            result.statements.extend(self._statements(document, stance, positions))
            if stance.polarity != "neutral":  # only a side taken makes a position
                for p in positions:
                    if p.terms is not None:
                        result.position_terms[p.id] = frozenset(p.terms)
                        if p.head is not None:
                            result.position_heads[p.id] = p.head
        result.document = document.without_text()  # the text is not needed any more
        return result

    def read_actors(self, document: Document, doc: Doc) -> tuple[DocActors, list[RoleMention]]:
        """A document's actor mentions, who speaks for whom, its own speaker and its
        quotations with their speakers: everything *who* needs to resolve a source."""
        actors = find_mentions(doc, self.gazetteer)
        intro = self_introduction(doc, actors, self.gazetteer)
        actors.speaker = metadata_speaker(document, self.gazetteer) or (intro[0] if intro else None)
        # what the speaker says of themselves first, then the metadata, then the text's roles
        roles: list[RoleMention] = []
        if intro is not None and intro[2] is not None and _one_speaker(intro[0], actors.speaker):
            person, sentence, body = intro
            role = introduced_role(person, sentence, body, doc, self.gazetteer)
            roles.append(replace(role, person=actors.speaker))
        roles.extend(speaker_roles(doc, actors, self.gazetteer))
        body = metadata_body(document, self.gazetteer)
        if actors.speaker is not None and body is not None:
            title = document.speaker_role
            roles.append(
                metadata_role(actors.speaker, body, title, self.nlp.make_doc, self.gazetteer)
            )
        roles.extend(find_roles(actors, self.gazetteer))
        modifiers = words("roles", "title_modifiers")
        for role in roles:
            actors.role_holders.setdefault((role.predicate, role.owner.key), role.person)
            actors.titled[role.role] = role.person
            if not set(role.role.split()) & modifiers:
                # "the chancellor" is not the shadow chancellor, nor a deputy minister
                actors.titled[role.role.split()[-1]] = role.person
        for m in actors.mentions:  # what the gazetteer knows fills what the text leaves out
            entry = self.gazetteer.entries.get(m.key.removeprefix("gz:"))
            if entry is not None and m.type == "Person":
                for predicate, obj, _ in entry.roles:
                    actors.role_holders.setdefault((predicate, f"gz:{obj}"), m)
        actors.bodies = speaker_bodies(actors, roles, self.gazetteer)
        actors.quotes = find_quotes(doc, actors, self.gazetteer)
        return actors, roles

    def _relations(
        self, document: Document, roles: list[RoleMention], result: DocumentResult
    ) -> list[Relation]:
        relations = []
        seen = set()
        for role in roles:
            key = (role.person.key, role.owner.key)  # one tie a pair, the first read
            if key in seen:
                continue
            seen.add(key)
            for m in (role.person, role.owner):
                remember(result.names, m)
                result.agents.add(m.key)
            if role.sentence is not None:
                start, end = document.to_original(role.sentence.start_char, role.sentence.end_char)
                evidence = role.sentence.text.strip()
            else:
                start = end = 0
                evidence = f"metadata: {document.speaker}, {role.role}, {document.organization}"
            relations.append(
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
        return relations

    def _polarity(self, stance: StanceMention, position: PositionChoice) -> str:
        """The stance's polarity on the position it is about: on a catalogue concept
        see :func:`~stancegraph.extract.polarity.polarity_on_concept`; with a
        user's catalogue, a stance on anything else is who-said-what only."""
        concept = self.catalogue.by_id.get(position.id)
        if concept is not None:
            return polarity_on_concept(
                stance,
                negative_claim=concept.negated,
                undoing_claim=concept.reverses,
                user_catalogue=self.user_catalogue,
                gazetteer=self.gazetteer,
            )
        if self.user_catalogue:
            return "neutral"
        return stance.polarity

    def _statements(
        self, document: Document, stance: StanceMention, positions: list[PositionChoice]
    ) -> Iterator[Statement]:
        sentence, source = _evidence(stance), stance.actor
        start, end = document.to_original(*_content_chars(stance))
        cue_start, cue_end = document.to_original(stance.cue.idx, stance.cue.idx + len(stance.cue))
        claim = phrase_text(stance.claim_tokens)
        for position in positions:
            confidence = stance.confidence
            if position.score:
                confidence = confidence * (0.7 + 0.3 * position.score)
            yield Statement(
                doc=document.id,
                actor=source.label,
                actor_id=source.key if source.is_actor else "",
                predicate=stance.predicate,
                polarity=stance.polarity,
                position=position.label,
                position_id=position.id,
                target_id=position.actor,
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
                position_score=position.score,
                claim=claim,
                source_kind=source.source_kind,
            )


#: the position of a statement that names no issue
_NO_POSITION = PositionChoice("", "")


def _names_only(position: PositionChoice, actor: Mention, doc: Doc, gazetteer: Gazetteer) -> bool:
    """Whether a new position is named by an actor's name alone ("the Tories"; not "the
    war on Iraq" that "pro-Iraq war" names)."""
    name = content_terms(doc[actor.start : actor.end], gazetteer)
    return position.terms is not None and set(position.terms) <= set(name)


def _actor_named(stance: StanceMention, actors: DocActors) -> Mention | None:
    """The actor a stance is on, when its issue names one and nothing else: "the
    Tories", "Ms King" (not "Labour's record", "a Tory plan")."""
    words = [t for t in stance.issue_tokens if not t.is_punct and t.dep_ not in ("det", "case")]
    if not words or stance.cue.lower_ in SIDE_PREFIXES:
        return None  # "pro-Iraq war": a prefix names an issue, read a word at a time
    named = actors.at(words[-1])
    if named is None or not named.is_actor or named.key == stance.actor.key:
        return None
    inside = all(named.start <= t.i < named.end for t in words)
    return named if inside else None


def _evidence(stance: StanceMention) -> Span:
    """The sentence or sentences a statement was read in: its cue's and its content's."""
    sentence = stance.sentence
    if stance.content is None:
        return sentence
    doc = sentence.doc
    first = min(sentence.start, doc[stance.content[0]].sent.start)
    last = max(sentence.end, doc[stance.content[1] - 1].sent.end)
    return doc[first:last]


def _content_chars(stance: StanceMention) -> tuple[int, int]:
    """The characters of what a statement says: its content's tokens, else its sentence."""
    if stance.content is None:
        return stance.sentence.start_char, stance.sentence.end_char
    doc = stance.sentence.doc
    first, last = doc[stance.content[0]], doc[stance.content[1] - 1]
    return first.idx, last.idx + len(last)


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


def _one_speaker(introduced: Mention, speaker: Mention | None) -> bool:
    """Whether the person a text introduces is the document's speaker: the same key, or
    the same name written another way ("Jane T. Roe" in the text, "Roe, Jane" in
    the metadata)."""
    if speaker is None:
        return False
    return introduced.key == speaker.key or (
        introduced.type == speaker.type == "Person"
        and same_person(introduced.label, speaker.label) is not None
    )


def remember(names: dict[str, Mention], mention: Mention) -> None:
    """Keep one mention per key; a key is "agent only" only if all its mentions are."""
    old = names.get(mention.key)
    if old is None or (old.agent_only and not mention.agent_only):
        names[mention.key] = mention


def _surface(span: Span) -> str:
    """How a mention is written, on one line, without a leading article, a trailing
    possessive or punctuation at either end ("People's Republic" keeps its own)."""
    tokens = list(span)
    while len(tokens) > 1 and (tokens[-1].tag_ == "POS" or tokens[-1].text in ("'s", "'")):
        tokens.pop()
    if len(tokens) > 1 and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens = tokens[1:]
    text = " ".join("".join(t.text_with_ws for t in tokens).split())
    return text.strip(".,;:*") or " ".join(span.text.split())
