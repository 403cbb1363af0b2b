"""Stances: an actor, a cue, and the position the cue is about.

Rules work on the dependency parse, so they hold for wording they have never
seen:

- a *stance cue* (``ontology/cues.json``) is a verb ("rejects", "calls for",
  "rules out") or a noun ("Moscow's refusal to ...", "Trump's push to ...");
- its *agent* is the clause subject, inherited through coordination and
  participles ("Kyiv rejects ..., insisting on ..."), the ``by`` agent of a
  passive, or the possessor of a noun cue; pronouns and descriptions are
  resolved by :func:`~stancegraph.extract.actors.resolve_reference`;
- its *object* is the direct object, the prepositional object the cue takes,
  an infinitive or a ``that`` clause; cues nest ("refusal to tolerate X"
  opposes X; "will not compromise on X" supports X);
- an object such as "these conditions" or "this proposal" points back to the
  positions put forward just before;
- *reporting* verbs ("said", "warned", "argued") report a claim: a claim of
  intent or obligation ("fighting would continue") is a stance for it;
  other claims are kept as ``neutral`` statements, so that who-said-what is
  never lost;
- negation flips polarity; modal hedges and conditions are flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.actors import DocActors, Mention, resolve_reference
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.ontology import load_json

__all__ = [
    "Cue",
    "StanceMention",
    "assertion_polarity",
    "find_stances",
    "noun_cue",
    "report_content",
    "verb_cue",
]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_CUT = {"relcl", "advcl", "appos", "parataxis", "punct", "mark", "cc", "preconj"}
_LEADING_DROP = {
    "a", "an", "the", "any", "such", "this", "these", "that", "those", "some", "to",
    "its", "their", "his", "her", "our", "my", "your",
}  # fmt: skip
_MAX_LABEL_WORDS = 12
#: sentences longer than this are not read: their parse is noise and reading them is quadratic
MAX_SENTENCE_TOKENS = 300


@dataclass(frozen=True)
class Cue:
    key: str
    type: str
    polarity: str  # support, oppose or report
    preps: tuple[str, ...] = ()
    advocacy: bool = False  # a reporting verb that puts forward its clause ("argue")


@dataclass(frozen=True)
class StanceMention:
    """A stance found in one sentence, before actors and positions are merged."""

    actor: Mention
    predicate: str
    polarity: str
    cue: Token
    sentence: Span
    object_tokens: tuple[Token, ...] = ()
    #: positions pointed back to ("these conditions"): ids or labels of earlier stances
    refers_to: tuple[StanceMention, ...] = ()
    conditional: bool = False
    hedged: bool = False
    confidence: float = 0.5
    resolved_actor: bool = False  # the agent was a pronoun or description
    #: a sentence of the document's own speaker, read without a cue ("We must act.")
    own: bool = False
    #: the whole reported clause, relative clauses included, when it says more than
    #: the object: what a catalogue's claims are matched against
    clause_tokens: tuple[Token, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def object_text(self) -> str:
        return position_label(self.object_tokens)

    @property
    def claim_tokens(self) -> tuple[Token, ...]:
        """What the statement claims, to match against a catalogue of claims."""
        return self.clause_tokens or self.object_tokens


def _cues() -> dict:
    return load_json("cues.json")


def verb_cue(token: Token) -> Cue | None:
    """The stance cue a verb token is, if any ("called for" -> calls_for)."""
    if token.pos_ not in ("VERB",) and not (token.pos_ == "AUX" and token.lemma_ == "need"):
        return None
    verbs = _cues()["verbs"]
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "agent") and f"{lemma} {child.lower_}" in verbs:
            entry = verbs[f"{lemma} {child.lower_}"]
            return Cue(f"{lemma} {child.lower_}", entry["type"], entry["polarity"], (child.lower_,))
    if lemma in verbs:
        entry = verbs[lemma]
        needs = entry.get("needs")
        if needs and not any(c.dep_ in needs for c in token.children):
            return None  # "called a meeting" is no "called the plan a disgrace"
        return Cue(lemma, entry["type"], entry["polarity"], advocacy=entry.get("advocacy", False))
    return None


def noun_cue(token: Token) -> Cue | None:
    if token.pos_ != "NOUN":
        return None
    nouns = _cues()["nouns"]
    lemma = token.lemma_.lower()
    if lemma not in nouns:
        return None
    entry = nouns[lemma]
    return Cue(lemma, entry["type"], entry["polarity"], tuple(entry.get("preps", ())))


def is_negated(token: Token) -> bool:
    """ "will not reject", "never accepted", "no support for"; not "done not through
    summits but by trust", which negates a phrase, not the verb."""
    for child in token.children:
        if child.dep_ == "neg" and child.i + 1 < len(child.doc) and child.nbor().pos_ == "ADP":
            continue
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    if token.dep_ in ("xcomp",) and token.head.pos_ == "AUX":
        return is_negated(token.head)
    return False


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb, inherited through coordination and participles."""
    if depth > 6:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "conj":
        if verb.tag_ in ("VBD", "VBZ") and head.dep_ == "ccomp" and head.tag_ != verb.tag_:
            # "He warned that X will not be swayed ... and emphasized Y": emphasized
            # pairs with warned, not with the reported verb.
            return subject_of(head.head, depth + 1)
        if verb.tag_ == "VBG" and head.tag_ != "VBG":
            # "proposing that X be frozen ... and refusing Y": refusing pairs with proposing.
            for ancestor in verb.ancestors:
                if ancestor.tag_ == "VBG" and ancestor.dep_ != "conj":
                    return subject_of(ancestor, depth + 1)
        return subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return subject_of(head.head, depth + 1)  # "We join others in condemning X"
    if verb.dep_ in ("xcomp", "advcl", "acl") and verb.tag_ in ("VBG", "VB", "VBN"):
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBN"
            and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return None  # "Asked whether ..., X said": X was asked; who asked is not said
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            return _noun_agent(head)
        if verb.tag_ == "VBG" and _reports(verb):
            # "X said Republicans would pass it, adding that ...": the parser hangs
            # "adding" on the reported clause; the one adding is who reported it.
            reporter = next((a for a in head.ancestors if _reports(a)), None)
            if reporter is not None and head.dep_ == "ccomp":
                return subject_of(reporter, depth + 1)
        return subject_of(head, depth + 1)
    return None


def _deontic(verb: Token) -> bool:
    """ "must act", "should be lifted", "has to stop"."""
    modals = set(_cues()["deontic_modals"])
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modals for c in verb.children)


def _reports(token: Token) -> bool:
    cue = verb_cue(token)
    return cue is not None and cue.polarity == "report"


def _noun_agent(noun: Token) -> Token | None:
    """ "Moscow's refusal", "a demand by Russia", "the Trump push"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return child
    return None


def _subtree(token: Token, cut: set[str] = _CLAUSE_CUT) -> list[Token]:
    """A token's subtree without relative/adverbial clauses and punctuation."""
    out = [token]
    for child in token.children:
        if child.dep_ in cut and not _infinitival(child) or child.lower_ == "including":
            continue
        out.extend(_subtree(child, cut))
    return sorted(out, key=lambda t: t.i)


def _infinitival(token: Token) -> bool:
    """ "legislation to regulate emissions", "act to set limits": an infinitive that
    completes a noun or says what an action is for."""
    return token.dep_ in ("relcl", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def position_label(tokens: tuple[Token, ...] | list[Token]) -> str:
    """A short readable label from an object's tokens."""
    words = [t for t in tokens if not t.is_punct or t.text in ("-",)]
    while words and words[0].lower_ in _LEADING_DROP:
        words = words[1:]
    words = words[:_MAX_LABEL_WORDS]
    text = ""
    for prev, tok in zip([None, *words], words, strict=False):
        if prev is not None and (prev.whitespace_ or tok.i != prev.i + 1):
            text += " "
        text += tok.text
    return text.strip()


def _objects(cue_token: Token, cue: Cue) -> list[Token]:
    """Heads of the things a cue is about."""
    heads: list[Token] = []
    children = list(cue_token.children)
    for child in children:
        if child.dep_ in ("prep", "agent") and (
            child.lower_ in cue.preps
            or (not cue.preps and cue_token.pos_ == "NOUN" and child.lower_ in ("for", "on", "to"))
            or (
                not cue.preps
                and cue_token.pos_ == "VERB"
                and child.lower_ in ("for", "against")
                and child.i > cue_token.i
            )
        ):
            heads.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    dobj = next((c for c in children if c.dep_ in ("dobj", "attr")), None)
    clauses = [c for c in children if c.dep_ in ("xcomp", "ccomp", "acl")]
    # "I want to be clear: we do not support X": a clause before the cue is not its object
    clause = next((c for c in clauses if c.i > cue_token.i), clauses[0] if clauses else None)
    if dobj is not None and not heads:
        if clause is not None and clause.dep_ == "xcomp":
            heads.append(
                clause
            )  # "urged his partners to apply more pressure": the addressee is no object
        else:
            heads.append(dobj)
    elif clause is not None and not heads:
        heads.append(clause)
    # "called on all parties to work for peace": the addressee's task is the object.
    return [_task_of_addressee(h) for h in heads]


def _task_of_addressee(head: Token) -> Token:
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in child.children
            ):
                return child
    return head


def _coordinated(head: Token) -> list[Token]:
    """ "tougher sanctions or increased arms transfers": each conjunct on its own."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ == head.pos_ and head.pos_ in ("NOUN", "PROPN"):
            out.extend(_coordinated(child))
    return out


_PLACE_PREPS = {"on", "to", "into", "along", "across", "from", "inside", "within"}


def _object_tokens(head: Token) -> tuple[Token, ...]:
    """The words of an object, and where it is ("troops on Ukrainian soil").

    The head's own conjuncts are objects of their own (see :func:`_coordinated`)
    or other predicates, so they are left out.
    """
    tokens = [head]
    for child in head.children:
        kept = child.dep_ not in _CLAUSE_CUT or _infinitival(child)
        if kept and child.dep_ != "conj" and child.lower_ != "including":
            tokens.extend(_subtree(child))
    verb = head.head
    if head.dep_ == "dobj" and verb.pos_ == "VERB":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and child.i > head.i:
                tokens.extend(_subtree(child))
    return tuple(sorted(tokens, key=lambda t: t.i))


def _flags(cue_token: Token, sentence: Span) -> tuple[bool, bool]:
    cues = _cues()
    hedges = set(cues["hedges"])
    marks = set(cues["conditional_marks"])
    hedged = any(c.lower_ in hedges for c in cue_token.children) or any(
        t.lower_ in ("reportedly", "allegedly", "apparently") for t in sentence
    )
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in cue_token.children
    ) or any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in cue_token.subtree)
    return conditional, hedged


def find_stances(doc: Doc, actors: DocActors, gazetteer: Gazetteer) -> Iterator[StanceMention]:
    """All stances and attributed claims of a document, in reading order."""
    previous: list[StanceMention] = []
    quotes = {q.start: q for q in actors.quotes}
    quote_verbs = {q.verb.i for q in actors.quotes if q.verb is not None}
    for sentence in doc.sents:
        if len(sentence) > MAX_SENTENCE_TOKENS:
            continue  # a run-on "sentence" (a list, a table, unpunctuated text): no reliable parse
        found: list[StanceMention] = []
        consumed: set[int] = set()  # cue tokens already read as part of an outer cue
        for token in sentence:
            if token.i in consumed:
                continue
            cue = verb_cue(token) or noun_cue(token)
            if cue is None:
                continue
            read = _read_cue(token, cue, sentence, actors, gazetteer, previous, consumed)
            if token.i in quote_verbs:
                # What the verb reports is the quotation, read as one claim below.
                read = [s for s in read if s.polarity != "neutral"]
            found.extend(read)
        for start in range(sentence.start, sentence.end):
            if start in quotes and not _read_at_verb(quotes[start], found):
                found.append(_quote_claim(quotes[start], actors, gazetteer))
        found = _reported_once(found)
        inside_quote = any(q.start < sentence.end and q.end > sentence.start for q in actors.quotes)
        if not found and not inside_quote:
            claim = _according_to_claim(sentence, actors, gazetteer) or _own_claim(
                sentence, actors, gazetteer
            )
            if claim is not None:
                found.append(claim)
        elif not inside_quote:
            found.extend(_own_clauses(sentence, found, actors, gazetteer))
        if any(s.polarity != "neutral" for s in found):
            previous = [s for s in found if s.polarity != "neutral"]
        yield from found


def _read_at_verb(quote, found: list[StanceMention]) -> bool:
    """Whether the reporting verb already gave the speaker's stance on a one-sentence
    quotation ('"We will not vote for it," X said'): it is said once."""
    return (
        quote.verb is not None
        and quote.verb.sent.start <= quote.start
        and quote.end <= quote.verb.sent.end
        and any(
            s.cue == quote.verb and s.polarity != "neutral" and s.actor.key == quote.speaker.key
            for s in found
        )
    )


def _quote_claim(quote, actors: DocActors, gazetteer: Gazetteer) -> StanceMention:
    """A quotation, over all its sentences, as one claim of its speaker.

    It is a stance when its first clause is deontic or an intention of the
    speaker's side ("We must act now") and has no stance cue of its own (those
    are read at the cue).
    """
    doc = actors.doc
    tokens = tuple(t for t in doc[quote.start : quote.end] if not t.is_punct)
    root = doc[quote.start].sent.root
    polarity = "neutral"
    if quote.covers(root) and root.pos_ in ("VERB", "AUX") and not _has_own_cue(root):
        polarity = _claim_polarity(root, quote.speaker, actors, gazetteer, advocacy=False)
    verb = quote.verb
    return StanceMention(
        actor=quote.speaker,
        predicate=verb_cue(verb).type if verb is not None and verb_cue(verb) else "says",
        polarity=polarity,
        cue=verb if verb is not None else doc[quote.start],
        sentence=quote.span(doc),
        object_tokens=tokens,
        confidence=0.6 if verb is not None else 0.5,
    )


def _according_to_claim(
    sentence: Span, actors: DocActors, gazetteer: Gazetteer
) -> StanceMention | None:
    """A sentence after "according to X": a neutral claim of X."""
    from stancegraph.extract.attribution import according_to

    source = according_to(sentence, actors, gazetteer)
    if source is not None:
        root = sentence.root
        cue = next(t for t in sentence if t.lower_ == "according")
        tokens = tuple(t for t in _subtree(root) if not cue.is_ancestor(t) and t != cue)
        return _claim(source, cue, sentence, tokens)
    return None


def _own_clauses(
    sentence: Span, found: list[StanceMention], actors: DocActors, gazetteer: Gazetteer
) -> list[StanceMention]:
    """The speaker's own claims in the main clauses of a sentence that hold no cue
    read already: "A carbon tax is the best way to cut emissions, and we urge you to
    adopt it" claims the first clause too."""
    if actors.speaker is None:
        return []
    root = sentence.root
    heads = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    out = []
    for head in heads:
        clause = set(_subtree(head, _CLAUSE_CUT | {"conj"}))
        if any(s.cue in clause for s in found):
            continue
        claim = _own_claim(sentence, actors, gazetteer, head)
        if claim is not None:
            out.append(claim)
    return out


def _own_claim(
    sentence: Span, actors: DocActors, gazetteer: Gazetteer, root: Token | None = None
) -> StanceMention | None:
    """A sentence (or its main clause ``root``) of the document's speaker that reports
    nobody else's words.

    In a speech or a testimony every sentence is the speaker's: "The Council
    must be reformed." is their stance for reforming it; "We will never accept
    occupation." is their side's. "I" is the speaker, "we" the body they speak
    for. Deontic and own-side intent sentences are stances; others are kept as
    neutral claims, for matching to a user's catalogue of claims.
    """
    speaker = actors.speaker
    whole = root is None or root == sentence.root
    root = sentence.root if root is None else root
    if speaker is None or root.pos_ not in ("VERB", "AUX") or root.tag_ == "VBG":
        return None
    if any(q.covers(root) for q in actors.quotes) or "?" in sentence.text:
        return None
    clause = _subtree(root) if whole else _subtree(root, _CLAUSE_CUT | {"conj"})
    cut = _REPORT_CUT if whole else _REPORT_CUT | {"conj"}
    if any(verb_cue(t) is not None and verb_cue(t).polarity == "report" for t in clause):
        return None  # someone's words are reported here, read at the cue or not at all
    subject = subject_of(root)
    actor = speaker
    if subject is not None and subject.lower_ in ("i", "we"):
        actor = resolve_reference(subject, actors, gazetteer) or speaker
    polarity = _claim_polarity(root, actor, actors, gazetteer, advocacy=False)
    tokens = tuple(
        t
        for t in clause
        if not t.is_punct
        and not (t.dep_ in ("advmod", "cc", "intj") and t.head == root and t.i < root.i)
    )
    if len([t for t in tokens if t.is_alpha]) < 3:
        return None
    conditional, hedged = _flags(root, sentence)
    return StanceMention(
        actor=actor,
        predicate="states" if polarity == "neutral" else "advocates",
        polarity=polarity,
        cue=root,
        sentence=sentence,
        object_tokens=tokens,
        # the whole claim, relative clauses included, for matching a catalogue of claims
        clause_tokens=tuple(t for t in _subtree(root, cut) if not t.is_punct),
        conditional=conditional,
        hedged=hedged,
        confidence=0.6 if polarity != "neutral" else 0.5,
        own=True,
    )


def assertion_polarity(
    tokens: tuple[Token, ...], *, negative_claim: bool = False, undoing_claim: bool = False
) -> str:
    """Does a claim assert (``support``) or deny (``oppose``) a stated position?

    A claim that says the same thing supports it, and denies it when its main
    predicate is negated ("nuclear power is not the answer"), unless the
    position is itself negative. A claim that judges its subject badly ("a
    carbon tax would be a disaster", "unilateral sanctions cause great harm")
    opposes a position that wants that subject, and supports one that undoes
    it ("unilateral sanctions should be lifted").
    """
    if not tokens:
        return "support"
    head = next(t for t in tokens if t.head not in tokens or t.head == t)
    negative = set(_cues()["negative_evaluation"])
    judged = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr", "dobj", "oprd"))]
    if any(t.lemma_.lower() in negative for t in judged) and not is_negated(head):
        return "support" if undoing_claim else "oppose"
    return "oppose" if is_negated(head) != negative_claim else "support"


def _claim(actor: Mention, cue: Token, sentence: Span, tokens: tuple[Token, ...]) -> StanceMention:
    return StanceMention(
        actor=actor,
        predicate="says",
        polarity="neutral",
        cue=cue,
        sentence=sentence,
        object_tokens=tokens,
        confidence=0.5,
    )


def _agent(cue_token: Token) -> Token | None:
    if cue_token.pos_ == "NOUN":
        return _noun_agent(cue_token)
    return subject_of(cue_token)


def _read_cue(
    token: Token,
    cue: Cue,
    sentence: Span,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
    consumed: set[int],
) -> list[StanceMention]:
    if token.dep_ in ("xcomp", "acl") and token.head.i != token.i and cue.polarity != "report":
        outer = verb_cue(token.head) or noun_cue(token.head)
        if outer is not None and outer.polarity != "report":
            return []  # read as part of the outer cue ("refuse to tolerate")
    if cue.polarity != "report" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children
    ):
        return []  # "if Congress wants to ...": a condition, not a stance
    if token.dep_ == "ccomp" and _reports(token.head) and _deontic(token):
        return []  # "X said Congress must pass it": X's stance, read at "said"
    agent_token = _agent(token) or stranded_subject(token, actors)
    if agent_token is None:
        return []
    out: list[StanceMention] = []
    seen: set[str] = set()
    for agent in _conjuncts(agent_token):
        actor = resolve_reference(agent, actors, gazetteer)
        if actor is None or actor.key in seen:
            continue
        seen.add(actor.key)
        out.extend(
            _read_cue_for(
                token,
                cue,
                sentence,
                actor,
                actors.at(agent) is None,
                actors,
                gazetteer,
                previous,
                consumed,
            )  # fmt: skip
        )
    return out


def _conjuncts(token: Token) -> list[Token]:
    """ "Plaid Cymru and the Liberal Democrats said": each subject on its own."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            out.extend(_conjuncts(child))
    return out


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
    if all(t.pos_ in ("DET", "PUNCT", "SPACE") or t.lower_ in _TITLES_BEFORE for t in opening):
        return doc[first.start : first.end].root
    for m in reversed(before):
        root = doc[m.start : m.end].root
        if root.dep_ in ("pobj", "dobj", "poss") or root.head.dep_ in ("pobj", "dobj"):
            continue
        return root
    return None


_TITLES_BEFORE = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "former", "new"}


def _read_cue_for(
    token: Token,
    cue: Cue,
    sentence: Span,
    actor: Mention,
    resolved: bool,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
    consumed: set[int],
) -> list[StanceMention]:
    conditional, hedged = _flags(token, sentence)
    base = dict(
        actor=actor,
        cue=token,
        sentence=sentence,
        conditional=conditional,
        hedged=hedged,
        resolved_actor=resolved,
    )
    if cue.polarity == "report":
        return _read_report(token, cue, base, actors, gazetteer, previous, consumed)
    polarity = cue.polarity
    if is_negated(token):
        polarity = _flip(polarity)
    predicate = cue.type
    out = []
    for head in _objects(token, cue):
        inner = verb_cue(head) if head.dep_ in ("xcomp", "acl", "pcomp") else None
        if inner is not None and inner.polarity == "report" or _candour(head):
            continue  # "wish to highlight X", "want to be clear that X": read X on its own
        if inner is not None:
            consumed.add(head.i)
            inner_polarity = _flip(inner.polarity) if is_negated(head) else inner.polarity
            polarity_here = polarity if inner_polarity == "support" else _flip(polarity)
            inner_heads = _objects(head, inner)
            targets = [h for ih in inner_heads for h in _coordinated(ih)]
        else:
            polarity_here = polarity
            targets = _coordinated(head)
        for target in targets:
            out.append(_with_object(base, predicate, polarity_here, target, previous, token))
    return [s for s in out if s is not None]


def _with_object(
    base: dict,
    predicate: str,
    polarity: str,
    target: Token,
    previous: list[StanceMention],
    cue_token: Token,
    tokens: tuple[Token, ...] | None = None,
) -> StanceMention | None:
    tokens = tokens or _object_tokens(target)
    anaphoric = _is_anaphoric(target)
    refers = tuple(p for p in previous if p.actor.key != base["actor"].key) if anaphoric else ()
    if anaphoric and not refers:
        return None
    confidence = 0.8 if cue_token.pos_ == "VERB" else 0.7
    if base["resolved_actor"]:
        confidence -= 0.1
    if base["hedged"]:
        confidence -= 0.15
    if anaphoric:
        confidence -= 0.1
    return StanceMention(
        predicate=predicate,
        polarity=polarity,
        object_tokens=tokens,
        refers_to=refers,
        confidence=round(confidence, 2),
        **base,
    )


def _candour(head: Token) -> bool:
    """ "I want to be clear that ...": a way of speaking, not something wanted."""
    return head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lower_ in ("clear", "frank", "honest", "candid", "explicit")
        for c in head.children
    )


def _is_anaphoric(head: Token) -> bool:
    nouns = set(_cues()["anaphoric_nouns"])
    if head.lemma_.lower() not in nouns:
        return False
    return any(c.lower_ in ("this", "these", "that", "those", "such") for c in head.children)


def _read_report(
    token: Token,
    cue: Cue,
    base: dict,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
    consumed: set[int],
) -> list[StanceMention]:
    cues = _cues()
    # "emphasised the need for tangible results": support for what is needed.
    for child in token.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in cues["need_nouns"]:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                    for pobj in prep.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            return [_with_object(base, cue.type, "support", pobj, previous, token)]
    content, tokens = report_content(token)
    if content is None:
        return []
    # A reported clause with a stance cue of its own ("X said the UK would veto
    # the bid") is read at that cue; the report stays as who-said-what unless
    # that reading gives the speaker's own stance (see _reported_once).
    # A clause that says what must be done is the reporter's stance, even with a cue of
    # its own ("we believe Congress must pass a law": not Congress's stance).
    own_cue = _has_own_cue(content) and not _deontic(content)
    # The whole clause: "legislation that sets binding limits" needs its relative clause.
    clause = tokens or tuple(t for t in _subtree(content, _REPORT_CUT) if not t.is_punct)
    if len([t for t in clause if t.is_alpha]) < 3:
        # "said he was confident X would ...": the parser split the report in two
        clause = tokens = tuple(
            t for t in token.doc[token.i + 1 : token.sent.end] if not t.is_punct
        )
    polarity = (
        "neutral"
        if own_cue
        else _claim_polarity(content, base["actor"], actors, gazetteer, cue.advocacy)
    )
    auxes = [c.lower_ for c in content.children if c.dep_ == "aux"]
    hedged = base["hedged"] or any(a in ("could", "might", "may") for a in auxes)
    statement = _with_object(
        {**base, "hedged": hedged}, cue.type, polarity, content, previous, token, tokens
    )
    if statement is None:
        return []
    statement = replace(statement, clause_tokens=clause)
    if polarity == "neutral":
        extra = {"reported_clause": content} if own_cue else {}
        statement = replace(statement, confidence=0.5, extra=extra)
    return [statement]


def _reported_once(found: list[StanceMention]) -> list[StanceMention]:
    """Drop the neutral report of a clause whose own cue gave the speaker's stance:
    "X said he would veto the bid" is X's stance against the bid, said once."""
    out = []
    for s in found:
        clause = s.extra.get("reported_clause")
        if clause is not None and any(
            other.polarity != "neutral"
            and other.actor.key == s.actor.key
            and clause.is_ancestor(other.cue) | (other.cue == clause)
            for other in found
        ):
            continue
        out.append(s)
    return [s for i, s in enumerate(out) if not _said_already(i, out)]


def _said_already(i: int, found: list[StanceMention]) -> bool:
    """Whether neutral claim ``found[i]`` is (80 % of) the words of another statement of
    the same actor in its sentence: a stance, a longer claim, or the same claim read
    earlier ('"I think it's a bad deal," X said': the quotation and "think" say it)."""
    claim = found[i]
    words = {t.i for t in claim.object_tokens}
    if claim.polarity != "neutral" or not words:
        return False
    for j, other in enumerate(found):
        if j == i or other.actor.key != claim.actor.key:
            continue
        shared = len(words & {t.i for t in other.object_tokens})
        larger = (other.polarity != "neutral", len(other.object_tokens), -j) > (
            False,
            len(words),
            -i,
        )
        if larger and 5 * shared >= 4 * len(words):
            return True
    return False


#: what a reported clause leaves out: its "that", a second clause joined to it
_REPORT_CUT = {"punct", "mark", "cc", "preconj", "parataxis"}

_WH_WORDS = {"who", "whom", "whose", "which", "that", "where", "when", "why", "what"}


def report_content(verb: Token) -> tuple[Token | None, tuple[Token, ...] | None]:
    """What a reporting verb reports: the head of the reported clause, and its
    tokens when they are not simply that head's subtree.

    - the clausal complement: "X said (that) the plan was fair";
    - a complement the parser hung on the addressee as a relative clause:
      "X told the BBC he hoped ...";
    - the clause before the verb: "The plan was fair, X said."
    """
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child, None
    # "said in a statement that ...": the parser hangs the clause on the statement
    objects = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod")]
    places = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for child in objects + places:
        for clause in child.children:
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            if (
                clause.dep_ in ("relcl", "acl")
                and clause.i > child.i
                and subject is not None
                and subject.lower_ not in _WH_WORDS
                and (clause.left_edge.lower_ not in _WH_WORDS or that)
                and (clause.dep_ == "relcl" and child in objects or that)
            ):
                return clause, None
    verdict = _verdict(verb)
    if verdict is not None:
        return verdict
    sentence = verb.sent
    subject = subject_of(verb)
    first = min(verb.i, subject.left_edge.i if subject is not None else verb.i)
    if any(c.dep_ in ("dobj", "xcomp") for c in verb.children) or first <= sentence.start:
        return None, None
    tag = list(verb.subtree)
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and len(tag) <= 8:
        # "If it fails, he said, the agency has other tools": the sentence around the tag
        tokens = tuple(t for t in verb.head.subtree if t not in tag and not t.is_punct)
        return verb.head, tokens
    before = verb.doc[first - 1]
    if (
        before.text not in (",", '"', "''", "-", ":")
        or verb.i + 2 < sentence.end
        and any(t.pos_ in ("VERB", "AUX") for t in verb.doc[verb.i + 1 : sentence.end])
    ):
        return None, None
    tokens = tuple(
        t for t in verb.doc[sentence.start : first] if not (t.is_punct and t.text != "-")
    )
    if len([t for t in tokens if t.is_alpha]) < 3:
        return None, None
    head = next(t for t in tokens if t.head not in tokens or t.head == t)
    return head, tokens


def _verdict(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """What a verdict is about and says: "called the plan 'a disgrace'", "branded the
    scheme a waste of money", "accused the government of misleading MPs"."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    rest = [
        c
        for c in verb.children
        if c.i > dobj.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("of", "for"))
    ]
    nested = [c for c in dobj.children if c.i > dobj.i and c.dep_ in ("dobj", "attr", "oprd")]
    if not rest and not nested:
        return None
    last = max((t.right_edge.i for t in (dobj, *rest)), default=dobj.right_edge.i)
    tokens = tuple(t for t in verb.doc[dobj.left_edge.i : last + 1] if not t.is_punct)
    return dobj, tokens


def _claim_polarity(
    content: Token, speaker: Mention, actors: DocActors, gazetteer: Gazetteer, advocacy: bool
) -> str:
    """Whether a reported claim is a stance for (or against) what it says.

    Deontic claims ("X must/should ...") are; so are intentions of the speaker's
    own side ("we will ...", "Russian forces will continue ...", "her party would
    ...") and claims that an event will go on or stop ("the fighting would
    continue"). Predictions about others, facts and descriptions are neutral.
    """
    cues = _cues()
    auxes = {c.lower_ for c in content.children if c.dep_ in ("aux", "auxpass")}
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubj") for c in content.children)
    subject = next((c for c in content.children if c.dep_ == "nsubj"), None)
    # "ceding territory would embolden Moscow" predicts what an action does.
    gerund_subject = subject is not None and any(g.pos_ == "VERB" for g in subject.children)
    existential = any(c.dep_ == "expl" for c in content.children)  # "there should be X"
    copula = (content.lemma_ == "be" and not existential) or content.pos_ in ("ADJ", "NOUN")
    stance = "oppose" if is_negated(content) else "support"
    cue = verb_cue(content)
    if cue is not None and cue.polarity == "oppose":
        stance = _flip(stance)  # "X must not be ignored" is for X, "X must be rejected" against
    if content.lemma_ in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in content.children
    ):
        auxes.add("must")  # "trawling has to stop", "we need to act"
    if auxes & set(cues["deontic_modals"]):
        return stance  # "sanctions must be lifted", "there should be a law"
    if passive or gerund_subject or copula:
        return "neutral"
    if advocacy and auxes & set(cues["advocacy_modals"]):
        return stance
    if not auxes & set(cues["intent_modals"]):
        return "neutral"
    if subject is not None and _same_side(subject, speaker, actors, gazetteer):
        return stance
    if content.lemma_ in cues["aspectual_verbs"] and subject is not None and not subject.ent_type_:
        if actors.at(subject) is None and subject.pos_ == "NOUN":
            return stance
    return "neutral"


def _same_side(subject: Token, speaker: Mention, actors: DocActors, gazetteer: Gazetteer) -> bool:
    """Is the subject of a reported clause the speaker or the speaker's own side?"""
    if subject.lower_ in ("i", "we"):
        return True
    referent = resolve_reference(subject, actors, gazetteer)
    if referent is None:
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        return possessor is not None and _same_side(possessor, speaker, actors, gazetteer)
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


def _has_own_cue(clause: Token) -> bool:
    for tok in _subtree(clause):
        cue = verb_cue(tok) or noun_cue(tok)
        if cue is not None and cue.polarity != "report" and tok.pos_ == "VERB":
            return True
    return False


def _flip(polarity: str) -> str:
    return {"support": "oppose", "oppose": "support"}.get(polarity, polarity)
