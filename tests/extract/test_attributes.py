"""The fast attribute ruler sets exactly what spaCy's attribute ruler sets."""

from __future__ import annotations

import spacy

from stancegraph.extract.attributes import replace_attribute_ruler
from stancegraph.extract.nlp import DEFAULT_MODEL

TEXTS = [
    "Y'all gonna let's go. I ain't got ta do nothin'. C'mon, there is a dog. But he left.",
    "\n\n  \tThe minister, who had not been told, said it was 'unacceptable' -- twice.",
    "Norway's fishermen didn't reject the quota; they'd have accepted it if asked.",
    "Whether or not the talks resume, we are ready, as we have always been, to talk.",
    "It is 5.3% higher than in 2023 (when it fell). Do you, or don't you, agree?",
    "The 25-member EU's budget, which Chile and Japan back, was cut by €3bn.",
]


def annotations(nlp):
    return [
        [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(TEXTS)
    ]


def test_fast_attribute_ruler_equals_spacys():
    slow = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    replace_attribute_ruler(fast)
    assert fast.get_pipe("attribute_ruler").rules is not None
    assert annotations(fast) == annotations(slow)
