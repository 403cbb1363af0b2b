"""Who is speaking: quotations, "according to X", and speakers who introduce themselves.

Reported speech with a ``that`` clause ("X said that ...") is read where the
reporting verb is (:mod:`stancegraph.extract.stances`). This module finds the
rest:

- a quotation and the reporting verb next to it (``"...," the minister told
  reporters``; ``X said: "..."``), which may span several sentences;
- ``according to X`` in front of a claim;
- a speaker who introduces themselves ("My name is Jane Porter and I am the
  chief executive of the Clean Air Alliance"; "I am Jane Porter, ...").

The result maps token positions to the actor speaking there, so that "I" and
"we" inside a quotation mean its speaker, not the document's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.actors import DocActors, Mention, resolve_reference
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.ontology import load_json

__all__ = ["Quote", "find_quotes", "according_to", "self_introduction", "is_reporting_verb"]

_QUOTE_MARKS = {'"', "``", "''"}
#: how far (in tokens) a reporting verb may stand from the quotation it introduces
_NEAR = 12


@dataclass(frozen=True)
class Quote:
    """Quoted tokens ``[start, end)``, who said them, and the reporting verb (None
    for a quotation that goes on from the speaker's previous one)."""

    start: int
    end: int
    speaker: Mention
    verb: Token | None
    #: the quotation runs to the end of its paragraph without a closing mark
    open_end: bool = False

    def covers(self, token: Token) -> bool:
        return self.start <= token.i < self.end

    def span(self, doc: Doc) -> Span:
        """The sentences that hold the quotation and its reporting verb."""
        first = doc[self.start].sent.start
        last = doc[self.end - 1].sent.end
        if self.verb is not None:
            first = min(first, self.verb.sent.start)
            last = max(last, self.verb.sent.end)
        return doc[first:last]


def is_reporting_verb(token: Token) -> bool:
    entry = load_json("cues.json")["verbs"].get(token.lemma_.lower())
    return token.pos_ == "VERB" and entry is not None and entry["polarity"] == "report"


def _quote_spans(doc: Doc) -> list[tuple[int, int, bool, bool]]:
    """Quotations: (start, end, starts its paragraph, runs to its paragraph's end).

    News style leaves a quotation that goes on into the next paragraph
    unclosed, and opens the next paragraph with a new mark.
    """
    spans, opening, para_start = [], None, 0

    def close_open(end: int) -> None:
        if opening is not None and end - opening > 3:
            spans.append((opening + 1, end, opening == para_start, True))

    # Only the marks and line breaks matter: find them in the text, not token by token.
    starts = doc.to_array("IDX").tolist()
    for match in _MARKS_AND_BREAKS.finditer(doc.text):
        i = bisect_right(starts, match.start()) - 1
        tok = doc[i]
        if "\n" in tok.text:
            close_open(tok.i)
            opening, para_start = None, tok.i + 1
        elif tok.text in _QUOTE_MARKS:
            if opening is None:
                opening = tok.i
            else:
                if tok.i - opening > 2:
                    spans.append((opening + 1, tok.i, opening == para_start, False))
                opening = None
    close_open(len(doc))
    return spans


_MARKS_AND_BREAKS = re.compile(r'"|``|\'\'|\n+')


def _speaker_of_verb(verb: Token, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    from stancegraph.extract.stances import stranded_subject, subject_of

    subject = subject_of(verb) or stranded_subject(verb, actors)
    return resolve_reference(subject, actors, gazetteer) if subject is not None else None


def find_quotes(doc: Doc, actors: DocActors, gazetteer: Gazetteer) -> list[Quote]:
    """Quotations whose speaker can be told from a reporting verb next to them, or
    that go on from the same speaker's quotation in the paragraph before."""
    quotes: list[Quote] = []
    for start, end, para_first, open_end in _quote_spans(doc):
        introduced = start >= 2 and doc[start - 2].text in (":", ",")
        if introduced:  # 'He said: "...' introduces the quotation
            verb = _verb_before(doc, start) or _verb_after(doc, end)
        else:
            verb = _verb_after(doc, end) or _verb_before(doc, start)
        if verb is not None:
            speaker = _speaker_of_verb(verb, actors, gazetteer)
            if speaker is not None:
                quotes.append(Quote(start, end, speaker, verb, open_end))
        elif para_first and quotes and quotes[-1].open_end:
            # The same quotation going on: one claim, one span.
            last = quotes.pop()
            quotes.append(Quote(last.start, end, last.speaker, last.verb, open_end))
        elif para_first or doc[start - 1].is_sent_start:
            # A bare quotation that opens a paragraph or a sentence goes on from the
            # last speaker before it: 'X said the plan was fair. "It is fair."'
            speaker = _previous_speaker(doc, start, para_first, quotes, actors, gazetteer)
            if speaker is not None:
                quotes.append(Quote(start, end, speaker, None, open_end))
    return quotes


def _previous_speaker(
    doc: Doc,
    start: int,
    para_first: bool,
    quotes: list[Quote],
    actors: DocActors,
    gazetteer: Gazetteer,
) -> Mention | None:
    """The last speaker of the paragraph (or sentence) before the quotation that
    starts at token ``start``: of its last quotation or its last reporting verb,
    whichever comes later."""
    if para_first:
        i = start - 2  # before the opening mark
        while i >= 0 and "\n" not in doc[i].text:
            i -= 1
        while i >= 0 and "\n" in doc[i].text:
            i -= 1
        if i < 0:
            return None
        end = i + 1
        while i >= 0 and "\n" not in doc[i].text:
            i -= 1
        begin = i + 1
    else:
        opening = doc[start - 1].sent
        if opening.start == 0:
            return None
        before = doc[opening.start - 1].sent
        begin, end = before.start, before.end
    quoted = next((q for q in reversed(quotes) if begin <= q.end <= end), None)
    for tok in reversed(doc[begin:end]):
        if quoted is not None and tok.i < quoted.end:
            return quoted.speaker
        if is_reporting_verb(tok):
            speaker = _speaker_of_verb(tok, actors, gazetteer)
            if speaker is not None:
                return speaker
    return quoted.speaker if quoted is not None else None


def _verb_after(doc: Doc, end: int) -> Token | None:
    """'...," the minister said' / '...," said Smith'; not after a quotation that ends
    its sentence ('...detained." Douglas Hogg said he opposed it.')."""
    if end > 0 and doc[end - 1].text == ".":
        return None
    for tok in doc[end + 1 : min(len(doc), end + 1 + _NEAR)]:
        if tok.text in _QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if is_reporting_verb(tok):
            return tok
    return None


def _verb_before(doc: Doc, start: int) -> Token | None:
    """'Smith said: "...' / 'Smith told reporters, "...'."""
    for tok in reversed(doc[max(0, start - 1 - _NEAR) : max(0, start - 1)]):
        if tok.text in _QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if is_reporting_verb(tok):
            return tok
    return None


def according_to(sentence: Span, actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """The X of "according to X" in a sentence, if any."""
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and tok.nbor().lower_ == "to":
            to = tok.nbor()
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and to.i + 1 < sentence.end:
                pobj = to.nbor()
            if pobj is not None:
                return resolve_reference(pobj, actors, gazetteer)
    return None


def _heading(lines: list[Span]) -> Span:
    """A heading's first line and the lines after it, up to a sentence or a line that
    says where it was given ("Before the Committee on ...")."""
    last = lines[0]
    for line in lines[1:]:
        if line.text.strip()[-1:] in ".?!:" or line[0].tag_ == "IN":
            break
        last = line
    return last.doc[lines[0].start : last.end]


#: the heading of a written testimony or statement: "Testimony of Jane Porter, ..."
_HEADER = re.compile(
    r"\W*(?:(?:prepared|written|opening)\s+)?(?:testimony|statement|remarks|submission)"
    r"\s+(?:of|by|from)\s",
    re.IGNORECASE,
)


def self_introduction(doc: Doc, actors: DocActors) -> tuple[Mention, Span, Mention | None] | None:
    """ "My name is X (and I am the ROLE of Y)", "I am X, ROLE of Y" or a heading
    "Testimony of X, ROLE, Y" near the start.

    Returns the speaker, the sentence, and the organisation or state named
    after the role, if any.
    """
    sentences = list(doc.sents)[:12]
    for n, sentence in enumerate(sentences):
        lowered = sentence.text.lower()
        header = _HEADER.match(sentence.text) is not None
        if not (header or "my name is" in lowered or "i am" in lowered or "i'm" in lowered):
            continue
        if header:  # a heading goes on over its lines: name, title, organisation
            sentence = _heading(sentences[n : n + 4])
        people = [m for m in actors.mentions if sentence.start <= m.start < sentence.end]
        person = next((m for m in people if m.type == "Person"), None)
        if person is None:
            continue
        intro_token = next((t for t in sentence if t.lower_ in ("name", "i")), None)
        if not header and (intro_token is None or intro_token.i > person.start):
            continue
        owner = next((m for m in people if m.type != "Person" and m.start > person.start), None)
        return person, sentence, owner
    return None
