"""SPARQL on about a million triples: the Oxigraph store against rdflib's in-memory graph.

    python benchmarks/sparql.py [--statements 45000] [--timeout 60]

Makes a synthetic corpus in our ontology (documents, actors, positions and
statements with their evidence, about 19 quads a statement), writes it with
the same code as a build, then, in the same run:

- loads it into an on-disk Oxigraph store (what ``--store`` does) and into
  rdflib's default in-memory graph (from the same N-Quads file);
- runs every saved query of ``ontology/queries`` on both as an analyst does:
  bound the way its header says (one position's supporters, one actor's
  stances over time, the evidence for one actor on one position, who agrees or
  disagrees with one actor, who speaks for one body), the ranking of actors as it is;
- then, for scale, the one-position and one-actor queries unbound, over the
  whole corpus. (The pair queries unbound list every pair of actors that
  share a position: on this synthetic corpus, where a few positions are held
  by most of 900 actors, some 760,000 rows; they are left out.)

Both engines run the same query text (bindings go in as ``VALUES``, see
:func:`stancegraph.graph.query.with_values`). Prints the times and the ratios.
rdflib runs in a child process so that a query it cannot finish within
``--timeout`` seconds is stopped and reported as such (the ratio is then a
lower bound); loading may take ten times as long.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path

from stancegraph.extract.records import (
    Actor,
    Document,
    Extraction,
    Position,
    Relation,
    Statement,
)
from stancegraph.graph.build import build_graph
from stancegraph.graph.query import run_query, saved_queries, with_values
from stancegraph.graph.rdf import PREFIXES, to_quads, write_rdf
from stancegraph.graph.store import open_store, write_store

POLARITIES = ("support", "oppose", "neutral")
PREDICATES = ("demands", "rejects", "supports", "proposes", "says")


def synthetic(statements: int, seed: int = 1) -> Extraction:
    rng = random.Random(seed)
    n_docs, n_actors, n_positions = statements // 10, max(50, statements // 50), statements // 30
    text = "Some actor said something about some position on that day. " * 4
    docs = [Document(f"doc-{i}", text, text, tuple(range(len(text) + 1)), title=f"Report {i}",
                     date=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}")
            for i in range(n_docs)]  # fmt: skip
    types = ("Person", "Organization", "State", "Group")
    actors = [Actor(f"actor-{i}", f"Actor {i}", types[i % 4], (f"A{i}",), mentions=1)
              for i in range(n_actors)]  # fmt: skip
    positions = [Position(f"position-{i}", f"Position number {i}") for i in range(n_positions)]
    rows = []
    for _ in range(statements):
        doc, actor = rng.choice(docs), rng.choice(actors)
        position = positions[int(n_positions * rng.random() ** 3)]  # a few positions are common
        start = rng.randrange(0, 150)
        rows.append(Statement(doc.id, actor.label, actor.id, rng.choice(PREDICATES),
                              rng.choice(POLARITIES), position.label, position.id,
                              text[start:start + 60], start, start + 60, cue="said",
                              cue_start=start, cue_end=start + 4, date=doc.date,
                              confidence=round(rng.random(), 2)))  # fmt: skip
    # every person holds a role in an organisation or a state, read in 12 documents: role
    # assertions are 6 % of the statements, as in the UN corpus (2,215 to 35,521)
    people = [a for a in actors if a.type == "Person"]
    bodies = [a for a in actors if a.type in ("Organization", "State")]
    roles = ("leader_of", "spokesperson_of", "represents", "member_of")
    relations = [
        Relation(
            doc.id,
            person.label,
            person.id,
            roles[i % 4],
            body.label,
            body.id,
            text[:60],
            0,
            60,
            role="minister",
            date=doc.date,
        )
        for i, person in enumerate(people)
        for body in [bodies[i % len(bodies)]]
        for doc in rng.sample(docs, 12)
    ]
    mentions = {(s.doc, s.actor_id): 1 for s in rows}
    return Extraction(docs, actors, rows, relations, positions, mentions)


#: each saved query as analysts use it: name -> (saved query, bindings)
AS_USED = {
    "supporters": ("supporters", {"position": "Position number 3"}),
    "opponents": ("opponents", {"position": "Position number 3"}),
    "stances-over-time": ("stances-over-time", {"actor": "Actor 7"}),
    "evidence": ("evidence", {"actor": "Actor 7", "position": "Position number 0"}),
    "agreements": ("agreements", {"actor1": "Actor 7"}),
    "disagreements": ("disagreements", {"actor1": "Actor 7"}),
    "actors-by-stances": ("actors-by-stances", {}),
    "roles": ("roles", {"of": "Actor 1"}),
}
#: the one-position and one-actor queries over the whole corpus
SCANS = ("supporters", "opponents", "stances-over-time", "evidence", "roles")


def _rdflib_worker(path: str, queries: dict[str, str], conn) -> None:
    import rdflib

    started = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format="nquads")
    conn.send(("load", time.perf_counter() - started))
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    for name, text in queries.items():
        started = time.perf_counter()
        rows = len(list(ds.query(text if "PREFIX" in text else prologue + text)))
        conn.send((name, time.perf_counter() - started, rows))


def _rdflib_times(nquads: Path, queries: dict[str, str], timeout: float) -> dict:
    """name -> (seconds, rows), or None where rdflib did not finish in time."""
    times: dict[str, tuple[float, int] | None] = {}
    remaining = dict(queries)
    while "load" not in times or remaining:
        # A query rdflib cannot finish is stopped; the others run in a new worker.
        receive, send = mp.Pipe(duplex=False)
        worker = mp.Process(target=_rdflib_worker, args=(str(nquads), remaining, send))
        worker.start()
        for step in ["load", *remaining]:
            if not receive.poll(timeout * (10 if step == "load" else 1)):
                times.setdefault(step, None)
                remaining.pop(step, None)
                break
            message = receive.recv()
            times.setdefault(message[0], message[1:])
            remaining.pop(message[0], None)
        worker.terminate()
        worker.join()
        if times.get("load") is None:
            break
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=45_000)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per rdflib step")
    args = parser.parse_args()
    saved = saved_queries()
    queries = {}
    for name, (query, bindings) in AS_USED.items():
        text = saved[query].text
        queries[name] = with_values(text, bindings) if bindings else text
    queries |= {f"{name}, whole corpus": saved[name].text for name in SCANS}
    with tempfile.TemporaryDirectory() as tmp:
        G = build_graph(synthetic(args.statements))
        quads = to_quads(G)
        nquads = Path(tmp) / "corpus.nq"
        write_rdf(G, nquads, quads=quads)
        print(f"{len(quads):,} quads from {args.statements:,} synthetic statements")

        started = time.perf_counter()
        store = open_store(Path(tmp) / "store")
        write_store(store, G)
        ox_load = time.perf_counter() - started
        ox_times = {}
        for name, text in queries.items():
            started = time.perf_counter()
            rows = len(list(run_query(store, text)))
            ox_times[name] = (time.perf_counter() - started, rows)
        rdflib_times = _rdflib_times(nquads, queries, args.timeout)

    def show(name: str, ox_seconds: float, rdflib_result, rows: str = "") -> None:
        if rdflib_result is None:
            right, ratio = (
                f"> {args.timeout:.0f} s (stopped)",
                f"> {args.timeout / ox_seconds:,.0f}x",
            )
        else:
            right, ratio = f"{rdflib_result[0]:9.3f} s", f"{rdflib_result[0] / ox_seconds:,.1f}x"
        print(f"{name:32} {ox_seconds:9.3f} s   {right:>20}   {ratio:>10}   {rows:>7}")

    print(f"{'':32} {'Oxigraph':>11}   {'rdflib in memory':>20}   {'rdflib/ox':>10}   {'rows':>7}")
    show("load", ox_load, rdflib_times.get("load"))
    for name, (seconds, rows) in ox_times.items():
        result = rdflib_times.get(name)
        if result is not None and result[1] != rows:
            print(f"  {name}: row counts differ (Oxigraph {rows}, rdflib {result[1]})")
        show(name, max(seconds, 1e-4), result, f"{rows:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
