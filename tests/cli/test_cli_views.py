"""The command line around a build: exports, curation, and drawing a build again."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import networkx as nx
import pytest

from stancegraph.graph.exports import DNA_COLUMNS, EXPORTS
from stancegraph.graph.tables import TABLES

TEXT = "Norway rejected the fishing quota on Monday. Chile backed the fishing quota."
CURATION = """\
rename_actors:
  - {actor: norway, label: Kingdom of Norway}
drop_statements:
  - {doc: nowhere, start: 0}
"""


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "stancegraph.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build with a curation file: (its folder, the curation file, the result)."""
    folder = tmp_path_factory.mktemp("cli-views")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    fixes = folder / "fixes.yaml"
    fixes.write_text(CURATION, encoding="utf-8")
    result = run_cli("build", folder / "a.txt", "-o", folder / "out", "--curation", fixes)
    return folder / "out", fixes, result


def test_cli_build_writes_tables_exports_and_page(built):
    out, _, result = built
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {
        *TABLES,
        *EXPORTS,
        "graph.ttl",
        "graph.html",
        "uncurated",
    }
    # What the curation started from, for `stancegraph review`.
    assert {p.name for p in (out / "uncurated").iterdir()} == {*TABLES, "build.json"}
    gexf = nx.read_gexf(out / "graph.gexf")
    assert gexf.nodes["actor:norway"]["label"] == "Kingdom of Norway"
    with open(out / "dna.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(DNA_COLUMNS)
    assert {(r["organization"], r["agreement"]) for r in rows} == {
        ("Kingdom of Norway", "0"),
        ("Chile", "1"),
    }


def test_cli_build_applies_curation_and_names_stale_corrections(built):
    out, fixes, result = built
    norway = next(
        a
        for a in map(json.loads, (out / "actors.jsonl").read_text("utf-8").splitlines())
        if a["id"] == "norway"
    )
    assert norway["label"] == "Kingdom of Norway" and norway["curated"]
    stale = [line for line in result.stderr.splitlines() if "curation" in line]
    assert stale == [
        f"stancegraph: curation: {fixes}:4: drop_statements: no statement with doc=nowhere start=0"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "rename_actors:\n  - {actor: norway, label: [unclosed\n",  # YAML syntax
        "rename_actors:\n  - {actor: norway, name: Norge}\n",  # no such field
    ],
)
def test_cli_bad_curation_file_is_one_line_error(tmp_path, text):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(text, encoding="utf-8")
    result = run_cli("build", tmp_path / "a.txt", "-o", tmp_path / "out", "--curation", fixes)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"stancegraph: error: {fixes}:2: ")
    assert not (tmp_path / "out").exists()  # checked before any document is read


@pytest.mark.parametrize("network", [None, "actor-position", "congruence", "conflict"])
def test_cli_render_draws_a_build_again(built, tmp_path, network):
    out, _, _ = built
    page = tmp_path / "page.html"
    args = ["--network", network] if network else []
    result = run_cli("render", out, *args, "-o", page)
    assert result.returncode == 0, result.stderr
    html = page.read_text("utf-8")
    assert "Kingdom of Norway" in html and str(page) in result.stderr
    if network:
        assert f"{network} network" in html


def test_cli_render_focus_and_default_output(built):
    out, _, _ = built
    result = run_cli("render", out, "--network", "conflict", "--focus", "norway")  # an alias now
    assert result.returncode == 0, result.stderr
    html = (out / "conflict.html").read_text("utf-8")
    assert "neighbourhood of Kingdom of Norway" in html and "Chile" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["--focus", "Norwey"], "did you mean 'Norway'"),  # the old label is an alias now
        (["--max-nodes", "0"], "max_nodes must be at least 1"),
    ],
)
def test_cli_render_errors_are_one_line(built, tmp_path, args, message):
    out, _, _ = built
    result = run_cli("render", out, *args, "-o", tmp_path / "page.html")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_cli_render_of_a_folder_that_is_no_build(tmp_path):
    result = run_cli("render", tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"stancegraph: error: {tmp_path}: not a stancegraph build (no actors.jsonl)"
    )


def test_cli_curation_merges_actors_flips_a_polarity_and_survives_a_rebuild(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The Chilean Fishing Council rejected the fishing quota. Chile backed the harbour levy.",
        encoding="utf-8",
    )
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "merge_actors:\n"
        "  - {actors: [chile, chilean-fishing-council], label: Chile}\n"
        "set_polarity:\n"
        "  - {doc: a, actor: chile, position: harbour levy, polarity: oppose}\n",
        encoding="utf-8",
    )

    def build(out):
        result = run_cli("build", tmp_path / "a.txt", "-o", out, "--curation", fixes)
        assert result.returncode == 0, result.stderr
        assert "stancegraph: curation" not in result.stderr  # every correction applies
        return [json.loads(x) for x in (out / "statements.jsonl").read_text().splitlines()]

    plain = run_cli("build", tmp_path / "a.txt", "-o", tmp_path / "plain")
    before = [json.loads(x) for x in (tmp_path / "plain" / "statements.jsonl").open()]
    assert {s["actor_id"] for s in before} == {"chile", "chilean-fishing-council"}, plain.stderr
    first = build(tmp_path / "first")
    assert {(s["actor_id"], s["position"], s["polarity"]) for s in first} == {
        ("chile", "fishing quota", "oppose"),
        ("chile", "harbour levy", "oppose"),
    }
    assert build(tmp_path / "second") == first


# ---- stancegraph review ---------------------------------------------------------------------


def statement_rows(out) -> dict[str, dict]:
    rows = map(json.loads, (out / "statements.jsonl").read_text("utf-8").splitlines())
    return {row["actor_id"]: row for row in rows}


def test_cli_review_report_and_gold(built, tmp_path):
    out, _, _ = built
    rows = statement_rows(out)
    norway, chile = rows["norway"], rows["chile"]
    flipped = "oppose" if chile["polarity"] == "support" else "support"
    fixes = tmp_path / "review.yaml"
    fixes.write_text(
        "confirm:\n"
        f"  - {{doc: a, start: {norway['start']}, cue_start: {norway['cue_start']}}}\n"
        "set_polarity:\n"
        f"  - {{doc: a, start: {chile['start']}, polarity: {flipped}}}\n",
        encoding="utf-8",
    )
    result = run_cli("review", out, "--curation", fixes, "--report")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.endswith(": 2 reviewed statements of 2 extracted, 1 confirmed, 1 corrected "
                          "(precision 0.500)")  # fmt: skip
    assert "polarity 1" in result.stdout and "cue type" in result.stdout
    gold = tmp_path / "gold.json"
    result = run_cli("review", out, "--curation", fixes, "--export-gold", gold)
    assert result.returncode == 0, result.stderr
    assert "2 gold stances of 1 documents" in result.stderr
    stances = json.loads(gold.read_text("utf-8"))["documents"]["a"]["stances"]
    assert {(s["actor"][0], s["polarity"]) for s in stances} == {
        ("Norway", norway["polarity"]),  # the build's own curation is not this file's
        ("Chile", flipped),
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (["nowhere", "--report"], "nowhere: not a stancegraph build (no actors.jsonl)"),
        (["OUT", "--curation", "fixes.toml", "--report"], "the review writes YAML"),
        (["OUT", "--report", "--export-gold", "g.json"], "not allowed with argument"),
    ],
)
def test_cli_review_bad_use_is_one_line(built, tmp_path, args, message):
    out, _, _ = built
    result = run_cli("review", *[str(out) if a == "OUT" else a for a in args], cwd=tmp_path)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    assert message in result.stderr.strip().splitlines()[-1]


def test_cli_review_serves_on_loopback_with_a_token(built, tmp_path):
    import urllib.request

    out, _, _ = built
    fixes = tmp_path / "fixes.yaml"
    command = [sys.executable, "-m", "stancegraph.cli", "review", str(out), "--port", "0",
               "--curation", str(fixes)]  # fmt: skip
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in server.stderr:
            lines.append(line)
            if line.startswith("open "):
                break
        address = lines[-1].split()[1]
        assert address.startswith("http://127.0.0.1:") and "/?token=" in address
        assert f"corrections go to {fixes}" in "".join(lines)
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(address, timeout=10) as page:
            assert page.status == 200 and b"stancegraph review" in page.read()
        with pytest.raises(urllib.error.HTTPError) as refused:  # no token, no cookie
            urllib.request.urlopen(address.split("?")[0] + "api/state", timeout=10)
        assert refused.value.code == 403
    finally:
        server.terminate()
        server.wait(timeout=10)
