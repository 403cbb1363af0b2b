"""A small hand-made extraction, so that graph views are tested without the parser."""

from __future__ import annotations

import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement
from stancegraph.graph.build import build_graph


def _make_extraction(hostile: str = "") -> Extraction:
    text = 'Norway rejected the "quota".\nAna Lima, Brazil\'s president, backed it.'
    doc = Document("doc/1", text, text, tuple(range(len(text) + 1)), title="Fish talks",
                   date="2024-05-01")  # fmt: skip
    actors = [
        Actor("norway", "Norway" + hostile, "State", ("Oslo",), "Q20", mentions=1),
        Actor("brazil", "Brazil", "State", (), "Q155", mentions=1),
        Actor("ana-lima", "Ana Lima", "Person", ("Lima",), mentions=1),
    ]
    quota = Position("fishing-quota", 'The "fishing" quota \\ back\nslash' + hostile)
    statements = [
        Statement("doc/1", "Norway", "norway", "rejects", "oppose", quota.label, quota.id,
                  'Norway rejected the "quota".', 0, 28, cue="rejected", cue_start=7,
                  cue_end=15, date="2024-05-01", confidence=0.8),
        Statement("doc/1", "Ana Lima", "ana-lima", "backs", "support", quota.label, quota.id,
                  "Ana Lima, Brazil's president, backed it.", 29, 69, cue="backed",
                  cue_start=59, cue_end=65, date="2024-05-01", confidence=0.7, hedged=True),
    ]  # fmt: skip
    relations = [
        Relation("doc/1", "Ana Lima", "ana-lima", "leader_of", "Brazil", "brazil",
                 "Ana Lima, Brazil's president, backed it.", 29, 69, role="president"),
    ]  # fmt: skip
    return Extraction(
        documents=[doc],
        actors=actors,
        statements=statements,
        relations=relations,
        positions=[quota],
        mentions={("doc/1", "norway"): 1, ("doc/1", "ana-lima"): 1, ("doc/1", "brazil"): 1},
    )


@pytest.fixture
def make_extraction():
    """``make_extraction(hostile="...")``: the extraction, with text appended to two names."""
    return _make_extraction


@pytest.fixture
def small_graph():
    return build_graph(_make_extraction())


@pytest.fixture(scope="module")
def small_graph_module():
    return build_graph(_make_extraction())


# ---- a small build to review (stancegraph.graph.review) ------------------------------------

REVIEW_DOCS = {  # id -> (text, title, date)
    "d1": (
        "Norway and Chile rejected the fishing quota. Ana Lima backed the quota and the "
        "ceasefire. She said the talks would fail.",
        "Harbour talks",
        "2024-03-01",
    ),
    "d2": ("Oslo opposed the ceasefire. Lima welcomed the truce.", "Later talks", "2024-04-02"),
}
REVIEW_ACTORS = {"ana-lima": "Ana Lima", "chile": "Chile", "lima": "Lima", "norway": "Norway"}
REVIEW_POSITIONS = {"ceasefire": "Ceasefire", "quota": "Fishing quota", "truce": "Truce",
                    "talks-would-fail": "the talks would fail"}  # fmt: skip
# doc, sentence, actor, polarity, predicate, position, cue, target, confidence
REVIEW_STATEMENTS = [
    ("d1", "Norway and Chile rejected the fishing quota.", "norway", "oppose", "rejects",
     "quota", "rejected", "the fishing quota", 0.8),
    ("d1", "Norway and Chile rejected the fishing quota.", "chile", "oppose", "rejects",
     "quota", "rejected", "the fishing quota", 0.7),
    ("d1", "Ana Lima backed the quota and the ceasefire.", "ana-lima", "support", "backs",
     "quota", "backed", "the quota", 0.6),
    ("d1", "Ana Lima backed the quota and the ceasefire.", "ana-lima", "support", "backs",
     "ceasefire", "backed", "the ceasefire", 0.65),
    ("d1", "She said the talks would fail.", "ana-lima", "neutral", "says",
     "talks-would-fail", "said", "the talks would fail", 0.5),
    ("d2", "Oslo opposed the ceasefire.", "norway", "oppose", "opposes",
     "ceasefire", "opposed", "the ceasefire", 0.55),
    ("d2", "Lima welcomed the truce.", "lima", "support", "welcomes",
     "truce", "welcomed", "the truce", 0.4),
]  # fmt: skip


def review_extraction(hostile: str = "") -> Extraction:
    """Two documents, four actors, four positions, seven statements: a sentence with two
    actors at one cue, one with two positions at one cue, one whose source is a pronoun.
    ``hostile`` is appended to Norway's label, the quota's label and the titles."""
    actors = dict(REVIEW_ACTORS, norway="Norway" + hostile)
    positions = dict(REVIEW_POSITIONS, quota="Fishing quota" + hostile)

    def where(doc: str, sentence: str) -> tuple[int, int]:
        start = REVIEW_DOCS[doc][0].index(sentence)
        return start, start + len(sentence)

    statements = []
    for doc, sentence, actor, polarity, predicate, position, cue, target, conf in REVIEW_STATEMENTS:
        start, end = where(doc, sentence)
        cue_start = start + sentence.index(cue)
        statements.append(
            Statement(doc, actors[actor], actor, predicate, polarity, positions[position],
                      position, sentence, start, end, cue=cue, cue_start=cue_start,
                      cue_end=cue_start + len(cue), confidence=conf, object_text=target)
        )  # fmt: skip
    backed = REVIEW_STATEMENTS[2][1]
    return Extraction(
        documents=[
            Document(d, text, text, tuple(range(len(text) + 1)), title=title + hostile, date=date)
            for d, (text, title, date) in REVIEW_DOCS.items()
        ],
        actors=[
            Actor("ana-lima", "Ana Lima", "Person", (), None, mentions=2),
            Actor("chile", "Chile", "State", (), "Q298", mentions=1),
            Actor("lima", "Lima", "Person", (), None, mentions=1),
            Actor("norway", actors["norway"], "State", ("Oslo",), "Q20", mentions=2),
        ],
        statements=statements,
        relations=[
            Relation(
                "d1",
                "Ana Lima",
                "ana-lima",
                "leader_of",
                "Chile",
                "chile",
                backed,
                *where("d1", backed),
                role="president",
            ),
        ],  # fmt: skip
        positions=[
            Position("ceasefire", "Ceasefire", ("truce in the region",), "https://x.org/c", True),
            Position("quota", positions["quota"]),
            Position("talks-would-fail", "the talks would fail"),
            Position("truce", "Truce"),
        ],
        mentions={
            ("d1", "norway"): 1,
            ("d1", "chile"): 1,
            ("d1", "ana-lima"): 2,
            ("d2", "norway"): 1,
            ("d2", "lima"): 1,
        },  # fmt: skip
    )


@pytest.fixture
def review_build(tmp_path):
    """``review_build(hostile="")``: a folder holding the tables of a small build."""
    from stancegraph.graph.tables import write_tables

    def _make(hostile: str = "", name: str = "build"):
        outdir = tmp_path / name
        write_tables(review_extraction(hostile), outdir)
        return outdir

    return _make


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
