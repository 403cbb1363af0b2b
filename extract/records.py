"""The small immutable records that flow from reading to extraction to the graph.

Every offset (``start``, ``end``) is a character offset into the *original* text
of a document, as read from disk, so that users can find the evidence in their
own files. ``Document.text`` is the normalised text that the parser sees;
``Document.to_original`` maps its offsets back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = [
    "content_hash",
    "position_id_for",
    "slug",
    "Document",
    "Actor",
    "Statement",
    "Relation",
    "Position",
    "Extraction",
    "ACTOR_TYPES",
    "POLARITIES",
    "SOURCE_KINDS",
]

ACTOR_TYPES = ("Person", "Organization", "State", "Group")
POLARITIES = ("support", "oppose", "neutral")
#: what the source of a statement is (see :class:`Statement`)
SOURCE_KINDS = ("actor", "document", "generic", "unnamed")


def content_hash(text: str) -> str:
    """A hash of a document's normalised text: a store that has it has the document.

    >>> content_hash("Kyiv rejected the plan.")[:8]
    '389e9ca8'
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: the stuff of ids.

    >>> slug("Volodymyr Zelens'kyy")
    'volodymyr-zelens-kyy'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def position_id_for(label: str) -> str:
    """A stable id for a position, from its label or a concept IRI's local name.

    >>> position_id_for("Apply more pressure on Moscow!")
    'apply-more-pressure-on-moscow'
    """
    return slug(label)[:80].rstrip("-") or "position"


@dataclass(frozen=True)
class Document:
    """One input document after reading and normalisation.

    ``offsets[i]`` is the offset in ``original`` of character ``i`` of ``text``;
    it has one extra entry, the end of the original text, so that an exclusive
    end offset maps too.
    """

    id: str
    text: str
    original: str
    offsets: tuple[int, ...]
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    speaker: str | None = None
    #: the speaker's function and the body they speak for, when the input says
    speaker_role: str | None = None
    organization: str | None = None
    path: str | None = None
    #: BLAKE2b of the normalised text: a store that has this hash has the document
    content_hash: str | None = None

    def without_text(self) -> Document:
        """The same document with only its metadata, to keep once it is extracted."""
        return dataclasses.replace(self, text="", original="", offsets=(0,))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to the original text.

        The end maps to one past the original offset of the span's last
        character, so that an original span never swallows text the
        normaliser removed after it.
        """
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        stop = self.offsets[end - 1] + 1
        while stop < len(self.original) and unicodedata.combining(self.original[stop]):
            stop += 1  # the marks the last character carries ("e" + U+0301)
        return self.offsets[start], stop

    def to_normalised(self, original_offset: int) -> int:
        """The first normalised offset at or after an original offset."""
        return bisect_right(self.offsets, original_offset - 1)


@dataclass(frozen=True)
class Actor:
    """A canonical real-world actor: one node however many ways it is named."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str | None = None
    mentions: int = 0
    #: corrections from a curation file that changed this record (``extract/curation.py``)
    curated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """Who took which stance on what, with the evidence.

    ``predicate`` is the cue's finer type (``demands``, ``proposes``,
    ``rejects``, ``says`` ...); ``polarity`` is ``support``, ``oppose`` or
    ``neutral``. ``start``/``end`` locate what was said (the reported clause,
    the quotation over all its sentences, the object of a stance) in the
    original text; ``evidence`` is the sentence or sentences it was read in;
    ``cue_start``/``cue_end`` locate the cue word(s).

    ``source_kind`` says what the source is (:data:`SOURCE_KINDS`): an
    ``actor`` (named, or a pronoun or description resolved to one), a
    ``document`` (a report, a poll, a filing: ``actor_id`` is its owner when
    one is named, "a CNN poll"), a ``generic`` kind of people ("critics",
    "officials") or ``unnamed`` ("it was reported that"). A source that is
    no actor has ``actor_id=""`` and ``actor`` as written ("critics", "a new
    report", "" when unnamed); it never becomes an actor.

    A stance on an actor ("Blair challenged the Tories") has ``target_id``, the
    actor's id, and ``position`` its label; it makes no position (``position_id``
    is ""): one node per actor.
    """

    doc: str
    actor: str
    actor_id: str
    predicate: str
    polarity: str
    position: str
    position_id: str
    evidence: str
    start: int
    end: int
    cue: str = ""
    cue_start: int = -1
    cue_end: int = -1
    date: str | None = None
    confidence: float = 0.5
    conditional: bool = False
    hedged: bool = False
    position_score: float = 0.0
    #: what the statement claims, as said: the reported clause, the quotation or the
    #: words the stance is about (``position`` is the issue it is about)
    claim: str = ""
    source_kind: str = "actor"
    #: the actor the stance is on, when it is on an actor
    target_id: str = ""
    #: corrections from a curation file that changed this record (``extract/curation.py``)
    curated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A role between two actors: ``subject`` is ``predicate`` of ``object``.

    ``predicate`` is one of ``leader_of``, ``spokesperson_of``, ``represents``,
    ``member_of``, ``employed_by``; ``role`` is the title it was read from
    (``spokesman``, ``shadow foreign secretary``).
    """

    doc: str
    subject: str
    subject_id: str
    predicate: str
    object: str
    object_id: str
    evidence: str
    start: int
    end: int
    role: str = ""
    date: str | None = None
    confidence: float = 0.8
    #: corrections from a curation file that changed this record (``extract/curation.py``)
    curated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Position:
    """A position actors take a stance on: a catalogue concept or a new one.

    ``iri`` is the SKOS concept's IRI when the position comes from a catalogue.
    """

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    iri: str | None = None
    in_catalogue: bool = False
    definition: str | None = None
    #: corrections from a curation file that changed this record (``extract/curation.py``)
    curated: tuple[str, ...] = ()


@dataclass
class Extraction:
    """Everything extracted from a corpus, actors already merged across it."""

    documents: list[Document] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    #: (document id, actor id) -> how often the document mentions the actor
    mentions: dict[tuple[str, str], int] = field(default_factory=dict)
