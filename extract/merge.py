"""Merging actors and positions across a corpus.

Every document's result (:class:`~stancegraph.extract.assemble.DocumentResult`)
names actors by document-level keys; :func:`merge` gives every real-world
actor one id across the corpus: gazetteer entries by their id, other people by
their fullest name ("Tykhy" joins "Georgiy Tykhy" when the corpus names him in
full once), spelling variants of the same name by fuzzy matching. Only actors
that act somewhere (make a statement, hold a role or are the body of one)
become actors of the graph. New positions that say the same thing are merged
(:func:`~stancegraph.extract.positions.paraphrase_clusters`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from stancegraph.extract.assemble import DocumentResult, remember
from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.mentions import Mention
from stancegraph.extract.positions import Concept, paraphrase_clusters
from stancegraph.extract.records import Actor, Extraction, Position, slug

__all__ = ["merge", "MAX_EMBEDDED_POSITIONS", "NAME_SIMILARITY"]

#: above this many new positions, paraphrases are merged by words only (the
#: comparison by meaning grows with the square of their number)
MAX_EMBEDDED_POSITIONS = 5000
#: two unknown people's full names this similar (0-100) are one person spelt two ways
NAME_SIMILARITY = 90


def merge(
    results: Iterable[DocumentResult], concepts: Iterable[Concept], embedder=None
) -> Extraction:
    """Give every actor and position one id across the corpus."""
    results = list(results)
    names: dict[str, Mention] = {}
    counts: Counter = Counter()
    surface: dict[str, set[str]] = defaultdict(set)
    agents: set[str] = set()
    for r in results:
        for m in r.names.values():
            remember(names, m)
        counts.update(r.mentions)
        for key, forms in r.surface.items():
            surface[key] |= forms
        agents |= r.agents
    canonical = _canonical_keys(names, counts)
    # An actor of the stance graph says, holds or is given something somewhere in
    # the corpus: a statement, a role. Names only mentioned in passing are not nodes.
    keep = {canonical[k] for k in names if k in agents or canonical[k] in agents}
    actors: dict[str, Actor] = {}
    ids = _actor_ids({k: names[k] for k in keep})
    members: dict[str, list[str]] = defaultdict(list)
    for k, c in canonical.items():
        members[c].append(k)
    for key in sorted(keep):
        m = names[key]
        aliases = set()
        for k in members[key]:
            aliases |= surface.get(k, set()) | {names[k].label}
        label = m.label
        if label.isupper() and " " in label and not key.startswith("gz:"):
            # "AMERICAN ENERGY PRODUCERS COUNCIL" in a headline: the name as written elsewhere
            label = min(
                (a for a in aliases if not a.isupper() and name_key(a) == name_key(label)),
                default=label,
            )
        aliases.add(m.label)
        aliases.discard(label)
        actors[key] = Actor(
            id=ids[key],
            label=label,
            type=m.type,
            aliases=tuple(sorted(aliases)),
            wikidata=m.wikidata,
            mentions=sum(counts[k] for k in members[key]),
        )

    def actor_of(key: str) -> Actor | None:
        return actors.get(canonical.get(key, key))

    # A long document was extracted in parts: it is one document.
    documents = {r.document.id: r.document for r in reversed(results)}
    extraction = Extraction(
        documents=[documents[i] for i in dict.fromkeys(r.document.id for r in results)]
    )
    positions: dict[str, Position] = {c.id: _catalogue_position(c) for c in concepts}
    same_as, labels, alt_labels = _paraphrases(results, embedder)
    seen_statements = set()
    catalogue = set(positions)
    for r in results:
        for st in r.statements:
            if st.actor_id:  # a source that is no actor keeps its words and no id
                actor = actor_of(st.actor_id)
                if actor is None:
                    continue
                st = replace(st, actor=actor.label, actor_id=actor.id)
            position_id = same_as.get(st.position_id, st.position_id)
            if st.polarity == "neutral" and position_id not in catalogue:
                # A claim that takes no side names its issue but makes no position node.
                st = replace(st, position_id="")
            else:
                st = replace(
                    st, position_id=position_id, position=labels.get(position_id, st.position)
                )
            key = (st.doc, st.actor_id, st.polarity, st.position_id, st.start, st.predicate)
            if key in seen_statements:
                continue
            seen_statements.add(key)
            if st.position_id and st.position_id not in positions:
                alt = tuple(sorted(alt_labels.get(st.position_id, ())))
                positions[st.position_id] = Position(st.position_id, st.position, alt)
            extraction.statements.append(st)
        seen_relations = set()
        for rel in r.relations:
            subject, obj = actor_of(rel.subject_id), actor_of(rel.object_id)
            if subject is None or obj is None or subject.id == obj.id:
                continue
            key = (subject.id, rel.predicate, obj.id)
            if key in seen_relations:
                continue
            seen_relations.add(key)
            extraction.relations.append(
                replace(
                    rel,
                    subject=subject.label,
                    subject_id=subject.id,
                    object=obj.label,
                    object_id=obj.id,
                )
            )
        for key, count in r.mentions.items():
            actor = actor_of(key)
            if actor is not None:
                pair = (r.document.id, actor.id)
                extraction.mentions[pair] = extraction.mentions.get(pair, 0) + count
    used = {st.position_id for st in extraction.statements}
    extraction.positions = [p for pid, p in sorted(positions.items()) if pid in used]
    extraction.actors = sorted(actors.values(), key=lambda a: a.id)
    return extraction


def _paraphrases(
    results: list[DocumentResult],
    embedder=None,
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Merge new positions that say the same thing (see :func:`paraphrase_clusters`).

    Returns position id -> the id it merges into, merged id -> its label, and
    merged id -> the other labels it was found under.
    """
    terms: dict[str, frozenset[str]] = {}
    counts: Counter = Counter()
    label_of: dict[str, str] = {}
    for r in results:
        terms.update(r.position_terms)
        for st in r.statements:
            if st.position_id in r.position_terms:
                counts[st.position_id] += 1
                label_of.setdefault(st.position_id, st.position)
    vectors = None
    if embedder is not None and 0 < len(terms) <= MAX_EMBEDDED_POSITIONS:
        ids = sorted(terms)
        vectors = dict(zip(ids, embedder.encode([label_of[i] for i in ids]), strict=True))
    same_as = paraphrase_clusters(terms, counts, vectors)
    labels = {target: label_of[target] for target in set(same_as.values())}
    alt_labels: dict[str, set[str]] = defaultdict(set)
    for member, target in same_as.items():
        if label_of[member] != label_of[target]:
            alt_labels[target].add(label_of[member])
    return same_as, labels, alt_labels


def _catalogue_position(concept) -> Position:
    return Position(
        id=concept.id,
        label=concept.label,
        alt_labels=concept.alt_labels,
        iri=concept.iri,
        in_catalogue=True,
        definition=concept.definition,
    )


def _canonical_keys(names: dict[str, Mention], counts: Counter) -> dict[str, str]:
    """Map every document-level key to the key of the actor it names."""
    canonical = {k: k for k in names}
    people = [k for k, m in names.items() if m.type == "Person" and not k.startswith("gz:")]
    full = [k for k in people if " " in names[k].label]
    # Spelling variants of full names: "Georgiy Tykhy" / "Georgii Tykhy". Variants
    # share the first letters of both names, so only those are compared.
    full.sort(key=lambda k: (-counts[k], k))
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in full:
        words = name_key(names[key].label).split()
        blocks[words[0][:1], words[-1][:1]].append(key)
    for block in blocks.values():
        for i, key in enumerate(block):
            if canonical[key] != key:
                continue
            for other in block[i + 1 :]:
                if canonical[other] == other and _same_person(names[key].label, names[other].label):
                    canonical[other] = key
    # Surname-only mentions join the one full name in the corpus that ends with them.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for k, m in names.items():
        if m.type == "Person" and " " in m.label:
            by_surname[name_key(m.label.split()[-1])].add(canonical[k])
    for key in people:
        if " " not in names[key].label:
            targets = by_surname.get(name_key(names[key].label), set())
            if len(targets) == 1:
                canonical[key] = next(iter(targets))
    return canonical


def _same_person(a: str, b: str) -> bool:
    first_a, last_a = a.split()[0], a.split()[-1]
    first_b, last_b = b.split()[0], b.split()[-1]
    return (
        first_a[:1].lower() == first_b[:1].lower()
        and fuzz.ratio(name_key(last_a), name_key(last_b)) >= NAME_SIMILARITY - 10
        and fuzz.ratio(name_key(a), name_key(b)) >= NAME_SIMILARITY - 5
    )


def _actor_ids(names: dict[str, Mention]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(names):
        if key.startswith("gz:"):
            ids[key] = key[3:]
            taken.add(ids[key])
    for key in sorted(names):
        if key in ids:
            continue
        base = slug(names[key].label) or "actor"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        ids[key] = candidate
        taken.add(candidate)
    return ids
