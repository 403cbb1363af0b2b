"""Make ``ontology/encoder/argument-space.npz``: a linear map of the static encoder's
sentence vectors under which an argument lies close to the claim it argues about.

    pip install torch==2.13.0   # build time only
    python tools/train_argument_space.py

The static encoder (``ontology/encoder/``) places sentences by topic and wording, as
all-MiniLM-L6-v2 does; "Mobile phones are expensive" and "Every child should have a
mobile phone" share a topic but few words. A 256 x 256 matrix ``W`` is learnt so that,
after ``x -> normalise(x W)``, each perspective of PERSPECTRUM's train split is nearer
its own claims than the split's other claims: softmax cross-entropy over all train
claims at temperature 20, Adam, full batch, with ``lambda * |W - I|^2`` keeping the map
near the identity. ``lambda`` and the number of steps are chosen by 5-fold
cross-validation over the train split's claims (a perspective is scored against the
claims of its fold only, which it has never been trained on); the map is then fitted on
the whole train split. Prints, for the dev split, how often a perspective's nearest claim
is one of its own, before and after.

The map is used beside the plain vectors, never instead of them
(:meth:`~stancegraph.extract.positions.Catalogue.match_semantic`). It derives from
PERSPECTRUM and carries its licence, CC BY-SA 4.0 (``ontology/encoder/README.md``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch

from stancegraph.extract.encoder import StaticEncoder

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "corpus" / "perspectrum" / "pairs.jsonl"
OUT = ROOT / "ontology" / "encoder" / "argument-space.npz"
LAMBDAS = (0.003, 0.01, 0.03)
STEPS = (50, 100, 200, 400)
TEMPERATURE = 20.0


def split(name: str) -> tuple[list[str], list[str], np.ndarray]:
    """Claims, perspectives and the (perspective x claim) gold of a split, rows summing to 1."""
    rows = [json.loads(x) for x in PAIRS.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == name]
    claims = sorted({r["claim_id"]: r["claim"] for r in rows}.items())
    perspectives = sorted({r["perspective_id"]: r["perspective"].strip() for r in rows}.items())
    column = {cid: i for i, (cid, _) in enumerate(claims)}
    row = {pid: i for i, (pid, _) in enumerate(perspectives)}
    gold = np.zeros((len(perspectives), len(claims)), dtype=np.float32)
    for r in rows:
        gold[row[r["perspective_id"]], column[r["claim_id"]]] = 1.0
    return [t for _, t in claims], [t for _, t in perspectives], gold


def mapped(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.normalize(x @ w, dim=1)


def nearest_is_own(w, claims, perspectives, gold) -> float:
    with torch.no_grad():
        best = (mapped(perspectives, w) @ mapped(claims, w).T).argmax(dim=1)
    return float(gold[torch.arange(len(best)), best].gt(0).float().mean())


def fit(claims, perspectives, gold, lam: float, steps: int, report=None) -> torch.Tensor:
    """The map after ``steps`` full-batch Adam steps; ``report(step, w)`` at each step."""
    torch.manual_seed(0)
    identity = torch.eye(claims.shape[1])
    w = identity.clone().requires_grad_(True)
    optimiser = torch.optim.Adam([w], lr=1e-3)
    target = gold / gold.sum(dim=1, keepdim=True)
    for step in range(1, steps + 1):
        scores = TEMPERATURE * mapped(perspectives, w) @ mapped(claims, w).T
        loss = -(target * torch.log_softmax(scores, dim=1)).sum(dim=1).mean()
        loss = loss + lam * ((w - identity) ** 2).sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if report is not None:
            report(step, w)
    return w.detach()


def cross_validate(claims, perspectives, gold, folds: int = 5) -> tuple[float, int]:
    """(lambda, steps) with the best mean held-out accuracy, folds by claim."""
    fold_of_claim = np.arange(gold.shape[1]) % folds
    scores = {(lam, s): [] for lam in LAMBDAS for s in STEPS}
    for k in range(folds):
        held = torch.tensor(fold_of_claim == k)
        rows_held = gold[:, held].sum(dim=1) > 0
        rows_train = gold[:, ~held].sum(dim=1) > 0
        train = (claims[~held], perspectives[rows_train], gold[rows_train][:, ~held])
        test = (claims[held], perspectives[rows_held], gold[rows_held][:, held])
        for lam in LAMBDAS:

            def report(step, w, lam=lam, test=test):
                if step in STEPS:
                    scores[(lam, step)].append(nearest_is_own(w, *test))

            fit(*train, lam, max(STEPS), report)
    for (lam, steps), found in scores.items():
        print(f"lambda {lam:<6} steps {steps:4}: held-out nearest claim own {np.mean(found):.3f}")
    return max(scores, key=lambda key: np.mean(scores[key]))


def main() -> int:
    encoder = StaticEncoder.load()

    def tensors(name):
        claims, perspectives, gold = split(name)
        return (
            torch.tensor(encoder.encode(claims)),
            torch.tensor(encoder.encode(perspectives)),
            torch.tensor(gold),
        )

    train, dev = tensors("train"), tensors("dev")
    lam, steps = cross_validate(*train)
    w = fit(*train, lam, steps)
    before = nearest_is_own(torch.eye(w.shape[0]), *dev)
    print(f"chosen: lambda {lam}, {steps} steps")
    print(f"dev: nearest claim is own {before:.3f} plain, {nearest_is_own(w, *dev):.3f} mapped")
    np.savez_compressed(OUT, weights=w.numpy().astype(np.float32))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
