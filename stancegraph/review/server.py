"""Serving a review with waitress: in a thread (tests, notebooks) or until Ctrl-C (the CLI)."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from stancegraph.errors import StancegraphError
from stancegraph.review.app import LOOPBACK, create_app
from stancegraph.review.session import Review, open_review

__all__ = ["ReviewServer", "serve_review", "start_review"]


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
