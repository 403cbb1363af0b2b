"""The fast attribute ruler sets exactly what spaCy's attribute ruler sets, and is a real
spaCy component: it serialises and reloads."""

from __future__ import annotations

import spacy
from thinc.api import NumpyOps, get_current_ops

from stancegraph.extract.attributes import FastAttributeRuler, replace_attribute_ruler
from stancegraph.extract.gazetteer import Gazetteer
from stancegraph.extract.nlp import DEFAULT_MODEL, load_pipeline

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
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.get_pipe("attribute_ruler").patterns == slow.get_pipe("attribute_ruler").patterns
    assert annotations(fast) == annotations(slow)


def test_fast_attribute_ruler_round_trips_to_disk(tmp_path):
    slow = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    replace_attribute_ruler(fast)
    fast.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    ruler = reloaded.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.patterns == slow.get_pipe("attribute_ruler").patterns
    assert annotations(reloaded) == annotations(slow)


def test_fast_attribute_ruler_follows_added_patterns():
    fast = spacy.load(DEFAULT_MODEL)
    replace_attribute_ruler(fast)
    ruler = fast.get_pipe("attribute_ruler")
    assert fast("Norway said no.")[0].lemma_ == "Norway"
    ruler.add([[{"LOWER": "norway"}]], {"LEMMA": "kingdom"})
    assert fast("Norway said no.")[0].lemma_ == "kingdom"


def test_matrix_library_choice_is_scoped_to_our_pipeline():
    before = get_current_ops()
    nlp = load_pipeline(Gazetteer(), DEFAULT_MODEL)
    assert get_current_ops() is before  # the caller's spaCy is left alone
    ops = nlp.get_pipe("tok2vec").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    blis = load_pipeline(Gazetteer(), DEFAULT_MODEL, blis=True).get_pipe("tok2vec").model.ops
    assert getattr(blis, "use_blis", True)
