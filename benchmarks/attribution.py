"""Who said what: attribution on news, scored against hand-annotated attributions.

    python benchmarks/attribution.py [--gold benchmarks/data/bbc-attribution.gold.jsonl]

Builds the gold's articles (cut out of ``../shared/corpus/bbc_news_2225``; the
BBC texts may not be redistributed, so the gold holds offsets and names only)
and matches every statement of the build, neutral ones included, one to one
with the gold attributions: same document, overlapping spans (the statement's
``start``/``end`` against the attribution's content span) and, for the full
score, the same source (its name, an alias, or the surname of a person).
Gold attributions whose source is no named actor ("critics said") are not
required, and a statement that matches one is not counted against precision.

Prints precision, recall and F1 for spans alone and for spans with sources.

Then PolNeAR (Newell et al. 2018; ``../shared/corpus/polnear``, US political news
with hand-annotated attributions, not redistributable): builds the articles of
its dev compartment and scores them with ``../shared/eval/attribution_score.py``
(a statement finds an attribution when its start/end cover at least half of the
content and its source shares a word with a named source). ``--split train`` is
for error analysis; numbers are reported on dev. ``--no-polnear`` skips it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from stancegraph.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "bbc-attribution.gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl"
POLNEAR = ROOT.parent / "shared" / "corpus" / "polnear"
SCORER = ROOT.parent / "shared" / "eval" / "attribution_score.py"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\u2019']s\b", "", text)
    text = re.sub(
        r"^(the|mr|mrs|ms|dr|sir|lord|lady)\s+", "", re.sub(r"[^\w\s]", " ", text).strip()
    )
    return " ".join(text.split())


def same_source(gold: dict, names: set[str]) -> bool:
    wanted = {norm(gold["source"]), *map(norm, gold.get("source_aliases", []))}
    surname = norm(gold["source"]).split()[-1]
    return bool(wanted & names) or any(n.split()[-1:] == [surname] for n in names if n)


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def match(statements: list[dict], gold: list[dict], names_of, with_source: bool):
    """Greedy one-to-one matching by overlap; returns (matched pairs, statements on
    unnamed-source attributions)."""
    candidates = []
    for i, st in enumerate(statements):
        for j, g in enumerate(gold):
            if st["doc"] != g["doc"]:
                continue
            overlap = min(st["end"], g["end"]) - max(st["start"], g["start"])
            if overlap <= 0:
                continue
            if with_source and g["source"] and not same_source(g, names_of(st)):
                continue
            candidates.append((overlap, i, j))
    used_s, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--split", default="dev", help="PolNeAR compartment (dev, train)")
    parser.add_argument("--no-polnear", action="store_true", help="the BBC set only")
    args = parser.parse_args()
    bbc(args)
    if not args.no_polnear:
        if (args.polnear / "documents.jsonl").exists() and SCORER.exists():
            polnear(args.polnear, args.split)
        else:
            print(f"PolNeAR: {args.polnear} or {SCORER} not found, skipped")
    return 0


def polnear(corpus: Path, split: str) -> None:
    """Build one PolNeAR compartment and score it with the shared scorer."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("attribution_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "polnear.jsonl"
        with inputs.open("w", encoding="utf-8") as out:
            for line in (corpus / "documents.jsonl").open(encoding="utf-8"):
                d = json.loads(line)
                if d["compartment"] == split:
                    keep = ("id", "text", "title", "date", "source")
                    out.write(json.dumps({k: d.get(k) for k in keep}) + "\n")
        started = time.perf_counter()
        build([inputs], Path(tmp) / "out")
        seconds = time.perf_counter() - started
        r = scorer.score(corpus, Path(tmp) / "out", split)
    print(f"PolNeAR {split}: {r['documents']} articles built in {seconds:.1f} s; "
          f"{r['predicted']} statements, {r['gold']} gold attributions")  # fmt: skip
    for kind, v in r["recall_by_source"].items():
        print(f"  source {kind:8} found {v['found']:5}/{v['gold']:5}")
    print(f"PolNeAR {split:9} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")


def bbc(args) -> None:
    """The BBC set: build its articles and match the statements one to one."""
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    header, gold = json.loads(lines[0]), [json.loads(x) for x in lines[1:] if x.strip()]
    wanted = set(header["documents"])
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        with inputs.open("w", encoding="utf-8") as out:
            for line in args.corpus.open(encoding="utf-8"):
                if json.loads(line)["id"] in wanted:
                    out.write(line)
        started = time.perf_counter()
        build([inputs], Path(tmp) / "out")
        seconds = time.perf_counter() - started
        outdir = Path(tmp) / "out"
        statements = [json.loads(x) for x in (outdir / "statements.jsonl").open()]
        actors = {a["id"]: a for a in map(json.loads, (outdir / "actors.jsonl").open())}

    # One statement per (document, actor, span): several positions in one sentence
    # are one attribution.
    unique = {(s["doc"], s["actor_id"], s["start"], s["end"]): s for s in statements}
    statements = list(unique.values())

    def names_of(st: dict) -> set[str]:
        actor = actors.get(st["actor_id"], {})
        return {norm(st["actor"]), *map(norm, actor.get("aliases", []))}

    named = [g for g in gold if g["source"]]
    print(f"{len(wanted)} articles built in {seconds:.1f} s; {len(statements)} statements; "
          f"{len(gold)} gold attributions, {len(named)} with a named source")  # fmt: skip
    for label, with_source in (("spans", False), ("spans+source", True)):
        pairs = match(statements, gold, names_of, with_source)
        on_named = sum(1 for _, j in pairs if gold[j]["source"])
        on_unnamed = len(pairs) - on_named
        p, r, f = prf(on_named, len(statements) - on_unnamed, on_named, len(named))
        print(f"{label:13} P={p:.3f} R={r:.3f} F1={f:.3f}")
    if args.verbose:
        pairs = match(statements, gold, names_of, True)
        hit_s, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
        texts = {}
        for line in args.corpus.open(encoding="utf-8"):
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row["text"]
        by_doc = defaultdict(list)
        for j, g in enumerate(gold):
            if j not in hit_g and g["source"]:
                by_doc[g["doc"]].append(
                    f"  missed {g['source']}: {texts[g['doc']][g['start'] : g['end']][:90]!r}"
                )
        for i, s in enumerate(statements):
            if i not in hit_s:
                by_doc[s["doc"]].append(
                    f"  wrong  {s['actor']} ({s['polarity']}): {s['evidence'][:90]!r}"
                )
        for doc in sorted(by_doc):
            print(doc)
            print("\n".join(by_doc[doc]))


if __name__ == "__main__":
    sys.exit(main())
