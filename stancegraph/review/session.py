"""A review: a build's uncurated extraction, a curation file, and the view the two make.

The view is always ``apply_curation(base, file)``, the very function a build
runs, on the extraction the build started from (:mod:`.base`): what the review
shows is what ``stancegraph build … --curation FILE`` writes. Nothing is parsed
again: from an action to the page having read its result takes about 0.1 s on
the seed build, 0.2–0.45 s on 300 BBC articles (3,124 statements) and 0.4–0.7 s
there with a file of 1,015 entries, against 9 and 123–180 s to build again
(``benchmarks/review.py``, on a busy 2-core machine).

Every action is one curation entry (:meth:`Review.act`), checked to change
something before it is written; undo (:meth:`Review.undo`) removes an entry.

Each base statement carries a private tag through ``apply_curation``, so that
the view (:mod:`.view`) knows which extracted statement became which shown one.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from stancegraph.errors import InputError
from stancegraph.extract.curation import Curation, apply_curation
from stancegraph.extract.records import Extraction
from stancegraph.review.actions import ReviewError, entry_for
from stancegraph.review.base import Base, read_base
from stancegraph.review.curation_file import CurationFile, fingerprint
from stancegraph.review.view import TAG, View, statement_id

__all__ = ["Review", "ReviewError", "View", "open_review", "statement_id"]  # View etc. re-exported


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class Review:
    """A build under review, with the curation file its actions go to.

    ``curation`` defaults to the file the build was made with (if it kept one,
    see :mod:`.base`), else ``OUTDIR/curation.yaml``; it need not exist yet.
    The file is read again whenever it changes on disk (another review, an
    editor); if it then does not parse, the last good view stays and
    :attr:`error` says why, and no action is taken until it is fixed.
    """

    def __init__(self, outdir: str | Path, curation: str | Path | None = None):
        self.outdir = Path(outdir)
        self.base: Base = read_base(self.outdir)
        path = curation or self.base.built_with or self.outdir / "curation.yaml"
        self.file = CurationFile(path)
        b = self.base.extraction
        tagged = [
            replace(st, curated=(*st.curated, f"{TAG}{i}")) for i, st in enumerate(b.statements)
        ]
        self._tagged = Extraction(
            b.documents, b.actors, tagged, b.relations, b.positions, b.mentions
        )
        self._lock = threading.RLock()
        self._signature: tuple[int, int, int] | None | str = "unread"
        self.error: str | None = None
        self.view: View = self._apply(Curation((), str(self.file.path)), 0)
        self.refresh()

    # ---- the view ---------------------------------------------------------------------------

    def _apply(self, curation: Curation, version: int) -> View:
        traced, report = apply_curation(self._tagged, curation)
        return View(version, curation, traced, report)

    def refresh(self) -> View:
        """The view of the curation file as it is now (applied again only if it changed)."""
        with self._lock:
            signature = self.file.signature()
            if signature == self._signature:
                return self.view
            try:
                _, curation = self.file.read()
            except InputError as err:
                self.error = str(err)
                self._signature = signature
                return self.view
            self.error = None
            self._signature = signature
            self.view = self._apply(curation, self.view.version + 1)
            return self.view

    # ---- actions ----------------------------------------------------------------------------

    def act(self, action: Mapping[str, Any]) -> dict[str, Any]:
        """Take one action (see :func:`.actions.entry_for`): add its entry to the curation file.

        Refused with :class:`ReviewError` (nothing written) when the action is not
        understood or when its entry would change nothing.
        """
        view = self.refresh()
        kind, fields = entry_for(self.base, view, action)
        fields["time"] = _now()
        with self._lock, self.file.locked():
            new_text, candidate = self._changed(self.file.added, kind, fields)
            new_view = self._apply(candidate, self.view.version + 1)
            added = max((c for c in candidate.corrections if c.kind == kind), key=lambda c: c.order)
            stale = [line for line in new_view.report.stale if line.startswith(f"{added.where}:")]
            if stale or added not in [c for c, _ in new_view.report.applied]:
                reason = stale[0].split(f"{kind}: ", 1)[-1] if stale else "nothing matched"
                if reason.startswith(("no actor", "no position")):
                    reason += (
                        " when this applies (sections apply in order: actors are merged before"
                        " aliases are split off, and statements are moved after both)"
                    )
                raise ReviewError(f"this would change nothing: {reason}")
            self.file.write(new_text, candidate)
            self._signature = self.file.signature()
            self.view = new_view
        stored = dict(added.fields)
        return {"kind": kind, "fields": stored, "fingerprint": fingerprint(kind, stored)}

    def undo(self, entry: str) -> dict[str, Any]:
        """Remove the entry with this fingerprint (the last one, if several) from the file."""
        with self._lock, self.file.locked():
            removed = self._changed(self.file.removed, entry)
            if removed is None:
                raise ReviewError(f"{self.file.path} has no such entry (any more)")
            gone, new_text, candidate = removed
            new_view = self._apply(candidate, self.view.version + 1)
            self.file.write(new_text, candidate)
            self._signature = self.file.signature()
            self.view = new_view
        return {"kind": gone.kind, "fields": dict(gone.fields), "fingerprint": entry}

    def _changed(self, change, *args):
        """A change of the file's text, refused in one line if the file cannot be read."""
        try:
            return change(*args)
        except InputError as err:
            self.error = str(err)
            raise ReviewError(f"fix the curation file first: {err}") from None


def open_review(outdir: str | Path, curation: str | Path | None = None) -> Review:
    """A review of the build in ``outdir`` with its curation file (see :class:`Review`)."""
    return Review(outdir, curation)
