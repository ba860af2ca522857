"""Russian names of places and of peoples, for typing and clustering Russian entities.

Two lists beside this module, read once and cached, the way the English lists are read:
- ``ru_places.txt``: the places Russian news about the South Caucasus, Russia and the world names
  (countries, capitals, the South Caucasus' and Russia's cities and regions, both sides' names
  for disputed places), one nominative name a line with its OntoNotes type (GPE or LOC).
- ``ru_peoples.txt``: nationalities, peoples and religions as lemmas, nouns in the singular
  ("армянин") and adjectives ("армянский"); a word whose lemma is one is a group (NORP).

Names are compared by `name_key`: each word in lower case, "ё" read as "е", with its last vowel
(or adjective ending) cut off, so that a lemma pymorphy3 got slightly wrong ("Алиева" for
"Алиев", "шуши" for "шуша") still finds its name.

Invariant: lookups never raise for an unknown name; the lists hold no town that is also a
common surname ("Пушкин", "Королёв"), since a place here wins over the tagger's person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

__all__ = ["is_people", "name_key", "place_label", "stem"]

# Adjective endings first (longest first), then a final vowel, "й" or "ь".
_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|[аяоеиыуюйь])$")
_MIN_STEM = 3
_WORD = re.compile(r"\w+")
_LABELS = frozenset({"GPE", "LOC"})
_LANDFORM_WORDS = (
    "река", "озеро", "море", "океан", "гора", "горы", "хребет", "залив", "пролив", "долина", "остров",
    "полуостров", "ущелье", "коридор", "перевал", "пустыня", "равнина", "нагорье",
)


def stem(word: str) -> str:
    """The word in lower case, "ё" as "е", without its last vowel or adjective ending."""
    word = word.casefold().replace("ё", "е")
    cut = _ENDING.sub("", word)
    return cut if len(cut) >= _MIN_STEM else word


def name_key(words: Sequence[str]) -> tuple[str, ...]:
    """The key a name is compared by: the stems of its words (hyphenated parts apart)."""
    return tuple(stem(part) for word in words for part in _WORD.findall(word))


def place_label(words: Sequence[str]) -> str | None:
    """The type (GPE or LOC) of the place named by `words` (lemmas or the nominative name): the
    list's, else LOC for a name with a landform word in it, else None."""
    key = name_key(words)
    if (label := _places().get(key)) is not None:
        return label
    return "LOC" if any(word in _landforms() for word in key) else None


def is_people(lemma: str) -> bool:
    """Whether `lemma` is a nationality, people or religion ("армянин", "российский")."""
    return lemma.casefold().replace("ё", "е") in _peoples()


@cache
def _landforms() -> frozenset[str]:
    # Words that make a name a landform (OntoNotes' LOC) wherever it stands: "река Аракс".
    return frozenset(stem(word) for word in _LANDFORM_WORDS)


def _lines(name: str) -> list[str]:
    source = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def _places() -> dict[tuple[str, ...], str]:
    places: dict[tuple[str, ...], str] = {}
    for line in _lines("ru_places.txt"):
        name, _, label = line.rpartition("\t")
        if label not in _LABELS or not name.strip():
            raise ValueError(f"ru_places.txt: bad line {line!r}: write the name, a tab, then GPE or LOC")
        places.setdefault(name_key(name.split()), label)
    return places


@cache
def _peoples() -> frozenset[str]:
    return frozenset(line.casefold().replace("ё", "е") for line in _lines("ru_peoples.txt"))
