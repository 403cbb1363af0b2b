"""Find actor mentions in a parsed document and name them as one document can.

A mention carries a *key* that names the real-world actor as far as one
document can tell: ``gz:<id>`` when the gazetteer knows it (directly, through
a spelling variant, a title, a possessive or a metonym such as "the Kremlin"),
otherwise ``<type>:<name key>`` of the fullest name the document uses for it
("Tykhy" -> the key of "Georgiy Tykhy"). :mod:`stancegraph.extract.merge`
merges keys across documents.

Pronouns and descriptions ("he", "the Ukrainian president", "the US
delegation") are resolved by :mod:`stancegraph.extract.references` when they
are the source of a statement or relation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Entry, Gazetteer, name_key
from stancegraph.extract.lexicon import table, words
from stancegraph.extract.mentions import DocActors, Mention

__all__ = ["clean_person_name", "find_mentions", "last_word"]


def _titles() -> frozenset[str]:
    return words("roles", "titles")


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
    while len(tokens) > 1 and tokens[-1].text in words("roles", "post_nominals"):  # "Peter Holm QC"
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
    name_words = [t for t in ent if not t.is_space]
    while name_words and (name_words[-1].tag_ == "POS" or name_words[-1].text in ("'s", "'")):
        name_words.pop()
    while name_words and name_words[0].pos_ == "DET":
        name_words = name_words[1:]
    name = (
        " ".join(ent.doc[name_words[0].i : name_words[-1].i + 1].text.split()) if name_words else ""
    )
    if not name or not any(c.isalpha() for c in name):
        return None
    if (
        label == "ORG"
        and len(name_words) > 2
        and name_words[-1].text in words("roles", "post_nominals")
    ):
        # "Guy Mansfield QC", "Tomas Reyes MP": a person with the letters after the name
        return _person_mention(ent.doc[name_words[0].i : name_words[-1].i], None, gazetteer)
    if label == "ORG":
        if name_words[-1].lower_ in table("roles")["non_actor_heads"]:
            return None  # "the Sustainable Development Goals", "the Paris Agreement"
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
        lowered = {t.lower_ for t in name_words}
        kind = "Group" if lowered & words("roles", "group_words") else "Organization"
        # A statistical ORG that names no kind of body ("Budget", "Dorset") is an
        # actor only when it acts.
        named_body = bool(lowered & words("roles", "organisation_heads")) or kind == "Group"
        return Mention(
            name_words[0].i,
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
