"""A read-only SPARQL endpoint over a store: Oxigraph's server behind a small guard.

The SPARQL 1.1 Protocol itself (GET and POST queries, content negotiation for
JSON, XML, CSV and TSV results and for RDF graph results) is served by the
``oxigraph`` server in read-only mode, bound to a private loopback port, with
its query time-out. In front of it, a guard listens where users connect (by
default on 127.0.0.1 only) and:

- forwards queries to ``/query`` (also answered at ``/sparql``), nothing else;
  updates and the graph store protocol are refused (403);
- refuses request bodies and URLs larger than ``max_body`` (413);
- caps every query's results at ``max_results`` (a ``LIMIT`` is added, or
  lowered) and says so in the ``X-Result-Limit`` header;
- declares stancegraph's prefixes (``sg:``, ``skos:``, ``rdfs:`` ...) a query
  does not declare itself.

It serves many clients at once (one thread per request; Oxigraph answers them
in parallel). Warns when bound to anything but loopback.
"""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from stancegraph.errors import StancegraphError
from stancegraph.graph.rdf import PREFIXES

__all__ = ["Endpoint", "add_prefixes", "limit_query", "start_endpoint"]

_LIMIT_AT_END = re.compile(
    r"(?:\bLIMIT\s+(?P<limit>\d+)\s*(?:OFFSET\s+\d+\s*)?|\bOFFSET\s+\d+\s*LIMIT\s+(?P<limit2>\d+)\s*)$",
    re.IGNORECASE,
)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)^\s*#.*$")


def limit_query(query: str, max_results: int) -> str:
    """``query`` with at most ``max_results`` solutions: a final LIMIT lowered or added.

    >>> limit_query("SELECT * WHERE { ?s ?p ?o }", 10)
    'SELECT * WHERE { ?s ?p ?o }\\nLIMIT 10'
    >>> limit_query("SELECT * WHERE { ?s ?p ?o } LIMIT 500", 10)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 10'
    >>> limit_query("ASK { ?s ?p ?o }", 10)
    'ASK { ?s ?p ?o }'
    """
    body = _COMMENT.sub("", query).rstrip()
    if re.match(r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?ASK\b", body, re.IGNORECASE | re.DOTALL):
        return query
    found = _LIMIT_AT_END.search(body)
    if found is None:
        return f"{body}\nLIMIT {max_results}"
    current = int(found.group("limit") or found.group("limit2"))
    if current <= max_results:
        return body
    span = found.span("limit") if found.group("limit") else found.span("limit2")
    return body[: span[0]] + str(max_results) + body[span[1] :]


def add_prefixes(query: str) -> str:
    """Declare our prefixes that ``query`` uses without declaring them."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(query)}
    missing = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in PREFIXES.items()
        if name not in declared and re.search(rf"(?<![\w<]){re.escape(name)}:", query)
    ]
    return "\n".join([*missing, query]) if missing else query


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_command() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StancegraphError("the SPARQL server needs the oxigraph package: pip install oxigraph")
    return found


@dataclass
class Endpoint:
    """A running endpoint; :meth:`close` stops it."""

    url: str
    server: ThreadingHTTPServer
    backend: subprocess.Popen
    thread: threading.Thread

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.backend.terminate()
        try:
            self.backend.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.backend.kill()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_endpoint(
    store: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    max_results: int = 10_000,
    max_body: int = 1_000_000,
) -> Endpoint:
    """Start the endpoint in the background and return once it answers."""
    store = Path(store)
    if not (store / "CURRENT").exists():
        raise StancegraphError(f"{store}: no stancegraph store here (build one with --store)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"stancegraph: warning: serving on {host}, reachable from other machines; "
            "the endpoint is read-only but anyone who can connect can query it",
            file=sys.stderr,
        )
    backend_port = _free_port()
    backend = subprocess.Popen(
        [
            _oxigraph_command(),
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{backend_port}",
            "--timeout-s",
            str(max(1, int(timeout))),
            "--union-default-graph",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for(backend, backend_port)
    handler = _guard(backend_port, timeout, max_results, max_body)
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        backend.terminate()
        raise StancegraphError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    bound_port = server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    return Endpoint(f"http://{shown}:{bound_port}/query", server, backend, thread)


def _wait_for(backend: subprocess.Popen, port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if backend.poll() is not None:
            error = backend.stderr.read().decode(errors="replace").strip().splitlines()
            raise StancegraphError(f"the SPARQL server stopped: {error[-1] if error else '?'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    backend.terminate()
    raise StancegraphError("the SPARQL server did not start within 30 s")


def _guard(backend_port: int, timeout: float, max_results: int, max_body: int):
    class Guard(BaseHTTPRequestHandler):
        server_version = "stancegraph"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # quiet by default
            pass

        def _refuse(self, status: int, message: str) -> None:
            body = (message + "\n").encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _path_ok(self) -> bool:
            path = urlsplit(self.path).path
            if path in ("/query", "/sparql"):
                return True
            if path in ("/update", "/store") or path.startswith("/store"):
                self._refuse(403, "read-only endpoint: updates are refused")
            else:
                self._refuse(404, "SPARQL queries go to /query")
            return False

        def do_GET(self) -> None:
            if len(self.path) > max_body:
                return self._refuse(413, "request too large")
            if not self._path_ok():
                return
            params = parse_qs(urlsplit(self.path).query)
            if "update" in params:
                return self._refuse(403, "read-only endpoint: updates are refused")
            if "query" not in params:
                return self._refuse(400, "missing the query parameter")
            self._forward(params["query"][0], params)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > max_body or len(self.path) > max_body:
                return self._refuse(413, f"request body larger than {max_body} bytes")
            if not self._path_ok():
                self.rfile.read(length)
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return self._refuse(403, "read-only endpoint: updates are refused")
            if kind == "application/sparql-query":
                return self._forward(body, parse_qs(urlsplit(self.path).query))
            params = parse_qs(body)
            if "update" in params:
                return self._refuse(403, "read-only endpoint: updates are refused")
            if "query" not in params:
                return self._refuse(400, "missing the query parameter")
            self._forward(params["query"][0], params)

        def do_PUT(self) -> None:
            self._refuse(403, "read-only endpoint: updates are refused")

        do_DELETE = do_PATCH = do_PUT

        def _forward(self, query: str, params: dict[str, list[str]]) -> None:
            query = limit_query(add_prefixes(query), max_results)
            extra = [(k, v) for k in ("default-graph-uri", "named-graph-uri")
                     for v in params.get(k, [])]  # fmt: skip
            payload = urlencode([("query", query), *extra]).encode()
            connection = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=timeout + 5)
            try:
                connection.request(
                    "POST",
                    "/query",
                    body=payload,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": self.headers.get("Accept") or "application/sparql-results+json",
                    },
                )
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as err:
                return self._refuse(504, f"the query did not finish: {err}")
            finally:
                connection.close()
            self.send_response(response.status)
            for name in ("Content-Type", "Vary"):
                if response.getheader(name):
                    self.send_header(name, response.getheader(name))
            self.send_header("X-Result-Limit", str(max_results))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Guard
