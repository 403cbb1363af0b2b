"""A review: a build's uncurated extraction, a curation file, and the view the two make.

The view is always ``apply_curation(base, file)``, the very function a build
runs, on the extraction the build started from (:mod:`.base`): what the review
shows is what ``stancegraph build … --curation FILE`` writes. Nothing is parsed
again: from an action to the page having read its result takes about 0.1 s on
the seed build, 0.2–0.45 s on 300 BBC articles (3,124 statements) and 0.4–0.7 s
there with a file of 1,015 entries, against 9 and 123–180 s to build again
(``benchmarks/review.py``, on a busy 2-core machine).

Every action is one curation entry (:meth:`Review.act`), checked to change
something before it is written; undo (:meth:`Review.undo`) removes an entry.

To tell which extracted statement became which shown one (for the report, and
to name a statement the way it was extracted), each base statement carries a
private tag in its ``curated`` notes through ``apply_curation``; corrections
keep and merge notes, so the tags come out on the statements they became and
are taken off again. A base statement whose tag is gone was dropped.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from stancegraph.errors import InputError
from stancegraph.extract.curation import Curation, CurationReport, apply_curation
from stancegraph.extract.records import Extraction, Statement
from stancegraph.graph.build import build_graph
from stancegraph.graph.review.actions import ReviewError, entry_for
from stancegraph.graph.review.base import Base, read_base
from stancegraph.graph.review.curation_file import CurationFile, fingerprint
from stancegraph.graph.review.evidence import segments, source_kind

__all__ = ["Review", "ReviewError", "View", "open_review", "statement_id"]

_TAG = "\x00"  # starts the private notes that trace base statements; no real note does
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


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


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
            self.origins.append(tuple(int(n[1:]) for n in st.curated if n[:1] == _TAG))
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
        return [n for n in self.statements[j].curated if n[:1] != _TAG]

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
    notes = tuple(n for n in st.curated if n[:1] != _TAG)
    return st if len(notes) == len(st.curated) else replace(st, curated=notes)


class Review:
    """A build under review, with the curation file its actions go to.

    ``curation`` defaults to the file the build was made with (if it kept one,
    see :mod:`.base`), else ``OUTDIR/curation.yaml``; it need not exist yet.
    The file is read again whenever it changes on disk (another review, an
    editor); if it then does not parse, the last good view stays and
    :attr:`error` says why, and no action is taken until it is fixed.
    """

    def __init__(self, outdir: str | Path, curation: str | Path | None = None):
        self.outdir = Path(outdir)
        self.base: Base = read_base(self.outdir)
        path = curation or self.base.built_with or self.outdir / "curation.yaml"
        self.file = CurationFile(path)
        b = self.base.extraction
        tagged = [
            replace(st, curated=(*st.curated, f"{_TAG}{i}")) for i, st in enumerate(b.statements)
        ]
        self._tagged = Extraction(
            b.documents, b.actors, tagged, b.relations, b.positions, b.mentions
        )
        #: how many extracted statements share a cue and position (see actions.selector)
        self.base_sharing = Counter(
            (s.doc, s.start, s.cue_start, s.position_id) for s in b.statements
        )
        self._lock = threading.RLock()
        self._signature: tuple[int, int, int] | None | str = "unread"
        self.error: str | None = None
        self.view: View = self._apply(Curation((), str(self.file.path)), 0)
        self.refresh()

    # ---- the view ---------------------------------------------------------------------------

    def _apply(self, curation: Curation, version: int) -> View:
        traced, report = apply_curation(self._tagged, curation)
        return View(version, curation, traced, report)

    def refresh(self) -> View:
        """The view of the curation file as it is now (applied again only if it changed)."""
        with self._lock:
            signature = self.file.signature()
            if signature == self._signature:
                return self.view
            try:
                _, curation = self.file.read()
            except InputError as err:
                self.error = str(err)
                self._signature = signature
                return self.view
            self.error = None
            self._signature = signature
            self.view = self._apply(curation, self.view.version + 1)
            return self.view

    # ---- actions ----------------------------------------------------------------------------

    def act(self, action: Mapping[str, Any]) -> dict[str, Any]:
        """Take one action (see :func:`.actions.entry_for`): add its entry to the curation file.

        Refused with :class:`ReviewError` (nothing written) when the action is not
        understood or when its entry would change nothing.
        """
        view = self.refresh()
        kind, fields = entry_for(self, view, action)
        fields["time"] = _now()
        with self._lock, self.file.locked():
            new_text, candidate = self._changed(self.file.added, kind, fields)
            new_view = self._apply(candidate, self.view.version + 1)
            added = max((c for c in candidate.corrections if c.kind == kind), key=lambda c: c.order)
            stale = [line for line in new_view.report.stale if line.startswith(f"{added.where}:")]
            if stale or added not in [c for c, _ in new_view.report.applied]:
                reason = stale[0].split(f"{kind}: ", 1)[-1] if stale else "nothing matched"
                if reason.startswith(("no actor", "no position")):
                    reason += (
                        " when this applies (sections apply in order: actors are merged before"
                        " aliases are split off, and statements are moved after both)"
                    )
                raise ReviewError(f"this would change nothing: {reason}")
            self.file.write(new_text, candidate)
            self._signature = self.file.signature()
            self.view = new_view
        stored = dict(added.fields)
        return {"kind": kind, "fields": stored, "fingerprint": fingerprint(kind, stored)}

    def undo(self, entry: str) -> dict[str, Any]:
        """Remove the entry with this fingerprint (the last one, if several) from the file."""
        with self._lock, self.file.locked():
            removed = self._changed(self.file.removed, entry)
            if removed is None:
                raise ReviewError(f"{self.file.path} has no such entry (any more)")
            gone, new_text, candidate = removed
            new_view = self._apply(candidate, self.view.version + 1)
            self.file.write(new_text, candidate)
            self._signature = self.file.signature()
            self.view = new_view
        return {"kind": gone.kind, "fields": dict(gone.fields), "fingerprint": entry}

    def _changed(self, change, *args):
        """A change of the file's text, refused in one line if the file cannot be read."""
        try:
            return change(*args)
        except InputError as err:
            self.error = str(err)
            raise ReviewError(f"fix the curation file first: {err}") from None


def open_review(outdir: str | Path, curation: str | Path | None = None) -> Review:
    """A review of the build in ``outdir`` with its curation file (see :class:`Review`)."""
    return Review(outdir, curation)
