"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from stancegraph.extract.assemble import Extractor, ExtractorConfig
from stancegraph.extract.execution import extract_corpus
from stancegraph.extract.gazetteer import Entry, Gazetteer
from stancegraph.extract.records import Document, Extraction

# A small gazetteer of our own, so that rule tests do not depend on the packaged data.
TEST_ENTRIES = [
    Entry(
        "norway",
        "Norway",
        "State",
        "Q20",
        ("Kingdom of Norway",),
        ("Norwegian", "Norwegians"),
        ("Oslo",),
    ),
    Entry("chile", "Chile", "State", "Q298", (), ("Chilean", "Chileans"), ("Santiago",)),
    Entry(
        "brazil",
        "Brazil",
        "State",
        "Q155",
        (),
        ("Brazilian", "Brazilians"),
        ("Brasilia", "Planalto"),
    ),
    Entry("japan", "Japan", "State", "Q17", (), ("Japanese",), ("Tokyo",)),
    Entry("jordan", "Jordan", "State", "Q810", (), ("Jordanian", "Jordanians"), ("Amman",)),
    Entry("who", "World Health Organization", "Organization", "Q7817", ("WHO",)),
    Entry(
        "ana-lima",
        "Ana Lima",
        "Person",
        None,
        ("Ana Lyma",),
        roles=(("leader_of", "brazil", "President"),),
    ),
    Entry("patagonia", "Patagonia", "Place", None, ()),
]


def make_document(text: str, doc_id: str = "doc", **meta) -> Document:
    return Document(doc_id, text, text, tuple(range(len(text) + 1)), **meta)


@pytest.fixture(scope="session")
def test_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    for entry in TEST_ENTRIES:
        gazetteer.add(entry)
    return gazetteer


@pytest.fixture(scope="session")
def extractor(test_gazetteer) -> Extractor:
    return Extractor(ExtractorConfig.make(gazetteer=test_gazetteer, embeddings=False))


@pytest.fixture(scope="session")
def run(extractor):
    """Extract one or more texts: ``run("text")`` or ``run(["text a", "text b"])``."""

    def _run(texts: str | list[str], **meta) -> Extraction:
        if isinstance(texts, str):
            texts = [texts]
        docs = [make_document(t, f"d{i}", **meta) for i, t in enumerate(texts)]
        return extract_corpus(docs, extractor=extractor)

    return _run


@pytest.fixture(scope="session")
def parsed(extractor):
    """Parse a text once per session and read its actors as extraction does:
    ``doc, actors = parsed("Norway rejected the plan.")``, for tests of one rule."""
    cache: dict = {}

    def _parsed(text: str, **meta):
        key = (text, tuple(sorted(meta.items())))
        if key not in cache:
            document = make_document(text, **meta)
            _, doc = next(extractor.parse([document]))
            actors, _ = extractor.read_actors(document, doc)
            cache[key] = (doc, actors)
        return cache[key]

    return _parsed


def token(doc, word: str, nth: int = 0):
    """The ``nth`` token of ``doc`` whose text is ``word``."""
    return [t for t in doc if t.text == word][nth]


@pytest.fixture(scope="session")
def tok():
    return token


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory):
    """The seed articles built once with the real model and packaged data."""
    from pathlib import Path

    from stancegraph.pipeline import build

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    return build([seeds], tmp_path_factory.mktemp("seeds-out"))


# ---- headless Chromium, for the browser tests ---------------------------------------------

CHROMIUM = os.environ.get("STANCEGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("STANCEGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.fail(
            f"browser tests need {' and '.join(missing)}: "
            "apt-get install chromium chromium-driver (or set $STANCEGRAPH_CHROMIUM)",
            pytrace=False,
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
