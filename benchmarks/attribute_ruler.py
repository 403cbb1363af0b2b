"""The fast attribute ruler against spaCy's own, on real news: same annotations, less time.

    python benchmarks/attribute_ruler.py [--articles 200]

Parses the first N BBC articles of ``../shared/corpus/bbc_news_2225`` with the
pinned model twice in this process — once with spaCy's ``attribute_ruler``,
once with :class:`~stancegraph.extract.attributes.FastAttributeRuler` in its
place — and compares every token's tag, part of speech, morphology, lemma and
dependency label. Prints how many documents and tokens agree (they must all),
and the time each ruler takes on the same tagged documents, with the ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

from stancegraph.extract.attributes import replace_attribute_ruler
from stancegraph.extract.nlp import DEFAULT_MODEL, numpy_matmul

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_news_2225"


def annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def ruler_seconds(nlp, docs) -> float:
    """Time the attribute ruler alone over copies of docs the earlier components made."""
    ruler = nlp.get_pipe("attribute_ruler")
    started = time.perf_counter()
    for doc in docs:
        ruler(doc)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts = []
    with open(CORPUS / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    with numpy_matmul():
        spacys = spacy.load(DEFAULT_MODEL)
        ours = spacy.load(DEFAULT_MODEL)
    replace_attribute_ruler(ours)
    same_docs = same_tokens = tokens = 0
    for a, b in zip(spacys.pipe(texts), ours.pipe(texts), strict=True):
        left, right = annotations(a), annotations(b)
        tokens += len(left)
        same_tokens += sum(x == y for x, y in zip(left, right, strict=True))
        same_docs += left == right
    # The ruler's own cost, on the same documents as tagged and parsed before it
    before = spacys.pipe_names.index("attribute_ruler")
    with spacys.select_pipes(enable=spacys.pipe_names[:before]):
        tagged = list(spacys.pipe(texts))
    slow = ruler_seconds(spacys, [d.copy() for d in tagged])
    fast = ruler_seconds(ours, [d.copy() for d in tagged])
    print(f"{len(texts)} BBC articles, {tokens} tokens")
    print(f"identical documents: {same_docs}/{len(texts)}; tokens: {same_tokens}/{tokens}")
    print(f"attribute ruler: spaCy {slow:.2f} s, ours {fast:.2f} s ({slow / fast:.1f} x as fast)")
    return 0 if same_docs == len(texts) else 1


if __name__ == "__main__":
    sys.exit(main())
