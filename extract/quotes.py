"""Quotations and their speakers: part of *who*.

A quotation's speaker is the subject of the reporting verb next to it
(``"...," the minister told reporters``; ``X said: "..."``); a quotation that
opens a paragraph or a sentence with no verb next to it goes on from the last
speaker before it; news style leaves a quotation that runs into the next
paragraph unclosed and opens that paragraph with a new mark, and such a
quotation is one. :func:`find_quotes` gives them all, so that "I" and "we"
inside a quotation mean its speaker, not the document's.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import is_reporting_verb
from stancegraph.extract.mentions import DocActors, Mention, Quote
from stancegraph.extract.who import speaker_of_verb

__all__ = ["find_quotes"]

QUOTE_MARKS = {'"', "``", "''"}
#: how far (in tokens) a reporting verb may stand from the quotation it introduces
_NEAR = 12
_MARKS_AND_BREAKS = re.compile(r'"|``|\'\'|\n+')


def _quote_spans(doc: Doc) -> list[tuple[int, int, bool, bool]]:
    """Quotations: (start, end, starts its paragraph, runs to its paragraph's end)."""
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
        elif tok.text in QUOTE_MARKS:
            if opening is None:
                opening = tok.i
            else:
                if tok.i - opening > 2:
                    spans.append((opening + 1, tok.i, opening == para_start, False))
                opening = None
    close_open(len(doc))
    return spans


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
            speaker = speaker_of_verb(verb, actors, gazetteer)
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
            speaker = speaker_of_verb(tok, actors, gazetteer)
            if speaker is not None:
                return speaker
    return quoted.speaker if quoted is not None else None


def _verb_after(doc: Doc, end: int) -> Token | None:
    """'...," the minister said' / '...," said Smith'; not after a quotation that ends
    its sentence ('...detained." Douglas Hogg said he opposed it.')."""
    if end > 0 and doc[end - 1].text == ".":
        return None
    for tok in doc[end + 1 : min(len(doc), end + 1 + _NEAR)]:
        if tok.text in QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if is_reporting_verb(tok):
            return tok
    return None


def _verb_before(doc: Doc, start: int) -> Token | None:
    """'Smith said: "...' / 'Smith told reporters, "...'."""
    for tok in reversed(doc[max(0, start - 1 - _NEAR) : max(0, start - 1)]):
        if tok.text in QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if is_reporting_verb(tok):
            return tok
    return None
