"""Who the actors are and whom they speak for, on a sample of real news.

    python benchmarks/roles.py [--no-gazetteer] [--read 30] [--seed 15]
    python benchmarks/roles.py --build OUTDIR    # score the tables of a build of the sample

The sample is every eighth article of the politics category of
``../shared/corpus/bbc_news_2225`` starting with the sixth (52 articles,
``bbc-politics-006``, ``-014``, ...). It is extracted as a build would
(packaged gazetteer, or none with ``--no-gazetteer``) and the script prints:

- documents, actors (and how many have a Wikidata id), relations and relations
  per document, by predicate;
- the share of relations with both ends typed right, against our hand-made types
  of the names in ``benchmarks/data/bbc-politics-types.json`` (``type`` per label;
  ``none`` for a name that is no actor, such as a portfolio or a programme).
  Ends it does not list are counted apart as unjudged;
- parties, unions and NGOs (``kind`` in the same file) typed State or Person, and
  actor labels that begin with a title: both should be none;
- the merges of names across the sample, by rule (``extract/merge.py``);
- ``--read`` relations drawn at random (``--seed``), with their evidence, for reading.

``--build`` reads the actors and relations of a build of the same sample instead
(``stancegraph build sample.jsonl -o OUTDIR``; an older version's, to compare), and
prints all but the merges.

The BBC texts may not be redistributed: the types file holds names only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from stancegraph.extract.assemble import Extractor, ExtractorConfig
from stancegraph.extract.documents import read_documents
from stancegraph.extract.execution import extract_batches
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.index import merge
from stancegraph.extract.merge import merges
from stancegraph.extract.names import title_word
from stancegraph.graph.tables import read_tables

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl"
TYPES = ROOT / "benchmarks" / "data" / "bbc-politics-types.json"


def sample(path: Path, out: Path, category: str = "politics", first: int = 6, step: int = 8):
    """Every ``step``-th article of a category, starting with the ``first``-th."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["category"] == category]
    chosen = rows[first - 1 :: step]
    with out.open("w", encoding="utf-8") as f:
        for r in chosen:
            f.write(json.dumps({k: r[k] for k in ("id", "title", "text", "source")}) + "\n")
    return out


def typed_right(label: str, actual: str, types: dict) -> bool | None:
    """Whether an actor's type is right (None: the file does not know the name)."""
    gold = types.get(label)
    return None if gold is None else gold["type"] == actual


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-gazetteer", action="store_true", help="no packaged gazetteer")
    parser.add_argument("--read", type=int, default=30, help="relations printed for reading")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--build", type=Path, help="score the tables of this build")
    args = parser.parse_args()
    types = json.loads(TYPES.read_text(encoding="utf-8"))["names"]
    results = None
    if args.build is not None:
        x = read_tables(args.build)
        print(f"== BBC politics sample, build {args.build}: {len(x.documents)} documents")
    else:
        gazetteer = Gazetteer() if args.no_gazetteer else Gazetteer.load()
        extractor = Extractor(ExtractorConfig.make(gazetteer=gazetteer, embeddings=False))
        with tempfile.TemporaryDirectory() as tmp:
            path = sample(CORPUS, Path(tmp) / "sample.jsonl")
            started = time.perf_counter()
            batches = extract_batches(read_documents([path]), extractor=extractor)
            results = [result for batch in batches for result in batch]
            seconds = time.perf_counter() - started
        x = merge(results, extractor.catalogue.concepts)
        print(f"== BBC politics sample: {len(x.documents)} documents in {seconds:.1f} s, "
              f"gazetteer {'off' if args.no_gazetteer else 'on'}")  # fmt: skip
    actors = {a.id: a for a in x.actors}
    n_docs = len(x.documents)
    with_ids = sum(1 for a in actors.values() if a.wikidata)
    predicates = Counter(r.predicate for r in x.relations).most_common()
    print(f"actors {len(actors)} ({with_ids} with Wikidata ids), relations {len(x.relations)} "
          f"({len(x.relations) / n_docs:.2f} per document): "
          + ", ".join(f"{p} {n}" for p, n in predicates))  # fmt: skip
    right = wrong = unjudged = 0
    wrong_ends: Counter = Counter()
    for rel in x.relations:
        ends = [actors[rel.subject_id], actors[rel.object_id]]
        verdicts = [typed_right(a.label, a.type, types) for a in ends]
        if None in verdicts:
            unjudged += 1
        elif all(verdicts):
            right += 1
        else:
            wrong += 1
            wrong_ends.update(
                f"{a.label} ({a.type})" for a, v in zip(ends, verdicts, strict=True) if not v
            )
    judged = right + wrong
    share = right / judged if judged else 0.0
    print(f"both ends typed right: {right} of {judged} judged relations ({share:.3f}); "
          f"{unjudged} unjudged")  # fmt: skip
    for end, n in wrong_ends.most_common():
        print(f"    wrong end: {end} x{n}")
    bodies = {label for label, t in types.items() if t.get("kind") in ("party", "union", "ngo")}
    mistyped = sorted(
        f"{a.label} ({a.type})"
        for a in actors.values()
        if a.label in bodies and a.type in ("State", "Person")
    )
    print(f"parties, unions and NGOs typed State or Person: {len(mistyped)}", *mistyped)
    titled = sorted(
        a.label for a in actors.values() if a.type == "Person" and title_word(a.label.split()[0])
    )
    print(f"people whose label begins with a title: {len(titled)}", *titled)
    unknown = sorted({actors[i].label for r in x.relations for i in (r.subject_id, r.object_id)}
                     - set(types))  # fmt: skip
    if unknown:
        print("unjudged names:", "; ".join(unknown))
    if results is not None:
        by_rule = sorted(Counter(rule for _, _, rule in merges(results)).items())
        print("merges by rule:", ", ".join(f"{r} {n}" for r, n in by_rule) or "none")
    print(f"\n{args.read} relations drawn at random (seed {args.seed}):")
    for rel in random.Random(args.seed).sample(x.relations, min(args.read, len(x.relations))):
        subject, obj = actors[rel.subject_id], actors[rel.object_id]
        print(f"  {rel.doc}: {subject.label} ({subject.type}) {rel.predicate} {obj.label} "
              f"({obj.type}) [{rel.role}]\n      {rel.evidence[:160]}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
