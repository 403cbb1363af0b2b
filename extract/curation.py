"""A user's corrections to an extraction, kept in a file and applied again on every build.

Extraction makes mistakes a reader can see at a glance: two spellings of one
person, a surname joined to the wrong full name, a polarity read the wrong way.
A curation file (YAML, or TOML with the same structure) lists corrections;
:func:`apply_curation` applies them to the merged
:class:`~stancegraph.extract.records.Extraction` after extraction and before
the graph is built, so every rebuild keeps them. A correction that changes
nothing any more (the extractor got it right, or the text is gone) is reported,
one line each, so that the file can be kept tidy.

The file is a mapping of sections; each section is a list of corrections.
Actors are named by id (``actors.jsonl``) or by label, positions likewise;
ids that an earlier merge replaced still work. ``ontology/curation.example.yaml``
shows every kind::

    version: 1
    merge_actors:        # these are one actor; `into` (id) and `label` are optional
      - {actors: [volodymyr-zelensky, zelenskyy], into: volodymyr-zelenskyy}
    split_alias:         # this alias of that actor is someone else
      - {actor: georgiy-tykhy, alias: Tykhy, label: Anna Tykhy, id: anna-tykhy,
         type: Person, documents: [d7]}
    assign_alias:        # this name belongs to that actor
      - {alias: Lima, actor: ana-lima}
    rename_actors:
      - {actor: foreign-ministry, label: Ministry of Foreign Affairs of Ukraine}
    set_actors:          # type (Person, Organization, State, Group) and/or wikidata
      - {actor: heorhii-tykhyi, type: Person, wikidata: Q123}
    merge_positions:     # the merged labels become alternative labels
      - {positions: [ceasefire, truce], into: ceasefire, label: Ceasefire}
    rename_positions:
      - {position: pressure-on-russia, label: More pressure on Russia}
    drop_statements:     # by doc + actor + position, or by doc + start (of the sentence)
      - {doc: article-3, actor: russia, position: peace-talks}
      - {doc: article-3, start: 1042}
    set_polarity:        # the same selectors, and the right polarity
      - {doc: article-3, actor: russia, position: peace-talks, polarity: oppose}
    move_statements:     # another actor or position (a new one if no such exists)
      - {doc: article-3, start: 1042, cue_start: 1050, to_actor: ukraine}
    confirm:             # the statement is right as it is (kept as evaluation data)
      - {doc: article-3, start: 1042, cue_start: 1050, position: peace-talks,
         time: "2025-06-01T10:00:00+00:00"}

Corrections apply section by section in the order of :data:`SCHEMA` (actor
identity, actor details, positions, then statements: moved, dropped, polarity
set, confirmed), and within a section in file order. Statement selectors take
``cue_start`` too (the cue's offset, as in ``statements.jsonl``), so that
``doc`` + ``start`` + ``cue_start`` (+ ``position``, + ``actor``) names one
statement of a sentence with several. Every entry may carry a ``time`` (ISO
8601), which is kept and not applied; ``stancegraph review`` writes it.

Records a correction changed get a ``curated`` note
(``"merge-actors:volodymyr-zelensky,zelenskyy>volodymyr-zelenskyy"``; a
confirmed statement ``"confirm:support"``), which the graph keeps as provenance
(see :mod:`stancegraph.graph.build`).

``split_alias`` and ``assign_alias`` move the statements, roles and mentions
that name the alias and none of the actor's other names (a whole-word match
in the evidence sentence, or in the document's text for mentions); with
``documents`` the split takes everything of the actor in those documents.
Statements attributed through a pronoun name neither and stay where they are.
"""

from __future__ import annotations

import datetime
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from stancegraph.errors import InputError
from stancegraph.extract.records import (
    ACTOR_TYPES,
    POLARITIES,
    Actor,
    Document,
    Extraction,
    Position,
    Relation,
    Statement,
)

__all__ = [
    "Correction",
    "Curation",
    "CurationReport",
    "SCHEMA",
    "apply_curation",
    "load_curation",
    "parse_curation",
    "read_curation_text",
]

# Value types of the schema: name -> (check, what the user is told it must be)
_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "text": (lambda v: isinstance(v, str) and bool(v.strip()), "text (quote it if it is a number)"),
    "texts": (
        lambda v: isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v),
        "a non-empty list of texts",
    ),
    "offset": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "an offset"),
    "type": (lambda v: v in ACTOR_TYPES, f"one of {', '.join(ACTOR_TYPES)}"),
    "polarity": (lambda v: v in POLARITIES, f"one of {', '.join(POLARITIES)}"),
    "wikidata": (lambda v: v is None or bool(re.fullmatch(r"Q\d+", str(v))), "a Q-id or null"),
    "time": (lambda v: _time(v) is not None, "a date and time (ISO 8601, quoted)"),
}
_SELECTOR = {"doc": ("text", True), "actor": ("text", False), "position": ("text", False)}
_SELECTOR |= {"start": ("offset", False), "cue_start": ("offset", False)}

#: section -> field -> (value type, required), in the order sections are applied
SCHEMA: dict[str, dict[str, tuple[str, bool]]] = {
    "merge_actors": {"actors": ("texts", True), "into": ("text", False), "label": ("text", False)},
    "split_alias": {
        "actor": ("text", True),
        "alias": ("text", True),
        "id": ("text", False),
        "label": ("text", False),
        "type": ("type", False),
        "wikidata": ("wikidata", False),
        "documents": ("texts", False),
    },
    "assign_alias": {"alias": ("text", True), "actor": ("text", True)},
    "rename_actors": {"actor": ("text", True), "label": ("text", True)},
    "set_actors": {
        "actor": ("text", True),
        "type": ("type", False),
        "wikidata": ("wikidata", False),
    },
    "merge_positions": {
        "positions": ("texts", True),
        "into": ("text", False),
        "label": ("text", False),
    },
    "rename_positions": {"position": ("text", True), "label": ("text", True)},
    "move_statements": _SELECTOR
    | {"to_actor": ("text", False), "to_position": ("text", False), "type": ("type", False)},
    "drop_statements": dict(_SELECTOR),
    "set_polarity": _SELECTOR | {"polarity": ("polarity", True)},
    "confirm": dict(_SELECTOR),
}
for _spec in SCHEMA.values():  # any entry may say when it was made
    _spec["time"] = ("time", False)
#: the sections whose entries pick statements with :data:`_SELECTOR`
_STATEMENT_SECTIONS = ("move_statements", "drop_statements", "set_polarity", "confirm")
#: section -> the name its notes carry in ``curated``
_MARKS = {
    "merge_actors": "merge-actors",
    "split_alias": "split-alias",
    "assign_alias": "assign-alias",
    "rename_actors": "rename-actor",
    "set_actors": "set-actor",
    "merge_positions": "merge-positions",
    "rename_positions": "rename-position",
    "drop_statements": "drop-statement",
    "set_polarity": "set-polarity",
    "move_statements": "move-statement",
    "confirm": "confirm",
}


@dataclass(frozen=True)
class Correction:
    """One correction: its section (``kind``), its checked fields and where the file has it."""

    kind: str
    fields: Mapping[str, Any]
    where: str
    #: its place in the file, counting from 0
    order: int = 0

    def __getitem__(self, name: str) -> Any:
        return self.fields.get(name)


@dataclass(frozen=True)
class Curation:
    """The corrections of one file, in the order they apply."""

    corrections: tuple[Correction, ...] = ()
    source: str = "<curation>"


@dataclass
class CurationReport:
    """What a curation did: corrections applied (with how many records each changed), and
    one line for each correction that matched nothing, or in part nothing, in file order."""

    applied: list[tuple[Correction, int]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


# ---- reading ---------------------------------------------------------------------------------


class _Located(dict):
    """A mapping that remembers the line it started on."""

    line: int | None = None


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader, keeping line numbers and refusing repeated keys.

    It parses with libyaml where PyYAML has it (as its wheels do): a review's file of
    a thousand entries reads in a tenth of the time (``benchmarks/review.py``).
    """


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(None, None, f"{key!r} given twice", mark)
        seen.add(key)
    mapping = _Located(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_curation(path: str | Path) -> Curation:
    """Read and check a curation file: TOML for ``.toml``, YAML otherwise (JSON is YAML).

    Raises :class:`~stancegraph.errors.InputError`, one line naming the file and
    line, on a syntax error or a correction that does not fit :data:`SCHEMA`.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the curation file ({_reason(err)})") from None
    return read_curation_text(text, path)


def read_curation_text(text: str, source: str | Path) -> Curation:
    """Check the text of a curation file (TOML if ``source`` ends in ``.toml``, else YAML),
    with the file's lines in its errors and stale notes, as :func:`load_curation` does.

    >>> text = "confirm:\\n  - {doc: d1, start: 0}\\n"
    >>> read_curation_text(text, "fixes.yaml").corrections[0].where
    'fixes.yaml:2'
    """
    path = Path(source)
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise InputError(_toml_error(path, text, err)) from None
    else:
        try:
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError as err:
            raise InputError(_yaml_error(path, text, err)) from None
    return parse_curation({} if data is None else data, source=str(source))


def _reason(err: Exception) -> str:
    return getattr(err, "strerror", None) or str(err).splitlines()[0]


def _yaml_error(path: Path, text: str, err: yaml.YAMLError) -> str:
    """One line: the problem's line, or where the unclosed construct began if the file ended."""
    mark = getattr(err, "problem_mark", None)
    context = getattr(err, "context_mark", None)
    if context is not None and (mark is None or mark.line >= len(text.splitlines())):
        mark = context
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    return f"{where}: not valid YAML: {' '.join(str(problem).split())}"


def _toml_error(path: Path, text: str, err: tomllib.TOMLDecodeError) -> str:
    message = str(err)
    found = re.search(r"\(at (?:line (\d+), column \d+|end of document)\)$", message)
    if not found:
        return f"{path}: not valid TOML: {message}"
    line = found.group(1) or max(len(text.splitlines()), 1)
    return f"{path}:{line}: not valid TOML: {message[: found.start()].strip()}"


def parse_curation(data: Mapping[str, Any], source: str = "<curation>") -> Curation:
    """Check a curation given as plain data (the parsed file) against :data:`SCHEMA`.

    >>> cur = parse_curation({"rename_actors": [{"actor": "nato", "label": "NATO"}]})
    >>> cur.corrections[0].kind, cur.corrections[0]["label"]
    ('rename_actors', 'NATO')
    """
    if not isinstance(data, Mapping):
        raise InputError(f"{_at(source, data)}: a curation file is a mapping of sections")
    unknown = [k for k in data if k not in SCHEMA and k != "version"]
    if unknown:
        raise InputError(
            f"{_at(source, data)}: unknown section {unknown[0]!r} (sections: {', '.join(SCHEMA)})"
        )
    if data.get("version", 1) != 1:
        raise InputError(f"{_at(source, data)}: version must be 1")
    corrections = []
    for kind in (k for k in data if k in SCHEMA):  # in file order
        entries = data[kind] or []
        if not isinstance(entries, list):
            raise InputError(f"{_at(source, data)}: {kind} must be a list of corrections")
        for i, entry in enumerate(entries, 1):
            where = _at(source, entry, f"{kind} entry {i}")
            fields = _check(kind, SCHEMA[kind], entry, where)
            corrections.append(Correction(kind, fields, where, len(corrections)))
    corrections.sort(key=lambda c: list(SCHEMA).index(c.kind))  # in the order they apply
    return Curation(tuple(corrections), source)


def _time(value: Any) -> str | None:
    """An entry's ``time`` as ISO 8601 text, or None if it is not a date and time.

    YAML and TOML read an unquoted timestamp as a datetime; either form is kept as text.

    >>> _time("2025-06-01T10:00:00+00:00"), _time("yesterday")
    ('2025-06-01T10:00:00+00:00', None)
    """
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    try:
        datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return value.strip()


def _at(source: str, value: Any, fallback: str = "") -> str:
    line = getattr(value, "line", None)
    if line is not None:
        return f"{source}:{line}"
    return f"{source}: {fallback}" if fallback else source


def _check(kind: str, spec: dict[str, tuple[str, bool]], entry: Any, where: str) -> dict:
    if not isinstance(entry, Mapping):
        raise InputError(f"{where}: each {kind} correction is a mapping ({', '.join(spec)})")
    for name in entry:
        if name not in spec:
            raise InputError(f"{where}: {kind} has no field {name!r} (fields: {', '.join(spec)})")
    for name, (value_type, required) in spec.items():
        if name not in entry:
            if required:
                raise InputError(f"{where}: {kind} needs {name!r}")
            continue
        check, what = _TYPES[value_type]
        if not check(entry[name]):
            raise InputError(f"{where}: {kind} {name} must be {what}, not {entry[name]!r}")
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in entry.items()}
    if "time" in fields:
        fields["time"] = _time(fields["time"])
    if kind in _STATEMENT_SECTIONS:
        if "start" not in fields and not ("actor" in fields and "position" in fields):
            raise InputError(f"{where}: {kind} needs doc with start, or doc, actor and position")
    if kind == "move_statements" and not {"to_actor", "to_position"} & fields.keys():
        raise InputError(f"{where}: move_statements needs to_actor or to_position")
    if kind == "set_actors" and not {"type", "wikidata"} & fields.keys():
        raise InputError(f"{where}: set_actors needs type or wikidata")
    return fields


# ---- applying --------------------------------------------------------------------------------


@dataclass
class _State:
    """The extraction being corrected, with the ids that corrections replaced."""

    documents: list[Document]
    actors: dict[str, Actor]
    positions: dict[str, Position]
    statements: list[Statement]
    relations: list[Relation]
    mentions: dict[tuple[str, str], int]
    actor_ids: dict[str, str] = field(default_factory=dict)  # replaced id -> its new id
    position_ids: dict[str, str] = field(default_factory=dict)
    #: the ``statements`` list last indexed, and where each document's statements are in it
    _by_doc: tuple[list, dict[str, list[int]]] | None = None

    def in_doc(self, doc: str) -> list[int]:
        """Where the statements of ``doc`` are in ``statements``.

        Statement corrections name a document, so each looks at that document's
        statements only: a review's thousands of entries stay fast on a big corpus.
        They change statements in place and leave ``None`` where they drop one; the
        index is made again when ``statements`` is another list.
        """
        if self._by_doc is None or self._by_doc[0] is not self.statements:
            index: dict[str, list[int]] = {}
            for i, st in enumerate(self.statements):
                if st is not None:
                    index.setdefault(st.doc, []).append(i)
            self._by_doc = (self.statements, index)
        return self._by_doc[1].get(doc, [])

    def actor(self, ref: str) -> Actor | None:
        return _find(self.actors, self.actor_ids, ref.removeprefix("actor:"))

    def position(self, ref: str) -> Position | None:
        return _find(self.positions, self.position_ids, ref.removeprefix("position:"))


def _find(records: dict, replaced: dict[str, str], ref: str):
    """A record by id, by an id a merge replaced, or by its one label (any case)."""
    ref_id = replaced.get(ref, ref)
    if ref_id in records:
        return records[ref_id]
    wanted = ref.casefold()
    by_label = [r for r in records.values() if r.label.casefold() == wanted]
    return by_label[0] if len(by_label) == 1 else None


def _noted(record, note: str):
    return record if note in record.curated else replace(record, curated=(*record.curated, note))


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "actor"


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as whole words (any case)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


# Each applier changes the state and returns (records changed, notes on what matched nothing).
_Result = tuple[int, list[str]]


def _merge_actors(s: _State, c: Correction) -> _Result:
    members, notes = [], []
    for ref in c["actors"]:
        actor = s.actor(ref)
        if actor is None:
            notes.append(f"no actor {ref!r}")
        elif actor not in members:
            members.append(actor)
    into = s.actor(c["into"]) if c["into"] else None
    target = into.id if into else c["into"] or (members[0].id if members else "")
    if into is not None and into not in members:
        members.append(into)
    if not members or (len(members) == 1 and members[0].id == target and not c["label"]):
        return 0, [*notes, "nothing left to merge"]
    note = f"{_MARKS[c.kind]}:{','.join(m.id for m in members if m.id != target)}>{target}"
    return _merge_into(s, members, target, c["label"], note), notes


def _merge_into(s: _State, members: list[Actor], target: str, label: str | None, note: str) -> int:
    base = next((m for m in members if m.id == target), members[0])
    label = label or base.label
    names = {n for m in members for n in (m.label, *m.aliases)} - {label}
    merged = Actor(
        id=target,
        label=label,
        type=base.type,
        aliases=tuple(sorted(names, key=str.casefold)),
        wikidata=base.wikidata or next((m.wikidata for m in members if m.wikidata), None),
        description=base.description
        or next((m.description for m in members if m.description), None),
        mentions=sum(m.mentions for m in members),
        curated=tuple(dict.fromkeys(n for m in members for n in m.curated)) + (note,),
    )
    ids = {m.id for m in members}
    s.actors = _replaced(s.actors, ids, merged)
    for old in ids - {target}:
        s.actor_ids[old] = target
    for old, new in s.actor_ids.items():
        if new in ids:
            s.actor_ids[old] = target
    _rewrite_actor(s, ids, merged, note)
    return len(members)


def _replaced(records: dict, ids: set[str], merged) -> dict:
    """``records`` with those ids replaced by ``merged``, where the first of them was."""
    out = {}
    for key, record in records.items():
        if key in ids:
            out.setdefault(merged.id, merged)
        elif key != merged.id:
            out[key] = record
    return out


def _rewrite_actor(s: _State, ids: set[str], actor: Actor, note: str | None) -> None:
    """Point statements, roles and mentions of ``ids`` at ``actor``; ``note`` those that were
    another actor's."""

    def mark(record, *old_ids: str):
        moved = note and any(old != actor.id for old in old_ids if old in ids)
        return _noted(record, note) if moved else record

    statements = []
    for st in s.statements:
        if st.actor_id in ids:
            st = mark(replace(st, actor_id=actor.id, actor=actor.label), st.actor_id)
        if st.target_id in ids:  # a stance on the actor
            st = mark(replace(st, target_id=actor.id, position=actor.label), st.target_id)
        statements.append(st)
    s.statements = statements
    relations = []
    for rel in s.relations:
        changes = {}
        if rel.subject_id in ids:
            changes |= {"subject_id": actor.id, "subject": actor.label}
        if rel.object_id in ids:
            changes |= {"object_id": actor.id, "object": actor.label}
        if changes:
            rel = mark(replace(rel, **changes), rel.subject_id, rel.object_id)
        if rel.subject_id != rel.object_id:  # a role of an actor in itself means nothing
            relations.append(rel)
    s.relations = relations
    mentions: dict[tuple[str, str], int] = {}
    for (doc, actor_id), count in s.mentions.items():
        key = (doc, actor.id if actor_id in ids else actor_id)
        mentions[key] = mentions.get(key, 0) + count
    s.mentions = mentions


def _alias_of(actor: Actor, alias: str) -> str | None:
    return next((a for a in actor.aliases if a.casefold() == alias.casefold()), None)


def _move_alias(
    s: _State, source: Actor, alias: str, target: Actor, note: str, documents: list[str] | None
) -> tuple[Actor, Actor, int]:
    """Move what ``source`` was called ``alias`` in over to ``target``; return both and a count."""
    others = [n for n in (source.label, *source.aliases) if n.casefold() != alias.casefold()]

    def moves(doc: str, text: str) -> bool:
        if documents is not None:
            return doc in documents
        return _names(text, alias) and not any(_names(text, n) for n in others)

    moved = 0
    statements = []
    for st in s.statements:
        if st.actor_id == source.id and moves(st.doc, st.evidence):
            st = _noted(replace(st, actor_id=target.id, actor=target.label), note)
            moved += 1
        if st.target_id == source.id and moves(st.doc, st.evidence):
            st = _noted(replace(st, target_id=target.id, position=target.label), note)
            moved += 1
        statements.append(st)
    relations = []
    for rel in s.relations:
        changes = {}
        if rel.subject_id == source.id and moves(rel.doc, rel.evidence):
            changes |= {"subject_id": target.id, "subject": target.label}
        if rel.object_id == source.id and moves(rel.doc, rel.evidence):
            changes |= {"object_id": target.id, "object": target.label}
        if changes:
            rel = _noted(replace(rel, **changes), note)
            moved += 1
        if rel.subject_id != rel.object_id:
            relations.append(rel)
    texts = {d.id: d.text for d in s.documents}
    mentions: dict[tuple[str, str], int] = {}
    mentioned = 0
    for (doc, actor_id), count in s.mentions.items():
        if actor_id == source.id and moves(doc, texts.get(doc, "")):
            actor_id, mentioned = target.id, mentioned + count
        mentions[doc, actor_id] = mentions.get((doc, actor_id), 0) + count
    s.statements, s.relations, s.mentions = statements, relations, mentions
    aliases = tuple(a for a in source.aliases if a.casefold() != alias.casefold())
    source = _noted(
        replace(source, aliases=aliases, mentions=max(source.mentions - mentioned, 0)), note
    )
    names = {n.casefold() for n in (target.label, *target.aliases)}
    added = () if alias.casefold() in names else (alias,)
    target = replace(
        target, aliases=(*target.aliases, *added), mentions=target.mentions + mentioned
    )
    return source, _noted(target, note), moved + bool(added)


def _split_alias(s: _State, c: Correction) -> _Result:
    actor = s.actor(c["actor"])
    if actor is None:
        return 0, [f"no actor {c['actor']!r}"]
    alias = _alias_of(actor, c["alias"])
    if alias is None:
        return 0, [f"{c['alias']!r} is not an alias of {actor.id!r}"]
    label = c["label"] or alias
    new_id = c["id"] or _slug(label)
    if c["id"] and new_id in s.actors:
        return 0, [f"actor id {new_id!r} is taken (use assign_alias to move the alias there)"]
    base, n = new_id, 2
    while new_id in s.actors:
        new_id, n = f"{base}-{n}", n + 1
    new = Actor(new_id, label, c["type"] or actor.type, (), c["wikidata"])
    note = f"{_MARKS[c.kind]}:{alias}>{new_id}"
    actor, new, moved = _move_alias(s, actor, alias, new, note, c["documents"])
    if new.label in new.aliases:
        new = replace(new, aliases=tuple(a for a in new.aliases if a != new.label))
    s.actors[actor.id] = actor
    s.actors[new.id] = new
    return 1 + moved, []


def _assign_alias(s: _State, c: Correction) -> _Result:
    target = s.actor(c["actor"])
    if target is None:
        return 0, [f"no actor {c['actor']!r}"]
    alias = c["alias"]
    note = f"{_MARKS[c.kind]}:{alias}>{target.id}"
    named = [
        a for a in s.actors.values() if a.id != target.id and a.label.casefold() == alias.casefold()
    ]
    changed = _merge_into(s, [target, *named], target.id, None, note) - 1 if named else 0
    target = s.actors[target.id]
    for source in [a for a in s.actors.values() if a.id != target.id and _alias_of(a, alias)]:
        source, target, moved = _move_alias(s, source, _alias_of(source, alias), target, note, None)
        s.actors[source.id], s.actors[target.id] = source, target
        changed += 1 + moved
    if not _alias_of(target, alias) and target.label.casefold() != alias.casefold():
        s.actors[target.id] = _noted(replace(target, aliases=(*target.aliases, alias)), note)
        changed += 1
    return changed, [] if changed else [f"{alias!r} already names only {target.id!r}"]


def _rename_actor(s: _State, c: Correction) -> _Result:
    actor = s.actor(c["actor"])
    if actor is None:
        return 0, [f"no actor {c['actor']!r}"]
    if actor.label == c["label"]:
        return 0, [f"{actor.id!r} is already labelled {c['label']!r}"]
    aliases = [a for a in actor.aliases if a != c["label"]]
    renamed = replace(
        actor, label=c["label"], aliases=tuple(dict.fromkeys([*aliases, actor.label]))
    )
    renamed = _noted(renamed, f"{_MARKS[c.kind]}:{actor.label}>{c['label']}")
    s.actors[actor.id] = renamed
    _rewrite_actor(s, {actor.id}, renamed, None)
    return 1, []


def _set_actor(s: _State, c: Correction) -> _Result:
    actor = s.actor(c["actor"])
    if actor is None:
        return 0, [f"no actor {c['actor']!r}"]
    changes = {k: c[k] for k in ("type", "wikidata") if k in c.fields and getattr(actor, k) != c[k]}
    if not changes:
        return 0, [
            f"{actor.id!r} already has {', '.join(f'{k}={c[k]}' for k in c.fields if k != 'actor')}"
        ]
    note = f"{_MARKS[c.kind]}:{','.join(f'{k}={v}' for k, v in changes.items())}"
    s.actors[actor.id] = _noted(replace(actor, **changes), note)
    return 1, []


def _merge_positions(s: _State, c: Correction) -> _Result:
    members, notes = [], []
    for ref in c["positions"]:
        position = s.position(ref)
        if position is None:
            notes.append(f"no position {ref!r}")
        elif position not in members:
            members.append(position)
    into = s.position(c["into"]) if c["into"] else None
    target = into.id if into else c["into"] or (members[0].id if members else "")
    if into is not None and into not in members:
        members.append(into)
    if not members or (len(members) == 1 and members[0].id == target and not c["label"]):
        return 0, [*notes, "nothing left to merge"]
    note = f"{_MARKS[c.kind]}:{','.join(m.id for m in members if m.id != target)}>{target}"
    base = next((m for m in members if m.id == target), None)
    base = base or next((m for m in members if m.in_catalogue), members[0])
    label = c["label"] or base.label
    merged = Position(
        id=target,
        label=label,
        alt_labels=tuple(sorted({n for m in members for n in (m.label, *m.alt_labels)} - {label})),
        iri=base.iri,
        in_catalogue=base.in_catalogue,
        definition=base.definition,
        curated=tuple(dict.fromkeys(n for m in members for n in m.curated)) + (note,),
    )
    ids = {m.id for m in members}
    s.positions = _replaced(s.positions, ids, merged)
    for old in ids - {target}:
        s.position_ids[old] = target
    for old, new in s.position_ids.items():
        if new in ids:
            s.position_ids[old] = target
    s.statements = [
        _noted(replace(st, position_id=target, position=label), note)
        if st.position_id in ids
        else st
        for st in s.statements
    ]
    return len(members), notes


def _rename_position(s: _State, c: Correction) -> _Result:
    position = s.position(c["position"])
    if position is None:
        return 0, [f"no position {c['position']!r}"]
    if position.label == c["label"]:
        return 0, [f"{position.id!r} is already labelled {c['label']!r}"]
    alt = [a for a in position.alt_labels if a != c["label"]]
    renamed = replace(
        position, label=c["label"], alt_labels=tuple(dict.fromkeys([*alt, position.label]))
    )
    s.positions[position.id] = _noted(renamed, f"{_MARKS[c.kind]}:{position.label}>{c['label']}")
    s.statements = [
        replace(st, position=c["label"]) if st.position_id == position.id else st
        for st in s.statements
    ]
    return 1, []


def _selected(s: _State, c: Correction) -> tuple[Callable[[Statement], bool] | None, list[str]]:
    """The statements a selector picks, or None and why it picks nothing."""
    actor = position = None
    if c["actor"] is not None:
        actor = s.actor(c["actor"])
        if actor is None:
            return None, [f"no actor {c['actor']!r}"]
    if c["position"] is not None:
        position = s.position(c["position"])
        if position is None:
            return None, [f"no position {c['position']!r}"]

    doc, start, cue_start = c["doc"], c["start"], c["cue_start"]
    actor_id = actor.id if actor is not None else None
    position_id = position.id if position is not None else None

    def pick(st: Statement) -> bool:
        return (
            st.doc == doc
            and (start is None or st.start == start)
            and (cue_start is None or st.cue_start == cue_start)
            and (actor_id is None or st.actor_id == actor_id)
            and (position_id is None or st.position_id == position_id)
        )

    return pick, []


def _picked(s: _State, c: Correction) -> tuple[list[int], list[str]]:
    """Where the statements a correction selects are in ``s.statements`` (in their order),
    or none and why."""
    pick, notes = _selected(s, c)
    if pick is None:
        return [], notes
    picked = [
        i for i in s.in_doc(c["doc"]) if s.statements[i] is not None and pick(s.statements[i])
    ]
    return picked, [] if picked else [f"no statement with {_describe(c)}"]


def _describe(c: Correction) -> str:
    names = ("doc", "actor", "position", "start", "cue_start")
    parts = [f"{k}={c[k]}" for k in names if c[k] is not None]
    return " ".join(parts)


def _drop_statements(s: _State, c: Correction) -> _Result:
    dropped, notes = _picked(s, c)
    if not dropped:
        return 0, notes
    for i in dropped:
        st, s.statements[i] = s.statements[i], None  # removed when all corrections are done
        if st.actor_id in s.actors:
            note = f"{_MARKS[c.kind]}:{st.doc}@{st.start}>{st.position_id}"
            s.actors[st.actor_id] = _noted(s.actors[st.actor_id], note)
    return len(dropped), []


def _set_polarity(s: _State, c: Correction) -> _Result:
    picked, notes = _picked(s, c)
    if not picked:
        return 0, notes
    changed = 0
    for i in picked:
        st = s.statements[i]
        if st.polarity != c["polarity"]:
            note = f"{_MARKS[c.kind]}:{st.polarity}>{c['polarity']}"
            s.statements[i] = _noted(replace(st, polarity=c["polarity"]), note)
            changed += 1
    return changed, [] if changed else [
        f"the statements with {_describe(c)} are {c['polarity']} already"
    ]


# ---- statements moved and confirmed (``stancegraph review`` writes these) --------------------


def _move_statements(s: _State, c: Correction) -> _Result:
    """The statements are another actor's, or on another position; one named by no actor or
    position (id or label) is made, with the name as its label."""
    picked, notes = _picked(s, c)
    if not picked:
        return 0, notes
    actor = position = None
    if c["to_actor"] is not None:
        actor = s.actor(c["to_actor"])
        if actor is None:
            was = s.actors.get(s.statements[picked[0]].actor_id)
            kind = c["type"] or (was.type if was else "Person")
            actor = Actor(_free_id(s.actors, c["to_actor"]), c["to_actor"], kind)
            s.actors[actor.id] = actor
    if c["to_position"] is not None:
        position = s.position(c["to_position"])
        if position is None:
            position = Position(_free_id(s.positions, c["to_position"]), c["to_position"])
            s.positions[position.id] = position
    changed = 0
    for i in picked:
        st = moved = s.statements[i]
        if actor is not None and st.actor_id != actor.id:
            note = f"{_MARKS[c.kind]}:{st.actor_id}>{actor.id}"
            moved = _noted(replace(moved, actor_id=actor.id, actor=actor.label), note)
        if position is not None and st.position_id != position.id:
            note = f"{_MARKS[c.kind]}:{st.position_id}>{position.id}"
            changes = {"position_id": position.id, "position": position.label, "target_id": ""}
            moved = _noted(replace(moved, **changes), note)
        changed += moved is not st
        s.statements[i] = moved
    return changed, [] if changed else [f"the statements with {_describe(c)} are there already"]


def _free_id(records: dict, label: str) -> str:
    """An id made from ``label`` that no record has yet."""
    base = _slug(label)
    new_id, n = base, 2
    while new_id in records:
        new_id, n = f"{base}-{n}", n + 1
    return new_id


def _confirm(s: _State, c: Correction) -> _Result:
    """The statements are right as they are: they keep a ``confirm:<polarity>`` note."""
    picked, notes = _picked(s, c)
    for i in picked:
        s.statements[i] = _noted(s.statements[i], f"{_MARKS[c.kind]}:{s.statements[i].polarity}")
    return len(picked), notes


#: section -> the function that applies one of its corrections
_APPLY: dict[str, Callable[[_State, Correction], _Result]] = {
    "merge_actors": _merge_actors,
    "split_alias": _split_alias,
    "assign_alias": _assign_alias,
    "rename_actors": _rename_actor,
    "set_actors": _set_actor,
    "merge_positions": _merge_positions,
    "rename_positions": _rename_position,
    "move_statements": _move_statements,
    "drop_statements": _drop_statements,
    "set_polarity": _set_polarity,
    "confirm": _confirm,
}


def apply_curation(
    extraction: Extraction, curation: Curation | Mapping[str, Any] | str | Path
) -> tuple[Extraction, CurationReport]:
    """Apply corrections to an extraction; return the corrected copy and a report.

    ``curation`` is a :class:`Curation`, the same as plain data, or a file's
    path. ``extraction`` is not changed. Statements and roles that corrections
    made identical are kept once; positions that no statement uses any more
    after the corrections are dropped.

    >>> from stancegraph.extract.records import Actor
    >>> x = Extraction(actors=[Actor("nato", "Nato", "Organization")])
    >>> fixed, report = apply_curation(x, {"rename_actors": [{"actor": "nato", "label": "NATO"}]})
    >>> fixed.actors[0].label, fixed.actors[0].aliases, fixed.actors[0].curated
    ('NATO', ('Nato',), ('rename-actor:Nato>NATO',))
    """
    if isinstance(curation, str | Path):
        curation = load_curation(curation)
    elif not isinstance(curation, Curation):
        curation = parse_curation(curation)
    state = _State(
        documents=list(extraction.documents),
        actors={a.id: a for a in extraction.actors},
        positions={p.id: p for p in extraction.positions},
        statements=list(extraction.statements),
        relations=list(extraction.relations),
        mentions=dict(extraction.mentions),
    )
    used_before = {st.position_id for st in extraction.statements}
    report = CurationReport()
    stale = []
    for kind in SCHEMA:  # section by section, then in file order
        for correction in (c for c in curation.corrections if c.kind == kind):
            changed, notes = _APPLY[kind](state, correction)
            if changed:
                report.applied.append((correction, changed))
            if notes:
                stale.append((correction.order, f"{correction.where}: {kind}: {'; '.join(notes)}"))
    report.stale = [line for _, line in sorted(stale)]  # as the file has them
    state.statements = [st for st in state.statements if st is not None]  # without the dropped
    used = {st.position_id for st in state.statements}
    positions = [p for p in state.positions.values() if p.id in used or p.id not in used_before]
    result = Extraction(
        documents=state.documents,
        actors=list(state.actors.values()),
        statements=_once(
            state.statements,
            ("doc", "actor_id", "polarity", "position_id", "target_id", "start", "predicate"),
        ),
        relations=_once(state.relations, ("doc", "subject_id", "predicate", "object_id", "start")),
        positions=positions,
        mentions=state.mentions,
    )
    return result, report


def _once(records: list, key: tuple[str, ...]) -> list:
    """Records with the same key kept once (the first), with the notes of all of them."""
    kept: dict[tuple, Any] = {}
    for record in records:
        k = tuple(getattr(record, name) for name in key)
        if k in kept:
            notes = dict.fromkeys((*kept[k].curated, *record.curated))
            kept[k] = replace(kept[k], curated=tuple(notes))
        else:
            kept[k] = record
    return list(kept.values())
