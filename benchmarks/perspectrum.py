"""PERSPECTRUM: statements against a catalogue of claims, by words and by meaning.

    python benchmarks/perspectrum.py [--split dev] [--encoder FILE.npz] [--no-minilm]
                                     [--skip-merge] [--pipeline]

PERSPECTRUM (``../shared/corpus/perspectrum``, CC BY-SA 4.0) pairs debate claims
with one-sentence perspectives that support or undermine them. Here a claim is a
concept of a catalogue and a perspective is a statement.

(a) Matching: every perspective of the split against a catalogue of all the
split's claims. Per matcher: *found* (the best concept is one of the
perspective's claims), *polarity* (right, among the found), and precision,
recall and F1 over (perspective, claim, polarity) triples, where a prediction
counts only if concept and polarity are both right; a matcher may predict
nothing under its threshold. Thresholds are chosen for best F1 on the train
split and applied to the split measured. Matchers: words (the lexical
``Catalogue.match``), all-MiniLM-L6-v2 (sentence-transformers), the static
encoder (NumPy, ``stancegraph.extract.encoder``), the static encoder in its
argument space (``Embedder.argue``, trained on the train split), and words first
with meaning for the rest. Polarity: always "support", a negation rule, or the polarity
model (``tools/stance_model.py``). Speed per 1,000 statements for
each, measured in the same run, with spaCy's parse as the yardstick.

(b) Merging: two perspectives of one claim are the same position when in the
same cluster, different otherwise. Precision and recall of the word rule
(``same_position``) and of a cosine threshold on each encoder, alone and
together (as ``paraphrase_clusters`` combines them).

(c) ``--pipeline``: the split as documents (one per perspective, with a speaker)
and the claims as a SKOS catalogue, through ``stancegraph.pipeline.build``;
scores the (document, concept, polarity) triples of the ``statements`` table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from stancegraph.extract.encoder import StaticEncoder
from stancegraph.extract.semantic import Embedder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from stance_model import StanceModel, lexical_features  # noqa: E402  (research code in tools/)

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "corpus" / "perspectrum" / "pairs.jsonl"
SUPPORT, UNDERMINE = "SUPPORT", "UNDERMINE"
#: thresholds tried on the polarity model's confidence
CONFIDENCE = (0.0, 0.1, 0.2, 0.3, 0.4)


class Split:
    """The claims, perspectives and gold (perspective, claim) -> stance of one split."""

    def __init__(self, name: str, path: Path = PAIRS):
        rows = [json.loads(x) for x in path.open(encoding="utf-8")]
        rows = [r for r in rows if r["split"] == name]
        self.rows = rows
        self.claims = dict(sorted({r["claim_id"]: r["claim"] for r in rows}.items()))
        self.claim_ids = list(self.claims)
        self.perspectives = dict(
            sorted({r["perspective_id"]: r["perspective"].strip() for r in rows}.items())
        )
        self.perspective_ids = list(self.perspectives)
        self.gold: dict[int, dict[int, str]] = defaultdict(dict)
        for r in rows:
            self.gold[r["perspective_id"]][r["claim_id"]] = r["stance"]

    def claim_texts(self) -> list[str]:
        return list(self.claims.values())

    def perspective_texts(self) -> list[str]:
        return list(self.perspectives.values())


def minilm() -> Callable[[Sequence[str]], np.ndarray]:
    """all-MiniLM-L6-v2 through sentence-transformers (the embeddings extra), as the
    build uses it."""
    from stancegraph.extract.semantic import Embedder, available

    if not available():
        raise SystemExit("all-MiniLM-L6-v2 needs the embeddings extra (or pass --no-minilm)")
    return Embedder(model=True).encode


def cached(encode: Callable, cache: Path) -> Callable[[Sequence[str]], np.ndarray]:
    """``encode`` with its vectors kept on disk by text, between runs."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "minilm-perspectrum.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as data:
            known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def encode_cached(texts: Sequence[str]) -> np.ndarray:
        missing = sorted(set(texts) - known.keys())
        if missing:
            known.update(zip(missing, encode(missing), strict=True))
            np.savez(path, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
        return np.stack([known[t] for t in texts])

    return encode_cached


# -- (a) matching ------------------------------------------------------------------


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(split: Split, best: list[int | None], polarity: list[str], keep: np.ndarray) -> dict:
    """Found, polarity right among found, and P/R/F1 over gold (perspective, claim) pairs."""
    n = len(split.perspective_ids)
    found = right = tp = predicted = 0
    for pid, claim, pol, kept in zip(split.perspective_ids, best, polarity, keep, strict=True):
        gold = split.gold[pid]
        if claim in gold:
            found += 1
            right += gold[claim] == pol
        if kept and claim is not None:
            predicted += 1
            tp += gold.get(claim) == pol
    p, r, f1 = prf(tp, predicted, len(split.rows))
    return {
        "found": found / n,
        "polarity": right / found if found else 0.0,
        "P": p,
        "R": r,
        "F1": f1,
        "predicted": predicted,
    }


def best_threshold(split: Split, best, polarity, scores) -> float:
    """The threshold on the best concept's score that gives the best F1 (0: keep all)."""
    candidates = [0.0, *np.quantile(scores, np.linspace(0.05, 0.6, 12))]
    return max(candidates, key=lambda t: score(split, best, polarity, scores >= t)["F1"])


class Matchers:
    """Every matcher's best concept and score per perspective of a split, and timings."""

    def __init__(self, encoders: dict[str, Callable], nlp, gazetteer, minilm_uncached=None):
        self.encoders = encoders
        self.minilm = minilm_uncached
        self.nlp = nlp
        self.gazetteer = gazetteer

    def words(self, split: Split, timing: dict | None = None):
        from stancegraph.extract.positions import Catalogue, Concept, content_terms

        concepts = [
            Concept(str(i), f"urn:claim:{i}", t, (), (), None) for i, t in split.claims.items()
        ]
        catalogue = Catalogue(concepts, self.nlp, self.gazetteer)
        started = time.perf_counter()
        docs = list(self.nlp.pipe(split.perspective_texts()))
        parsed = time.perf_counter()
        best, scores = [], []
        for doc in docs:
            found = catalogue.match(content_terms(doc, self.gazetteer))
            best.append(int(found[0][0].id) if found else None)
            scores.append(found[0][1] if found else 0.0)
        if timing is not None:
            n = len(docs) / 1000
            timing["spaCy parse (yardstick)"] = (parsed - started) / n
            timing["words (on the parse)"] = (time.perf_counter() - parsed) / n
        return best, np.array(scores), docs

    def by_meaning(self, name: str, split: Split):
        encode = self.encoders[name]
        u = encode(split.claim_texts())
        v = encode(split.perspective_texts())
        sims = v @ u.T
        top = sims.argmax(axis=1)
        return [split.claim_ids[i] for i in top], sims.max(axis=1), v


def polarities(
    split, best, model: StanceModel, static_v
) -> tuple[dict[str, list[str]], np.ndarray]:
    """Each perspective's polarity towards its best concept, three ways, and the polarity
    model's confidence (0 at p = 0.5, 1 at p = 0 or 1)."""
    claims = [split.claims[c] if c is not None else "" for c in best]
    texts = split.perspective_texts()
    lexical = lexical_features(claims, texts, {})
    u = model.encoder.encode(claims)
    p = model.support_from_vectors(u, static_v, claims, texts)
    return {
        "always support": [SUPPORT] * len(texts),
        "negation rule": [UNDERMINE if x else SUPPORT for x in lexical[:, 2]],
        "polarity model": [SUPPORT if x >= 0.5 else UNDERMINE for x in p],
    }, np.abs(p - 0.5) * 2


def matching(args, matchers: Matchers, model: StanceModel) -> None:
    train, dev = Split("train"), Split(args.split)
    timing: dict[str, float] = {}
    results = {}
    for split, t in ((train, None), (dev, timing)):
        static_v = matchers.encoders["static"](split.perspective_texts())
        words, w_scores, _ = matchers.words(split, t)
        rows = {"words": (words, w_scores)}
        for name in matchers.encoders:
            best, scores, _ = matchers.by_meaning(name, split)
            rows[name] = (best, scores)
            both = [w if w is not None else b for w, b in zip(words, best, strict=True)]
            # words' scores are in [0.5, 1]; a word match is kept whatever the threshold
            rows[f"words, then {name}"] = (both, np.where(w_scores > 0, 9.0, scores))
        results[split] = {
            name: (best, scores, polarities(split, best, model, static_v))
            for name, (best, scores) in rows.items()
        }
    print(
        f"\n(a) {args.split}: {len(dev.perspective_ids)} perspectives ({len(dev.rows)} gold "
        f"pairs) against {len(dev.claims)} claims; thresholds chosen on train"
    )
    print(
        f"{'matcher':28} {'polarity':15} {'found':>6} {'pol.':>6} {'thresh':>7} "
        f"{'P':>6} {'R':>6} {'F1':>6}   F1 (no threshold)"
    )
    for name, (best, scores, (pols, sure)) in results[dev].items():
        t_best, t_scores, (t_pols, t_sure) = results[train][name]
        for how, pol in pols.items():
            t = 0.0 if name == "words" else best_threshold(train, t_best, t_pols[how], t_scores)
            m = score(dev, best, pol, scores >= t)
            m0 = score(dev, best, pol, np.ones(len(best), bool))
            print(
                f"{name:28} {how:15} {m['found']:6.3f} {m['polarity']:6.3f} {t:7.3f} "
                f"{m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f}   {m0['F1']:.3f}"
            )
        # the polarity model abstaining when unsure: a second threshold, on its confidence
        pol = pols["polarity model"]
        t, c = max(
            ((t, c) for t in (0.0, *np.quantile(t_scores, (0.1, 0.2, 0.3))) for c in CONFIDENCE),
            key=lambda tc: score(
                train, t_best, t_pols["polarity model"], (t_scores >= tc[0]) & (t_sure >= tc[1])
            )["F1"],
        )
        m = score(dev, best, pol, (scores >= t) & (sure >= c))
        print(
            f"{name:28} {'model, sure>=' + str(c):15} {m['found']:6.3f} {m['polarity']:6.3f} "
            f"{t:7.3f} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f}"
        )
    speed(dev, matchers, timing)
    base = timing["spaCy parse (yardstick)"]
    print(f"\nspeed per 1,000 statements ({args.split} perspectives; catalogue encoded apart)")
    for name, seconds in timing.items():
        print(f"{name:28} {seconds * 1000:9.1f} ms   {seconds / base:6.3f} x spaCy's parse")


def speed(split: Split, matchers: Matchers, timing: dict) -> None:
    """Seconds per 1,000 perspectives for each encoder, from a cold start (no cache)."""
    texts = split.perspective_texts()
    static = matchers.encoders["static"].__self__
    fresh = StaticEncoder(list(static.index), static.vectors)
    for name, encode in (("static (cold)", fresh.encode), ("static (warm)", fresh.encode)):
        started = time.perf_counter()
        encode(texts)
        timing[name] = (time.perf_counter() - started) / len(texts) * 1000
    vectors = fresh.encode(texts)
    started = time.perf_counter()
    Embedder(model=False).argue(vectors)
    timing["argument space (on static)"] = (time.perf_counter() - started) / len(texts) * 1000
    if matchers.minilm is not None:
        started = time.perf_counter()
        matchers.minilm(texts)
        timing["MiniLM"] = (time.perf_counter() - started) / len(texts) * 1000


# -- (b) merging -------------------------------------------------------------------


def merging(args, matchers: Matchers) -> None:
    from stancegraph.extract.positions import content_terms, same_position

    split = Split(args.split)
    by_claim = defaultdict(list)
    for r in split.rows:
        by_claim[r["claim_id"]].append((r["perspective_id"], r["cluster"]))
    pairs = [
        (a, b, ca == cb)
        for members in by_claim.values()
        for i, (a, ca) in enumerate(members)
        for b, cb in members[i + 1 :]
        if a != b
    ]
    same = np.array([s for _, _, s in pairs])
    index = {pid: i for i, pid in enumerate(split.perspective_ids)}
    docs = matchers.nlp.pipe(split.perspective_texts())
    terms = [frozenset(content_terms(d, matchers.gazetteer)) for d in docs]
    word_rule = np.array([same_position(terms[index[a]], terms[index[b]]) for a, b, _ in pairs])
    print(
        f"\n(b) merging: {len(pairs)} pairs of perspectives of one claim, "
        f"{same.sum()} in one cluster (same position)"
    )
    print(f"{'rule':34} {'P':>6} {'R':>6} {'F1':>6} {'merged':>7}")

    def line(name, merged):
        tp = int((merged & same).sum())
        p, r, f1 = prf(tp, int(merged.sum()), int(same.sum()))
        print(f"{name:34} {p:6.3f} {r:6.3f} {f1:6.3f} {int(merged.sum()):7}")

    line("words (same_position)", word_rule)
    for name, encode in matchers.encoders.items():
        v = encode(split.perspective_texts())
        cos = np.array([float(v[index[a]] @ v[index[b]]) for a, b, _ in pairs])
        for t in args.merge_thresholds:
            line(f"{name} cosine >= {t}", cos >= t)
            line(f"  words or {name} >= {t}", word_rule | (cos >= t))


# -- (c) the whole pipeline ----------------------------------------------------------


def catalogue_turtle(split: Split) -> str:
    lines = [
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix claim: <https://example.org/perspectrum/claim/> .",
    ]
    for cid, text in split.claims.items():
        label = json.dumps(text.strip(), ensure_ascii=False)
        lines.append(f"claim:c{cid} a skos:Concept ; skos:prefLabel {label}@en .")
    return "\n".join(lines) + "\n"


def pipeline(args) -> None:
    from stancegraph.pipeline import build

    split = Split(args.split)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = tmp / "perspectives.jsonl"
        with docs.open("w", encoding="utf-8") as out:
            for n, (pid, text) in enumerate(split.perspectives.items()):
                row = {"id": f"p{pid}", "text": text, "speaker": f"Speaker {n % 97}"}
                out.write(json.dumps(row) + "\n")
        catalogue = tmp / "claims.ttl"
        catalogue.write_text(catalogue_turtle(split), encoding="utf-8")
        started = time.perf_counter()
        meaning = {"on": True, "off": False, "static": "static"}[args.embeddings]
        build([docs], tmp / "out", positions=catalogue, embeddings=meaning)
        seconds = time.perf_counter() - started
        statements = [
            json.loads(x) for x in (tmp / "out" / "statements.jsonl").open(encoding="utf-8")
        ]
    predicted = set()
    for s in statements:
        pid, pos, pol = s.get("doc", ""), s.get("position_id") or "", s.get("polarity")
        if pos.startswith("c") and pol in ("support", "oppose"):
            stance = SUPPORT if pol == "support" else UNDERMINE
            predicted.add((int(pid.removeprefix("p")), int(pos.removeprefix("c")), stance))
    gold = {(r["perspective_id"], r["claim_id"], r["stance"]) for r in split.rows}
    p, r, f1 = prf(len(predicted & gold), len(predicted), len(gold))
    print(
        f"\n(c) pipeline, embeddings={args.embeddings}: {len(statements)} statements, "
        f"{len(predicted)} (document, claim, polarity) predicted; "
        f"P={p:.3f} R={r:.3f} F1={f1:.3f} ({seconds:.0f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--encoder", type=Path, default=None, help="static vectors (.npz)")
    parser.add_argument("--stance-model", type=Path, default=None, help="polarity model (.npz)")
    parser.add_argument("--no-minilm", action="store_true", help="leave out all-MiniLM-L6-v2")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="keep MiniLM's vectors here between runs (its timing is not)",
    )
    parser.add_argument("--skip-match", action="store_true")
    parser.add_argument("--skip-merge", action="store_true")
    parser.add_argument(
        "--merge-thresholds", type=float, nargs="+", default=[0.6, 0.7, 0.75, 0.8, 0.85, 0.9]
    )
    parser.add_argument("--pipeline", action="store_true", help="also (c), the whole build")
    parser.add_argument("--embeddings", choices=("on", "off", "static"), default="on",
                        help="for --pipeline")  # fmt: skip
    args = parser.parse_args()

    from stancegraph.extract.gazetteer import Gazetteer
    from stancegraph.extract.nlp import load_pipeline

    started = time.perf_counter()
    encoder = StaticEncoder.load(args.encoder)
    print(
        f"static encoder loaded in {time.perf_counter() - started:.2f} s "
        f"({len(encoder.index)} tokens x {encoder.dim})"
    )
    encoders = {"static": encoder.encode}
    static = Embedder(model=False)
    # the plain vectors mapped by the shipped argument space (tools/train_argument_space.py)
    encoders["static, argument space"] = lambda texts: static.argue(encoder.encode(texts))
    uncached = None
    if not args.no_minilm:
        started = time.perf_counter()
        uncached = minilm()
        print(f"all-MiniLM-L6-v2 loaded in {time.perf_counter() - started:.2f} s")
        encoders["MiniLM"] = cached(uncached, args.cache) if args.cache else uncached
    model = StanceModel.load(args.stance_model, encoder=encoder)
    gazetteer = Gazetteer.load()
    matchers = Matchers(encoders, load_pipeline(gazetteer), gazetteer, uncached)
    if not args.skip_match:
        matching(args, matchers, model)
    if not args.skip_merge:
        merging(args, matchers)
    if args.pipeline:
        pipeline(args)


if __name__ == "__main__":
    main()
