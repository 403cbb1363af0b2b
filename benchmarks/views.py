"""Peak memory and time of the views of a large store: written with every statement held, and
written as the build writes them now (document by document, the page from what it draws).

    python benchmarks/views.py STORE        # a store made by `stancegraph build --store STORE`

Each run is a fresh process (see ``throughput.measure``), one after the other:

- ``views, held``: the views of the whole store as builds wrote them before: the whole
  extraction in memory, its graph, then the tables, exports and page from them;
- ``views, streamed``: ``stancegraph build --store STORE -o OUT`` with nothing new to
  add: the tables written document by document, the graph and the other views from them;
- ``page, held``: the page drawn again from those tables (``stancegraph render``) as it was:
  every statement read into the graph;
- ``page, streamed``: ``stancegraph render`` now: the statements read twice, the graph
  holding the evidence of the links the page draws only;
- ``network, held`` / ``network, streamed``: the same for the congruence network.

Prints seconds and peak resident memory of each, their ratios, and checks that the two
ways write the same files, byte for byte. The store is only read (its records are decided
again, as a build does, with the default catalogue and encoder).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from throughput import measure


def _views_held(store: str, outdir: str) -> None:
    from stancegraph.extract.assemble import ExtractorConfig
    from stancegraph.extract.gazetteer import Gazetteer
    from stancegraph.graph.build import build_graph
    from stancegraph.graph.exports import write_exports
    from stancegraph.graph.html import write_html
    from stancegraph.graph.tables import write_tables
    from stancegraph.pipeline import _corpus

    config = ExtractorConfig.make(gazetteer=Gazetteer.load(()))
    with _corpus(store, outdir, config) as corpus:
        extraction = corpus.extraction(by_id=True)
    G = build_graph(extraction)
    write_tables(extraction, outdir)
    write_exports(G, extraction, outdir)
    write_html(G, Path(outdir) / "graph.html")


def _views_streamed(store: str, outdir: str) -> None:
    from stancegraph.pipeline import build

    build([], outdir, store=store)


def _page_held(outdir: str, network: str | None) -> None:
    import stancegraph.pipeline  # noqa: F401 (render's imports, as for the streamed page)
    from stancegraph.graph.build import build_graph
    from stancegraph.graph.html import write_html
    from stancegraph.graph.network_html import write_network_html
    from stancegraph.graph.networks import NETWORKS
    from stancegraph.graph.tables import read_tables

    G = build_graph(read_tables(outdir))
    if network is None:
        write_html(G, Path(outdir) / "held.html")
    else:
        write_network_html(NETWORKS[network](G), Path(outdir) / "held.html", title="network")


def _page_streamed(outdir: str, network: str | None) -> None:
    from stancegraph.pipeline import render

    render(outdir, network=network, out=Path(outdir) / "streamed.html",
           title=None if network is None else "network")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a store made by stancegraph build --store")
    parser.add_argument("--network", default="congruence")
    args = parser.parse_args()
    print(f"{'run':<18} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        held, streamed = Path(tmp) / "held", Path(tmp) / "streamed"
        rows = {}
        for name, target, call in [
            ("views, held", _views_held, (args.store, str(held))),
            ("views, streamed", _views_streamed, (args.store, str(streamed))),
            ("page, held", _page_held, (str(streamed), None)),
            ("page, streamed", _page_streamed, (str(streamed), None)),
            ("network, held", _page_held, (str(held), args.network)),
            ("network, streamed", _page_streamed, (str(held), args.network)),
        ]:
            rows[name] = measure(target, *call)
            print(f"{name:<18} {rows[name][0]:8.1f} {rows[name][1]:8.0f}", flush=True)
            if name == "page, streamed":
                same = filecmp.cmp(streamed / "held.html", streamed / "streamed.html", False)
                print(f"  the same page: {same}")
            if name == "network, streamed":
                same = filecmp.cmp(held / "held.html", held / "streamed.html", False)
                print(f"  the same network page: {same}")
        names = sorted(p.name for p in held.iterdir() if not p.name.endswith("held.html"))
        names = [n for n in names if n != "streamed.html"]
        _, differ, missing = filecmp.cmpfiles(held, streamed, names, shallow=False)
        print(f"views: {len(names)} files, differ: {differ or 'none'}, "
              f"missing: {missing or 'none'}")  # fmt: skip
        print("\nstreamed / held:")
        for what in ("views", "page", "network"):
            (s0, m0), (s1, m1) = rows[f"{what}, held"], rows[f"{what}, streamed"]
            print(f"  {what:<8} time x{s1 / s0:.2f}  peak memory x{m1 / m0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
