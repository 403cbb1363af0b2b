"""The tabular view: actors, statements, relations, positions and documents as JSON Lines.

These files are the contract with ``eval/score.py`` and with users' own
scripts (``pandas.read_json(path, lines=True)``). :func:`read_tables` reads
them back into an :class:`~stancegraph.extract.records.Extraction`, so that a
build can be viewed again without re-reading its documents::

    G = build_graph(read_tables("out/"))

Documents come back without their text (the tables do not hold it).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path

from stancegraph.errors import InputError
from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.schema import record_from_claim, record_from_evidence, record_from_node

__all__ = ["write_jsonl", "write_tables", "read_tables", "extraction_from_graph", "TABLES"]

#: file name -> function giving the rows of that table
TABLES = {
    "actors.jsonl": lambda x: (dataclasses.asdict(a) for a in x.actors),
    "statements.jsonl": lambda x: _statement_rows(x),
    "relations.jsonl": lambda x: (dataclasses.asdict(r) for r in x.relations),
    "positions.jsonl": lambda x: (dataclasses.asdict(p) for p in x.positions),
    "documents.jsonl": lambda x: _document_rows(x),
}
#: what each document row holds besides ``mentions`` (actor id -> how often it is mentioned):
#: the document's metadata, not its text
DOCUMENT_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Document)
    if f.name not in ("text", "original", "offsets", "path")
)


def _statement_rows(extraction: Extraction) -> Iterable[dict]:
    wikidata = {a.id: a.wikidata for a in extraction.actors}
    for st in extraction.statements:
        row = dataclasses.asdict(st)
        row["actor_wikidata"] = wikidata.get(st.actor_id)
        yield row


def _document_rows(extraction: Extraction) -> Iterable[dict]:
    mentions: dict[str, dict[str, int]] = {}
    for (doc_id, actor_id), count in sorted(extraction.mentions.items()):
        mentions.setdefault(doc_id, {})[actor_id] = count
    for doc in extraction.documents:
        row = {name: getattr(doc, name) for name in DOCUMENT_FIELDS}
        yield row | {"mentions": mentions.get(doc.id, {})}


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


#: file name -> (record class, Extraction attribute) of the tables read back
_RECORDS = {
    "actors.jsonl": (Actor, "actors"),
    "statements.jsonl": (Statement, "statements"),
    "relations.jsonl": (Relation, "relations"),
    "positions.jsonl": (Position, "positions"),
}


def read_tables(outdir: str | Path) -> Extraction:
    """Read a build's tables back (the inverse of :func:`write_tables`).

    Columns that records do not hold (``actor_wikidata``) are ignored. A build
    written before ``documents.jsonl`` existed gets bare documents named by its
    statements and relations, and no mention counts. Raises
    :class:`~stancegraph.errors.InputError` (one line, ``PATH:LINE: problem``)
    on a missing table or a bad row.
    """
    outdir = Path(outdir)
    extraction = Extraction()
    for name, (record, attribute) in _RECORDS.items():
        path = outdir / name
        if not path.is_file():
            raise InputError(f"{outdir}: not a stancegraph build (no {name})")
        rows = (_record(record, row, where) for row, where in _read_jsonl(path))
        setattr(extraction, attribute, list(rows))
    path = outdir / "documents.jsonl"
    if path.is_file():
        for row, where in _read_jsonl(path):
            mentions = row.get("mentions") or {}
            doc = _record(Document, {k: row.get(k) for k in DOCUMENT_FIELDS} | _NO_TEXT, where)
            extraction.documents.append(doc)
            for actor_id, count in mentions.items():
                extraction.mentions[doc.id, actor_id] = int(count)
    else:
        ids = [r.doc for r in (*extraction.statements, *extraction.relations)]
        extraction.documents = [Document(doc_id, **_NO_TEXT) for doc_id in dict.fromkeys(ids)]
    return extraction


_NO_TEXT = {"text": "", "original": "", "offsets": (0,)}


def extraction_from_graph(G) -> Extraction:
    """The records of a stance graph (the inverse of ``build_graph``), so that a
    graph read back from a store gets the same tables as a build."""
    extraction = Extraction()
    labels = {n: d.get("label") for n, d in G.nodes(data=True)}
    lists = {"actor": extraction.actors, "position": extraction.positions,
             "document": extraction.documents}  # fmt: skip
    for node, d in sorted(G.nodes(data=True)):
        lists[d["kind"]].append(record_from_node(d["kind"], node.split(":", 1)[1], d))
    for u, v, d in sorted(
        G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))
    ):
        ulocal, vlocal = u.split(":", 1)[1], v.split(":", 1)[1]
        if d["kind"] == "mentions":
            extraction.mentions[ulocal, vlocal] = int(d.get("count") or 1)
        elif d["kind"] == "stance":
            extraction.statements.extend(
                record_from_evidence(
                    "stance",
                    d,
                    ev,
                    actor=labels[u],
                    actor_id=ulocal,
                    position=labels[v],
                    position_id=vlocal,
                )  # fmt: skip
                for ev in d["evidence"]
            )
        elif d["kind"] == "role":
            extraction.relations.extend(
                record_from_evidence(
                    "role",
                    d,
                    ev,
                    subject=labels[u],
                    subject_id=ulocal,
                    object=labels[v],
                    object_id=vlocal,
                )  # fmt: skip
                for ev in d["evidence"]
            )
    extraction.statements.extend(record_from_claim(c) for c in G.graph.get("claims", ()))
    extraction.statements.sort(key=lambda s: (s.doc, s.start, s.cue_start, s.actor_id))
    extraction.relations.sort(key=lambda r: (r.doc, r.start, r.subject_id))
    return extraction


def _read_jsonl(path: Path) -> Iterable[tuple[dict, str]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}:{n}: not JSON ({err.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{n}: a row must be a JSON object")
            yield row, f"{path}:{n}"


def _record(record: type, row: dict, where: str):
    """A record from a row: unknown columns ignored, lists back to tuples."""
    names = {f.name for f in dataclasses.fields(record)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items() if k in names}
    try:
        return record(**values)
    except TypeError as err:
        raise InputError(f"{where}: {err}") from None
