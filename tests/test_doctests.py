"""Every docstring example in the package runs, on the package as imported (not a second
copy of its files, which would register spaCy components twice)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"stancegraph": "stancegraph", "extract": "stancegraph.extract",
           "graph": "stancegraph.graph", "ontology": "stancegraph.ontology",
           "stancegraph/review": "stancegraph.review"}  # fmt: skip
MODULES = sorted(
    f"{package}.{path.stem}" if path.stem != "__init__" else package
    for folder, package in FOLDERS.items()
    for path in (ROOT / folder).glob("*.py")
)


def test_every_module_is_found():
    assert "stancegraph.extract.polarity" in MODULES and "stancegraph.graph.schema" in MODULES
    assert "stancegraph.review.curation_file" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
