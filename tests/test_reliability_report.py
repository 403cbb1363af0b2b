"""The reliability report (benchmarks/reliability.py) runs its cases and says how each went."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "reliability.py"


def report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)  # fmt: skip


def test_reliability_report_prints_one_line_per_case():
    done = report("-k", "unknown_model_is_one_line_error or bad_positions_file")
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[-1] == "all cases passed"
    assert len(lines) == 3
    assert all(line.startswith("passed   cli/test_cli.py::") for line in lines[:2])


def test_reliability_report_fails_when_no_case_ran():
    done = report("-k", "no_case_has_this_name")
    assert done.returncode != 0
    assert done.stdout.strip().splitlines()[-1] == "pytest stopped (exit 5)"  # nothing ran
