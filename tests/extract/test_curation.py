"""Curation: each kind of correction on a small hand-made extraction, stale ones reported."""

from __future__ import annotations

import dataclasses
import doctest
from pathlib import Path

import pytest

from stancegraph.errors import InputError
from stancegraph.extract import curation as curation_module
from stancegraph.extract.curation import apply_curation, load_curation, parse_curation
from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.build import build_graph

EXAMPLE = Path(__file__).resolve().parents[2] / "ontology" / "curation.example.yaml"
D1 = (
    "Volodymyr Zelensky urged more pressure. Zelenskyy rejected the truce. "
    "Tykhy said the talks failed. Georgiy Tykhy backed the ceasefire."
)
D2 = "Lima welcomed the ceasefire. Zelensky dismissed the truce."


def doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, text, text, tuple(range(len(text) + 1)), date="2024-05-01")


def st(doc_id, actor_id, polarity, position_id, sentence, start, predicate="says"):
    return Statement(doc_id, actor_id.upper(), actor_id, predicate, polarity,
                     position_id.title(), position_id, sentence, start,
                     start + len(sentence))  # fmt: skip


@pytest.fixture
def extraction() -> Extraction:
    return Extraction(
        documents=[doc("d1", D1), doc("d2", D2)],
        actors=[
            Actor("ana-lima", "Ana Lima", "Person", mentions=1),
            Actor("georgiy-tykhy", "Georgiy Tykhy", "Person", ("Tykhy",), mentions=2),
            Actor("lima", "Lima", "Person", mentions=1),
            Actor("ukraine", "Ukraine", "State", ("Kyiv",), "Q212", mentions=1),
            Actor(
                "volodymyr-zelensky",
                "Volodymyr Zelensky",
                "Person",
                ("Zelensky",),
                "Q3874799",
                mentions=2,
            ),
            Actor("zelenskyy", "Zelenskyy", "Person", mentions=1),
        ],  # fmt: skip
        statements=[
            st(
                "d1",
                "volodymyr-zelensky",
                "support",
                "pressure",
                "Volodymyr Zelensky urged more pressure.",
                0,
            ),
            st("d1", "zelenskyy", "oppose", "truce", "Zelenskyy rejected the truce.", 40),
            st(
                "d1", "georgiy-tykhy", "neutral", "talks-failed", "Tykhy said the talks failed.", 70
            ),
            st(
                "d1",
                "georgiy-tykhy",
                "support",
                "ceasefire",
                "Georgiy Tykhy backed the ceasefire.",
                99,
            ),
            st("d2", "lima", "support", "ceasefire", "Lima welcomed the ceasefire.", 0),
            st("d2", "volodymyr-zelensky", "oppose", "truce", "Zelensky dismissed the truce.", 29),
        ],  # fmt: skip
        relations=[
            Relation(
                "d1",
                "Georgiy Tykhy",
                "georgiy-tykhy",
                "spokesperson_of",
                "Ukraine",
                "ukraine",
                "Tykhy said the talks failed.",
                70,
                98,
                role="spokesman",
            ),
            Relation(
                "d1",
                "Zelenskyy",
                "zelenskyy",
                "leader_of",
                "Ukraine",
                "ukraine",
                "Zelenskyy rejected the truce.",
                40,
                69,
                role="president",
            ),
        ],  # fmt: skip
        positions=[
            Position(
                "ceasefire",
                "Ceasefire",
                ("truce in Ukraine",),
                "https://x.org/ceasefire",
                True,
                "An end to the fighting.",
            ),
            Position("pressure", "Pressure"),
            Position("talks-failed", "Talks-Failed"),
            Position("truce", "Truce"),
        ],  # fmt: skip
        mentions={
            ("d1", "volodymyr-zelensky"): 1,
            ("d1", "zelenskyy"): 1,
            ("d1", "georgiy-tykhy"): 2,
            ("d1", "ukraine"): 1,
            ("d2", "lima"): 1,
            ("d2", "ana-lima"): 1,
            ("d2", "volodymyr-zelensky"): 1,
        },  # fmt: skip
    )


def actors(x: Extraction) -> dict[str, Actor]:
    return {a.id: a for a in x.actors}


def positions(x: Extraction) -> dict[str, Position]:
    return {p.id: p for p in x.positions}


def by_start(x: Extraction, doc_id: str, start: int) -> Statement:
    (found,) = [s for s in x.statements if s.doc == doc_id and s.start == start]
    return found


def test_curation_examples_in_docstrings_run():
    assert doctest.testmod(curation_module).failed == 0


def test_merge_actors_into_a_new_id_and_label(extraction):
    fixed, report = apply_curation(extraction, {"merge_actors": [{
        "actors": ["volodymyr-zelensky", "Zelenskyy"],  # by id and by label
        "into": "volodymyr-zelenskyy", "label": "Volodymyr Zelenskyy"}]})  # fmt: skip
    merged = actors(fixed)["volodymyr-zelenskyy"]
    assert {"volodymyr-zelensky", "zelenskyy"}.isdisjoint(actors(fixed))
    assert merged.label == "Volodymyr Zelenskyy" and merged.type == "Person"
    assert set(merged.aliases) == {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"}
    assert merged.wikidata == "Q3874799" and merged.mentions == 3
    note = "merge-actors:volodymyr-zelensky,zelenskyy>volodymyr-zelenskyy"
    assert merged.curated == (note,)
    for start, doc_id in ((0, "d1"), (40, "d1"), (29, "d2")):
        s = by_start(fixed, doc_id, start)
        assert (s.actor_id, s.actor, s.curated) == (merged.id, merged.label, (note,))
    leader = next(r for r in fixed.relations if r.predicate == "leader_of")
    assert (leader.subject_id, leader.subject) == ("volodymyr-zelenskyy", "Volodymyr Zelenskyy")
    assert fixed.mentions[("d1", "volodymyr-zelenskyy")] == 2
    assert report.stale == [] and report.applied[0][1] == 2


def test_merge_actors_keeps_the_first_id_and_the_statements_once(extraction):
    twin = dataclasses.replace(by_start(extraction, "d1", 40), actor_id="volodymyr-zelensky")
    extraction.statements.append(twin)  # both names read for the same sentence
    fixed, _ = apply_curation(
        extraction, {"merge_actors": [{"actors": ["zelenskyy", "volodymyr-zelensky"]}]}
    )
    assert "zelenskyy" in actors(fixed) and "volodymyr-zelensky" not in actors(fixed)
    assert actors(fixed)["zelenskyy"].label == "Zelenskyy"
    assert len([s for s in fixed.statements if s.doc == "d1" and s.start == 40]) == 1


def test_later_corrections_follow_merged_ids(extraction):
    fixed, report = apply_curation(extraction, {
        "merge_actors": [{"actors": ["zelenskyy", "volodymyr-zelensky"], "into": "zelenskyy"}],
        "drop_statements": [{"doc": "d2", "actor": "volodymyr-zelensky", "position": "truce"}],
    })  # fmt: skip
    assert report.stale == []
    assert not [s for s in fixed.statements if s.doc == "d2" and s.position_id == "truce"]


def test_split_alias_moves_what_names_only_the_alias(extraction):
    fixed, report = apply_curation(extraction, {"split_alias": [{
        "actor": "georgiy-tykhy", "alias": "tykhy", "label": "Anna Tykhy"}]})  # fmt: skip
    found = actors(fixed)
    assert found["georgiy-tykhy"].aliases == ()
    anna = found["anna-tykhy"]
    assert (anna.label, anna.type, anna.aliases) == ("Anna Tykhy", "Person", ("Tykhy",))
    assert by_start(fixed, "d1", 70).actor_id == "anna-tykhy"  # "Tykhy said ..."
    assert by_start(fixed, "d1", 99).actor_id == "georgiy-tykhy"  # "Georgiy Tykhy backed ..."
    spokesman = next(r for r in fixed.relations if r.predicate == "spokesperson_of")
    assert spokesman.subject_id == "anna-tykhy"
    assert fixed.mentions[("d1", "georgiy-tykhy")] == 2  # d1 names both: mentions stay
    note = "split-alias:Tykhy>anna-tykhy"
    assert note in anna.curated and note in found["georgiy-tykhy"].curated
    assert by_start(fixed, "d1", 70).curated == (note,)
    assert report.stale == []


def test_split_alias_by_documents_moves_everything_there(extraction):
    fixed, _ = apply_curation(extraction, {"split_alias": [{
        "actor": "georgiy-tykhy", "alias": "Tykhy", "id": "g-t-2", "type": "Group",
        "documents": ["d1"]}]})  # fmt: skip
    assert actors(fixed)["g-t-2"].type == "Group" and actors(fixed)["g-t-2"].mentions == 2
    assert {by_start(fixed, "d1", 70).actor_id, by_start(fixed, "d1", 99).actor_id} == {"g-t-2"}
    expected = dict(extraction.mentions)
    expected[("d1", "g-t-2")] = expected.pop(("d1", "georgiy-tykhy"))
    assert fixed.mentions == expected


def test_assign_alias_merges_an_actor_of_that_name(extraction):
    fixed, report = apply_curation(
        extraction, {"assign_alias": [{"alias": "Lima", "actor": "Ana Lima"}]}
    )
    assert "lima" not in actors(fixed)
    ana = actors(fixed)["ana-lima"]
    assert ana.aliases == ("Lima",) and ana.mentions == 2
    assert by_start(fixed, "d2", 0).actor_id == "ana-lima"
    assert fixed.mentions[("d2", "ana-lima")] == 2
    assert ana.curated == ("assign-alias:Lima>ana-lima",) and report.stale == []


def test_assign_alias_moves_an_alias_between_actors(extraction):
    fixed, _ = apply_curation(
        extraction, {"assign_alias": [{"alias": "Zelensky", "actor": "zelenskyy"}]}
    )
    assert actors(fixed)["volodymyr-zelensky"].aliases == ()
    assert actors(fixed)["zelenskyy"].aliases == ("Zelensky",)
    assert by_start(fixed, "d2", 29).actor_id == "zelenskyy"  # "Zelensky dismissed ..."
    assert by_start(fixed, "d1", 0).actor_id == "volodymyr-zelensky"  # names the full name
    assert fixed.mentions[("d2", "zelenskyy")] == 1  # d2 names only "Zelensky"


def test_rename_actors_keeps_the_old_label_as_an_alias(extraction):
    fixed, _ = apply_curation(
        extraction, {"rename_actors": [{"actor": "ukraine", "label": "Ukraine (state)"}]}
    )
    ukraine = actors(fixed)["ukraine"]
    assert ukraine.label == "Ukraine (state)" and ukraine.aliases == ("Kyiv", "Ukraine")
    assert ukraine.curated == ("rename-actor:Ukraine>Ukraine (state)",)
    assert {r.object for r in fixed.relations} == {"Ukraine (state)"}


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"type": "Organization"}, ("Organization", None, "set-actor:type=Organization")),
        ({"wikidata": "Q42"}, ("Person", "Q42", "set-actor:wikidata=Q42")),
        ({"type": "Group", "wikidata": "Q7"}, ("Group", "Q7", "set-actor:type=Group,wikidata=Q7")),
    ],
)
def test_set_actors_sets_type_and_wikidata(extraction, fields, expected):
    fixed, _ = apply_curation(extraction, {"set_actors": [{"actor": "lima", **fields}]})
    lima = actors(fixed)["lima"]
    assert (lima.type, lima.wikidata, lima.curated[-1]) == expected


def test_set_actors_clears_a_wikidata_id(extraction):
    fixed, _ = apply_curation(extraction, {"set_actors": [{"actor": "ukraine", "wikidata": None}]})
    assert actors(fixed)["ukraine"].wikidata is None


def test_merge_positions_keeps_labels_as_alternatives(extraction):
    fixed, _ = apply_curation(
        extraction, {"merge_positions": [{"positions": ["Truce", "ceasefire"]}]}
    )
    # Without "into" a catalogue concept is not named: the first position is the target.
    assert "ceasefire" not in positions(fixed)
    truce = positions(fixed)["truce"]
    assert set(truce.alt_labels) == {"Ceasefire", "truce in Ukraine"}
    assert {s.position_id for s in fixed.statements} >= {"truce"}
    assert by_start(fixed, "d2", 0).position == "Truce"


def test_merge_positions_into_a_catalogue_concept(extraction):
    fixed, _ = apply_curation(extraction, {"merge_positions": [{
        "positions": ["truce"], "into": "ceasefire", "label": "Ceasefire now"}]})  # fmt: skip
    ceasefire = positions(fixed)["ceasefire"]
    assert "truce" not in positions(fixed)
    assert (ceasefire.label, ceasefire.iri, ceasefire.in_catalogue) == (
        "Ceasefire now", "https://x.org/ceasefire", True)  # fmt: skip
    assert set(ceasefire.alt_labels) == {"Ceasefire", "Truce", "truce in Ukraine"}
    moved = by_start(fixed, "d1", 40)
    assert (moved.position_id, moved.position) == ("ceasefire", "Ceasefire now")
    assert moved.curated == ("merge-positions:truce>ceasefire",)


def test_rename_positions(extraction):
    fixed, _ = apply_curation(
        extraction, {"rename_positions": [{"position": "pressure", "label": "More pressure"}]}
    )
    assert positions(fixed)["pressure"].alt_labels == ("Pressure",)
    assert by_start(fixed, "d1", 0).position == "More pressure"


@pytest.mark.parametrize(
    "selector, gone",
    [
        ({"doc": "d1", "actor": "zelenskyy", "position": "truce"}, ("d1", 40)),
        ({"doc": "d1", "start": 70}, ("d1", 70)),
        ({"doc": "d2", "actor": "Lima", "position": "Ceasefire", "start": 0}, ("d2", 0)),
    ],
)
def test_drop_statements(extraction, selector, gone):
    fixed, report = apply_curation(extraction, {"drop_statements": [selector]})
    assert len(fixed.statements) == len(extraction.statements) - 1
    assert gone not in {(s.doc, s.start) for s in fixed.statements}
    assert report.stale == []


def test_drop_statements_drops_positions_left_without_statements(extraction):
    fixed, _ = apply_curation(extraction, {"drop_statements": [{"doc": "d1", "start": 70}]})
    assert "talks-failed" not in positions(fixed)
    assert actors(fixed)["georgiy-tykhy"].curated == ("drop-statement:d1@70>talks-failed",)


def test_set_polarity(extraction):
    fixed, report = apply_curation(extraction, {"set_polarity": [
        {"doc": "d1", "start": 40, "polarity": "support"}]})  # fmt: skip
    fixed_statement = by_start(fixed, "d1", 40)
    assert fixed_statement.polarity == "support"
    assert fixed_statement.curated == ("set-polarity:oppose>support",)
    assert report.stale == []


def test_curation_leaves_the_input_unchanged(extraction):
    before = dataclasses.replace(extraction)
    copy = (list(before.actors), list(before.statements), dict(before.mentions))
    apply_curation(extraction, {"merge_actors": [{"actors": ["zelenskyy", "volodymyr-zelensky"]}],
                                "drop_statements": [{"doc": "d1", "start": 70}]})  # fmt: skip
    assert (extraction.actors, extraction.statements, extraction.mentions) == copy


@pytest.mark.parametrize(
    "section, entry, note",
    [
        ("merge_actors", {"actors": ["nobody", "zelenskyy"]}, "no actor 'nobody'"),
        ("merge_actors", {"actors": ["nobody", "nobody-else"]}, "nothing left to merge"),
        ("split_alias", {"actor": "lima", "alias": "Ana"}, "'Ana' is not an alias of 'lima'"),
        ("split_alias", {"actor": "georgiy-tykhy", "alias": "Tykhy", "id": "lima"},
         "actor id 'lima' is taken"),
        ("assign_alias", {"alias": "Tykhy", "actor": "georgiy-tykhy"},
         "'Tykhy' already names only 'georgiy-tykhy'"),
        ("rename_actors", {"actor": "lima", "label": "Lima"}, "already labelled 'Lima'"),
        ("set_actors", {"actor": "ukraine", "type": "State"}, "'ukraine' already has type=State"),
        ("merge_positions", {"positions": ["peace"]}, "no position 'peace'"),
        ("rename_positions", {"position": "peace", "label": "Peace"}, "no position 'peace'"),
        ("drop_statements", {"doc": "d9", "start": 0}, "no statement with doc=d9 start=0"),
        ("drop_statements", {"doc": "d1", "actor": "russia", "position": "truce"},
         "no actor 'russia'"),
        ("set_polarity", {"doc": "d1", "start": 40, "polarity": "oppose"}, "oppose already"),
    ],
)  # fmt: skip
def test_corrections_that_change_nothing_are_reported(extraction, section, entry, note):
    _, report = apply_curation(extraction, {section: [entry]})
    assert len(report.stale) == 1
    assert report.stale[0].startswith(f"<curation>: {section} entry 1: {section}: ")
    assert note in report.stale[0]


def test_stale_corrections_name_the_file_and_line(extraction, tmp_path):
    path = tmp_path / "fixes.yaml"
    path.write_text(
        "version: 1\n"
        "set_polarity: [{doc: d1, start: 1, polarity: oppose}]\n"
        "rename_actors:\n"
        "  - {actor: lima, label: Lima Group}\n"
        "  - actor: gone\n"
        "    label: Gone\n",
        encoding="utf-8",
    )
    fixed, report = apply_curation(extraction, path)
    assert actors(fixed)["lima"].label == "Lima Group"
    assert report.stale == [  # in file order, though set_polarity applies last
        f"{path}:2: set_polarity: no statement with doc=d1 start=1",
        f"{path}:5: rename_actors: no actor 'gone'",
    ]
    assert [(c.where, n) for c, n in report.applied] == [(f"{path}:4", 1)]


def test_curation_reaches_the_graph(extraction):
    fixed, _ = apply_curation(extraction, {
        "merge_actors": [{"actors": ["zelenskyy", "volodymyr-zelensky"]}],
        "set_polarity": [{"doc": "d2", "start": 29, "polarity": "support"}]})  # fmt: skip
    G = build_graph(fixed)
    merge = "merge-actors:volodymyr-zelensky>zelenskyy"
    assert by_start(fixed, "d1", 0).curated == (merge,)  # was Volodymyr Zelensky's
    assert by_start(fixed, "d1", 40).curated == ()  # Zelenskyy's own: unchanged
    assert G.nodes["actor:zelenskyy"]["curated"] == [merge]
    edge = G.edges["actor:zelenskyy", "position:truce", "support:says"]
    assert edge["curated"] == sorted([merge, "set-polarity:oppose>support"])
    assert edge["evidence"][0]["curated"] == [merge, "set-polarity:oppose>support"]
    assert G.nodes["position:ceasefire"]["curated"] == []


def test_load_curation_reads_toml_like_yaml(extraction, tmp_path):
    path = tmp_path / "fixes.toml"
    path.write_text(
        '[[merge_actors]]\nactors = ["zelenskyy", "volodymyr-zelensky"]\n\n'
        '[[drop_statements]]\ndoc = "d9"\nstart = 3\n',
        encoding="utf-8",
    )
    fixed, report = apply_curation(extraction, load_curation(path))
    assert "volodymyr-zelensky" not in actors(fixed)
    assert report.stale == [f"{path}: drop_statements entry 1: drop_statements: "
                            "no statement with doc=d9 start=3"]  # fmt: skip


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("bad.yaml", "merge_actors:\n  - {actors: [a, b]\nrename_actors: []\n", 3),
        ("bad.yaml", "set_polarity:\n  - doc: d1\n\tstart: 3\n", 3),
        ("bad.yaml", "rename_actors:\n  - {actor: a, label: B, label: C}\n", 2),
        ("bad.toml", '[[merge_actors]]\nactors = ["a", "b"\n', 2),
    ],
)
def test_load_curation_syntax_error_is_one_line_with_file_and_line(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_curation(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ") and "\n" not in message


@pytest.mark.parametrize(
    "text, problem",
    [
        ("merge_actor:\n  - {actors: [a]}\n", ":1: unknown section 'merge_actor'"),
        ("rename_actors:\n  - {actor: a, name: B}\n", ":2: rename_actors has no field 'name'"),
        ("rename_actors:\n  - {actor: a}\n", ":2: rename_actors needs 'label'"),
        ("set_polarity:\n  - {doc: d1, start: 3, polarity: against}\n", "polarity must be one of"),
        ("drop_statements:\n  - {doc: d1, actor: a}\n", "needs doc with start, or doc, actor"),
        ("drop_statements:\n  - {doc: 2024, start: 3}\n", "doc must be text"),
        ("set_actors:\n  - {actor: a}\n", "set_actors needs type or wikidata"),
        ("set_actors:\n  - {actor: a, wikidata: 42}\n", "wikidata must be a Q-id"),
        ("set_actors:\n  - {actor: a, type: Country}\n", "type must be one of Person"),
        ("merge_actors: {actors: [a, b]}\n", "merge_actors must be a list"),
        ("- rename_actors\n", "a curation file is a mapping of sections"),
        ("version: 2\n", "version must be 1"),
    ],
)
def test_load_curation_rejects_what_does_not_fit_the_schema(tmp_path, text, problem):
    path = tmp_path / "fixes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_curation(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)


def test_load_curation_of_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(InputError, match="cannot read the curation file"):
        load_curation(tmp_path / "nope.yaml")


def test_empty_curation_changes_nothing(extraction, tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    fixed, report = apply_curation(extraction, path)
    assert fixed.actors == extraction.actors and fixed.statements == extraction.statements
    assert report.applied == [] and report.stale == []


def test_the_example_curation_file_fits_the_schema():
    cur = load_curation(EXAMPLE)
    kinds = {c.kind for c in cur.corrections}
    assert kinds == set(curation_module.SCHEMA)  # every kind is shown


def test_parse_curation_orders_sections_as_they_apply():
    cur = parse_curation({"set_polarity": [{"doc": "d", "start": 1, "polarity": "oppose"}],
                          "merge_actors": [{"actors": ["a", "b"]}]})  # fmt: skip
    assert [c.kind for c in cur.corrections] == ["merge_actors", "set_polarity"]


# ---- what `stancegraph review` writes: cue_start, move_statements, confirm, time ------------


def two_cues(extraction: Extraction) -> Extraction:
    """d1's second sentence read twice: at two cues, on two positions."""
    first = by_start(extraction, "d1", 40)
    first = dataclasses.replace(first, cue="rejected", cue_start=50, cue_end=58)
    second = dataclasses.replace(first, cue="truce", cue_start=63, cue_end=68,
                                 position="Ceasefire", position_id="ceasefire")  # fmt: skip
    statements = [s for s in extraction.statements if (s.doc, s.start) != ("d1", 40)]
    return dataclasses.replace(extraction, statements=[*statements, first, second])


def test_selector_cue_start_names_one_statement_of_a_sentence(extraction):
    x = two_cues(extraction)
    fixed, report = apply_curation(x, {"set_polarity": [
        {"doc": "d1", "start": 40, "cue_start": 63, "polarity": "support"}]})  # fmt: skip
    by_cue = {s.cue_start: s for s in fixed.statements if (s.doc, s.start) == ("d1", 40)}
    assert by_cue[63].polarity == "support" and by_cue[50].polarity == "oppose"
    assert report.stale == []


def test_move_statements_to_another_existing_actor(extraction):
    fixed, report = apply_curation(extraction, {"move_statements": [
        {"doc": "d2", "start": 0, "to_actor": "Ana Lima"}]})  # fmt: skip
    moved = by_start(fixed, "d2", 0)
    assert (moved.actor_id, moved.actor) == ("ana-lima", "Ana Lima")
    assert moved.curated == ("move-statement:lima>ana-lima",)
    assert "lima" in actors(fixed) and report.stale == []


def test_move_statements_to_a_new_actor_and_a_new_position(extraction):
    fixed, _ = apply_curation(extraction, {"move_statements": [
        {"doc": "d1", "start": 70, "to_actor": "Talks Monitor", "type": "Group",
         "to_position": "Talks have failed"}]})  # fmt: skip
    moved = by_start(fixed, "d1", 70)
    assert (moved.actor_id, moved.position_id) == ("talks-monitor", "talks-have-failed")
    assert actors(fixed)["talks-monitor"] == Actor("talks-monitor", "Talks Monitor", "Group")
    assert positions(fixed)["talks-have-failed"].label == "Talks have failed"
    assert "talks-failed" not in positions(fixed)  # no statement is on it any more
    assert moved.curated == (
        "move-statement:georgiy-tykhy>talks-monitor",
        "move-statement:talks-failed>talks-have-failed",
    )


def test_move_statements_apply_before_polarity_and_confirm(extraction):
    # Written later in the file, the polarity and confirm name the statement where it went.
    fixed, report = apply_curation(extraction, {
        "set_polarity": [{"doc": "d1", "start": 40, "position": "ceasefire",
                          "actor": "zelenskyy", "polarity": "support"}],
        "confirm": [{"doc": "d1", "start": 40, "position": "ceasefire", "actor": "zelenskyy"}],
        "move_statements": [{"doc": "d1", "start": 40, "to_position": "ceasefire"}]})  # fmt: skip
    moved = by_start(fixed, "d1", 40)
    assert (moved.position_id, moved.polarity) == ("ceasefire", "support")
    assert moved.curated == ("move-statement:truce>ceasefire", "set-polarity:oppose>support",
                             "confirm:support")  # fmt: skip
    assert report.stale == []


def test_confirm_notes_the_statement_and_changes_nothing_else(extraction):
    fixed, report = apply_curation(extraction, {"confirm": [{"doc": "d2", "start": 29}]})
    confirmed = by_start(fixed, "d2", 29)
    assert confirmed.curated == ("confirm:oppose",)
    assert dataclasses.replace(confirmed, curated=()) == by_start(extraction, "d2", 29)
    assert [n for _, n in report.applied] == [1] and report.stale == []


@pytest.mark.parametrize(
    "section, entry, note",
    [
        ("confirm", {"doc": "d2", "start": 5}, "no statement with doc=d2 start=5"),
        ("move_statements", {"doc": "d2", "start": 0, "to_actor": "lima"}, "there already"),
        (
            "move_statements",
            {"doc": "d2", "start": 0, "cue_start": 3, "to_actor": "ukraine"},
            "no statement with doc=d2 start=0 cue_start=3",
        ),
    ],
)
def test_review_sections_that_change_nothing_are_reported(extraction, section, entry, note):
    _, report = apply_curation(extraction, {section: [entry]})
    assert len(report.stale) == 1 and note in report.stale[0]


def test_time_is_kept_as_text_quoted_or_not(tmp_path):
    path = tmp_path / "fixes.yaml"
    path.write_text(
        "confirm:\n"
        "  - {doc: d1, start: 0, time: '2025-06-01T10:00:00+00:00'}\n"
        "  - {doc: d1, start: 40, time: 2025-06-01T10:05:00Z}\n",
        encoding="utf-8",
    )
    times = [c["time"] for c in load_curation(path).corrections]
    assert times == ["2025-06-01T10:00:00+00:00", "2025-06-01T10:05:00+00:00"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("confirm: [{doc: d1, start: 0, time: last week}]", "time must be a date and time"),
        ("move_statements: [{doc: d1, start: 0}]", "needs to_actor or to_position"),
        ("confirm: [{doc: d1}]", "confirm needs doc with start"),
        ("confirm: [{doc: d1, start: 0, cue_start: -1}]", "cue_start must be an offset"),
    ],
)
def test_review_sections_that_do_not_fit_the_schema(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_curation(path)
