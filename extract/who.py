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
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.actors import clean_person_name
from stancegraph.extract.gazetteer import Gazetteer, name_key
from stancegraph.extract.lexicon import (
    QUOTE_MARKS,
    adjective_cue,
    adverb_cue,
    cue_of,
    impersonal_clause,
    people_nouns,
    table,
    verb_cue,
    words,
)
from stancegraph.extract.mentions import DocActors, Mention, RoleMention
from stancegraph.extract.names import person_name, title_word
from stancegraph.extract.records import Document
from stancegraph.extract.references import resolve_reference
from stancegraph.extract.relations import heading_parts
from stancegraph.extract.syntax import (
    CLAUSE_CUT,
    conjuncts,
    inverted_speaker,
    name_after,
    noun_agent,
    paragraph_start,
    subject_of,
    subtree,
)

__all__ = [
    "UNNAMED",
    "according_to",
    "cue_sources",
    "metadata_body",
    "metadata_speaker",
    "same_side",
    "self_introduction",
    "source_of",
    "speaker_bodies",
    "speaker_of_verb",
    "stranded_subject",
    "unnamed_report",
    "unrecognised_name",
]


def cue_sources(
    cue_token: Token, actors: DocActors, gazetteer: Gazetteer
) -> list[tuple[Mention, bool]]:
    """The sources a cue's agent names, each once, and whether each was reached through
    a pronoun or a description rather than a name (such statements are less
    certain): "Plaid Cymru and the Liberal Democrats said" gives both. A source
    may be no actor (:func:`source_of`: "a new poll", "critics"); a reporting
    verb in the passive without an agent has an unnamed source ("it was
    reported that"). Empty when the cue has no agent one can tell."""
    if (
        unnamed_report(cue_token)
        or adverb_cue(cue_token) is not None
        or impersonal_clause(cue_token) is not None
    ):
        # "it was reported that ...", "X has reportedly left", "it is clear that ..."
        return [(UNNAMED, False)]
    # "The plan, said Ola Berg, is a disgrace": the name after the tag's verb speaks
    agent = inverted_speaker(cue_token) or _agent(cue_token) or stranded_subject(cue_token, actors)
    if agent is None:
        # "fears that the talks will fail", "questions about the deal": a belief or
        # a question nobody is named for
        return [(UNNAMED, False)] if _unowned_report_noun(cue_token) else []
    out: dict[str, tuple[Mention, bool]] = {}
    reporting = _reporting(cue_token)
    for token in conjuncts(agent):
        if reporting:
            source = _speaking_source(token, actors, gazetteer)
        else:
            source = source_of(token, actors, gazetteer)
        if source is not None and source.key not in out:
            out[source.key] = (source, actors.at(token) is None and source.start != token.i)
    return list(out.values())


def _unowned_report_noun(noun: Token) -> bool:
    """A reporting noun with no owner and what it reports after it: a "that" clause or
    "about", "of", "over" ("raised questions about the deal", "fears that it fails")."""
    if noun.pos_ != "NOUN" or not _reporting(noun) or noun.lemma_ in words("cues", "owned_nouns"):
        return False  # "the idea that ...": a topic, nobody's view
    if any(c.dep_ in ("poss", "compound") or c.lower_ in ("this", "these", "that", "those")
           for c in noun.children if c.i < noun.i):  # fmt: skip
        return False  # somebody's, or one named before
    return any(
        c.i > noun.i
        and (c.dep_ == "prep" and c.lower_ in ("about", "of", "over")
             or c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children))
        for c in noun.children
    )  # fmt: skip


#: pronouns that speak ("he said", "they believe", and outside a quotation "I think",
#: the writer's own) for somebody the text has named, described or not named: when
#: none of them can be told, the report stays, its source unnamed
_UNRESOLVED_SPEAKERS = {"he", "she", "they", "i", "we"}

#: the source of "it was reported that ...": nobody named
UNNAMED = Mention(-1, -1, "unnamed:", "", "", source_kind="unnamed")


def source_of(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The source a noun phrase names: an actor (a name, or a pronoun or description
    resolved to one); a document (a report, a poll, a filing), whose source is its
    owner when one is named ("a CNN poll", "the agency's report") and otherwise
    the document as written; a kind of people as written ("critics", "some
    Republicans", "58 percent of voters"). None when it names none of them."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl" and token.head.head != token:
        named = _named_before_who(token, actors)
        token = token.head.head  # "Cruz, who has called ...": Cruz
        if named is not None and actors.at(token) is None:
            return named  # "an alliance of X and Ms. Berg, who has ...": the parser's
            # head is the alliance, but who speaks is the person named just before
    if actors.at(token) is None and _lemma(token) in words("cues", "document_sources"):
        owner = _owner(token, actors, gazetteer)
        return replace(owner, source_kind="document") if owner else _as_written(token, "document")
    actor = resolve_reference(token, actors, gazetteer) or _surname(token, actors)
    if actor is not None:
        return actor
    if token.pos_ == "NUM" and token.dep_ in ("nsubj", "nsubjpass"):
        return _as_written(token, "generic")  # "one in three said", "two said"
    # "some", "critics", "Latinos", "the agency": a kind of people, or a body not named
    if (
        token.lower_ in _QUANTIFIERS
        and not _of_a_thing(token)
        or token.pos_ in ("NOUN", "PROPN")
        and (token.tag_ in ("NNS", "NNPS") or _lemma(token) in people_nouns())
    ):
        return _as_written(token, "generic")
    return None


def _of_a_thing(quantifier: Token) -> bool:
    """ "all of that", "some of it": a quantity of a thing, nobody who speaks."""
    return any(
        c.dep_ == "prep" and any(o.pos_ in ("PRON", "DET") and o.lower_ not in ("them", "us")
                                 for o in c.children)
        for c in quantifier.children
    )  # fmt: skip


def _surname(token: Token, actors: DocActors) -> Mention | None:
    """ "Cardin said" where the entity recogniser missed the name: the person the
    document named with that surname before."""
    if token.pos_ != "PROPN" or not token.is_title or actors.at(token) is not None:
        return None
    word = token.lower_
    for m in reversed(actors.mentions):
        if m.start < token.i and m.type == "Person" and m.label.lower().split()[-1] == word:
            return m
    return None


_RELATIVE = {"who", "which", "that", "whom"}


def _named_before_who(relative: Token, actors: DocActors) -> Mention | None:
    """The actor named right before "who" or "whom" (a comma between)."""
    if relative.lower_ not in ("who", "whom"):
        return None
    i = relative.i - 1
    if i >= 0 and relative.doc[i].text == ",":
        i -= 1
    return actors.at(relative.doc[i]) if i >= 0 else None


#: pronouns that stand for some of a kind of people: "some say", "many believe"
_QUANTIFIERS = {
    "some", "many", "most", "others", "few", "several", "both", "all", "those",
    "everyone", "everybody", "nobody", "someone", "anyone",
}  # fmt: skip


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _owner(document: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Whose a document is: "Clinton's statement", "his memo", "a CNN poll", "a report
    by the agency"."""
    for child in document.children:
        if child.dep_ == "poss" or child.dep_ == "compound" and actors.at(child) is not None:
            owner = resolve_reference(child, actors, gazetteer)
            if owner is not None:
                return owner
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (owner := resolve_reference(pobj, actors, gazetteer)):
                    return owner
    return None


def _as_written(token: Token, kind: str) -> Mention:
    """A source that is no actor, as the text names it: "a new report", "critics"."""
    # without its participles: "pastors [supporting the senator]"
    tokens = [t for t in subtree(token, CLAUSE_CUT | {"acl"}) if not t.is_space]
    tokens = tokens[:_MAX_SOURCE_WORDS]
    label = " ".join(t.text for t in tokens)
    return Mention(
        tokens[0].i, tokens[-1].i + 1, f"{kind}:{name_key(label)}", label, "", source_kind=kind
    )


#: a source as written is cut after this many words
_MAX_SOURCE_WORDS = 10


def unnamed_report(verb: Token) -> bool:
    """ "It was reported that ...", "the Fed is expected to announce ...", "asked about
    the vote, ...", "X seems to ...": a reporting verb in the passive with no agent, or
    one whose subject is what is said."""
    cue = verb_cue(verb)
    if verb.pos_ != "VERB" or cue is None or cue.polarity != "report":
        return False
    if cue.raising:
        return True
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "advcl" and verb.tag_ == "VBN" and subject_of(verb) is None
    )
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def _agent(cue_token: Token) -> Token | None:
    if cue_token.pos_ == "NOUN":
        return noun_agent(cue_token)
    if adjective_cue(cue_token) is not None:  # "Cruz is critical of", "made it clear"
        return subject_of(cue_token.head)
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
    last = doc[before[-1].start : before[-1].end]
    if (
        last.start > 0
        and doc[last.start - 1].text == ","
        and all(t.is_punct or last.root in t.ancestors for t in doc[last.end : verb.i])
    ):
        return last.root  # "As part of his plea, Ola Berg, 44, said ...": set off by commas
    for m in reversed(before):
        root = doc[m.start : m.end].root
        if root.dep_ in ("pobj", "dobj", "poss") or root.head.dep_ in ("pobj", "dobj"):
            continue
        return root
    return None


def speaker_of_verb(verb: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Who speaks at a reporting verb: the source its subject names (a name the entity
    recogniser missed included, a description as written), or the actor stranded
    before it."""
    subject = subject_of(verb) or stranded_subject(verb, actors)
    inverted = _inverted_subject(verb, actors)
    if subject is not None and _quoted(subject) and not _quoted(verb):
        subject = None  # '"... every amendment," said X': the parser's subject is quoted
    named = subject is not None and actors.at(subject) is not None
    if (
        inverted is not None
        and actors.at(inverted) is not None
        and inverted.dep_ not in ("dobj", "dative")  # "told CNN": whom it tells
        and not named
    ):
        subject = inverted  # 'A signals B, said Ola Berg': whatever the parser made the subject
    subject = subject or inverted
    return _speaking_source(subject, actors, gazetteer) if subject is not None else None


def _speaking_source(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Whoever reports, thinks or says is a source, named or as written ("said the
    designer, who works for ..."); a pronoun that names nobody one can tell ('"...," he
    said') is a source left unnamed."""
    return (
        source_of(token, actors, gazetteer)
        or unrecognised_name(token, actors)
        or _common_noun(token)
        or (UNNAMED if token.lower_ in _UNRESOLVED_SPEAKERS else None)
    )


def _quoted(token: Token) -> bool:
    """Whether a token stands inside a quotation: an odd number of quotation marks
    before it in its paragraph."""
    doc = token.doc
    first = paragraph_start(doc, token.i)
    return sum(t.text in QUOTE_MARKS for t in doc[first : token.i]) % 2 == 1


def _inverted_subject(verb: Token, actors: DocActors) -> Token | None:
    """The speaker named right after a tag's verb that the parser gave to the quoted
    clause: '"The risk," said Ola Berg, "is that ..."' (Berg the subject of "is")."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or verb.i == 0 or not doc[verb.i - 1].is_punct:
        return None
    after = doc[verb.i + 1]
    mention = actors.at(after)
    if mention is not None:
        return doc[mention.start : mention.end].root
    return name_after(verb, len(doc))


def _reporting(cue_token: Token) -> bool:
    cue = cue_of(cue_token)
    return cue is not None and cue.polarity == "report"


def _common_noun(token: Token) -> Mention | None:
    """ "the business mogul announced", "a handful of insiders are convinced": a
    source the text describes but does not name, as written."""
    return _as_written(token, "generic") if token.pos_ == "NOUN" else None


#: entity types the recogniser gives names it mistakes for titles and things: a name
#: after a quotation ('"...," Guan Youfei told reporters') reads as a work of art
_NAMING_NO_ACTOR = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}


def unrecognised_name(token: Token, actors: DocActors) -> Mention | None:
    """ "... said Baker": a capitalised name that speaks but that no entity names is
    somebody's: a person, as the speakers of news mostly are."""
    if token.pos_ != "PROPN" or not token.is_title or actors.at(token):
        return None
    if token.ent_type_ and token.ent_type_ not in _NAMING_NO_ACTOR:
        return None
    words_ = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token]
    name = [t for t in clean_person_name(words_) if t.is_title]
    if not name or all(title_word(t.text) for t in name):
        return None  # "the High Commissioner said": a title, no name
    label = " ".join(t.text for t in name)
    return Mention(
        name[0].i, token.i + 1, f"person:{name_key(label)}", label, "Person", agent_only=True
    )


def according_to(sentence: Span, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The source X of "according to X" in a sentence, if any (an actor, a document or
    a kind of people: "according to a new poll")."""
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and tok.nbor().lower_ == "to":
            to = tok.nbor()
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and to.i + 1 < sentence.end:
                pobj = to.nbor()
            if pobj is not None:
                # whatever "according to" names is a source: "according to company filings"
                kind = (
                    "document" if _lemma(pobj) in words("cues", "document_sources") else "generic"
                )
                return source_of(pobj, actors, gazetteer) or _as_written(pobj, kind)
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
