"""The tabular view: actors, statements, relations and positions as JSON Lines.

These files are the contract with ``eval/score.py`` and with users' own
scripts (``pandas.read_json(path, lines=True)``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path

from stancegraph.extract.records import Extraction
from stancegraph.graph.io import atomic_writer

__all__ = ["write_jsonl", "write_tables", "TABLES"]

#: file name -> function giving the rows of that table
TABLES = {
    "actors.jsonl": lambda x: (dataclasses.asdict(a) for a in x.actors),
    "statements.jsonl": lambda x: _statement_rows(x),
    "relations.jsonl": lambda x: (dataclasses.asdict(r) for r in x.relations),
    "positions.jsonl": lambda x: (dataclasses.asdict(p) for p in x.positions),
}


def _statement_rows(extraction: Extraction) -> Iterable[dict]:
    wikidata = {a.id: a.wikidata for a in extraction.actors}
    for st in extraction.statements:
        row = dataclasses.asdict(st)
        row["actor_wikidata"] = wikidata.get(st.actor_id)
        yield row


def write_jsonl(rows: Iterable[dict], path: str | Path) -> int:
    """Write rows as JSON Lines atomically; return how many were written."""
    n = 0
    with atomic_writer(path) as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=False))
            f.write("\n")
            n += 1
    return n


def write_tables(extraction: Extraction, outdir: str | Path) -> dict[str, int]:
    """Write every table into ``outdir``; return row counts by file name."""
    outdir = Path(outdir)
    return {name: write_jsonl(rows(extraction), outdir / name) for name, rows in TABLES.items()}
