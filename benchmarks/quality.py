"""Dev-set report: build the seed articles and score them against the hand-made gold.

    python benchmarks/quality.py [--gold ../shared/eval/seeds.gold.json] [--model NAME]

Prints the scorer's report and one summary line. The gold and scorer live in
``../shared/eval/`` (read-only, not part of this repository).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stancegraph.extract.nlp import DEFAULT_MODEL

from stancegraph.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "seeds.gold.json")
    parser.add_argument("--scorer", type=Path, default=SHARED / "score.py")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = build([args.seeds], out, model=args.model)
        seconds = time.perf_counter() - started
        print(f"built {report.documents} documents in {seconds:.1f} s with {args.model}")
        result = subprocess.run(
            [sys.executable, str(args.scorer), str(args.gold), out], text=True, capture_output=True
        )
        print(result.stdout, end="")
        print(result.stderr, end="", file=sys.stderr)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
