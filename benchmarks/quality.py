"""Dev-set report: build a dev set and score it against its hand-made gold.

    python benchmarks/quality.py                  # every dev set below
    python benchmarks/quality.py seeds ungd       # some of them
    python benchmarks/quality.py --model NAME --embeddings off

Dev sets:

- ``seeds``: the two seed articles against ``../shared/eval/seeds.gold.json``
  (default catalogue);
- ``ungd``: twelve UN General Debate speeches (2022-2024) against a six-concept
  catalogue of whole claims, ``benchmarks/data/ungd-positions.ttl``, gold in
  ``benchmarks/data/ungd.gold.json`` (speakers speak in the first person, as in
  testimony).

Prints the scorer's report for each and one summary line per set. The scorer
and the corpora live in ``../shared/`` (read-only, not part of this repository).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stancegraph.extract.nlp import DEFAULT_MODEL
from stancegraph.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "benchmarks" / "data"
SCORER = SHARED / "eval" / "score.py"


def ungd_inputs(tmp: Path) -> list[Path]:
    """The gold's speeches, cut out of the UN General Debate corpus."""
    ids = set(json.loads((DATA / "ungd.gold.json").read_text())["documents"])
    path = tmp / "ungd.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for line in (SHARED / "corpus" / "ungdc_2017_2024" / "articles.jsonl").open():
            if json.loads(line)["id"] in ids:
                out.write(line)
    return [path]


#: name -> (gold file, function giving the inputs, positions catalogue or None)
DEV_SETS = {
    "seeds": (SHARED / "eval" / "seeds.gold.json", lambda tmp: [ROOT / "seeds"], None),
    "ungd": (DATA / "ungd.gold.json", ungd_inputs, DATA / "ungd-positions.ttl"),
}


def score(name: str, model: str, embeddings: bool | None, verbose: bool) -> str:
    gold, inputs, positions = DEV_SETS[name]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        started = time.perf_counter()
        report = build(inputs(Path(tmp)), out, model=model, positions=positions,
                       embeddings=embeddings)  # fmt: skip
        seconds = time.perf_counter() - started
        result = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(out)], text=True, capture_output=True
        )
    lines = result.stdout.splitlines()
    if verbose:
        print(f"== {name}: {report.documents} documents in {seconds:.1f} s")
        print("\n".join(lines[:-1]))
    return f"{name:6} {lines[-1]}  ({report.documents} documents, {seconds:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", choices=[[], *DEV_SETS], default=[])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--embeddings", choices=("auto", "on", "off", "static"), default="auto")
    parser.add_argument("-q", "--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args()
    embeddings = {"auto": None, "on": True, "off": False, "static": "static"}[args.embeddings]
    summary = [score(s, args.model, embeddings, not args.quiet) for s in args.sets or DEV_SETS]
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
