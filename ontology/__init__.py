"""Domain knowledge as data: gazetteer, cue lexicon, roles, positions, the OWL ontology."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["data_path", "load_json"]


def data_path(name: str) -> Path:
    """The path of a data file shipped in this package."""
    return Path(str(files(__name__).joinpath(name)))


@cache
def load_json(name: str) -> dict:
    """A JSON data file of this package, parsed once per process."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
