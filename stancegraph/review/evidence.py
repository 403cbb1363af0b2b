"""A statement as a coder reads it: its sentence with actor, cue and target marked, and how
its source was found.

Pure functions over records; no text is parsed again. The marks are found in
the evidence sentence itself: the cue at its offset (``cue_start`` relative to
the sentence's ``start``, or where the cue's words occur nearest to it when
normalisation moved them), the target where the statement's claim
occurs, the actor where one of its names occurs as whole words.

>>> from stancegraph.extract.records import Statement
>>> st = Statement("d", "Norway", "norway", "rejects", "oppose", "Quotas", "quotas",
...                "Norway rejected the fishing quotas.", 100, 135, cue="rejected",
...                cue_start=107, cue_end=115, claim="the fishing quotas")
>>> [(s["text"], s["mark"]) for s in segments(st, ["Norway"]) if s["mark"]]
[('Norway', 'actor'), ('rejected', 'cue'), ('the fishing quotas', 'target')]
>>> source_kind(st, ["Norway"], speakers=())
'named'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stancegraph.extract.records import Statement

__all__ = ["SOURCE_KINDS", "mentions_name", "segments", "source_kind"]

#: how a statement's source was found, as far as the records show it
SOURCE_KINDS = {
    "speaker": "the document's speaker (first person, or the input's metadata)",
    "named": "named in the sentence",
    "referred": "not named in the sentence: a pronoun, a description, a quotation going on",
}
#: which mark wins where two overlap
_PRIORITY = {"cue": 3, "actor": 2, "target": 1}


def mentions_name(text: str, name: str) -> bool:
    """Whether ``text`` has ``name`` as whole words (any case)."""
    return _find_name(text, name) is not None


def _find_name(text: str, name: str) -> tuple[int, int] | None:
    name = name.strip()
    if not name:
        return None
    found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    return found.span() if found else None


def _nearest(text: str, words: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``words`` in ``text`` (any case) nearest to offset ``near``."""
    words = words.strip()
    if not words:
        return None
    spans = [m.span() for m in re.finditer(re.escape(words), text, re.IGNORECASE)]
    return min(spans, key=lambda s: abs(s[0] - near)) if spans else None


def segments(statement: Statement, names: Sequence[str]) -> list[dict]:
    """The evidence sentence in runs of text, each marked ``actor``, ``cue``, ``target`` or
    None; ``names`` are the actor's label and aliases. The runs join to the sentence."""
    text = statement.evidence
    marks: list[str | None] = [None] * len(text)

    def mark(span: tuple[int, int] | None, kind: str) -> None:
        if span is None:
            return
        for i in range(max(span[0], 0), min(span[1], len(text))):
            if marks[i] is None or _PRIORITY[marks[i]] < _PRIORITY[kind]:
                marks[i] = kind

    cue_at = statement.cue_start - statement.start
    cue = statement.cue
    if cue and 0 <= cue_at and text[cue_at : cue_at + len(cue)].casefold() == cue.casefold():
        mark((cue_at, cue_at + len(cue)), "cue")
    elif cue:
        mark(_nearest(text, cue, max(cue_at, 0)), "cue")
    mark(_nearest(text, statement.claim, max(cue_at, 0)), "target")
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        span = _find_name(text, name)
        if span is not None:
            mark(span, "actor")
            break
    runs: list[dict] = []
    for i, char in enumerate(text):
        if runs and runs[-1]["mark"] == marks[i]:
            runs[-1]["text"] += char
        else:
            runs.append({"text": char, "mark": marks[i]})
    return runs


def source_kind(statement: Statement, names: Iterable[str], speakers: Iterable[str | None]) -> str:
    """A key of :data:`SOURCE_KINDS`: how the statement's source was found.

    ``names`` are the actor's label and aliases; ``speakers`` the document's speaker
    and the body they speak for, as its metadata gives them.
    """
    names = [n for n in names if n and n.strip()]
    voices = {v.strip().casefold() for v in speakers if v and v.strip()}
    if any(n.casefold() in voices for n in names):
        return "speaker"
    if any(mentions_name(statement.evidence, n) for n in names):
        return "named"
    return "referred"
