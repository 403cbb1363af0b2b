"""The tabular view: actors, statements, relations, positions and documents as JSON Lines.

These files are the contract with ``eval/score.py`` and with users' own
scripts (``pandas.read_json(path, lines=True)``). :func:`read_tables` reads
them back into an :class:`~stancegraph.extract.records.Extraction`, so that a
build can be viewed again without re-reading its documents::

    G = build_graph(read_tables("out/"))

Documents come back without their text (the tables do not hold it).

A large corpus need not be held in memory to be tabled or viewed:
:func:`stream_tables` writes the tables document by document, and
:class:`TableStream` reads them back as an extraction whose statements and
relations are read from the files each time they are iterated (for
``build_graph``, the exports and :func:`~stancegraph.graph.html.page_graph`).
What both hold is the actors, the positions, the documents' metadata and the
mention counts: rows of the corpus-level index and of its documents, not of
its statements.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from stancegraph.errors import InputError
from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.io import atomic_writer
from stancegraph.graph.schema import record_from_claim, record_from_evidence, record_from_node

__all__ = [
    "TABLES",
    "TableStream",
    "extraction_from_graph",
    "read_tables",
    "stream_tables",
    "write_jsonl",
    "write_tables",
]

#: file name -> function giving the rows of that table
TABLES = {
    "actors.jsonl": lambda x: (_row(a) for a in x.actors),
    "statements.jsonl": lambda x: _statement_rows(x),
    "relations.jsonl": lambda x: (_row(r) for r in x.relations),
    "positions.jsonl": lambda x: (_row(p) for p in x.positions),
    "documents.jsonl": lambda x: _document_rows(x),
}
#: what each document row holds besides ``mentions`` (actor id -> how often it is mentioned):
#: the document's metadata, not its text
DOCUMENT_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Document)
    if f.name not in ("text", "original", "offsets", "path")
)


def _row(record) -> dict:
    """A record's fields (all flat: strings, numbers, tuples of strings), as
    ``dataclasses.asdict`` gives them without its deep copy."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _statement_rows(extraction: Extraction, wikidata: dict | None = None) -> Iterable[dict]:
    if wikidata is None:
        wikidata = {a.id: a.wikidata for a in extraction.actors}
    for st in extraction.statements:
        row = _row(st)
        row["actor_wikidata"] = wikidata.get(st.actor_id)
        yield row


def _document_rows(extraction: Extraction) -> Iterable[dict]:
    mentions: dict[str, dict[str, int]] = {}
    for (doc_id, actor_id), count in sorted(extraction.mentions.items()):
        mentions.setdefault(doc_id, {})[actor_id] = count
    for doc in extraction.documents:
        row = {name: getattr(doc, name) for name in DOCUMENT_FIELDS}
        yield row | {"mentions": mentions.get(doc.id, {})}


def _write_row(f, row: dict) -> None:
    f.write(json.dumps(row, ensure_ascii=False, sort_keys=False))
    f.write("\n")


def write_jsonl(rows: Iterable[dict], path: str | Path) -> int:
    """Write rows as JSON Lines atomically; return how many were written."""
    n = 0
    with atomic_writer(path) as f:
        for row in rows:
            _write_row(f, row)
            n += 1
    return n


def write_tables(extraction: Extraction, outdir: str | Path) -> dict[str, int]:
    """Write every table into ``outdir``; return row counts by file name."""
    outdir = Path(outdir)
    return {name: write_jsonl(rows(extraction), outdir / name) for name, rows in TABLES.items()}


def stream_tables(
    documents: Iterable[Extraction],
    actors: Iterable[Actor],
    positions: Iterable[Position],
    outdir: str | Path,
) -> dict[str, int]:
    """Write every table into ``outdir`` from a corpus given document by document
    (each an :class:`Extraction` of one document under the corpus-level decisions, as
    :meth:`stancegraph.corpus.Corpus.documents` gives them); return row counts.

    The files are the same, byte for byte, as :func:`write_tables` of the whole
    extraction at once, but only one document's records are held at a time. Each
    table is written to a temporary file beside it and renamed into place when
    all are written: a build that fails or is killed on the way leaves the
    tables that were there.
    """
    outdir = Path(outdir)
    actors, positions = list(actors), list(positions)
    wikidata = {a.id: a.wikidata for a in actors}
    counts = dict.fromkeys(TABLES, 0)
    with contextlib.ExitStack() as stack:
        files = {name: stack.enter_context(atomic_writer(outdir / name)) for name in TABLES}
        for name, rows in (("actors.jsonl", actors), ("positions.jsonl", positions)):
            for record in rows:
                _write_row(files[name], _row(record))
                counts[name] += 1
        for x in documents:
            per_document = {
                "statements.jsonl": _statement_rows(x, wikidata),
                "relations.jsonl": TABLES["relations.jsonl"](x),
                "documents.jsonl": _document_rows(x),
            }
            for name, rows in per_document.items():
                for row in rows:
                    _write_row(files[name], row)
                    counts[name] += 1
    return counts


class TableStream:
    """A build's tables as an :class:`Extraction` that reads its statements and relations
    from the files each time they are iterated (see the module docstring).

    Actors, positions, documents (without their text) and mention counts are read
    once; a view that goes through the statements one by one
    (:func:`~stancegraph.graph.build.build_graph`, the exports) holds none of them.
    Raises :class:`~stancegraph.errors.InputError` on a missing table.
    """

    def __init__(self, outdir: str | Path):
        self.outdir = Path(outdir)
        for name in _RECORDS:
            if not (self.outdir / name).is_file():
                raise InputError(f"{self.outdir}: not a stancegraph build (no {name})")

    @cached_property
    def actors(self) -> list[Actor]:
        return list(self._records("actors.jsonl", Actor))

    @cached_property
    def positions(self) -> list[Position]:
        return list(self._records("positions.jsonl", Position))

    @property
    def statements(self) -> Iterable[Statement]:
        return _Reread(lambda: self._records("statements.jsonl", Statement))

    @property
    def relations(self) -> Iterable[Relation]:
        return _Reread(lambda: self._records("relations.jsonl", Relation))

    @cached_property
    def documents(self) -> list[Document]:
        return self._documents_and_mentions[0]

    @cached_property
    def mentions(self) -> dict[tuple[str, str], int]:
        return self._documents_and_mentions[1]

    @cached_property
    def _documents_and_mentions(self) -> tuple[list[Document], dict[tuple[str, str], int]]:
        documents, mentions = [], {}
        if not (self.outdir / "documents.jsonl").is_file():  # a build from before the table
            ids = [r.doc for rows in (self.statements, self.relations) for r in rows]
            return [Document(doc_id, **_NO_TEXT) for doc_id in dict.fromkeys(ids)], mentions
        for row, where in _read_jsonl(self.outdir / "documents.jsonl"):
            doc = _record(Document, {k: row.get(k) for k in DOCUMENT_FIELDS} | _NO_TEXT, where)
            documents.append(doc)
            for actor_id, count in (row.get("mentions") or {}).items():
                mentions[doc.id, actor_id] = int(count)
        return documents, mentions

    def _records(self, name: str, record: type) -> Iterator:
        for row, where in _read_jsonl(self.outdir / name):
            yield _record(record, row, where)


class _Reread:
    """An iterable that calls ``make`` for a new iterator each time it is iterated."""

    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return iter(self.make())


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
            on_actor = G.nodes[v]["kind"] == "actor"  # a stance on an actor
            extraction.statements.extend(
                record_from_evidence(
                    "stance",
                    d,
                    ev,
                    actor=labels[u],
                    actor_id=ulocal,
                    position=labels[v],
                    position_id="" if on_actor else vlocal,
                    target_id=vlocal if on_actor else "",
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
