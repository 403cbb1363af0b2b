"""What a review shows: one application of the curation file to the build's uncurated tables.

To tell which extracted statement became which shown one (for the report, and
to name a statement the way it was extracted), each base statement carries a
private tag in its ``curated`` notes through ``apply_curation`` (see
:class:`~.session.Review`); corrections keep and merge notes, so the tags come
out on the statements they became. A base statement whose tag is gone was dropped.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from stancegraph.extract.curation import Curation, CurationReport
from stancegraph.extract.records import Extraction, Statement
from stancegraph.graph.build import build_graph
from stancegraph.review.evidence import segments, source_kind

__all__ = ["STATEMENT_NOTES", "TAG", "View", "statement_id"]

TAG = "\x00"  # starts the private notes that trace base statements; no real note does
#: notes of the statement corrections, and what a coder would call them
STATEMENT_NOTES = {
    "move-statement": "moved",
    "set-polarity": "polarity",
    "confirm": "confirmed",
    "split-alias": "actor",
    "assign-alias": "actor",
}


def statement_id(st: Statement) -> str:
    """A short id of a shown statement, stable while the statement is unchanged.

    It hashes what ``apply_curation`` keeps statements apart by, with the cue.
    """
    key = (st.doc, st.start, st.cue_start, st.actor_id, st.position_id, st.polarity, st.predicate)
    return hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:12]


@dataclass
class View:
    """One application of the curation file to the base: what the review shows.

    ``traced`` is ``apply_curation``'s result with the private tags still in the
    statements' notes (its statements are :attr:`statements`, in the same order);
    :attr:`extraction` is the same without them, exactly what a build writes, made
    when first asked for, since taking the tags off costs a copy of every statement.
    """

    version: int
    curation: Curation
    traced: Extraction
    report: CurationReport

    def __post_init__(self) -> None:
        x = self.traced
        self.statements = x.statements
        self.actors = {a.id: a for a in x.actors}
        self.positions = {p.id: p for p in x.positions}
        self.documents = {d.id: d for d in x.documents}
        self.ids = [statement_id(st) for st in x.statements]
        self.by_id = {sid: j for j, sid in enumerate(self.ids)}
        #: for each shown statement, the base statements it came from
        self.origins: list[tuple[int, ...]] = []
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        self.by_actor: dict[str, list[int]] = defaultdict(list)
        self.by_position: dict[str, list[int]] = defaultdict(list)
        for j, st in enumerate(x.statements):
            self.origins.append(tuple(int(n[1:]) for n in st.curated if n[:1] == TAG))
            self.by_doc[st.doc].append(j)
            self.by_actor[st.actor_id].append(j)
            self.by_position[st.position_id].append(j)
        #: base statement -> the shown statement it became (dropped ones are missing)
        self.fate = {i: j for j, tags in enumerate(self.origins) for i in tags}
        self._extraction: Extraction | None = None
        self._facets_key: str | None = None
        self._graph: nx.MultiDiGraph | None = None
        self._lock = threading.Lock()

    @property
    def extraction(self) -> Extraction:
        """The view as a build writes it (the traced statements without their tags)."""
        with self._lock:
            if self._extraction is None:
                x = self.traced
                statements = [_untagged(st) for st in x.statements]
                self._extraction = Extraction(
                    x.documents, x.actors, statements, x.relations, x.positions, x.mentions
                )
            return self._extraction

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The stance graph of the view (made when first asked for)."""
        extraction = self.extraction
        with self._lock:
            if self._graph is None:
                self._graph = build_graph(extraction)
            return self._graph

    def actor_graph(self, actor_id: str) -> nx.MultiDiGraph:
        """The stance graph of one actor's statements (with their documents and positions),
        for :func:`~stancegraph.graph.networks.stance_over_time` without the whole graph."""
        statements = [_untagged(self.statements[j]) for j in self.by_actor.get(actor_id, [])]
        docs = {st.doc for st in statements}
        positions = {st.position_id for st in statements}
        x = self.traced
        return build_graph(
            Extraction(
                documents=[d for d in x.documents if d.id in docs],
                actors=[self.actors[actor_id]] if actor_id in self.actors else [],
                statements=statements,
                positions=[p for p in x.positions if p.id in positions],
            )
        )

    @property
    def facets_key(self) -> str:
        """A short hash of what the page's filters offer (documents, actors, positions and
        cue types with their labels): the page reads them again only when it changes."""
        if self._facets_key is None:
            x = self.traced
            names = (
                [(d.id, d.title, d.date) for d in x.documents],
                [(a.id, a.label, a.type) for a in x.actors],
                [(p.id, p.label) for p in x.positions],
                sorted({st.predicate for st in x.statements}),
            )
            self._facets_key = hashlib.sha1(repr(names).encode("utf-8")).hexdigest()[:12]
        return self._facets_key

    def notes(self, j: int) -> list[str]:
        """The curation notes of shown statement ``j``."""
        return [n for n in self.statements[j].curated if n[:1] != TAG]

    def names(self, actor_id: str) -> list[str]:
        actor = self.actors.get(actor_id)
        return [actor.label, *actor.aliases] if actor else []

    def sharing(self, j: int) -> int:
        """How many shown statements share statement ``j``'s cue and position."""
        st = self.statements[j]
        key = (st.start, st.cue_start, st.position_id)
        return sum(
            (o.start, o.cue_start, o.position_id) == key
            for o in (self.statements[k] for k in self.by_doc[st.doc])
        )

    def status(self, j: int) -> tuple[str, list[str]]:
        """``unreviewed``, ``confirmed`` or ``corrected``, and the corrections made."""
        kinds = {n.split(":", 1)[0] for n in self.notes(j)}
        done = sorted({STATEMENT_NOTES[k] for k in kinds if k in STATEMENT_NOTES} - {"confirmed"})
        if "confirm" in kinds:
            return ("corrected" if done else "confirmed"), done
        reviewed = {"moved", "polarity"} & set(done)
        return ("corrected" if reviewed else "unreviewed"), done

    def row(self, j: int) -> dict[str, Any]:
        """A shown statement as the page lists it."""
        st = self.statements[j]
        doc = self.documents.get(st.doc)
        status, done = self.status(j)
        speakers = (doc.speaker, doc.organization) if doc else ()
        return {
            "id": self.ids[j],
            "doc": st.doc,
            "title": (doc.title if doc else None) or st.doc,
            "date": st.date or (doc.date if doc else None),
            "actor_id": st.actor_id,
            "actor": st.actor,
            "position_id": st.position_id,
            "target_id": st.target_id,
            "position": st.position,
            "polarity": st.polarity,
            "predicate": st.predicate,
            "cue": st.cue,
            "confidence": round(st.confidence, 3),
            "hedged": st.hedged,
            "conditional": st.conditional,
            "source": source_kind(st, self.names(st.actor_id), speakers),
            "status": status,
            "corrections": done,
            "curated": [n for n in self.notes(j) if not n.startswith("confirm:")],
            "start": st.start,
            "segments": segments(st, self.names(st.actor_id)),
        }


def _untagged(st: Statement) -> Statement:
    notes = tuple(n for n in st.curated if n[:1] != TAG)
    return st if len(notes) == len(st.curated) else replace(st, curated=notes)
