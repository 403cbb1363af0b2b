"""A review: a build's uncurated extraction, a curation file, and the view the two make.

The view is always ``apply_curation(base, file)``, the very function a build
runs, on the extraction the build started from (:mod:`.base`): what the review
shows is what ``stancegraph build … --curation FILE`` writes. Nothing is parsed
again: from an action to the page showing its result takes about 0.1 s on the
seed build, 0.2 s on 300 BBC articles (3,100 statements) and 0.4–0.6 s there
with a file of 1,000 entries, against 9 and 150 s to build again
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

from stancegraph.errors import InputError, StancegraphError
from stancegraph.extract.curation import Curation, CurationReport, apply_curation
from stancegraph.extract.records import ACTOR_TYPES, POLARITIES, Extraction, Statement
from stancegraph.graph.build import build_graph
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


class ReviewError(StancegraphError):
    """An action the review cannot take (bad request, or it would change nothing): one line."""


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
        self._base_sharing = Counter(
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
        """Take one action (see :meth:`entry_for`): add its entry to the curation file.

        Refused with :class:`ReviewError` (nothing written) when the action is not
        understood or when its entry would change nothing.
        """
        view = self.refresh()
        kind, fields = self.entry_for(action, view)
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

    # ---- actions as curation entries --------------------------------------------------------

    def entry_for(self, action: Mapping[str, Any], view: View) -> tuple[str, dict[str, Any]]:
        """The curation entry (section, fields) that an action of the page stands for.

        ``action["action"]`` is one of ``confirm``, ``polarity`` (with ``polarity``),
        ``drop``, ``move`` (with ``to_actor`` and optional ``type``, or ``to_position``)
        on ``statement`` (an id of :func:`statement_id`); ``merge_actors`` (``actors``,
        optional ``into``, ``label``), ``split_alias`` (``actor``, ``alias``, optional
        ``label``, ``type``), ``rename_actor`` (``actor``, ``label``), ``set_actor``
        (``actor``, ``type`` and/or ``wikidata``), ``merge_positions`` (``positions``,
        optional ``into``, ``label``), ``rename_position`` (``position``, ``label``).
        """
        if not isinstance(action, Mapping):
            raise ReviewError("an action is a JSON object")
        name = action.get("action")
        make = _ACTIONS.get(name) if isinstance(name, str) else None
        if make is None:
            raise ReviewError(f"unknown action {name!r} (actions: {', '.join(_ACTIONS)})")
        return make(self, view, action)

    def selector(self, view: View, j: int) -> dict[str, Any]:
        """The fields that name shown statement ``j`` in a statement correction.

        ``doc``, ``start`` and ``cue_start`` find the cue; ``position`` is the
        position it was extracted on (which still names it after positions are
        merged, and again after such a merge is undone) unless it was moved;
        ``actor`` is added only where another statement shares all of that.
        """
        st = view.statements[j]
        fields: dict[str, Any] = {"doc": st.doc, "start": st.start}
        if st.cue_start >= 0:
            fields["cue_start"] = st.cue_start
        moved = any(n.startswith("move-statement:") for n in st.curated)
        origin = view.origins[j][0] if view.origins[j] else None
        base = self.base.extraction.statements[origin] if origin is not None else None
        fields["position"] = st.position_id if moved or base is None else base.position_id
        shared = view.sharing(j) > 1
        if base is not None:
            key = (base.doc, base.start, base.cue_start, base.position_id)
            shared = shared or self._base_sharing[key] > 1
        if shared:
            fields["actor"] = st.actor_id
        return fields


# ---- the actions --------------------------------------------------------------------------


def _text(action: Mapping[str, Any], name: str, required: bool = True) -> str | None:
    value = action.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ReviewError(f"{action.get('action')} needs {name!r}")
        return None
    if not isinstance(value, str) or len(value) > 500:
        raise ReviewError(f"{name} must be a text of at most 500 characters")
    return " ".join(value.split())


def _statement(view: View, action: Mapping[str, Any]) -> int:
    sid = _text(action, "statement")
    if sid not in view.by_id:
        raise ReviewError(f"no statement {sid!r} in the view (reload: it may have changed)")
    return view.by_id[sid]


def _actor(view: View, action: Mapping[str, Any], name: str = "actor") -> str:
    ref = _text(action, name)
    if ref not in view.actors:
        raise ReviewError(f"no actor {ref!r}")
    return ref


def _position(view: View, action: Mapping[str, Any], name: str = "position") -> str:
    ref = _text(action, name)
    if ref not in view.positions:
        raise ReviewError(f"no position {ref!r}")
    return ref


def _one_of(action: Mapping[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = action.get(name)
    if value not in choices:
        raise ReviewError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _named(records: Mapping[str, Any], ref: str) -> str | None:
    """The id of the record with id or label ``ref`` (one label only), else None."""
    if ref in records:
        return ref
    found = [r.id for r in records.values() if r.label.casefold() == ref.casefold()]
    return found[0] if len(found) == 1 else None


def _confirm(review: Review, view: View, action) -> tuple[str, dict]:
    return "confirm", review.selector(view, _statement(view, action))


def _polarity(review: Review, view: View, action) -> tuple[str, dict]:
    fields = review.selector(view, _statement(view, action))
    return "set_polarity", fields | {"polarity": _one_of(action, "polarity", POLARITIES)}


def _drop(review: Review, view: View, action) -> tuple[str, dict]:
    return "drop_statements", review.selector(view, _statement(view, action))


def _move(review: Review, view: View, action) -> tuple[str, dict]:
    fields = review.selector(view, _statement(view, action))
    to_actor, to_position = _text(action, "to_actor", False), _text(action, "to_position", False)
    if (to_actor is None) == (to_position is None):
        raise ReviewError("move needs to_actor or to_position")
    base = review.base.extraction
    if to_actor is not None:
        known = _named(view.actors, to_actor)
        fields["to_actor"] = _ref(view.actors, known, {a.id for a in base.actors}) or to_actor
        if known is None and action.get("type") is not None:
            fields["type"] = _one_of(action, "type", ACTOR_TYPES)
    else:
        known = _named(view.positions, to_position)
        ids = {p.id for p in base.positions}
        fields["to_position"] = _ref(view.positions, known, ids) or to_position
    return "move_statements", fields


def _ref(records: Mapping[str, Any], known: str | None, extracted: set[str]) -> str | None:
    """How an entry names a known record: by id if the extraction made it, else by label
    (one a correction made has no id to rely on: undone, that correction takes it along)."""
    if known is None:
        return None
    return known if known in extracted else records[known].label


def _merge(records: Mapping[str, Any], action, many: str, what: str) -> dict:
    refs = action.get(many)
    if not isinstance(refs, list) or len(refs) < 2 or not all(isinstance(r, str) for r in refs):
        raise ReviewError(f"{action.get('action')} needs {many!r}: two or more ids")
    missing = [r for r in refs if r not in records]
    if missing:
        raise ReviewError(f"no {what} {missing[0]!r}")
    fields: dict[str, Any] = {many: list(dict.fromkeys(refs))}
    into = _text(action, "into", False)
    if into is not None:
        if into not in fields[many]:
            raise ReviewError(f"into must be one of the {many} merged")
        fields["into"] = into
    label = _text(action, "label", False)
    if label is not None:
        fields["label"] = label
    return fields


def _merge_actors(review: Review, view: View, action) -> tuple[str, dict]:
    return "merge_actors", _merge(view.actors, action, "actors", "actor")


def _merge_positions(review: Review, view: View, action) -> tuple[str, dict]:
    return "merge_positions", _merge(view.positions, action, "positions", "position")


def _split_alias(review: Review, view: View, action) -> tuple[str, dict]:
    actor = _actor(view, action)
    alias = _text(action, "alias")
    if alias not in view.actors[actor].aliases:
        raise ReviewError(f"{alias!r} is not an alias of {actor!r}")
    fields = {"actor": actor, "alias": alias}
    label = _text(action, "label", False)
    if label is not None:
        fields["label"] = label
    if action.get("type") is not None:
        fields["type"] = _one_of(action, "type", ACTOR_TYPES)
    return "split_alias", fields


def _rename_actor(review: Review, view: View, action) -> tuple[str, dict]:
    return "rename_actors", {"actor": _actor(view, action), "label": _text(action, "label")}


def _set_actor(review: Review, view: View, action) -> tuple[str, dict]:
    fields: dict[str, Any] = {"actor": _actor(view, action)}
    if action.get("type") is not None:
        fields["type"] = _one_of(action, "type", ACTOR_TYPES)
    if "wikidata" in action:
        qid = action["wikidata"]
        qid = qid.strip().upper() if isinstance(qid, str) and qid.strip() else None
        if qid is not None and not (qid[:1] == "Q" and qid[1:].isdigit()):
            raise ReviewError(f"a Wikidata id is Q and digits (Q7184), not {qid!r}")
        fields["wikidata"] = qid
    if len(fields) == 1:
        raise ReviewError("set_actor needs type or wikidata")
    return "set_actors", fields


def _rename_position(review: Review, view: View, action) -> tuple[str, dict]:
    return "rename_positions", {
        "position": _position(view, action),
        "label": _text(action, "label"),
    }


_ACTIONS = {
    "confirm": _confirm,
    "polarity": _polarity,
    "drop": _drop,
    "move": _move,
    "merge_actors": _merge_actors,
    "split_alias": _split_alias,
    "rename_actor": _rename_actor,
    "set_actor": _set_actor,
    "merge_positions": _merge_positions,
    "rename_position": _rename_position,
}


def open_review(outdir: str | Path, curation: str | Path | None = None) -> Review:
    """A review of the build in ``outdir`` with its curation file (see :class:`Review`)."""
    return Review(outdir, curation)
