"""Sentence vectors without a neural network: static token vectors, NumPy only.

A sentence vector here is the mean of one vector per WordPiece token, scaled
to unit length. The token vectors were distilled from all-MiniLM-L6-v2 (each
token passed through the model alone, reduced by PCA, weighted by how rare the
token is, then tuned so that a sentence's mean matches the model's own sentence
vector on UN General Debate speeches): see ``ontology/encoder/README.md`` and
``tools/distil_encoder.py``. Encoding needs no torch, no tokenizers library
and no download; it runs in microseconds per sentence, and its vectors are
close to, though coarser than, the model's (``benchmarks/perspectrum.py``
measures both).

>>> encoder = StaticEncoder.load()
>>> vectors = encoder.encode(["Taxes on fuel should rise.", "Fuel duty must go up."])
>>> vectors.shape[0], vectors.dtype.name
(2, 'float32')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from stancegraph.ontology import data_path

__all__ = ["StaticEncoder", "wordpiece"]

#: the encoder shipped in ``ontology/encoder/``
DEFAULT_VECTORS = "encoder/minilm-static.npz"
_MAX_WORD = 100  # BERT's limit: a longer "word" is one unknown token


def _is_punctuation(char: str) -> bool:
    """BERT's notion: ASCII symbols, and any Unicode punctuation (``P*``)."""
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2FA1F
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def _normalise(text: str) -> str:
    """Lower case, accents stripped, control characters dropped (BERT uncased)."""
    text = _CONTROL.sub("", text).lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFD", text)
    # Accents (Mn) and invisible format characters (C*: zero-width marks) go.
    return "".join(
        c for c in text if c.isspace() or not unicodedata.category(c).startswith(("Mn", "C"))
    )


def _split_word(word: str) -> list[str]:
    """One whitespace-separated chunk into words: punctuation and CJK characters alone."""
    if word.isalnum() and word.isascii():
        return [word]
    pieces: list[str] = []
    current = ""
    for char in word:
        if _is_punctuation(char) or _is_cjk(char):
            if current:
                pieces.append(current)
                current = ""
            pieces.append(char)
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wordpiece(text: str, vocab: dict[str, int] | set[str]) -> list[str]:
    """BERT's uncased WordPiece: greedy longest match, ``##`` for a word's later pieces.

    A word that cannot be spelled with the vocabulary is ``[UNK]``.

    >>> wordpiece("Unaffordable phones!", {"una", "##ff", "##ordable", "phones", "!"})
    ['una', '##ff', '##ordable', 'phones', '!']
    """
    out: list[str] = []
    for chunk in _normalise(text).split():
        for word in _split_word(chunk):
            out.extend(_pieces(word, vocab))
    return out


def _pieces(word: str, vocab) -> list[str]:
    if len(word) > _MAX_WORD:
        return ["[UNK]"]
    pieces = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                break
            end -= 1
        else:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


class StaticEncoder:
    """Unit-length sentence vectors from static token vectors; cosine is a dot product."""

    def __init__(self, tokens: Sequence[str], vectors: np.ndarray):
        if len(tokens) != len(vectors):
            raise ValueError(f"{len(tokens)} tokens but {len(vectors)} vectors")
        self.index = {t: i for i, t in enumerate(tokens)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.dim = self.vectors.shape[1]
        # Words repeat: tokenise each distinct chunk once per process.
        self._chunk_ids = lru_cache(maxsize=200_000)(self._ids_of_chunk)

    @classmethod
    def load(cls, path: str | Path | None = None) -> StaticEncoder:
        """The encoder in a ``.npz`` file; ``None`` is the shipped one, loaded once per process.

        The file holds ``tokens`` (the vocabulary, UTF-8 bytes, one token a line),
        ``vectors`` (a row per token; float, or int8 with a ``scales`` array of one
        factor per row).
        """
        if path is None:
            return _shipped()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> StaticEncoder:
        with np.load(path, allow_pickle=False) as data:
            vectors = data["vectors"].astype(np.float32)
            if "scales" in data:
                vectors *= data["scales"].astype(np.float32)[:, None]
            # the vocabulary as one UTF-8 text, a token a line: a fifth of a string array
            tokens = data["tokens"].tobytes().decode("utf-8").split("\n")
        return cls(tokens, vectors)

    def _ids_of_chunk(self, chunk: str) -> tuple[int, ...]:
        ids = []
        for word in _split_word(chunk):
            for piece in _pieces(word, self.index):
                i = self.index.get(piece)
                if i is not None:  # [UNK] and tokens left out of the vocabulary add nothing
                    ids.append(i)
        return tuple(ids)

    def token_ids(self, text: str) -> list[int]:
        """The rows of the token vectors that make up a text."""
        return [i for chunk in _normalise(text).split() for i in self._chunk_ids(chunk)]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit float32 row per text; a text with no known token gets a zero row."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.token_ids(text)
            if ids:
                out[row] = self.vectors[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


@cache
def _shipped() -> StaticEncoder:
    return StaticEncoder._read(data_path(DEFAULT_VECTORS))
