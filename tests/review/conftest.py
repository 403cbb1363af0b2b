"""A small hand-made build to review, so that the review is tested without the parser."""

from __future__ import annotations

import pytest

from stancegraph.extract.records import Actor, Document, Extraction, Position, Relation, Statement

# ---- a small build to review (stancegraph.review) ------------------------------------

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
                      cue_end=cue_start + len(cue), confidence=conf, claim=target)
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
