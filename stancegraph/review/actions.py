"""What each action of the review page stands for: one curation entry (section, fields).

A statement is named the way :func:`selector` says; actors and positions by id,
or, when a correction made them, by label. Every value from the page is checked
here, and a bad one refused with :class:`ReviewError`, one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stancegraph.errors import StancegraphError
from stancegraph.extract.records import ACTOR_TYPES, POLARITIES
from stancegraph.review.base import Base
from stancegraph.review.view import View

__all__ = ["ReviewError", "entry_for", "selector"]


class ReviewError(StancegraphError):
    """An action the review cannot take (bad request, or it would change nothing): one line."""


def entry_for(base: Base, view: View, action: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The curation entry (section, fields) that an action of the page stands for.

    ``action["action"]`` is one of ``confirm``, ``polarity`` (with ``polarity``),
    ``drop``, ``move`` (with ``to_actor`` and optional ``type``, or ``to_position``)
    on ``statement`` (an id of :func:`.view.statement_id`); ``merge_actors`` (``actors``,
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
    return make(base, view, action)


def selector(base: Base, view: View, j: int) -> dict[str, Any]:
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
    extracted = base.extraction.statements[origin] if origin is not None else None
    position = st.position_id if moved or extracted is None else extracted.position_id
    if position:  # a claim on no position is named without one
        fields["position"] = position
    shared = view.sharing(j) > 1
    if extracted is not None:
        key = (extracted.doc, extracted.start, extracted.cue_start, extracted.position_id)
        shared = shared or base.sharing[key] > 1
    if shared and st.actor_id:
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


def _confirm(base: Base, view: View, action) -> tuple[str, dict]:
    return "confirm", selector(base, view, _statement(view, action))


def _polarity(base: Base, view: View, action) -> tuple[str, dict]:
    fields = selector(base, view, _statement(view, action))
    return "set_polarity", fields | {"polarity": _one_of(action, "polarity", POLARITIES)}


def _drop(base: Base, view: View, action) -> tuple[str, dict]:
    return "drop_statements", selector(base, view, _statement(view, action))


def _move(base: Base, view: View, action) -> tuple[str, dict]:
    fields = selector(base, view, _statement(view, action))
    to_actor, to_position = _text(action, "to_actor", False), _text(action, "to_position", False)
    if (to_actor is None) == (to_position is None):
        raise ReviewError("move needs to_actor or to_position")
    extraction = base.extraction
    if to_actor is not None:
        known = _named(view.actors, to_actor)
        fields["to_actor"] = _ref(view.actors, known, {a.id for a in extraction.actors}) or to_actor
        if known is None and action.get("type") is not None:
            fields["type"] = _one_of(action, "type", ACTOR_TYPES)
    else:
        known = _named(view.positions, to_position)
        ids = {p.id for p in extraction.positions}
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


def _merge_actors(base: Base, view: View, action) -> tuple[str, dict]:
    return "merge_actors", _merge(view.actors, action, "actors", "actor")


def _merge_positions(base: Base, view: View, action) -> tuple[str, dict]:
    return "merge_positions", _merge(view.positions, action, "positions", "position")


def _split_alias(base: Base, view: View, action) -> tuple[str, dict]:
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


def _rename_actor(base: Base, view: View, action) -> tuple[str, dict]:
    return "rename_actors", {"actor": _actor(view, action), "label": _text(action, "label")}


def _set_actor(base: Base, view: View, action) -> tuple[str, dict]:
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


def _rename_position(base: Base, view: View, action) -> tuple[str, dict]:
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
