"""stancegraph as users install it: the wheel, built from this checkout and installed with
its extras into a fresh virtualenv outside the source tree, then used from there.

Every other test runs against the editable install, which reads data straight from the
checkout's folders; only here would a data file left out of the wheel show. The wheel
must hold every file of the package folders, and the installed command must build the
seeds, list and run every saved query, draw the page and run the notebook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pyshacl
import pytest
import rdflib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DIRS = PYPROJECT["tool"]["setuptools"]["package-dir"]
# The CPU build of torch first, as the Makefile and the README do: else the embeddings
# extra pulls a multi-GB CUDA build.
TORCH = "torch==2.13.0"
EXTRAS = "embeddings,notebook"


def package_files() -> set[str]:
    """Every file of the package folders (``package-dir``), named as in the wheel: what
    the wheel must hold. Hidden files and compiled Python are not the package's."""
    out = set()
    for package, folder in PACKAGE_DIRS.items():
        base = ROOT / folder
        for path in base.rglob("*"):
            rel = path.relative_to(base)
            if (
                path.is_file()
                and "__pycache__" not in rel.parts
                and path.suffix != ".pyc"
                and not any(part.startswith(".") for part in rel.parts)
            ):
                out.add(f"{package.replace('.', '/')}/{rel.as_posix()}")
    return out


def run(*args, cwd: Path, env: dict | None = None, timeout: float = 600):
    return subprocess.run(
        list(map(str, args)), capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout
    )


def ok(result) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{' '.join(result.args)}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of what the build reads (so that no build/ folder of
    an earlier build in the checkout can lend it a file)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", PYPROJECT["project"]["readme"]):
        shutil.copy2(ROOT / name, src / name)
    for folder in PACKAGE_DIRS.values():
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    ok(
        run(
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            tmp / "dist",
            src,
            cwd=tmp,
        )
    )
    (path,) = (tmp / "dist").glob("stancegraph-*.whl")
    return path


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A folder outside the source tree to work in."""
    return tmp_path_factory.mktemp("user")


@pytest.fixture(scope="module")
def env(wheel, home) -> dict:
    """A fresh virtualenv with the wheel and its extras installed, as a user would; the
    environment that runs its commands (its bin first, nothing of the checkout's)."""
    venv = home / "venv"
    ok(run(sys.executable, "-m", "venv", venv, cwd=home))
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-compile"]
    ok(run(*pip, TORCH, cwd=home, timeout=1200))
    ok(run(*pip, f"{wheel}[{EXTRAS}]", cwd=home, timeout=1200))
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        # the notebook's kernel: the venv's own python, not a kernel spec of the user's
        JUPYTER_DATA_DIR=str(home / "jupyter"),
        JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
        IPYTHONDIR=str(home / "ipython"),
    )
    out.pop("JUPYTER_PATH", None)
    return out


def stancegraph(env, *args, cwd: Path) -> subprocess.CompletedProcess:
    return ok(run(Path(env["VIRTUAL_ENV"]) / "bin" / "stancegraph", *args, cwd=cwd, env=env))


@pytest.fixture(scope="module")
def built(env, home) -> Path:
    """The seeds built by the installed command, matching positions by meaning (the
    embeddings extra)."""
    stancegraph(
        env, "build", ROOT / "seeds", "-o", "out", "--embeddings", "on", "--quiet", cwd=home
    )
    return home / "out"


def installed_queries(env) -> Path:
    python = Path(env["VIRTUAL_ENV"]) / "bin" / "python"
    code = "from stancegraph.ontology import data_path; print(data_path('queries'))"
    return Path(ok(run(python, "-c", code, cwd=Path(env["VIRTUAL_ENV"]), env=env)).stdout.strip())


def test_installed_wheel_holds_every_file_of_the_package_folders(wheel):
    with zipfile.ZipFile(wheel) as z:
        held = {name for name in z.namelist() if ".dist-info/" not in name}
    expected = package_files()
    assert not expected - held, f"left out of the wheel: {sorted(expected - held)}"
    assert not held - expected, f"in the wheel but not in the package folders: {held - expected}"
    data = {name for name in held if not name.endswith(".py")}
    assert {
        "stancegraph/ontology/queries/supporters.rq",
        "stancegraph/ontology/curation.example.yaml",
        "stancegraph/ontology/shapes.ttl",
        "stancegraph/graph/templates/page.html",
    } <= data


def test_installed_package_is_the_wheel_not_the_checkout(env, home):
    queries = installed_queries(env)
    assert Path(env["VIRTUAL_ENV"]) in queries.parents and ROOT not in queries.parents
    version = stancegraph(env, "--version", cwd=home).stdout.split()
    assert version == ["stancegraph", PYPROJECT["project"]["version"]]


def test_installed_query_list_names_every_saved_query(env, home):
    listed = stancegraph(env, "query", "--list", cwd=home).stdout.splitlines()
    names = {line.split()[0] for line in listed}
    assert names == {path.stem for path in (ROOT / "ontology" / "queries").glob("*.rq")}
    assert all(len(line.split()) > 3 for line in listed)  # each with its description


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "ontology/queries").glob("*.rq")))
def test_installed_every_saved_query_answers_on_the_seeds(env, built, home, name):
    result = stancegraph(
        env, "query", "--graph", built / "graph.ttl", name, "--format", "json", cwd=home
    )
    assert json.loads(result.stdout)["results"]["bindings"], name


def test_installed_unknown_saved_query_names_the_known_ones(env, built, home):
    result = run(
        Path(env["VIRTUAL_ENV"]) / "bin" / "stancegraph",
        "query",
        "--graph",
        built / "graph.ttl",
        "supporter",
        cwd=home,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        "stancegraph: error: no saved query 'supporter'; saved "
        "queries: actors-by-stances, agreements, "
    )
    assert "SPARQL" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_installed_build_finds_every_actor_as_sg_actor_without_inference(env, built, home):
    result = stancegraph(
        env,
        "query",
        "--graph",
        built / "graph.ttl",
        "SELECT ?a WHERE { ?a a sg:Actor }",
        "--format",
        "json",
        cwd=home,
    )
    found = {
        row["a"]["value"].rsplit("/", 1)[1]
        for row in json.loads(result.stdout)["results"]["bindings"]
    }
    lines = (built / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    actors = {json.loads(line)["id"] for line in lines}
    assert len(actors) > 5 and found == actors


def test_installed_build_conforms_to_the_shapes_as_it_stands(env, built):
    shapes = installed_queries(env).parent / "shapes.ttl"
    data = rdflib.Graph().parse(built / "graph.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=str(shapes))  # no -e, no -i
    assert conforms, text


def test_installed_render_draws_the_build_again(env, built, home):
    stancegraph(env, "render", built, "-o", "again.html", cwd=home)
    page = (home / "again.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "Zelensky" in page


NOTEBOOK_RUNNER = """\
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": str(path.parent)}}).execute()
nbformat.write(notebook, path)
"""


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_installed_notebook_runs_top_to_bottom(env, home, name):
    """Each notebook, beside a copy of the seeds as in the checkout, on the venv's kernel;
    a last cell of ours says which stancegraph the kernel imported."""
    work = home / "notebook-work"
    if not (work / "seeds").exists():
        shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "notebooks").mkdir(exist_ok=True)
    path = work / "notebooks" / name
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import stancegraph\nstancegraph.__file__"))
    nbformat.write(notebook, path)
    python = Path(env["VIRTUAL_ENV"]) / "bin" / "python"
    ok(run(python, "-c", NOTEBOOK_RUNNER, path, cwd=path.parent, env=env, timeout=900))
    executed = nbformat.read(path, as_version=4)
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "text/html" in {key for o in outputs for key in o.get("data", {})}  # tables, page
    imported = Path(executed.cells[-1].outputs[0]["data"]["text/plain"].strip("'"))
    assert Path(env["VIRTUAL_ENV"]) in imported.parents
