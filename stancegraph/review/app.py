"""The review in a browser: a Flask application (served by waitress, :mod:`.server`).

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
import sys
import time
import traceback

from flask import Flask, Response, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from stancegraph.errors import StancegraphError
from stancegraph.graph.networks import stance_over_time
from stancegraph.review import views
from stancegraph.review.actions import ReviewError
from stancegraph.review.charts import sides_svg, timeline_svg
from stancegraph.review.session import Review

__all__ = ["COOKIE", "CSP", "LOOPBACK", "MAX_BODY", "create_app"]

COOKIE = "stancegraph_review"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_BODY = 64 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(review: Review, token: str, *, check_host: bool = True) -> Flask:
    """The review's WSGI application; ``token`` is the run's secret."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.json.sort_keys = False
    pages = views.Pages()

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
        return jsonify(views.state_json(review, review.refresh()))

    @app.get("/api/facets")
    def facets():
        return jsonify(views.facets_json(review.refresh()))

    @app.get("/api/statements")
    def statements():
        view = review.refresh()
        return jsonify(views.statements_json(view, pages, request.args))

    @app.get("/api/actor")
    def actor():
        view = review.refresh()
        return jsonify(views.actor_panel(view, _known(view.actors, "actor")))

    @app.get("/api/actor/timeline.svg")
    def timeline():
        view = review.refresh()
        actor = view.actors[_known(view.actors, "actor")]
        records = stance_over_time(view.actor_graph(actor.id), f"actor:{actor.id}")
        return Response(timeline_svg(actor.label, records), mimetype="image/svg+xml")

    @app.get("/api/position")
    def position():
        view = review.refresh()
        return jsonify(views.position_panel(view, _known(view.positions, "position")))

    @app.get("/api/position/sides.svg")
    def sides():
        view = review.refresh()
        position = view.positions[_known(view.positions, "position")]
        counts = views.position_sides(view, position.id)
        return Response(sides_svg(position.label, counts), mimetype="image/svg+xml")

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
