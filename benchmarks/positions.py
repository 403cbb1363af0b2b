"""Position quality on real news: do positions name issues that several actors take sides on?

    python benchmarks/positions.py [--every 8] [--start 5] [--seed 1] [--sample 30]

Builds a sample of the BBC politics articles of ``../shared/corpus/bbc_news_2225``
(every eighth from the sixth: 52 articles) and prints:

- statements, how many take a side (support or oppose) and the share that is neutral;
- positions, and positions per stance (lower is better: positions shared by statements);
- the share of positions two or more actors take a side on;
- the positions most actors take sides on, with who is for and against;
- a random sample of position labels, to read whether they name issues.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from stancegraph.pipeline import build

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_news_2225"


def sample(every: int, start: int, path: Path) -> int:
    rows = [json.loads(line) for line in (CORPUS / "articles.jsonl").open(encoding="utf-8")]
    politics = [r for r in rows if r["category"] == "politics"][start::every]
    with path.open("w", encoding="utf-8") as out:
        for row in politics:
            out.write(json.dumps(row) + "\n")
    return len(politics)


def report(outdir: Path, seed: int, size: int) -> dict:
    statements = [json.loads(line) for line in (outdir / "statements.jsonl").open()]
    positions = {p["id"]: p for p in map(json.loads, (outdir / "positions.jsonl").open())}
    sides = [s for s in statements if s["polarity"] in ("support", "oppose")]
    held = defaultdict(lambda: defaultdict(set))
    for s in sides:
        held[s["position_id"]][s["polarity"]].add(s["actor"])
    taken = [p for p in positions if p in held]
    shared = [p for p in taken if len(held[p]["support"] | held[p]["oppose"]) >= 2]
    result = {
        "statements": len(statements),
        "stances": len(sides),
        "neutral_share": round(1 - len(sides) / len(statements), 3) if statements else 0.0,
        "positions": len(taken),
        "positions_per_stance": round(len(taken) / len(sides), 3) if sides else 0.0,
        "shared_share": round(len(shared) / len(taken), 3) if taken else 0.0,
    }
    ranked = sorted(taken, key=lambda p: -len(held[p]["support"] | held[p]["oppose"]))
    result["most_contested"] = [
        (positions[p]["label"], sorted(held[p]["support"]), sorted(held[p]["oppose"]))
        for p in ranked[:15]
    ]
    labels = sorted(positions[p]["label"] for p in taken)
    result["labels"] = random.Random(seed).sample(labels, min(size, len(labels)))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=8)
    parser.add_argument("--start", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "politics.jsonl"
        n = sample(args.every, args.start, path)
        out = args.keep or Path(tmp) / "out"
        build([path], out)
        r = report(out, args.seed, args.sample)
    print(f"{n} BBC politics articles")
    print(f"statements {r['statements']}, taking a side {r['stances']}, "
          f"neutral {r['neutral_share']:.1%}")  # fmt: skip
    print(f"positions {r['positions']}, per stance {r['positions_per_stance']:.2f}, "
          f"taken by two or more actors {r['shared_share']:.1%}")  # fmt: skip
    print("positions most actors take sides on (for | against):")
    for label, pro, con in r["most_contested"]:
        print(f"  {label}: {', '.join(pro) or '-'} | {', '.join(con) or '-'}")
    print(f"{len(r['labels'])} random position labels:")
    for label in r["labels"]:
        print(f"  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
