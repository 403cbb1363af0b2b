"""Corrections as evaluation data: the precision report and the gold for eval/score.py."""

from __future__ import annotations

import json
import re

import pytest

from stancegraph.review.evaluation import (
    export_gold,
    format_report,
    gold,
    precision,
    reviewed_statements,
)
from stancegraph.review.session import open_review


def statement(review, **wanted) -> str:
    view = review.refresh()
    (j,) = [
        j
        for j in range(len(view.extraction.statements))
        if all(view.row(j)[k] == v for k, v in wanted.items())
    ]
    return view.ids[j]


@pytest.fixture
def reviewed(review_build, tmp_path):
    """Two confirmed, one polarity set, one dropped, one moved, one confirmed after a split."""
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    review.act({"action": "confirm", "statement": statement(review, actor_id="chile")})
    talks = statement(review, position_id="talks-would-fail")
    review.act({"action": "confirm", "statement": talks})
    review.act(
        {
            "action": "polarity",
            "statement": statement(review, actor_id="lima"),
            "polarity": "oppose",
        }
    )
    review.act(
        {"action": "drop", "statement": statement(review, actor_id="ana-lima", position_id="quota")}
    )
    ceasefire = statement(review, actor_id="ana-lima", position_id="ceasefire")
    review.act({"action": "move", "to_position": "Truce", "statement": ceasefire})
    review.act({"action": "split_alias", "actor": "norway", "alias": "Oslo"})
    review.act({"action": "confirm", "statement": statement(review, doc="d2", actor_id="oslo")})
    review.act({"action": "merge_actors", "actors": ["chile", "norway"], "into": "chile"})
    return review


def test_reviewed_statements_and_what_was_corrected(reviewed):
    found = {
        (r.statement.actor_id, r.statement.position_id): r for r in reviewed_statements(reviewed)
    }
    assert {k: r.corrections for k, r in found.items()} == {
        ("chile", "quota"): (),
        # Norway and Chile are one actor now: the confirmed statement at the same cue is
        # Norway's too (the file's confirm picks both, and they are kept as one).
        ("norway", "quota"): (),
        ("ana-lima", "talks-would-fail"): (),
        ("lima", "truce"): ("polarity",),
        ("ana-lima", "quota"): ("dropped",),
        ("ana-lima", "ceasefire"): ("moved",),
        ("norway", "ceasefire"): ("actor",),  # confirmed, but only once the alias was split
    }
    assert found["ana-lima", "quota"].final is None
    assert found["ana-lima", "talks-would-fail"].source == "referred"  # "She said ..."
    assert found["chile", "quota"].source == "named"


def test_precision_by_cue_type_polarity_and_source(reviewed):
    table = precision(reviewed_statements(reviewed))
    assert table["all"] == {"all": (7, 3)}
    assert table["polarity"] == {"neutral": (1, 1), "oppose": (3, 2), "support": (3, 0)}
    assert table["cue type"]["rejects"] == (2, 2) and table["cue type"]["backs"] == (2, 0)
    assert table["source kind"] == {"named": (6, 2), "referred": (1, 1)}


def test_report_says_how_many_were_reviewed_and_confirmed(reviewed):
    text = format_report(reviewed)
    assert text.splitlines()[0].endswith(
        "7 reviewed statements of 7 extracted, 3 confirmed, 4 corrected (precision 0.429)"
    )
    assert "corrections: actor 1, dropped 1, moved 1, polarity 1" in text
    assert re.search(r"^oppose\s+3\s+2\s+0\.667$", text, re.MULTILINE)


def test_gold_holds_the_reviewed_stances_as_corrected(reviewed, tmp_path):
    data = gold(reviewed)
    assert set(data) == {"about", "actors", "not_actors", "positions", "documents"}
    stances = {
        (doc, s["actor"][0], s["polarity"], s["position"])
        for doc, d in data["documents"].items()
        for s in d["stances"]
    }
    assert stances == {
        ("d1", "Chile", "oppose", "quota"),
        ("d1", "Ana Lima", "support", "truce"),  # moved
        ("d2", "Lima", "oppose", "truce"),  # polarity set
        ("d2", "Oslo", "oppose", "ceasefire"),  # split off Norway (merged into Chile)
    }  # not the dropped statement, nor the neutral one
    assert data["documents"]["d1"]["actors"] == ["Chile", "Ana Lima"]  # the neutral one's too
    assert data["actors"]["Chile"] == {"type": "State", "aliases": ["Norway"], "wikidata": "Q298"}
    for position, entry in data["positions"].items():  # each pattern matches its own label
        assert any(re.search(p, entry["label"], re.I) for p in entry["match"]), position
    written = export_gold(reviewed.outdir, reviewed.file.path, tmp_path / "gold.json")
    assert json.loads((tmp_path / "gold.json").read_text(encoding="utf-8")) == data
    assert written == {"stances": 4, "documents": 2}
