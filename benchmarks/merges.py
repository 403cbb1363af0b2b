"""Merges of names across a corpus, by rule, for reading and counting the wrong ones.

    python benchmarks/merges.py bbc|ungd [--every N] [--show 25] [--seed 15]

- ``bbc``: the politics category of ``../shared/corpus/bbc_news_2225`` (every
  ``--every``-th article, 1 by default: 417 articles);
- ``ungd``: every ``--every``-th speech (10 by default: 156) of
  ``../shared/corpus/ungdc_2017_2024``, with its speaker metadata.

Extracts the documents (nothing is written) and prints how many names each rule of
``extract/merge.py`` joined to another (``capitals``, ``middle name``,
``initial``, ``spelling``, ``surname``, ``acronym``), then up to ``--show`` of
them per rule, drawn at random (``--seed``), as "name -> the name it joins" with
the type. A reader marks the wrong ones; README gives such a count.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from stancegraph.extract.assemble import Extractor, ExtractorConfig
from stancegraph.extract.documents import read_documents
from stancegraph.extract.execution import extract_batches
from stancegraph.extract.merge import merges

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = {
    "bbc": (SHARED / "bbc_news_2225" / "articles.jsonl", 1, lambda r: r["category"] == "politics"),
    "ungd": (SHARED / "ungdc_2017_2024" / "articles.jsonl", 10, lambda r: True),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=sorted(CORPORA))
    parser.add_argument("--every", type=int, help="every N-th document")
    parser.add_argument("--show", type=int, default=25, help="merges printed per rule")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    path, every, wanted = CORPORA[args.corpus]
    rows = [r for r in map(json.loads, path.open(encoding="utf-8")) if wanted(r)]
    rows = rows[:: args.every or every]
    extractor = Extractor(ExtractorConfig.make(embeddings=False))
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        started = time.perf_counter()
        batches = extract_batches(read_documents([sample]), extractor=extractor)
        results = [result for batch in batches for result in batch]
    seconds = time.perf_counter() - started
    by_rule: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, into, rule in merges(results):
        by_rule[rule].append((name, into))
    total = sum(len(v) for v in by_rule.values())
    print(f"== {args.corpus}: {len(results)} documents in {seconds:.0f} s, {total} merges")
    for rule in sorted(by_rule):
        pairs = by_rule[rule]
        shown = random.Random(args.seed).sample(pairs, min(args.show, len(pairs)))
        print(f"\n{rule}: {len(pairs)} (showing {len(shown)})")
        for name, into in sorted(shown):
            print(f"    {name} -> {into}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
