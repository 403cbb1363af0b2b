"""The corpus-level index: what the documents say about names and positions, summed, and the
decisions taken from it.

Each document is extracted on its own into a
:class:`~stancegraph.extract.assemble.DocumentResult` that names actors by
document-level keys and new positions by their own ids. Which keys are one
actor, which become actors at all (those that act somewhere), their ids,
labels and aliases, and which new positions say the same thing are decisions
about the whole corpus (the rules are :mod:`~stancegraph.extract.merge`'s).
:class:`CorpusIndex` holds what they are made from, as sums over documents:
per document-level key, the ways the documents write it, how often they
mention it, its surface forms and in how many it acts; per new position, its
content terms, labels and uses. A document can be added, or taken out again
when its text changes, in any order: :meth:`CorpusIndex.decide` gives the
same :class:`Decisions` as for all the documents read at once, and
:func:`express` one document's records under them.

The index grows with the distinct names of the corpus (slower than the
corpus: Heaps' law), their surface forms, and its distinct new positions
(about one per side taken on something no catalogue concept names), never
with its statements, relations or mentions. :func:`references` says which
decisions a document's records depend on, so that a store knows which of
its documents to express again when a decision changes
(:func:`changed_references`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, field, fields, replace

from stancegraph.extract.assemble import DocumentResult, remember
from stancegraph.extract.mentions import Mention
from stancegraph.extract.merge import (
    MAX_EMBEDDED_POSITIONS,
    _actor_ids,
    actor_record,
    canonical_keys,
    catalogue_position,
    paraphrases,
)
from stancegraph.extract.positions import Concept
from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement

__all__ = [
    "CorpusIndex",
    "Decisions",
    "changed_references",
    "combine_parts",
    "express",
    "merge",
    "references",
    "result_from_json",
    "result_to_json",
]


@dataclass
class NameEntry:
    """One document-level actor key, summed over the documents that name it."""

    #: (label, type, wikidata, agent only) -> documents that write the key so
    variants: Counter = field(default_factory=Counter)
    mentions: int = 0
    #: surface form -> documents that write it
    surfaces: Counter = field(default_factory=Counter)
    #: documents in which the key acts (states, speaks, holds a role)
    acts: int = 0

    def mention(self, key: str) -> Mention:
        """The key's name as most documents write it (one that is not only an agent first)."""
        label, type_, wikidata, agent_only = min(
            self.variants, key=lambda v: (v[3], -self.variants[v], v[0], v[1], v[2] or "")
        )
        return Mention(-1, -1, key, label, type_, wikidata, agent_only)

    def empty(self) -> bool:
        return not self.variants and not self.mentions and not self.acts

    def to_json(self) -> dict:
        variants = [[*v, n] for v, n in sorted(self.variants.items(), key=str)]
        surfaces = dict(sorted(self.surfaces.items()))
        return {"v": variants, "m": self.mentions, "s": surfaces, "a": self.acts}

    @classmethod
    def from_json(cls, data: dict) -> NameEntry:
        variants = Counter({(v[0], v[1], v[2], bool(v[3])): v[4] for v in data["v"]})
        return cls(variants, data["m"], Counter(data["s"]), data["a"])


@dataclass
class PositionEntry:
    """One new position id, summed over the documents that take a side on it."""

    #: its content terms (sorted) -> documents that give it those
    terms: Counter = field(default_factory=Counter)
    #: the lemma of the noun that names it -> documents that give it that
    heads: Counter = field(default_factory=Counter)
    #: statements about it, for merging paraphrases most frequent first
    count: int = 0
    #: label -> statements taking a side on it under that label
    labels: Counter = field(default_factory=Counter)
    #: statements that make it a position of the graph (a side taken; any on a concept)
    uses: int = 0

    def empty(self) -> bool:
        return not (self.terms or self.heads or self.count or self.labels or self.uses)

    def label(self) -> str | None:
        if not self.labels:
            return None
        return min(self.labels, key=lambda label: (-self.labels[label], label))

    def to_json(self) -> dict:
        return {"t": [[list(t), n] for t, n in sorted(self.terms.items())],
                "h": dict(sorted(self.heads.items())), "c": self.count,
                "l": dict(sorted(self.labels.items())), "u": self.uses}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> PositionEntry:
        terms = Counter({tuple(t): n for t, n in data["t"]})
        # "h" is absent from entries kept before heads were
        return cls(terms, Counter(data.get("h", {})), data["c"], Counter(data["l"]), data["u"])


@dataclass(frozen=True)
class Decisions:
    """The corpus-level decisions, as the records of one document are expressed under them."""

    #: document-level key -> the id of the actor it names (keys of no actor are absent)
    actor_of: dict[str, str] = field(default_factory=dict)
    #: actor id -> the actor
    actors: dict[str, Actor] = field(default_factory=dict)
    #: new position id -> the id of the position it was merged into
    position_of: dict[str, str] = field(default_factory=dict)
    #: position id -> the position, for every position some statement takes a side on
    positions: dict[str, Position] = field(default_factory=dict)
    #: ids of the catalogue's concepts
    catalogue: frozenset[str] = frozenset()


class CorpusIndex:
    """Names and new positions summed over documents, and the decisions taken from them."""

    def __init__(self, concepts: Iterable[Concept] = (), embedder=None):
        self.concepts = {c.id: catalogue_position(c) for c in concepts}
        self.embedder = embedder
        self.names: dict[str, NameEntry] = {}
        self.positions: dict[str, PositionEntry] = {}
        #: label -> its sentence vector, for the positions merged by meaning
        self._vectors: dict[str, object] = {}
        #: key -> its name as most documents write it, until the key's entry changes
        self._mentions: dict[str, Mention] = {}

    def add(self, result: DocumentResult, sign: int = 1) -> set[str]:
        """Add a document's records (``sign=-1``: take them out); return the references
        (``"a:<key>"``, ``"p:<position id>"``) whose entries changed."""
        touched = set()
        for key, m in result.names.items():
            entry = self.names.setdefault(key, NameEntry())
            _count(entry.variants, (m.label, m.type, m.wikidata, m.agent_only), sign)
            for form in result.surface.get(key, ()):
                _count(entry.surfaces, form, sign)
            entry.mentions += sign * result.mentions.get(key, 0)
            entry.acts += sign * (key in result.agents)
            touched.add(f"a:{key}")
            self._mentions.pop(key, None)
        for pid, terms in result.position_terms.items():
            entry = self.positions.setdefault(pid, PositionEntry())
            _count(entry.terms, tuple(sorted(terms)), sign)
            if pid in result.position_heads:
                _count(entry.heads, result.position_heads[pid], sign)
            touched.add(f"p:{pid}")
        for st in result.statements:
            if not st.position_id:
                continue
            entry = self.positions.setdefault(st.position_id, PositionEntry())
            if st.position_id in self.concepts:
                entry.uses += sign  # a concept is a node once any statement names it
            else:
                entry.count += sign * (st.position_id in result.position_terms)
                if st.polarity != "neutral":
                    _count(entry.labels, st.position, sign)
                    entry.uses += sign
            touched.add(f"p:{st.position_id}")
        for ref in touched:
            kind, name = ref.split(":", 1)
            table = self.names if kind == "a" else self.positions
            if name in table and table[name].empty():
                del table[name]
        return touched

    def entry_json(self, ref: str) -> dict | None:
        """The entry of a reference as plain data (None: there is none), to persist it."""
        kind, name = ref.split(":", 1)
        entry = (self.names if kind == "a" else self.positions).get(name)
        return entry.to_json() if entry is not None else None

    def load_entry(self, ref: str, data: dict) -> None:
        kind, name = ref.split(":", 1)
        if kind == "a":
            self.names[name] = NameEntry.from_json(data)
            self._mentions.pop(name, None)
        else:
            self.positions[name] = PositionEntry.from_json(data)

    def decide(self) -> Decisions:
        """Every corpus-level decision, from the sums alone."""
        for key in self.names.keys() - self._mentions.keys():
            self._mentions[key] = self.names[key].mention(key)
        names = {key: self._mentions[key] for key in sorted(self.names)}
        counts = Counter({key: entry.mentions for key, entry in self.names.items()})
        canonical, _ = canonical_keys(names, counts)
        acting = {key for key, entry in self.names.items() if entry.acts > 0}
        # An actor of the stance graph says, holds or is given something somewhere in
        # the corpus: a statement, a role. Names only mentioned in passing are not nodes.
        keep = {canonical[k] for k in names if k in acting or canonical[k] in acting}
        ids = _actor_ids({k: names[k] for k in keep})
        members: dict[str, list[str]] = defaultdict(list)
        for k, c in canonical.items():
            if c in keep:
                members[c].append(k)
        surface = {k: set(self.names[k].surfaces) for ks in members.values() for k in ks}
        actors = {
            ids[key]: actor_record(key, ids[key], names, members[key], surface, counts)
            for key in sorted(keep)
        }
        actor_of = {k: ids[canonical[k]] for k in names if canonical[k] in keep}
        return Decisions(actor_of, dict(sorted(actors.items())), *self._positions())

    def _positions(self) -> tuple[dict[str, str], dict[str, Position], frozenset[str]]:
        terms = {
            pid: frozenset(min(e.terms, key=lambda t: (-e.terms[t], t)))
            for pid, e in self.positions.items()
            if e.terms
        }
        counts = {pid: self.positions[pid].count for pid in terms}
        heads = {
            pid: min(e.heads, key=lambda h: (-e.heads[h], h))
            for pid, e in self.positions.items()
            if pid in terms and e.heads
        }
        label_of = {pid: e.label() for pid, e in self.positions.items() if e.labels}
        for pid in terms:  # a position only ever named in claims that take no side
            label_of.setdefault(pid, pid)
        same_as, labels, alt_labels = paraphrases(
            terms, counts, label_of, self._vectors_of(terms), heads
        )
        positions: dict[str, Position] = {}
        for pid, entry in self.positions.items():
            if entry.uses <= 0:
                continue
            if pid in self.concepts:
                positions[pid] = self.concepts[pid]
                continue
            target = same_as.get(pid, pid)
            label = labels.get(target, label_of.get(target, target))
            positions[target] = Position(target, label, tuple(sorted(alt_labels.get(target, ()))))
        return same_as, dict(sorted(positions.items())), frozenset(self.concepts)

    def _vectors_of(self, terms: dict) -> dict | None:
        """Sentence vectors of the new positions' labels, each encoded once."""
        if self.embedder is None or not 0 < len(terms) <= MAX_EMBEDDED_POSITIONS:
            return None
        label_of = {pid: self.positions[pid].label() or pid for pid in terms}
        new = sorted(set(label_of.values()) - self._vectors.keys())
        if new:
            self._vectors.update(zip(new, self.embedder.encode(new), strict=True))
        self._vectors = {label: self._vectors[label] for label in set(label_of.values())}
        return {pid: self._vectors[label] for pid, label in label_of.items()}


def _count(counter: Counter, item, sign: int) -> None:
    counter[item] += sign
    if counter[item] <= 0:
        del counter[item]


def express(result: DocumentResult, decisions: Decisions) -> Extraction:
    """One document's records under the corpus-level decisions: its statements, roles and
    mentions with actor and position ids, and the actors and positions they name."""
    d = decisions
    doc = result.document
    x = Extraction(documents=[doc])
    seen_statements = set()
    for st in result.statements:
        if st.actor_id:  # a source that is no actor keeps its words and no id
            actor_id = d.actor_of.get(st.actor_id)
            if actor_id is None:
                continue
            st = replace(st, actor=d.actors[actor_id].label, actor_id=actor_id)
        if st.target_id:  # a stance on an actor: on the actor its name became
            target = d.actor_of.get(st.target_id, "")
            label = d.actors[target].label if target else st.position
            st = replace(st, target_id="" if target == st.actor_id else target, position=label)
        position_id = d.position_of.get(st.position_id, st.position_id)
        if st.polarity == "neutral" and position_id not in d.catalogue:
            # A claim that takes no side names its issue but makes no position node.
            st = replace(st, position_id="")
        else:
            new = position_id not in d.catalogue and position_id in d.positions
            label = d.positions[position_id].label if new else st.position
            st = replace(st, position_id=position_id, position=label)
        key = (st.doc, st.actor_id, st.polarity, st.position_id, st.target_id, st.start,
               st.predicate)  # fmt: skip
        if key not in seen_statements:
            seen_statements.add(key)
            x.statements.append(st)
    seen_relations = set()
    for rel in result.relations:
        subject, obj = d.actor_of.get(rel.subject_id), d.actor_of.get(rel.object_id)
        if subject is None or obj is None or subject == obj:
            continue
        key = (subject, rel.predicate, obj)
        if key in seen_relations:
            continue
        seen_relations.add(key)
        x.relations.append(
            replace(
                rel,
                subject=d.actors[subject].label,
                subject_id=subject,
                object=d.actors[obj].label,
                object_id=obj,
            )  # fmt: skip
        )
    for key, count in result.mentions.items():
        actor_id = d.actor_of.get(key)
        if actor_id is not None:
            x.mentions[doc.id, actor_id] = x.mentions.get((doc.id, actor_id), 0) + count
    actor_ids = {st.actor_id for st in x.statements if st.actor_id}
    actor_ids |= {st.target_id for st in x.statements if st.target_id}
    actor_ids |= {r.subject_id for r in x.relations} | {r.object_id for r in x.relations}
    actor_ids |= {actor_id for _, actor_id in x.mentions}
    x.actors = [d.actors[i] for i in sorted(actor_ids)]
    position_ids = {st.position_id for st in x.statements if st.position_id}
    x.positions = [d.positions[p] for p in sorted(position_ids) if p in d.positions]
    return x


def references(result: DocumentResult) -> set[str]:
    """The decisions a document's records depend on: ``"a:<key>"`` for each actor key its
    statements, roles and mentions name, ``"p:<id>"`` for each position they are about."""
    refs = {f"a:{k}" for st in result.statements for k in (st.actor_id, st.target_id) if k}
    refs |= {f"a:{k}" for r in result.relations for k in (r.subject_id, r.object_id)}
    refs |= {f"a:{k}" for k in result.mentions}
    refs |= {f"p:{st.position_id}" for st in result.statements if st.position_id}
    return refs


def changed_references(old: Decisions, new: Decisions) -> set[str]:
    """The references whose decision changed: a key that names another actor (or becomes
    or stops being one), a position merged into another."""
    changed = {f"a:{k}" for k in old.actor_of.keys() | new.actor_of.keys()
               if old.actor_of.get(k) != new.actor_of.get(k)}  # fmt: skip
    changed |= {f"p:{p}" for p in old.position_of.keys() | new.position_of.keys()
                if old.position_of.get(p, p) != new.position_of.get(p, p)}  # fmt: skip
    return changed


def combine_parts(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    """One result per document: the parts a long document was extracted in, joined."""
    current: DocumentResult | None = None
    for r in results:
        if current is not None and r.document.id == current.document.id:
            for m in r.names.values():
                remember(current.names, m)
            current.mentions.update(r.mentions)
            for key, forms in r.surface.items():
                current.surface[key] |= forms
            current.statements.extend(r.statements)
            current.relations.extend(r.relations)
            current.agents |= r.agents
            current.position_terms.update(r.position_terms)
            current.position_heads.update(r.position_heads)
            continue
        if current is not None:
            yield current
        current = r
    if current is not None:
        yield current


def merge(
    results: Iterable[DocumentResult], concepts: Iterable[Concept], embedder=None
) -> Extraction:
    """Every document's records under the decisions of them all, in one
    :class:`~stancegraph.extract.records.Extraction` (for a corpus held in memory)."""
    index = CorpusIndex(concepts, embedder)
    results = list(combine_parts(results))
    for r in results:
        index.add(r)
    decisions = index.decide()
    extraction = Extraction(actors=list(decisions.actors.values()))
    for r in results:
        x = express(r, decisions)
        extraction.documents.extend(x.documents)
        extraction.statements.extend(x.statements)
        extraction.relations.extend(x.relations)
        extraction.mentions.update(x.mentions)
    extraction.positions = list(decisions.positions.values())
    return extraction


# ---- a document's records as plain data, to keep them ------------------------------------------

_NO_TEXT = {"text": "", "original": "", "offsets": (0,)}
_DOCUMENT_FIELDS = ("id", "title", "date", "source", "url", "speaker", "speaker_role",
                    "organization", "path", "content_hash")  # fmt: skip


def result_to_json(result: DocumentResult) -> dict:
    """A document's result as JSON-able data (its text is not kept)."""
    return {
        "document": {name: getattr(result.document, name) for name in _DOCUMENT_FIELDS},
        "mentions": dict(result.mentions),
        "names": {k: [m.label, m.type, m.wikidata, m.agent_only] for k, m in result.names.items()},
        "surface": {k: sorted(forms) for k, forms in result.surface.items() if forms},
        "statements": [_plain(st) for st in result.statements],
        "relations": [_plain(rel) for rel in result.relations],
        "agents": sorted(result.agents),
        "position_terms": {pid: sorted(t) for pid, t in result.position_terms.items()},
        "position_heads": dict(result.position_heads),
    }


def result_from_json(data: dict) -> DocumentResult:
    """The inverse of :func:`result_to_json`."""
    result = DocumentResult(Document(**data["document"], **_NO_TEXT))
    result.mentions.update(data["mentions"])
    for key, (label, type_, wikidata, agent_only) in data["names"].items():
        result.names[key] = Mention(-1, -1, key, label, type_, wikidata, agent_only)
    for key, forms in data["surface"].items():
        result.surface[key] = set(forms)
    result.statements = [_record(Statement, row) for row in data["statements"]]
    result.relations = [_record(Relation, row) for row in data["relations"]]
    result.agents = set(data["agents"])
    result.position_terms = {pid: frozenset(t) for pid, t in data["position_terms"].items()}
    result.position_heads = dict(data.get("position_heads", {}))  # absent in results kept before
    return result


def _plain(record) -> dict:
    """A record's fields, those equal to their defaults left out."""
    out = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.default is not MISSING and value == f.default:
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def _record(record: type, row: dict):
    return record(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()})
