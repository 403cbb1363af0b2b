"""Find actor mentions in a parsed document and resolve them within it.

A mention carries a *key* that names the real-world actor as far as one
document can tell: ``gz:<id>`` when the gazetteer knows it (directly, through
a spelling variant, a title, a possessive or a metonym such as "the Kremlin"),
otherwise ``<type>:<name key>`` of the fullest name the document uses for it
("Tykhy" -> the key of "Georgiy Tykhy"). :mod:`stancegraph.extract.corpus`
merges keys across documents.

Pronouns and descriptions ("he", "the Ukrainian president", "the US
delegation") are resolved by :func:`resolve_reference` when they are the agent
of a statement or relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Entry, Gazetteer, name_key
from stancegraph.ontology import load_json

__all__ = ["Mention", "DocActors", "find_mentions", "resolve_reference"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_GROUP_WORDS = {
    "rebels", "militants", "militia", "militias", "insurgents", "separatists", "protesters",
    "movement", "brigade", "front", "taliban", "jihadists", "fighters", "activists",
}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One mention of an actor: token span ``[start, end)`` in the document."""

    start: int
    end: int
    key: str
    label: str
    type: str
    wikidata: str | None = None
    #: True for names that are only actors when they act (a city that "said" something).
    agent_only: bool = False
    #: a common word standing for an actor named before ("the Council"): not one of its names
    referring: bool = False


@dataclass
class DocActors:
    """The mentions of one document, indexed by token."""

    doc: Doc
    mentions: list[Mention]
    by_token: dict[int, Mention]
    speaker: Mention | None = None
    #: person key -> the organisation or state they speak for, whose "we" it is
    bodies: dict[str, Mention] = field(default_factory=dict)
    #: (predicate, owner key) -> the person holding that role, e.g. the spokesperson of Russia
    role_holders: dict[tuple[str, str], Mention] = field(default_factory=dict)
    #: role phrase -> the last person the document gave that title ("foreign minister")
    titled: dict[str, Mention] = field(default_factory=dict)
    #: quotations with their speakers (see stancegraph.extract.attribution)
    quotes: list = field(default_factory=list)
    #: person key -> "m" or "f" where a title tells ("Mr Blair", "Mrs Hutt")
    genders: dict[str, str] = field(default_factory=dict)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


def _titles() -> set[str]:
    return set(load_json("roles.json")["titles"])


def _org_heads() -> set[str]:
    return set(load_json("roles.json")["organisation_heads"])


#: last words of the names of a state's own bodies ("Foreign Ministry", "General Staff")
_STATE_BODIES = {
    "ministry", "department", "embassy", "parliament", "army", "navy", "police", "court",
    "bank", "agency", "service", "staff", "guard", "office", "forces", "force", "council",
}  # fmt: skip


def _state_before(ent: Span, gazetteer: Gazetteer) -> Entry | None:
    """The state named just before an organisation's name: "Russia's", "the Russian"."""
    doc, i = ent.doc, ent.start
    if i >= 2 and doc[i - 1].tag_ == "POS":
        entry = gazetteer.lookup(doc[i - 2].text)
    elif i >= 1 and doc[i - 1].ent_type_ == "NORP":
        entry = gazetteer.by_demonym(doc[i - 1].text)
    else:
        return None
    return entry if entry is not None and entry.type == "State" else None


#: letters after a person's name
_POST_NOMINALS = {"QC", "KC", "MP", "MEP", "MSP", "MLA", "TD", "OBE", "CBE", "KBE"}


def clean_person_name(span: Span | list[Token]) -> list[Token]:
    """Drop titles, possessive markers and punctuation around a person's name."""
    titles = _titles()
    tokens = [
        t
        for t in span
        if not (t.is_punct or t.is_space) and t.tag_ != "POS" and t.text not in ("'s", "'")
    ]
    while len(tokens) > 1 and (
        tokens[0].lower_ in titles or tokens[0].lower_.rstrip(".") in titles or tokens[0].is_stop
    ):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].text in _POST_NOMINALS:  # "Peter Holm QC"
        tokens.pop()
    return tokens


def _person_label(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens).replace(" - ", "-")


def _entry_mention(
    ent: Span, entry: Entry, start: int | None = None, *, agent_only: bool = False
) -> Mention:
    return Mention(
        start if start is not None else ent.start,
        ent.end,
        f"gz:{entry.id}",
        entry.label,
        entry.type,
        entry.wikidata,
        agent_only=agent_only,
    )


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> DocActors:
    """All actor mentions of ``doc``, resolved within the document."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        mention = _mention_for_entity(ent, gazetteer)
        if mention is not None and _generic(mention):
            mention = _named_before(mention, ent, mentions)
        if mention is not None:
            mentions.append(mention)
    mentions = _resolve_short_names(mentions, doc)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    return DocActors(doc, mentions, by_token, genders=_genders(mentions, doc))


def _generic(mention: Mention) -> bool:
    """A name made of common words only ("Council", "Member States"), not a known one."""
    generic = load_json("roles.json")["generic_names"]
    return not mention.key.startswith("gz:") and all(
        word in generic for word in mention.label.lower().split()
    )


def _named_before(mention: Mention, ent: Span, earlier: list[Mention]) -> Mention | None:
    """ "the Council" after "the Security Council": the last body the document named
    with that word. Nothing when the word is not definite ("Member States") or no
    such body was named."""
    doc = ent.doc
    first = ent[0] if ent[0].pos_ == "DET" else (doc[ent.start - 1] if ent.start else None)
    if first is None or first.lower_ not in ("the", "this", "that"):
        return None
    word = mention.label.lower().split()[-1].rstrip("s")
    for m in reversed(earlier):
        last = _last_word(m, doc)
        if m.type != "Person" and last is not None and last.lower_.rstrip("s") == word:
            return Mention(ent.start, ent.end, m.key, m.label, m.type, m.wikidata, referring=True)
    return None


def _last_word(mention: Mention, doc: Doc) -> Token | None:
    """The last word of a mention, whitespace after it left out."""
    words = [t for t in doc[mention.start : mention.end] if not t.is_space]
    return words[-1] if words else None


_GENDERED_TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "lady": "f", "dame": "f",
    "queen": "f", "princess": "f", "baroness": "f",
}  # fmt: skip


def _genders(mentions: list[Mention], doc: Doc) -> dict[str, str]:
    """Person key -> "m" or "f", from the titles the document gives them ("Mrs Hutt")."""
    genders: dict[str, str] = {}
    for m in mentions:
        if m.type == "Person" and m.start > 0:
            gender = _GENDERED_TITLES.get(doc[m.start - 1].lower_)
            if gender is not None:
                genders.setdefault(m.key, gender)
    return genders


def _mention_for_entity(ent: Span, gazetteer: Gazetteer) -> Mention | None:
    label = ent.label_
    entry = gazetteer.entries.get(ent.ent_id_) if ent.ent_id_ else None
    if entry is None and label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        entry = gazetteer.lookup(ent.text) if label != "NORP" else gazetteer.by_demonym(ent.text)
    if label == "PERSON":
        return _person_mention(ent, entry, gazetteer)
    if entry is not None:
        if not entry.is_actor:
            return None
        if label == "NORP" or (
            entry.demonyms and name_key(ent.text) in map(name_key, entry.demonyms)
        ):
            # "Ukrainian troops" names no actor; "the Russians" stands for Russia.
            plural_noun = ent.root.tag_ in ("NNPS", "NNS") or ent.root.dep_ in ("nsubj", "dobj")
            return _entry_mention(ent, entry) if plural_noun and ent.root.pos_ != "ADJ" else None
        # A capital or seat of government stands for its state only when it acts
        # ("Moscow demands ..."); "talks in Abu Dhabi" name a place.
        metonym = name_key(ent.text) in {name_key(m) for m in entry.metonyms}
        return _entry_mention(ent, entry, agent_only=metonym)
    words = [t for t in ent if not t.is_space]
    while words and (words[-1].tag_ == "POS" or words[-1].text in ("'s", "'")):
        words.pop()
    while words and words[0].pos_ == "DET":
        words = words[1:]
    name = " ".join(ent.doc[words[0].i : words[-1].i + 1].text.split()) if words else ""
    if not name or not any(c.isalpha() for c in name):
        return None
    if label == "ORG" and len(words) > 2 and words[-1].text in _POST_NOMINALS:
        # "Guy Mansfield QC", "Tomas Reyes MP": a person with the letters after the name
        return _person_mention(ent.doc[words[0].i : words[-1].i], None, gazetteer)
    if label == "ORG":
        if words[-1].lower_ in load_json("roles.json")["non_actor_heads"]:
            return None  # "the Sustainable Development Goals", "the Paris Agreement"
        state = _state_before(ent, gazetteer) if words[-1].lower_ in _STATE_BODIES else None
        if state is not None:
            # "Russia's Foreign Ministry", "the Ukrainian Defence Ministry": that state's
            # ministry, not every state's "Foreign Ministry" in one node
            name = f"{state.demonyms[0] if state.demonyms else state.label} {name}"
            known = gazetteer.lookup(name)
            if known is not None and known.is_actor:
                return _entry_mention(ent, known, words[0].i)
        lowered = {t.lower_ for t in words}
        kind = "Group" if lowered & _GROUP_WORDS else "Organization"
        # A statistical ORG that names no kind of body ("Budget", "Dorset") is an
        # actor only when it acts.
        named_body = bool(lowered & _org_heads()) or kind == "Group"
        return Mention(
            words[0].i,
            ent.end,
            f"{kind.lower()}:{name_key(name)}",
            name,
            kind,
            agent_only=not named_body,
        )
    if label == "GPE":
        return Mention(
            ent.start, ent.end, f"state:{name_key(name)}", name, "State", agent_only=True
        )
    if label == "NORP" and ent.root.tag_ in ("NNPS", "NNS"):
        return Mention(
            ent.start, ent.end, f"group:{name_key(name)}", name, "Group", agent_only=True
        )
    return None


def _person_mention(ent: Span, entry: Entry | None, gazetteer: Gazetteer) -> Mention | None:
    tokens = clean_person_name(ent)
    if not tokens or not any(t.is_alpha for t in tokens):
        return None
    start, end = tokens[0].i, ent.end
    if entry is not None and not entry.is_actor:
        return None
    if entry is not None and entry.type == "Person":
        surname_only = len(tokens) == 1 and name_key(entry.label) != name_key(tokens[0].text)
        before = _bare_name_word(ent.doc, start - 1)
        after = _bare_name_word(ent.doc, end)
        if surname_only and (before is not None or after is not None):
            # "Melania Trump", "Charles Kennedy": the ruler matched one word of
            # someone else's name.
            tokens = [t for t in (before, *tokens, after) if t is not None]
            start, end = tokens[0].i, tokens[-1].i + 1
        else:
            return _entry_mention(ent, entry, start)
    titled = start > 0 and ent.doc[start - 1].lower_ in _titles()
    if entry is not None and entry.type != "Person" and not titled:
        return _entry_mention(ent, entry, start)  # "Jordan" is a state, "Mr Jordan" a man
    # The NER often stops inside an unfamiliar name ("Tomas" of "Tomas Reyes MP").
    while (after := _bare_name_word(ent.doc, end)) is not None:
        tokens.append(after)
        end += 1
    label = _person_label(tokens)
    known = gazetteer.lookup(label)
    if known is not None and known.type == "Person":
        return Mention(start, end, f"gz:{known.id}", known.label, "Person", known.wikidata)
    return Mention(start, end, f"person:{name_key(label)}", label, "Person")


def _bare_name_word(doc: Doc, i: int) -> Token | None:
    """The token at ``i`` if it is a capitalised name word outside any entity."""
    if not 0 <= i < len(doc):
        return None
    tok = doc[i]
    if tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.lower_ not in _titles():
        return tok
    return None


def _resolve_short_names(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Give "Tykhy" the key of "Georgiy Tykhy" when the document names him in full."""
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "Person" and " " in m.label:
            full.setdefault(name_key(m.label.split()[-1]), m)
    resolved = []
    for m in mentions:
        single = " " not in m.label and not m.key.startswith("gz:")
        if single and m.type in ("Person", "Organization"):
            # "Kowalczyk" (or an ORG-tagged "Campbell") after "Maria Kowalczyk".
            longer = full.get(name_key(m.label))
            if longer is not None:
                m = Mention(m.start, m.end, longer.key, longer.label, "Person", longer.wikidata)
            elif m.type == "Person" and not (m.start > 0 and doc[m.start - 1].lower_ in _titles()):
                # A lone name the document never gives in full may be anyone: an actor
                # only when it acts (the corpus may still join it to a full name).
                # "Lord Falconer", "Mr Kowalczyk": the title says it is a person.
                m = Mention(m.start, m.end, m.key, m.label, "Person", agent_only=True)
        resolved.append(m)
    return resolved


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
    if token.pos_ == "PRON":
        if lower in ("i", "me", "my", "we", "us", "our"):
            return _first_person(token, actors)
        if lower in _PERSON_PRONOUNS:
            return _antecedent(token, actors, persons=True, gazetteer=gazetteer)
        if lower in ("it", "they", "its", "their", "them"):
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
        gender = "f" if token.lower_ in ("she", "her", "hers", "herself") else "m"
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
            if named is None and gazetteer is not None and main.pos_ in ("NOUN", "PROPN"):
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


_ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "conj", "appos")


def _describe(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Resolve a description such as "the Ukrainian president", "the US delegation"
    or "the Massachusetts Democrat"."""
    found = _describe_role(token, actors, gazetteer)
    if found is None and _describes_named_person(token):
        found = _antecedent(token, actors, persons=True, gazetteer=gazetteer)
    if found is None and _definite(token):
        found = _body_named_before(token, actors)
    return found


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _body_named_before(token: Token, actors: DocActors) -> Mention | None:
    """ "the association" after "the National Mining Association": the last body the
    document named with that word."""
    word = token.lemma_.lower()
    if word not in load_json("roles.json")["generic_names"]:
        return None
    for m in reversed([m for m in actors.mentions if m.end <= token.i]):
        last = _last_word(m, actors.doc)
        if m.type != "Person" and last is not None and last.lemma_.lower() == word:
            return m
    return None


def _describes_named_person(token: Token) -> bool:
    """ "the Massachusetts Democrat", "the veteran lawmaker": a person named before."""
    return token.lemma_.lower() in load_json("roles.json")["person_descriptions"] and _definite(
        token
    )


def _describe_role(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    roles = load_json("roles.json")
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
    if owner is None:
        # "the foreign minister": the person the document last gave that title.
        words = [
            c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
        ]
        for phrase in (" ".join([*words[-2:], lemma]), " ".join([*words[-1:], lemma]), lemma):
            if phrase in actors.titled:
                return actors.titled[phrase]
        title = " ".join([*words[-1:], lemma])
        office = roles["roles"].get(title) or roles["roles"].get(lemma)
        if office == "leader_of" or lemma in _OFFICES:
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
    holder = actors.role_holders.get((predicate, owner.key))
    if holder is None and predicate in ("spokesperson_of", "represents"):
        return owner  # "a UKIP spokesman said": the party speaks
    return holder


#: titles held by one person in a story ("the foreign secretary said"), unlike "an official"
_OFFICES = {
    "minister", "secretary", "senator", "congressman", "congresswoman", "lawmaker",
    "ambassador", "envoy", "negotiator", "governor", "mayor",
}  # fmt: skip


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
