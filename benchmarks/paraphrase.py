"""When are two new positions the same? Merge decisions against hand-labelled pairs.

    python benchmarks/paraphrase.py [--pairs benchmarks/data/position-pairs.jsonl]

Each pair is two position labels found by stancegraph in UN General Debate
speeches, labelled by hand as the same position or not. Prints precision,
recall and F1 of "same" for the rule the build uses (shared normalised content
terms and head nouns, :func:`stancegraph.extract.positions.paraphrase_clusters`)
at several Jaccard thresholds, with and without the head nouns, for cosine
similarity of sentence vectors and for the two together, with the shipped static
encoder and, when the embeddings
extra is installed, all-MiniLM-L6-v2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.nlp import load_pipeline
from stancegraph.extract.positions import (
    PARAPHRASE_COSINE,
    PARAPHRASE_THRESHOLD,
    new_position,
    same_position,
)
from stancegraph.extract.semantic import Embedder, available

DATA = Path(__file__).resolve().parent / "data"


def prf(predicted: list[bool], gold: list[bool]) -> str:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    p = tp / sum(predicted) if any(predicted) else 0.0
    r = tp / sum(gold) if any(gold) else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (merged {sum(predicted)})"


def heads_of(*positions) -> tuple[str | None, ...]:
    """The head nouns the build compares (none for a position a verb's phrase names)."""
    return tuple(p.head if p.noun else None for p in positions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DATA / "position-pairs.jsonl")
    args = parser.parse_args()
    lines = args.pairs.read_text(encoding="utf-8").splitlines()
    pairs = [json.loads(x) for x in lines[1:] if x.strip()]
    gold = [p["same"] for p in pairs]
    gazetteer = Gazetteer.load()
    nlp = load_pipeline(gazetteer)
    labels = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    named = {t: new_position(d, gazetteer) for t, d in zip(labels, nlp.pipe(labels), strict=True)}
    terms = {t: frozenset(p.terms) for t, p in named.items()}
    print(f"{len(pairs)} pairs, {sum(gold)} the same position")
    for threshold in (0.3, 0.4, PARAPHRASE_THRESHOLD, 0.6, 0.7):
        predicted = [same_position(terms[p["a"]], terms[p["b"]], threshold) for p in pairs]
        print(f"terms, Jaccard >= {threshold:.1f}     {prf(predicted, gold)}")
        heads = [
            same_position(terms[p["a"]], terms[p["b"]], threshold,
                          heads_of(named[p["a"]], named[p["b"]]))
            for p in pairs
        ]  # fmt: skip
        mark = "  <- the build's rule" if threshold == PARAPHRASE_THRESHOLD else ""
        print(f"  and head nouns         {prf(heads, gold)}{mark}")
    lexical = [
        same_position(terms[p["a"]], terms[p["b"]], heads=heads_of(named[p["a"]], named[p["b"]]))
        for p in pairs
    ]
    embedders = [Embedder(model=False)]
    if available():
        embedders.append(Embedder(model=True))
    else:
        print("all-MiniLM-L6-v2: not installed (pip install 'stancegraph[embeddings]')")
    for embedder in embedders:
        vectors = dict(zip(labels, embedder.encode(labels), strict=True))
        sims = [float(vectors[p["a"]] @ vectors[p["b"]]) for p in pairs]
        for threshold in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
            predicted = [s >= threshold for s in sims]
            both = [lex or s >= threshold for lex, s in zip(lexical, sims, strict=True)]
            mark = "  <- the build's rule" if threshold == PARAPHRASE_COSINE else ""
            print(f"{embedder.name} cosine >= {threshold:.2f}            {prf(predicted, gold)}")
            print(f"{embedder.name} terms or cosine >= {threshold:.2f}   {prf(both, gold)}{mark}")


if __name__ == "__main__":
    main()
