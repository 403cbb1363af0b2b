"""The errors stancegraph reports to users: one base class, one line each."""

from __future__ import annotations

__all__ = ["StancegraphError", "InputError"]


class StancegraphError(Exception):
    """Base class of every error stancegraph reports to users."""


class InputError(StancegraphError):
    """A bad input file; ``str()`` is one line: ``PATH: problem`` or ``PATH:LINE: problem``."""
