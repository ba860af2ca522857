"""Places that go by several names: where a text names one, by which name.

The shipped gazetteer (``gazetteer.toml`` beside this module) lists places of the former Soviet
Union that have several unrelated names (renamed towns, each side's names, the Crimean Tatar
ones), each name with its spellings in Latin and Cyrillic. The lexicon
(`spinscope.compare.lexicon`) serves every entry as a place referent whose variants are the
names, so compare treats a gazetteer place like a lexicon one: two names of one entry are one
place named two ways, two spellings of one name are the same name, and names of two entries are
two places.

Matching reads a text word by word, and a word meets a spelling when their
`spinscope.compare.translit.name_key` keys are equal, a Russian word by any nominative it may be
a case of (`spinscope.compare.places.nominatives`: «Бендерами» is «Бендеры», «Кировского» is
«Кировское»). A name must start with a capital letter, and it is not one:

- when it continues a hyphenated word ("Komsomolsk-on-Amur" holds no "Komsomolsk");
- after a capitalised word inside a sentence ("Maxim Gorky", «Иван Грозный»: a person's name), or,
  in Latin script, before one ("Dzhokhar Dudayev");
- for an entry of another level than the word beside it ("Sverdlovsk region", «реки Днепр»).

A name two entries share (Sverdlovsk, «Кировское») counts for the entries that the same text
also names by an unshared name, else for all of them.

Invariant: the gazetteer says who uses a name (``note``); it never ranks the names.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.compare.places import nominatives, sentence_start
from spinscope.compare.translit import name_key
from spinscope.errors import ConfigError
from spinscope.language import has_cyrillic

__all__ = ["GAZETTEER_FILE", "LEVELS", "Gazetteer", "Mention", "Place", "PlaceName", "load_gazetteer"]

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.toml")
LEVELS = ("town", "region", "river")


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of a place: its headword, its other spellings, and who uses it."""

    name: str
    spellings: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place with every name it goes by."""

    id: str
    level: str
    where: str
    names: tuple[PlaceName, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a text names a place: the entry, the name and the spelling it matched, the offsets."""

    place: str
    name: str
    spelling: str
    start: int
    end: int
    text: str


# «Район» before a name: the area around a place («в районе Краснограда»), not a district.
_AREA = re.compile(r"район[аеуом]*", re.IGNORECASE)
# The words beside a name that say its level (English words; Russian stems, for every case).
_LEVEL_WORDS = {
    "region": re.compile(
        r"(?:regions?|oblast|districts?|province|raion|municipality|krai|governorate)$"
        r"|(?:област|район|кра[йяюе]|муниципалитет|губерни)",
        re.IGNORECASE,
    ),
    "river": re.compile(r"(?:rivers?)$|(?:рек[аиеуо]|речк)", re.IGNORECASE),
    "town": re.compile(r"(?:city|town|village|settlement)$|(?:город|сел[оаеу]$|посёлк|поселк|деревн)", re.IGNORECASE),
}
# Capitalised words that may stand before a name inside a sentence ("Lake Paravani",
# «Республики Крым»): they say what the place is, not whose name it is.
_TITLES = re.compile(
    r"(?:lake|mount|river|city|town|village|republic|region|oblast|district|the|in|of)$"
    r"|(?:республик|област|район|город|сел[оаеу]$|озер|рек[аиеуо])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_JOINER = re.compile(r"\s+|\s*-\s*|\.\s+")
_UKRAINIAN = str.maketrans({"і": "и", "І": "И", "ї": "йи", "Ї": "Йи", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г"})
_TURKIC = str.maketrans({"ı": "i", "ə": "e", "Ə": "E"})
_CACHED_TEXTS = 256


class Gazetteer:
    """Places and a matcher that finds their names in a text."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.places = {place.id: place for place in places}
        self._scanned: dict[str, tuple[tuple[int, int, tuple[tuple[str, str, str], ...]], ...]] = {}
        # first word's key -> [(the spelling's word keys, place id, name, spelling)]
        self._index: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
        for place in places:
            for name in place.names:
                for spelling in dict.fromkeys((name.name, *name.spellings)):
                    keys = tuple(_key(word) for word in _WORD.findall(spelling))
                    if keys and all(keys):
                        self._index.setdefault(keys[0], []).append((keys, place.id, name.name, spelling))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every mention of a place in ``text[start:end]``, in text order (a shared name is
        resolved by all of `text`)."""
        stop = len(text) if end is None else end
        found = self._scan(text)
        places = [{place for place, _, _ in ids} for _, _, ids in found]
        named = {place for these in places if len(these) == 1 for place in these}  # by an unshared name
        mentions = []
        for at, until, ids in found:
            if at < start or until > stop:
                continue
            chosen = [entry for entry in ids if entry[0] in named] or list(ids)
            for place, name, spelling in chosen:
                mentions.append(Mention(place, name, spelling, at, until, text[at:until]))
        return mentions

    def lookup(self, name: str) -> str | None:
        """The id of the one place a whole written name names («Бендерами», "Tighina"), else None."""
        found = self._scan(name)
        if len(found) != 1:
            return None
        at, until, ids = found[0]
        rest = name[:at] + " " + name[until:]
        if not all(_TITLES.search(word) or _level_of(word) for word in _WORD.findall(rest)):
            return None
        places = {place for place, _, _ in ids}
        return places.pop() if len(places) == 1 else None

    def _scan(self, text: str) -> tuple[tuple[int, int, tuple[tuple[str, str, str], ...]], ...]:
        """Every name in `text` as (start, end, the (place, name, spelling) it may be); a
        comparison asks once per sentence of one text, so the last texts' scans are kept."""
        if text not in self._scanned:
            if len(self._scanned) >= _CACHED_TEXTS:
                self._scanned.clear()
            self._scanned[text] = self._scan_words(text)
        return self._scanned[text]

    def _scan_words(self, text: str) -> tuple[tuple[int, int, tuple[tuple[str, str, str], ...]], ...]:
        words = [(match.start(), match.end(), match.group(0)) for match in _WORD.finditer(text)]
        found = []
        index = 0
        while index < len(words):
            match = self._match(text, words, index)
            if match is None:
                index += 1
                continue
            length, ids = match
            found.append((words[index][0], words[index + length - 1][1], ids))
            index += length
        return tuple(found)

    def _match(
        self, text: str, words: list[tuple[int, int, str]], index: int
    ) -> tuple[int, tuple[tuple[str, str, str], ...]] | None:
        """The longest name starting at word `index` that passes the guards: (its words, entries)."""
        first = words[index][2]
        if not first[0].isupper() or _continues_word(text, words[index][0]) or _after_a_name(text, words, index):
            return None
        candidates: dict[int, list[tuple[str, str, str]]] = {}
        for key in sorted(_keys(first)):  # sorted: the spelling chosen must not hang on set order
            for keys, place, name, spelling in self._index.get(key, ()):
                if self._spelled(text, words, index, keys):
                    candidates.setdefault(len(keys), []).append((place, name, spelling))
        for length in sorted(candidates, reverse=True):
            last = words[index + length - 1]
            if text[last[1] : last[1] + 2].startswith("-") and text[last[1] + 1 : last[1] + 2].isalpha():
                continue  # "Komsomolsk-on-Amur"
            if _before_a_name(text, words, index + length):
                continue
            beside = _level_beside(words, index, index + length)
            script = _script(first)
            chosen: dict[tuple[str, str], str] = {}  # (place, name) -> the spelling, in the text's script if listed
            for place, name, spelling in candidates[length]:
                if beside not in (None, self.places[place].level):
                    continue
                if (place, name) not in chosen or (_script(chosen[place, name]) != script == _script(spelling)):
                    chosen[place, name] = spelling
            if chosen:
                return length, tuple((place, name, spelling) for (place, name), spelling in chosen.items())
        return None

    @staticmethod
    def _spelled(text: str, words: list[tuple[int, int, str]], index: int, keys: tuple[str, ...]) -> bool:
        if index + len(keys) > len(words):
            return False
        for offset in range(1, len(keys)):
            before, word = words[index + offset - 1], words[index + offset]
            if not _JOINER.fullmatch(text[before[1] : word[0]]) or keys[offset] not in _keys(word[2]):
                return False
        return True


def _script(word: str) -> str:
    """A word's script, Ukrainian told from Russian by its own letters: "latin", "ukrainian" or "cyrillic"."""
    if not has_cyrillic(word):
        return "latin"
    return "ukrainian" if re.search("[іїєґІЇЄҐ]", word) else "cyrillic"


def _continues_word(text: str, start: int) -> bool:
    """Whether a word is the second part of a hyphenated word ("Ust-Kamenogorsk")."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def _after_a_name(text: str, words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether the word before is a capitalised word of the sentence, not the sentence's first,
    nor one that says what a place is, nor a possessive: the name's first name ("Maxim Gorky")."""
    if index == 0:
        return False
    at, until, word = words[index - 1]
    if not word[0].isupper() or not re.fullmatch(r"[ \t]+", text[until : words[index][0]]):
        return False
    return not (sentence_start(text, at) or _TITLES.search(word) or re.search(r"['’]s$", word))


def _before_a_name(text: str, words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a Latin name is followed by a capitalised Latin word ("Dzhokhar Dudayev")."""
    if index >= len(words) or index == 0:
        return False
    previous, (at, _, word) = words[index - 1], words[index]
    if not re.fullmatch(r"[ \t]+", text[previous[1] : at]) or not word[0].isupper():
        return False
    return word.isascii() and previous[2].isascii() and _level_of(word) is None


def _level_of(word: str) -> str | None:
    return next((level for level, pattern in _LEVEL_WORDS.items() if pattern.search(word)), None)


def _level_beside(words: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The level that the word right after a name, else right before it, names; None if neither.
    «Район» before a name is the area around it («в районе Краснограда», near Krasnohrad), no level."""
    for position in (end, start - 1):
        if not 0 <= position < len(words) or (position < start and _AREA.fullmatch(words[position][2])):
            continue
        if (level := _level_of(words[position][2])) is not None:
            return level
    return None


def _key(word: str) -> str:
    """One written word's key: its `name_key` with the Ukrainian and Turkic letters read first."""
    return name_key(re.sub(r"['’]s$", "", word).translate(_UKRAINIAN).translate(_TURKIC))


@functools.cache
def _keys(word: str) -> frozenset[str]:
    """The keys a word of a text may have: of itself, and of every Russian nominative it may be a case of."""
    return frozenset(key for form in nominatives(word.translate(_UKRAINIAN)) if (key := _key(form)))


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer of the file at `path` (the shipped one when None).

    Raises:
        ConfigError: (``config.gazetteer``) The file is missing or not TOML, or an entry lacks an
            id, has a level other than ``town``, ``region`` or ``river``, or has no name.
    """
    if path is None:
        return _shipped()
    return Gazetteer(read_places(Path(path)))


@functools.cache
def _shipped() -> Gazetteer:
    return Gazetteer(read_places(GAZETTEER_FILE))


def read_places(path: Path) -> list[Place]:
    """The places of one gazetteer file (see the shipped ``gazetteer.toml`` for the format)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            f"cannot read the gazetteer {path} ({error.strerror}); give a TOML file like the shipped gazetteer.toml",
            code="config.gazetteer",
        ) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"the gazetteer {path} is not valid TOML: {error}", code="config.gazetteer") from error
    entries = data.get("place", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(
            f"the gazetteer {path} has no [[place]] entries; see the shipped gazetteer.toml for the format",
            code="config.gazetteer",
        )
    places = [_place(entry, path, number) for number, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for place in places:
        if place.id in seen:
            raise ConfigError(f"the gazetteer {path} lists the id {place.id} twice", code="config.gazetteer")
        seen.add(place.id)
    return places


def _place(entry: Any, path: Path, number: int) -> Place:
    where = f"the gazetteer {path}, place {number}"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where} is not a table", code="config.gazetteer")
    identifier, level = entry.get("id"), entry.get("level", "town")
    if not isinstance(identifier, str) or not identifier.strip():
        raise ConfigError(f"{where} has no id: give each place a unique id string", code="config.gazetteer")
    if level not in LEVELS:
        raise ConfigError(
            f"{where} ({identifier}) has level {level!r}; use one of {', '.join(LEVELS)}", code="config.gazetteer"
        )
    names = []
    for item in entry.get("names", []):
        name = item.get("name") if isinstance(item, Mapping) else None
        spellings = item.get("spellings", []) if isinstance(item, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where} ({identifier}) has a name without its `name`", code="config.gazetteer")
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
            raise ConfigError(
                f"{where} ({identifier}), name {name!r}: spellings must be a list of words", code="config.gazetteer"
            )
        names.append(PlaceName(name, tuple(spellings), str(item.get("note", ""))))
    if not names:
        raise ConfigError(f"{where} ({identifier}) has no names", code="config.gazetteer")
    return Place(identifier.strip(), level, str(entry.get("where", "")), tuple(names))
