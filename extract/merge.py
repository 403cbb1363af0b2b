"""Merging actors and positions across a corpus.

Every document's result (:class:`~stancegraph.extract.assemble.DocumentResult`)
names actors by document-level keys; :func:`merge` gives every real-world
actor one id across the corpus: gazetteer entries by their id, other names by
general rules (:func:`canonical_keys`): a person by their fullest name ("Tykhy"
joins "Georgiy Tykhy" when the corpus names him in full once), a middle
initial, an initial or a spelling of one name, never two names that differ in
a number, a given name or an initial; an acronym by the one body whose
initials it spells; a name in capitals by the person of that name. Only actors
that act somewhere (make a statement, hold a role or are the body of one)
become actors of the graph. New positions that say the same thing are merged
(:func:`~stancegraph.extract.positions.paraphrase_clusters`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from stancegraph.extract.assemble import DocumentResult, remember
from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.mentions import Mention
from stancegraph.extract.names import initials, is_acronym, same_person
from stancegraph.extract.positions import Concept, paraphrase_clusters
from stancegraph.extract.records import Actor, Extraction, Position, slug

__all__ = ["canonical_keys", "merge", "merges", "MAX_EMBEDDED_POSITIONS"]

#: above this many new positions, paraphrases are merged by words only (the
#: comparison by meaning grows with the square of their number)
MAX_EMBEDDED_POSITIONS = 5000


def merge(
    results: Iterable[DocumentResult], concepts: Iterable[Concept], embedder=None
) -> Extraction:
    """Give every actor and position one id across the corpus."""
    results = list(results)
    names, counts, surface, agents = _corpus_names(results)
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


def _corpus_names(results: list[DocumentResult]):
    """One mention per key, mention counts, written forms and the keys that act."""
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
    return names, counts, surface, agents


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
    return canonical_keys(names, counts)[0]


def canonical_keys(
    names: dict[str, Mention], counts: Counter
) -> tuple[dict[str, str], dict[str, str]]:
    """Every document-level key -> the key of the actor it names, and every key merged
    into another -> the rule that merged it:

    - ``capitals``: a body's name in capitals that is a person's name ("JANE ROE");
    - ``middle name``, ``initial``, ``spelling``: two full names of one person
      (:func:`~stancegraph.extract.names.same_person`), when the name fits only one
      other;
    - ``surname``: a lone surname, when one full name in the corpus ends with it;
    - ``acronym``: an acronym, when it spells the initials of only one body's name.

    Gazetteer entries are already one key each; a decision depends only on the
    names and how often each is mentioned, so it can be made again when documents
    are added.
    """
    canonical = {k: k for k in names}
    rules: dict[str, str] = {}

    def join(key: str, into: str, rule: str) -> None:
        canonical[key] = into
        rules[key] = rule

    people = [k for k, m in names.items() if m.type == "Person" and not k.startswith("gz:")]
    by_name = {name_key(names[k].label): k for k in people}
    for k, m in names.items():
        person = by_name.get(name_key(m.label))
        if m.type != "Person" and m.label.isupper() and " " in m.label and not k.startswith("gz:"):
            if person is not None:
                join(k, person, "capitals")
    # Full names of one person: a middle initial, an initial for a given name, a spelling.
    # Such names share the first letters of their given name and surname.
    full = [k for k in people if len(names[k].label.split()) > 1]
    # the fullest names first, so that "Mary Roe" meets both "Mary T. Roe" and "Mary S.
    # Roe" and stays apart; then the most mentioned spelling
    full.sort(key=lambda k: (-len(names[k].label.split()), -counts[k], k))
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in full:
        words = name_key(names[key].label).split()
        blocks[words[0][:1], words[-1][:1]].append(key)
    for block in blocks.values():
        clusters: dict[str, list[str]] = {}
        for key in block:
            label = names[key].label
            fits = [
                (head, same_person(label, names[head].label))
                for head, members in clusters.items()
                if all(same_person(label, names[m].label) for m in members)
            ]
            fits = [(head, rule) for head, rule in fits if rule is not None]
            if len(fits) == 1:
                clusters[fits[0][0]].append(key)
            elif not fits:
                clusters[key] = [key]
        for members in clusters.values():  # named as the corpus names them most often
            head = max(members, key=lambda k: (counts[k], len(names[k].label.split()), k))
            for key in members:
                if key != head:
                    join(key, head, same_person(names[key].label, names[head].label) or "")
    # Surname-only mentions join the one full name in the corpus that ends with them.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for k, m in names.items():
        if m.type == "Person" and " " in m.label:
            by_surname[name_key(m.label.split()[-1])].add(canonical[k])
    for key in people:
        if " " not in names[key].label:
            targets = by_surname.get(name_key(names[key].label), set())
            if len(targets) == 1:
                join(key, next(iter(targets)), "surname")
    # An acronym joins the one body whose initials it spells.
    bodies = [k for k, m in names.items() if m.type in ("Organization", "Group")]
    spelt: dict[str, set[str]] = defaultdict(set)
    for k in bodies:
        if not is_acronym(names[k].label):
            spelt[initials(names[k].label)].add(canonical[k])
    for k in bodies:
        label = names[k].label
        if is_acronym(label) and not k.startswith("gz:") and canonical[k] == k:
            targets = spelt.get(label.replace(".", ""), set()) - {k}
            if len(targets) == 1:
                join(k, next(iter(targets)), "acronym")
    return canonical, rules


def merges(results: Iterable[DocumentResult]) -> list[tuple[str, str, str]]:
    """The merges :func:`merge` makes of a corpus's names: (name, the name it joins,
    rule), for reading and for counting wrong ones (``benchmarks/roles.py``)."""
    names, counts, _, _ = _corpus_names(list(results))
    canonical, rules = canonical_keys(names, counts)
    return sorted((names[k].label, names[canonical[k]].label, rule) for k, rule in rules.items())


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
