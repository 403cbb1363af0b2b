"""Names as strings: how a name is written, keyed and compared, before any parse.

:mod:`~stancegraph.extract.actors` reads names in a parsed text,
:mod:`~stancegraph.extract.who` in metadata and headings, and
:mod:`~stancegraph.extract.merge` decides with :func:`same_person` and
:func:`initials` which names across a corpus are one actor. Each function
depends on the name alone (and the word lists of ``ontology/roles.json``), so
a merge decision can be made again whenever documents are added.
"""

from __future__ import annotations

import re
from functools import cache

from stancegraph.extract.gazetteer import name_key
from stancegraph.extract.lexicon import table, words

__all__ = [
    "NAME_JOINERS",
    "given_names",
    "initials",
    "is_acronym",
    "mixed_case",
    "non_actor_name",
    "organisation_key",
    "person_name",
    "role_words",
    "same_person",
    "title_word",
    "without_initials",
]

#: function words that may stand inside a body's name ("Friends of the Earth")
NAME_JOINERS = frozenset({"of", "the", "and", "for", "&", "on", "in"})
#: letters that spellings and transliterations of one surname swap, in order
#: ("Mac" and "Mc" at its start too)
SPELLING_SWAPS = (("kh", "h"), ("ph", "f"), ("ie", "ei"), ("y", "i"))


@cache
def role_words() -> frozenset[str]:
    """The content words of every role phrase ("chief", "negotiator", "mep")."""
    phrases = table("roles")["roles"]
    return frozenset(w for p in phrases for w in p.split() if w not in NAME_JOINERS)


def title_word(word: str) -> bool:
    """A title, a role word or letters after a name, whatever its case ("MEP",
    "Sen.", "President", "chief", "QC").

    >>> title_word("Sen."), title_word("MEP"), title_word("Jane")
    (True, True, False)
    """
    low = word.lower()
    titles = words("roles", "titles")
    return (
        low in titles
        or low.rstrip(".") in titles
        or low in role_words()
        or word in words("roles", "post_nominals")
    )


def mixed_case(text: str) -> str:
    """A name written in capitals as running text writes it.

    >>> mixed_case("JANE O'ROE"), mixed_case("ACME POLICY ANALYSIS, INC.")
    ("Jane O'Roe", 'Acme Policy Analysis, Inc.')
    """
    out = []
    for n, word in enumerate(text.split()):
        lowered = word.lower()
        out.append(lowered if n and lowered in NAME_JOINERS else word.title())
    return " ".join(out)


def given_names(part: str) -> bool:
    """Whether the part after the comma of "Roe, Jane T." is given names: capitalised
    words or initials, none of them a title, a role, letters after a name or the
    head of a body's name.

    >>> given_names("Jane T."), given_names("Director"), given_names("Acme Corporation")
    (True, False, False)
    """
    tokens = part.split()
    heads = words("roles", "organisation_heads")
    return 0 < len(tokens) <= 3 and all(
        w[:1].isupper()
        and w.replace(".", "").replace("-", "").replace("'", "").isalpha()
        and not title_word(w)
        and w.lower().rstrip(".") not in heads
        for w in tokens
    )


def person_name(text: str) -> str:
    """A person's name as running text writes it, from metadata or a heading.

    "Last, First" is turned around, titles before the name and letters after it
    are dropped, and a name in capitals is written in mixed case.

    >>> person_name("Roe, Jane"), person_name("ROE, JANE T."), person_name("Hon. Jane Roe, Ph.D.")
    ('Jane Roe', 'Jane T. Roe', 'Jane Roe')
    """
    post_nominals = words("roles", "post_nominals")
    parts = [p.strip() for p in " ".join(text.split()).split(",")]
    parts = [p for p in parts if p and p not in post_nominals]
    if not parts:
        return " ".join(text.split())
    if len(parts) >= 2 and len(parts[0].split()) <= 3 and given_names(parts[1]):
        name = f"{parts[1]} {parts[0]}"
    else:
        name = parts[0]
    tokens = name.split()
    titles = words("roles", "titles")
    while len(tokens) > 1 and (
        tokens[0].lower() in titles or tokens[0].lower().rstrip(".") in titles
    ):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in post_nominals:
        tokens.pop()
    name = " ".join(tokens)
    return mixed_case(name) if name.isupper() else name


def organisation_key(name: str) -> str:
    """The key of a body's name, with party words in the singular, so that "Liberal
    Democrat" (a member, an adjective) and "Liberal Democrats" are one party.

    >>> organisation_key("the Liberal Democrats"), organisation_key("Greens")
    ('liberal democrat', 'green')
    """
    singular = table("roles")["affiliation_singulars"]
    return " ".join(singular.get(w, w) for w in name_key(name).split())


def initials(name: str) -> str:
    """The initials of a body's name: of its capitalised words, and every letter of
    a word in capitals.

    >>> initials("Congressional Budget Office"), initials("Association of Chief Police Officers")
    ('CBO', 'ACPO')
    >>> initials("UK Independence Party"), initials("Public and Commercial Services union")
    ('UKIP', 'PCS')
    """
    out = []
    for word in re.split(r"[\s\-/]+", name):
        letters = "".join(c for c in word if c.isalpha())
        if letters.isupper() and 1 < len(letters) <= 4:
            out.append(letters)
        elif letters[:1].isupper():
            out.append(letters[0])
    return "".join(out)


def is_acronym(text: str, *, defined: bool = False) -> bool:
    """Whether a word is an acronym: two or more capitals ("CBO", "NAO"); where the
    text defines it in brackets, also a short word in title case ("Hefce").

    >>> is_acronym("CBO"), is_acronym("Hefce"), is_acronym("Hefce", defined=True)
    (True, False, True)
    """
    letters = text.replace("&", "").replace(".", "")
    if not (2 <= len(letters) <= 10 and letters.isalnum() and letters[:1].isalpha()):
        return False
    if sum(c.isupper() for c in letters) >= 2 and letters.upper() == letters:
        return True
    return defined and letters.istitle() and 3 <= len(letters) <= 8


def non_actor_name(name: str) -> bool:
    """A numbered bill ("H.R. 1") or another name that never acts.

    >>> non_actor_name("H.R. 1"), non_actor_name("Hanna Roe")
    (True, False)
    """
    lowered = name.lower()
    return any(re.match(p, lowered) for p in table("roles")["non_actor_patterns"])


def without_initials(name: str) -> str:
    """A full name without its middle initials, to look it up.

    >>> without_initials("Vladimir V. Putin"), without_initials("J. D. Vance")
    ('Vladimir Putin', 'J. D. Vance')
    """
    words_ = name.split()
    if len(words_) < 3 or len(words_[0].rstrip(".")) == 1:
        return name
    middle = [w for w in words_[1:-1] if not (len(w.rstrip(".")) == 1 and w[:1].isupper())]
    return " ".join([words_[0], *middle, words_[-1]])


def _parts(name: str) -> tuple[str, list[str], str, tuple[str, ...]]:
    """(given name, middle names or initials, surname, numbers) of a full name, keyed."""
    tokens = name_key(name.replace(".", ". ")).split()
    numbers = tuple(t for t in tokens if any(c.isdigit() for c in t))
    tokens = [t for t in tokens if not any(c.isdigit() for c in t)] or tokens
    if len(tokens) < 2:
        return (tokens[0] if tokens else ""), [], "", numbers
    return tokens[0], tokens[1:-1], tokens[-1], numbers


def _spelling(surname: str) -> str:
    """A surname's letters with what spellings of it vary in taken out: a doubled
    letter, a final "e" and the swaps of :data:`SPELLING_SWAPS`. "Follett" and
    "Follet", "Forsyth" and "Forsythe", "Tykhy" and "Tykhyi" come out the same;
    "Saunders" and "Sanders", "Preston" and "Peston" do not: a letter more inside a
    name makes another name.

    >>> _spelling("Tykhyi") == _spelling("tykhy"), _spelling("saunders") == _spelling("sanders")
    (True, False)
    """
    form = surname.lower()
    if form.startswith("mac"):
        form = "mc" + form[3:]
    for written, spoken in SPELLING_SWAPS:
        form = form.replace(written, spoken)
    form = re.sub(r"(.)\1+", r"\1", form)
    return form[:-1] if form.endswith("e") and len(form) > 3 else form


def _same_given(a: str, b: str) -> bool:
    """ "John" and "J", "Georgiy" and "Georgii" (an ending of a transliteration),
    never "Joan" and "John"."""
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    shorter = min(len(a), len(b))
    return shorter >= 5 and abs(len(a) - len(b)) <= 1 and a[: shorter - 2] == b[: shorter - 2]


def same_person(a: str, b: str) -> str | None:
    """Why two full names are one person, or None: the same name but for a middle
    initial ("Mary T. Roe", "Mary Roe"), an initial for a given name ("J. Smith"), or
    a spelling of the surname ("Georgiy Tykhy", "Georgii Tykhyi"). Names that
    differ in a number ("Speaker 12"), a given name ("Joan Smith", "John Smith")
    or an initial that contradicts ("Mary T. Roe", "Mary S. Roe") are never one.

    >>> same_person("Mary T. Roe", "Mary Roe"), same_person("Joan Smith", "John Smith")
    ('middle name', None)
    >>> same_person("Speaker 12", "Speaker 13"), same_person("Georgiy Tykhy", "Georgii Tykhyi")
    (None, 'spelling')
    """
    given_a, middle_a, last_a, numbers_a = _parts(a)
    given_b, middle_b, last_b, numbers_b = _parts(b)
    if numbers_a != numbers_b or not last_a or not last_b:
        return None
    if not _same_given(given_a, given_b):
        return None
    if middle_a and middle_b and middle_a[0][:1] != middle_b[0][:1]:
        return None
    if last_a == last_b:
        if given_a == given_b:
            return "middle name" if middle_a != middle_b else "same name"
        return "initial" if min(len(given_a), len(given_b)) == 1 else "spelling"
    if _spelling(last_a) == _spelling(last_b):
        return "spelling"
    return None
