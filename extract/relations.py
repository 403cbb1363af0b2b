"""Roles between actors: who a person is and whom they speak for, read from the
text's own structure, with or without a gazetteer entry.

- a title before the name: "Kremlin spokesman Dmitry Peskov" (spokesperson_of
  Russia), "Liberal Democrat leader X" (leader_of the party), "Conservative
  shadow foreign secretary X" and "Green MEP X" (member_of the party: a post in
  a government or parliament, held for a party), "the union's general secretary X";
- an apposition: "Ukraine's chief negotiator, Rustem Umerov", "X, director of
  Y", "X, the head of Y", "X, the NATO chief"; "the MP for Stamford" names a
  constituency, never an organisation;
- a party and state tag: "Sen. X, R-Ky.", "Rep. X (D-N.Y.)" (member_of the party);
- "the US delegation, led by X" (represents the United States);
- the document's own speaker: metadata, a testimony heading ("Prepared
  Statement of X, Director, Clean Water and Coasts Program, Rivers Trust":
  employed_by Rivers Trust, the programme is no actor), a self-introduction and
  what speakers say of themselves ("I am the president of Y", "I represent Y",
  "on behalf of Y", "I testify for Y").

A portfolio ("Home Secretary", "Education minister") is a post in a
government: when the text names no owner, it is the government of the state
the document is about (:func:`home_state`). The predicate says what the tie is
(leader_of, spokesperson_of, represents, member_of, employed_by); the title is
kept as the role. The words are data (``ontology/roles.json``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Entry, Gazetteer, name_key
from stancegraph.extract.lexicon import table, words
from stancegraph.extract.mentions import DocActors, Mention, RoleMention
from stancegraph.extract.names import (
    NAME_JOINERS,
    given_names,
    mixed_case,
    organisation_key,
    person_name,
    role_words,
)
from stancegraph.extract.references import resolve_reference

__all__ = [
    "find_roles",
    "heading_parts",
    "home_state",
    "introduced_role",
    "metadata_role",
    "role_in",
    "speaker_roles",
]

#: the widest role phrase ("chancellor of the exchequer")
_WIDEST = 4


def role_in(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """The rightmost role phrase among ``tokens``: (role words, predicate)."""
    found = _role_at(tokens)
    return (found[2], found[3]) if found else None


def _role_at(tokens: Sequence[Token]) -> tuple[int, int, str, str] | None:
    """The rightmost role phrase: its start and end among ``tokens``, words and predicate."""
    roles = table("roles")["roles"]
    lowered = [t.lower_ for t in tokens]
    for end in range(len(lowered), 0, -1):
        for width in range(_WIDEST, 0, -1):
            if end - width < 0:
                continue
            phrase = " ".join(lowered[end - width : end]).replace(" - ", "-")
            if phrase in roles:
                return end - width, end, phrase, roles[phrase]
    return None


def _title(tokens: Sequence[Token]) -> tuple[str, str, int, int] | None:
    """The title among ``tokens`` with the words that qualify it ("shadow foreign
    secretary", "home affairs spokesman"): (title, predicate, start, end among ``tokens``)."""
    found = _role_at(tokens)
    if found is None:
        return None
    start, end, _, predicate = found
    qualifiers = words("roles", "title_modifiers") | words("roles", "portfolios")
    while start > 0 and (
        tokens[start - 1].lower_ in qualifiers or tokens[start - 1].lower_ in role_words()
    ):
        start -= 1
    title = " ".join(t.lower_ for t in tokens[start:end]).replace(" - ", "-")
    return title, predicate, start, end


def _predicate(title: str, predicate: str, owner: Mention, gazetteer: Gazetteer) -> str | None:
    """What the tie is, given whose title it is: a post in a government or parliament
    held for a party ("Conservative shadow foreign secretary", "Labour MP") makes a
    member of the party; a shadow post is no post in a state's government."""
    if owner.type == "State":
        return None if "shadow" in title.split() else predicate
    if _government(title) and _is_party(owner, gazetteer):
        return "member_of"
    return predicate


def _government(title: str) -> bool:
    """A post in a state's government or legislature ("shadow foreign secretary", "MP")."""
    government = words("roles", "government_roles")
    head = title.split()
    return head[-1] in government or " ".join(head[-2:]) in government


def _is_party(owner: Mention, gazetteer: Gazetteer) -> bool:
    """A political party: named so, by party words only ("Greens"), or known to the
    gazetteer with words for its members ("Tory", "Liberal Democrat")."""
    lowered = owner.label.lower().split()
    if lowered[-1] == "party" or all(w in words("roles", "affiliations") for w in lowered):
        return True
    entry = gazetteer.entries.get(owner.key.removeprefix("gz:"))
    return entry is not None and entry.type == "Organization" and bool(entry.demonyms)


def _entry_mention(tok: Token | Span, entry: Entry) -> Mention:
    start, end = (tok.i, tok.i + 1) if isinstance(tok, Token) else (tok.start, tok.end)
    return Mention(start, end, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)


def _affiliation(span: Span, gazetteer: Gazetteer) -> Mention | None:
    """The party or state a word before a title names: "Liberal Democrat", "Tory",
    "Ukrainian" (through the gazetteer), else a party's own words ("Green")."""
    entry = gazetteer.by_demonym(span.text)
    if entry is not None:
        return _entry_mention(span, entry)
    lowered = [t.lower_ for t in span]
    if all(w in words("roles", "affiliations") for w in lowered):
        name = " ".join(span.text.split())
        key = f"organization:{organisation_key(name)}"
        return Mention(span.start, span.end, key, name, "Organization", agent_only=True)
    return None


def _constituency(tok: Token) -> bool:
    """ "MP for Stamford", "the MP for Grantham and Stamford", "senator from Ohio": a
    place a legislator is elected for."""
    government = words("roles", "government_roles")
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.i - 8, 0) - 1, -1):
        word = doc[i]
        if word.lower_ in ("for", "from"):
            return i > 0 and doc[i - 1].lower_ in government
        if word.pos_ == "ADP" or word.is_punct or word.is_sent_start:
            return False
    return False


def _owners(
    tokens: Sequence[Token], actors: DocActors, gazetteer: Gazetteer, *, people: bool = False
) -> list[Mention]:
    """The states, organisations and parties a title's words name, in text order: a
    body's name ("Kremlin spokesman"), a party or nationality word ("Liberal
    Democrat leader", "Ukrainian envoy"), a possessive ("its", "the union's"). A
    constituency ("MP for Stamford") is none, nor a person unless ``people`` ("his
    envoy", "Trump's spokesman": a person's own envoy or spokesperson)."""
    qualifiers = words("roles", "title_modifiers") | words("roles", "portfolios")
    found: list[Mention] = []
    n = 0
    while n < len(tokens):
        tok = tokens[n]
        mention = actors.at(tok)
        if mention is not None:
            if (people or mention.type != "Person") and not _constituency(tok):
                found.append(mention)
            while n < len(tokens) and actors.at(tokens[n]) is mention:
                n += 1
            continue
        owner = None
        if tok.tag_ == "PRP$" and tok.lower_ not in ("my", "our"):  # a speaker's "our general"
            owner = resolve_reference(tok, actors, gazetteer)
        elif tok.dep_ == "poss" and tok.pos_ == "NOUN":
            owner = _body_by_noun(tok, actors, gazetteer)
        elif tok.text[:1].isupper() and tok.lower_ not in qualifiers and not tok.is_punct:
            # "Liberal Democrat", "Lib Dem", "Ukrainian": a run of capitalised words,
            # without the title words at its end ("Green MEP")
            end = n + 1
            while end < len(tokens) and tokens[end].text[:1].isupper():
                if actors.at(tokens[end]) is not None:
                    break
                end += 1
            while end > n and tokens[end - 1].lower_ in role_words() | qualifiers:
                end -= 1
            if end > n:
                owner = _affiliation(tok.doc[tok.i : tokens[end - 1].i + 1], gazetteer)
                n = end - 1 if owner is not None else n
        if owner is not None and (people or owner.type != "Person"):
            found.append(owner)
        n += 1
    return found


def _owner_before(
    tokens: Sequence[Token], actors: DocActors, gazetteer: Gazetteer, *, people: bool = False
):
    """The owner named before a title: the nearest body ("pro-Iraq war Labour MP"),
    else the nearest state ("BBC Scotland correspondent" is the BBC's)."""
    found = _owners(tokens, actors, gazetteer, people=people)[::-1]
    owner = next((m for m in found if m.type != "State"), found[0] if found else None)
    return _place_body(owner, tokens, actors.doc) if owner is not None else None


def _place_body(owner: Mention, tokens: Sequence[Token], doc: Doc) -> Mention:
    """ "Norfolk police chief": the title is the police's, a body named by its place
    and its kind, not the place's (a place the gazetteer does not know)."""
    after = [t for t in tokens if t.i == owner.end]
    noun = after[0] if after else None
    bodies = words("roles", "state_bodies")
    if owner.key.startswith("gz:") or noun is None or noun.pos_ != "NOUN":
        return owner
    if not noun.is_lower or noun.lower_ not in bodies:
        return owner
    label = f"{doc[owner.start : owner.end].text} {noun.text.title()}"
    key = f"organization:{organisation_key(label)}"
    return Mention(owner.start, noun.i + 1, key, label, "Organization")


def _owner_after(tokens: Sequence[Token], actors: DocActors, gazetteer: Gazetteer):
    """The owner named right after a title, in its own phrase: "director of the
    campaign group Vote No", "president of Acme"; not "the representative of a
    people who are heirs of the Babylonians"."""
    allowed = words("roles", "organisation_nouns") | words("roles", "portfolios")
    phrase: list[Token] = []
    for n, tok in enumerate(tokens):
        named = actors.at(tok) is not None or (tok.text[:1].isupper() and tok.pos_ == "PROPN")
        if not named and n and tok.pos_ == "ADP" and tok.lower_ not in ("of", "for", "from"):
            break
        modifier = tok.dep_ in ("compound", "amod", "nmod")  # "the public sector union X"
        if not named and tok.pos_ in ("NOUN", "VERB", "AUX") and tok.lower_ not in allowed:
            if not (tok.pos_ == "NOUN" and modifier):
                break
        phrase.append(tok)
    found = _owners(phrase, actors, gazetteer)
    return found[0] if found else None


def _body_by_noun(token: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """ "the union's general secretary", "the party's Treasury spokesman": the last body
    the document named with that word, called so ("the union Unison") or, for
    "party", the last party it named."""
    lemma = token.lemma_.lower()
    doc = actors.doc
    for m in reversed([m for m in actors.mentions if m.end <= token.i and m.type != "Person"]):
        around = [doc[i] for i in (m.start - 1, m.end) if 0 <= i < len(doc)]
        if doc[m.end - 1].lemma_.lower() == lemma or any(t.lemma_.lower() == lemma for t in around):
            return m
        if lemma == "party" and _is_party(m, gazetteer):
            return m
    return None


def home_state(actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The state a document is about: the one it names most (directly, through the
    bodies, parties and office holders of that state the gazetteer knows), when it
    is named at least twice and twice as often as any other."""
    counts: Counter = Counter()
    named: dict[str, Mention] = {}
    for m in actors.mentions:
        key = m.key
        entry = gazetteer.entries.get(key.removeprefix("gz:")) if key.startswith("gz:") else None
        if m.type == "State":
            if entry is None and m.agent_only and not key.startswith("gz:"):
                continue  # an unknown place name
            counts[key] += 1
            named.setdefault(key, m)
            continue
        state = None
        if entry is not None and entry.parent:
            state = gazetteer.entries.get(entry.parent)
        elif entry is not None and entry.roles:
            state = gazetteer.entries.get(entry.roles[0][1])
        if state is not None and state.type == "State":
            counts[f"gz:{state.id}"] += 1
            named.setdefault(
                f"gz:{state.id}",
                Mention(-1, -1, f"gz:{state.id}", state.label, "State", state.wikidata),
            )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return named[ranked[0][0]]


def _known_post(person: Mention, title: str, gazetteer: Gazetteer) -> Mention | None:
    """The state or body in which the gazetteer says a person holds this post
    ("Home Secretary Charles Clarke": the United Kingdom)."""
    entry = gazetteer.entries.get(person.key.removeprefix("gz:"))
    for _, obj, post in entry.roles if entry is not None else ():
        owner = gazetteer.entries.get(obj)
        if owner is not None and name_key(post) == name_key(title):
            return Mention(-1, -1, f"gz:{owner.id}", owner.label, owner.type, owner.wikidata)
    return None


def _portfolio_title(title: str) -> bool:
    """A government post named by its field ("home secretary", "education minister",
    "chancellor of the exchequer"), not a bare "secretary" nor a shadow post."""
    head = title.split()
    if "shadow" in head or head[-1] not in ("secretary", "minister", "exchequer", "general"):
        return False
    if title in ("chancellor of the exchequer", "attorney general", "attorney-general"):
        return True
    return any(w in words("roles", "portfolios") for w in head[:-1])


def find_roles(actors: DocActors, gazetteer: Gazetteer) -> Iterator[RoleMention]:
    """Every role a person mention is given in its document."""
    doc = actors.doc
    home: list[Mention | None] = []  # computed when first needed
    for person in actors.mentions:
        if person.type != "Person":
            continue
        head = doc[person.start : person.end].root
        sentence = head.sent
        seen: set[str] = set()
        for title, predicate, before, after in _role_contexts(head, person, doc):
            personal = predicate in ("represents", "spokesperson_of") and not _government(title)
            owner = (
                _owner_before(before, actors, gazetteer, people=personal)
                or _owner_after(after, actors, gazetteer)
                or _clause_subject_owner(head, actors)
            )
            if owner is None and _portfolio_title(title):
                owner = _known_post(person, title, gazetteer)
                if owner is None:
                    if not home:
                        home.append(home_state(actors, gazetteer))
                    owner = home[0]
            if owner is None or owner.key == person.key or owner.key in seen:
                continue
            past = words("roles", "past_modifiers")
            if set(title.split()) & past or any(t.lower_ in past for t in before):
                continue  # "former welfare minister", "then-Georgian leader": no tie now
            if not _may_own(owner, title, predicate):
                continue
            tie = _predicate(title, predicate, owner, gazetteer)
            if tie is None:
                continue
            seen.add(owner.key)
            yield RoleMention(person, tie, owner, title, sentence)
        tag = _party_tag(doc, person, gazetteer)
        if tag is not None and tag.key not in seen:
            yield RoleMention(person, "member_of", tag, _tag_text(doc, person), sentence)


def _may_own(owner: Mention, title: str, predicate: str) -> bool:
    """Whether a place can own a title. A place the gazetteer does not know as a state
    owns only a jurisdiction's title ("Texas governor"; "Oxfordshire MP" names a
    constituency, "Norfolk police chief" no police); a capital standing for its
    state owns only its envoys, spokespeople and leaders ("Kremlin spokesman";
    "London mayor" is the city's)."""
    if owner.type != "State" or not owner.agent_only:
        return True
    head = title.split()[-1]
    if not owner.key.startswith("gz:"):
        return head in words("roles", "jurisdiction_titles")
    return predicate in ("represents", "spokesperson_of") or head == "leader"


def _role_contexts(
    head: Token, person: Mention, doc: Doc
) -> Iterator[tuple[str, str, list[Token], list[Token]]]:
    """(title, predicate, words before the title, words after it) around a name; the
    words on either side may name the title's owner."""
    # 1. A title before the name: "Kremlin spokesman Dmitry Peskov", "China's President Xi".
    prefix = _title_prefix(doc, person.start)
    found = _title(prefix) if prefix else None
    if found is not None:
        yield found[0], found[1], prefix[: found[2]], []
    # 2. The name in apposition to a role: "Ukraine's chief negotiator, Rustem Umerov".
    if head.dep_ == "appos":
        noun = head.head
        before = [t for t in noun.subtree if t.i < noun.i + 1 and t.i < head.left_edge.i]
        found = _title(before)
        if found is not None:
            yield found[0], found[1], before[: found[2]], before[found[3] :]
    # 3. A role in apposition to the name: "X, director of Y", "Mark Rutte, the NATO
    #    chief,"; the title comes first ("X, the son of a Y minister" is no title of X's).
    after = _apposition(doc, person.end)
    found = _title(after) if after else None
    if found is not None and not any(t.pos_ == "ADP" for t in after[: found[2]]):
        yield found[0], found[1], after[: found[2]], after[found[3] :]
    for child in head.children:
        if child.dep_ == "appos" and not child.ent_type_:
            words_ = [t for t in child.subtree if t.i <= child.i]
            found = _title(words_)
            if found is not None and found[3] == len(words_):
                rest = [t for t in child.subtree if t.i > child.i]
                yield found[0], found[1], words_[: found[2]], rest
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
            owner_words = [t for t in body.subtree if t.i <= body.i]
            yield f"{body.lower_} {by.head.lower_} by", "represents", owner_words, []


def _apposition(doc: Doc, end: int, limit: int = 12) -> list[Token]:
    """The words after a name's comma up to the next break: "director of
    anti-constitution group Vote No", "the MP for Grantham and Stamford"."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    out: list[Token] = []
    for tok in doc[end + 1 : end + 1 + limit]:
        if tok.is_sent_start or tok.text in (",", ";", ":", ")", "(", '"') or tok.is_space:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in role_words():
            return []  # "X, who represents ...", "X, said ..."
        if tok.pos_ == "PRON" and tok.tag_ != "PRP$":
            return []
        out.append(tok)
    return out


def _title_prefix(doc: Doc, start: int, limit: int = 7) -> list[Token]:
    """The words right before a name that can form its title ("WHO spokeswoman",
    "Conservative shadow foreign secretary")."""
    words_: list[Token] = []
    i = start - 1
    titles = role_words()
    fields = words("roles", "portfolios")
    while i >= 0 and len(words_) < limit:
        tok = doc[i]
        is_role_word = tok.lower_ in titles
        if tok.lower_ in ("and", "&") and words_ and words_[0].lower_ in fields:
            if i > 0 and doc[i - 1].lower_ in fields:  # "work and pensions spokesman"
                words_.insert(0, tok)
                i -= 1
                continue
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
        words_.insert(0, tok)
        if tok.tag_ == "PRP$" or tok.dep_ == "poss":
            break
        i -= 1
    if i >= 0 and words_ and doc[i].tag_ == "POS" and i > 0:
        words_.insert(0, doc[i - 1])  # "the union's general secretary"
    return words_


def _clause_subject_owner(head: Token, actors: DocActors) -> Mention | None:
    """ "The Kremlin reiterated ..., with spokesman Dmitry Peskov warning": the Kremlin."""
    root = head.sent.root
    for child in root.children:
        if child.dep_ == "nsubj":
            mention = actors.at(child)
            if mention is not None and mention.type in ("State", "Organization", "Group"):
                return mention
    return None


def _party_tag(doc: Doc, person: Mention, gazetteer: Gazetteer) -> Mention | None:
    """ "Sen. X, R-Ky.", "Rep. X (D-N.Y.)": the party of the tag after a name."""
    i = person.end
    if i < len(doc) and doc[i].text in (",", "("):
        i += 1
    tags = table("roles")["party_tags"]
    if i + 2 >= len(doc) or doc[i].text not in tags or doc[i + 1].text not in ("-", "–"):
        return None
    place = doc[i + 2]
    if not (place.text[:1].isupper() and len(place.text.rstrip(".")) <= 6):
        return None
    name = tags[doc[i].text]
    entry = gazetteer.lookup(name)
    if entry is not None and entry.is_actor:
        return _entry_mention(doc[i], entry)
    return Mention(i, i + 1, f"organization:{organisation_key(name)}", name, "Organization")


def _tag_text(doc: Doc, person: Mention) -> str:
    i = person.end + (1 if doc[person.end].text in (",", "(") else 0)
    return doc[i : i + 3].text.replace(" ", "")


def metadata_role(
    speaker: Mention, body: Mention, title: str | None, nlp_words, gazetteer: Gazetteer
) -> RoleMention:
    """The role the input's metadata gives the document's speaker in ``body``: the
    predicate of the role phrase in ``title`` (``speaker_role``), else a
    representative. ``nlp_words`` tokenises the title."""
    found = _title(list(nlp_words(title or "")))
    title_, predicate = found[:2] if found else (title or "representative", "represents")
    tie = _predicate(title_, predicate, body, gazetteer) or "represents"
    return RoleMention(speaker, tie, body, title_, None)


def introduced_role(
    person: Mention, sentence, body: Mention, doc: Doc, gazetteer: Gazetteer
) -> RoleMention:
    """The role of a speaker who introduces themselves in ``body``: the title named
    between person and body ("X, executive director of Y"), else in the sentence.
    A part of the body named between title and body ("Director, Clean Water and
    Coasts Program, Rivers Trust") makes the person its employee."""
    between = list(doc[person.end : body.start]) if body.start > person.end else []
    found = _title(between)
    unit = found is not None and _unit_between(between[found[3] :])
    found = found or _title(list(sentence))
    if found is None:
        return RoleMention(person, "represents", body, "representative", sentence)
    title, predicate = found[:2]
    tie = "employed_by" if unit else _predicate(title, predicate, body, gazetteer) or predicate
    return RoleMention(person, tie, body, title, sentence)


def _unit_between(tokens: Sequence[Token]) -> bool:
    """Whether a part of a body ("Clean Water and Coasts Program") comes after a title."""
    return any(t.lower_ in words("roles", "units") for t in tokens)


def heading_parts(heading: Span, actors: DocActors, gazetteer: Gazetteer):
    """The speaker and body a testimony heading names by its structure: "Prepared
    Statement of NAME, TITLE, [UNIT,] BODY[, PLACE]", one part a comma or line.

    Returns the speaker and the body (either may be None), each an actor
    mention of the document where it names one, else read from the words
    ("ROE, JANE" is Jane Roe, "ACME POLICY ANALYSIS, INC." the company).
    """
    doc = heading.doc
    of = next((t for t in heading if t.lower_ in ("of", "by", "from")), None)
    if of is None:
        return None, None
    parts = _parts(doc[of.i + 1 : heading.end])
    if not parts:
        return None, None
    name_parts = 1
    if len(parts) > 1 and len(parts[0]) <= 3 and _given(parts[1]):
        name_parts = 2  # "Roe, Jane": Last, First
    person = _person_of(parts[:name_parts], actors, gazetteer)
    for part in parts[name_parts:]:  # after the title and any unit: the body
        if _place_or_date(part, gazetteer) or part[-1].lower_ in words("roles", "units"):
            continue
        if _title(part) is None or _names_body(part, actors):
            return person, _body_of(part, actors, gazetteer)
    return person, None


def _parts(span: Span) -> list[list[Token]]:
    """A heading's words split at commas and line breaks, a company's "Inc." kept
    with its name."""
    parts: list[list[Token]] = [[]]
    for tok in span:
        if tok.text == "," or (tok.is_space and "\n" in tok.text):
            parts.append([])
        elif not tok.is_space:
            parts[-1].append(tok)
    parts = [p for p in parts if p]
    suffixes = words("roles", "company_suffixes")
    merged: list[list[Token]] = []
    for part in parts:
        if merged and "".join(t.lower_ for t in part) in suffixes:
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    return merged


def _given(part: list[Token]) -> bool:
    return given_names(" ".join(t.text for t in part))


def _whole(part: list[Token], actors: DocActors) -> Mention | None:
    """The actor mention that covers a heading's part, but for an article."""
    words_ = [t for t in part if t.lower_ != "the"]
    mention = actors.at(words_[0]) if words_ else None
    if mention is not None and mention.start <= words_[0].i and words_[-1].i < mention.end:
        return mention
    return None


def _person_of(parts: list[list[Token]], actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The person a heading's first part (or two: "ROE, JANE") names, if it is a name."""
    tokens = [t for p in parts for t in p]
    mention = _whole(tokens, actors) if len(parts) == 1 else None
    if mention is not None:
        return mention if mention.type == "Person" else None
    text = ", ".join(" ".join(t.text for t in p) for p in parts)
    label = person_name(text)
    if not 2 <= len(label.split()) <= 5 or not given_names(label.replace(" ", " ").split()[0]):
        return None
    heads = words("roles", "organisation_heads")
    if any(w.lower() in heads or w.lower() in NAME_JOINERS for w in label.split()):
        return None  # "STATEMENT OF THE CLEAN AIR ALLIANCE": a body, not a person
    entry = gazetteer.lookup(label)
    start, end = tokens[0].i, tokens[-1].i + 1
    if entry is not None and entry.type == "Person":
        return Mention(start, end, f"gz:{entry.id}", entry.label, "Person", entry.wikidata)
    return Mention(start, end, f"person:{name_key(label)}", label, "Person")


def _body_of(part: list[Token], actors: DocActors, gazetteer: Gazetteer) -> Mention:
    mention = _whole(part, actors)
    if mention is not None and mention.type != "Person":
        return mention
    named = [actors.at(t) for t in part if actors.at(t) is not None]
    if any(m.type not in ("Person", "State") for m in named) and _title(part) is not None:
        return next(m for m in named if m.type not in ("Person", "State"))  # "Director of Y"
    text = " ".join(part[0].doc[part[0].i : part[-1].i + 1].text.split())
    while text.lower().startswith(("the ", "on behalf of ")):
        text = text.split(" ", 1)[1] if not text.lower().startswith("on behalf of ") else text[13:]
    label = mixed_case(text) if text.isupper() else text
    entry = gazetteer.lookup(label)
    start, end = part[0].i, part[-1].i + 1
    if entry is not None and entry.is_actor:
        return Mention(start, end, f"gz:{entry.id}", entry.label, entry.type, entry.wikidata)
    return Mention(start, end, f"organization:{organisation_key(label)}", label, "Organization")


def _names_body(part: list[Token], actors: DocActors) -> bool:
    """ "Director of the Congressional Budget Office": a title part that names its body."""
    return any(
        actors.at(t) is not None and actors.at(t).type not in ("Person", "State") for t in part
    )


def _place_or_date(part: list[Token], gazetteer: Gazetteer) -> bool:
    """ "Washington", "D.C.", "March 3, 2021": where and when, not who."""
    alpha = [t for t in part if t.is_alpha or t.like_num or "." in t.text]
    if not alpha:
        return True
    if all(t.ent_type_ in ("GPE", "LOC", "DATE", "CARDINAL") for t in alpha):
        entry = gazetteer.lookup(" ".join(t.text for t in part))
        return entry is None or entry.type in ("State", "Place")
    return False


def speaker_roles(doc: Doc, actors: DocActors, gazetteer: Gazetteer) -> Iterator[RoleMention]:
    """What the document's speaker says of themselves: "I am the president of Y",
    "I'm a member of Y", "I represent Y", "I testify today on behalf of Y",
    "I work for Y" (``first_person_roles`` in ``ontology/roles.json``)."""
    speaker = actors.speaker
    if speaker is None:
        return
    phrases = table("roles")["first_person_roles"]
    for sentence in doc.sents:
        lowered = [t.lower_ for t in sentence]
        if not {"i", "i'm", "my", "me"} & set(lowered):
            continue
        for n, tok in enumerate(sentence):
            rest = list(sentence)[n + 1 :]
            if tok.lower_ == "behalf" and n and lowered[n - 1] == "on" and rest[:1]:
                cue, after = "on behalf of", rest[1:]
            elif tok.lower_ == "i" and tok.dep_ in ("nsubj", "nsubjpass"):
                cue, after = _first_person_cue(tok, rest, phrases)
            else:
                continue
            if cue is None:
                continue
            role = _speaker_role(speaker, cue, after, phrases, actors, gazetteer, sentence)
            if role is not None:
                yield role


def _first_person_cue(i: Token, rest: list[Token], phrases: dict) -> tuple[str | None, list[Token]]:
    """The cue after "I": "represent", "testify for", "am a member of", "work at"; "am"
    before a title ("I am the president of Y") is its own cue."""
    verb = i.head
    lemma = verb.lemma_.lower()
    after = [t for t in rest if t.i > verb.i]
    if lemma == "be":
        text = " ".join(t.lower_ for t in after[:4])
        for phrase in ("a member of", "with"):
            if text.startswith(phrase):
                return f"am {phrase}", after[len(phrase.split()) :]
        return "am", after
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and f"{lemma} {child.lower_}" in phrases:
            return f"{lemma} {child.lower_}", [t for t in after if t.i > child.i]
    if lemma in phrases:
        return lemma, after
    return None, []


def _speaker_role(
    speaker: Mention,
    cue: str,
    after: list[Token],
    phrases: dict,
    actors: DocActors,
    gazetteer: Gazetteer,
    sentence: Span,
) -> RoleMention | None:
    clause = []
    for tok in after:
        if tok.text in (";",) or (tok.lower_ == "and" and clause and _next_is_i(tok)):
            break
        clause.append(tok)
    if cue == "am":
        found = _title(clause[:8])
        if found is None:
            return None
        title, predicate, _, end = found
        owner = _owner_before(clause[: found[2]], actors, gazetteer) or _owner_after(
            clause[end:], actors, gazetteer
        )
    else:
        title, predicate = cue, phrases[cue]
        owner = _owner_after(clause[:12], actors, gazetteer)
    if owner is None or owner.key == speaker.key or owner.type == "Person":
        return None
    if owner.type == "State" and not owner.key.startswith("gz:"):
        return None  # "I represent Ohio's fourth district": a constituency
    tie = _predicate(title, predicate, owner, gazetteer)
    return RoleMention(speaker, tie, owner, title, sentence) if tie else None


def _next_is_i(tok: Token) -> bool:
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "i"
