"""A coder's corrections as evaluation data: precision of the extraction on what was reviewed,
and the reviewed statements as gold for ``eval/score.py``.

A statement the extractor produced counts as *reviewed* when a statement
correction of the curation file touched it: confirmed as right (``confirm``),
or corrected (its polarity set, moved to another actor or position, or dropped
as no stance). It was read *correctly* when it was confirmed and nothing of it
was corrected. A confirmed statement whose actor an alias split or assignment
changed was read with the wrong actor, and counts as corrected; merging actors
or positions, renaming, setting a type judge identities rather than the
statement, and do not count.

Precision is ``correct / reviewed`` per cue type (the statement's
``predicate``), polarity and source kind (:data:`~.evidence.SOURCE_KINDS`), all
as the extractor had them. It is a precision of what was reviewed; how the
statements to review were chosen (lowest confidence first, say) biases it, and
the report says how many there were.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stancegraph.extract.records import Statement
from stancegraph.graph.io import write_text_atomic
from stancegraph.review.evidence import source_kind
from stancegraph.review.session import Review, open_review

__all__ = [
    "Reviewed",
    "export_gold",
    "format_report",
    "gold",
    "report",
    "precision",
    "reviewed_statements",
]

#: the dimensions precision is given by, and how a reviewed statement is put in one
DIMENSIONS = {
    "cue type": lambda r: r.statement.predicate,
    "polarity": lambda r: r.statement.polarity,
    "source kind": lambda r: r.source,
}
_CORRECTIONS = {
    "set-polarity": "polarity",
    "move-statement": "moved",
    "split-alias": "actor",
    "assign-alias": "actor",
}


@dataclass(frozen=True)
class Reviewed:
    """One extracted statement a coder reviewed."""

    #: as the extractor wrote it
    statement: Statement
    #: as corrected, or None when it was dropped as no stance
    final: Statement | None
    #: how its source was found (a key of SOURCE_KINDS)
    source: str
    #: what was corrected: polarity, moved, actor, dropped (none when confirmed)
    corrections: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return not self.corrections


def reviewed_statements(review: Review) -> list[Reviewed]:
    """The extracted statements the curation file confirmed or corrected, in base order."""
    view = review.refresh()
    base = review.base.extraction
    actors = {a.id: a for a in base.actors}
    documents = {d.id: d for d in base.documents}
    out = []
    for i, st in enumerate(base.statements):
        j = view.fate.get(i)
        if j is None:
            final, kinds, confirmed = None, ("dropped",), False
        else:
            final = view.extraction.statements[j]
            notes = {n.split(":", 1)[0] for n in final.curated}
            kinds = tuple(sorted({_CORRECTIONS[n] for n in notes if n in _CORRECTIONS}))
            confirmed = "confirm" in notes
            if not confirmed and not {"polarity", "moved"} & set(kinds):
                continue  # not reviewed: an alias moved it, nobody looked at it
        actor = actors.get(st.actor_id)
        names = [actor.label, *actor.aliases] if actor else [st.actor]
        doc = documents.get(st.doc)
        speakers = (doc.speaker, doc.organization) if doc else ()
        out.append(Reviewed(st, final, source_kind(st, names, speakers), kinds))
    return out


def precision(reviewed: Iterable[Reviewed]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per dimension and value: (reviewed, read correctly); ``"all"`` holds the totals."""
    reviewed = list(reviewed)
    table: dict[str, dict[str, tuple[int, int]]] = {
        "all": {"all": (len(reviewed), sum(r.correct for r in reviewed))}
    }
    for name, value_of in DIMENSIONS.items():
        counts: dict[str, list[int]] = {}
        for r in reviewed:
            c = counts.setdefault(value_of(r), [0, 0])
            c[0] += 1
            c[1] += r.correct
        table[name] = {k: (n, ok) for k, (n, ok) in sorted(counts.items())}
    return table


def report(outdir: str | Path, curation: str | Path | None = None) -> str:
    """The report ``stancegraph review OUTDIR --report`` prints (see :func:`format_report`)."""
    return format_report(open_review(outdir, curation))


def format_report(review: Review) -> str:
    """How many statements were reviewed, and the precision by cue type, polarity and
    source kind, as a text of a few tables."""
    reviewed = reviewed_statements(review)
    table = precision(reviewed)
    n, ok = table["all"]["all"]
    corrected = Counter(k for r in reviewed for k in r.corrections)
    lines = [
        f"{review.outdir}: {n} reviewed statements of {len(review.base.extraction.statements)}"
        f" extracted, {ok} confirmed, {n - ok} corrected"
        + (f" (precision {ok / n:.3f})" if n else ""),
        f"curation file: {review.file.path}",
    ]
    if corrected:
        lines.append("corrections: " + ", ".join(f"{k} {v}" for k, v in sorted(corrected.items())))
    if review.error:
        lines.append(f"warning: {review.error}")
    if review.base.warning:
        lines.append(f"warning: {review.base.warning}")
    for name in DIMENSIONS:
        if not table[name]:
            continue
        width = max(len(name), *(len(k) for k in table[name]))
        lines += ["", f"{name:<{width}}  reviewed  confirmed  precision"]
        for value, (count, good) in table[name].items():
            lines.append(f"{value:<{width}}  {count:8d}  {good:9d}  {good / count:9.3f}")
    return "\n".join(lines) + "\n"


def gold(review: Review) -> dict:
    """The reviewed statements as a gold annotation in the format ``eval/score.py`` reads.

    Every reviewed statement that is a stance once corrected (support or oppose)
    is a gold stance of its document, with the actor's label as its name and the
    position's labels as patterns; its actor is one of the document's actors.
    Statements dropped or corrected to neutral are no gold stance. Only reviewed
    statements are in it: score.py's recall is over them, and its precision
    counts every other stance of a build as wrong unless the whole corpus was
    reviewed.
    """
    view = review.refresh()
    actors, positions, documents = {}, {}, {}
    for r in reviewed_statements(review):
        if r.final is None:
            continue
        st = r.final
        actor = view.actors.get(st.actor_id)
        label = actor.label if actor else st.actor
        if actor is not None:
            entry = {"type": actor.type, "aliases": sorted(set(actor.aliases) - {label})}
            actors[label] = entry | ({"wikidata": actor.wikidata} if actor.wikidata else {})
        doc = documents.setdefault(
            st.doc, {"actors": [], "optional_actors": [], "stances": [], "relations": []}
        )
        if label not in doc["actors"]:
            doc["actors"].append(label)
        if st.polarity not in ("support", "oppose"):
            continue
        position = view.positions.get(st.position_id)
        names = [position.label, *position.alt_labels] if position else [st.position]
        key = st.position_id or st.target_id  # a stance on an actor: the actor's id
        positions[key] = {
            "label": names[0],
            "match": [rf"^\s*{re.escape(name)}\s*$" for name in dict.fromkeys(names)],
        }
        stance = {
            "actor": [label],
            "polarity": st.polarity,
            "position": key,
            "evidence": st.evidence,
        }
        if stance not in doc["stances"]:
            doc["stances"].append(stance)
    return {
        "about": (
            f"Statements reviewed with stancegraph review of {review.outdir.name}, from "
            f"{review.file.path.name}. Only reviewed statements are here: score.py's recall "
            "is over them; its precision counts any other stance as wrong."
        ),
        "actors": dict(sorted(actors.items())),
        "not_actors": [],
        "positions": dict(sorted(positions.items())),
        "documents": dict(sorted(documents.items())),
    }


def export_gold(
    outdir: str | Path, curation: str | Path | None, path: str | Path
) -> dict[str, int]:
    """Write the gold of a review (:func:`gold`) to ``path`` atomically; return how many
    stances and documents it holds."""
    data = gold(open_review(outdir, curation))
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    stances = sum(len(d["stances"]) for d in data["documents"].values())
    return {"stances": stances, "documents": len(data["documents"])}
