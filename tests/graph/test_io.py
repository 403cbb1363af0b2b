"""Atomic writes: the old file or the new one, and no temporaries left for long."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from stancegraph.graph.io import atomic_writer


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_atomic_writer_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as f:
        f.write("half of the new")
        raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_atomic_writer_removes_temporaries_of_dead_writers_only(tmp_path):
    target = tmp_path / "a.txt"
    orphan = tmp_path / f".a.txt.{dead_pid()}.x1y2.tmp"
    live = tmp_path / f".a.txt.{os.getppid()}.x1y2.tmp"  # a writer that still runs
    other = tmp_path / f".b.txt.{dead_pid()}.x1y2.tmp"  # another file's: not ours to judge now
    for path in (orphan, live, other):
        path.write_text("partial")
    with atomic_writer(target) as f:
        f.write("new")
    assert target.read_text() == "new"
    assert not orphan.exists()
    assert live.exists() and other.exists()
