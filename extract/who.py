"""*Who*: the source of a statement.

- the agent of a stance cue: the clause subject, inherited through
  coordination and participles, the ``by`` agent of a passive, the possessor
  of a noun cue ("Moscow's refusal"), or an actor the parser left stranded
  before the verb (:func:`cue_sources`);
- the speaker of a reporting verb (:func:`speaker_of_verb`) and of "according
  to X" (:func:`according_to`); quotations are :mod:`~stancegraph.extract.quotes`;
- the document's own speaker: from its metadata (:func:`metadata_speaker`), a
  self-introduction ("My name is ... and I am the president of ...") or a
  testimony heading (:func:`self_introduction`), and the body they speak for,
  whose "we" it is (:func:`speaker_bodies`);
- whether a clause's subject is the speaker's own side (:func:`same_side`).

Pronouns and descriptions are resolved by :mod:`~stancegraph.extract.references`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Gazetteer, name_key
from stancegraph.extract.lexicon import table, words
from stancegraph.extract.mentions import DocActors, Mention, RoleMention
from stancegraph.extract.names import person_name
from stancegraph.extract.records import Document
from stancegraph.extract.references import resolve_reference
from stancegraph.extract.relations import heading_parts
from stancegraph.extract.syntax import conjuncts, noun_agent, subject_of

__all__ = [
    "according_to",
    "cue_sources",
    "metadata_body",
    "metadata_speaker",
    "same_side",
    "self_introduction",
    "speaker_bodies",
    "speaker_of_verb",
    "stranded_subject",
]


def cue_sources(
    cue_token: Token, actors: DocActors, gazetteer: Gazetteer
) -> list[tuple[Mention, bool]]:
    """The actors a cue's agent names, each once, and whether each was reached through
    a pronoun or a description rather than a name (such statements are less
    certain): "Plaid Cymru and the Liberal Democrats said" gives both. Empty when
    the cue has no agent one can resolve."""
    agent = _agent(cue_token) or stranded_subject(cue_token, actors)
    if agent is None:
        return []
    out: dict[str, tuple[Mention, bool]] = {}
    for token in conjuncts(agent):
        actor = resolve_reference(token, actors, gazetteer)
        if actor is not None and actor.key not in out:
            out[actor.key] = (actor, actors.at(token) is None)
    return list(out.values())


def _agent(cue_token: Token) -> Token | None:
    if cue_token.pos_ == "NOUN":
        return noun_agent(cue_token)
    return subject_of(cue_token)


def stranded_subject(verb: Token, actors: DocActors) -> Token | None:
    """The speaker of a finite verb the parser left without a subject.

    The small model often misparses "Dr Brian Gibbons, on his first day ...,
    admitted ..." or "X, leader of the Y group, said: ...". Take an actor
    named at the start of the sentence, else the nearest actor named before
    the verb that is not inside a prepositional phrase.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or subject_of(verb) is not None:
        return None
    sentence = verb.sent
    before = [m for m in actors.mentions if sentence.start <= m.start and m.end <= verb.i]
    if not before:
        return None
    doc = actors.doc
    first = before[0]
    opening = doc[sentence.start : first.start]
    titles = words("roles", "titles_before_names")
    if all(t.pos_ in ("DET", "PUNCT", "SPACE") or t.lower_ in titles for t in opening):
        return doc[first.start : first.end].root
    for m in reversed(before):
        root = doc[m.start : m.end].root
        if root.dep_ in ("pobj", "dobj", "poss") or root.head.dep_ in ("pobj", "dobj"):
            continue
        return root
    return None


def speaker_of_verb(verb: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Who speaks at a reporting verb: its subject, or the actor stranded before it."""
    subject = subject_of(verb) or stranded_subject(verb, actors)
    return resolve_reference(subject, actors, gazetteer) if subject is not None else None


def according_to(sentence: Span, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The X of "according to X" in a sentence, if any."""
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and tok.nbor().lower_ == "to":
            to = tok.nbor()
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and to.i + 1 < sentence.end:
                pobj = to.nbor()
            if pobj is not None:
                return resolve_reference(pobj, actors, gazetteer)
    return None


def _heading(lines: list[Span]) -> Span:
    """A heading's first line and the lines after it, up to a sentence or a line that
    says where it was given ("Before the Committee on ...")."""
    last = lines[0]
    for line in lines[1:]:
        if line.text.strip()[-1:] in ".?!:" or line[0].tag_ == "IN":
            break
        last = line
    return last.doc[lines[0].start : last.end]


def _heading_pattern() -> re.Pattern:
    """The heading of a written testimony or statement: "Testimony of Jane Porter, ..."."""
    headings = table("roles")["headings"]
    modifiers = "|".join(map(re.escape, headings["modifiers"]))
    nouns = "|".join(map(re.escape, headings["nouns"]))
    return re.compile(rf"\W*(?:(?:{modifiers})\s+)?(?:{nouns})\s+(?:of|by|from)\s", re.IGNORECASE)


def self_introduction(
    doc: Doc, actors: DocActors, gazetteer: Gazetteer | None = None
) -> tuple[Mention, Span, Mention | None] | None:
    """ "My name is X (and I am the ROLE of Y)", "I am X, ROLE of Y" or a heading
    "Testimony of X, ROLE, Y" near the start (read by its parts:
    :func:`~stancegraph.extract.relations.heading_parts`).

    Returns the speaker, the sentence, and the organisation or state named
    after the role, if any.
    """
    sentences = list(doc.sents)[:12]
    header_pattern = _heading_pattern()
    for n, sentence in enumerate(sentences):
        lowered = sentence.text.lower()
        header = header_pattern.match(sentence.text) is not None
        if not (header or "my name is" in lowered or "i am" in lowered or "i'm" in lowered):
            continue
        if header:  # a heading goes on over its lines: name, title, organisation
            sentence = _heading(sentences[n : n + 4])
            person, owner = heading_parts(sentence, actors, gazetteer or Gazetteer())
            if person is not None:
                return person, sentence, owner
        people = [m for m in actors.mentions if sentence.start <= m.start < sentence.end]
        person = next((m for m in people if m.type == "Person"), None)
        if person is None:
            continue
        intro_token = next((t for t in sentence if t.lower_ in ("name", "i")), None)
        if not header and (intro_token is None or intro_token.i > person.start):
            continue
        owner = next((m for m in people if m.type != "Person" and m.start > person.start), None)
        return person, sentence, owner
    return None


def metadata_speaker(document: Document, gazetteer: Gazetteer) -> Mention | None:
    """The speaker the input's metadata names (``speaker`` or ``author``)."""
    if not document.speaker:
        return None
    label = person_name(document.speaker)  # "Roe, Jane" is Jane Roe
    entry = gazetteer.lookup(document.speaker) or gazetteer.lookup(label)
    if entry is not None:
        return Mention(-1, -1, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)
    return Mention(-1, -1, f"person:{name_key(label)}", label, "Person")


def metadata_body(document: Document, gazetteer: Gazetteer) -> Mention | None:
    """The organisation or state the input's metadata says the speaker speaks for."""
    if not document.organization:
        return None
    entry = gazetteer.lookup(document.organization)
    if entry is not None and entry.is_actor:
        return Mention(-1, -1, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)
    label = " ".join(document.organization.split())
    return Mention(-1, -1, f"organization:{name_key(label)}", label, "Organization")


#: the roles that say best whom a person speaks for, least telling first
_ROLE_PREFERENCE = ("member_of", "employed_by", "represents", "spokesperson_of", "leader_of")


def speaker_bodies(
    actors: DocActors, roles: list[RoleMention], gazetteer: Gazetteer
) -> dict[str, Mention]:
    """Person key -> the organisation or state they speak for, from the document's
    roles first, then from the gazetteer (for the document's speaker)."""
    bodies: dict[str, Mention] = {}
    for role in sorted(roles, key=lambda r: _ROLE_PREFERENCE.index(r.predicate)):
        bodies[role.person.key] = role.owner  # the most telling role is written last
    speaker = actors.speaker
    if speaker is not None and speaker.key not in bodies:
        entry = gazetteer.entries.get(speaker.key.removeprefix("gz:"))
        body = gazetteer.entries.get(entry.roles[0][1]) if entry and entry.roles else None
        if body is not None:
            bodies[speaker.key] = Mention(
                -1, -1, f"gz:{body.id}", body.label, body.type, body.wikidata
            )
    return bodies


def same_side(subject: Token, speaker: Mention, actors: DocActors, gazetteer: Gazetteer) -> bool:
    """Is the subject of a reported clause the speaker or the speaker's own side?"""
    if subject.lower_ in ("i", "we"):
        return True
    referent = resolve_reference(subject, actors, gazetteer)
    if referent is None:
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        return possessor is not None and same_side(possessor, speaker, actors, gazetteer)
    if referent.key == speaker.key:
        return True
    sides = {
        owner_key
        for (_, owner_key), holder in actors.role_holders.items()
        if holder.key == speaker.key
    }
    if speaker.key.startswith("gz:"):
        entry = gazetteer.entries.get(speaker.key[3:])
        if entry is not None:
            sides |= {f"gz:{obj}" for _, obj, _ in entry.roles}
            if entry.parent:
                sides.add(f"gz:{entry.parent}")
    return referent.key in sides
