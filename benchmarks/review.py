"""How long a review takes from an action to the updated view, against rebuilding with the file.

    python benchmarks/review.py seeds
    python benchmarks/review.py bbc [--articles 300] [--entries 1000]

Builds the corpus (the seed articles, or the first N politics articles of
../shared/corpus/bbc_news_2225), serves a review of it on 127.0.0.1 and acts
through HTTP as the page does: each action is a POST, and it counts as shown
when the page's three reads after it (the state, the statements listed, an
actor's panel) have answered. Actions: confirm, set a polarity, drop, merge two
actors, undo, each several times; then again with a curation file that
already holds ``--entries`` confirmations. The baseline, measured in the same
run, is what showing a correction took before: building the corpus again with
the curation file (whose tables must be the review's, byte for byte).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from stancegraph.graph.tables import TABLES, write_tables
from stancegraph.pipeline import build
from stancegraph.review.server import start_review

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl"


class Page:
    """What the review page does over HTTP: a cookie, the token header, JSON."""

    def __init__(self, server):
        self.base = server.base_url
        self.token = server.token
        self.http = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.http.open(server.url, timeout=30).read()
        self.facets = self.get("/api/facets")["facets"]

    def get(self, path: str):
        with self.http.open(self.base + path, timeout=60) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict):
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-Review-Token": self.token},
        )
        with self.http.open(request, timeout=60) as response:
            return json.loads(response.read())

    def shown(self, path: str, body: dict, actor: str) -> tuple[float, dict]:
        """Seconds from sending an action to the page having read the updated view."""
        started = time.perf_counter()
        answer = self.post(path, body)
        state = self.get("/api/state")
        if state["facets"] != self.facets:  # names changed: the filters are read again
            self.facets = self.get("/api/facets")["facets"]
        self.get("/api/statements?limit=25")
        self.get(f"/api/actor?id={actor}")
        return time.perf_counter() - started, answer


def corpus(name: str, articles: int, folder: Path) -> list[Path]:
    if name == "seeds":
        return [ROOT / "seeds"]
    rows = [json.loads(line) for line in BBC.open(encoding="utf-8")]
    chosen = [r for r in rows if r.get("category") == "politics"][:articles]
    path = folder / "bbc.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    return [path]


def actions(page: Page, rounds: int) -> dict[str, list[float]]:
    """Each kind of action ``rounds`` times; returns seconds per kind."""
    times: dict[str, list[float]] = {}
    actors = [a["id"] for a in page.get("/api/facets")["actors"]]
    merges = []
    for n in range(rounds):
        rows = page.get("/api/statements?status=unreviewed&limit=3")["rows"]
        confirm, flip, drop = rows[0], rows[1], rows[2]
        for kind, body in (
            ("confirm", {"action": "confirm", "statement": confirm["id"]}),
            (
                "polarity",
                {
                    "action": "polarity",
                    "statement": flip["id"],
                    "polarity": "neutral" if flip["polarity"] != "neutral" else "support",
                },
            ),
            ("drop", {"action": "drop", "statement": drop["id"]}),
            (
                "merge actors",
                {"action": "merge_actors", "actors": [actors[2 * n], actors[2 * n + 1]]},
            ),
        ):
            seconds, answer = page.shown("/api/action", body, confirm["actor_id"])
            times.setdefault(kind, []).append(seconds)
            if kind == "merge actors":
                merges.append(answer["entry"]["fingerprint"])
    for fingerprint in merges:  # the actors are apart again for the next run
        seconds, _ = page.shown("/api/undo", {"entry": fingerprint}, actors[0])
        times.setdefault("undo", []).append(seconds)
    return times


def report(label: str, times: dict[str, list[float]], baseline: float) -> None:
    print(f"\n{label}: seconds from an action to the updated view (median, max of n)")
    for kind, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"  {kind:13} {median:7.3f} {max(seconds):7.3f}  (n={len(seconds)})  "
            f"rebuild / review = {baseline / median:8.0f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("seeds", "bbc"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = corpus(args.corpus, args.articles, folder)
        started = time.perf_counter()
        built = build(inputs, folder / "out")
        t_build = time.perf_counter() - started
        n_statements = len(built.extraction.statements)
        print(
            f"{args.corpus}: {built.documents} documents, {n_statements} statements, "
            f"built in {t_build:.1f} s"
        )

        fixes = folder / "fixes.yaml"
        server = start_review(folder / "out", fixes)
        try:
            page = Page(server)
            fresh = actions(page, args.rounds)
            view = server.review.refresh()
            left = [
                view.statements[j]
                for j in range(len(view.statements))
                if view.status(j)[0] == "unreviewed"
            ]
            room = max(len(left) - 3 * args.rounds, 0)  # some left to review
            many = [
                {"doc": s.doc, "start": s.start, "cue_start": s.cue_start}
                for s in left[len(left) - min(args.entries, room) :]
            ]
            data = yaml.safe_load(fixes.read_text(encoding="utf-8"))
            data["confirm"] = (data.get("confirm") or []) + many
            fixes.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
            page.get("/api/state")  # read again
            entries = sum(len(v) for k, v in data.items() if k != "version")
            full = actions(page, args.rounds)
            shown = server.review.view.extraction
        finally:
            server.close()

        started = time.perf_counter()
        build(inputs, folder / "rebuilt", curation=fixes)
        t_rebuild = time.perf_counter() - started
        write_tables(shown, folder / "shown")
        same = all(
            (folder / "shown" / n).read_bytes() == (folder / "rebuilt" / n).read_bytes()
            for n in TABLES
        )
    print(
        f"baseline: build again with the curation file: {t_rebuild:.1f} s; "
        f"its tables are the review's: {'yes' if same else 'NO'}"
    )
    report("a new curation file", fresh, t_rebuild)
    report(f"a curation file of {entries} entries", full, t_rebuild)


if __name__ == "__main__":
    main()
