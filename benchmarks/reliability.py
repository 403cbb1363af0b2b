"""Reliability report: every hostile-input, crash, concurrency and safety case, one line each.

    python benchmarks/reliability.py [-x]

Runs the reliability cases of the test suite (``tests/reliability``, the
endpoint's hardening, the escaping of untrusted text in HTML and RDF, the
hostile-name page in headless Chromium) and prints, for each case, ``passed``
or what happened. Exit status 0 when every case passed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = [
    "tests/reliability",
    "tests/graph/test_serve.py",
    "tests/graph/test_store.py",
    "tests/graph/test_rdf.py::test_rdf_hostile_literals_survive_every_format",
    "tests/graph/test_html.py",
    "tests/graph/test_html_browser.py",
    "tests/extract/test_documents.py",
    "tests/cli/test_cli.py",
    "tests/cli/test_cli_views.py::test_cli_bad_curation_file_is_one_line_error",
]


class Report:
    def __init__(self) -> None:
        self.failed = 0

    def pytest_runtest_logreport(self, report) -> None:
        if report.when != "call" and not (report.failed or report.skipped):
            return
        name = report.nodeid.replace("tests/", "")
        if report.passed:
            print(f"passed   {name}")
        elif report.skipped:
            self.failed += 1
            print(f"SKIPPED  {name}: {report.longrepr[-1] if report.longrepr else ''}")
        else:
            self.failed += 1
            message = str(report.longrepr).strip().splitlines()[-1][:160]
            print(f"FAILED   {name} ({report.when}): {message}")


def main() -> int:
    report = Report()
    # the project's addopts (-q) need the terminal reporter, which this report replaces
    args = ["-o", "addopts=", "--import-mode=importlib", "-p", "no:terminal", "-p", "no:warnings"]
    code = pytest.main([*args, *sys.argv[1:], *(str(ROOT / c) for c in CASES)], plugins=[report])
    if code == 0 and not report.failed:
        print("all cases passed")
    else:
        print(f"{report.failed} failed" if report.failed else f"pytest stopped (exit {code})")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
