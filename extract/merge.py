"""Merging actors and positions across a corpus: the rules.

Every document's result (:class:`~stancegraph.extract.assemble.DocumentResult`)
names actors by document-level keys; :func:`~stancegraph.extract.index.merge` gives every real-world
actor one id across the corpus: gazetteer entries by their id, other names by
general rules (:func:`canonical_keys`): a person by their fullest name ("Tykhy"
joins "Georgiy Tykhy" when the corpus names him in full once), a middle
initial, an initial or a spelling of one name, never two names that differ in
a number, a given name or an initial; an acronym by the one body whose
initials it spells; a name in capitals by the person of that name. Only actors
that act somewhere (make a statement, hold a role or are the body of one)
become actors of the graph. New positions that say the same thing are merged
(:func:`~stancegraph.extract.positions.paraphrase_clusters`).

Each rule is a function of the corpus's names and counts alone;
:class:`~stancegraph.extract.index.CorpusIndex` keeps those as documents come
and calls the rules again whenever they change.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from stancegraph.extract.assemble import DocumentResult, remember
from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.mentions import Mention
from stancegraph.extract.names import initials, is_acronym, same_person
from stancegraph.extract.positions import Concept, paraphrase_clusters
from stancegraph.extract.records import Actor, Position, slug

__all__ = [
    "actor_record",
    "canonical_keys",
    "catalogue_position",
    "merges",
    "paraphrases",
    "MAX_EMBEDDED_POSITIONS",
]

#: above this many new positions, paraphrases are merged by words only (the
#: comparison by meaning grows with the square of their number)
MAX_EMBEDDED_POSITIONS = 5000


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
    heads: dict[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Merge new positions that say the same thing (see :func:`paraphrase_clusters`).

    Returns position id -> the id it merges into, merged id -> its label, and
    merged id -> the other labels it was found under.
    """
    same_as = paraphrase_clusters(terms, counts, vectors, heads)
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
