"""Matching texts to a catalogue of whole claims: words vs. embeddings, side by side.

    python benchmarks/matching.py [--claims benchmarks/data/energy-claims.jsonl] [--meaning static]
                                  [--positions benchmarks/data/energy-positions.ttl]

Each line of the claims file is a text and the concept it expresses (or null).
Prints precision, recall and F1 of lexical matching (the default), of
sentence embeddings (``stancegraph[embeddings]``) and of both (words first,
embeddings when words find nothing), and the time each takes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.lexicon import content_terms
from stancegraph.extract.nlp import load_pipeline
from stancegraph.extract.positions import Catalogue
from stancegraph.extract.semantic import CLAIM_THRESHOLD

DATA = Path(__file__).resolve().parent / "data"


def prf(predicted: list[str | None], gold: list[str | None]) -> dict:
    tp = sum(p is not None and p == g for p, g in zip(predicted, gold, strict=True))
    n_pred = sum(p is not None for p in predicted)
    n_gold = sum(g is not None for g in gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=Path, default=DATA / "energy-claims.jsonl")
    parser.add_argument("--positions", type=Path, default=DATA / "energy-positions.ttl")
    parser.add_argument("--meaning", choices=("model", "static"), default="model",
                        help="all-MiniLM-L6-v2 (when installed) or the static encoder")  # fmt: skip
    args = parser.parse_args()
    rows = [json.loads(x) for x in args.claims.read_text().splitlines() if x.strip()]
    texts, gold = [r["text"] for r in rows], [r["concept"] for r in rows]
    gazetteer = Gazetteer.load()
    nlp = load_pipeline(gazetteer)
    catalogue = Catalogue.load(args.positions, nlp, gazetteer, meaning=args.meaning)

    started = time.perf_counter()
    lexical = []
    for doc in nlp.pipe(texts):
        found = catalogue.match(content_terms(doc, gazetteer))
        lexical.append(found[0][0].id if found else None)
    t_lexical = time.perf_counter() - started

    started = time.perf_counter()
    semantic = [
        m[0][0].id if m else None
        for m in catalogue.match_semantic(texts, [CLAIM_THRESHOLD] * len(texts))
    ]
    t_semantic = time.perf_counter() - started
    both = [lex or sem for lex, sem in zip(lexical, semantic, strict=True)]

    print(f"{len(rows)} texts, {sum(g is not None for g in gold)} express a concept")
    for name, predicted, seconds in (
        ("lexical", lexical, t_lexical),
        ("embeddings", semantic, t_semantic),
        ("lexical+embeddings", both, t_lexical + t_semantic),
    ):
        m = prf(predicted, gold)
        print(
            f"{name:20} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
            f"({seconds * 1000 / len(rows):.1f} ms/text)"
        )


if __name__ == "__main__":
    main()
