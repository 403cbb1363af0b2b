"""build --store, query and serve from the command line, on the seeds."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from stancegraph.extract.documents import normalise

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def cli(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "stancegraph.cli", *map(str, args)],
        capture_output=True, text=True, timeout=300, **kwargs,
    )  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "db"
    result = cli("build", SEEDS, "--store", path, "--quiet")
    assert result.returncode == 0, result.stderr
    return path


def dump(store: Path, tmp: Path) -> rdflib.Graph:
    out = tmp / "dump.nq"
    result = cli("query", "--store", store, "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.returncode == 0, result.stderr
    out.write_text(result.stdout, encoding="utf-8")
    return rdflib.Graph().parse(out, format="nt")


def test_cli_store_build_again_changes_nothing(store, tmp_path):
    before = dump(store, tmp_path)
    again = cli("build", SEEDS, "--store", store)
    assert again.returncode == 0, again.stderr
    assert "0 documents added, 0 replaced, 2 already there" in again.stderr
    assert isomorphic(before, dump(store, tmp_path))


def test_cli_views_of_a_store_without_inputs_are_those_its_build_writes(store, tmp_path):
    built = cli("build", SEEDS, "--store", store, "-o", tmp_path / "built", "--quiet")
    viewed = cli("build", "--store", store, "-o", tmp_path / "viewed", "--quiet")
    assert built.returncode == 0 and viewed.returncode == 0, built.stderr + viewed.stderr
    names = sorted(p.name for p in (tmp_path / "built").iterdir())
    assert {"statements.jsonl", "dna.csv", "graph.html"} <= set(names)
    for name in names:
        assert (tmp_path / "viewed" / name).read_bytes() == (tmp_path / "built" / name).read_bytes()


@pytest.mark.parametrize("where", [["-o", "out"], ["--store", "db"]])
def test_cli_build_without_inputs_needs_a_store_and_a_folder(tmp_path, where):
    result = cli("build", *where, cwd=tmp_path)
    assert result.returncode != 0
    assert "say what to read" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_build_twice_gives_isomorphic_graphs(tmp_path):
    for name in ("a", "b"):
        assert cli("build", SEEDS, "-o", tmp_path / name, "--quiet").returncode == 0
    first = rdflib.Graph().parse(tmp_path / "a" / "graph.ttl")
    second = rdflib.Graph().parse(tmp_path / "b" / "graph.ttl")
    assert isomorphic(first, second)


def test_cli_query_saved_with_binding(store):
    result = cli("query", "--store", store, "evidence", "--bind", "actor=Russia",
                 "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows and {r["actor"]["value"] for r in rows} == {"Russia"}
    originals = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in rows:
        text = originals[row["document"]["value"]]
        start, end = int(row["start"]["value"]), int(row["end"]["value"])
        # the offsets, into the original, are what was said; the evidence is its sentence
        # as normalised for the parser
        said = normalise(text[start:end])[0]
        assert said and said in row["sentence"]["value"]


def test_cli_query_errors_are_one_line(store):
    result = cli("query", "--store", store, "SELEKT nothing")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_serve_answers_sparql(store):
    process = subprocess.Popen(
        [sys.executable, "-m", "stancegraph.cli", "serve", "--store", str(store), "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = process.stderr.readline()
        assert "SPARQL endpoint at" in line, line
        url = line.split(" at ")[1].split()[0]
        query = urllib.parse.quote("SELECT ?l WHERE { ?a a sg:State ; rdfs:label ?l } ORDER BY ?l")
        request = urllib.request.Request(f"{url}?query={query}", headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as response:
            states = response.read().decode().split()
        assert {"Russia", "Ukraine"} <= set(states)
    finally:
        process.terminate()
        process.wait(timeout=20)
    # stopped by SIGTERM, it leaves no Oxigraph server of its own behind
    assert not _processes_with(f"--location\0{store}\0")


def _processes_with(argument: str) -> list[int]:
    """The running processes whose command line holds ``argument`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if argument in cmdline.read_bytes().decode(errors="replace"):
                found.append(int(cmdline.parent.name))
        except OSError:  # the process ended meanwhile
            continue
    return found


def test_cli_push_to_a_graph_store(store, tmp_path):
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    oxigraph = Path(sys.executable).with_name("oxigraph")
    server = subprocess.Popen(
        [str(oxigraph), "serve", "--location", str(tmp_path / "remote"),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        url = f"http://127.0.0.1:{port}"
        for _ in range(2):  # pushing again changes nothing
            result = cli("push", "--store", store, "--endpoint", f"{url}/store")
            assert result.returncode == 0, result.stderr
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        mine = cli("query", "--store", store, count, "--format", "csv").stdout.split()[-1]
        request = urllib.request.Request(
            f"{url}/query?query={urllib.parse.quote(count)}", headers={"Accept": "text/csv"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            theirs = response.read().decode().split()[-1]
        assert int(theirs) == int(mine) > 0
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_cli_push_unreachable_is_one_line(store):
    result = cli("push", "--store", store, "--endpoint", "http://127.0.0.1:9/store")
    assert result.returncode == 1 and "cannot reach" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def saved(store, name, *binds):
    args = [f"--bind={b}" for b in binds]
    result = cli("query", "--store", store, name, *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    return [{k: v["value"] for k, v in row.items()} for row in body["results"]["bindings"]]


def test_cli_every_saved_query_on_the_seeds(store):
    donbas = "Ukraine withdraws from the Donbas"
    supporters = saved(store, "supporters", f"position={donbas}")
    assert [r["actor"] for r in supporters] == ["Russia"]
    opponents = saved(store, "opponents", f"position={donbas}")
    assert [r["actor"] for r in opponents] == ["Ukraine"]
    with_russia = saved(store, "disagreements", "actor1=Russia")
    assert "Ukraine" in {r["actor2"] for r in with_russia}
    assert {r["actor1"] for r in with_russia} == {"Russia"}
    assert f"{donbas} (for)" in " | ".join(r["on"] for r in with_russia)
    agree = {(r["actor1"], r["actor2"]) for r in saved(store, "agreements")}
    assert agree and all((b, a) in agree for a, b in agree)  # listed both ways
    over_time = saved(store, "stances-over-time", "actor=Russia")
    assert over_time and {r["actor"] for r in over_time} == {"Russia"}
    ranking = saved(store, "actors-by-stances")
    assert ranking[0]["actor"] == "Ukraine" and int(ranking[0]["stances"]) >= 4
    roles = {(r["holder"], r["role"], r["of"]) for r in saved(store, "roles")}
    assert ("Dmitry Peskov", "spokespersonOf", "Russia") in roles
    for_russia = saved(store, "roles", "of=Russia")
    assert ("Dmitry Peskov", "spokespersonOf") in {(r["holder"], r["role"]) for r in for_russia}
    assert {r["of"] for r in for_russia} == {"Russia"}
