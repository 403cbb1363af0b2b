"""What the review page reads, as JSON-ready data: counts and corrections, the filters' names,
a page of statements, an actor's or a position's panel. Pure functions of a :class:`View`.
"""

from __future__ import annotations

import tempfile
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancegraph.graph.html import write_html
from stancegraph.review.actions import ReviewError
from stancegraph.review.curation_file import fingerprint
from stancegraph.review.evidence import SOURCE_KINDS
from stancegraph.review.session import Review
from stancegraph.review.view import View

__all__ = [
    "HISTORY",
    "MAX_PAGE",
    "Pages",
    "actor_panel",
    "facets_json",
    "position_panel",
    "position_sides",
    "state_json",
    "statements_json",
]

#: the most statements one page of the list holds
MAX_PAGE = 200


@dataclass
class Pages:
    """What is worked out once per view and asked for again: the graph page, statements' rows."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    version: int = -1
    graph_page: str | None = None
    rows: dict[int, dict] = field(default_factory=dict)

    def _for(self, view: View) -> None:
        if view.version != self.version:
            self.version, self.graph_page, self.rows = view.version, None, {}

    def graph(self, view: View) -> str:
        with self.lock:
            self._for(view)
            if self.graph_page is None:
                with tempfile.TemporaryDirectory() as folder:
                    path = Path(folder) / "graph.html"
                    write_html(view.graph, path, title="stancegraph review: the graph")
                    self.graph_page = path.read_text(encoding="utf-8")
            return self.graph_page

    def row(self, view: View, j: int) -> dict:
        with self.lock:
            self._for(view)
            if j not in self.rows:
                self.rows[j] = view.row(j)
            return self.rows[j]


#: the corrections /api/state lists, the latest first (with every one that changes nothing)
HISTORY = 200


def state_json(review: Review, view: View) -> dict[str, Any]:
    """Counts, the latest corrections, and a key of the facets (:func:`facets_json`), which the
    page reads again only when the key changes: most actions leave them as they were."""
    x = view.traced
    statuses = Counter(view.status(j)[0] for j in range(len(x.statements)))
    stale = {line.split(": ", 1)[0]: line for line in view.report.stale}
    latest = sorted(view.curation.corrections, key=lambda c: c.order, reverse=True)
    entries = []
    for n, c in enumerate(latest):
        if n >= HISTORY and c.where not in stale:
            continue
        fields = dict(c.fields)
        entries.append(
            {
                "fingerprint": fingerprint(c.kind, fields),
                "kind": c.kind,
                "fields": fields,
                "time": fields.get("time"),
                "where": c.where,
                "stale": stale.get(c.where),
            }
        )
    return {
        "version": view.version,
        "outdir": str(review.outdir),
        "curation": str(review.file.path),
        "base": review.base.source,
        "error": review.error,
        "warning": review.base.warning,
        "counts": {
            "statements": len(x.statements),
            "extracted": len(review.base.extraction.statements),
            "actors": len(x.actors),
            "positions": len(x.positions),
            "documents": len(x.documents),
            "entries": len(latest),
            "stale": len(view.report.stale),
            **{k: statuses.get(k, 0) for k in ("unreviewed", "confirmed", "corrected")},
        },
        "facets": view.facets_key,
        "entries": entries,
    }


def facets_json(view: View) -> dict[str, Any]:
    """What the filters and the name lists offer: documents, actors, positions, cue types."""
    x = view.traced
    documents = sorted(x.documents, key=lambda d: (d.date or "", d.title or d.id, d.id))
    return {
        "facets": view.facets_key,
        "documents": [{"id": d.id, "title": d.title or d.id, "date": d.date} for d in documents],
        "actors": sorted(
            ({"id": a.id, "label": a.label, "type": a.type} for a in x.actors),
            key=lambda a: a["label"].casefold(),
        ),
        "positions": sorted(
            ({"id": p.id, "label": p.label} for p in x.positions),
            key=lambda p: p["label"].casefold(),
        ),
        "predicates": sorted({st.predicate for st in x.statements}),
        "sources": SOURCE_KINDS,
    }


def statements_json(view: View, pages: Pages, args) -> dict[str, Any]:
    """The page of shown statements that the filters in ``args`` pick."""
    x = view.traced
    wanted = {k: args.get(k) or None for k in ("doc", "actor", "position", "polarity", "cue")}
    status, source = args.get("status") or None, args.get("source") or None
    try:
        most = float(args["max_confidence"]) if args.get("max_confidence") else None
        offset = max(int(args.get("offset") or 0), 0)
        limit = min(max(int(args.get("limit") or 25), 1), MAX_PAGE)
    except ValueError:
        raise ReviewError("max_confidence, offset and limit must be numbers") from None
    fields = {
        "doc": "doc",
        "actor": "actor_id",
        "position": "position_id",
        "polarity": "polarity",
        "cue": "predicate",
    }
    picked = []
    for j, st in enumerate(x.statements):
        if any(v is not None and getattr(st, fields[k]) != v for k, v in wanted.items()):
            continue
        if most is not None and st.confidence > most:
            continue
        if status is not None and view.status(j)[0] != status:
            continue
        picked.append(j)
    if source is not None:
        picked = [j for j in picked if pages.row(view, j)["source"] == source]
    if args.get("sort", "confidence") == "confidence":
        picked.sort(
            key=lambda j: (
                x.statements[j].confidence,
                x.statements[j].doc,
                x.statements[j].start,
                x.statements[j].cue_start,
            )
        )
    else:
        picked.sort(
            key=lambda j: (x.statements[j].doc, x.statements[j].start, x.statements[j].cue_start)
        )
    rows = [pages.row(view, j) for j in picked[offset : offset + limit]]
    return {"version": view.version, "total": len(picked), "offset": offset, "rows": rows}


def _counts(view: View, indices: list[int], key: str) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for j in indices:
        st = view.statements[j]
        counts[getattr(st, key)][st.polarity] += 1
    return counts


def actor_panel(view: View, actor_id: str) -> dict[str, Any]:
    a = view.actors[actor_id]
    by_position = _counts(view, view.by_actor.get(actor_id, []), "position_id")
    roles = [
        {
            "predicate": r.predicate,
            "role": r.role,
            "other": r.object if r.subject_id == actor_id else r.subject,
            "other_id": r.object_id if r.subject_id == actor_id else r.subject_id,
            "of": r.subject_id == actor_id,
        }
        for r in view.traced.relations
        if actor_id in (r.subject_id, r.object_id)
    ]
    return {
        "id": a.id,
        "label": a.label,
        "type": a.type,
        "aliases": list(a.aliases),
        "wikidata": a.wikidata,
        "mentions": a.mentions,
        "curated": list(a.curated),
        "statements": len(view.by_actor.get(actor_id, [])),
        "positions": [
            {
                "id": p,
                "label": view.positions[p].label if p in view.positions else p,
                **{k: c.get(k, 0) for k in ("support", "oppose", "neutral")},
            }
            for p, c in sorted(by_position.items(), key=lambda kv: -sum(kv[1].values()))
        ],
        "roles": roles,
    }


def position_sides(view: View, position_id: str) -> dict[str, Counter]:
    by_actor = _counts(view, view.by_position.get(position_id, []), "actor_id")
    return {view.actors[a].label if a in view.actors else a: c for a, c in by_actor.items()}


def position_panel(view: View, position_id: str) -> dict[str, Any]:
    p = view.positions[position_id]
    by_actor = _counts(view, view.by_position.get(position_id, []), "actor_id")

    def side(polarity: str) -> list[dict]:
        found = [(a, c[polarity]) for a, c in by_actor.items() if c[polarity]]
        found.sort(key=lambda ac: (-ac[1], ac[0]))
        return [
            {"id": a, "label": view.actors[a].label if a in view.actors else a, "count": n}
            for a, n in found
        ]

    return {
        "id": p.id,
        "label": p.label,
        "alt_labels": list(p.alt_labels),
        "in_catalogue": p.in_catalogue,
        "iri": p.iri,
        "definition": p.definition,
        "curated": list(p.curated),
        "statements": len(view.by_position.get(position_id, [])),
        "for": side("support"),
        "against": side("oppose"),
        "neutral": side("neutral"),
    }
