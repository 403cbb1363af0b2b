"""Checks on the packaged gazetteer data in ``ontology/gazetteer/*.jsonl``.

These tests read the files with plain ``json`` (not the project's loader) so that a
malformed line is reported with its file and line number.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

GAZETTEER = Path(__file__).resolve().parents[2] / "ontology" / "gazetteer"

FILES = {
    "states.jsonl": {"State"},
    "people.jsonl": {"Person"},
    "organizations.jsonl": {"Organization", "Group"},
    "places.jsonl": {"Place"},
}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
PREDICATES = {"leader_of", "spokesperson_of", "represents", "member_of", "employed_by"}


def _load(name: str) -> list[dict]:
    path = GAZETTEER / name
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}:{lineno}: blank line"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            pytest.fail(f"{name}:{lineno}: does not parse: {err}")
        assert isinstance(row, dict), f"{name}:{lineno}: not a JSON object"
        row["_where"] = f"{name}:{lineno}"
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: _load(name) for name in FILES}


@pytest.fixture(scope="module")
def all_ids(data) -> set[str]:
    return {row["id"] for rows in data.values() for row in rows}


def test_files_exist():
    for name in FILES:
        assert (GAZETTEER / name).is_file(), f"missing {name}"


def test_every_line_parses_and_has_required_keys(data):
    for rows in data.values():
        assert rows
        for row in rows:
            for key in ("id", "label", "type"):
                assert isinstance(row.get(key), str) and row[key], f"{row['_where']}: no {key}"
            for key in ("aliases", "demonyms", "metonyms", "roles"):
                assert isinstance(row.get(key, []), list), f"{row['_where']}: {key} is not a list"


def test_sorted_by_id(data):
    for name, rows in data.items():
        ids = [row["id"] for row in rows]
        assert ids == sorted(ids), f"{name} is not sorted by id"


def test_ids_unique_and_well_formed(data):
    seen: dict[str, str] = {}
    bad, dups = [], []
    for rows in data.values():
        for row in rows:
            if not ID_RE.match(row["id"]):
                bad.append(f"{row['_where']}: {row['id']!r}")
            if row["id"] in seen:
                dups.append(f"{row['id']}: {seen[row['id']]} and {row['_where']}")
            seen[row["id"]] = row["_where"]
    assert not bad, "malformed ids:\n" + "\n".join(bad)
    assert not dups, "duplicate ids:\n" + "\n".join(dups)


def test_types_match_file(data):
    wrong = [
        f"{row['_where']}: {row['type']!r}"
        for name, rows in data.items()
        for row in rows
        if row["type"] not in FILES[name]
    ]
    assert not wrong, "wrong types:\n" + "\n".join(wrong)


def test_roles_and_parents_refer_to_existing_ids(data, all_ids):
    problems = []
    for rows in data.values():
        for row in rows:
            for role in row.get("roles", []):
                if role.get("predicate") not in PREDICATES:
                    problems.append(f"{row['_where']}: predicate {role.get('predicate')!r}")
                if role.get("object") not in all_ids:
                    problems.append(f"{row['_where']}: role object {role.get('object')!r}")
                if not isinstance(role.get("title"), str) or not role["title"]:
                    problems.append(f"{row['_where']}: role without title")
            parent = row.get("parent")
            if parent is not None and parent not in all_ids:
                problems.append(f"{row['_where']}: parent {parent!r}")
    assert not problems, "dangling references:\n" + "\n".join(problems)


def test_wikidata_ids_well_formed(data):
    bad = [
        f"{row['_where']}: {row['wikidata']!r}"
        for rows in data.values()
        for row in rows
        if "wikidata" in row and row["wikidata"] is not None and not QID_RE.match(row["wikidata"])
    ]
    assert not bad, "malformed wikidata ids:\n" + "\n".join(bad)


def test_wikidata_ids_unique(data):
    """Two entries with one Wikidata id would be one entity entered twice, or a wrong id."""
    by_qid: dict[str, list[str]] = defaultdict(list)
    for rows in data.values():
        for row in rows:
            if row.get("wikidata"):
                by_qid[row["wikidata"]].append(row["_where"])
    dups = [f"{qid}: {', '.join(where)}" for qid, where in sorted(by_qid.items()) if len(where) > 1]
    assert not dups, "wikidata id given to more than one entry:\n" + "\n".join(dups)


def test_no_name_claimed_by_two_actors(data):
    """A state's or organisation's names (label, aliases, metonyms, and the words for its
    people or members: "Ukrainian", "Tory") belong to it alone."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in ("states.jsonl", "organizations.jsonl"):
        for row in data[name]:
            names = (row["label"], *row.get("aliases", []), *row.get("metonyms", []))
            for text in (*names, *row.get("demonyms", [])):
                owners[text.casefold()].add(row["id"])
    clashes = {text: sorted(ids) for text, ids in owners.items() if len(ids) > 1}
    if clashes:
        print("\n".join(f"{text!r}: {ids}" for text, ids in sorted(clashes.items())))
    assert not clashes, f"{len(clashes)} names claimed by more than one entry: {clashes}"


def test_every_state_has_a_metonym(data):
    missing = [row["id"] for row in data["states.jsonl"] if not row.get("metonyms")]
    assert not missing, f"states without metonyms: {missing}"


def test_state_metonyms_are_not_places(data):
    place_names = {
        text.casefold(): row["id"]
        for row in data["places.jsonl"]
        for text in (row["label"], *row.get("aliases", []))
    }
    clashes = [
        f"{row['id']}: {metonym!r} is also place {place_names[metonym.casefold()]}"
        for row in data["states.jsonl"]
        for metonym in row.get("metonyms", [])
        if metonym.casefold() in place_names
    ]
    if clashes:
        print("\n".join(clashes))
    assert not clashes, "state metonyms listed as places:\n" + "\n".join(clashes)
