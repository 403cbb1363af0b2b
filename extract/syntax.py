"""Small helpers over the dependency parse that every question module uses.

Nothing here knows about actors or stances: these are the grammar of English
as the parser labels it (clause boundaries, a verb's subject, coordination).
The few function words they test are grammar, not domain knowledge, and stay
here; domain word lists live in ``ontology/`` (:mod:`stancegraph.extract.lexicon`).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from stancegraph.extract.lexicon import QUOTE_MARKS, reports, words

__all__ = [
    "CLAUSE_CUT",
    "QUOTE_MARKS",
    "REPORT_CUT",
    "binomial",
    "conjuncts",
    "coordinated",
    "denied",
    "infinitival",
    "inverted_speaker",
    "name_after",
    "noun_agent",
    "paragraph_start",
    "phrase_text",
    "subject_of",
    "subtree",
    "to_infinitive",
]

#: what a phrase leaves out: its relative and adverbial clauses, punctuation, conjunctions
CLAUSE_CUT = frozenset({"relcl", "advcl", "appos", "parataxis", "punct", "mark", "cc", "preconj"})
#: what a reported clause leaves out: its "that", a second clause joined to it
REPORT_CUT = frozenset({"punct", "mark", "cc", "preconj", "parataxis"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def subtree(token: Token, cut: frozenset[str] | set[str] = CLAUSE_CUT) -> list[Token]:
    """A token's subtree without the dependents labelled in ``cut`` (relative and
    adverbial clauses and punctuation by default), in text order; an infinitive
    that completes a noun is kept, "including ..." is not."""
    out = [token]
    for child in token.children:
        if child.dep_ in cut and not infinitival(child) or child.lower_ == "including":
            continue
        out.extend(subtree(child, cut))
    return sorted(out, key=lambda t: t.i)


def phrase_text(tokens, spelled: Mapping[int, str] | None = None) -> str:
    """The text of some tokens of one sentence, spaced as written; a gap where tokens
    were left out is one space; ``spelled`` gives some tokens (by index) other words.

    >>> import spacy
    >>> doc = spacy.blank("en")("the plan, they said, is fair")
    >>> phrase_text([doc[0], doc[1], doc[6], doc[7]])
    'the plan is fair'
    >>> phrase_text([doc[0], doc[1], doc[6], doc[7]], {6: "was"})
    'the plan was fair'
    """
    spelled = spelled or {}
    text = ""
    previous = None
    for tok in tokens:
        if previous is not None and (previous.whitespace_ or tok.i != previous.i + 1):
            text += " "
        text += spelled.get(tok.i, tok.text)
        previous = tok
    return text.strip()


def to_infinitive(verb: Token) -> bool:
    """A verb with "to": "[to] regulate emissions"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitival(token: Token) -> bool:
    """ "legislation to regulate emissions", "act to set limits": an infinitive that
    completes a noun or says what an action is for."""
    return token.dep_ in ("relcl", "advcl") and to_infinitive(token)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb, inherited through coordination and participles.

    The ``nsubj`` child, else the ``by`` agent of a passive; a verb without
    either takes the subject of the verb it is coordinated with or completes
    ("Kyiv rejects ..., insisting on ...").
    """
    if depth > 6:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        # two subjects are a misparse: in "A for people to organize, she said" the
        # subject next before the verb is its own
        return max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0])
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
        if (
            verb.tag_ in ("VBD", "VBZ")
            and head.dep_ == "ccomp"
            and head.tag_ != verb.tag_
            and head.head.i < verb.i  # not a clause the parser hung on a quotation after it
        ):
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
    if (
        verb.dep_ == "pcomp"
        and reports(verb)
        and head.dep_ == "prep"
        and head.head.dep_ == "dobj"
        and head.head.head.pos_ == "VERB"
    ):
        return subject_of(head.head.head, depth + 1)  # "X made a point of saying ..."
    if verb.dep_ in ("xcomp", "advcl", "acl") and verb.tag_ in ("VBG", "VB", "VBN"):
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBN"
            and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return None  # "Asked whether ..., X said": X was asked; who asked is not said
        if _extraposed(verb):
            return None  # "it is hard to dismiss X", "make it impossible to X": no one's act
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            return head  # "pastors supporting the senator": the pastors support him
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            return noun_agent(head)
        if verb.tag_ == "VBG" and reports(verb):
            # "X said Republicans would pass it, adding that ...": the parser hangs
            # "adding" on the reported clause; the one adding is who reported it.
            reporter = next((a for a in head.ancestors if reports(a)), None)
            # (a reporting verb after the clause is no reporter of it: '..., saying X,
            # you know that', as the parser may have it)
            if reporter is not None and head.dep_ == "ccomp" and reporter.i < head.i:
                return subject_of(reporter, depth + 1)
        return subject_of(head, depth + 1)
    if verb.dep_ == "acomp" and verb.pos_ == "ADJ":
        return subject_of(head, depth + 1)  # "Norway was ready [to reject it]": Norway
    return None


def _extraposed(verb: Token) -> bool:
    """ "it is hard [to dismiss X]": an infinitive after an adjective whose subject is
    an empty "it"; not "it was ready [to reject X]", where "it" is who acts."""
    head = verb.head
    if not to_infinitive(verb):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children):
        return False
    adjectives = words("cues", "extraposing_adjectives")
    if head.pos_ == "ADJ":  # "make it impossible to X"
        return head.lower_ in adjectives
    # "it is important to X": the parser hangs the infinitive on "is"
    return any(c.dep_ == "acomp" and c.lower_ in adjectives for c in head.children)


def denied(token: Token) -> bool:
    """ "no deal", "no amnesty": a thing with "no" before it."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def noun_agent(noun: Token) -> Token | None:
    """The agent of an action noun: "Moscow's refusal", "a demand by Russia", "a warning
    from Russia", "the Trump push", "Russia made a demand"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return child
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in words("cues", "voicing_verbs"):
        return subject_of(noun.head)  # "X made the argument that ...", "gave assurances"
    return None


def conjuncts(token: Token) -> list[Token]:
    """ "Plaid Cymru and the Liberal Democrats said": each subject on its own."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            out.extend(conjuncts(child))
    return out


def coordinated(head: Token) -> list[Token]:
    """ "tougher sanctions or increased arms transfers": each conjunct on its own; a
    pair of bare nouns that names one thing ("law and order") is one."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ == head.pos_ and head.pos_ in ("NOUN", "PROPN"):
            if not binomial(child):
                out.extend(coordinated(child))
    return out


def binomial(conj: Token) -> bool:
    """Whether a conjunct makes one name with the noun before it: "law and order",
    "health and safety", "trade and industry" (two bare singular nouns joined by "and",
    neither with a word of its own)."""
    head = conj.head
    if conj.dep_ != "conj" or conj.i != head.i + 2 or conj.doc[head.i + 1].lower_ != "and":
        return False
    if head.tag_ != "NN" or conj.tag_ != "NN":
        return False
    own = [c for c in head.children if c.dep_ not in ("cc", "conj", "prep")]
    return not own and not list(conj.children)


def paragraph_start(doc: Doc, i: int) -> int:
    """The index of the first token of the paragraph token ``i`` stands in."""
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    return i


def name_after(verb: Token, end: int) -> Token | None:
    """The last word of the proper name right after a verb (before token ``end``)."""
    doc = verb.doc
    if verb.i + 1 >= end or doc[verb.i + 1].pos_ != "PROPN":
        return None
    name = doc[verb.i + 1]
    while name.i + 1 < end and doc[name.i + 1].pos_ == "PROPN":
        name = doc[name.i + 1]
    return name


def inverted_speaker(verb: Token) -> Token | None:
    """The name right after a reporting verb inside a sentence, set off by commas: "The
    plan, *said Ola Berg*, is a disgrace" (whatever the parser made its subject)."""
    doc, sentence = verb.doc, verb.sent
    if verb.i - 1 <= sentence.start or doc[verb.i - 1].text != "," or verb.i + 1 >= sentence.end:
        return None
    if not reports(verb) or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # not "The program, called EB-5, ...", "..., echoing Putin"
    if doc[verb.i + 1].ent_type_ in ("DATE", "TIME"):
        return None
    name = name_after(verb, sentence.end)
    if name is None:
        return None
    after = doc[name.i + 1] if name.i + 1 < sentence.end else None
    return name if after is not None and after.text in (",", ".") else None
