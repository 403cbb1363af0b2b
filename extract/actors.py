"""Find actor mentions in a parsed document and name them as one document can.

A mention carries a *key* that names the real-world actor as far as one
document can tell: ``gz:<id>`` when the gazetteer knows it (directly, through
a spelling variant, a title, a possessive or a metonym such as "the Kremlin"),
otherwise ``<type>:<name key>`` of the fullest name the document uses for it
("Tykhy" -> the key of "Georgiy Tykhy"). :mod:`stancegraph.extract.merge`
merges keys across documents.

What a name is, is read from the text's own structure as far as it tells:
titles, roles, party and nationality words before a name and letters after it
are never part of it ("Green MEP Caroline Lucas" is Caroline Lucas); a name
in capitals is the person named in mixed case; a body's acronym defined in
the text ("the Congressional Budget Office (CBO)") or spelt by the initials
of the one body the document names is that body; a name a common noun calls
a body ("the union Unison", "campaign group Vote No") is an organisation;
party words ("Liberal Democrat", "Lib Dems") name a party, never a person;
portfolios ("Home" of "Home Secretary"), numbered bills and programmes are
no actors at all.

Pronouns and descriptions ("he", "the Ukrainian president", "the US
delegation") are resolved by :mod:`stancegraph.extract.references` when they
are the source of a statement or relation.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Entry, Gazetteer, name_key
from stancegraph.extract.lexicon import table, words
from stancegraph.extract.mentions import DocActors, Mention
from stancegraph.extract.names import (
    NAME_JOINERS,
    initials,
    is_acronym,
    mixed_case,
    non_actor_name,
    organisation_key,
    title_word,
    without_initials,
)

__all__ = ["clean_person_name", "find_mentions", "last_word"]

#: lower-case words that begin a person's name when it is written without the given name
NAME_PARTICLES = frozenset("al bin da de del della der di dos du el ibn la le van von".split())


def _titles() -> frozenset[str]:
    return words("roles", "titles")


def _is_title(tok: Token) -> bool:
    return title_word(tok.text)


def _before_name(tok: Token, gazetteer: Gazetteer | None = None) -> bool:
    """A word before a person's name that is never part of it: a title, a role or
    its modifier, a portfolio, or a party or nationality word ("Tory", "British")."""
    low = tok.lower_
    if _is_title(tok) or low in words("roles", "title_modifiers"):
        return True
    if low in words("roles", "portfolios"):
        return True
    capitalised = tok.text[:1].isupper()
    if capitalised and low in words("roles", "affiliations"):
        return True
    return capitalised and gazetteer is not None and gazetteer.by_demonym(tok.text) is not None


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


def clean_person_name(span: Span | list[Token], gazetteer: Gazetteer | None = None) -> list[Token]:
    """A person's name without the words around it that are never part of it: titles,
    roles and their modifiers, portfolios, party and nationality words before it
    ("Green MEP Caroline Lucas", "Tory Dominic Grieve"), letters after it ("QC"),
    possessive markers and punctuation."""
    span = list(span)
    breaks = [n for n, t in enumerate(span) if t.is_space and "\n" in t.text]
    if breaks and any(t.is_alpha for t in span[: breaks[0]]):
        span = span[: breaks[0]]  # a name ends at its line ("Kari Nordmann\nExecutive Director")
    tokens = [
        t
        for t in span
        if not (t.is_punct or t.is_space) and t.tag_ != "POS" and t.text not in ("'s", "'")
    ]
    # "Labour Party chairman Ian McCartney": everything up to the last title goes
    last_title = max((n for n, t in enumerate(tokens[:-1]) if _is_title(t)), default=-1)
    if last_title >= 0 and all(t.text[:1].isupper() or t.is_stop for t in tokens[:last_title]):
        tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and (
        _before_name(tokens[0], gazetteer) or _function_word(tokens[0]) or _running_word(tokens[0])
    ):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].text in words("roles", "post_nominals"):  # "Peter Holm QC"
        tokens.pop()
    return tokens


def _function_word(tok: Token) -> bool:
    """ "the", "his" before a name; not a given name that is also a word ("Per", "Will")."""
    return tok.is_stop and (tok.is_lower or tok.pos_ in ("DET", "PRON", "ADP"))


def _running_word(tok: Token) -> bool:
    """A word of running text the NER took into a name ("rang Lucy"): in lower case and
    no particle of a name ("de Villepin", "van Gogh", "al-Assad")."""
    return tok.is_lower and tok.is_alpha and tok.lower_ not in NAME_PARTICLES


def _person_label(tokens: list[Token]) -> str:
    label = " ".join(t.text for t in tokens).replace(" - ", "-")
    return mixed_case(label) if label.isupper() and len(label) > 3 else label


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
    described = _described_organisations(doc, gazetteer)
    mentions: list[Mention] = []
    in_entities: set[int] = set()
    for ent in _entities(doc):
        in_entities.update(range(ent.start, ent.end))
        start = next((s for s, e in described.items() if s < ent.end and ent.start < e), None)
        if start is not None:  # the name a common noun calls a body ("the union Unison")
            mention = _organisation_mention(doc[start : described.pop(start)], gazetteer)
        elif any(m.start <= ent.start < m.end for m in mentions):
            continue  # inside a described body already read
        else:
            mention = _mention_for_entity(ent, gazetteer)
        if mention is not None and _generic(mention):
            mention = _named_before(mention, ent, mentions)
        if mention is not None:
            mentions.append(mention)
    for s, e in described.items():  # "campaign group Vote No": a name no entity covers
        if not in_entities & set(range(s, e)):
            mentions.append(_organisation_mention(doc[s:e], gazetteer))
    mentions.sort(key=lambda m: m.start)
    mentions = _acronyms(mentions, doc, gazetteer)
    mentions = _capitals_as_people(mentions)
    mentions = _confirm_surnames(mentions, doc, gazetteer)
    mentions = _resolve_short_names(mentions, doc)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    return DocActors(doc, mentions, by_token, genders=_genders(mentions, doc))


def _entities(doc: Doc) -> list[Span]:
    """The document's entities, a name the gazetteer's surname split from its given
    name ("Glenn" + "Campbell") joined again."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start:
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _organisation_mention(span: Span, gazetteer: Gazetteer) -> Mention:
    """A name the text calls a body: the gazetteer's body of that name or party word,
    else an organisation (or group) of that name."""
    tokens = [t for t in span if not t.is_space]
    while len(tokens) > 1 and (tokens[-1].tag_ == "POS" or tokens[-1].text in ("'s", "'")):
        tokens.pop()
    while len(tokens) > 1 and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    doc = span.doc
    name = " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())
    entry = gazetteer.lookup(name) or gazetteer.by_demonym(name)
    if entry is not None and entry.type in ("Organization", "Group"):
        return _entry_mention(doc[tokens[0].i : tokens[-1].i + 1], entry)
    kind = "Group" if {t.lower_ for t in tokens} & words("roles", "group_words") else "Organization"
    return Mention(
        tokens[0].i, tokens[-1].i + 1, f"{kind.lower()}:{organisation_key(name)}", name, kind
    )


def _described_organisations(doc: Doc, gazetteer: Gazetteer) -> dict[int, int]:
    """Names the text itself calls bodies, start -> end: "the union Unison", "campaign
    group Vote No", "the Unite union", "Unison, Britain's biggest union,"."""
    nouns = words("roles", "organisation_nouns")
    found: dict[int, int] = {}
    for tok in doc:
        if tok.lower_ not in nouns or tok.text != tok.lower_ or tok.pos_ != "NOUN":
            continue
        # "the union Unison": a name right after the noun
        end = _name_run_end(doc, tok.i + 1)
        if end > tok.i + 1 and _may_be_body(doc[tok.i + 1 : end], gazetteer, after=True):
            found[tok.i + 1] = end
            continue
        # "the Unite union": a name right before the noun it qualifies
        start = _name_run_start(doc, tok.i)
        if start < tok.i and _may_be_body(doc[start : tok.i], gazetteer, after=False):
            found[start] = tok.i
    for tok in doc:
        # "Unison, Britain's biggest union,": a description in apposition
        if tok.text != "," or tok.i == 0:
            continue
        before = doc[tok.i - 1]
        ent = before.ent_type_ and next((e for e in doc.ents if e.end == tok.i), None)
        if not ent:  # a name the parser did not take for one ("Coastwatch, the union,")
            start = _name_run_start(doc, tok.i)
            if start == tok.i or any(t.pos_ != "PROPN" for t in doc[start : tok.i]):
                continue
            ent = doc[start : tok.i]
        segment = _apposition_after(doc, tok.i)
        if (
            segment
            and segment[-1].lower_ in nouns
            and segment[-1].text == segment[-1].lower_
            and _may_be_body(ent, gazetteer, after=True)
        ):
            found.setdefault(ent.start, ent.end)
    return found


def _apposition_after(doc: Doc, comma: int, limit: int = 7) -> list[Token]:
    """The words between a comma and the next break, when they are a plain noun
    phrase (no verb, preposition or role word): "the public sector union"."""
    out: list[Token] = []
    for tok in doc[comma + 1 : comma + 2 + limit]:
        if tok.is_punct or tok.is_space or tok.is_sent_start:
            return out if tok.text in (",", ".", ")", ";", ":") or tok.is_sent_start else []
        if tok.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ") or _is_title(tok):
            return []
        out.append(tok)
    return []


def _name_run_end(doc: Doc, i: int, limit: int = 8) -> int:
    """The end of a run of capitalised name words starting at ``i`` ("Vote No",
    "Friends of the Earth"); ``i`` when there is none."""
    end = i
    j = i
    while j < len(doc) and j - i < limit:
        tok = doc[j]
        if tok.is_sent_start and j > i:
            break
        if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "INTJ", "ADV"):
            j += 1
            end = j
        elif tok.lower_ in NAME_JOINERS and end > i and j + 1 < len(doc):
            j += 1
        else:
            break
    return end


def _name_run_start(doc: Doc, i: int, limit: int = 6, *, joiners: bool = False) -> int:
    """The start of a run of capitalised name words ending right before ``i`` (with
    ``joiners``, also "of", "and", "for" between them: "Muslim Association of Britain")."""
    start = i
    while start > 0 and i - start < limit:
        tok = doc[start - 1]
        if joiners and tok.lower_ in NAME_JOINERS and start < i and start > 1:
            start -= 1
            continue
        if tok.is_space or tok.is_punct or not tok.text[:1].isupper() or tok.is_sent_start:
            if tok.is_sent_start and tok.text[:1].isupper() and tok.pos_ == "PROPN":
                start -= 1
            break
        start -= 1
    while start < i and doc[start].lower_ in NAME_JOINERS:
        start += 1
    return start


def _may_be_body(span: Span, gazetteer: Gazetteer, *, after: bool) -> bool:
    """Whether capitalised words next to "union" or "group" can be the body's name:
    not a person, a state or a place, nor a title ("the union General Secretary")."""
    if not len(span) or _is_title(span[0]) or span[0].lower_ in words("roles", "title_modifiers"):
        return False
    if any(t.ent_type_ == "PERSON" for t in span):
        return False
    if not after and any(t.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE") for t in span):
        return False  # "a London firm", "the Chilean union"
    entry = gazetteer.lookup(span.text) or gazetteer.by_demonym(span.text)
    if entry is not None and entry.type in ("State", "Person", "Place"):
        return False
    return any(t.is_alpha for t in span)


def _acronyms(mentions: list[Mention], doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """An acronym is the body it stands for: the one whose name its brackets follow
    and whose initials it spells ("the Congressional Budget Office (CBO)", "the
    Muslim Association of Britain (MAB)", whatever the parser made of the name),
    else the one body the document names whose initials it spells. Every use of it
    then names that body."""
    defined: dict[str, Mention] = {}
    for tok in doc[2:-1]:
        if tok.i + 1 < len(doc) and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")":
            if is_acronym(tok.text, defined=True):
                body = _spelt_before(doc, tok.i - 1, tok.text, mentions, gazetteer)
                if body is not None:
                    defined.setdefault(name_key(tok.text), body)
    if defined:  # a name read in full replaces the pieces the parser made of it
        new = [m for m in defined.values() if m not in mentions]
        mentions = [
            m for m in mentions if not any(n.start < m.end and m.start < n.end for n in new)
        ]
        mentions = sorted([*mentions, *new], key=lambda m: m.start)
    bodies = [
        m for m in mentions if m.type in ("Organization", "Group") and not is_acronym(m.label)
    ]
    out: list[Mention] = []
    for m in mentions:
        target = defined.get(name_key(m.label)) if len(m.label.split()) == 1 else None
        if target is None and not m.key.startswith("gz:") and is_acronym(m.label):
            spelt = {b.key: b for b in bodies if initials(b.label) == m.label.replace(".", "")}
            target = next(iter(spelt.values())) if len(spelt) == 1 else None
        if target is not None and target.key != m.key and not m.key.startswith("gz:"):
            m = Mention(
                m.start, m.end, target.key, target.label, target.type, target.wikidata,
                agent_only=m.agent_only and target.agent_only,
            )  # fmt: skip
        out.append(m)
    covered = {i for m in out for i in range(m.start, m.end)}
    for tok in doc:
        target = defined.get(name_key(tok.text)) if is_acronym(tok.text, defined=True) else None
        if target is not None and tok.i not in covered and tok.text[:1].isupper():
            out.append(
                Mention(tok.i, tok.i + 1, target.key, target.label, target.type, target.wikidata)
            )
    return sorted(out, key=lambda m: m.start)


def _spelt_before(
    doc: Doc, bracket: int, acronym: str, mentions: list[Mention], gazetteer: Gazetteer
) -> Mention | None:
    """The body named right before ``(ACRONYM)`` whose initials the acronym spells."""
    letters = acronym.replace(".", "").upper()
    before = next((m for m in mentions if m.end == bracket and m.type != "Person"), None)
    if before is not None and initials(before.label).upper() == letters:
        return before
    start = bracket
    nouns = words("roles", "organisation_nouns") | words("roles", "organisation_heads")
    while start > 0 and doc[start - 1].lower_ in nouns and doc[start - 1].text.islower():
        start -= 1  # "the Public and Commercial Services union (PCS)"
    start = _name_run_start(doc, start, limit=10, joiners=True)
    for s in range(start, bracket):
        span = doc[s:bracket]
        if span[0].text[:1].isupper() and initials(span.text).upper() == letters:
            return _organisation_mention(span, gazetteer)
    return None


def _confirm_surnames(mentions: list[Mention], doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """A surname alone ("Brown said") is the gazetteer's person of that surname only
    when the document also names them in full, or names what they lead, represent or
    belong to (Gordon Brown in a story about the Labour Party or Britain), or names in
    full someone who stands for the same (Tony Blair); else it may be anyone of that
    name."""
    named = {m.key for m in mentions}
    full = {m.key for m in mentions if m.type == "Person" and len(doc[m.start : m.end]) > 1}

    def ties_of(entry: Entry) -> set[str]:
        objects = {obj for _, obj, _ in entry.roles}
        parents = {getattr(gazetteer.entries.get(obj), "parent", None) for obj in objects}
        return {f"gz:{key}" for key in objects | parents if key}

    def alone(m: Mention, entry: Entry | None) -> bool:
        if entry is None or m.end - m.start > 1 or m.key in full:
            return False
        written = name_key(doc[m.start].text)
        return written not in {name_key(n) for n in (entry.label, *entry.aliases)}

    entries = {m.key: gazetteer.entries.get(m.key.removeprefix("gz:")) for m in mentions}
    # what the people the document names in full stand for (Clinton: the United States)
    named |= {
        tie
        for m in mentions
        if m.type == "Person" and (e := entries[m.key]) is not None and not alone(m, e)
        for tie in ties_of(e)
    }
    out = []
    for m in mentions:
        entry = entries[m.key] if m.type == "Person" else None
        written = name_key(doc[m.start].text)
        if alone(m, entry) and not ties_of(entry) & named or _named_first(m, mentions, doc):
            text = doc[m.start].text
            m = Mention(m.start, m.end, f"person:{written}", text, "Person")
        out.append(m)
    return out


def _named_first(m: Mention, mentions: list[Mention], doc: Doc) -> bool:
    """ "Clinton said" in a story that names Bill Clinton in full before Hillary
    Clinton: the surname alone is the one named first, not the gazetteer's."""
    if m.type != "Person" or m.end - m.start > 1 or not m.key.startswith("gz:"):
        return False
    surname = name_key(doc[m.start].text)
    first = [
        x
        for x in mentions
        if x.type == "Person" and x.end - x.start > 1 and name_key(doc[x.end - 1].text) == surname
    ]
    return bool(first) and first[0].key != m.key and any(x.key == m.key for x in first)


def _capitals_as_people(mentions: list[Mention]) -> list[Mention]:
    """ "JANE ROE" typed a body is the person the document names Jane Roe."""
    people = {name_key(m.label): m for m in mentions if m.type == "Person" and " " in m.label}
    out = []
    for m in mentions:
        person = people.get(name_key(m.label)) if m.label.isupper() else None
        if person is not None and m.type != "Person" and not m.key.startswith("gz:"):
            m = Mention(m.start, m.end, person.key, person.label, "Person", person.wikidata)
        out.append(m)
    return out


def _generic(mention: Mention) -> bool:
    """A name made of common words only ("Council", "Member States"), not a known one."""
    generic = words("roles", "generic_names")
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
        last = last_word(m, doc)
        if m.type != "Person" and last is not None and last.lower_.rstrip("s") == word:
            return Mention(ent.start, ent.end, m.key, m.label, m.type, m.wikidata, referring=True)
    return None


def last_word(mention: Mention, doc: Doc) -> Token | None:
    """The last word of a mention, whitespace after it left out."""
    tokens = [t for t in doc[mention.start : mention.end] if not t.is_space]
    return tokens[-1] if tokens else None


def _genders(mentions: list[Mention], doc: Doc) -> dict[str, str]:
    """Person key -> "m" or "f", from the titles the document gives them ("Mrs Hutt")."""
    genders: dict[str, str] = {}
    for m in mentions:
        if m.type == "Person" and m.start > 0:
            gender = table("roles")["gendered_titles"].get(doc[m.start - 1].lower_)
            if gender is not None:
                genders.setdefault(m.key, gender)
    return genders


def _mention_for_entity(ent: Span, gazetteer: Gazetteer) -> Mention | None:
    label = ent.label_
    one_entity = len({t.ent_id_ for t in ent}) == 1  # not two names joined (see _entities)
    entry = gazetteer.entries.get(ent.ent_id_) if ent.ent_id_ and one_entity else None
    if entry is None and label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        entry = gazetteer.lookup(ent.text) if label != "NORP" else gazetteer.by_demonym(ent.text)
    if label == "PERSON":
        return _person_mention(ent, entry, gazetteer)
    if entry is not None:
        if not entry.is_actor:
            return None
        names = {name_key(n) for n in (entry.label, *entry.aliases)}
        if label == "NORP" or (
            name_key(ent.text) in map(name_key, entry.demonyms) and name_key(ent.text) not in names
        ):
            # "Ukrainian troops" names no actor; "the Russians" stands for Russia. A
            # party's word in the singular is a member ("the Ohio Republican said").
            # "Cuban said" names a person: a demonym stands for its state as a subject
            # or object only in the plural, whatever the tagger says ("Russians")
            plural_noun = ent.root.tag_ in ("NNPS", "NNS") or (
                entry.type == "State"
                and ent.root.dep_ in ("nsubj", "dobj")
                and ent.root.lower_.endswith("s")
            )
            return _entry_mention(ent, entry) if plural_noun and ent.root.pos_ != "ADJ" else None
        # A capital or seat of government stands for its state only when it acts
        # ("Moscow demands ..."); "talks in Abu Dhabi" name a place.
        metonym = name_key(ent.text) in {name_key(m) for m in entry.metonyms}
        return _entry_mention(ent, entry, agent_only=metonym)
    name_words = [t for t in ent if not t.is_space]
    while name_words and (name_words[-1].tag_ == "POS" or name_words[-1].text in ("'s", "'")):
        name_words.pop()
    while name_words and (name_words[0].pos_ == "DET" or name_words[0].lower_ == "the"):
        name_words = name_words[1:]
    while label == "ORG" and len(name_words) > 1 and name_words[0].is_lower:
        name_words = name_words[1:]  # "the federal Securities and Exchange Commission"
    name = (
        " ".join(ent.doc[name_words[0].i : name_words[-1].i + 1].text.split()) if name_words else ""
    )
    if (
        not name
        or name[-1] == "-"
        or not any(sum(c.isalpha() for c in w) > 1 for w in name.split())
    ):
        return None  # "pro-", a stray piece of a word
    if non_actor_name(name):
        return None
    if (
        label == "ORG"
        and len(name_words) > 1
        and name_words[0].lower_ in words("roles", "title_modifiers") | {"new"}
    ):
        # "new European Commission president X": the body, not a "New European Commission"
        known = gazetteer.lookup(ent.doc[name_words[1].i : name_words[-1].i + 1].text)
        if known is not None and known.is_actor:
            return _entry_mention(ent, known, name_words[1].i)
    if label == "ORG" and len(name_words) > 1 and name_words[0].lower_ in _titles():
        return _person_mention(ent, None, gazetteer)  # "Mr Cable", "Sen. Holt"
    while (
        label == "ORG"
        and len(name_words) > 1
        and _is_title(name_words[-1])
        and all(t.lower_ in words("roles", "affiliations") for t in name_words[:-1])
    ):
        name_words = name_words[:-1]  # "Labour MP": the party, and a title after it
        name = " ".join(ent.doc[name_words[0].i : name_words[-1].i + 1].text.split())
    lowered = [t.lower_ for t in name_words]
    if label in ("ORG", "GPE", "NORP") and all(
        w in words("roles", "affiliations") for w in lowered
    ):
        # "Liberal Democrat leader X", "the Greens": a party word names the party only
        # as a noun of its own
        plural = ent.root.tag_ in ("NNPS", "NNS") or lowered[-1] in _plural_affiliations()
        if label != "ORG" and not plural:
            return None
        key = f"organization:{organisation_key(name)}"
        end = name_words[-1].i + 1
        return Mention(name_words[0].i, end, key, name, "Organization", agent_only=True)
    if (
        label == "ORG"
        and len(name_words) > 2
        and name_words[-1].text in words("roles", "post_nominals")
    ):
        # "Guy Mansfield QC", "Tomas Reyes MP": a person with the letters after the name
        return _person_mention(ent.doc[name_words[0].i : name_words[-1].i], None, gazetteer)
    if label in ("ORG", "GPE") and _portfolio(name_words, ent):
        return None  # "Home" of "Home Secretary", "Education" of "Education minister"
    if label == "ORG" and _names_a_thing(name_words, ent):
        return None  # "the Sustainable Development Goals", "the Horizon Europe programme"
    if label == "GPE" and (
        (is_acronym(name) and len(name) >= 3) or lowered[-1] in words("roles", "organisation_heads")
    ):
        label = "ORG"  # "PCS", "Borders Council": no state the gazetteer knows, a body
    if label == "ORG":
        state = (
            _state_before(ent, gazetteer)
            if name_words[-1].lower_ in table("roles")["state_bodies"]
            else None
        )
        if state is not None:
            # "Russia's Foreign Ministry", "the Ukrainian Defence Ministry": that state's
            # ministry, not every state's "Foreign Ministry" in one node
            name = f"{state.demonyms[0] if state.demonyms else state.label} {name}"
            known = gazetteer.lookup(name)
            if known is not None and known.is_actor:
                return _entry_mention(ent, known, name_words[0].i)
        kind = "Group" if set(lowered) & words("roles", "group_words") else "Organization"
        # A statistical ORG that names no kind of body ("Budget", "Dorset") is an
        # actor only when it acts.
        heads = words("roles", "organisation_heads")
        named_body = any(w.rstrip(".") in heads for w in lowered) or kind == "Group"
        return Mention(
            name_words[0].i,
            ent.end,
            f"{kind.lower()}:{organisation_key(name)}",
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


@cache
def _plural_affiliations() -> frozenset[str]:
    return frozenset(table("roles")["affiliation_singulars"])


def _portfolio(name_words: list[Token], ent: Span) -> bool:
    """ "Home" of "Home Secretary", "Shadow Home" of "Shadow Home Secretary": a name
    made of portfolio words right before a government title is no body."""
    fields = words("roles", "portfolios") | words("roles", "title_modifiers") | {"and", "&", "new"}
    if not all(t.lower_ in fields for t in name_words):
        return False
    doc = ent.doc
    i = ent.end
    while i < len(doc) and doc[i].lower_ in fields:
        i += 1
    return i < len(doc) and doc[i].lower_ in words("roles", "government_roles")


def _names_a_thing(name_words: list[Token], ent: Span) -> bool:
    """A plan, a law, a programme, an event: named so ("the Paris Agreement") or
    called so by the noun it qualifies ("the Horizon Europe programme")."""
    things = words("roles", "non_actor_heads")
    if name_words[-1].lower_ in things:
        return True
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return (
        after is not None
        and after.lower_ in things
        and after.text == after.lower_
        and ent.root.head == after
    )


def _person_mention(ent: Span, entry: Entry | None, gazetteer: Gazetteer) -> Mention | None:
    tokens = clean_person_name(ent, gazetteer)
    if not tokens or not any(t.is_alpha for t in tokens):
        return None
    if all(t.lower_ in words("roles", "affiliations") for t in tokens):
        # "Liberal Democrat", "Lib Dem": a party word, never a person
        return _mention_for_entity_as(ent, "ORG", gazetteer)
    if len(tokens) == 1 and tokens[0].text.isupper() and is_acronym(tokens[0].text):
        # "BAA said": a body's letters, never a person's name
        known = gazetteer.lookup(tokens[0].text)
        if known is not None:
            return _entry_mention(ent, known, tokens[0].i) if known.is_actor else None
        key = f"organization:{organisation_key(tokens[0].text)}"
        i = tokens[0].i
        return Mention(i, i + 1, key, tokens[0].text, "Organization", agent_only=True)
    if len(tokens) == 1 and _is_title(tokens[0]) and not _surname_like_a_title(tokens[0]):
        return None  # "Chancellor" alone: a title, no name
    start, end = tokens[0].i, ent.end
    if any("\n" in t.text for t in ent.doc[tokens[-1].i : end]):
        end = tokens[-1].i + 1  # the name ended at its line
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
    known = gazetteer.lookup(label) or gazetteer.lookup(without_initials(label))
    if known is not None and known.type == "Person":
        return Mention(start, end, f"gz:{known.id}", known.label, "Person", known.wikidata)
    return Mention(start, end, f"person:{name_key(label)}", label, "Person")


def _mention_for_entity_as(ent: Span, label: str, gazetteer: Gazetteer) -> Mention | None:
    """Read an entity the parser mistyped as the given type."""
    entry = gazetteer.lookup(ent.text) or gazetteer.by_demonym(ent.text)
    if entry is not None and entry.type in ("Organization", "Group"):
        return _entry_mention(ent, entry) if ent.root.tag_ in ("NNPS", "NNS") else None
    tokens = [t for t in ent if not t.is_space]
    name = " ".join(ent.doc[tokens[0].i : tokens[-1].i + 1].text.split())
    if label == "ORG" and tokens[-1].lower_ in _plural_affiliations():
        key = f"organization:{organisation_key(name)}"
        return Mention(tokens[0].i, ent.end, key, name, "Organization", agent_only=True)
    return None


def _surname_like_a_title(tok: Token) -> bool:
    """ "Mr. King" after "Larry King": a surname that is also a title, after a form of
    address, when the document names someone in full with it ("Mr. President"
    stays a title)."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].lower_.rstrip(".") not in ("mr", "mrs", "ms", "miss", "dr"):
        return False
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text
        for ent in doc.ents
        if ent.end != tok.i + 1
    )


def _bare_name_word(doc: Doc, i: int) -> Token | None:
    """The token at ``i`` if it is a capitalised name word outside any entity."""
    if not 0 <= i < len(doc):
        return None
    tok = doc[i]
    if tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.lower_ not in _titles():
        return tok
    return None


def _surname(label: str) -> str:
    """A name's last word with the lower-case particles before it: "de Blasio" of "Bill
    de Blasio", "Blasio" of "Ana Blasio", "Gore" of "Al Gore"."""
    parts = label.split()
    first = len(parts) - 1
    while first > 1 and parts[first - 1] in NAME_PARTICLES:
        first -= 1
    return " ".join(parts[first:])


def _resolve_short_names(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Give "Tykhy" the key of "Georgiy Tykhy" when the document names him in full."""
    full: dict[str, Mention] = {}
    particled: dict[str, Mention] = {}  # "de Blasio" of "Bill de Blasio"
    for m in mentions:
        if m.type == "Person" and " " in m.label:
            full.setdefault(name_key(m.label.split()[-1]), m)
            surname = _surname(m.label)
            if " " in surname and surname != m.label:
                particled.setdefault(name_key(surname), m)
    resolved = []
    for m in mentions:
        longer = particled.get(name_key(m.label))
        if longer is not None and longer.label != m.label and not m.key.startswith("gz:"):
            m = Mention(m.start, m.end, longer.key, longer.label, "Person", longer.wikidata)
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
