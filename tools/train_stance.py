"""Make ``tools/stance/perspectrum-lr.npz``: the polarity model of
``tools/stance_model.py``, trained on PERSPECTRUM's train split.

    pip install scikit-learn vaderSentiment   # build time only
    python tools/train_stance.py [--compare] [--cache DIR]

Logistic regression (scikit-learn) over :func:`stance_model.pair_features`
of (claim, perspective) pairs; the regularisation is chosen by 5-fold cross-validation
on the train split, folds by claim, so that it is chosen for claims it has not seen.
Prints accuracy on the dev split against the majority class; ``--compare`` also
trains the same classifier on other feature sets, among them all-MiniLM-L6-v2's own
sentence vectors (needs the embeddings extra). The weights derive from PERSPECTRUM
and carry its licence, CC BY-SA 4.0; the lexicon stored beside them is VADER's
(MIT). See ``tools/stance/NOTICE.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from stance_model import lexical_features  # beside this file

from stancegraph.extract.encoder import StaticEncoder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from perspectrum import cached, minilm  # noqa: E402  (the benchmark's encoders)

PAIRS = ROOT.parent / "shared" / "corpus" / "perspectrum" / "pairs.jsonl"
OUT = ROOT / "tools" / "stance" / "perspectrum-lr.npz"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)


def load_pairs(split: str) -> list[dict]:
    rows = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    return [r for r in rows if r["split"] == split]


def vader_lexicon() -> dict[str, float]:
    """Single words of VADER's lexicon (emoticons and phrases left out)."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, mean, *_ = line.split("\t")
        if word.isalpha() or ("'" in word and word.replace("'", "").isalpha()):
            lexicon[word.lower()] = float(mean)
    return lexicon


def minilm_encoder(cache: Path):
    """all-MiniLM-L6-v2 itself, its vectors cached on disk by text (shared with
    ``benchmarks/perspectrum.py --cache``)."""
    return cached(minilm(), cache)


def features(rows, encode, valence, parts):
    claims = [r["claim"] for r in rows]
    persp = [r["perspective"] for r in rows]
    u, v = encode(claims), encode(persp)
    blocks = {
        "u*v": lambda: u * v,
        "|u-v|": lambda: np.abs(u - v),
        "v": lambda: v,
        "lexical": lambda: lexical_features(claims, persp, valence),
    }
    return np.hstack([blocks[p]() for p in parts]).astype(np.float32)


def fit(x_train, y_train, groups):
    """Standardise, choose C by grouped cross-validation, refit on all of train."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    mean, scale = x_train.mean(axis=0), x_train.std(axis=0) + 1e-6
    z = (x_train - mean) / scale
    scores = {
        c: cross_val_score(
            LogisticRegression(C=c, max_iter=2000), z, y_train, groups=groups, cv=GroupKFold(5)
        ).mean()
        for c in C_GRID
    }
    best = max(scores, key=scores.get)
    model = LogisticRegression(C=best, max_iter=2000).fit(z, y_train)
    return model, mean, scale, best, scores[best]


def evaluate(name, parts, encode, valence, train, dev):
    y_train = np.array([r["stance"] == "SUPPORT" for r in train])
    y_dev = np.array([r["stance"] == "SUPPORT" for r in dev])
    x_train = features(train, encode, valence, parts)
    x_dev = features(dev, encode, valence, parts)
    model, mean, scale, c, cv = fit(x_train, y_train, [r["claim_id"] for r in train])
    accuracy = float((model.predict((x_dev - mean) / scale) == y_dev).mean())
    print(f"{name:38} C={c:<5} train-CV {cv:.3f}  dev accuracy {accuracy:.3f}")
    return model, mean, scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", type=Path, default=None, help="a .npz; default: shipped")
    parser.add_argument("--compare", action="store_true", help="other feature sets, MiniLM too")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/stancegraph-distil"))
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    train, dev = load_pairs("train"), load_pairs("dev")
    valence = vader_lexicon()
    static = StaticEncoder.load(args.encoder).encode
    majority = max(np.mean([r["stance"] == "SUPPORT" for r in dev]), 0.0)
    majority = max(majority, 1 - majority)
    print(f"{len(train)} train pairs, {len(dev)} dev pairs; majority class on dev {majority:.3f}")
    shipped = ("u*v", "|u-v|", "v", "lexical")
    if args.compare:
        minilm = minilm_encoder(args.cache)
        for name, parts, encode in (
            ("lexical only", ("lexical",), static),
            ("static: u*v |u-v| v", shipped[:3], static),
            ("MiniLM: u*v |u-v| v", shipped[:3], minilm),
            ("MiniLM: u*v |u-v| v + lexical", shipped, minilm),
        ):
            evaluate(name, parts, encode, valence, train, dev)
    model, mean, scale = evaluate(
        "static: u*v |u-v| v + lexical (shipped)", shipped, static, valence, train, dev
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.output,
        weights=model.coef_[0].astype(np.float32),
        bias=np.float32(model.intercept_[0]),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        lexicon=np.array(list(valence)),
        valence=np.array(list(valence.values()), dtype=np.float32),
    )
    print(f"{args.output}: {args.output.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
