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
from dataclasses import replace

from spacy.tokens import Doc, Token

from stancegraph.extract.gazetteer import Gazetteer, name_key
from stancegraph.extract.lexicon import is_reporting_verb, verb_cue
from stancegraph.extract.mentions import DocActors, Mention, Quote
from stancegraph.extract.names import title_word
from stancegraph.extract.syntax import QUOTE_MARKS, paragraph_start, subject_of
from stancegraph.extract.who import source_of, speaker_of_verb

__all__ = ["QUOTE_MARKS", "find_quotes", "quote_content", "through_quotations"]

_DASH = {"-", "--"}
#: a quoted name after these is a title (a show, a book), not a quotation: 'on "Meet
#: the Press"', 'Fox's "Sunday Review"'
_TITLE_BEFORE = {"on"}
#: a signature after a dash is at most this many name words
_SIGNATURE_WORDS = 4
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
    """Quotations whose speaker can be told from a reporting verb next to them, a
    dash and a name after them ('"..." - Jane Roe'), a name and a colon before them
    at the start of a line ('PENCE: Well, look, ...'), or that go on from the same
    speaker's quotation before them: in the paragraph before, or across the tag
    that names the speaker ('"...," she said. "..."'), which makes one quotation."""
    lines = _speaker_lines(doc, actors, gazetteer)
    quotes: list[Quote] = []
    for start, end, para_first, open_end in _quote_spans(doc):
        if any(start < line.end and line.start < end for line in lines):
            # a quotation inside a speaker's line is part of it, and so is one that
            # opens before its label ('"PENCE: Well, ...')
            continue
        if start >= 2 and (doc[start - 2].tag_ == "POS" or doc[start - 2].lower_ in _TITLE_BEFORE):
            continue  # a title: 'on Fox's "Sunday Review," Ola Berg said ...'
        introduced = start >= 2 and doc[start - 2].text in (":", ",")
        opens = para_first or _opens_its_sentence(doc, start)
        after = _verb_after(doc, start, end)
        if after is not None and not (introduced or opens) and _reports_a_clause(after):
            # 'Walking in to chants of "Ola! Ola!," the senator said his campaign was
            # strong': the verb says a clause of its own; the quoted words are a phrase
            after = None
        # A whole utterance is introduced, opens a sentence or comes before its verb
        # ('"...," said X'); other quoted words belong to the clause around them.
        fragment = not (introduced or opens or after is not None)
        if introduced and quotes and _tag_between(doc, quotes[-1], start):
            verb = quotes[-1].verb  # '"A," she wrote in a note explaining X, "B."'
        elif introduced:  # 'He said: "...' introduces the quotation
            verb = _verb_before(doc, start) or after
        else:
            verb = after or _verb_before(doc, start)
        signed = None if verb is not None or fragment else _signed_by(doc, end, actors)
        labelled = _named_before_colon(doc, start, actors, gazetteer) if introduced else None
        if labelled is not None and verb is not None:
            # 'Towns fear the cut - Ola Berg: "..."': a dash ends the clause of the verb
            if verb.i < labelled.start and any(t.text in _DASH for t in doc[verb.i : start]):
                verb = None
            else:
                labelled = None
        if verb is not None:
            speaker = speaker_of_verb(verb, actors, gazetteer)
            if not (introduced or opens or fragment):
                # 'The plan is "a disgrace," said X': the words before the quotation too
                start = max(doc[start].sent.start, paragraph_start(doc, start))
            if verb is after and not fragment:
                end = _runs_on_after_tag(doc, end, verb)
            elif introduced and verb.i < start:
                start = _begun_before_tag(doc, start, end, verb)
            if speaker is not None:
                quotes.append(Quote(start, end, speaker, verb, open_end, fragment))
        elif signed is not None:
            quotes.append(Quote(start, end, signed, None, open_end))
        elif labelled is not None:
            quotes.append(Quote(start, end, labelled, doc[start - 2], open_end))
        elif para_first and quotes and quotes[-1].open_end:
            # The same quotation going on: one claim, one span.
            last = quotes.pop()
            quotes.append(replace(last, end=end, open_end=open_end))
        elif opens:
            # A bare quotation that opens a paragraph or a sentence goes on from the
            # last speaker before it: 'X said the plan was fair. "It is fair."'
            speaker = _previous_speaker(doc, start, para_first, quotes, actors, gazetteer)
            if speaker is not None and quotes and _goes_on(doc, quotes[-1], speaker, start):
                # right after the speaker's last quotation: one quotation, one claim
                quotes.append(replace(quotes.pop(), end=end, open_end=open_end))
            elif speaker is not None:
                quotes.append(Quote(start, end, speaker, None, open_end))
    return sorted(_joined(doc, quotes) + lines, key=lambda q: q.start)


def _runs_on_after_tag(doc: Doc, end: int, verb: Token) -> int:
    """Where a quotation ends whose sentence goes on, unquoted, after the tag that names
    its speaker: '"Only you," she said, would dare to say so.' says all but the tag.
    The end of the quotation itself when the tag ends the sentence, opens another
    quotation ('"A," she said, "B."', joined elsewhere) or goes on with a clause of
    the speaker's ('"A," she said, adding that ...')."""
    sentence = doc[end].sent
    tag_end = next(
        (t.i for t in doc[verb.i + 1 : min(verb.i + _NEAR, sentence.end)] if t.text == ","),
        None,
    )
    if tag_end is None or tag_end + 1 >= sentence.end:
        return end
    if any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : tag_end]):
        return end
    after = doc[tag_end + 1]
    if after.text in QUOTE_MARKS or after.tag_ in ("VBG", "VBN") or after.pos_ == "ADP":
        return end
    last = sentence.end
    while last > tag_end + 1 and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if len([t for t in doc[tag_end + 1 : last] if t.is_alpha]) < 3:
        return end
    return last


def _begun_before_tag(doc: Doc, start: int, end: int, verb: Token) -> int:
    """Where a quotation starts whose clause begins, unquoted, before the tag that names
    its speaker: 'The new quota, she said, "is a disgrace."' says all but the tag: the
    words before the tag belong to the quoted clause (the parser hangs them on it)."""
    sentence = doc[start].sent
    subject = subject_of(verb)
    first = min(verb.i, subject.left_edge.i if subject is not None else verb.i)
    if first - 1 <= sentence.start or doc[first - 1].text != ",":
        return start
    before = doc[sentence.start : first - 1]
    if any(start <= t.head.i < end for t in before if not t.is_punct):
        return sentence.start
    return start


def _goes_on(doc: Doc, last: Quote, speaker: Mention, start: int) -> bool:
    """Whether a quotation starting at ``start`` follows the same speaker's quotation
    with nothing but marks, punctuation, line breaks and that quotation's tag between
    them."""
    if last.fragment or last.speaker.key != speaker.key:
        return False
    between = [t for t in doc[last.end : start] if not (t.text in QUOTE_MARKS or t.is_punct)]
    if all(t.is_space for t in between):
        return True
    # '"A," he said.\n\n"B."': only the tag of the last one, then a new paragraph
    return (
        _tag_before(last, start)
        and len(between) <= _TAG_TOKENS
        and all(t.sent == last.verb.sent for t in between if not t.is_space)
    )


def quote_content(quote: Quote, doc: Doc) -> tuple[int, int]:
    """The tokens ``[start, end)`` a quotation says, with its quotation marks."""
    start = (
        quote.start - 1
        if quote.start > 0 and doc[quote.start - 1].text in QUOTE_MARKS
        else quote.start
    )
    end = (
        quote.end + 1 if quote.end < len(doc) and doc[quote.end].text in QUOTE_MARKS else quote.end
    )
    return start, end


def through_quotations(span: tuple[int, int], quotes: list[Quote], doc: Doc) -> tuple[int, int]:
    """A span that opens a quotation runs to the quotation's end: 'he said Cruz "has
    courage. He is not afraid."' says all of it."""
    start, end = span
    for quote in quotes:
        if start < quote.start <= end and quote.end > end:
            end = quote_content(quote, doc)[1]
    return start, end


def _opens_its_sentence(doc: Doc, start: int) -> bool:
    """Whether a quotation starting at ``start`` opens its sentence, or follows only words
    that make no clause of their own ('Now, "within the business community ..."')."""
    if doc[start - 1].is_sent_start or doc[start].is_sent_start:
        return True
    before = doc[doc[start].sent.start : start - 1]
    return len(before) <= _LEAD_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in before)


#: at most this many words before a quotation that still opens its sentence ("Now, ...")
_LEAD_WORDS = 4


def _joined(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """One quotation for the parts of a speaker's quotation that only the tag naming them
    divides: '"A," she said. "B."' and '"A," she said, "B."' (the tag may quote a
    title: 'she said on "Meet the Press." "B."')."""
    out: list[Quote] = []
    whole: int | None = None  # where in ``out`` the last quotation that is no fragment is
    for quote in quotes:
        last = out[whole] if whole is not None else None
        if (
            last is not None
            and not quote.fragment
            and last.speaker.key == quote.speaker.key
            and (quote.verb is None or quote.verb == last.verb)
            and _only_tag_between(doc, last, quote.start)
        ):
            out[whole] = replace(last, end=quote.end, open_end=quote.open_end)
        else:
            out.append(quote)
            whole = whole if quote.fragment else len(out) - 1
    return out


#: a tag between two parts of a quotation is at most this many tokens
_TAG_TOKENS = 40


def _tag_before(quote: Quote, start: int) -> bool:
    """Whether a quotation's tag stands after it and before token ``start``."""
    return quote.verb is not None and quote.end < quote.verb.i < start


def _tag_between(doc: Doc, quote: Quote, start: int) -> bool:
    """Whether the tag of a quotation stands between it and the next one, which it
    introduces: '"A," she said, "B."'."""
    return not quote.fragment and _tag_before(quote, start) and _only_tag_between(doc, quote, start)


def _only_tag_between(doc: Doc, quote: Quote, start: int) -> bool:
    """Whether only the tag that names a quotation's speaker ('she said.') stands between
    it and a quotation starting at ``start``, in one paragraph."""
    between = doc[quote.end + 1 : start - 1]
    if len(between) > _TAG_TOKENS or any("\n" in t.text for t in between):
        return False
    if all(t.is_punct or t.is_space for t in between):
        return True
    return _tag_before(quote, start)


#: a line that opens with a few words and a colon: "PENCE: Well, ...", "Poll: Trump leads"
_LABELLED_LINE = re.compile(r"(?:^|\n)([^\n:]{1,40}):[ \t]+(?=\S)")
#: a speaker's label is at most this many words
_LABEL_WORDS = 6


def _speaker_lines(doc: Doc, actors: DocActors, gazetteer: Gazetteer) -> list[Quote]:
    """Lines that a speaker's name and a colon open ("PENCE: Well, look, ...", a headline
    "Sanders: Endorsements prove Clinton is the candidate of the establishment"): the
    rest of the line is theirs."""
    out = []
    starts = doc.to_array("IDX").tolist()
    for match in _LABELLED_LINE.finditer(doc.text):
        first = bisect_right(starts, match.start(1)) - 1
        colon = bisect_right(starts, match.end(1)) - 1
        label = [t for t in doc[first:colon] if not t.is_space]
        if not label or len(label) > _LABEL_WORDS or doc[colon].text != ":":
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in label):
            continue  # a sentence that ends in a colon ("He said:"), not a label
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        if len([t for t in doc[colon + 1 : end] if t.is_alpha]) < 3:
            continue
        speaker = _labelled(label, actors, gazetteer)
        if speaker is not None:
            out.append(Quote(colon + 1, end, speaker, doc[colon], open_end=True))
    return out


def _labelled(label: list[Token], actors: DocActors, gazetteer: Gazetteer) -> Mention | None:
    """Who a line's label names: an actor ("Bernie Sanders", "Sanders"), a transcript's
    surname in capitals ("PENCE") of a person the document names, or a document
    ("Poll")."""
    # the label is the name, with at most a title before it, or the name and what it
    # speaks on ("Obama on Climate Change: ..."); not "Another problem for Sanders: ..."
    words_ = [t for t in label if not (t.is_punct or title_word(t.text))]
    named = actors.at(words_[0]) if words_ else None
    if named is not None and named.start == words_[0].i:
        rest = [t for t in words_ if t.i >= named.end]
        if not rest or rest[0].lower_ in ("on", "about"):
            return named
    word = label[-1]
    if actors.at(word) is not None:
        return None
    if word.is_upper and word.is_alpha:
        for m in actors.mentions:
            if m.type == "Person" and m.label.split()[-1].lower() == word.lower_:
                return m
    source = source_of(word, actors, gazetteer)
    return source if source is not None and source.source_kind == "document" else None


def _named_before_colon(
    doc: Doc, start: int, actors: DocActors, gazetteer: Gazetteer
) -> Mention | None:
    """'... - Jane Roe: "The plan is fair."', 'From the report: "..."': the actor or the
    document named right before the colon that introduces a quotation with no
    reporting verb."""
    colon = start - 2
    if colon < 1 or doc[colon].text != ":":
        return None
    word = doc[colon - 1]
    mention = actors.at(word)
    if mention is not None:
        return mention if mention.end == colon else None
    source = source_of(word, actors, gazetteer) if word.pos_ in ("NOUN", "PROPN") else None
    return source if source is not None and source.source_kind == "document" else None


def _signed_by(doc: Doc, end: int, actors: DocActors) -> Mention | None:
    """'"The plan is fair." - Jane Roe, a farmer': the person named after a dash that
    follows the quotation."""
    i = end + 1 if end < len(doc) and doc[end].text in QUOTE_MARKS else end
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in _DASH:
        return None
    mention = actors.at(doc[i + 1])
    if mention is not None:
        return mention if mention.start == i + 1 else None
    # a signature the entity recogniser missed: the capitalised name words after the dash
    name = []
    for tok in doc[i + 1 : i + 1 + _SIGNATURE_WORDS]:
        if not (tok.pos_ == "PROPN" and tok.is_title):
            break
        name.append(tok)
    after = doc[name[-1].i + 1] if name and name[-1].i + 1 < len(doc) else None
    if len(name) < 2 or after is not None and not (after.is_space or after.text in (",", ".")):
        return None
    label = " ".join(t.text for t in name)
    return Mention(name[0].i, name[-1].i + 1, f"person:{name_key(label)}", label, "Person")


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
        if start < 2:
            return None
        # the sentence before the opening mark (which the parser may end with that mark)
        before = doc[start - 2].sent
        begin, end = before.start, min(before.end, start - 1)
    quoted = next((q for q in reversed(quotes) if begin <= q.end <= end), None)
    for tok in reversed(doc[begin:end]):
        if quoted is not None and tok.i < quoted.end:
            return quoted.speaker
        if is_reporting_verb(tok) and not _embedded(tok):
            speaker = speaker_of_verb(tok, actors, gazetteer)
            if speaker is not None:
                return speaker
    return quoted.speaker if quoted is not None else None


def _embedded(verb: Token) -> bool:
    """Whether a verb stands in a clause that qualifies a noun or is said by another:
    'bruises that Ana Lima showed to the police' names no speaker of the paragraph."""
    return any(t.dep_ in ("relcl", "acl", "ccomp") for t in (verb, *verb.ancestors))


def _verb_after(doc: Doc, start: int, end: int) -> Token | None:
    """'...," the minister said' / '...," said Smith'; not after a quotation that ends
    its sentence ('...detained." Douglas Hogg said he opposed it.')."""
    if end > 0 and doc[end - 1].text == ".":
        return None
    for tok in doc[end + 1 : min(len(doc), end + 1 + _NEAR)]:
        if tok.text in QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if _speaks(tok):
            # not a verb whose subject comes before the quotation: 'X, the author of
            # "Going Viral," said the days ... are gone' (a title in its subject)
            subject = subject_of(tok)
            inverted = tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"  # "said X"
            before = subject is not None and subject.left_edge.i < start and not inverted
            return None if before else tok
        if tok.pos_ in ("CCONJ", "VERB") and tok.dep_ != "amod":
            break  # '"...," and called on X to ...': no tag, another clause
    return _verb_of_subject_after(doc, end)


def _verb_of_subject_after(doc: Doc, end: int) -> Token | None:
    """The reporting verb whose subject follows a quotation, however much describes the
    speaker before the verb: '"...," Ola Berg, 30, who was among those polled, said'."""
    first = next((t for t in doc[end : min(len(doc), end + 3)] if t.is_alpha), None)
    if first is None or first.i <= end:
        return None
    word = first
    while word.dep_ != "nsubj" and word.head != word and word.head.pos_ not in ("VERB", "AUX"):
        word = word.head
    verb = word.head
    if (
        word.dep_ == "nsubj"
        and end < verb.i <= end + _TAG_TOKENS
        and verb.sent == first.sent
        and _speaks(verb)
        # not a verb that reports a clause of its own: 'On "Morning Talk," Ola Berg, who
        # ..., said the plan was fair' (a title)
        and not _reports_a_clause(verb)
    ):
        return verb
    return None


def _reports_a_clause(verb: Token) -> bool:
    """Whether a verb reports a clause of its own after it, with no quotation mark
    before that clause ('"A," X said, "B"': B is the quotation's)."""
    return any(
        c.dep_ == "ccomp"
        and c.i > verb.i
        and not any(t.text in QUOTE_MARKS for t in verb.doc[verb.i : c.left_edge.i + 1])
        for c in verb.children
    )


def _verb_before(doc: Doc, start: int) -> Token | None:
    """'Smith said: "...' / 'Smith told reporters, "...'; before a colon, any verb that
    takes a side in words ('Smith proposed a new vote: "..."')."""
    colon = start >= 2 and doc[start - 2].text == ":"
    for tok in reversed(doc[max(0, start - 1 - _NEAR) : max(0, start - 1)]):
        if tok.text in QUOTE_MARKS or "\n" in tok.text or tok.text in (".", "?", "!"):
            return None
        if _speaks(tok) or colon and tok.pos_ == "VERB" and verb_cue(tok) is not None:
            return tok
    return None


def _speaks(verb: Token) -> bool:
    """A reporting verb whose subject speaks: not "when asked about it" (asked by whom?)."""
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
    return is_reporting_verb(verb) and not bare_participle
