"""The review in a browser: a Flask application served by waitress.

Flask (routing, requests, JSON, templates) and waitress (a pure-Python,
multi-threaded WSGI server with no C parts, used in production) are both
maintained and small; the review's work is synchronous (apply a curation, edit
a file under a lock), which a WSGI thread pool fits. No HTTP is handled by hand.

Safe by default:

- it listens on 127.0.0.1 unless told otherwise, and then checks that the
  ``Host`` of each request is a loopback name (no DNS rebinding);
- each run makes a secret token; the address it prints carries it once, and
  the browser keeps it in a ``SameSite=Strict``, ``HttpOnly`` cookie. Every
  request needs the cookie (or the token in the address), and every request
  that changes something also the token in an ``X-Review-Token`` header and a
  JSON body, which no other site can send: a cross-site request cannot write
  the curation file, nor read the page;
- documents' text reaches the page only as JSON that the page's script puts in
  with ``textContent``, and charts are SVG images with every text escaped; a
  Content-Security-Policy admits only the review's own script and style;
- a bad request gets a status and one line of JSON (``{"error": ...}``), never
  a traceback; an unexpected failure is logged on the server's stderr.
"""

from __future__ import annotations

import hmac
import secrets
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from stancegraph.errors import StancegraphError
from stancegraph.graph.html import write_html
from stancegraph.graph.networks import stance_over_time
from stancegraph.graph.review.charts import sides_svg, timeline_svg
from stancegraph.graph.review.curation_file import fingerprint
from stancegraph.graph.review.evidence import SOURCE_KINDS
from stancegraph.graph.review.session import Review, ReviewError, View, open_review

__all__ = ["ReviewServer", "create_app", "serve_review", "start_review"]

COOKIE = "stancegraph_review"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_BODY = 64 * 1024
MAX_PAGE = 200
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(review: Review, token: str, *, check_host: bool = True) -> Flask:
    """The review's WSGI application; ``token`` is the run's secret."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.json.sort_keys = False
    pages = _Pages()

    @app.before_request
    def guard():
        if check_host and _hostname(request.host) not in LOOPBACK:
            return _error(403, f"unexpected Host {request.host!r}: open the review on 127.0.0.1")
        given = request.args.get("token") or request.cookies.get(_cookie()) or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            return _error(403, "no token: open the address 'stancegraph review' printed")
        if request.method not in ("GET", "HEAD"):
            header = request.headers.get("X-Review-Token", "")
            if not hmac.compare_digest(header.encode(), token.encode()):
                return _error(403, "a change needs the page's token (X-Review-Token)")
            if not request.is_json:
                return _error(415, "send the action as JSON (Content-Type: application/json)")
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        if request.args.get("token") == token:
            response.set_cookie(_cookie(), token, httponly=True, samesite="Strict")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        if request.path != "/graph":  # the graph page brings its own policy
            response.headers["Content-Security-Policy"] = CSP
            response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if err.code == 413:
            return _error(413, f"the request is larger than {MAX_BODY // 1024} KB")
        return _error(err.code or 500, err.description or err.name)

    @app.errorhandler(StancegraphError)
    def refused(err: StancegraphError):
        return _error(400, str(err))

    @app.errorhandler(Exception)
    def failed(err: Exception):
        traceback.print_exception(err, file=sys.stderr)
        return _error(500, f"the review failed ({type(err).__name__}); see the server's output")

    @app.get("/")
    def page():
        if "token" in request.args:  # the cookie is set: show an address without the token
            response = redirect("/", code=303)
            return response
        view = review.refresh()
        return render_template(
            "review.html",
            token=token,
            outdir=str(review.outdir),
            curation=str(review.file.path),
            version=view.version,
        )

    @app.get("/favicon.ico")
    def favicon():
        return Response(status=204)

    @app.get("/graph")
    def graph():
        return Response(pages.graph(review.refresh()), mimetype="text/html")

    @app.get("/api/state")
    def state():
        return jsonify(_state(review, review.refresh()))

    @app.get("/api/facets")
    def facets():
        return jsonify(_facets(review.refresh()))

    @app.get("/api/statements")
    def statements():
        view = review.refresh()
        return jsonify(_statements(view, pages, request.args))

    @app.get("/api/actor")
    def actor():
        view = review.refresh()
        return jsonify(_actor_panel(view, _known(view.actors, "actor")))

    @app.get("/api/actor/timeline.svg")
    def timeline():
        view = review.refresh()
        actor = view.actors[_known(view.actors, "actor")]
        records = stance_over_time(view.actor_graph(actor.id), f"actor:{actor.id}")
        return Response(timeline_svg(actor.label, records), mimetype="image/svg+xml")

    @app.get("/api/position")
    def position():
        view = review.refresh()
        return jsonify(_position_panel(view, _known(view.positions, "position")))

    @app.get("/api/position/sides.svg")
    def sides():
        view = review.refresh()
        position = view.positions[_known(view.positions, "position")]
        return Response(
            sides_svg(position.label, _sides(view, position.id)), mimetype="image/svg+xml"
        )

    @app.post("/api/action")
    def action():
        started = time.perf_counter()
        entry = review.act(_body())
        return jsonify(
            {
                "entry": entry,
                "version": review.view.version,
                "seconds": round(time.perf_counter() - started, 4),
            }
        )

    @app.post("/api/undo")
    def undo():
        started = time.perf_counter()
        body = _body()
        if not isinstance(body.get("entry"), str):
            raise ReviewError("undo needs 'entry' (an entry's fingerprint)")
        entry = review.undo(body["entry"])
        return jsonify(
            {
                "undone": entry,
                "version": review.view.version,
                "seconds": round(time.perf_counter() - started, 4),
            }
        )

    return app


def _cookie() -> str:
    """The cookie's name: one per port, since browsers share cookies across a host's ports
    and two reviews may run at once."""
    port = (
        request.host.rsplit(":", 1)[-1]
        if request.host.count(":") == 1 or "]:" in request.host
        else ""
    )
    return f"{COOKIE}-{port}" if port.isdigit() else COOKIE


def _error(status: int, message: str) -> Response:
    response = jsonify({"error": " ".join(str(message).split())})
    response.status_code = status
    return response


def _hostname(host: str) -> str:
    """The name in a Host header, without the port (``[::1]:80`` -> ``::1``)."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ReviewError("the body must be a JSON object")
    return body


def _known(records: dict, name: str) -> str:
    ref = request.args.get("id", "")
    if ref not in records:
        raise ReviewError(f"no {name} {ref!r}")
    return ref


@dataclass
class _Pages:
    """What is worked out once per view: the graph page and each statement's row."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    version: int = -1
    graph_page: str | None = None
    rows: dict[int, dict] = field(default_factory=dict)

    def _for(self, view: View) -> None:
        if view.version != self.version:
            self.version, self.graph_page, self.rows = view.version, None, {}

    def graph(self, view: View) -> str:
        with self.lock:
            self._for(view)
            if self.graph_page is None:
                with tempfile.TemporaryDirectory() as folder:
                    path = Path(folder) / "graph.html"
                    write_html(view.graph, path, title="stancegraph review: the graph")
                    self.graph_page = path.read_text(encoding="utf-8")
            return self.graph_page

    def row(self, view: View, j: int) -> dict:
        with self.lock:
            self._for(view)
            if j not in self.rows:
                self.rows[j] = view.row(j)
            return self.rows[j]


#: the corrections /api/state lists, the latest first (with every one that changes nothing)
HISTORY = 200


def _state(review: Review, view: View) -> dict[str, Any]:
    """Counts, the latest corrections, and a key of the facets (:func:`_facets`), which the
    page reads again only when the key changes: most actions leave them as they were."""
    x = view.traced
    statuses = Counter(view.status(j)[0] for j in range(len(x.statements)))
    stale = {line.split(": ", 1)[0]: line for line in view.report.stale}
    latest = sorted(view.curation.corrections, key=lambda c: c.order, reverse=True)
    entries = []
    for n, c in enumerate(latest):
        if n >= HISTORY and c.where not in stale:
            continue
        fields = dict(c.fields)
        entries.append(
            {
                "fingerprint": fingerprint(c.kind, fields),
                "kind": c.kind,
                "fields": fields,
                "time": fields.get("time"),
                "where": c.where,
                "stale": stale.get(c.where),
            }
        )
    return {
        "version": view.version,
        "outdir": str(review.outdir),
        "curation": str(review.file.path),
        "base": review.base.source,
        "error": review.error,
        "warning": review.base.warning,
        "counts": {
            "statements": len(x.statements),
            "extracted": len(review.base.extraction.statements),
            "actors": len(x.actors),
            "positions": len(x.positions),
            "documents": len(x.documents),
            "entries": len(latest),
            "stale": len(view.report.stale),
            **{k: statuses.get(k, 0) for k in ("unreviewed", "confirmed", "corrected")},
        },
        "facets": view.facets_key,
        "entries": entries,
    }


def _facets(view: View) -> dict[str, Any]:
    """What the filters and the name lists offer: documents, actors, positions, cue types."""
    x = view.traced
    documents = sorted(x.documents, key=lambda d: (d.date or "", d.title or d.id, d.id))
    return {
        "facets": view.facets_key,
        "documents": [{"id": d.id, "title": d.title or d.id, "date": d.date} for d in documents],
        "actors": sorted(
            ({"id": a.id, "label": a.label, "type": a.type} for a in x.actors),
            key=lambda a: a["label"].casefold(),
        ),
        "positions": sorted(
            ({"id": p.id, "label": p.label} for p in x.positions),
            key=lambda p: p["label"].casefold(),
        ),
        "predicates": sorted({st.predicate for st in x.statements}),
        "sources": SOURCE_KINDS,
    }


def _statements(view: View, pages: _Pages, args) -> dict[str, Any]:
    """The page of shown statements that the filters in ``args`` pick."""
    x = view.traced
    wanted = {k: args.get(k) or None for k in ("doc", "actor", "position", "polarity", "cue")}
    status, source = args.get("status") or None, args.get("source") or None
    try:
        most = float(args["max_confidence"]) if args.get("max_confidence") else None
        offset = max(int(args.get("offset") or 0), 0)
        limit = min(max(int(args.get("limit") or 25), 1), MAX_PAGE)
    except ValueError:
        raise ReviewError("max_confidence, offset and limit must be numbers") from None
    fields = {
        "doc": "doc",
        "actor": "actor_id",
        "position": "position_id",
        "polarity": "polarity",
        "cue": "predicate",
    }
    picked = []
    for j, st in enumerate(x.statements):
        if any(v is not None and getattr(st, fields[k]) != v for k, v in wanted.items()):
            continue
        if most is not None and st.confidence > most:
            continue
        if status is not None and view.status(j)[0] != status:
            continue
        picked.append(j)
    if source is not None:
        picked = [j for j in picked if pages.row(view, j)["source"] == source]
    if args.get("sort", "confidence") == "confidence":
        picked.sort(
            key=lambda j: (
                x.statements[j].confidence,
                x.statements[j].doc,
                x.statements[j].start,
                x.statements[j].cue_start,
            )
        )
    else:
        picked.sort(
            key=lambda j: (x.statements[j].doc, x.statements[j].start, x.statements[j].cue_start)
        )
    rows = [pages.row(view, j) for j in picked[offset : offset + limit]]
    return {"version": view.version, "total": len(picked), "offset": offset, "rows": rows}


def _counts(view: View, indices: list[int], key: str) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for j in indices:
        st = view.statements[j]
        counts[getattr(st, key)][st.polarity] += 1
    return counts


def _actor_panel(view: View, actor_id: str) -> dict[str, Any]:
    a = view.actors[actor_id]
    by_position = _counts(view, view.by_actor.get(actor_id, []), "position_id")
    roles = [
        {
            "predicate": r.predicate,
            "role": r.role,
            "other": r.object if r.subject_id == actor_id else r.subject,
            "other_id": r.object_id if r.subject_id == actor_id else r.subject_id,
            "of": r.subject_id == actor_id,
        }
        for r in view.traced.relations
        if actor_id in (r.subject_id, r.object_id)
    ]
    return {
        "id": a.id,
        "label": a.label,
        "type": a.type,
        "aliases": list(a.aliases),
        "wikidata": a.wikidata,
        "mentions": a.mentions,
        "curated": list(a.curated),
        "statements": len(view.by_actor.get(actor_id, [])),
        "positions": [
            {
                "id": p,
                "label": view.positions[p].label if p in view.positions else p,
                **{k: c.get(k, 0) for k in ("support", "oppose", "neutral")},
            }
            for p, c in sorted(by_position.items(), key=lambda kv: -sum(kv[1].values()))
        ],
        "roles": roles,
    }


def _sides(view: View, position_id: str) -> dict[str, Counter]:
    by_actor = _counts(view, view.by_position.get(position_id, []), "actor_id")
    return {view.actors[a].label if a in view.actors else a: c for a, c in by_actor.items()}


def _position_panel(view: View, position_id: str) -> dict[str, Any]:
    p = view.positions[position_id]
    by_actor = _counts(view, view.by_position.get(position_id, []), "actor_id")

    def side(polarity: str) -> list[dict]:
        found = [(a, c[polarity]) for a, c in by_actor.items() if c[polarity]]
        found.sort(key=lambda ac: (-ac[1], ac[0]))
        return [
            {"id": a, "label": view.actors[a].label if a in view.actors else a, "count": n}
            for a, n in found
        ]

    return {
        "id": p.id,
        "label": p.label,
        "alt_labels": list(p.alt_labels),
        "in_catalogue": p.in_catalogue,
        "iri": p.iri,
        "definition": p.definition,
        "curated": list(p.curated),
        "statements": len(view.by_position.get(position_id, [])),
        "for": side("support"),
        "against": side("oppose"),
        "neutral": side("neutral"),
    }


# ---- serving ----------------------------------------------------------------------------


class ReviewServer:
    """A review served by waitress in a thread (for tests and notebooks): ``url`` (with the
    token), ``close()``."""

    def __init__(self, review: Review, host: str = "127.0.0.1", port: int = 0):
        from waitress.server import create_server

        self.review = review
        self.token = secrets.token_urlsafe(32)
        app = create_app(review, self.token, check_host=host in LOOPBACK)
        self._server = create_server(
            app,
            host=host,
            port=port,
            threads=4,
            ident="stancegraph-review",
            clear_untrusted_proxy_headers=True,
        )
        self.host, self.port = host, self._server.effective_port
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}/?token={self.token}"

    def start(self) -> ReviewServer:
        self._thread = threading.Thread(
            target=self._server.run, daemon=True, name="stancegraph-review"
        )
        self._thread.start()
        return self

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C)."""
        try:
            self._server.run()
        finally:
            self.close()

    def close(self) -> None:
        """Stop serving: close the listening socket and every connection, end the workers.

        Sockets are closed by the server's own loop (through its trigger), which then
        has nothing left to wait on and ends.
        """
        server = self._server

        def stop() -> None:
            for channel in list(server._map.values()):  # noqa: SLF001 (no public stop)
                channel.close()

        if self._thread is not None and self._thread.is_alive():
            server.trigger.pull_trigger(stop)
            self._thread.join(timeout=5)
        else:
            stop()
        server.task_dispatcher.shutdown()


def start_review(
    outdir: str | Path, curation: str | Path | None = None, host: str = "127.0.0.1", port: int = 0
) -> ReviewServer:
    """Serve a review in a background thread; ``port=0`` takes a free port."""
    return ReviewServer(open_review(outdir, curation), host, port).start()


def serve_review(
    outdir: str | Path,
    curation: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 7880,
    announce=print,
) -> None:
    """Serve a review until interrupted; ``announce`` is told the address (with its token)."""
    review = open_review(outdir, curation)
    try:
        server = ReviewServer(review, host, port)
    except OSError as err:
        raise StancegraphError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
    if host not in LOOPBACK:
        announce(
            f"warning: the review listens on {host}, not only on this machine; "
            "anyone who has the address can change the curation file"
        )
    announce(
        f"reviewing {review.outdir} ({len(review.view.statements)} statements); "
        f"corrections go to {review.file.path}"
    )
    if review.base.warning:
        announce(f"warning: {review.base.warning}")
    if review.error:
        announce(f"warning: {review.error}")
    announce(f"open {server.url}  (Ctrl-C stops it)")
    server.run()
