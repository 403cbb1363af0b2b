"""*Polarity*: whether a statement supports, opposes or only reports, in one place.

- a cue's own polarity (``ontology/cues.json``), flipped by negation ("will not
  reject", "never accepted") — :func:`cue_polarity`;
- nested cues: "refusal to tolerate X" opposes X, "will not compromise on X"
  supports it — :func:`inner_cue`, :func:`nested_polarity`;
- conditions and hedges: "if Congress wants to ..." is no stance, "could
  maintain" and "reportedly" are hedged — :func:`is_condition`, :func:`flags`;
- reported claims: a claim of obligation ("X must ...") or of the speaker's
  own side's intent ("we will ...") is a stance for what it says, other claims
  are neutral — :func:`claim_polarity`;
- a claim on a stated position: it asserts or denies it, and one that undoes
  something opposes the thing — :func:`assertion_polarity`,
  :func:`polarity_on_concept`, :func:`reverses`;
- a verdict ("This treaty is a flawed document", "called the plan a disgrace"):
  for or against what it judges — :func:`evaluation`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import (
    Cue,
    content_terms,
    cue_of,
    reports,
    table,
    undoes,
    valence,
    verb_cue,
    words,
)
from stancegraph.extract.mentions import DocActors, Mention, StanceMention
from stancegraph.extract.syntax import denied
from stancegraph.extract.what import Target, deed, obligation, target
from stancegraph.extract.who import same_side

__all__ = [
    "assertion_polarity",
    "claim_polarity",
    "cue_polarity",
    "evaluation",
    "flags",
    "flip",
    "inner_cue",
    "is_condition",
    "is_negated",
    "not_yet",
    "is_question",
    "nested_polarity",
    "polarity_on_concept",
    "read_by_outer_cue",
    "reverses",
    "states_a_fact",
]


def flip(polarity: str) -> str:
    """Support becomes oppose and back; neutral stays.

    >>> flip("support"), flip("neutral")
    ('oppose', 'neutral')
    """
    return {"support": "oppose", "oppose": "support"}.get(polarity, polarity)


def is_negated(token: Token) -> bool:
    """ "will not reject", "never accepted", "no support for"; not "done not through
    summits but by trust", which negates a phrase, not the verb."""
    for child in token.children:
        if child.dep_ == "neg" and child.i + 1 < len(child.doc) and child.nbor().pos_ == "ADP":
            continue
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
    if token.dep_ in ("xcomp", "acomp") and token.head.pos_ == "AUX":  # "is not opposed to"
        return is_negated(token.head)
    return False


def not_yet(token: Token) -> bool:
    """ "has yet to say", "is yet to decide": not done."""
    return (
        token.dep_ == "xcomp"
        and token.head.lemma_ in ("have", "be")
        and any(c.lower_ == "yet" for c in token.head.children)
    )


def cue_polarity(cue_token: Token, cue: Cue) -> str:
    """The polarity a stance cue gives its object, negation applied."""
    return flip(cue.polarity) if is_negated(cue_token) else cue.polarity


def inner_cue(head: Token) -> Cue | None:
    """The cue an object is itself, when a cue nests in another ("refuse to tolerate")."""
    return verb_cue(head) if head.dep_ in ("xcomp", "acl", "pcomp") else None


def nested_polarity(outer: str, head: Token, inner: Cue) -> str:
    """The polarity of a nested cue's object: "refusal to tolerate X" opposes X,
    "refuses not to ..." supports."""
    inner_polarity = flip(inner.polarity) if is_negated(head) else inner.polarity
    return outer if inner_polarity == "support" else flip(outer)


def read_by_outer_cue(cue_token: Token, cue: Cue) -> bool:
    """Whether a cue is the object of another stance cue, read as part of it
    ("refuse to tolerate X" is read at "refuse")."""
    if cue_token.dep_ in ("xcomp", "acl") and cue_token.head.i != cue_token.i:
        if cue.polarity == "report":
            return False
        outer = cue_of(cue_token.head)
        return outer is not None and outer.polarity != "report"
    return False


def is_condition(cue_token: Token) -> bool:
    """ "if Congress wants to ...", "whether to back it": a condition, not a stance."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cue_token.children
    )


def is_question(cue_token: Token) -> bool:
    """A cue asked about, not asserted: the sentence, or the quoted sentence, it is in
    ends with a question mark ("Should the UK approve the treaty?", "Will you back
    it?"). A question is no stance by itself."""
    doc = cue_token.doc
    for token in doc[cue_token.i + 1 : cue_token.sent.end]:
        if token.is_punct and token.text[:1] in ".!?":
            aside = token.i + 1 < len(doc) and doc[token.i + 1].text == ")"
            if not aside:  # "(really?)" asks nothing of the sentence
                return token.text[:1] == "?"
    return False


def flags(cue_token: Token, sentence: Span) -> tuple[bool, bool]:
    """Whether a cue is conditional ("if", "unless" ...) and whether it is hedged
    ("could", "might", "reportedly")."""
    hedges = words("cues", "hedges")
    marks = words("cues", "conditional_marks")
    hedge_adverbs = words("cues", "hedge_adverbs")
    hedged = any(c.lower_ in hedges for c in cue_token.children) or any(
        t.lower_ in hedge_adverbs for t in sentence
    )
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in cue_token.children
    ) or any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in cue_token.subtree)
    return conditional, hedged


def states_a_fact(cue_token: Token) -> bool:
    """Whether a cue's clause says what is, not what should be: "suggested the Tories
    are soft on crime", "insisted he did not know" (an assertion, reported), not
    "suggested they should cut it", "insisted there could be no deal" or "urged them
    to leave" (what is asked for)."""
    clause = next((c for c in cue_token.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return False
    verbs = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
    if any(v.tag_ == "MD" for v in verbs):
        return False
    return any(v.tag_ in ("VBZ", "VBD") or v.lower_ in ("are", "'re", "am") for v in verbs)


def hedged_claim(content: Token) -> bool:
    """A reported clause that only says what could be ("X could win")."""
    return any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in content.children)


def claim_polarity(
    content: Token, speaker: Mention, actors: DocActors, gazetteer: Gazetteer, advocacy: bool
) -> str:
    """Whether a reported claim is a stance for (or against) what it says.

    Deontic claims ("X must/should ...") are; so are intentions of the speaker's
    own side ("we will ...", "Russian forces will continue ...", "her party would
    ...") and claims that an event will go on or stop ("the fighting would
    continue"). Predictions about others, facts and descriptions are neutral.
    """
    auxes = {c.lower_ for c in content.children if c.dep_ in ("aux", "auxpass")}
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubj") for c in content.children)
    subject = next((c for c in content.children if c.dep_ == "nsubj"), None)
    # "ceding territory would embolden Moscow" predicts what an action does.
    gerund_subject = subject is not None and any(g.pos_ == "VERB" for g in subject.children)
    existential = any(c.dep_ == "expl" for c in content.children)  # "there should be X"
    copula = (content.lemma_ == "be" and not existential) or content.pos_ in ("ADJ", "NOUN")
    stance = "oppose" if is_negated(content) else "support"
    cue = verb_cue(content)
    if cue is not None and cue.polarity == "oppose" and not undoes(content):
        # "X must not be ignored" is for X, "X must be rejected" against; "the tax must be
        # scrapped" is for scrapping it: the target (what.target) turns it against the tax
        stance = flip(stance)
    foreseen = auxes & (words("cues", "intent_modals") | {"could", "might", "may"})
    needed = obligation(content) is not None or content.lemma_ == "need" and passive
    if needed and not foreseen:
        # "trawling has to stop", "we need to act", "new powers are needed"; "Labour will
        # need to raise taxes" is a prediction, read below by its modal
        auxes.add("must")
    if auxes & words("cues", "deontic_modals"):
        return stance  # "sanctions must be lifted", "there should be a law"
    if passive or gerund_subject or copula:
        return "neutral"
    if advocacy and auxes & words("cues", "advocacy_modals"):
        return stance
    if not auxes & words("cues", "intent_modals"):
        return "neutral"
    if subject is not None and same_side(subject, speaker, actors, gazetteer):
        return stance
    if content.lemma_ in words("cues", "aspectual_verbs") and subject is not None:
        if not subject.ent_type_ and actors.at(subject) is None and subject.pos_ == "NOUN":
            return stance
    return "neutral"


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
    negative = words("cues", "negative_evaluation")
    judged = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr", "dobj", "oprd"))]
    if any(t.lemma_.lower() in negative for t in judged) and not is_negated(head):
        return "support" if undoing_claim else "oppose"
    return "oppose" if is_negated(head) != negative_claim else "support"


def reverses(tokens: Iterable[Token], gazetteer: Gazetteer | None = None) -> bool:
    """Does a phrase undo something ("lifting the sanctions", "an end to the war",
    "subsidies should be phased out", "no amnesty")?

    Only the phrase's head counts, with its particle: "a plan to end poverty
    through subsidies" is a plan, not an undoing.
    """
    tokens = list(tokens)
    inside = set(tokens)
    heads = [t for t in tokens if t.head not in inside or t.head == t]
    if not heads:
        return False
    head = heads[0]
    things = [head, *(c for c in head.children if c.dep_ in ("attr", "dobj", "nsubjpass"))]
    if any(denied(t) for t in things):
        return True  # "no amnesty", "there must be no amnesty"
    phrase = [head, *(c for c in head.children if c.dep_ == "prt")]
    undo = words("cues", "reversal")
    return any(term in undo for term in content_terms(phrase, gazetteer))


def polarity_on_concept(
    stance: StanceMention,
    *,
    negative_claim: bool,
    undoing_claim: bool,
    user_catalogue: bool,
    gazetteer: Gazetteer,
) -> str:
    """A stance's polarity on the catalogue concept it matched.

    A claim that states a user's catalogue claim asserts or denies it
    (:func:`assertion_polarity`); for the default catalogue's short labels a
    neutral mention stays neutral. A concept that undoes something ("sanctions
    should be lifted", ``undoing_claim``) is opposed by a stance for the thing
    itself ("we back the sanctions"), unless the object undoes it too ("we call
    for lifting them") or names a step towards the concept ("we welcome
    progress"); a stance for undoing what a concept wants opposes it
    ("subsidies should be phased out" on "the government should subsidise
    renewables").
    """
    if stance.polarity == "neutral" or stance.judged and user_catalogue:
        if not user_catalogue:
            return "neutral"
        return assertion_polarity(
            stance.object_tokens, negative_claim=negative_claim, undoing_claim=undoing_claim
        )
    if stance.judged:
        return stance.polarity
    # the polarity on the words as said, before a target turned it ("scrap X" on X)
    polarity = flip(stance.polarity) if stance.target_flips else stance.polarity
    tokens = stance.object_tokens
    if stance.refers_to or not tokens:
        return polarity
    undoes = reverses(tokens, gazetteer)
    head = next(t for t in tokens if t.head not in tokens or t.head == t)
    thing = head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in words(
        "cues", "step_nouns"
    )
    if (undoing_claim and not undoes and thing) or (undoes and not undoing_claim):
        # "we back the sanctions" on "sanctions should be lifted", or
        # "subsidies should be phased out" on "subsidise renewables"
        polarity = flip(polarity)
    return polarity


#: verbs that join a subject to what is said of it
_COPULAS = {"be", "seem", "look", "remain", "prove", "appear", "become", "sound"}
#: verdict verbs whose object is judged by the phrase after it ("called the plan a disgrace")
_VERDICT_VERBS = {"call", "brand", "describe", "label", "term", "dub", "declare", "deem"}


def evaluation(clause: Token) -> tuple[Target, str] | None:
    """A verdict on a target and its polarity, if a clause gives one.

    - "This treaty is a flawed document", "the plan seems unworkable": the subject,
      judged by the evaluative words of what is said of it;
    - "called the plan a disgrace", "branded the scheme a shambles": the object,
      judged by the phrase after it; "accused the government of ...": against it;
    - "the cuts would damage services": a thing that does harm (or good) by a
      strongly evaluative verb.

    The valence of words comes from :func:`~stancegraph.extract.lexicon.valence`;
    negation turns it ("is not a disgrace"). None when nothing is judged, the
    judged is a pronoun ("it is unfair") or the clause only says what could be
    ("the Tories might be the winners").
    """
    verb = clause.head if clause.dep_ == "dobj" else clause
    if hedged_claim(verb):
        return None
    if clause.dep_ == "dobj" and verb.lemma_ in ("accuse", "blame"):
        judged, value = deed(clause, verb) or clause, -1.0  # "of wasting money": the wasting
    elif clause.dep_ == "dobj" and verb.lemma_ in _VERDICT_VERBS:
        said = [c for c in verb.children if c.i > clause.i and c.dep_ in ("oprd", "prep", "dobj")]
        said += [c for c in clause.children if c.i > clause.i and c.dep_ in ("attr", "oprd")]
        judged, value = clause, sum(_judgement(s) for s in said)
        verb = clause.head
    elif clause.lemma_ in _COPULAS:
        judged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        said = [c for c in clause.children if c.dep_ in ("acomp", "attr", "oprd")]
        value = sum(_judgement(s) for s in said)
        if judged is not None and judged.lower_ == "it":
            judged = _extraposed(clause, said)  # "it would be a mistake to scrap X": scrapping X
    elif clause.pos_ == "VERB" and clause.lemma_ in table("cues")["judging_verbs"]:
        judged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        value = table("cues")["judging_verbs"][clause.lemma_]
        if judged is not None and (judged.ent_type_ or judged.pos_ != "NOUN"):
            judged = None  # what an actor does is no verdict on it
    else:
        judged, value = None, 0.0
    if not value:  # "Labour's arrogance has been its undoing": a verdict on Labour
        judged, value = _trait_of_owner(clause)
    if judged is None or not value:
        return None
    found = target(judged)
    if found is None or not found.tokens:
        return None
    polarity = "support" if value > 0 else "oppose"
    if is_negated(verb):
        polarity = flip(polarity)
    return found, flip(polarity) if found.flips else polarity


def _extraposed(copula: Token, said: list[Token]) -> Token | None:
    """The clause an "it" subject stands for: "it is wrong [to deny X]", "it would be
    a mistake [to scrap X]", "it is right [that X]"; None when there is none ("it is
    unfair")."""
    for word in (copula, *said):
        for child in word.children:
            if child.i < word.i or child.pos_ not in ("VERB", "AUX") or _says_a_clause(child):
                continue  # "it is wrong to suggest that X": a denial of X, no verdict on it
            if child.dep_ in ("xcomp", "acl") and any(a.lower_ == "to" for a in child.children):
                return child
            if child.dep_ == "ccomp" and any(m.lower_ == "that" for m in child.children):
                return child
    return None


def _says_a_clause(verb: Token) -> bool:
    """A reporting verb, or one with a clause of its own ("suggest that X")."""
    return reports(verb) or any(c.dep_ == "ccomp" for c in verb.children)


def _trait_of_owner(clause: Token) -> tuple[Token | None, float]:
    """The owner of an evaluative trait that is a clause's subject ("Labour's
    arrogance", "Blair's courage") and the trait's valence."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or clause.lemma_ not in _COPULAS:
        return None, 0.0  # "Labour's success came because ...": an account, no verdict
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    value = valence(subject) if abs(valence(subject)) >= 2 else 0.0
    return (owner, value) if owner is not None and value else (None, 0.0)


def _judgement(said: Token) -> float:
    """The valence of what is said of something: an evaluative word and its
    modifiers ("a flawed document", "deeply unfair", "a disgrace", "a waste of
    money"), not the clauses hung on it."""
    if said.dep_ == "prep":  # "described it as a waste of money"
        said = next((c for c in said.children if c.dep_ == "pobj"), said)
    kept = ("amod", "advmod", "compound", "acomp", "dobj", "attr", "oprd")
    phrase = [said, *(c for c in said.children if c.dep_ in kept)]
    phrase += [g for c in phrase[1:] for g in c.children if g.dep_ in ("amod", "compound")]
    feelings = words("cues", "not_judgements")
    return sum(valence(w) for w in phrase if w.lower_ not in feelings)
