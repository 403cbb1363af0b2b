"""Roles between actors, read from titles and appositions.

"Kremlin spokesman Dmitry Peskov" -> Peskov spokesperson_of Russia;
"Ukraine's chief negotiator, Rustem Umerov" -> Umerov represents Ukraine;
"the US delegation, led by Jared Kushner" -> Kushner represents United States.
The role words and the relation each implies are data (``ontology/roles.json``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import table
from stancegraph.extract.mentions import DocActors, Mention, RoleMention
from stancegraph.extract.references import resolve_reference

__all__ = ["find_roles", "introduced_role", "metadata_role", "role_in"]


def role_in(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """The rightmost role phrase among ``tokens``: (role words, predicate)."""
    roles = table("roles")["roles"]
    words = [t.lower_ for t in tokens]
    for end in range(len(words), 0, -1):
        for width in (3, 2, 1):
            if end - width < 0:
                continue
            phrase = " ".join(words[end - width : end]).replace(" - ", "-")
            if phrase in roles:
                return phrase, roles[phrase]
    return None


def _owner_in(tokens: list[Token], actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    for tok in tokens:
        mention = actors.at(tok)
        if mention is not None and mention.type != "Person":
            return mention
        if tok.ent_type_ == "NORP" or tok.pos_ == "ADJ":
            entry = gazetteer.by_demonym(tok.text)
            if entry is not None:
                return Mention(
                    tok.i, tok.i + 1, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata
                )
        if tok.tag_ == "PRP$":
            ref = resolve_reference(tok, actors, gazetteer)
            if ref is not None:
                return ref
    return None


def find_roles(actors: DocActors, gazetteer: Gazetteer) -> Iterator[RoleMention]:
    """Every role a person mention is given in its document."""
    doc = actors.doc
    for person in actors.mentions:
        if person.type != "Person":
            continue
        head = doc[person.start : person.end].root
        sentence = head.sent
        for role, owner_words in _role_contexts(head, person, doc):
            if role is None:
                continue
            owner = _owner_in(owner_words, actors, gazetteer) or _clause_subject_owner(head, actors)
            if owner is None or owner.key == person.key:
                continue
            yield RoleMention(person, role[1], owner, role[0], sentence)
            break


def _role_contexts(
    head: Token, person: Mention, doc
) -> Iterator[tuple[tuple[str, str] | None, list[Token]]]:
    """(role phrase and predicate, words that may name the role's owner) around a name."""
    # 1. A title before the name: "Kremlin spokesman Dmitry Peskov", "China's President Xi".
    prefix = _title_prefix(doc, person.start)
    if prefix:
        yield role_in(prefix), prefix
    # 2. The name in apposition to a role: "Ukraine's chief negotiator, Rustem Umerov".
    if head.dep_ == "appos":
        noun = head.head
        words = [t for t in noun.subtree if t.i < noun.i + 1 and t.i < head.left_edge.i]
        yield role_in(words), words
    # 3. A role in apposition to the name: "Mark Rutte, the NATO chief,".
    for child in head.children:
        if child.dep_ == "appos" and not child.ent_type_:
            words = list(child.subtree)
            yield role_in(words), words
    # 4. "the US delegation, led by X and Y": leading a collective body represents its owner.
    by = head.head if head.dep_ in ("pobj", "conj") else None
    while by is not None and by.dep_ == "conj":
        by = by.head
    if by is not None and by.dep_ == "pobj":
        by = by.head
    if by is not None and by.lower_ == "by" and by.head.lemma_ in ("lead", "head"):
        body = by.head.head
        collective = table("roles")["collective"]
        if body.lemma_.lower() in collective:
            words = [t for t in body.subtree if t.i <= body.i]
            yield (f"{body.lower_} {by.head.lower_} by", "represents"), words


def _title_prefix(doc, start: int, limit: int = 6) -> list[Token]:
    """The words right before a name that can form its title ("WHO spokeswoman")."""
    role_words = {w for phrase in table("roles")["roles"] for w in phrase.split()}
    words: list[Token] = []
    i = start - 1
    while i >= 0 and len(words) < limit:
        tok = doc[i]
        is_role_word = tok.lower_ in role_words
        if (
            tok.is_space
            or not is_role_word
            and tok.pos_ in ("VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "NUM")
        ):
            break
        if tok.is_punct and tok.text not in ("-",):
            break
        if tok.pos_ == "PRON" and not tok.ent_type_ and tok.tag_ != "PRP$":
            break
        words.insert(0, tok)
        if tok.tag_ == "PRP$":
            break
        i -= 1
    return words


def _clause_subject_owner(head: Token, actors: DocActors) -> Mention | None:
    """ "The Kremlin reiterated ..., with spokesman Dmitry Peskov warning": the Kremlin."""
    root = head.sent.root
    for child in root.children:
        if child.dep_ == "nsubj":
            mention = actors.at(child)
            if mention is not None and mention.type in ("State", "Organization", "Group"):
                return mention
    return None


def metadata_role(speaker: Mention, body: Mention, title: str | None, nlp_words) -> RoleMention:
    """The role the input's metadata gives the document's speaker in ``body``: the
    predicate of the role phrase in ``title`` (``speaker_role``), else a
    representative. ``nlp_words`` tokenises the title."""
    role = role_in(list(nlp_words(title or ""))) or (title or "representative", "represents")
    return RoleMention(speaker, role[1], body, role[0], None)


def introduced_role(person: Mention, sentence, body: Mention, doc: Doc) -> RoleMention:
    """The role of a speaker who introduces themselves in ``body``: the role named
    between person and body ("X, executive director of Y"), else in the sentence."""
    between = list(doc[person.end : body.end]) if body.start > person.end else []
    role = role_in(between) or role_in(list(sentence)) or ("representative", "represents")
    return RoleMention(person, role[1], body, role[0], sentence)
