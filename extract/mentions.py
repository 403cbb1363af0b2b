"""What one parsed document yields before anything is merged: mentions that hold spaCy tokens.

These records live only while a document is extracted (see
:mod:`stancegraph.extract.assemble`); what leaves a document is plain records
(:mod:`stancegraph.extract.records`). Every question module reads and writes
them: :mod:`~stancegraph.extract.actors` finds :class:`Mention` s,
:mod:`~stancegraph.extract.who` and :mod:`~stancegraph.extract.quotes` give
statements their source, :mod:`~stancegraph.extract.sentences` yields
:class:`StanceMention` s and :mod:`~stancegraph.extract.relations`
:class:`RoleMention` s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

__all__ = ["DocActors", "Mention", "Quote", "RoleMention", "StanceMention"]


@dataclass(frozen=True)
class Mention:
    """One mention of an actor: token span ``[start, end)`` in the document.

    ``key`` names the real-world actor as far as one document can tell:
    ``gz:<id>`` when the gazetteer knows it, otherwise ``<type>:<name key>``.
    Mentions from metadata (the document's speaker) have ``start == end == -1``.
    """

    start: int
    end: int
    key: str
    label: str
    type: str
    wikidata: str | None = None
    #: True for names that are only actors when they act (a city that "said" something).
    agent_only: bool = False
    #: a common word standing for an actor named before ("the Council"): not one of its names
    referring: bool = False


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


@dataclass
class DocActors:
    """The mentions of one document, indexed by token, and who speaks where."""

    doc: Doc
    mentions: list[Mention]
    by_token: dict[int, Mention]
    #: the document's own speaker (metadata, a self-introduction or a heading)
    speaker: Mention | None = None
    #: person key -> the organisation or state they speak for, whose "we" it is
    bodies: dict[str, Mention] = field(default_factory=dict)
    #: (predicate, owner key) -> the person holding that role, e.g. the spokesperson of Russia
    role_holders: dict[tuple[str, str], Mention] = field(default_factory=dict)
    #: role phrase -> the last person the document gave that title ("foreign minister")
    titled: dict[str, Mention] = field(default_factory=dict)
    #: quotations with their speakers (see :mod:`stancegraph.extract.quotes`)
    quotes: list[Quote] = field(default_factory=list)
    #: person key -> "m" or "f" where a title tells ("Mr Blair", "Mrs Hutt")
    genders: dict[str, str] = field(default_factory=dict)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


@dataclass(frozen=True)
class StanceMention:
    """A statement read in one sentence, before actors and positions are merged."""

    actor: Mention
    predicate: str
    polarity: str
    cue: Token
    sentence: Span
    object_tokens: tuple[Token, ...] = ()
    #: positions pointed back to ("these conditions"): earlier stances of the document
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
    #: the head of a reported clause that holds a stance cue of its own, read there too
    reported_clause: Token | None = field(default=None, compare=False)
    #: the issue the stance is about, as a short noun phrase ("ID cards" of "plans to
    #: scrap ID cards"), when it is not the object's words themselves
    target_tokens: tuple[Token, ...] = ()
    #: the words around the target undo it ("scrap"): the polarity was turned for it
    target_flips: bool = False
    #: the polarity is a verdict on the target ("This treaty is a flawed document")
    judged: bool = False

    @property
    def claim_tokens(self) -> tuple[Token, ...]:
        """What the statement claims, to match against a catalogue of claims."""
        return self.clause_tokens or self.object_tokens

    @property
    def issue_tokens(self) -> tuple[Token, ...]:
        """The words that name the issue the statement is about."""
        return self.target_tokens or self.object_tokens


@dataclass(frozen=True)
class RoleMention:
    """A person's role in a body: ``person`` is ``predicate`` of ``owner``."""

    person: Mention
    predicate: str
    owner: Mention
    role: str
    #: where the role was read; None when the input's metadata gave it
    sentence: Span | None
