"""A corpus as it is built: each document's records kept, the corpus-level index over them,
and an RDF store kept in line with both, batch by batch.

:meth:`Corpus.commit` takes a batch of extracted documents
(:class:`~stancegraph.extract.assemble.DocumentResult`, actors under
document-level keys) and, in one SQLite transaction, keeps their records, the
references each makes to corpus-level decisions, and the entries of the
:class:`~stancegraph.extract.index.CorpusIndex` they changed; then it decides
again (:meth:`~stancegraph.extract.index.CorpusIndex.decide`) and writes into
the RDF store the graphs of the new documents, the graphs of the documents
committed before whose records a changed decision touches (a name that became
an actor, a surname that now joins a full name, two positions merged), and
the descriptions of the actors and positions that changed. So a document is
committed once its batch is, and the store always shows what a build of every
committed document at once would show.

The records are kept in ``stancegraph.sqlite`` inside the store's folder (beside
Oxigraph's own files), not in the RDF: they are the document as the extractor
left it, actors under document-level keys, which no query should see, and
SQLite gives the transactions, the look-up of one document's records and of
the documents that name a key that re-expressing needs, in the standard
library. The RDF is derived from them: what a commit is about to write is
noted in the same transaction (``pending``) and cleared when it is written, so
a build killed between the two writes it when the store is opened again
(:meth:`Corpus.open`). The decisions the RDF store shows are kept too
(``shown``: each key's actor, each new position's merge, a digest of each
description), so that a build killed after a commit changed a decision, and
before the store was brought up to date, has the documents it touches
written again when the store is next opened. A build into files only keeps the records in a
temporary database the same way and writes the views from it at the end.

What stays in memory is the index (names, their counts and surface forms; new
positions, their terms and labels) and the decisions taken from it; the
statements, relations and mentions of committed documents are on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from stancegraph.errors import StancegraphError
from stancegraph.extract.assemble import DocumentResult
from stancegraph.extract.index import (
    CorpusIndex,
    Decisions,
    combine_parts,
    express,
    references,
    result_from_json,
    result_to_json,
)
from stancegraph.extract.records import Actor, Extraction, Position
from stancegraph.graph.rdf import actor_iri, position_iri
from stancegraph.graph.store import BATCH_QUADS, description_quads, document_quads, replace_graphs

__all__ = ["Corpus", "CommitReport", "INDEX_FILE", "options_of"]

#: the records and index of a store, in its folder
INDEX_FILE = "stancegraph.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, hash TEXT,
    result BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS uses (ref TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (ref, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uses_by_doc ON uses (doc);
CREATE TABLE IF NOT EXISTS entries (ref TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending (ref TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shown (ref TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
#: SQLite's limit on the values of one statement, with room to spare
_CHUNK = 500
#: the RDF store is brought up to date after a commit unless doing so last time took more
#: than this share of the time since: deciding again grows with the corpus (0.5 s for the
#: names and positions of 2,000 BBC articles), so commits of a large corpus bring it up to
#: date every few batches, and the build's end always does
REFRESH_SHARE = 0.1
#: the RDF store's write buffers are flushed to disk after this many quads: Oxigraph's
#: (RocksDB's) buffers otherwise grow with the store (1.2 M quads: 1 GB unflushed, 0.12 GB
#: flushed every 100,000), and the build's memory with them
FLUSH_QUADS = 100_000


@dataclass
class CommitReport:
    """What the commits of a build did."""

    documents_added: int = 0
    documents_replaced: int = 0
    #: documents committed before whose graphs a later decision changed
    documents_reexpressed: int = 0
    commits: int = 0
    #: times the RDF store was brought up to date
    refreshes: int = 0


class Corpus:
    """The committed documents' records, the corpus-level index over them and, if given,
    the RDF store that shows them (see the module docstring)."""

    def __init__(
        self,
        db: sqlite3.Connection,
        index: CorpusIndex,
        rdf: ox.Store | None = None,
        *,
        where: str = "",
    ):
        self.db = db
        self.index = index
        self.rdf = rdf
        self.where = where
        self.report = CommitReport()
        #: see :data:`REFRESH_SHARE`; 0: the store is brought up to date only on :meth:`refresh`
        self.refresh_share = REFRESH_SHARE
        for ref, value in db.execute("SELECT ref, value FROM entries"):
            index.load_entry(ref, json.loads(value))
        #: what the RDF store shows of the decisions (see :func:`_shown`)
        self._shown: dict[str, str] = dict(db.execute("SELECT ref, value FROM shown"))
        #: records committed since the RDF store was last brought up to date
        self._fresh: dict[str, DocumentResult] = {}
        #: when the RDF store is next brought up to date
        self._due = 0.0
        #: quads written since the RDF store's buffers were last flushed
        self._unflushed = 0
        self.decisions = Decisions()
        #: the number of commits when the decisions were last taken
        self._decided_after = -1
        self._decide_and_note()
        self._write_pending()

    @classmethod
    def open(
        cls,
        path: str | Path,
        index: CorpusIndex,
        rdf: ox.Store | None = None,
        *,
        options: dict | None = None,
    ) -> Corpus:
        """The corpus kept at ``path`` (an SQLite file, made if missing), with the RDF store
        it is shown in; what a killed build left unwritten is written first.

        ``options`` are what the index's decisions depend on (the catalogue,
        matching by meaning): a corpus built with others is refused, in one line.
        """
        path = Path(path)
        where = str(path.parent if path.name == INDEX_FILE else path)
        fresh = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.executescript(_SCHEMA)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        except (OSError, sqlite3.Error) as err:
            raise StancegraphError(f"{path}: cannot open the store's index: {err}") from None
        if fresh and rdf is not None and next(iter(rdf.named_graphs()), None) is not None:
            db.close()
            path.unlink(missing_ok=True)
            raise StancegraphError(
                f"{where}: this store has no {INDEX_FILE} (an older stancegraph built it, or the "
                f"file was removed); build into a new store"
            )
        _check_options(db, options or {}, where)
        return cls(db, index, rdf, where=where)

    def close(self) -> None:
        self.db.close()

    # ---- what is there ------------------------------------------------------------------------

    def hash_of(self, doc_id: str) -> str | None:
        """The content hash of a committed document (None: not committed)."""
        row = self.db.execute("SELECT hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row is not None else None

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def results(self, *, by_id: bool = False) -> Iterator[DocumentResult]:
        """Every committed document's records, in the order they were committed (or by id)."""
        order = "id" if by_id else "seq"
        for (blob,) in self.db.execute(f"SELECT result FROM documents ORDER BY {order}"):  # noqa: S608
            yield _decoded(blob)

    def documents(self, *, by_id: bool = False) -> Iterator[Extraction]:
        """Every committed document expressed under the current decisions."""
        for result in self.results(by_id=by_id):
            yield express(result, self.decisions)

    def extraction(self, *, by_id: bool = False) -> Extraction:
        """The whole corpus in one :class:`~stancegraph.extract.records.Extraction`."""
        out = Extraction(
            actors=list(self.decisions.actors.values()),
            positions=list(self.decisions.positions.values()),
        )
        for x in self.documents(by_id=by_id):
            out.documents.extend(x.documents)
            out.statements.extend(x.statements)
            out.relations.extend(x.relations)
            out.mentions.update(x.mentions)
        return out

    # ---- committing ---------------------------------------------------------------------------

    def commit(self, results: Iterable[DocumentResult]) -> None:
        """Commit a batch of extracted documents (see the module docstring): their records
        and the index's entries at once, then the RDF store if it is due."""
        records = list(combine_parts(results))
        if not records:
            return
        touched: set[str] = set()
        rows = []
        for r in records:
            previous = self._result(r.document.id)
            if previous is not None:
                touched |= self.index.add(previous, -1)
                self.report.documents_replaced += 1
            else:
                self.report.documents_added += 1
            touched |= self.index.add(r)
            rows.append((r, _encoded(r)))
        with _transaction(self.db):
            for r, blob in rows:
                doc = r.document
                self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
                self.db.execute(
                    "INSERT INTO documents (id, hash, result) VALUES (?, ?, ?)",
                    (doc.id, doc.content_hash, blob),
                )
                self.db.execute("DELETE FROM uses WHERE doc = ?", (doc.id,))
                self.db.executemany(
                    "INSERT OR IGNORE INTO uses (ref, doc) VALUES (?, ?)",
                    ((ref, doc.id) for ref in sorted(references(r))),
                )
            for ref in sorted(touched):
                value = self.index.entry_json(ref)
                if value is None:
                    self.db.execute("DELETE FROM entries WHERE ref = ?", (ref,))
                else:
                    self.db.execute(
                        "INSERT OR REPLACE INTO entries (ref, value) VALUES (?, ?)",
                        (ref, json.dumps(value, ensure_ascii=False)),
                    )
            self._note({f"d:{r.document.id}" for r in records})
        self.report.commits += 1
        if self.rdf is not None:
            self._fresh.update((r.document.id, r) for r, _ in rows)
            if self.refresh_share and time.monotonic() >= self._due:
                self.refresh()

    def refresh(self) -> None:
        """Decide again, and bring the RDF store up to date: the documents committed since
        the last time, those a changed decision touches, the descriptions that changed."""
        if self.report.commits == self._decided_after:
            return  # nothing committed since the decisions were taken and the store written
        if self.rdf is None:
            self.decisions = self.index.decide()
            self._decided_after = self.report.commits
            return
        started = time.monotonic()
        self._decide_and_note()
        self._write_pending()
        self._fresh = {}
        finished = time.monotonic()
        if self.refresh_share:
            self._due = finished + (finished - started) * (1 / self.refresh_share - 1)
        self.report.refreshes += 1

    def _decide_and_note(self) -> None:
        """Decide again and note (with the decisions now shown) what the RDF store is to be
        brought up to date on: the documents a changed decision touches, the descriptions."""
        self.decisions = self.index.decide()
        self._decided_after = self.report.commits
        if self.rdf is None:
            return
        new = _shown(self.decisions)
        changed = {ref for ref in new.keys() | self._shown.keys()
                   if new.get(ref) != self._shown.get(ref)}  # fmt: skip
        if not changed:
            return
        documents = self._documents_using({ref for ref in changed if ref[0] in "ap"})
        self.report.documents_reexpressed += len(documents - self._fresh.keys())
        with _transaction(self.db):
            self._note({f"d:{d}" for d in documents} | {ref for ref in changed if ref[0] in "AP"})
            for ref in sorted(changed):
                if ref in new:
                    self.db.execute(
                        "INSERT OR REPLACE INTO shown (ref, value) VALUES (?, ?)", (ref, new[ref])
                    )
                else:
                    self.db.execute("DELETE FROM shown WHERE ref = ?", (ref,))
        self._shown = new

    def _written(self, quads: int) -> None:
        """Flush the RDF store's write buffers once :data:`FLUSH_QUADS` have been written."""
        self._unflushed += quads
        if self._unflushed >= FLUSH_QUADS:
            self.rdf.flush()
            self._unflushed = 0

    def _note(self, refs: set[str]) -> None:
        """Note (in the caller's transaction) what the RDF store is to be brought up to date on."""
        if self.rdf is not None:
            self.db.executemany(
                "INSERT OR IGNORE INTO pending (ref) VALUES (?)", ((p,) for p in sorted(refs))
            )

    def _result(self, doc_id: str) -> DocumentResult | None:
        row = self.db.execute("SELECT result FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return _decoded(row[0]) if row is not None else None

    def _documents_using(self, refs: set[str]) -> set[str]:
        refs_list = sorted(refs)
        out: set[str] = set()
        for i in range(0, len(refs_list), _CHUNK):
            chunk = refs_list[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT DISTINCT doc FROM uses WHERE ref IN ({marks})"  # noqa: S608
            out |= {doc for (doc,) in self.db.execute(query, chunk)}
        return out

    def _write_pending(self) -> None:
        """Write into the RDF store what the commits noted: documents' graphs, expressed
        under the current decisions, and descriptions of actors and positions."""
        if self.rdf is None:
            return
        pending = [ref for (ref,) in self.db.execute("SELECT ref FROM pending ORDER BY ref")]
        if not pending:
            return
        fresh = self._fresh
        d = self.decisions
        subjects, actors, positions = set(), [], []
        for ref in pending:
            kind, name = ref.split(":", 1)
            if kind == "A":
                subjects.add(actor_iri(name))
                actors.extend([d.actors[name]] if name in d.actors else [])
            elif kind == "P":
                concept = self.index.concepts.get(name)
                subjects.add(position_iri(name, concept.iri if concept else None))
                positions.extend([d.positions[name]] if name in d.positions else [])
        quads = description_quads(actors, positions) if actors or positions else []
        replace_graphs(self.rdf, (), subjects, quads)
        self._written(len(quads))
        doc_ids: list[str] = []
        quads = []
        for ref in pending:
            if not ref.startswith("d:"):
                continue
            doc_ids.append(ref[2:])
            result = fresh.get(ref[2:]) or self._result(ref[2:])
            if result is not None:  # else it is gone, and its graph only removed
                quads.extend(document_quads(express(result, d)))
            if len(quads) >= BATCH_QUADS:
                replace_graphs(self.rdf, doc_ids, (), quads)
                self._written(len(quads))
                doc_ids, quads = [], []
        if doc_ids:
            replace_graphs(self.rdf, doc_ids, (), quads)
            self._written(len(quads))
        with _transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE ref = ?", ((p,) for p in pending))


def _shown(d: Decisions) -> dict[str, str]:
    """What the RDF store shows of decisions, one value per reference: ``"a:<key>"`` the
    actor a key names, ``"p:<id>"`` the position a new one was merged into (each as
    :func:`~stancegraph.extract.index.changed_references` compares them), ``"A:<id>"`` /
    ``"P:<id>"`` a digest of an actor's or position's description (not its mention count)."""
    out = {f"a:{key}": actor for key, actor in d.actor_of.items()}
    out |= {f"p:{pid}": target for pid, target in d.position_of.items() if target != pid}
    for kind, records in (("A", d.actors), ("P", d.positions)):
        for key, record in records.items():
            digest = hashlib.blake2b(repr(_described(record)).encode(), digest_size=12)
            out[f"{kind}:{key}"] = digest.hexdigest()
    return out


def _described(record: Actor | Position) -> Actor | Position:
    return replace(record, mentions=0) if isinstance(record, Actor) else record


def _encoded(result: DocumentResult) -> bytes:
    return zlib.compress(json.dumps(result_to_json(result), ensure_ascii=False).encode("utf-8"))


def _decoded(blob: bytes) -> DocumentResult:
    return result_from_json(json.loads(zlib.decompress(blob)))


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _check_options(db: sqlite3.Connection, options: dict, where: str) -> None:
    """The options the index's decisions depend on are those the corpus was built with."""
    wanted = json.dumps(options, sort_keys=True)
    row = db.execute("SELECT value FROM meta WHERE name = 'options'").fetchone()
    has_documents = db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
    if row is not None and row[0] != wanted and has_documents:
        before = json.loads(row[0])
        differ = ", ".join(sorted(k for k in options.keys() | before.keys()
                                  if options.get(k) != before.get(k)))  # fmt: skip
        raise StancegraphError(
            f"{where}: built with other options ({differ}); build into a new store, "
            f"or with the options it was built with"
        )
    with _transaction(db):
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('options', ?)", (wanted,))


def options_of(positions: str | Path | None, embeddings: str) -> dict:
    """What a corpus's decisions depend on besides its documents: the catalogue of
    positions (by content) and the meaning it is matched by ("off", "static", "model")."""
    catalogue = None
    if positions is not None:
        catalogue = hashlib.blake2b(Path(positions).read_bytes(), digest_size=16).hexdigest()
    return {"positions": catalogue, "embeddings": embeddings}
