"""A faster attribute ruler: the same rules as spaCy's, applied by table lookup.

spaCy's English pipelines map fine-grained tags to parts of speech and
morphology, and fix the lemmas of a few words, with an ``attribute_ruler``: a
list of token patterns, each with attributes to set, later patterns winning.
It runs a ``Matcher`` over every token for some 180 patterns and writes every
match through a ``Span``; on our corpora that was a sixth of the parsing time.

Nearly all those patterns test one token's tag, lowercase form, dependency
label or whitespace-ness. :class:`FastAttributeRuler` indexes them by one
exact value they require and checks the rest only for the candidates a token's
values select; it writes the winning attributes with ``Doc.from_array``. The
few patterns over several tokens keep a ``Matcher``. The result is the same as
the original component's, attribute by attribute: a test checks it on real
text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "replace_attribute_ruler"]

_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP}
_WRITTEN = ("POS", "MORPH", "LEMMA")


@dataclass(frozen=True, eq=False)
class _Rule:
    order: int  # later rules win
    tests: tuple  # (attribute name, kind, value): kind is "eq", "in", "not_in" or "bool"
    attrs: dict

    def holds(self, values: dict[str, object]) -> bool:
        for name, kind, value in self.tests:
            v = values[name]
            if (
                (kind == "eq" and v != value)
                or (kind == "in" and v not in value)
                or (kind == "not_in" and v in value)
                or (kind == "bool" and v is not value)
            ):
                return False
        return True


def _tests(token_pattern: dict) -> tuple | None:
    """The tests of a one-token pattern, or None if it needs the full matcher."""
    tests = []
    for name, value in token_pattern.items():
        if name == "IS_SPACE" and isinstance(value, bool):
            tests.append((name, "bool", value))
        elif name not in _KEYS:
            return None
        elif isinstance(value, str):
            tests.append((name, "eq", value))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            tests.append((name, "in", frozenset(value["IN"])))
        elif isinstance(value, dict) and set(value) == {"NOT_IN"}:
            tests.append((name, "not_in", frozenset(value["NOT_IN"])))
        else:
            return None
    return tuple(tests)


class FastAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, applied by lookup (see the module docstring).

    A real spaCy component: it holds, adds, serialises and reloads its patterns
    as :class:`spacy.pipeline.AttributeRuler` does (``to_disk``/``from_disk``
    round-trip), and builds its lookup tables from them on first use.
    """

    def clear(self) -> None:
        super().clear()
        self._tables = None

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._tables = None

    def _build(self) -> None:
        """Index the patterns by one exact value each requires (see the module docstring)."""
        #: (attribute, value) -> rules that require it; rules anchored on nothing
        self.index: dict[tuple[str, str], list[_Rule]] = defaultdict(list)
        self.space_rules: list[_Rule] = []
        self.complex_matcher = Matcher(self.vocab, validate=False)
        self.complex: dict[str, tuple[int, dict, int]] = {}
        self._cache: dict[tuple, tuple] = {}
        for order, entry in enumerate(self.patterns):
            attrs = dict(entry["attrs"])
            for pattern in entry["patterns"]:
                tests = _tests(pattern[0]) if len(pattern) == 1 else None
                if tests is None or entry.get("index", 0) != 0:
                    key = f"rule-{order}"
                    self.complex_matcher.add(key, [pattern])
                    self.complex[key] = (order, attrs, entry.get("index", 0))
                    continue
                rule = _Rule(order, tests, attrs)
                anchors = [(n, v) for n, kind, v in tests if kind in ("eq", "in")]
                if anchors:
                    name, value = anchors[0]
                    for v in [value] if isinstance(value, str) else sorted(value):
                        self.index[name, v].append(rule)
                elif any(n == "IS_SPACE" and v is True for n, _, v in tests):
                    self.space_rules.append(rule)
                else:
                    raise ValueError(f"an attribute rule with nothing to look up: {entry}")
        self._tables = True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if getattr(self, "_tables", None) is None:
            self._build()
        arrays = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA])
        values = arrays[:, 4:7].copy()
        # Tokens with the same tag, form, label and spacing get the same rules: resolve
        # each such combination once (and remember it across documents).
        combos, inverse = np.unique(arrays[:, :4], axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        resolved = [self._resolve(tuple(row)) for row in combos.tolist()]
        winner = np.array([r[0] for r in resolved], dtype=np.int64)[inverse]  # (n, 3)
        chosen = np.array([r[1] for r in resolved], dtype=np.uint64)[inverse]
        values = np.where(winner >= 0, chosen, values)
        extra = [
            (i, name, value)
            for i, k in enumerate(inverse.tolist())
            for name, value in resolved[k][2]
        ]
        for match_id, start, _ in self.complex_matcher(doc):
            order, attrs, index = self.complex[self.vocab.strings[match_id]]
            self._write(values, winner, extra, start + index, order, attrs)
        doc.from_array([POS, MORPH, LEMMA], values)
        for i, name, value in extra:
            setattr(doc[i], name, value)
        return doc

    def _resolve(self, key: tuple) -> tuple[list[int], list[int], list[tuple[str, str]]]:
        """For one (tag, form, label, spacing): the winning rule's order and value for
        each written attribute (-1: none), and the TAG and DEP to set."""
        found = self._cache.get(key)
        if found is not None:
            return found
        strings = self.vocab.strings
        tag, lower, dep, space = key
        token = {"TAG": strings[tag], "LOWER": strings[lower], "DEP": strings[dep],
                 "IS_SPACE": bool(space)}  # fmt: skip
        keys = (("TAG", token["TAG"]), ("LOWER", token["LOWER"]), ("DEP", token["DEP"]))
        rules = [r for k in keys for r in self.index.get(k, ())]
        if space:
            rules += self.space_rules
        orders, values, extra = [-1, -1, -1], [0, 0, 0], []
        for rule in sorted(set(rules), key=lambda r: r.order):
            if not rule.holds(token):
                continue
            for column, name in enumerate(_WRITTEN):
                if name in rule.attrs:
                    orders[column], values[column] = rule.order, self._value(name, rule.attrs[name])
            extra += [(f"{n.lower()}_", rule.attrs[n]) for n in ("TAG", "DEP") if n in rule.attrs]
        self._cache[key] = (orders, values, extra)
        return orders, values, extra

    def _value(self, name: str, value: str) -> int:
        return POS_IDS[value] if name == "POS" else self.vocab.strings.add(value)

    def _write(self, values, winner, extra, i: int, order: int, attrs: dict) -> None:
        for column, name in enumerate(_WRITTEN):
            if name in attrs and order >= winner[i, column]:
                winner[i, column] = order
                values[i, column] = self._value(name, attrs[name])
        extra += [(i, f"{n.lower()}_", attrs[n]) for n in ("TAG", "DEP") if n in attrs]


def replace_attribute_ruler(nlp: Language) -> None:
    """Put a :class:`FastAttributeRuler` with the same patterns in the ruler's place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "fast_attribute_ruler")
    nlp.get_pipe("attribute_ruler").add_patterns(patterns)


@Language.factory(
    "fast_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer):
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)
