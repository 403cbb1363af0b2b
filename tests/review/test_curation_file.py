"""Entries added to and removed from a curation file's text, everything else kept."""

from __future__ import annotations

import random

import pytest
import yaml

from stancegraph.errors import InputError
from stancegraph.extract.curation import read_curation_text
from stancegraph.review.curation_file import (
    HEADER,
    CurationFile,
    _appended,
    _taken_out,
    fingerprint,
    with_entry,
    without_entry,
)

HAND_WRITTEN = """\
# my fixes
version: 1
merge_actors:
  - actors: [a, b]   # these two are one
    label: AB
# polarity, one line
set_polarity: [{doc: d, start: 1, polarity: oppose}]
confirm:
rename_actors:
    -   {actor: x, label: X}
"""
NEW = {
    "merge_actors": {"actors": ["c", "d: e"], "time": "2025-06-01T10:00:00+00:00"},
    "set_polarity": {"doc": "d2", "start": 5, "polarity": "support"},
    "confirm": {"doc": "007", "start": 0, "cue_start": 3},
    "rename_actors": {"actor": "y", "label": "Y # not a comment"},
    "drop_statements": {"doc": "d3", "start": 9},
}


@pytest.mark.parametrize(
    "text", [HAND_WRITTEN, "{confirm: [{doc: d, start: 1}]}\n", "", "version: 1"]
)
@pytest.mark.parametrize("kind", list(NEW))
def test_with_and_without_entry_change_only_that_entry(text, kind):
    before = yaml.safe_load(text) or {}
    added = with_entry(text, kind, NEW[kind])
    after = yaml.safe_load(added)
    assert after[kind][-1] == NEW[kind]
    assert {k: v for k, v in after.items() if k != kind} == {
        k: v for k, v in before.items() if k != kind
    } | ({"version": 1} if "version" not in before else {})
    read_curation_text(added, "fixes.yaml")  # fits the schema
    removed = yaml.safe_load(without_entry(added, kind, len(after[kind]) - 1)) or {}
    assert (removed.get(kind) or []) == (before.get(kind) or [])


def test_with_entry_keeps_comments_and_layout_of_a_hand_written_file():
    text = with_entry(HAND_WRITTEN, "merge_actors", NEW["merge_actors"])
    text = with_entry(text, "confirm", NEW["confirm"])
    assert text == HAND_WRITTEN.replace(
        "    label: AB\n",
        "    label: AB\n  - {actors: [c, 'd: e'], time: '2025-06-01T10:00:00+00:00'}\n",
    ).replace("confirm:\n", "confirm:\n  - {doc: '007', start: 0, cue_start: 3}\n")


def test_without_entry_takes_out_the_lines_of_a_block_entry():
    text = without_entry(HAND_WRITTEN, "merge_actors", 0)
    assert "merge_actors" not in text and "# these two" not in text
    assert "# my fixes" in text and "# polarity, one line" in text


def test_a_new_file_starts_with_a_header():
    text = with_entry("", "confirm", NEW["confirm"])
    assert text.startswith(HEADER)
    assert text.endswith("confirm:\n  - {doc: '007', start: 0, cue_start: 3}\n")


def test_without_entry_of_a_missing_entry_is_refused():
    with pytest.raises(InputError, match="no entry 2 in confirm"):
        without_entry("confirm:\n  - {doc: d, start: 1}\n", "confirm", 1)


@pytest.mark.parametrize("start", [HAND_WRITTEN, "", "version: 1\nconfirm: []\n"])
def test_quick_edits_give_the_entries_a_full_parse_gives(tmp_path, start):
    """Adding and undoing entries, in the usual case without parsing the whole file again,
    gives the text and the entries (with their lines) that parsing it gives."""
    path = tmp_path / "fixes.yaml"
    path.write_text(start, encoding="utf-8")
    file = CurationFile(path)
    rng = random.Random(7)
    quick = 0
    for step in range(40):
        text, current = file.read()
        entries = sorted(current.corrections, key=lambda c: c.order)
        with file.locked():
            if entries and rng.random() < 0.3:
                gone = rng.choice(entries)
                quick += _taken_out(text, current, gone) is not None
                _, new_text, candidate = file.removed(fingerprint(gone.kind, gone.fields))
            else:
                kind = rng.choice(["confirm", "set_polarity", "rename_actors"])
                fields = {"rename_actors": {"actor": f"a{step}", "label": f"A: {step}"},
                          "set_polarity": {"doc": "d", "start": step, "polarity": "oppose"},
                          "confirm": {"doc": f"d{step}", "start": step}}[kind]  # fmt: skip
                quick += _appended(text, current, kind, fields) is not None
                new_text, candidate = file.added(kind, fields)
            file.write(new_text, candidate)
        assert candidate == read_curation_text(new_text, path)
    assert quick > 20  # most edits were quick ones
