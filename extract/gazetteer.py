"""The actor gazetteer: real reference data that names actors many ways.

The data lives in ``ontology/gazetteer/*.jsonl`` (states with their capitals and
seats of government, office holders with their roles, organisations, and places
that are not actors); users add their own files with the same schema. Every
lookup goes through :func:`name_key`, so "the Kremlin", "Kremlin's" and
"KREMLIN" find the same entry.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from stancegraph.errors import InputError
from stancegraph.ontology import load_json

__all__ = ["Entry", "Gazetteer", "name_key", "surname_of", "default_gazetteer_files"]

_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LEADING_THE = re.compile(r"^the\s+")
_NON_WORD = re.compile(r"[^\w\s-]")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A lookup key for a name: no accents, case, possessive, leading "the", dots.

    >>> name_key("the Kremlin's")
    'kremlin'
    >>> name_key("U.S.")
    'us'
    >>> name_key("Zelenskyy")
    'zelenskyy'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_THE.sub("", text)
    text = _NON_WORD.sub("", text)
    return " ".join(text.split())


@cache
def _title_words() -> frozenset[str]:
    return frozenset(load_json("roles.json")["titles"])


_ROMAN = re.compile(r"^[IVXLC]+$")
#: "Jae-in", "Jong-un": the given name of a name written family name first
_GIVEN_HYPHENATED = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def surname_of(name: str) -> str | None:
    """The last word of a multi-word name when it can stand alone for the person.

    Not for regnal numbers, short or common words, nor the given name of a name
    written family name first (those list their family name as an alias).

    >>> surname_of("Georgiy Tykhy"), surname_of("Abdullah II"), surname_of("Moon Jae-in")
    ('Tykhy', None, None)
    """
    parts = name.split()
    first = parts[0].lower() if parts else ""
    if len(parts) < 2 or first in _title_words() or f"{first}." in _title_words():
        return None  # "King Charles", "President Xi": a title and one name
    last = parts[-1]
    if (
        len(last) < 3
        or not last[:1].isupper()
        or _ROMAN.match(last)
        or _GIVEN_HYPHENATED.match(last)
        or last.lower() in STOP_WORDS
    ):
        return None
    return last


@dataclass(frozen=True)
class Entry:
    """One gazetteer line."""

    id: str
    label: str
    type: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    roles: tuple[tuple[str, str, str], ...] = ()  # (predicate, object id, title)
    parent: str | None = None

    @property
    def is_actor(self) -> bool:
        return self.type != "Place"


def default_gazetteer_files() -> list[Path]:
    folder = files("stancegraph.ontology").joinpath("gazetteer")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))


@dataclass
class Gazetteer:
    """Entries indexed by every name they go by."""

    entries: dict[str, Entry] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)
    _demonyms: dict[str, str] = field(default_factory=dict)
    _surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, defaults: bool = True) -> Gazetteer:
        """Load the packaged gazetteer and any user files (later files win)."""
        gazetteer = cls()
        paths = [*(default_gazetteer_files() if defaults else []), *map(Path, extra)]
        for path in paths:
            for entry in _read_entries(path):
                gazetteer.add(entry)
        return gazetteer

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name in (entry.label, *entry.aliases, *entry.metonyms):
            key = name_key(name)
            if key:
                self._names[key] = entry.id
        for demonym in entry.demonyms:
            self._demonyms[name_key(demonym)] = entry.id
        if entry.type == "Person":
            for name in (entry.label, *entry.aliases):
                surname = surname_of(name)
                if surname is not None:
                    self._surnames[name_key(surname)].add(entry.id)

    def lookup(self, name: str) -> Entry | None:
        """The entry a full name, alias or metonym stands for."""
        entry_id = self._names.get(name_key(name))
        return self.entries[entry_id] if entry_id else None

    def by_demonym(self, word: str) -> Entry | None:
        """The state a demonym ("Ukrainian", "Russians") refers to, or the party a word
        for its members does ("Tory", "Liberal Democrat")."""
        entry_id = self._demonyms.get(name_key(word))
        return self.entries[entry_id] if entry_id else None

    def by_surname(self, surname: str) -> Entry | None:
        """The one person with this surname, or None when there are none or several."""
        ids = self._surnames.get(name_key(surname), set())
        return self.entries[next(iter(ids))] if len(ids) == 1 else None

    def surnames(self) -> dict[str, str]:
        """Unambiguous surname -> person id."""
        return {k: next(iter(v)) for k, v in self._surnames.items() if len(v) == 1}

    def ruler_patterns(self) -> list[dict]:
        """Patterns for spaCy's entity ruler: every name, typed, with the entry id."""
        label_for = {
            "Person": "PERSON",
            "State": "GPE",
            "Organization": "ORG",
            "Group": "ORG",
            "Place": "LOC",
        }
        patterns, seen = [], set()

        def add(label: str, text: str, entry_id: str, article: bool = True) -> None:
            bare = text[4:] if text.lower().startswith("the ") else text
            variants = (bare, f"the {bare}", f"The {bare}") if article else (text,)
            for variant in variants:
                if (variant, entry_id) not in seen:
                    seen.add((variant, entry_id))
                    patterns.append({"label": label, "pattern": variant, "id": entry_id})

        for entry in self.entries.values():
            label = label_for[entry.type]
            article = entry.type != "Person"
            for name in (entry.label, *entry.aliases):
                add(label, name, entry.id, article)
            for name in entry.metonyms:
                add("GPE" if entry.type == "State" else label, name, entry.id)
            for demonym in entry.demonyms if entry.type == "State" else ():
                # a party's words ("Tory", "Green") are looked up, never tagged: they
                # are also surnames and common words
                add("NORP", demonym, entry.id, demonym.endswith("s"))
        for surname_key, entry_id in self.surnames().items():
            entry = self.entries[entry_id]
            surname = next(
                s
                for s in map(surname_of, (entry.label, *entry.aliases))
                if s is not None and name_key(s) == surname_key
            )
            if surname_key not in self._names:
                add("PERSON", surname, entry_id, article=False)
        return patterns


def _read_entries(path: Path) -> Iterable[Entry]:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as err:
        raise InputError(f"{path}: cannot read gazetteer: {err.strerror or err}") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            yield Entry(
                id=str(row["id"]),
                label=row["label"],
                type=row["type"],
                wikidata=row.get("wikidata"),
                aliases=tuple(row.get("aliases", ())),
                demonyms=tuple(row.get("demonyms", ())),
                metonyms=tuple(row.get("metonyms", ())),
                roles=tuple(
                    (r["predicate"], r["object"], r.get("title", "")) for r in row.get("roles", ())
                ),
                parent=row.get("parent"),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"{path}:{lineno}: bad gazetteer line: {err}") from None
