"""Reading a sentence: the thin layer that asks *who*, *what* and *polarity* and
yields statements.

For every stance cue of a sentence (``ontology/cues.json``) it takes the
sources :func:`~stancegraph.extract.who.cue_sources` gives, the objects
:func:`~stancegraph.extract.what.objects` gives and the polarity
:mod:`~stancegraph.extract.polarity` gives them; a reporting verb's content
(:func:`~stancegraph.extract.what.report_content`) is a claim, a stance when
:func:`~stancegraph.extract.polarity.claim_polarity` says so; a quotation is one
claim of its speaker over all its sentences; a sentence after "according to
X" is X's claim; a sentence of the document's own speaker (a speech, a
testimony) is the speaker's claim. Statements that show no stance are kept as
``neutral``, so who-said-what is never lost; what is said once is one
statement. Which *position* each statement is about is decided afterwards,
for the whole document at once (:mod:`~stancegraph.extract.assemble`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import (
    Cue,
    cue_of,
    deontic,
    keeps_or_undoes,
    reports,
    undoes,
    verb_cue,
    words,
)
from stancegraph.extract.mentions import DocActors, Mention, Quote, StanceMention
from stancegraph.extract.polarity import (
    claim_polarity,
    cue_polarity,
    evaluation,
    flags,
    flip,
    hedged_claim,
    inner_cue,
    is_condition,
    is_negated,
    is_question,
    nested_polarity,
    not_yet,
    read_by_outer_cue,
    states_a_fact,
)
from stancegraph.extract.quotes import quote_content, through_quotations
from stancegraph.extract.references import resolve_reference
from stancegraph.extract.syntax import (
    CLAUSE_CUT,
    QUOTE_MARKS,
    REPORT_CUT,
    coordinated,
    subject_of,
    subtree,
)
from stancegraph.extract.what import (
    complement_span,
    is_anaphoric,
    is_candour,
    needed,
    object_tokens,
    objects,
    refers_back,
    report_content,
    reported_fact,
    reported_object,
    sides,
    span_of,
    target,
)
from stancegraph.extract.who import according_to, cue_sources

__all__ = ["MAX_SENTENCE_TOKENS", "find_stances"]

#: cues that ask for or deny something; with a clause that says what is they report a
#: claim ("suggested the Tories are soft", "denied he had lied": no side on an issue)
_ASKING_OR_DENYING = frozenset({"demands", "insists", "proposes", "urges", "advocates", "denies"})
#: sentences longer than this are not read: their parse is noise and reading them is quadratic
MAX_SENTENCE_TOKENS = 300


def find_stances(doc: Doc, actors: DocActors, gazetteer: Gazetteer) -> Iterator[StanceMention]:
    """All stances and attributed claims of a document, in reading order."""
    previous: list[StanceMention] = []
    # a quoted phrase inside a reported clause is read with that clause
    claims = [q for q in actors.quotes if not q.fragment]
    quotes = {q.start: q for q in claims}
    quote_verbs = {q.verb.i for q in claims if q.verb is not None}
    for sentence in doc.sents:
        if len(sentence) > MAX_SENTENCE_TOKENS:
            continue  # a run-on "sentence" (a list, a table, unpunctuated text): no reliable parse
        found = _read_sentence(sentence, actors, gazetteer, previous, claims, quotes, quote_verbs)
        if any(s.polarity != "neutral" for s in found):
            previous = [s for s in found if s.polarity != "neutral"]
        yield from found


def _read_sentence(
    sentence: Span,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
    claims: list[Quote],
    quotes: dict[int, Quote],
    quote_verbs: set[int],
) -> list[StanceMention]:
    found: list[StanceMention] = []
    consumed: set[int] = set()  # cue tokens already read as part of an outer cue
    for token in sentence:
        if token.i in consumed:
            continue
        cue = cue_of(token)
        if cue is None or is_question(token):
            continue
        read = _read_cue(token, cue, sentence, actors, gazetteer, previous, consumed)
        if token.i in quote_verbs:
            # What the verb reports is the quotation, read as one claim below.
            read = [s for s in read if s.polarity != "neutral"]
        found.extend(read)
    found = _in_quotations(found, claims, actors)
    for start in range(sentence.start, sentence.end):
        if start in quotes and not _read_at_verb(quotes[start], found):
            found.append(_quote_claim(quotes[start], actors, gazetteer))
    found = _unframed(_reported_once(found), actors)
    sides_ = _side_stances(sentence, actors)
    according = _according_to_claim(sentence, actors, gazetteer)
    if according is not None and not any(q.covers(according.cue) for q in claims):
        return [*found, according, *sides_]
    if any(q.start < sentence.end and q.end > sentence.start for q in claims):
        return found + sides_  # a quotation's sentences are its speaker's, read as the quotation
    if all(s.polarity == "neutral" for s in found):
        # the speaker's own sentence takes a side though a cue only reports ("we must
        # see it delivered", "we have known the only just solution"): their claim
        claim = _own_claim(sentence, actors, gazetteer)
        if claim is not None and (not found or claim.polarity != "neutral"):
            return [s for s in found if s.actor.key != claim.actor.key] + [claim] + sides_
        if not found:
            return sides_
    return found + _own_clauses(sentence, found, actors, gazetteer) + sides_


def _side_stances(sentence: Span, actors: DocActors) -> list[StanceMention]:
    """Actors whose description names their side: "the anti-war coalition Stop the
    War" opposes the war (:func:`~stancegraph.extract.what.sides`). The actor is the
    name the described noun phrase holds or runs into."""
    found = []
    for prefix, polarity, thing in sides(sentence):
        actor = _described(thing[-1], sentence, actors)
        if actor is None:
            continue
        found.append(
            StanceMention(
                actor=actor,
                predicate="supports" if polarity == "support" else "opposes",
                polarity=polarity,
                cue=prefix,
                sentence=sentence,
                object_tokens=thing,
                confidence=0.6,
            )
        )
    return found


def _described(last: Token, sentence: Span, actors: DocActors) -> Mention | None:
    """The actor a description ending before ``last`` + 1 is of: the next name in
    the same noun phrase ("anti-war coalition Stop the War", "pro-hunting
    Countryside Alliance"), within four words and before any verb or punctuation."""
    for token in sentence.doc[last.i + 1 : min(last.i + 6, sentence.end)]:
        mention = actors.at(token)
        if mention is not None:
            return mention
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "DET"):
            return None
    return None


def _read_cue(
    token: Token,
    cue: Cue,
    sentence: Span,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
    consumed: set[int],
) -> list[StanceMention]:
    if read_by_outer_cue(token, cue):
        return []  # read as part of the outer cue ("refuse to tolerate")
    if cue.polarity != "report" and is_condition(token):
        return []  # "if Congress wants to ...": a condition, not a stance
    if cue.polarity != "report" and _given_up(token):
        return []  # "ending his bid for the White House": a stance no longer taken
    if token.dep_ == "ccomp" and reports(token.head) and deontic(token):
        return []  # "X said Congress must pass it": X's stance, read at "said"
    conditional, hedged = flags(token, sentence)
    if cue.polarity != "report" and cue.type in _ASKING_OR_DENYING and states_a_fact(token):
        cue = replace(cue, polarity="report")  # "suggested the Tories are soft": a claim
    out: list[StanceMention] = []
    for actor, resolved in cue_sources(token, actors, gazetteer):
        base = dict(
            actor=actor,
            cue=token,
            sentence=sentence,
            conditional=conditional,
            hedged=hedged,
            resolved_actor=resolved,
        )
        if cue.polarity == "report":
            out.extend(_read_report(token, cue, base, actors, gazetteer, previous))
        else:
            out.extend(_read_stance(token, cue, base, previous, consumed))
    return out


def _given_up(noun: Token) -> bool:
    """Whether a stance noun is ended by its own holder: "ending his bid for X",
    "dropped its opposition to Y" (not "blocked his bid": someone else's act)."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = noun.head
    if verb.lemma_.lower() not in words("cues", "reversal") | {"abandon"}:
        return False
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    subject = subject_of(verb)
    return holder is not None and (
        holder.pos_ == "PRON" or subject is not None and subject.lower_ == holder.lower_
    )


def _read_stance(
    token: Token,
    cue: Cue,
    base: dict,
    previous: list[StanceMention],
    consumed: set[int],
) -> list[StanceMention]:
    """A stance cue's statements: one per object, each with its polarity."""
    if not_yet(token):
        return []  # "has yet to back the plan": no side taken yet
    polarity = cue_polarity(token, cue)
    out = []
    for head in objects(token, cue):
        inner = inner_cue(head)
        if inner is not None and inner.polarity == "report" or is_candour(head):
            continue  # "wish to highlight X", "want to be clear that X": read X on its own
        if inner is not None:
            consumed.add(head.i)
            polarity_here = nested_polarity(polarity, head, inner)
            targets = [h for ih in objects(head, inner) for h in coordinated(ih)]
        else:
            polarity_here = polarity
            targets = coordinated(head)
        for head in targets:
            # "rejected claims that the minister had lied": a fact disputed, no side
            side = "neutral" if reported_fact(head) else polarity_here
            statement = _with_object(base, cue.type, side, head, previous, token)
            if statement is not None:
                content = complement_span(token)
                content = (
                    _rest_of_report(token, content, clauses=False)
                    if content is not None
                    else span_of(statement.object_tokens)
                )
                out.append(replace(statement, content=content))
    return out


def _with_object(
    base: dict,
    predicate: str,
    polarity: str,
    head: Token,
    previous: list[StanceMention],
    cue_token: Token,
    tokens: tuple[Token, ...] | None = None,
) -> StanceMention | None:
    anaphoric = is_anaphoric(head)
    refers = tuple(p for p in previous if p.actor.key != base["actor"].key) if anaphoric else ()
    acted_on = _acted_on(head)
    if refers_back(acted_on) and previous and head.sent.start - previous[-1].sentence.end < 80:
        # "Kennedy backs the constitution. Lucas opposes it.": it is the constitution;
        # "Bush opposed extending it", "vowed to scrap it": so is what is kept or undone
        anaphoric, refers = True, (previous[-1],)
        if acted_on is not head and undoes(head):
            polarity = flip(polarity)
    if anaphoric and not refers:
        return None
    issue: tuple[Token, ...] = ()
    flips = False
    tokens = tokens or object_tokens(head)
    found = target(head) if not anaphoric else None  # the object named as an issue
    if found is not None and found.tokens and set(found.tokens) != set(tokens):
        issue, flips = found.tokens, found.flips
        polarity = flip(polarity) if flips else polarity
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
        target_tokens=issue,
        target_flips=flips,
        refers_to=refers,
        confidence=round(confidence, 2),
        **base,
    )


def _acted_on(head: Token) -> Token:
    """What an object keeps or undoes, when it is a verb that does ("extending [it]",
    "to scrap [it]"); else the object itself."""
    if head.pos_ == "VERB" and keeps_or_undoes(head):
        thing = next((c for c in head.children if c.dep_ == "dobj"), None)
        if thing is not None:
            return thing
    return head


def _read_report(
    token: Token,
    cue: Cue,
    base: dict,
    actors: DocActors,
    gazetteer: Gazetteer,
    previous: list[StanceMention],
) -> list[StanceMention]:
    # "emphasised the need for tangible results": support for what is needed.
    need = needed(token)
    if need is not None:
        statement = _with_object(base, cue.type, "support", need, previous, token)
        if statement is None:
            return []
        return [replace(statement, content=complement_span(token))]
    content, tokens = report_content(token)
    if content is None:
        thing = reported_object(token, cue)  # "mentioned the wall"
        if thing is None or cue.object == "document" != base["actor"].source_kind:
            return []
        statement = _with_object(base, cue.type, "neutral", thing, previous, token)
        if statement is None:
            return []
        said = complement_span(token)  # and what the parser hung on the verb after it
        said = _rest_of_report(token, said) if said is not None else None
        return [replace(statement, confidence=0.5, content=said)]
    # A reported clause with a stance cue of its own ("X said the UK would veto
    # the bid") is read at that cue; the report stays as who-said-what unless
    # that reading gives the speaker's own stance (see _reported_once).
    # A clause that says what must be done is the reporter's stance, even with a cue of
    # its own ("we believe Congress must pass a law": not Congress's stance).
    own_cue = _has_own_cue(content) and not deontic(content)
    # The whole clause: "legislation that sets binding limits" needs its relative clause.
    clause = tokens or tuple(t for t in subtree(content, REPORT_CUT) if not t.is_punct)
    if len([t for t in clause if t.is_alpha]) < 3:
        # "said he was confident X would ...": the parser split the report in two
        clause = tokens = tuple(
            t for t in token.doc[token.i + 1 : token.sent.end] if not t.is_punct
        )
    polarity = (
        "neutral"
        if own_cue
        else claim_polarity(content, base["actor"], actors, gazetteer, cue.advocacy)
    )
    hedged = base["hedged"] or hedged_claim(content)
    verdict = evaluation(content) if polarity == "neutral" else None
    if verdict is not None:  # "X said the plan was a disaster": against the plan
        polarity = verdict[1]
    if is_negated(token) and not own_cue:
        # "does not think the plan works" thinks it does not; "never said the plan
        # was a disaster" says nothing of the plan
        polarity = flip(polarity) if cue.type in _ATTITUDES else "neutral"
        verdict = verdict if cue.type in _ATTITUDES else None
    elif not_yet(token):  # "has yet to say where the cuts will fall": nothing said yet
        polarity, verdict = "neutral", None
    statement = _with_object(
        {**base, "hedged": hedged}, cue.type, polarity, content, previous, token, tokens
    )
    if statement is None:
        return []
    said = span_of(tokens if tokens else content.subtree)  # all of it, "that" to the end
    if said is not None:
        said = through_quotations(_rest_of_report(token, said), actors.quotes, actors.doc)
    statement = replace(statement, clause_tokens=clause, content=said)
    if verdict is not None:
        return [replace(statement, target_tokens=verdict[0].tokens, judged=True, confidence=0.6)]
    if polarity == "neutral":
        statement = replace(statement, confidence=0.5, reported_clause=content)
    return [statement]


def _rest_of_report(verb: Token, said: tuple[int, int], clauses: bool = True) -> tuple[int, int]:
    """What was said goes on after the clause the parser made the report's content,
    where the parser hung the rest on the reporting verb:

    - another complement ("explained that A and that B", "said A, but B"), a clause
      with a subject of its own that is no statement of someone else's ("said A, but B
      happened", "but he doesn't want B"; not "said A, and Y urged B");
    - a clause giving a reason or a contrast ("said A because B", "said A, although B");
    - a clause with no subject that opens with a modal ("said he backed the plan but
      would wait") or a bare verb going on with an infinitive ("said money is needed to
      develop a vaccine, educate the public and ...").

    It stops at the first part of the sentence that is none of these ("said A on
    Tuesday", "said A, adding B").
    """
    start, end = said
    for part in sorted(verb.children, key=lambda c: c.i):
        if part.i < max(end, verb.i) or part.left_edge.i < end:
            continue  # the subject, what was said
        if part.is_punct or part.dep_ == "cc":
            continue
        if not _goes_on(part) or not clauses and _has_subject(part):
            break
        end = part.right_edge.i + 1
        while (
            end - 1 > start
            and verb.doc[end - 1].is_punct
            and verb.doc[end - 1].text not in QUOTE_MARKS
        ):
            end -= 1  # the sentence's full stop
    return start, end


#: marks of a clause that goes on with what was said: "said A because B"
_GOING_ON_MARKS = {"because", "although", "though", "while", "whereas", "since", "unless", "that"}


def _has_subject(part: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in part.children)


def _goes_on(part: Token) -> bool:
    """Whether a part of the sentence hung on a reporting verb is more of what was said
    (see :func:`_rest_of_report`)."""
    if part.dep_ == "ccomp":
        return True
    if part.dep_ not in ("conj", "advcl"):
        return False
    children = list(part.children)
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    cue = cue_of(part) if part.pos_ == "VERB" else None
    someone_else = subject is not None and subject.pos_ != "PRON"
    if cue is not None and (_speech_cue(cue) or someone_else):
        # "adding B", "and Y urged B": a statement of its own; "and she thought B"
        # goes on, what she thought is part of what she said
        return False
    if any(c.dep_ == "mark" and c.lower_ in _GOING_ON_MARKS for c in children):
        return True
    if _has_subject(part):
        return part.dep_ == "conj"
    # the first word that is no adverb: "and then would continue ..."
    first = next((t for t in part.subtree if t.pos_ not in ("ADV", "CCONJ")), part)
    return first.tag_ == "MD" or part.tag_ == "VB" and first == part


def _has_own_cue(clause: Token) -> bool:
    """Whether a clause holds a stance verb of its own (read at that verb)."""
    for tok in subtree(clause):
        cue = cue_of(tok)
        if cue is not None and cue.polarity != "report" and tok.pos_ == "VERB":
            return True
    return False


def _reported_once(found: list[StanceMention]) -> list[StanceMention]:
    """Drop the neutral report of a clause whose own cue gave the speaker's stance:
    "X said he would veto the bid" is X's stance against the bid, said once; what
    was said, the stance's content, is the reported clause."""
    said_in: dict[int, tuple[int, int] | None] = {}
    kept = []
    for j, s in enumerate(found):
        clause = s.reported_clause
        stances = [
            i
            for i, other in enumerate(found)
            if clause is not None
            and other.polarity != "neutral"
            and other.actor.key == s.actor.key
            and clause.is_ancestor(other.cue) | (other.cue == clause)
        ]
        said_in.update((i, s.content) for i in stances)
        if not stances:
            kept.append(j)
    out = [
        replace(found[j], content=said_in[j]) if said_in.get(j) is not None else found[j]
        for j in kept
    ]
    return [s for i, s in enumerate(out) if not _said_already(i, out)]


def _said_already(i: int, found: list[StanceMention]) -> bool:
    """Whether neutral claim ``found[i]`` is (80 % of) the words of another statement of
    the same actor in its sentence: a stance, a longer claim, or the same claim read
    earlier ('"I think it's a bad deal," X said': the quotation and "think" say it)."""
    claim = found[i]
    tokens = {t.i for t in claim.object_tokens}
    if claim.polarity != "neutral" and not claim.judged or not tokens:
        return False
    for j, other in enumerate(found):
        if j == i or other.actor.key != claim.actor.key:
            continue
        shared = len(tokens & {t.i for t in other.object_tokens})
        larger = (other.polarity != "neutral", len(other.object_tokens), -j) > (
            False,
            len(tokens),
            -i,
        )
        if larger and 5 * shared >= 4 * len(tokens):
            return True
        if _within(claim.content, other.content):
            return True  # "X said A, and she thought B": B is part of what X said
    return False


def _within(inner: tuple[int, int] | None, outer: tuple[int, int] | None) -> bool:
    """Whether a span lies inside a longer one."""
    if inner is None or outer is None:
        return False
    return (
        outer[0] <= inner[0] and inner[1] <= outer[1] and outer[1] - outer[0] > inner[1] - inner[0]
    )


def _in_quotations(
    found: list[StanceMention], claims: list[Quote], actors: DocActors
) -> list[StanceMention]:
    """Statements read inside a quotation, in the quotation's frame.

    What its speaker (or the body they speak for) says there was said in the
    quotation: a stance keeps it as its content ('"We will never accept it," she
    said'), a mere report inside it says nothing more ('"I think we will win"').
    Anyone else the quotation mentions is kept only when named, and only for what
    the quotation reports they said ('"He told me he would resign"'): a pronoun or a
    description inside someone's words refers in their frame, not the text's, and
    what the speaker says another wants, backs or believes is the speaker's claim
    ('"Sheldon knows nobody is more loyal," X said'), not the other's statement.
    """
    out = []
    for s in found:
        quote = next((q for q in claims if q.covers(s.cue) or s.cue == q.verb), None)
        if quote is None:
            out.append(s)
        elif s.actor.key in _voices(quote.speaker, actors) and not (
            quote.covers(s.cue) and _someone_else(s)
        ):
            if s.polarity != "neutral" or s.cue == quote.verb:
                said = _with_its_clause(quote, actors.doc)
                out.append(replace(s, content=said, sentence=quote.span(actors.doc)))
        elif _named(s) and _speech(s):
            out.append(s)
    return out


#: pronouns by which a speaker speaks of someone else, never of themselves
_OTHERS = frozenset({"he", "she", "they", "him", "her", "them"})


def _someone_else(statement: StanceMention) -> bool:
    """Whether a statement read inside a quotation has a "he", "she" or "they" for its
    source: in the speaker's words another person ('"He wants America to change,"
    said X' is not X's wish), whoever the pronoun was resolved to in the text."""
    subject = subject_of(statement.cue)
    return statement.resolved_actor and subject is not None and subject.lower_ in _OTHERS


#: reporting cues that say what someone thinks or feels, not what they said
_ATTITUDES = frozenset({"believes", "hopes", "fears", "expects", "doubts", "intends", "seems"})


def _speech(statement: StanceMention) -> bool:
    """Whether a statement reports what its source said: not a stance, an attitude."""
    return _speech_cue(cue_of(statement.cue))


def _speech_cue(cue: Cue | None) -> bool:
    """Whether a cue reports speech: a reporting cue that is no attitude."""
    return cue is not None and cue.polarity == "report" and cue.type not in _ATTITUDES


def _voices(speaker: Mention, actors: DocActors) -> set[str]:
    """The keys a speaker speaks as: their own and their body's ("we")."""
    body = actors.bodies.get(speaker.key)
    return {speaker.key} | ({body.key} if body is not None else set())


def _named(statement: StanceMention) -> bool:
    """Whether a statement's source is an actor named where it was read, not a pronoun,
    a description or a source that is no actor."""
    return statement.actor.is_actor and not statement.resolved_actor


def _unframed(found: list[StanceMention], actors: DocActors) -> list[StanceMention]:
    """Drop what is read inside another source's reported clause with a source that is
    not named there ("Cruz said any candidate who wants to win Iowa must answer" is
    Cruz's claim, not one of "any candidate"), and a named source's stance or attitude
    there: "She said Trump favors a strongman approach" is her claim about Trump, kept
    as hers; what she reports he said stays his too ("She said Trump told her ...")."""
    return [
        s
        for s in found
        if _named(s)
        and _speech(s)
        or not any(
            other.content is not None
            and other.content[0] <= s.cue.i < other.content[1]
            and s.actor.key not in _voices(other.actor, actors)
            for other in found
        )
    ]


def _read_at_verb(quote: Quote, found: list[StanceMention]) -> bool:
    """Whether the reporting verb already gave the speaker's stance on the quotation
    ('"We will not vote for it," X said'): it is said once."""
    return quote.verb is not None and any(
        s.cue == quote.verb and s.polarity != "neutral" and s.actor.key == quote.speaker.key
        for s in found
    )


def _with_its_clause(quote: Quote, doc: Doc) -> tuple[int, int]:
    """What a quotation says, from the start of the reported clause it ends or that
    introduces it: 'told reporters that if the board wants a fight, "we are ready."',
    'suggested a new vote: "Let the people decide."'."""
    start, end = quote_content(quote, doc)
    verb = quote.verb
    if verb is None or verb.i >= quote.start:
        return start, end
    if reports(verb):
        head, tokens = report_content(verb)
        words_ = [t for t in (tokens or head.subtree) if not t.is_punct] if head else []
    else:  # 'proposed a new vote: "..."'
        span = complement_span(verb)
        words_ = [t for t in doc[span[0] : span[1]] if not t.is_punct] if span else []
    if not words_:
        return start, end
    last = max(t.i for t in words_)
    if last < quote.start and not all(t.is_punct for t in doc[last + 1 : start]):
        return start, end  # a clause of its own before the quotation
    first = min(t.i for t in words_)
    if verb.i < first < start and doc[first].sent == doc[quote.start].sent:
        return first, end
    return start, end


def _quote_claim(quote: Quote, actors: DocActors, gazetteer: Gazetteer) -> StanceMention:
    """A quotation, over all its sentences, as one claim of its speaker.

    It is a stance when its first clause is deontic or an intention of the
    speaker's side ("We must act now") and has no stance cue of its own (those
    are read at the cue), or when one of its sentences is a verdict ("This
    treaty is a flawed document"): for or against what that sentence judges.
    """
    doc = actors.doc
    tokens = tuple(t for t in doc[quote.start : quote.end] if not t.is_punct)
    root = doc[quote.start].sent.root
    polarity = "neutral"
    if quote.covers(root) and root.pos_ in ("VERB", "AUX") and not _has_own_cue(root):
        polarity = claim_polarity(root, quote.speaker, actors, gazetteer, advocacy=False)
    verb = quote.verb
    verb_cue_ = verb_cue(verb) if verb is not None else None
    statement = StanceMention(
        actor=quote.speaker,
        predicate=verb_cue_.type if verb_cue_ is not None else "says",
        polarity=polarity,
        cue=verb if verb is not None else doc[quote.start],
        sentence=quote.span(doc),
        object_tokens=tokens,
        confidence=0.6 if verb is not None else 0.5,
        content=_with_its_clause(quote, doc),
    )
    if polarity != "neutral":  # "X should withdraw these remarks": about withdrawing them
        found = target(root)
        if found is not None and found.tokens and set(found.tokens) != set(tokens):
            polarity = flip(polarity) if found.flips else polarity
            statement = replace(statement, polarity=polarity, target_tokens=found.tokens,
                                target_flips=found.flips)  # fmt: skip
        return statement
    roots = {doc[i].sent.root for i in range(quote.start, quote.end)}
    for clause in sorted((r for r in roots if quote.covers(r)), key=lambda r: r.i):
        verdict = evaluation(clause)
        if verdict is not None:
            return replace(statement, polarity=verdict[1], target_tokens=verdict[0].tokens,
                           judged=True)  # fmt: skip
    return statement


def _according_to_claim(
    sentence: Span, actors: DocActors, gazetteer: Gazetteer
) -> StanceMention | None:
    """The clause that "according to X" qualifies: a neutral claim of X."""
    source = according_to(sentence, actors, gazetteer)
    if source is None:
        return None
    cue = next(t for t in sentence if t.lower_ == "according")
    head = cue.head if cue.head.pos_ in ("VERB", "AUX") else sentence.root
    if head.dep_ in ("aux", "auxpass"):
        head = head.head  # the parser may hang the phrase on "is" of "is leading"
    while (
        head.dep_ == "conj" and head.head.i < head.i < cue.i and head.head.pos_ in ("VERB", "AUX")
    ):
        # "A rose, B fell and C held, according to X": the parser hangs the phrase
        # after the last clause of a coordination on that clause; it qualifies them all
        head = head.head
    aside = set(cue.subtree)
    return _claim(source, cue, sentence, tuple(t for t in head.subtree if t not in aside))


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
        clause = set(subtree(head, CLAUSE_CUT | {"conj"}))
        if any(s.cue in clause for s in found):
            continue
        claim = _own_claim(sentence, actors, gazetteer, head)
        if claim is not None:
            out.append(claim)
    return out


def _first_person(verb: Token) -> bool:
    """ "we must see it delivered", "I know": the speaker reports their own mind."""
    subject = subject_of(verb)
    return subject is not None and subject.lower_ in ("i", "we")


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
    clause = subtree(root) if whole else subtree(root, CLAUSE_CUT | {"conj"})
    cut = REPORT_CUT if whole else REPORT_CUT | {"conj"}
    if any(reports(t) and not _first_person(t) for t in clause):
        return None  # someone's words are reported here, read at the cue or not at all
    actor = speaker
    if _first_person(root):
        actor = resolve_reference(subject_of(root), actors, gazetteer) or speaker
    polarity = claim_polarity(root, actor, actors, gazetteer, advocacy=False)
    verdict = evaluation(root) if polarity == "neutral" else None
    if verdict is not None:  # "The Council is a failure": against the Council
        polarity = verdict[1]
    tokens = tuple(
        t
        for t in clause
        if not t.is_punct
        and not (t.dep_ in ("advmod", "cc", "intj") and t.head == root and t.i < root.i)
    )
    if len([t for t in tokens if t.is_alpha]) < 3:
        return None
    conditional, hedged = flags(root, sentence)
    claim = tuple(t for t in subtree(root, cut) if not t.is_punct)
    predicate = "judges" if verdict else "states" if polarity == "neutral" else "advocates"
    return StanceMention(
        actor=actor,
        predicate=predicate,
        polarity=polarity,
        cue=root,
        sentence=sentence,
        object_tokens=tokens,
        target_tokens=verdict[0].tokens if verdict else (),
        judged=verdict is not None,
        # the whole claim, relative clauses included, for matching a catalogue of claims
        clause_tokens=claim,
        content=span_of(claim),
        conditional=conditional,
        hedged=hedged,
        confidence=0.6 if polarity != "neutral" else 0.5,
        own=True,
    )


def _claim(actor: Mention, cue: Token, sentence: Span, tokens: tuple[Token, ...]) -> StanceMention:
    return StanceMention(
        actor=actor,
        predicate="says",
        polarity="neutral",
        cue=cue,
        sentence=sentence,
        object_tokens=tokens,
        confidence=0.5,
        content=span_of(tokens),
    )
