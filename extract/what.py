"""*What*: the object or target a cue is about.

- :func:`objects`: the heads of what a stance cue is about: its direct object,
  the preposition it takes ("calls for X", "insists on X"), an infinitive or a
  ``that`` clause; an addressee's task ("urged his partners to apply more
  pressure": the pressure, not the partners);
- :func:`object_tokens`: the words of an object, with where it is ("troops on
  Ukrainian soil");
- :func:`report_content`: what a reporting verb reports: its clause, a clause
  hung on the addressee or the statement, the clause before it ("The plan was
  fair, X said"), or a verdict ("called the plan a disgrace");
- :func:`needed`, :func:`is_anaphoric`, :func:`is_candour`: objects that point
  elsewhere ("the need for X", "these conditions", "want to be clear that");
- :func:`complement_span`, :func:`span_of`: where what was said stands in the
  text, the statement's content span ("criticised *the plan as a waste of
  money*", "said *that the plan was fair*").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from stancegraph.extract.lexicon import (
    Cue,
    deontic,
    impersonal_clause,
    keeps_or_undoes,
    marked_clause,
    people_nouns,
    quoted_name,
    saying_nouns,
    undoes,
    verb_cue,
    words,
)
from stancegraph.extract.syntax import (
    CLAUSE_CUT,
    QUOTE_MARKS,
    binomial,
    denied,
    infinitival,
    inverted_speaker,
    subject_of,
    subtree,
    to_infinitive,
)

__all__ = [
    "complement_span",
    "reported_fact",
    "Target",
    "is_anaphoric",
    "is_candour",
    "needed",
    "noun_phrase",
    "obligation",
    "predicate_phrase",
    "refers_back",
    "relative_antecedent",
    "object_tokens",
    "objects",
    "report_content",
    "reported_object",
    "span_of",
    "same_names",
    "sides",
    "SIDE_PREFIXES",
    "target",
    "vote_question",
]

#: prepositions that say where an object is ("troops on Ukrainian soil")
_PLACE_PREPS = {"on", "to", "into", "along", "across", "from", "inside", "within"}
_WH_WORDS = {"who", "whom", "whose", "which", "that", "where", "when", "why", "what"}
_DEMONSTRATIVES = {"this", "these", "that", "those", "such"}
#: pronouns an act is done to ("hold him to account", "extending it")
_OBJECT_PRONOUNS = {"it", "him", "her", "them", "us", "me", "you", "this", "that"}
#: what a cue says after it: its objects, clauses, predicates and the prepositions it takes
_COMPLEMENTS = {
    "dobj", "ccomp", "xcomp", "prep", "pcomp", "oprd", "attr", "acomp", "dative", "acl", "agent",
}  # fmt: skip
#: what qualifies a cue's complement after it: clauses of time, cause and purpose (not
#: "twice", "last week": how or when it was said)
_QUALIFIERS = {"advcl"}


def objects(cue_token: Token, cue: Cue) -> list[Token]:
    """Heads of the things a cue is about."""
    heads: list[Token] = []
    children = list(cue_token.children)
    if any(c.dep_ == "agent" for c in children):  # "the plan was rejected by Chile"
        heads.extend(c for c in children if c.dep_ == "nsubjpass")
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
    marked = marked_clause(cue_token) if cue.preps else None
    if marked is not None:  # "called for the minister to resign"
        heads.append(marked)
    dobj = next((c for c in children if c.dep_ in ("dobj", "attr")), None)
    clauses = [c for c in children if c.dep_ in ("xcomp", "ccomp", "acl")]
    # "I want to be clear: we do not support X": a clause before the cue is not its object
    clause = next((c for c in clauses if c.i > cue_token.i), clauses[0] if clauses else None)
    if dobj is not None and not heads:
        if clause is not None and clause.dep_ == "xcomp":
            # "urged his partners to apply more pressure": the addressee is no object
            heads.append(clause)
        else:
            heads.append(dobj)
    elif clause is not None and not heads:
        heads.append(clause)
    # "called on all parties to work for peace": the addressee's task is the object.
    return [_task_of_addressee(h, cue_token) for h in heads]


def _task_of_addressee(head: Token, cue_token: Token) -> Token:
    found = deed(head, cue_token)
    if found is not None:  # "praised them for keeping their word": the keeping
        return found
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and to_infinitive(child):
                return child
        if head.dep_ == "pobj" and head.head.head == cue_token and _addressee(head):
            # "called on rich nations to fund X": the parser hangs the task on the verb
            for child in cue_token.children:
                if child.dep_ == "xcomp" and child.i > head.i and to_infinitive(child):
                    return child
    return head


def deed(person: Token, cue_token: Token) -> Token | None:
    """What someone unnamed is blamed or praised for: "accused ministers [of wasting
    money]", "praised them [for keeping their word]"; None for a named actor (the
    stance is on them) or when no act is named."""
    if person.dep_ != "dobj" or person.ent_type_ or not _addressee(person):
        return None
    if person.pos_ not in ("NOUN", "PRON"):
        return None
    for prep in cue_token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for") and prep.i > person.i:
            act = next((c for c in prep.children if c.dep_ == "pcomp"), None)
            if act is not None and act.tag_ == "VBG":
                return act
    return None


def _addressee(noun: Token) -> bool:
    """Whether a noun names whom one can ask to act: people, a body, a state."""
    return (
        noun.pos_ == "PRON"
        or noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or noun.lemma_.lower() in people_nouns()
    )


def object_tokens(head: Token) -> tuple[Token, ...]:
    """The words of an object, and where it is ("troops on Ukrainian soil").

    The head's own conjuncts are objects of their own (see
    :func:`~stancegraph.extract.syntax.coordinated`) or other predicates, so
    they are left out.
    """
    tokens = [head]
    for child in head.children:
        kept = child.dep_ not in CLAUSE_CUT or infinitival(child)
        if child.dep_ == "conj":  # "law and order" is one; other conjuncts are not
            kept = binomial(child)
        elif child.dep_ == "cc":
            kept = any(c.i == child.i + 1 and binomial(c) for c in head.children)
        if kept and child.lower_ != "including":
            tokens.extend(subtree(child))
    verb = head.head
    if head.dep_ == "dobj" and verb.pos_ == "VERB":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and child.i > head.i:
                tokens.extend(subtree(child))
    return tuple(sorted(tokens, key=lambda t: t.i))


def needed(verb: Token) -> Token | None:
    """ "emphasised the need for tangible results": what is needed."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in words("cues", "need_nouns"):
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                    for pobj in prep.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            return pobj
    return None


def is_anaphoric(head: Token) -> bool:
    """ "these conditions", "this proposal": an object that points back to the
    positions put forward just before."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in words("cues", "anaphoric_nouns"):
        return False  # "he plans that ...": a verb, and its "that" is no demonstrative
    return any(c.lower_ in _DEMONSTRATIVES and c.i < head.i for c in head.children)


def refers_back(head: Token) -> bool:
    """ "opposes it", "backed this": a pronoun object that points back to what the
    stance just before was about."""
    return head.pos_ == "PRON" and head.lower_ in ("it", "this", "that", "them")


def is_candour(head: Token) -> bool:
    """ "I want to be clear that ...": a way of speaking, not something wanted."""
    return head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lower_ in words("cues", "candour_words") for c in head.children
    )


def report_content(verb: Token) -> tuple[Token | None, tuple[Token, ...] | None]:
    """What a reporting verb reports: the head of the reported clause, and its
    tokens when they are not simply that head's subtree.

    - the clausal complement: "X said (that) the plan was fair";
    - a complement the parser hung on the addressee as a relative clause:
      "X told the BBC he hoped ...";
    - the clause before the verb: "The plan was fair, X said.";
    - of a noun: its "that" clause ("her claim that the plan was fair");
    - of a passive that raises its subject: the subject and what it is said to do
      ("the Fed is expected to raise rates").
    """
    if verb.pos_ == "ADV":  # "X has reportedly left": the clause it qualifies
        head = verb.head
        return head, tuple(t for t in head.subtree if t != verb and not t.is_punct)
    if verb.pos_ == "NOUN" or verb.dep_ in ("acomp", "oprd", "ccomp") and verb.pos_ == "ADJ":
        # "her claim that ...", "was confident that ...", "made it clear that ...", "it is
        # unclear whether ..."
        return _that_clause(verb) or _infinitive(verb) or impersonal_clause(verb), None
    cue = verb_cue(verb)
    named = cue is not None and cue.type == "describes"
    if named and not any(c.dep_ == "oprd" for c in verb.children):
        quoted = quoted_name(verb)  # 'called what she saw "terrible"', the parser lost
        if quoted is not None:
            return quoted
    # The clause after the verb: a clause before it that the parser made of the
    # subject's apposition ("X, a rabbi helping ..., said ...") is no report.
    tag = _inverted_tag(verb)
    if tag is not None:  # "The plan, said Ola Berg, is a disgrace": all but the tag
        tokens = tuple(t for t in verb.sent if t not in tag and not t.is_punct)
        head = next((c for c in verb.children if c.dep_ == "ccomp"), None) or tokens[0].head
        return head, tokens
    clauses = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: c.i < verb.i)
    if clauses and (clauses[0].i > verb.i or _verdict(verb) is None):
        # a verdict after the verb before a clause before it: 'For that she drew his ire -
        # he called her "weak"'
        return clauses[0], None
    gerund = _gerund_clause(verb)
    if gerund is not None:
        return gerund, None
    so = next((c for c in verb.children if c.lower_ == "so" and c.i == verb.i + 1), None)
    if so is not None and so.dep_ in ("advmod", "dobj"):
        return so, (so,)  # "X thinks so", "would not say so": what was said before
    stray = _stray_clause(verb)
    if stray is not None:
        return stray, None
    raised = _raised(verb)
    if raised is not None:
        return raised
    inverted = _inverted(verb)
    if inverted is not None:
        return inverted
    # "said in a statement that ...": the parser hangs the clause on the statement
    objects_ = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod")]
    # (however deep in the phrase: "said in one of a series of messages that ...")
    # or in a phrase of the object: "told customers at a breakfast spot that ..."
    places = [
        o
        for p in verb.children
        if p.dep_ in ("prep", "dobj", "dative")
        for o in p.subtree
        if o.dep_ == "pobj"
    ]
    for child in objects_ + places:
        for clause in child.children:
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            if (
                clause.dep_ in ("relcl", "acl")
                and clause.i > child.i
                and subject is not None
                and subject.lower_ not in _WH_WORDS
                and (clause.left_edge.lower_ not in _WH_WORDS or that)
                and (clause.dep_ == "relcl" and child in objects_ or that)
            ):
                return clause, None
    verdict = _verdict(verb)
    if verdict is not None:
        return verdict
    aside = _aside(verb)
    if aside is not None:
        return aside
    sentence = verb.sent
    subject = subject_of(verb)
    first = min(verb.i, subject.left_edge.i if subject is not None else verb.i)
    addressed = verb.lemma_.lower() in _TELLING  # "Trump told CNN": CNN is told, not said
    if (
        any(c.dep_ == "xcomp" or c.dep_ == "dobj" and not addressed for c in verb.children)
        or first <= sentence.start
    ):
        return None, None
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.i - first < 8:
        # "If it fails, he said, the agency has other tools": the sentence around the tag,
        # and what the parser hung on the tag ("A, they said, and B")
        own = [
            c
            for c in verb.children
            if c.dep_ in _TAG_PARTS or c.dep_ == "advmod" and c.i < verb.i  # "Instead, X told"
        ]
        tag = {verb, *(t for c in own for t in c.subtree)}
        tokens = tuple(t for t in sentence if t not in tag and not t.is_punct)
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
    if not any(t.tag_ in _FINITE for t in tokens) and not any(
        t.text in QUOTE_MARKS for t in verb.doc[sentence.start : first]
    ):
        return None, None  # "In the debate last week, candidates referred to X": no clause
    head = next(t for t in tokens if t.head not in tokens or t.head == t)
    return head, tokens


#: the words of a tag inside a sentence besides its verb: "*X told CNN Monday*, ..."
_TAG_PARTS = {"nsubj", "dobj", "dative", "npadvmod"}

#: reporting verbs whose object is whom they tell: "told CNN", "assured reporters"
_TELLING = {"tell", "assure", "inform", "remind", "warn"}

#: the tags of a finite verb: what a clause said before its reporting verb has
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _inverted(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """ "after X told the Post he was not there yet": the parser made the reported clause
    the head of the verb that reports it. The clause whose subject follows the verb's
    words straight on, with no punctuation between, is what it reports."""
    head = verb.head
    if verb.dep_ not in ("advcl", "ccomp") or head.i < verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    last = max(t.i for t in verb.subtree)
    subject = subject_of(head)
    if subject is None or subject.left_edge.i != last + 1 or subject.i > head.i:
        return None
    return head, tuple(t for t in head.subtree if t.i > last and not t.is_punct)


def _inverted_tag(verb: Token) -> set[Token] | None:
    """The words of an inverted tag inside a sentence: its verb and the speaker's name
    with what describes it ("said Sunshine, who ..., ")."""
    name = inverted_speaker(verb)
    doc = verb.doc
    if name is None or all(t.is_punct for t in doc[verb.sent.start : verb.i - 1]):
        return None
    return {verb, *(t for w in doc[verb.i + 1 : name.i + 1] for t in w.subtree)}


def _stray_clause(verb: Token) -> Token | None:
    """ "X, who brags he has held 100 meetings, ...": the clause right after a reporting
    verb that the parser hung elsewhere (here a second relative clause of X's)."""
    after = verb.i + 1
    if after >= verb.sent.end:
        return None
    subject = verb.doc[after]
    clause = subject.head
    if (
        subject.dep_ in ("nsubj", "nsubjpass")
        and subject.pos_ in ("PRON", "PROPN", "NOUN", "DET")
        and clause.i > subject.i
        and clause.pos_ in ("VERB", "AUX")
        and clause != verb
        and verb not in clause.subtree
        and clause not in verb.ancestors
    ):
        return clause
    return None


def _gerund_clause(verb: Token) -> Token | None:
    """ "Economists say taxing fuel encourages savings": a clause whose subject is a
    gerund, which the parser hangs on the verb as its complement with the clause's
    verb below it."""
    for child in verb.children:
        if (
            child.dep_ == "xcomp"
            and child.i > verb.i
            and child.tag_ == "VBG"
            and not any(c.dep_ == "aux" for c in child.children)
            and any(c.dep_ == "ccomp" and c.i > child.i for c in child.children)
        ):
            return child
    return None


def _aside(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """ "Talks had stalled, as the minister said": the clause an "as" aside reports."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None  # "as he said goodbye", "as she told reporters that ..."
    aside = set(verb.subtree)
    head = verb.head
    return head, tuple(t for t in head.subtree if t not in aside and not t.is_punct)


def _that_clause(word: Token) -> Token | None:
    """ "the claim that the plan was fair", "sure that it works": the clause a noun or an
    adjective introduces with "that" (or without it, as the parser has it)."""
    for child in word.children:
        if child.i <= word.i or child.dep_ not in ("acl", "ccomp", "relcl", "advcl"):
            continue
        marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
        if "that" in marks or child.dep_ == "ccomp" and not marks:
            return child
    return None


def _infinitive(word: Token) -> Token | None:
    """ "eager to repeal the law": the infinitive an adjective takes."""
    return next((c for c in word.children if c.dep_ == "xcomp" and c.i > word.i), None)


def _raised(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """ "The Fed is expected to raise rates", "Sanders is seen as a threat", "the plan
    seems doomed": the subject and what it is said to be or do. Nothing when that
    is a cue of its own ("he seemed to suggest that ...": read at "suggest")."""
    cue = verb_cue(verb)
    deps = ("nsubjpass", "nsubj") if cue is not None and cue.raising else ("nsubjpass",)
    subject = next((c for c in verb.children if c.dep_ in deps), None)
    clause = next(
        (
            c
            for c in verb.children
            if c.i > verb.i
            and (c.dep_ in ("xcomp", "acomp", "oprd") or c.dep_ == "prep" and c.lower_ == "as")
        ),
        None,
    )
    if subject is None or clause is None:
        return None
    if (
        cue is not None
        and cue.raising
        and verb_cue(clause) is not None
        and any(c.dep_ == "ccomp" for c in clause.children)
    ):
        return None  # "he seemed to suggest that ...": he suggested it
    tokens = tuple(t for t in (*subject.subtree, *clause.subtree) if not t.is_punct)
    return clause, tokens


def reported_object(verb: Token, cue: Cue) -> Token | None:
    """What a reporting verb that takes an object reports when it reports no clause:
    "mentioned the wall", "talked about the economy", "cited a new study", "was
    attacked by Clinton" (the subject of a passive with its agent); of any reporting
    verb, what its subject is to do ("plans to visit Iowa", "expects to win")."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and to_infinitive(child):
            return child
    if not cue.object:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            return child
        if child.dep_ == "prep" and child.lower_ in cue.preps:
            return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    if any(c.dep_ == "agent" for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


def _verdict(verb: Token) -> tuple[Token, tuple[Token, ...]] | None:
    """What a verdict is about and says: "called the plan 'a disgrace'", "branded the
    scheme a waste of money", "accused the government of misleading MPs"."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    rest = [
        c
        for c in verb.children
        if c.i > dobj.i
        and (c.dep_ in ("oprd", "dobj") or c.dep_ == "prep" and c.lower_ in ("of", "for"))
    ]
    nested = [c for c in dobj.children if c.i > dobj.i and c.dep_ in ("dobj", "attr", "oprd")]
    if not rest and not nested:
        return None
    last = max((t.right_edge.i for t in (dobj, *rest)), default=dobj.right_edge.i)
    tokens = tuple(t for t in verb.doc[dobj.left_edge.i : last + 1] if not t.is_punct)
    return dobj, tokens


def span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """The tokens ``[start, end)`` from the first to the last word of some tokens,
    with the quotation marks that open or close around those words: 'said that
    "a bomb" had gone off' says '"a bomb" had gone off'."""
    words_ = sorted((t for t in tokens if not (t.is_punct or t.is_space)), key=lambda t: t.i)
    if not words_:
        return None
    doc, start, end = words_[0].doc, words_[0].i, words_[-1].i + 1
    marks = sum(doc[i].text in QUOTE_MARKS for i in range(start, end))
    if start > 0 and doc[start - 1].text in QUOTE_MARKS and (marks % 2 or _mark_at(doc, end)):
        start, marks = start - 1, marks + 1
    if marks % 2:  # the closing mark, after the punctuation it encloses ('"a disaster."')
        close = end
        while close < min(end + 2, len(doc)) and doc[close].is_punct and not _mark_at(doc, close):
            close += 1
        if _mark_at(doc, close):
            end = close + 1
    return start, end


def _mark_at(doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].text in QUOTE_MARKS


def complement_span(cue_token: Token) -> tuple[int, int] | None:
    """What a cue says, after it: its objects, clauses and the prepositions it takes
    ("criticised *the plan as a waste of money*", "Moscow's refusal *to sign*"),
    all of them ("backed *tougher sanctions or more arms*"); in the passive, its
    subject ("*the plan* was rejected by Chile"). None when nothing follows the cue."""
    children = list(cue_token.children)
    if any(c.dep_ == "agent" for c in children):
        parts = [c for c in children if c.dep_ == "nsubjpass"]
    else:
        parts = [c for c in children if c.i > cue_token.i and c.dep_ in _COMPLEMENTS]
        if parts:  # and what qualifies it after them: "... when the war began"
            parts += [c for c in children if c.i > parts[0].i and c.dep_ in _QUALIFIERS]
        marked = marked_clause(cue_token)
        if marked is not None:
            parts.append(marked)
    if not parts:
        return None
    return span_of(t for part in parts for t in part.subtree)


@dataclass(frozen=True)
class Target:
    """What a stance is about, as the short noun phrase that names the issue
    ("ID cards", "a referendum on the EU constitution"), and whether the words
    around it undo it ("to scrap ID cards": the stance's polarity turns)."""

    tokens: tuple[Token, ...]
    flips: bool = False


#: prepositions whose object completes a noun's name ("a referendum on X", "the
#: release of X", "an end to X", "sanctions against X")
_NAMING_PREPS = {"of", "on", "for", "against", "to", "over", "into"}
_NOUN_MODIFIERS = {"compound", "amod", "nummod", "nmod", "npadvmod", "quantmod", "poss"}


def target(head: Token, depth: int = 0) -> Target | None:
    """The target a stance's object names (see :class:`Target`).

    Through a light noun or a verb, what it acts on: "the decision to introduce
    ID cards", "to hold a referendum on X", "tuition fees should be free"; through
    one that undoes or reduces it, the thing with the polarity turned ("plans
    to scrap tuition fees", "an end to the war", "fees should be abolished");
    otherwise the object's noun phrase, or a verb's phrase when it acts on
    nothing one can name. None for a pronoun.
    """
    if depth > 4:
        return None
    antecedent = relative_antecedent(head)
    if antecedent is not None:  # "the savings, which he pledged to spend": the savings
        return target(antecedent, depth + 1)
    lemma = head.lemma_.lower()
    undoing = undoes(head)
    if head.pos_ in ("VERB", "AUX"):
        subject = next((c for c in head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        needed_verb = obligation(head)
        if needed_verb is not None:  # "trawling has to stop": what is to be done is "stop"
            head, lemma, undoing = needed_verb, needed_verb.lemma_.lower(), undoes(needed_verb)
        thing = next((c for c in head.children if c.dep_ == "dobj"), None)
        if _there_is(head):  # "there should be X", "there needs to be X"
            subject = next((c for c in head.children if c.dep_ == "attr"), None)
        acting = keeps_or_undoes(head)
        if (
            thing is None
            and subject is not None
            and subject.dep_ == "nsubj"
            and not _topic(subject)
        ):
            # "the minister should resign": about the minister resigning
            named = subject.pos_ in ("NOUN", "PROPN")  # not "they should act"
            act = {*(noun_phrase(subject) if named else ()), *predicate_phrase(head)}
            return Target(tuple(sorted(act, key=lambda t: t.i)))
        if (
            thing is None
            and subject is not None
            and subject.dep_ == "nsubjpass"
            and subject.pos_ in ("NOUN", "PROPN")
            and not acting
            and not _takes_a_side(head)
            and lemma not in _NEEDING
        ):
            # "questions must be answered about his escape": the act done to the subject
            # is the issue, as for an object ("answer questions"); what is kept or undone
            # is ("the bill must be passed", "fees should be abolished")
            act = {*noun_phrase(subject), *predicate_phrase(head)}
            return Target(tuple(sorted(act, key=lambda t: t.i)))
        if subject is not None and (thing is None or not acting and _topic(subject)):
            # "tuition fees should be scrapped", "fees should be free", "the plan would
            # cost jobs": what the clause is about is its subject
            thing = subject
        if thing is not None and thing.dep_ == "dobj" and thing.lower_ in _OBJECT_PRONOUNS:
            # "hold him to account", "extending it": acts on someone or something not
            # named here; the pronoun alone is the target, which names no position
            return Target((thing,))
        if thing is not None and _amount(thing) and _measured(thing) is None:
            return Target(predicate_phrase(head))  # "invest £60bn in services": the act
        if (
            thing is not None
            and thing.dep_ == "dobj"
            and not acting
            and not _takes_a_side(head)
            and lemma not in _HAVING
            and relative_antecedent(thing) is None
        ):
            # "reassure Labour MPs", "reform the NHS", "meet our targets": the act is the
            # issue, not what it is done to; what is kept or undone is ("scrap the tax")
            return Target(predicate_phrase(head))
        if thing is not None:
            inner = target(thing, depth + 1)
            if inner is not None and inner.tokens:
                tokens = inner.tokens
                if undoing and thing.dep_ == "dobj":  # "withdraw troops from the border"
                    tokens = tuple(sorted({*tokens, *_places(head, thing)}, key=lambda t: t.i))
                return Target(tokens, inner.flips != undoing)
        return Target(predicate_phrase(head))
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    found = _noun_target(head, depth, undoing)
    if found is not None and denied(head):
        return Target(found.tokens, not found.flips)  # "wants no deal", "no amnesty"
    return found


#: verbs whose passive subject is what is wanted ("new powers are needed")
_NEEDING = {"need", "require", "want"}
#: verbs whose object is the issue, as with keeping verbs ("to have a referendum")
_HAVING = {"have", "get"}
#: nouns that measure what their "of" phrase names ("a lot of", "a range of")
_MEASURES = {"lot", "deal", "number", "amount", "range", "series", "host", "raft", "set"}


def _measured(noun: Token) -> Token | None:
    """What an amount is of: "work" of "a great deal of work", "tax cuts" of "£4bn in
    tax cuts"; None for any other noun."""
    amount = _amount(noun)
    if not amount and noun.lemma_.lower() not in _MEASURES:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.i > noun.i and prep.lower_ in ("of", "in", "on"):
            if prep.lower_ == "of" or amount:
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None and inner.pos_ in ("NOUN", "PROPN"):
                    return inner
    return None


def _takes_a_side(verb: Token) -> bool:
    """ "back", "reject": a verb whose object is the issue it takes a side on."""
    cue = verb_cue(verb)
    return cue is not None and cue.polarity != "report"


def _there_is(verb: Token) -> bool:
    """ "there should be X", "there needs to be X", wherever the parser hangs "there"."""
    if any(c.dep_ == "expl" for c in verb.children):
        return True
    clause = verb.head if verb.dep_ == "xcomp" else None
    return clause is not None and any(
        t.dep_ == "expl" for t in verb.doc[clause.left_edge.i : verb.i]
    )


def _content_clause(noun: Token) -> Token | None:
    """The clause that says what a noun holds: "the possibility [that he may return]",
    "claims [the minister had reneged on a deal]"; not a relative clause ("the claims
    [that he made]", "the claims [he made]")."""
    for child in noun.children:
        if (
            child.dep_ not in ("acl", "ccomp", "relcl")
            or child.i < noun.i
            or child.pos_ not in ("VERB", "AUX")
        ):
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "relcl":
            if subject and _says(noun) and _whole(child):
                return child  # the parser reads a content clause without "that" as relative
        elif marked or subject:
            return child
    return None


def reported_fact(noun: Token) -> bool:
    """A noun of saying whose clause says what is or will be: "claims that the minister
    had lied", "fears the levy would rise"; not what should be ("suggestions that the
    plant should close"). Rejecting or welcoming it disputes a fact, taking no side."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in saying_nouns(pointing=False):
        return False
    said = _content_clause(noun)
    return said is not None and not deontic(said) and obligation(said) is None


def _says(noun: Token) -> bool:
    """A noun of saying or thinking, that can hold a clause: "claims", "fears", "hope"."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in saying_nouns()


def _whole(clause: Token) -> bool:
    """Whether a clause lacks nothing a relative clause would leave out: no relative
    word, and an object, complement or completed preposition ("he had reneged on a
    deal"; not "he made", "he reneged on")."""
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in clause.subtree):
        return False
    return any(
        c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "auxpass", "nsubjpass")
        or c.dep_ == "prep"
        and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        for c in clause.children
    )


def _amount(noun: Token) -> bool:
    return noun.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL")


def relative_antecedent(word: Token) -> Token | None:
    """The noun a relative pronoun stands for: "savings" of "the savings, which he
    pledged to spend on schools"; None for any other word."""
    if word.pos_ != "PRON" or word.tag_ not in ("WDT", "WP"):
        return None
    clause = word.head
    for _ in range(4):
        if clause.dep_ == "relcl":
            noun = clause.head
            if noun.pos_ not in ("NOUN", "PROPN"):
                return None
            outer = noun.head.head
            if word.lower_ == "which" and noun.dep_ == "pobj" and outer.pos_ == "NOUN":
                return outer  # "the savings on waste, which ...": the parser hangs it on "waste"
            return noun
        if clause.head == clause:
            return None
        clause = clause.head
    return None


def _noun_target(head: Token, depth: int, undoing: bool) -> Target | None:
    """:func:`target` of a noun."""
    lemma = head.lemma_.lower()
    answer = _answer(head)
    if answer is not None:  # "back a yes vote": the question put to the vote
        question = vote_question(head.doc)
        inner = target(question, depth + 1) if question is not None else None
        return Target(inner.tokens, inner.flips != (answer == "no")) if inner else None
    measured = _measured(head)
    if measured is not None:  # "£4bn in tax cuts", "a great deal of work": the cuts, the work
        return target(measured, depth + 1)
    said = _content_clause(head)
    if said is not None:  # "the possibility that he may return": his return
        found = target(said, depth + 1)
        if found is not None and found.tokens:
            return Target(found.tokens, found.flips != undoing)
    if lemma in words("cues", "light_nouns") or undoing:
        inner = _complement(head)
        if inner is not None:
            found = target(inner, depth + 1)
            if found is not None:
                return Target(found.tokens, found.flips != undoing)
    if not _modified(head) and (lemma in words("cues", "generic_targets") or _definite(head)):
        # "the plans", after "plans to introduce ID cards"; "the constitution", after
        # "the EU constitution"
        earlier = _named_before(head)
        if earlier is not None:
            found = target(earlier, depth + 1)
            if found is not None:
                return Target(found.tokens, found.flips != undoing)
    return Target(noun_phrase(head))


#: what a verb's phrase as an issue leaves out: who acts, modals, negation, sentence adverbs
_NOT_THE_ACT = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg", "advmod"})


def predicate_phrase(verb: Token) -> tuple[Token, ...]:
    """A verb's phrase named as an act, without who does it, modals, negation,
    adverbs or when: "the first minister should withdraw these remarks immediately"
    is about "withdraw these remarks"; of "has to stop", "stop"."""
    head = obligation(verb) or verb
    tokens = [head]
    for child in head.children:
        if child.dep_ not in _NOT_THE_ACT and child.dep_ not in CLAUSE_CUT | {"conj", "ccomp"}:
            if not _when(child):
                tokens.extend(subtree(child))
    return tuple(sorted(tokens, key=lambda t: t.i))


def _when(phrase: Token) -> bool:
    """ "on Monday evening", "next week", "in the near future": when, not what."""
    if phrase.dep_ == "prep":
        phrase = next((c for c in phrase.children if c.dep_ == "pobj"), phrase)
    return phrase.ent_type_ in ("DATE", "TIME") or phrase.dep_ == "npadvmod"


def obligation(verb: Token) -> Token | None:
    """The verb of what is to be done in "has to stop", "need to cut"; None for
    "has yet to be taken" (not done yet)."""
    if verb.lemma_ not in ("have", "need") or any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "the powers are needed to counter X": what for, not what to do
    for c in verb.children:
        if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children):
            if any(w.lower_ == "yet" for w in (*verb.children, *c.children)):
                return None
            return c
    return None


def _topic(subject: Token) -> bool:
    """Whether a clause's subject is a thing the clause is about ("the plan would cost
    jobs"), not an actor doing something ("we will cut taxes", "the government must
    act", "suspects should be tried")."""
    return (
        subject.pos_ == "NOUN"
        and not subject.ent_type_
        and subject.lemma_.lower() not in people_nouns()
    )


def _places(verb: Token, thing: Token) -> list[Token]:
    """Where a verb's object is: "withdraw troops [from the border region]"."""
    return [
        t
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS and c.i > thing.i
        for t in subtree(c)
    ]


def _modified(noun: Token) -> bool:
    """Whether a noun says more than its bare word: a modifier or a completing phrase."""
    return any(
        c.dep_ in ("compound", "amod", "nmod") or c.dep_ == "poss" and c.pos_ != "PRON"
        or c.dep_ == "prep" and c.i > noun.i and c.lower_ in _NAMING_PREPS
        or c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)
        for c in noun.children
    )  # fmt: skip


def _named_before(noun: Token) -> Token | None:
    """The last earlier noun of the document with the same lemma that says more
    ("plans to introduce ID cards" before "the plans"), within the last 60 sentences."""
    lemma = noun.lemma_.lower()
    doc = noun.doc
    for token in reversed(doc[max(0, noun.i - 3000) : noun.i]):
        if token.lemma_.lower() == lemma and token.pos_ in ("NOUN", "PROPN") and _modified(token):
            return token
    return None


def _definite(noun: Token) -> bool:
    """ "the constitution", "this treaty": a bare noun that refers to one the reader knows."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in noun.children
    )


_VOTES = {"vote", "ballot", "referendum", "plebiscite"}


def _answer(noun: Token) -> str | None:
    """ "yes" or "no" of "a 'yes' vote", "a No vote", else None."""
    if noun.lemma_.lower() not in _VOTES:
        return None
    answers = [c.lower_ for c in noun.children if c.lower_ in ("yes", "no") and c.i < noun.i]
    return answers[0] if answers else None


def vote_question(doc) -> Token | None:
    """What a document's vote or referendum is on: the first "referendum on X",
    "vote on X", "ballot over X" it names."""
    for token in doc:
        if token.lemma_.lower() in _VOTES and token.pos_ == "NOUN":
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "over", "about"):
                    thing = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if thing is not None and thing.pos_ in ("NOUN", "PROPN"):
                        return thing
    return None


def _complement(noun: Token) -> Token | None:
    """What a light noun is about: "the decision [to scrap X]", "courage [in keeping]",
    "his word [on holding X]", "the abolition [of X]"."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and to_infinitive(child):
            return child
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    if noun.dep_ == "dobj":  # "keeping his word [on holding X]": the parser hangs it on the verb
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
    for child in preps:
        if child.lower_ in _NAMING_PREPS | {"in"}:
            inner = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if inner is not None:
                return inner
    return None


def noun_phrase(head: Token) -> tuple[Token, ...]:
    """A noun's name as an issue: its modifiers ("new anti-terror laws") and a
    prepositional phrase that completes it ("a referendum on the EU constitution"),
    without clauses, appositions, determiners or possessive pronouns."""
    tokens = [head]
    for child in head.children:
        if child.i < head.i and (child.dep_ in _NOUN_MODIFIERS or child.text == "-"):
            if child.dep_ == "poss" and child.pos_ == "PRON":
                continue
            tokens.extend(t for t in child.subtree if not t.is_punct or t.text == "-")
    pair = next((c for c in head.children if binomial(c)), None)
    if pair is not None:  # "law and order"
        tokens.extend((head.doc[head.i + 1], pair))
    purpose = next(
        (c for c in head.children if c.dep_ in ("acl", "relcl") and to_infinitive(c)), None
    )
    if purpose is not None and purpose.i > head.i:  # "powers to detain suspects"
        tokens.extend(predicate_phrase(purpose))
        tokens.extend(c for c in purpose.children if c.dep_ == "aux" and c.lower_ == "to")
    naming = next(
        (
            c
            for c in head.children
            if c.dep_ == "prep" and c.i > head.i and c.lower_ in _NAMING_PREPS
        ),
        None,
    )
    if naming is not None:
        inner = next((c for c in naming.children if c.dep_ == "pobj"), None)
        if inner is not None and inner.pos_ in ("NOUN", "PROPN"):
            tokens.append(naming)
            tokens.extend(_bare_phrase(inner))
    return tuple(sorted(set(tokens), key=lambda t: t.i))


def _bare_phrase(head: Token) -> list[Token]:
    """A noun with its modifiers only (no further phrase)."""
    tokens = [head]
    for child in head.children:
        if child.i < head.i and child.dep_ in _NOUN_MODIFIERS | {"det"}:
            tokens.extend(t for t in child.subtree if not t.is_punct or t.text == "-")
    return tokens


#: verbs by which a noun's phrase names what the noun is ("the treaty establishing a
#: constitution", "a plan known as ...")
_NAMING_VERBS = {"establish", "create", "set", "know", "call", "name"}


def same_names(doc) -> list[tuple[str, str]]:
    """Pairs of nouns (lemmas) the text makes one thing: "the treaty establishing a
    constitution for Europe" (treaty, constitution), "the scheme, known as ..."."""
    pairs = []
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_ in _NAMING_VERBS:
                named = next((c for c in child.children if c.dep_ in ("dobj", "oprd")), None)
                if named is not None and named.pos_ in ("NOUN", "PROPN"):
                    pairs.append((token.lemma_.lower(), named.lemma_.lower()))
    return pairs


#: prefixes that make a noun phrase name a side ("anti-war", "pro-hunting")
SIDE_PREFIXES = {"anti": "oppose", "pro": "support"}


def sides(sentence) -> list[tuple[Token, str, tuple[Token, ...]]]:
    """Words that name a side: (prefix, polarity, target) for each "anti-X" or
    "pro-X" of a sentence ("the anti-war coalition" opposes the war, "the
    pro-hunting Countryside Alliance" supports hunting). A people's adjective
    ("pro-European") names no issue one can label and is left out.

    >>> import spacy
    >>> doc = spacy.blank("en")("The pro-hunting group met.")
    >>> [(p.text, polarity, [t.text for t in thing]) for p, polarity, thing in sides(doc[:])]
    [('pro', 'support', ['hunting'])]
    """
    found = []
    for token in sentence:
        polarity = SIDE_PREFIXES.get(token.lower_)
        if polarity is None or token.whitespace_ or token.i + 2 >= sentence.end:
            continue
        if token.nbor(1).text != "-":
            continue
        thing = []
        for word in sentence.doc[token.i + 2 : sentence.end]:
            if not (word.is_alpha or word.text == "-"):
                break
            thing.append(word)
            if word.whitespace_:
                break
        while thing and thing[-1].text == "-":
            thing.pop()
        if not thing or _people_adjective(thing[0]):
            continue
        after = thing[-1].i + 1
        if thing[-1].is_title and after < sentence.end:
            word = sentence.doc[after]
            if word.lower_ in words("cues", "side_issue_nouns"):
                thing.append(word)  # "pro-Iraq war": the war, not Iraq
        found.append((token, polarity, tuple(thing)))
    return found


def _people_adjective(word: Token) -> bool:
    """ "European", "Chinese", "British": a people's adjective, not an issue."""
    return word.ent_type_ == "NORP" or word.is_title and word.lower_.endswith(("an", "ese", "ish"))
