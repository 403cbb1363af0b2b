"""Pronouns and descriptions resolved within a document: part of *who*.

"he", "they", "the Ukrainian president", "the Kremlin spokesman", "the
Massachusetts Democrat", "the association": :func:`resolve_reference` gives
the actor such a word refers to, from the mentions :mod:`~stancegraph.extract.actors`
found, the roles :mod:`~stancegraph.extract.relations` read and the quotations
:mod:`~stancegraph.extract.quotes` attributed (inside a quotation "I" is its
speaker, not the document's).
"""

from __future__ import annotations

from spacy.tokens import Token

from stancegraph.extract.actors import last_word
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import table, words
from stancegraph.extract.mentions import DocActors, Mention

__all__ = ["definite", "resolve_reference"]

_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_THING_PRONOUNS = {"it", "they", "its", "their", "them"}
_FEMININE = {"she", "her", "hers", "herself"}
#: what a non-person antecedent of "it" or "they" was in its sentence
_ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "conj", "appos")


def resolve_reference(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The actor a token refers to: a name, a pronoun or a description.

    Pronouns take the nearest earlier person (he, she) or non-person actor
    (it, they) that was the subject of a clause; first-person pronouns take the
    document's speaker. Descriptions with a nationality or organisation and a
    role ("the Ukrainian president", "the Kremlin spokesman") take the person
    the document gave that role, or, for collective nouns ("the US
    delegation"), the state or organisation itself.
    """
    mention = actors.at(token)
    if mention is not None:
        return mention
    for child in token.children:
        if child.dep_ == "appos" and actors.at(child) is not None:
            return actors.at(child)
        # "Frank Field MP said": a title after the name.
        named = (
            next(
                (actors.at(t) for t in child.subtree if actors.at(t) is not None),
                None,
            )
            if child.dep_ == "compound"
            else None
        )
        if named is not None and named.type == "Person" and token.pos_ in ("NOUN", "PROPN"):
            return named
    lower = token.lower_
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl" and token.head.head != token:
        # "Kennedy, who backs the constitution": the one the relative clause is about
        return resolve_reference(token.head.head, actors, gazetteer)
    if token.pos_ == "PRON":
        if lower in _FIRST_PERSON:
            return _first_person(token, actors)
        if lower in _PERSON_PRONOUNS:
            return _antecedent(token, actors, persons=True, gazetteer=gazetteer)
        if lower in _THING_PRONOUNS:
            return _antecedent(token, actors, persons=False)
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        return _describe(token, actors, gazetteer)
    return None


def _first_person(token: Token, actors: DocActors) -> Mention | None:
    """ "I" is whoever speaks there; "we" is the body they speak for, when known."""
    speaker = actors.speaker
    for quote in actors.quotes:
        if quote.covers(token):
            speaker = quote.speaker
            break
    if speaker is not None and token.lower_ in ("we", "us", "our"):
        return actors.bodies.get(speaker.key, speaker)
    return speaker


def _antecedent(
    token: Token,
    actors: DocActors,
    *,
    persons: bool,
    gazetteer: Gazetteer | None = None,
    depth: int = 0,
) -> Mention | None:
    """The actor a third-person pronoun refers to, or a description of a person
    named before ("the veteran lawmaker", which fits either gender).

    For "he" and "she", in this order: the subject of a verb the pronoun sits
    under ("Mr Blair said he would stay": Mr Blair); the subject of the
    previous sentence's main verb, a description included ("A ministry
    spokeswoman confirmed it. She said ...": the ministry), or whoever that
    subject refers to when it is "he" or "she" too; the nearest subject
    in those two sentences; the nearest person. Never a person whose title
    says the other gender. For "it" and "they": the nearest organisation,
    state or group that was a subject, possessor or object before.
    """
    earlier = [m for m in actors.mentions if m.start < token.i and (m.type == "Person") == persons]
    if not persons:
        best = None
        for m in earlier:
            head = actors.doc[m.start : m.end].root
            if not m.agent_only and head.dep_ in _ANTECEDENT_DEPS:
                best = m
        return best
    if token.pos_ == "PRON":
        gender = "f" if token.lower_ in _FEMININE else "m"
        fitting = [m for m in earlier if actors.genders.get(m.key, gender) == gender]
    else:  # a description: "the veteran lawmaker"
        fitting = earlier
    doc, sentence = actors.doc, token.sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None

    def subject_mention(m: Mention) -> bool:
        return doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")

    for m in reversed(fitting):
        root = doc[m.start : m.end].root
        if m.start >= sentence.start and subject_mention(m) and root.head.is_ancestor(token):
            return m
    if previous is not None:
        main = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if main is not None and main.lower_ == token.lower_ and depth < 3:
            # "He said X. He said Y.": the same person, as far back as it goes
            return _antecedent(main, actors, persons=True, gazetteer=gazetteer, depth=depth + 1)
        if main is not None and main.pos_ != "PRON":
            named = actors.at(main)
            if named is not None and named.type != "Person":
                named = None  # "Republicans said ... He said": he is no party
            if named is None and gazetteer is not None and main.pos_ in ("NOUN", "PROPN"):
                # "A ministry spokeswoman confirmed it. She said": the ministry speaks
                named = _describe(main, actors, gazetteer)
            if named is not None and (named.type != "Person" or named in fitting):
                return named
    first = previous.start if previous is not None else sentence.start
    for m in reversed(fitting):
        if m.start < first:
            break
        if subject_mention(m):
            return m
    return fitting[-1] if fitting else None


def _describe(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Resolve a description such as "the Ukrainian president", "the US delegation"
    or "the Massachusetts Democrat"."""
    found = _describe_role(token, actors, gazetteer)
    if found is None and _describes_named_person(token):
        found = _antecedent(token, actors, persons=True, gazetteer=gazetteer)
    if found is None and definite(token):
        found = _body_named_before(token, actors)
    return found


def definite(token: Token) -> bool:
    """Whether a noun has the definite article: "the association"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _body_named_before(token: Token, actors: DocActors) -> Mention | None:
    """ "the association" after "the National Mining Association": the last body the
    document named with that word."""
    word = token.lemma_.lower()
    if word not in words("roles", "generic_names"):
        return None
    for m in reversed([m for m in actors.mentions if m.end <= token.i]):
        last = last_word(m, actors.doc)
        if m.type != "Person" and last is not None and last.lemma_.lower() == word:
            return m
    return None


def _describes_named_person(token: Token) -> bool:
    """ "the Massachusetts Democrat", "the veteran lawmaker": a person named before."""
    return token.lemma_.lower() in words("roles", "person_descriptions") and definite(token)


def _describe_role(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    roles = table("roles")
    owner = None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of") and child.i > token.i:
            # "a spokesperson for Sen. Manchin", "the head of the agency"
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        if child.dep_ in ("amod", "compound", "poss", "nmod", "pobj"):
            owner = actors.at(child)
            if owner is None and child.ent_type_ == "NORP":
                entry = gazetteer.by_demonym(child.text)
                if entry is not None:
                    owner = Mention(
                        child.i,
                        child.i + 1,
                        f"gz:{entry.id}",
                        entry.label,
                        entry.type,
                        entry.wikidata,
                    )
            if owner is not None:
                break
    lemma = token.lemma_.lower()
    if owner is None and _indefinite(token):
        return None  # "a former official said", "some leaders said": nobody named before
    if owner is None:
        # "the foreign minister": the person the document last gave that title.
        modifiers = [
            c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
        ]
        for phrase in (
            " ".join([*modifiers[-2:], lemma]),
            " ".join([*modifiers[-1:], lemma]),
            lemma,
        ):
            if phrase in actors.titled:
                return actors.titled[phrase]
        title = " ".join([*modifiers[-1:], lemma])
        office = roles["roles"].get(title) or roles["roles"].get(lemma)
        if office == "leader_of" or lemma in words("roles", "single_offices"):
            if any(c.lower_ == "the" for c in token.children):
                return _holder_of_title(title, token, actors, gazetteer) or _most_mentioned_person(
                    token, actors
                )
        return None
    if lemma in roles["collective"] or token.lower_ in roles["collective"]:
        return owner
    predicate = roles["roles"].get(lemma)
    if predicate is None:
        return None
    # "the Tory leader" is the one the document knows; "a UKIP spokesman", any of them
    holder = actors.role_holders.get((predicate, owner.key)) if definite(token) else None
    if holder is not None and holder.start > token.i:
        holder = None  # "the Democratic senator" refers back, not to one named later
    if holder is None and (predicate in ("spokesperson_of", "represents") or token.tag_ == "NNS"):
        return owner  # "a UKIP spokesman said", "GOP leaders said": the party speaks
    return holder


#: determiners that introduce somebody new rather than refer back to somebody named
_INDEFINITE = {"a", "an", "another", "some", "several", "many", "one", "few", "other", "any"}


def _indefinite(token: Token) -> bool:
    """ "a former official", "some leaders", "officials": a description that introduces
    a source, or several, rather than one person the document has named."""
    if token.tag_ in ("NNS", "NNPS") and not definite(token):
        return True
    return any(
        c.dep_ in ("det", "nummod", "amod") and c.lower_ in _INDEFINITE
        for c in token.children
        if c.i < token.i
    )


def _holder_of_title(
    title: str, token: Token, actors: DocActors, gazetteer: Gazetteer
) -> Mention | None:
    """ "the president said": the one person named before whom the gazetteer gives
    that title."""
    holders = {}
    for m in actors.mentions:
        if m.start >= token.i:
            break
        entry = gazetteer.entries.get(m.key.removeprefix("gz:")) if m.type == "Person" else None
        if entry is not None and any(title in t.lower() for _, _, t in entry.roles):
            holders[m.key] = m
    return next(iter(holders.values())) if len(holders) == 1 else None


def _most_mentioned_person(token: Token, actors: DocActors) -> Mention | None:
    """ "the prime minister said" in a story about one: the person the document
    has named most often so far, when one stands out, or the only one named."""
    counts: dict[str, int] = {}
    last: dict[str, Mention] = {}
    for m in actors.mentions:
        if m.start >= token.i:
            break
        if m.type == "Person":
            counts[m.key] = counts.get(m.key, 0) + 1
            last[m.key] = m
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and (ranked[0][1] == ranked[1][1] or ranked[0][1] < 2)):
        return None
    return last[ranked[0][0]]
