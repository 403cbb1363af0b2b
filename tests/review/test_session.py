"""The review's view and actions (stancegraph.review.session) on a small hand-made build."""

from __future__ import annotations

import dataclasses
import threading

import pytest
import yaml

from stancegraph.errors import InputError, StancegraphError
from stancegraph.extract.curation import apply_curation
from stancegraph.graph.tables import read_tables, write_tables
from stancegraph.review.base import read_base, write_base
from stancegraph.review.session import ReviewError, open_review


def entries(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def rows(review) -> list[dict]:
    view = review.refresh()
    return [view.row(j) for j in range(len(view.extraction.statements))]


def find(review, **wanted) -> dict:
    (row,) = [r for r in rows(review) if all(r[k] == v for k, v in wanted.items())]
    return row


def without_time(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if k != "time"}


def test_review_view_is_the_curation_applied_to_the_tables(review_build, tmp_path):
    outdir = review_build()
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text("merge_actors:\n  - {actors: [lima, ana-lima], into: ana-lima}\n")
    review = open_review(outdir, fixes)
    expected, _ = apply_curation(read_tables(outdir), fixes)
    assert review.view.extraction == expected
    assert review.base.source == "tables" and review.error is None


@pytest.mark.parametrize(
    "action, kind, fields",
    [
        ({"action": "confirm"}, "confirm", {}),
        ({"action": "polarity", "polarity": "support"}, "set_polarity", {"polarity": "support"}),
        ({"action": "drop"}, "drop_statements", {}),
        ({"action": "move", "to_actor": "Lima"}, "move_statements", {"to_actor": "lima"}),
        (
            {"action": "move", "to_actor": "Fishers' Guild", "type": "Group"},
            "move_statements",
            {"to_actor": "Fishers' Guild", "type": "Group"},
        ),
        (
            {"action": "move", "to_position": "Fishing rights"},
            "move_statements",
            {"to_position": "Fishing rights"},
        ),
    ],
)
def test_statement_actions_are_curation_entries(review_build, tmp_path, action, kind, fields):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    target = find(review, actor_id="chile")
    result = review.act({**action, "statement": target["id"]})
    selector = {"doc": "d1", "start": 0, "cue_start": 17, "position": "quota", "actor": "chile"}
    written = entries(tmp_path / "fixes.yaml")[kind]
    assert [without_time(e) for e in written] == [selector | fields]
    assert written[0]["time"] == result["fields"]["time"]
    # The view is the file applied to the tables: Norway, at the same cue, is untouched.
    norway = find(review, actor_id="norway", doc="d1")
    assert (norway["polarity"], norway["status"]) == ("oppose", "unreviewed")
    expected, _ = apply_curation(read_tables(review.outdir), tmp_path / "fixes.yaml")
    assert review.view.extraction == expected


def test_statement_action_shows_at_once(review_build, tmp_path):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    row = find(review, actor_id="chile")
    review.act({"action": "polarity", "statement": row["id"], "polarity": "support"})
    chile = find(review, actor_id="chile")
    assert (chile["polarity"], chile["status"], chile["corrections"]) == (
        "support",
        "corrected",
        ["polarity"],
    )
    review.act({"action": "confirm", "statement": find(review, actor_id="lima")["id"]})
    assert find(review, actor_id="lima")["status"] == "confirmed"
    review.act({"action": "drop", "statement": find(review, position_id="truce")["id"]})
    assert not [r for r in rows(review) if r["position_id"] == "truce"]
    assert "truce" not in review.view.positions  # no statement is on it any more


def test_a_cue_with_two_positions_is_named_by_its_position(review_build, tmp_path):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    row = find(review, actor_id="ana-lima", position_id="ceasefire")
    review.act({"action": "polarity", "statement": row["id"], "polarity": "oppose"})
    (entry,) = entries(tmp_path / "fixes.yaml")["set_polarity"]
    assert "actor" not in entry and entry["position"] == "ceasefire"
    assert find(review, actor_id="ana-lima", position_id="quota")["polarity"] == "support"


@pytest.mark.parametrize(
    "action, kind, fields, check",
    [
        (
            {"action": "merge_actors", "actors": ["ana-lima", "lima"], "into": "ana-lima"},
            "merge_actors",
            {"actors": ["ana-lima", "lima"], "into": "ana-lima"},
            lambda v: "lima" not in v.actors and "Lima" in v.actors["ana-lima"].aliases,
        ),
        (
            {
                "action": "split_alias",
                "actor": "norway",
                "alias": "Oslo",
                "label": "Oslo City",
                "type": "Organization",
            },
            "split_alias",
            {"actor": "norway", "alias": "Oslo", "label": "Oslo City", "type": "Organization"},
            lambda v: (
                v.actors["oslo-city"].type == "Organization"
                and [s.actor_id for s in v.extraction.statements if s.doc == "d2"][0] == "oslo-city"
            ),
        ),
        (
            {"action": "rename_actor", "actor": "lima", "label": "Pedro Lima"},
            "rename_actors",
            {"actor": "lima", "label": "Pedro Lima"},
            lambda v: v.actors["lima"].label == "Pedro Lima",
        ),
        (
            {"action": "set_actor", "actor": "lima", "type": "Group"},
            "set_actors",
            {"actor": "lima", "type": "Group"},
            lambda v: v.actors["lima"].type == "Group",
        ),
        (
            {"action": "set_actor", "actor": "lima", "wikidata": "q42"},
            "set_actors",
            {"actor": "lima", "wikidata": "Q42"},
            lambda v: v.actors["lima"].wikidata == "Q42",
        ),
        (
            {"action": "set_actor", "actor": "chile", "wikidata": ""},
            "set_actors",
            {"actor": "chile", "wikidata": None},
            lambda v: v.actors["chile"].wikidata is None,
        ),
        (
            {"action": "merge_positions", "positions": ["ceasefire", "truce"], "into": "ceasefire"},
            "merge_positions",
            {"positions": ["ceasefire", "truce"], "into": "ceasefire"},
            lambda v: "truce" not in v.positions and "Truce" in v.positions["ceasefire"].alt_labels,
        ),
        (
            {"action": "rename_position", "position": "quota", "label": "Quotas"},
            "rename_positions",
            {"position": "quota", "label": "Quotas"},
            lambda v: v.positions["quota"].label == "Quotas",
        ),
    ],
)
def test_actor_and_position_actions_are_curation_entries(
    review_build, tmp_path, action, kind, fields, check
):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    review.act(action)
    assert [without_time(e) for e in entries(tmp_path / "fixes.yaml")[kind]] == [fields]
    assert check(review.view)


@pytest.mark.parametrize(
    "action, problem",
    [
        ({"action": "polarity", "polarity": "oppose"}, "would change nothing"),
        ({"action": "polarity", "polarity": "maybe"}, "polarity must be one of"),
        ({"action": "move", "to_actor": "Chile"}, "would change nothing"),
        ({"action": "move"}, "move needs to_actor or to_position"),
        ({"action": "merge_actors", "actors": ["chile"]}, "two or more ids"),
        ({"action": "merge_actors", "actors": ["chile", "peru"]}, "no actor 'peru'"),
        ({"action": "rename_actor", "actor": "chile", "label": "Chile"}, "already labelled"),
        ({"action": "set_actor", "actor": "chile", "wikidata": "Chile"}, "a Wikidata id is Q"),
        ({"action": "split_alias", "actor": "chile", "alias": "Santiago"}, "not an alias"),
        ({"action": "launch"}, "unknown action 'launch'"),
        ({"action": "confirm", "statement": "nope"}, "no statement 'nope'"),
        ({"action": "rename_actor", "actor": "chile", "label": 7}, "label must be a text"),
    ],
)
def test_actions_that_cannot_be_taken_are_refused_and_nothing_written(
    review_build, tmp_path, action, problem
):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    if action["action"] in ("polarity", "move") and "statement" not in action:
        action = {**action, "statement": find(review, actor_id="chile")["id"]}
    with pytest.raises(ReviewError, match=problem):
        review.act(action)
    assert not (tmp_path / "fixes.yaml").exists()


def test_undo_removes_the_entry_and_the_view_goes_back(review_build, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    review = open_review(review_build(), fixes)
    before = review.view.extraction
    flip = review.act(
        {
            "action": "polarity",
            "statement": find(review, actor_id="lima")["id"],
            "polarity": "oppose",
        }
    )
    merge = review.act({"action": "merge_actors", "actors": ["norway", "chile"]})
    review.undo(flip["fingerprint"])
    assert list(entries(fixes)) == ["version", "merge_actors"]  # set_polarity went with its entry
    assert find(review, actor_id="lima")["polarity"] == "support"
    review.undo(merge["fingerprint"])
    assert review.view.extraction == before
    with pytest.raises(ReviewError, match="no such entry"):
        review.undo(merge["fingerprint"])


def test_a_polarity_set_before_a_merge_of_positions_survives_undoing_the_merge(
    review_build, tmp_path
):
    review = open_review(review_build(), tmp_path / "fixes.yaml")
    merge = review.act(
        {"action": "merge_positions", "positions": ["ceasefire", "truce"], "into": "ceasefire"}
    )
    lima = find(review, actor_id="lima")
    assert lima["position_id"] == "ceasefire"
    review.act({"action": "polarity", "statement": lima["id"], "polarity": "oppose"})
    review.undo(merge["fingerprint"])
    lima = find(review, actor_id="lima")
    assert (lima["position_id"], lima["polarity"]) == ("truce", "oppose")
    assert review.view.report.stale == []


def test_hand_written_file_keeps_its_comments_and_is_read_again(review_build, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "# my corrections\nrename_actors:\n  - {actor: lima, label: Pedro Lima}  # the mayor\n",
        encoding="utf-8",
    )
    review = open_review(review_build(), fixes)
    assert review.view.actors["lima"].label == "Pedro Lima"
    review.act({"action": "set_actor", "actor": "lima", "type": "Group"})
    text = fixes.read_text(encoding="utf-8")
    assert text.startswith("# my corrections\n") and "# the mayor" in text
    fixes.write_text(text.replace("Pedro Lima", "Paulo Lima"), encoding="utf-8")  # an editor
    assert review.refresh().actors["lima"].label == "Paulo Lima"


def test_a_broken_file_keeps_the_last_view_and_refuses_actions(review_build, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    review = open_review(review_build(), fixes)
    review.act({"action": "rename_actor", "actor": "lima", "label": "Pedro Lima"})
    fixes.write_text("rename_actors: [{actor: lima, label: }\n", encoding="utf-8")
    view = review.refresh()
    assert view.actors["lima"].label == "Pedro Lima"
    assert review.error.startswith(f"{fixes}:") and "\n" not in review.error
    with pytest.raises(ReviewError, match="fix the curation file first"):
        review.act({"action": "set_actor", "actor": "lima", "type": "Group"})


def test_two_reviews_of_one_file_write_one_after_the_other(review_build, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    outdir = review_build()
    reviews = [open_review(outdir, fixes) for _ in range(2)]
    labels = [f"Label {n}" for n in range(12)]
    errors = []

    def work(review, mine):
        try:
            for label in mine:
                review.act({"action": "rename_actor", "actor": "lima", "label": label})
        except Exception as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=work, args=(r, labels[n::2])) for n, r in enumerate(reviews)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    written = [e["label"] for e in entries(fixes)["rename_actors"]]
    assert sorted(written) == sorted(labels)
    assert reviews[0].refresh().actors["lima"].label == written[-1]


def test_a_toml_curation_file_cannot_be_reviewed(review_build, tmp_path):
    with pytest.raises(StancegraphError, match="the review writes YAML"):
        open_review(review_build(), tmp_path / "fixes.toml")


def test_not_a_build_is_one_line(tmp_path):
    with pytest.raises(InputError, match="not a stancegraph build"):
        open_review(tmp_path)


# ---- a curated build keeps its uncurated tables -----------------------------------------


def test_review_of_a_curated_build_starts_from_its_uncurated_copy(review_build, tmp_path):
    outdir = review_build()
    uncurated = read_tables(outdir)
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text("set_polarity:\n  - {doc: d2, start: 28, polarity: oppose}\n")
    curated, _ = apply_curation(uncurated, fixes)
    write_tables(curated, outdir)  # as `build --curation fixes.yaml` does
    write_base(outdir, uncurated, str(fixes))
    review = open_review(outdir)  # the file the build was made with
    assert review.file.path == fixes and review.base.source == "uncurated"
    assert review.view.extraction == read_tables(outdir)
    assert review.view.report.stale == []  # not applied twice
    write_base(outdir, None, None)  # a build without curation removes the copy
    assert read_base(outdir).source == "tables" and not (outdir / "uncurated").exists()


def test_review_of_curated_tables_without_a_copy_says_so(review_build, tmp_path):
    outdir = review_build()
    x = read_tables(outdir)
    x.statements[0] = dataclasses.replace(x.statements[0], curated=("set-polarity:a>b",))
    write_tables(x, outdir)
    assert "no uncurated copy" in read_base(outdir).warning


def test_a_new_actor_made_by_a_move_is_named_by_its_label(review_build, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    review = open_review(review_build(), fixes)
    first = review.act({"action": "move", "statement": find(review, actor_id="chile")["id"],
                        "to_actor": "Fishers' Guild", "type": "Group"})  # fmt: skip
    review.act({"action": "move", "statement": find(review, actor_id="lima")["id"],
                "to_actor": "fishers' guild"})  # fmt: skip
    assert [e["to_actor"] for e in entries(fixes)["move_statements"]] == ["Fishers' Guild"] * 2
    review.undo(first["fingerprint"])
    assert find(review, doc="d2", position_id="truce")["actor"] == "Fishers' Guild"
    # Merges apply before moves: the moved-to actor is not there yet, and the review says so.
    with pytest.raises(ReviewError, match="statements are moved after"):
        review.act({"action": "merge_actors", "actors": ["ana-lima", "fishers-guild"]})
