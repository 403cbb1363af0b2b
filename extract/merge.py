"""Merging actors and positions across a corpus: the rules.

Every document's result (:class:`~stancegraph.extract.assemble.DocumentResult`)
names actors by document-level keys; these rules give every real-world actor
one id across the corpus: gazetteer entries by their id, other people by their
fullest name ("Tykhy" joins "Georgiy Tykhy" when the corpus names him in full
once), spelling variants of the same name by fuzzy matching. Only actors that
act somewhere (make a statement, hold a role or are the body of one) become
actors of the graph. New positions that say the same thing are merged
(:func:`~stancegraph.extract.positions.paraphrase_clusters`).

Each rule is a function of the corpus's names and counts alone;
:class:`~stancegraph.extract.index.CorpusIndex` keeps those as documents come
and calls the rules again whenever they change.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.mentions import Mention
from stancegraph.extract.positions import Concept, paraphrase_clusters
from stancegraph.extract.records import Actor, Position, slug

__all__ = [
    "actor_record",
    "catalogue_position",
    "paraphrases",
    "MAX_EMBEDDED_POSITIONS",
    "NAME_SIMILARITY",
]

#: above this many new positions, paraphrases are merged by words only (the
#: comparison by meaning grows with the square of their number)
MAX_EMBEDDED_POSITIONS = 5000
#: two unknown people's full names this similar (0-100) are one person spelt two ways
NAME_SIMILARITY = 90


def actor_record(
    key: str,
    actor_id: str,
    names: dict[str, Mention],
    members: list[str],
    surface: dict[str, set[str]],
    counts: Counter,
) -> Actor:
    """The actor that canonical ``key`` and the keys merged into it (``members``) name."""
    m = names[key]
    aliases = set()
    for k in members:
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
    return Actor(
        id=actor_id,
        label=label,
        type=m.type,
        aliases=tuple(sorted(aliases)),
        wikidata=m.wikidata,
        mentions=sum(counts[k] for k in members),
    )


def paraphrases(
    terms: dict[str, frozenset[str]],
    counts: dict[str, int],
    label_of: dict[str, str],
    vectors: dict | None = None,
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Merge new positions that say the same thing (see :func:`paraphrase_clusters`).

    Returns position id -> the id it merges into, merged id -> its label, and
    merged id -> the other labels it was found under.
    """
    same_as = paraphrase_clusters(terms, counts, vectors)
    labels = {target: label_of[target] for target in set(same_as.values())}
    alt_labels: dict[str, set[str]] = defaultdict(set)
    for member, target in same_as.items():
        if label_of[member] != label_of[target]:
            alt_labels[target].add(label_of[member])
    return same_as, labels, alt_labels


def catalogue_position(concept: Concept) -> Position:
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
