"""Property-based: any Unicode text gives valid statements, offsets pointing at their evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancegraph.extract.documents import normalise
from stancegraph.extract.execution import extract_corpus
from stancegraph.extract.records import Document

WORDS = [
    "Norway", "Chile", "Ana", "Lima", "rejected", "supports", "said", "demanded", "the",
    "quota", "tax", "he", "she", "we", "not", "will", "must", "and", ".", ",", ":", '"',
    "\u201c", "\u201d", "\n", "\n\n", "\u2014", "\u202e", "\u200b", "e\u0301", "\u4e0d",
    "\U0001f642", "\x07", "\t", "  ", "\u2028", "\ufb01", "\u05e9\u05dc\u05d5\u05dd",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join) | st.text(max_size=400)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=TEXTS)
def test_any_text_gives_statements_whose_offsets_point_at_their_evidence(extractor, raw):
    text, offsets = normalise(raw)
    if not text.strip():
        return
    x = extract_corpus([Document("d", text, raw, offsets)], extractor=extractor)
    for s in x.statements:
        assert 0 <= s.start < s.end <= len(raw)
        # start/end are what was said, inside its evidence (the sentence or sentences)
        said = normalise(raw[s.start : s.end])[0].strip()
        assert said and said in s.evidence
        if s.cue_start >= 0:
            assert normalise(raw[s.cue_start : s.cue_end])[0] == s.cue
        assert 0.0 <= s.confidence <= 1.0 and s.polarity in ("support", "oppose", "neutral")
    for r in x.relations:
        if r.end > r.start:
            assert normalise(raw[r.start : r.end])[0] == r.evidence
