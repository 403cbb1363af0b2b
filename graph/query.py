"""SPARQL over a build: a store, or an RDF file loaded into memory, and saved queries.

Queries see the union of all graphs as their default graph, so they need no
``GRAPH`` clause; the ``GRAPH`` clause still finds one document's named graph.
Our prefixes (``sg:``, ``skos:``, ``rdfs:``, ``actor:`` ...) are declared for
you. Saved queries live in ``ontology/queries/*.rq``; the comment lines at the
top of each say what it answers and which variables can be bound.

>>> store = open_source(graph=None)  # an empty in-memory store
>>> result = run_query(store, "SELECT (1 + 1 AS ?two) WHERE {}")
>>> format_result(result, "csv").decode().split()
['two', '2']
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from stancegraph.errors import InputError, StancegraphError
from stancegraph.graph.rdf import PREFIXES, rdf_format
from stancegraph.graph.store import open_store
from stancegraph.ontology import data_path

__all__ = [
    "OUTPUT_FORMATS",
    "records",
    "SavedQuery",
    "format_result",
    "load_query",
    "looks_like_sparql",
    "open_source",
    "run_query",
    "saved_queries",
    "with_values",
]


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    description: str
    text: str


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries of ``ontology/queries``, by name.

    >>> saved_queries()["supporters"].path.name
    'supporters.rq'
    """
    folder = data_path("queries")
    if not folder.is_dir():
        raise StancegraphError(f"the saved queries are missing ({folder}): reinstall stancegraph")
    out = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        out[path.stem] = SavedQuery(path.stem, path, " ".join(comments), text)
    return out


#: how a SPARQL query opens: comments, then PREFIX / BASE or the query form
_SPARQL_START = re.compile(
    r"\s*(?:#[^\n]*(?:\n|$)\s*)*(?:PREFIX|BASE|SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE
)


def looks_like_sparql(text: str) -> bool:
    r"""Whether ``text`` opens as a SPARQL query does (a saved query's name does not).

    >>> looks_like_sparql("# who\nSELECT ?a WHERE { ?a a sg:Actor }")
    True
    >>> looks_like_sparql("supporter")
    False
    """
    return _SPARQL_START.match(text) is not None


def load_query(query: str | None = None, file: str | Path | None = None) -> str:
    """The text of a query given inline, as a saved query's name, or in a file.

    Text that opens as SPARQL is taken as SPARQL; anything else must be the name of
    a saved query, and an unknown name is an error that lists the known ones.

    >>> load_query("supporter")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    stancegraph.errors.StancegraphError: no saved query 'supporter'; saved queries: ...
    """
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(f"{file}: cannot read the query: {err.strerror or err}") from None
    if query is None:
        raise StancegraphError("give a query, a saved query's name or -f FILE.rq")
    if looks_like_sparql(query):
        return query
    saved = saved_queries()
    if query in saved:
        return saved[query].text
    known = f"saved queries: {', '.join(saved)}"
    if re.fullmatch(r"[\w.-]+", query):
        raise StancegraphError(f"no saved query {query!r}; {known}")
    raise StancegraphError(
        f"{' '.join(query.split())[:60]!r} is neither a SPARQL query (SELECT, CONSTRUCT, ASK "
        f"or DESCRIBE, after any PREFIX) nor a saved query's name; {known}"
    )


def open_source(*, store: str | Path | None = None, graph: str | Path | None = None) -> ox.Store:
    """A store to query: an on-disk store opened read-only, or an RDF file loaded
    into memory (its format told by its extension)."""
    if store is not None:
        return open_store(store, read_only=True)
    memory = ox.Store()
    if graph is not None:
        ox_format, _ = rdf_format(graph)
        try:
            memory.bulk_load(path=str(graph), format=ox_format)
        except (OSError, SyntaxError, ValueError) as err:
            message = " ".join(str(err).split())[:200]
            raise InputError(f"{graph}: cannot load the graph: {message}") from None
    return memory


def _term(value: str) -> ox.NamedNode | ox.Literal:
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    return ox.Literal(value)


def run_query(
    store: ox.Store, sparql: str, bindings: dict[str, str] | None = None
) -> ox.QuerySolutions | ox.QueryTriples | bool:
    """Run a SPARQL query; ``bindings`` fix variables to values (``<iri>`` or text).

    The bindings go into the query as a ``VALUES`` block at the start of its
    ``WHERE`` group, where Oxigraph's planner starts from them: a saved query
    bound to one actor and one position on 850 k quads takes milliseconds, not
    the seconds of binding the results afterwards (Oxigraph's ``substitutions``),
    which is what a query gets whose ``WHERE`` group cannot be found.
    """
    query, substitutions = sparql, None
    if bindings:
        query = with_values(sparql, bindings) or sparql
        if query is sparql:
            substitutions = {ox.Variable(k): _term(v) for k, v in bindings.items()}
    try:
        return store.query(
            query,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions,
        )
    except SyntaxError as err:
        raise StancegraphError(f"SPARQL syntax error: {' '.join(str(err).split())}") from None
    except OSError as err:
        raise StancegraphError(f"SPARQL query failed: {' '.join(str(err).split())}") from None


#: what the search for a query's WHERE group steps over: comments, strings, IRIs
_QUERY_TOKENS = re.compile(
    r'''(?P<skip>#[^\n]*|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'''
    r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>)|(?P<where>(?<![?$:\w])WHERE\b)|(?P<brace>\{)""",
    re.IGNORECASE,
)


def with_values(sparql: str, bindings: dict[str, str]) -> str | None:
    """The query with ``VALUES`` for ``bindings`` opening its ``WHERE`` group, or None
    if there is no such group.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": "Oslo"}))
    SELECT ?x WHERE { VALUES (?o) { ("Oslo") } ?x ?p ?o }
    """
    braces, after_where = [], None
    for match in _QUERY_TOKENS.finditer(sparql):
        if match.lastgroup == "where" and after_where is None:
            after_where = len(braces)
        elif match.lastgroup == "brace":
            braces.append(match.end())
    if not braces:
        return None
    at = braces[after_where] if after_where is not None and after_where < len(braces) else braces[0]
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(_term(value)) for value in bindings.values())
    return f"{sparql[:at]} VALUES ({names}) {{ ({row}) }}{sparql[at:]}"


#: output format name -> what it is for
OUTPUT_FORMATS = {
    "table": "aligned columns for reading",
    "csv": "SPARQL 1.1 CSV results",
    "tsv": "SPARQL 1.1 TSV results",
    "json": "SPARQL 1.1 JSON results",
    "xml": "SPARQL 1.1 XML results",
}
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
_GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "csv": ox.RdfFormat.N_TRIPLES,
                  "tsv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD,
                  "xml": ox.RdfFormat.RDF_XML}  # fmt: skip


def format_result(result, fmt: str = "table", *, width: int = 60) -> bytes:
    """Results as bytes: a table, or a SPARQL results format (graphs as RDF)."""
    if fmt not in OUTPUT_FORMATS:
        raise StancegraphError(f"unknown output format {fmt!r} (use {', '.join(OUTPUT_FORMATS)})")
    if isinstance(result, bool) or isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return b"true\n" if bool(result) else b"false\n"
        return result.serialize(format=_RESULT_FORMATS[fmt])
    if isinstance(result, ox.QueryTriples):
        prefixes = PREFIXES if fmt == "table" else None
        return ox.serialize(list(result), format=_GRAPH_FORMATS[fmt], prefixes=prefixes)
    if fmt != "table":
        return result.serialize(format=_RESULT_FORMATS[fmt])
    return _table(result, width).encode("utf-8")


_NUMBERS = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
}


def records(result: ox.QuerySolutions) -> list[dict]:
    """SELECT results as plain rows (numbers as numbers), ready for ``pandas.DataFrame``."""
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if term is None:
                row[name] = None
            elif isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
                row[name] = _NUMBERS[term.datatype.value](term.value)
            else:
                row[name] = term.value
        rows.append(row)
    return rows


def _cell(term, width: int) -> str:
    if term is None:
        return ""
    text = term.value if hasattr(term, "value") else str(term)
    text = " ".join(text.split())
    for prefix, iri in PREFIXES.items():
        if isinstance(term, ox.NamedNode) and text.startswith(iri):
            text = f"{prefix}:{text[len(iri) :]}"
            break
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _table(solutions: ox.QuerySolutions, width: int) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[name], width) for name in names] for row in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def parse_bindings(items: list[str]) -> dict[str, str]:
    """``["actor=Russia", "position=Sanctions on Russia"]`` -> a dict; one-line errors."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.match(r"^[A-Za-z_]\w*$", name):
            raise StancegraphError(f"--bind {item!r}: write NAME=VALUE")
        out[name] = value
    return out
