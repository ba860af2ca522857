"""Numbers as news text writes them: "2,900", "three thousand", "1.5 million", "Forty".

Shared by the stages and the comparison, so that every part of spinscope reads a written
number the same way. Russian has its own pair, `find_numbers_ru` and `parse_number_ru`: number
words in every case and gender («двадцать три», «сорока», «пятерых», «полтора»), thousands
split by spaces («12 000»), a decimal comma («1,5 млн») and the abbreviated scales (тыс.,
млн, млрд); «десятки» and «сотни» alone are vague, like "dozens".

Ordinals have their own finders and parsers, apart from counts, in both languages
(`find_ordinals`, `parse_ordinal`: "eleventh", "twenty-first", "11th"; `find_ordinals_ru`,
`parse_ordinal_ru`: «двенадцатое», «двадцать пятого», «третьей», «12-е»): which one in a
series is no amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spinscope.document import Span

__all__ = [
    "NUMBER_WORDS",
    "ORDINAL_VALUES",
    "RU_WORD_VALUES",
    "WORD_VALUES",
    "find_numbers",
    "find_numbers_ru",
    "find_ordinals",
    "find_ordinals_ru",
    "parse_number",
    "parse_number_ru",
    "parse_ordinal",
    "parse_ordinal_ru",
]

# The value of each number word up to ninety ("a" and "an" count one).
WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1e9,
    "m": 1e6,
    "trillion": 1e12,
}
# The words that are numbers on their own (not "a" or "an"), for patterns that find numbers.
NUMBER_WORDS = tuple(word for word in WORD_VALUES if word not in ("a", "an"))


def parse_number(text: str) -> float | None:
    """The value of a number as written ("2,900", "three thousand", "1.5 million", "Forty");
    None for a vague amount ("dozens", "hundreds", "half") or one it cannot read."""
    cleaned = text.lower().replace(",", "").replace("-", " ").replace("per cent", "").replace("percent", "")
    words = re.sub(r"[$€£¥%]", " ", cleaned).split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
        elif word == "and":
            continue
        else:
            return None
    return total + current if seen else None


# A written number with its %, currency or scale word; a ten and its unit are one number
# ("Twenty-four", "thirty one").
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = re.compile(
    r"[$€£¥]?\d+(?:[.,]\d+)*(?:\s?(?:%|per ?cent|percent|million|billion|trillion|thousand|bn|m)\b|%)?"
    rf"|\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{_ONES})\b)?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_ONES}|hundred|dozens?|hundreds|thousands|millions|billions|half)"
    r"(?:[\s-](?:hundred|thousand|million|billion|trillion|percent|per cent))*\b",
    re.IGNORECASE,
)


def find_numbers(text: str, start: int, end: int, timexes: Sequence[Span] = ()) -> list[Span]:
    """The numbers in ``text[start:end]`` (with their %, currency or scale word), outside `timexes`."""
    return _outside_timexes(_NUMBER, text, start, end, timexes)


def _outside_timexes(pattern: re.Pattern[str], text: str, start: int, end: int, timexes: Sequence[Span]) -> list[Span]:
    """The matches of `pattern` in ``text[start:end]`` that overlap none of `timexes`."""
    found = []
    for match in pattern.finditer(text, start, end):
        first, last = match.span()
        if any(timex.start < last and first < timex.end for timex in timexes):
            continue
        found.append(Span(first, last, text[first:last]))
    return found


# Russian: number words in every case («двадцать три», «сорока», «пятерых»), digits with a
# space between thousands («12 000») and a decimal comma («1,5 млн»).
def _ru_forms() -> dict[str, float]:
    values: dict[str, float] = {}

    def add(value: float, forms: str) -> None:
        values.update(dict.fromkeys(forms.split(), value))

    add(1, "один одна одно одного одной одному одним одном одну")
    add(2, "два две двух двум двумя")
    add(3, "три трёх трех трём трем тремя")
    add(4, "четыре четырёх четырех четырём четырем четырьмя")
    soft = (
        "пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать"
        " шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать".split()
    )
    for value, word in zip([*range(5, 21), 30], soft, strict=True):
        # «семью» is also "family" (accusative): left out.
        add(value, f"{word} {word[:-1]}и" + ("" if word == "семь" else f" {word}ю"))
    add(8, "восьми восьмью")
    add(40, "сорок сорока")
    add(90, "девяносто девяноста")
    add(100, "сто ста")
    # The tens 50-80 decline both halves: «пятьдесят», «пятидесяти», «пятьюдесятью».
    add(50, "пятьдесят пятидесяти пятьюдесятью")
    add(60, "шестьдесят шестидесяти шестьюдесятью")
    add(70, "семьдесят семидесяти семьюдесятью")
    add(80, "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью")
    add(200, "двести двухсот двумстам двумястами двухстах")
    add(300, "триста трёхсот трехсот трёмстам тремстам тремястами трёхстах трехстах")
    add(400, "четыреста четырёхсот четырехсот четырёмстам четырьмястами четырёхстах четырехстах")
    for value, stem, nominative, instrumental in [
        (500, "пят", "пятьсот", "пятьюстами"),
        (600, "шест", "шестьсот", "шестьюстами"),
        (700, "сем", "семьсот", "семьюстами"),
        (800, "восьм", "восемьсот", "восемьюстами"),
        (900, "девят", "девятьсот", "девятьюстами"),
    ]:
        add(value, f"{nominative} {stem}исот {stem}истам {stem}истах {instrumental}")
    for value, stem in [
        (2, "дво"),
        (3, "тро"),
        (4, "четвер"),
        (5, "пятер"),
        (6, "шестер"),
        (7, "семер"),
        (8, "восьмер"),
        (9, "девятер"),
        (10, "десятер"),
    ]:
        # Collective numerals: «двое», «троих», «пятерым».
        nominative = stem + ("е" if stem in ("дво", "тро") else "о")
        oblique = stem + ("и" if stem in ("дво", "тро") else "ы")
        add(value, f"{nominative} {oblique}х {oblique}м {oblique}ми")
    add(1.5, "полтора полторы полутора")
    return values


RU_WORD_VALUES = _ru_forms()
_RU_SCALES = {
    **dict.fromkeys("тысяча тысячи тысяч тысяче тысячу тысячей тысячью тысячам тысячами тысячах тыс".split(), 1e3),
    **dict.fromkeys(
        "миллион миллиона миллионов миллиону миллионом миллионе миллионы миллионам миллионами миллионах млн".split(),
        1e6,
    ),
    **dict.fromkeys(
        "миллиард миллиарда миллиардов миллиарду миллиардом миллиарде миллиарды миллиардам миллиардами миллиардах"
        " млрд".split(),
        1e9,
    ),
    **dict.fromkeys("триллион триллиона триллионов трлн".split(), 1e12),
}
# Amounts without a value, like "dozens": «десятки», «сотни», and a plural scale word alone.
_RU_VAGUE = frozenset(
    "десятки десятков десяткам десятками десятках сотни сотен сотням сотнями сотнях тысячи тысяч тысячам тысячами"
    " тысячах миллионы миллионов миллионам миллионами миллионах".split()
)
_RU_WORD = "|".join(sorted({*RU_WORD_VALUES, *_RU_SCALES, *_RU_VAGUE}, key=len, reverse=True))
_RU_HALF = r"\s+с\s+половиной"  # «два с половиной»: a half added to the number before it
_RU_NUMBER = re.compile(
    rf"(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+|\d+)(?:,\d+)?(?:{_RU_HALF})?"
    rf"(?:\s?%|\s+(?:процент\w*|{_RU_WORD})(?:\.(?=\s))?)?"
    rf"|(?<![\w-])(?:{_RU_WORD})(?:{_RU_HALF}(?=\s+(?:{_RU_WORD})))?(?:\s+(?:{_RU_WORD}))*(?:{_RU_HALF})?"
    rf"(?:\s+процент\w*)?(?![\w-])",
    re.IGNORECASE,
)


def parse_number_ru(text: str) -> float | None:
    """The value of a number as Russian writes it («двадцать три», «12 000», «1,5 млн», «сорока»,
    «полутора тысяч», «тысячи двухсот»); None for a vague amount («десятки», «сотни», «тысячи»
    alone) or one it cannot read."""
    cleaned = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text.lower()).replace(",", ".")
    cleaned = re.sub(_RU_HALF, " +half", cleaned)
    words = re.sub(r"%|процент\w*|\.(?=\s|$)", " ", cleaned).split()
    if not words or (len(words) == 1 and words[0] in _RU_VAGUE):
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in RU_WORD_VALUES:
            current += RU_WORD_VALUES[word]
            seen = True
        elif word == "+half" and seen:
            current += 0.5
        elif word in _RU_SCALES and seen:
            total += (current or 1) * _RU_SCALES[word]
            current = 0.0
        elif word in _RU_SCALES:
            # A scale word that opens a number is one of it: «тысяча», «тысячи двухсот» (1,200);
            # a plural one alone («тысячи») was refused above as vague.
            total += _RU_SCALES[word]
            seen = True
        else:
            return None
    return total + current if seen else None


def find_numbers_ru(text: str, start: int, end: int, timexes: Sequence[Span] = ()) -> list[Span]:
    """The numbers of Russian ``text[start:end]`` (with their %, «процентов» or scale word), outside `timexes`."""
    return _outside_timexes(_RU_NUMBER, text, start, end, timexes)


# Ordinals: "eleventh", "twenty-first", "11th"; «двенадцатое», «двадцать пятого», «12-е». An
# ordinal says which one in a series, not how many, so compare keeps it apart from counts.
ORDINAL_VALUES = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL = re.compile(
    rf"\b(?:(?:{_TENS})[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    rf"|{'|'.join(sorted(ORDINAL_VALUES, key=len, reverse=True))}"
    r"|\d{1,3}(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
# Russian ordinals by stem; each takes the hard adjective endings, «третий» the soft ones.
_RU_ORDINAL_STEMS = {
    "перв": 1,
    "втор": 2,
    "четвёрт": 4,
    "четверт": 4,
    "пят": 5,
    "шест": 6,
    "седьм": 7,
    "восьм": 8,
    "девят": 9,
    "десят": 10,
    "одиннадцат": 11,
    "двенадцат": 12,
    "тринадцат": 13,
    "четырнадцат": 14,
    "пятнадцат": 15,
    "шестнадцат": 16,
    "семнадцат": 17,
    "восемнадцат": 18,
    "девятнадцат": 19,
    "двадцат": 20,
    "тридцат": 30,
    "сороков": 40,
    "пятидесят": 50,
    "шестидесят": 60,
    "семидесят": 70,
    "восьмидесят": 80,
    "девяност": 90,
    "сот": 100,
}
_RU_HARD_ENDINGS = "ый|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми"
_RU_SOFT_ENDINGS = "ий|ья|ье|ьи|ьего|ьей|ьему|ьим|ьем|ью|ьих|ьими"
_RU_TEN_WORDS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60}
_RU_TEN_WORDS |= {"семьдесят": 70, "восемьдесят": 80, "девяносто": 90}
_RU_ORDINAL_WORD = (
    rf"(?:(?:{'|'.join(sorted(_RU_ORDINAL_STEMS, key=len, reverse=True))})(?:{_RU_HARD_ENDINGS})"
    rf"|трет(?:{_RU_SOFT_ENDINGS}))"
)
_RU_ORDINAL = re.compile(
    rf"(?<![\w-])(?:(?:{'|'.join(_RU_TEN_WORDS)})\s+)?{_RU_ORDINAL_WORD}(?![\w-])"
    r"|(?<![\w.,-])\d{1,3}-(?:го|му|ми|ый|ий|ой|ая|ое|й|я|е|м|ю|х)(?![\w-])",
    re.IGNORECASE,
)


def parse_ordinal(text: str) -> float | None:
    """The value of an English ordinal ("eleventh", "twenty-first", "11th"), or None."""
    words = text.lower().replace("-", " ").split()
    if len(words) == 1 and (figure := re.fullmatch(r"(\d+)(?:st|nd|rd|th)", words[0])):
        return float(figure.group(1))
    if len(words) == 2 and words[0] in WORD_VALUES and words[1] in ORDINAL_VALUES:
        return float(WORD_VALUES[words[0]] + ORDINAL_VALUES[words[1]])
    return float(ORDINAL_VALUES[words[0]]) if len(words) == 1 and words[0] in ORDINAL_VALUES else None


def parse_ordinal_ru(text: str) -> float | None:
    """The value of a Russian ordinal in any case and gender («двенадцатое», «двадцать пятого»,
    «третьей», «12-е»), or None."""
    words = text.lower().split()
    if len(words) == 1 and (figure := re.fullmatch(r"(\d+)-\w+", words[0])):
        return float(figure.group(1))
    tens = _RU_TEN_WORDS.get(words[0], 0) if len(words) == 2 else 0
    word = words[-1]
    if len(words) > 2 or (len(words) == 2 and not tens):
        return None
    if re.fullmatch(rf"трет(?:{_RU_SOFT_ENDINGS})", word):
        return float(tens + 3)
    for stem in sorted(_RU_ORDINAL_STEMS, key=len, reverse=True):
        if word.startswith(stem) and re.fullmatch(_RU_HARD_ENDINGS, word[len(stem) :]):
            return float(tens + _RU_ORDINAL_STEMS[stem])
    return None


def find_ordinals(text: str, start: int, end: int, timexes: Sequence[Span] = ()) -> list[Span]:
    """The ordinals of English ``text[start:end]`` ("eleventh", "21st"), outside `timexes`."""
    return _outside_timexes(_ORDINAL, text, start, end, timexes)


def find_ordinals_ru(text: str, start: int, end: int, timexes: Sequence[Span] = ()) -> list[Span]:
    """The ordinals of Russian ``text[start:end]`` («двенадцатое», «12-е»), outside `timexes`."""
    return _outside_timexes(_RU_ORDINAL, text, start, end, timexes)
