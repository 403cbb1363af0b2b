"""The static sentence encoder shipped as package data (NumPy only, no network)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from stancegraph.extract.encoder import StaticEncoder, wordpiece
from stancegraph.ontology import data_path


@pytest.fixture(scope="module")
def encoder():
    return StaticEncoder.load()


def test_encoder_loads_from_package_data(encoder):
    assert data_path("encoder/minilm-static.npz").is_file()
    assert len(encoder.index) > 20_000
    assert StaticEncoder.load() is encoder  # loaded once per process


def test_encoder_gives_unit_float32_rows(encoder):
    vectors = encoder.encode(["Harbour fees should be halved.", "Nobody reads the minutes."])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, encoder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encoder_gives_zero_row_for_text_without_known_tokens(encoder):
    vectors = encoder.encode(["", "   "])
    assert not vectors.any()


@pytest.mark.parametrize(
    "claim, paraphrase, unrelated",
    [
        (
            "The city should build more bicycle lanes.",
            "Our town needs extra cycle paths.",
            "The orchestra performed a symphony last night.",
        ),
        (
            "Smoking should be banned in restaurants.",
            "Cigarettes must not be allowed where people eat.",
            "The football season starts in August.",
        ),
        (
            "Farmers deserve higher subsidies.",
            "Agricultural support payments ought to rise.",
            "My laptop screen is cracked.",
        ),
    ],
)
def test_encoder_ranks_paraphrase_above_unrelated(encoder, claim, paraphrase, unrelated):
    c, p, u = encoder.encode([claim, paraphrase, unrelated])
    assert c @ p > c @ u + 0.1


def test_encoder_is_deterministic(encoder):
    text = ["Pensions must keep pace with prices in every region."]
    fresh = StaticEncoder(list(encoder.index), encoder.vectors)
    assert np.array_equal(encoder.encode(text), fresh.encode(text))
    assert np.array_equal(encoder.encode(text), encoder.encode(text))


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("Tax-free!", ["tax", "-", "free", "!"]),
        ("Café  NAÏVE", ["cafe", "naive"]),
        ("zero\u200bwidth", ["zero", "##width"]),
        ("unknownword", ["[UNK]"]),
    ],
)
def test_wordpiece_splits_like_bert_uncased(text, pieces):
    vocab = {"tax", "-", "free", "!", "cafe", "naive", "zero", "##width", "unknown"}
    assert wordpiece(text, vocab) == pieces


def test_encoder_needs_no_torch_nor_network():
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "from stancegraph.extract.encoder import StaticEncoder\n"
        "from stancegraph.extract.stance_model import StanceModel\n"
        "StaticEncoder.load().encode(['Rents should be capped.'])\n"
        "StanceModel.load().support(['Rents should be capped.'], ['Caps protect tenants.'])\n"
        "heavy = {'torch', 'transformers', 'tokenizers', 'sentence_transformers', 'sklearn'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
