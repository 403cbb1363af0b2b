"""The house's shape: imports run one way, and views see extraction only through records."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "stancegraph": ROOT / "stancegraph",
    "stancegraph.extract": ROOT / "extract",
    "stancegraph.graph": ROOT / "graph",
    "stancegraph.ontology": ROOT / "ontology",
    "stancegraph.review": ROOT / "stancegraph" / "review",
}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.glob("*.py"):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every stancegraph module a file imports, function-local imports included."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        out |= {name for name in names if name in known}
    return out


def import_graph() -> nx.DiGraph:
    found = modules()
    graph = nx.DiGraph()
    for name, path in found.items():
        graph.add_node(name)
        for target in imports_of(path, set(found)):
            if target != name:
                graph.add_edge(name, target)
    return graph


def test_no_import_cycles():
    graph = import_graph()
    assert len(graph) > 30
    assert list(nx.simple_cycles(graph)) == []


def test_views_see_extraction_only_through_records():
    graph = import_graph()
    for module in graph:
        if module.startswith("stancegraph.graph."):
            extract = {t for t in graph.successors(module) if t.startswith("stancegraph.extract")}
            assert extract <= {"stancegraph.extract.records"}, module


def test_scripts_import_what_exists():
    """Every name a benchmark or tool script imports from the package exists, so a
    rename in the package cannot leave a script that fails on its first line."""
    import importlib

    scripts = sorted((ROOT / "benchmarks").glob("*.py")) + sorted((ROOT / "tools").glob("*.py"))
    assert len(scripts) > 10
    missing = []
    for path in scripts:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stancegraph"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        missing.append(f"{path.name}: {node.module}.{alias.name}")
    assert missing == []
