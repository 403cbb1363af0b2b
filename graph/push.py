"""Load a graph into any triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each document's named graph replaces the store's graph of the same name
(``PUT``), so pushing again changes nothing and a changed document replaces
its old version; the default graph, where actors and positions are
described, is added to (``POST``), as our own store does. Works with any
store that speaks the protocol (Oxigraph, Fuseki, GraphDB, Virtuoso, Blazegraph
…): point ``--endpoint`` at its graph store URL, e.g.
``http://localhost:7878/store`` for Oxigraph or ``http://localhost:3030/ds/data`` for
Fuseki.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from stancegraph.errors import StancegraphError

__all__ = ["PushReport", "push_quads"]


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def _send(method: str, url: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", errors="replace").strip().splitlines()
        raise StancegraphError(
            f"{method} {url}: HTTP {err.code} {err.reason}"
            + (f": {detail[0][:200]}" if detail else "")
        ) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise StancegraphError(f"{method} {url}: cannot reach the store: {reason}") from None


def push_quads(quads: Iterable[ox.Quad], endpoint: str, *, timeout: float = 120.0) -> PushReport:
    """Send the quads to a Graph Store Protocol ``endpoint``, one request per graph."""
    if not endpoint.startswith(("http://", "https://")):
        raise StancegraphError(f"{endpoint}: the endpoint must be an http(s) URL")
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs[name].append(q.triple)
    report = PushReport()
    separator = "&" if "?" in endpoint else "?"
    for name in sorted(graphs, key=lambda g: (g is not None, g or "")):
        triples = graphs[name]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if name is None:
            _send("POST", f"{endpoint}{separator}default", body, timeout)
        else:
            query = urllib.parse.urlencode({"graph": name})
            _send("PUT", f"{endpoint}{separator}{query}", body, timeout)
        report.graphs += 1
        report.triples += len(triples)
    return report
