"""What a review starts from: the extraction before any curation, kept beside a build.

A build made with ``--curation FILE`` writes curated tables; applying the file
to them again would apply each correction twice (a merge already made, a
polarity already flipped) and could never show what removing a correction
gives. So such a build also writes the extraction it started from, as the same
five tables, into ``OUTDIR/uncurated/`` (with ``build.json`` naming the
curation file), and the review applies the curation to those: its view is then
exactly what ``stancegraph build … --curation FILE`` writes, whatever the file
says now. A build without a curation writes no copy (its tables *are* the
uncurated extraction) and removes a stale one.

The copy holds no document text: a build drops each document's text once it is
extracted, before the curation is applied, so the text plays no part in what
the curation does and none is needed to do it again.

A build into a store (``--store``) keeps the extraction as read in the store
and applies the curation to the views of the whole store in OUTDIR; it keeps
the same copy of the uncurated views.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from stancegraph.extract.records import Extraction
from stancegraph.graph.io import write_text_atomic
from stancegraph.graph.tables import TABLES, read_tables, write_tables

__all__ = ["UNCURATED", "Base", "read_base", "write_base"]

#: the folder of OUTDIR that holds the uncurated extraction of a curated build
UNCURATED = "uncurated"
_ABOUT = "build.json"


@dataclass
class Base:
    """The extraction a review applies its curation to, and where it came from."""

    extraction: Extraction
    #: ``"uncurated"`` (the build's copy) or ``"tables"`` (the build's own tables)
    source: str
    #: the curation file the build applied, if it named one
    built_with: Path | None = None
    #: a caveat for the user, or None
    warning: str | None = None

    @cached_property
    def sharing(self) -> Counter:
        """How many extracted statements share a document, sentence, cue and position."""
        return Counter(
            (s.doc, s.start, s.cue_start, s.position_id) for s in self.extraction.statements
        )


def write_base(outdir: str | Path, uncurated: Extraction | None, curation: str | None) -> None:
    """Keep ``uncurated`` (the extraction before ``curation`` was applied) in
    ``OUTDIR/uncurated/``; with None, remove a copy an earlier build left."""
    folder = Path(outdir) / UNCURATED
    if uncurated is None:
        for name in (*TABLES, _ABOUT):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        with contextlib.suppress(OSError):  # only if nothing else is in it
            folder.rmdir()
        return
    write_tables(uncurated, folder)
    about = {"curation": str(Path(curation).resolve()) if curation else None}
    write_text_atomic(folder / _ABOUT, json.dumps(about, indent=2) + "\n")


def read_base(outdir: str | Path) -> Base:
    """The uncurated extraction of the build in ``outdir``: its copy if it kept one, else
    its tables. Raises :class:`~stancegraph.errors.InputError` if it is not a build."""
    outdir = Path(outdir)
    folder = outdir / UNCURATED
    if (folder / "statements.jsonl").is_file():
        built_with = None
        with contextlib.suppress(OSError, ValueError, TypeError):
            named = json.loads((folder / _ABOUT).read_text(encoding="utf-8"))["curation"]
            built_with = Path(named) if named else None
        return Base(read_tables(folder), "uncurated", built_with)
    extraction = read_tables(outdir)
    warning = None
    if any(st.curated for st in extraction.statements) or any(a.curated for a in extraction.actors):
        warning = (
            f"{outdir} holds curated tables and no uncurated copy (a build into a store, or an "
            "older build): corrections apply on top of earlier ones; build again to review "
            "from the extraction"
        )
    return Base(extraction, "tables", None, warning)
