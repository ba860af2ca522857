"""Russian names of places and of peoples, for typing and clustering Russian entities.

Two lists beside this module, read once and cached, the way the English lists are read:
- ``ru_places.txt``: the places Russian news about the South Caucasus, Russia and the world names
  (countries, capitals, the South Caucasus' and Russia's cities and regions, both sides' names
  for disputed places), one nominative name a line with its OntoNotes type (GPE or LOC; ORG
  for the few seats that stand for a government, "Кремль"), and for a place's other side's
  name the name it is the same place as ("Ханкенди" is "Степанакерт").
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

__all__ = ["canonical_key", "is_people", "known_label", "listed_label", "name_key", "stem"]

# Adjective endings first (longest first), then a final vowel, "й" or "ь".
_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|[аяоеиыуюйь])$")
_MIN_STEM = 2  # "Эка" and "Эку" share "эк"
_WORD = re.compile(r"\w+")
_LABELS = frozenset({"GPE", "LOC", "ORG"})
_LANDFORM_WORDS = (
    "река",
    "озеро",
    "море",
    "океан",
    "гора",
    "горы",
    "хребет",
    "залив",
    "пролив",
    "долина",
    "остров",
    "полуостров",
    "ущелье",
    "коридор",
    "перевал",
    "пустыня",
    "равнина",
    "нагорье",
)


def stem(word: str) -> str:
    """The word in lower case, "ё" as "е", without its last vowel or adjective ending."""
    word = word.casefold().replace("ё", "е")
    cut = _ENDING.sub("", word)
    return cut if len(cut) >= _MIN_STEM else word


def name_key(words: Sequence[str]) -> tuple[str, ...]:
    """The key a name is compared by: the stems of its words (hyphenated parts apart)."""
    return tuple(stem(part) for word in words for part in _WORD.findall(word))


def known_label(words: Sequence[str]) -> str | None:
    """The type (GPE, LOC or ORG) of the place named by `words` (lemmas or the nominative
    name): the list's, else LOC for a name with a landform word in it, else None."""
    key = name_key(words)
    if (entry := _places().get(key)) is not None:
        return entry[0]
    return "LOC" if any(word in _landforms() for word in key) else None


def listed_label(words: Sequence[str]) -> str | None:
    """The type the list gives the name `words`, or None when it does not list it."""
    entry = _places().get(name_key(words))
    return entry[0] if entry is not None else None


def canonical_key(words: Sequence[str]) -> tuple[str, ...]:
    """The key of the name `words`, or where the list gives it as another name of a place
    ("Ханкенди", "Бердзор"), the key of that place's name ("Степанакерт", "Лачин")."""
    key = name_key(words)
    entry = _places().get(key)
    return entry[1] if entry is not None else key


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
def _places() -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Each listed name's key: its type, and the key of the place's name it is (its own key
    for the name a place is known by)."""
    places: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for line in _lines("ru_places.txt"):
        name, label, *same = line.split("\t")
        if label not in _LABELS or not name.strip() or len(same) > 1:
            raise ValueError(
                f"ru_places.txt: bad line {line!r}: write the name, a tab, GPE, LOC or ORG "
                "[, a tab, the name of the same place]"
            )
        key = name_key(name.split())
        places.setdefault(key, (label, name_key(same[0].split()) if same else key))
    return places


@cache
def _peoples() -> frozenset[str]:
    return frozenset(line.casefold().replace("ё", "е") for line in _lines("ru_peoples.txt"))
