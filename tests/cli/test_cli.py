"""The command line: help, examples, exit status, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stancegraph.cli import make_parser


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "stancegraph.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_cli_every_command_has_help_and_example():
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    assert commands
    for name, sub in commands.items():
        text = sub.format_help()
        assert sub.description, name
        assert "example" in text.lower() and f"stancegraph {name}" in text, name


def test_cli_build_help_exits_zero():
    result = run_cli("build", "--help")
    assert result.returncode == 0
    assert "OUTDIR" in result.stdout and ".jsonl" in result.stdout


def test_cli_build_reads_folder_and_jsonl(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Norway rejected the fishing quota on Monday.", encoding="utf-8")
    (src / "b.jsonl").write_text(
        json.dumps(
            {
                "id": "speech-1",
                "text": "Chile called for a new climate fund.",
                "speaker": "Marta Vidal",
                "date": "2024-09-24",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("build", src, "-o", out)
    assert result.returncode == 0, result.stderr
    statements = [json.loads(x) for x in (out / "statements.jsonl").read_text().splitlines()]
    assert {s["doc"] for s in statements} == {"a", "speech-1"}
    assert "graph.html" in result.stderr


def test_cli_build_rdf_formats_by_name_or_extension(tmp_path):
    (tmp_path / "a.txt").write_text("Norway rejected the fishing quota.", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", tmp_path / "a.txt", "-o", out, "--format", "nt", "--rdf", "trig")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.glob("graph.*")} >= {"graph.nt", "graph.trig"}
    assert "graph.ttl" not in {p.name for p in out.iterdir()}
    bad = run_cli("build", tmp_path / "a.txt", "-o", out, "--format", "docx")
    assert bad.returncode == 2 and "unknown RDF format 'docx'" in bad.stderr


@pytest.mark.parametrize("bad", ["missing.txt", "empty.txt"])
def test_cli_bad_input_named_in_one_line_and_others_built(tmp_path, bad):
    good = tmp_path / "good.txt"
    good.write_text("Norway rejected the fishing quota.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", good, tmp_path / bad, "-o", out)
    assert result.returncode == 3
    lines = [x for x in result.stderr.splitlines() if bad in x]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert (out / "statements.jsonl").read_text().strip()


def test_cli_bad_positions_file_is_one_line_error(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Norway rejected the fishing quota.", encoding="utf-8")
    ttl = tmp_path / "bad.ttl"
    ttl.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel ",
        encoding="utf-8",
    )
    result = run_cli("build", good, "-o", tmp_path / "out", "--positions", ttl)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(ttl) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_unknown_model_is_one_line_error(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Norway rejected the fishing quota.", encoding="utf-8")
    result = run_cli("build", good, "-o", tmp_path / "out", "--model", "no_such_pipeline")
    assert result.returncode == 1
    assert "no_such_pipeline" in result.stderr and "Traceback" not in result.stderr
