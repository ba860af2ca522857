"""Names across scripts: Russian Cyrillic to Latin (BGN/PCGN 1947), and a loose key that lets
two spellings of one name meet (Пашинян ~ Pashinyan, Алиев ~ Aliyev, Зеленский ~ Zelensky).

`transliterate` follows the BGN/PCGN romanisation of Russian: ``е`` is ``ye`` at the start of a
word and after a vowel, ``й``, ``ъ`` or ``ь``, ``e`` elsewhere; ``ё`` likewise ``yë``/``ë``; the
hard and soft signs are ``”`` and ``’``. Letters outside Cyrillic are kept.

`name_key` folds a name in any script to a loose Latin skeleton: transliterated, lower-cased,
diacritics, signs and punctuation dropped, and the spellings English writers vary on made one
(kh/h, gh/g, ye/e, iy/y/i and iya/ia at a word's end, ks/x, j/dzh/y, a hard c/k, doubled letters). `same_name` then says
whether two names are one: every word of the shorter matches a word of the longer (equal keys,
or equal but for y and i, the Ukrainian и that English writes y: Nyva ~ «Нива»;
keys of five letters or more within `NAME_SIMILARITY` by difflib's ratio; or one key of five
letters or more that starts the other, which has at most five letters more: the Russian cases
and adjectives of a name, «Каджаранского» of "Kajaran"); two neighbouring words of one name
are one where the other writes them as one ("Sivash Khimprom", «Сивашхимпром»). It knows
nothing of translations:
"United Arab Emirates" and «Объединённые Арабские Эмираты» are not one here.

Invariants: both functions are pure and total (any string in, a string out); a Latin name's
key never depends on whether the other name was Cyrillic.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from spinscope.language import has_cyrillic

__all__ = ["NAME_SIMILARITY", "name_key", "plain_latin", "same_name", "same_person", "transliterate"]

NAME_SIMILARITY = 0.8

_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "”",
    "ы": "y",
    "ь": "’",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
_AFTER_YE = set("аеёиоуыэюяйъь")


def transliterate(text: str) -> str:
    """`text` with its Russian letters romanised by BGN/PCGN (capitals kept as capitals)."""
    out = []
    previous = ""
    for char in text:
        lower = char.lower()
        latin: str | None
        if lower in ("е", "ё"):
            base = "e" if lower == "е" else "ë"
            latin = "y" + base if (not previous.isalpha() or previous.lower() in _AFTER_YE) else base
        else:
            latin = _LETTERS.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            # A capital: "Щ" -> "Shch", and "ЩИТ" stays readable as "ShchIT" (a rare all-caps name).
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
        previous = char
    return "".join(out)


# Latin letters that Unicode does not write as a base letter and a mark (Tromsø, Iğdır, Łódź).
_BARE_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "ß": "ss", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)


def plain_latin(latin: str) -> str:
    """Latin letters without their diacritics (Rusnė -> Rusne, Tromsø -> Tromso, Iğdır -> Igdir)."""
    bare = unicodedata.normalize("NFKD", latin.translate(_BARE_LETTERS))
    return "".join(c for c in bare if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """A loose Latin skeleton of a name in any script, for comparing spellings (see the module)."""
    latin = transliterate(name) if has_cyrillic(name) else name
    folded = plain_latin(latin.casefold())
    words = []
    for word in re.findall(r"[a-z0-9]+", folded.replace("’", "").replace("”", "").replace("'", "")):
        word = word.replace("kh", "h").replace("gh", "g").replace("ks", "x").replace("ye", "e").replace("yo", "o")
        word = word.replace("dzh", "j").replace("j", "y")  # Джебраил ~ Jabrayil
        word = re.sub(r"c(?![hiey])", "k", word)  # a hard c: Comrat ~ Комрат, Victor ~ Виктор
        word = re.sub(r"(?:iy|yy|ii|y)$", "i", word) if len(word) > 3 else word
        word = re.sub(r"iya$", "ia", word)  # Абхазия ~ Abkhazia
        word = re.sub(r"(.)\1+", r"\1", word)
        words.append(word)
    return " ".join(words)


def same_name(one: str, other: str) -> bool:
    """Whether two names, in any script, are spellings of one name (see the module)."""
    shorter, longer = _words(one, other)
    return bool(shorter) and _matched(shorter, longer) == len(shorter)


def same_person(one: str, other: str) -> bool:
    """Whether two person names, in any script, name one person: `same_name`, or two words of
    each match (a first and a last name beside a title the entity took in: "Returnee Sevda
    Aliyeva" and «Переселенка Севда Алиева»)."""
    shorter, longer = _words(one, other)
    matched = _matched(shorter, longer)
    return bool(shorter) and (matched == len(shorter) or matched >= 2)


def _words(one: str, other: str) -> tuple[list[str], list[str]]:
    first, second = name_key(one).split(), name_key(other).split()
    if not first or not second:
        return [], []
    first, second = _joined(first, second), _joined(second, first)
    shorter, longer = sorted((first, second), key=len)
    return shorter, longer


def _joined(words: list[str], other: list[str]) -> list[str]:
    """`words` with two neighbours made one where the other name writes them as one word of
    five letters or more ("Sivash Khimprom", «Сивашхимпром»: a compound one language writes
    whole and the other in parts)."""
    joined: list[str] = []
    for word in words:
        if joined:
            together = re.sub(r"(.)\1+", r"\1", joined[-1] + word)
            if len(together) >= 5 and together in other and joined[-1] not in other and word not in other:
                joined[-1] = together
                continue
        joined.append(word)
    return joined


def _matched(shorter: list[str], longer: list[str]) -> int:
    return sum(any(_same_word(word, candidate) for candidate in longer) for word in shorter)


def _same_word(one: str, other: str) -> bool:
    if one == other or one.replace("y", "i") == other.replace("y", "i"):
        return True  # the Ukrainian и, which English writes y and Russian и: Nyva ~ «Нива»
    if min(len(one), len(other)) < 5:
        return False
    shorter, longer = sorted((one, other), key=len)
    if longer.startswith(shorter) and len(longer) - len(shorter) <= 5:
        return True  # a case ending or an adjective suffix: Kajaran ~ Каджаранского
    return difflib.SequenceMatcher(a=one, b=other, autojunk=False).ratio() >= NAME_SIMILARITY
