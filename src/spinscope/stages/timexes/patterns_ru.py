"""The regular expressions that find Russian temporal expressions, one named rule each.

Invariants (as for the English rules in `patterns`):
- Every rule is a pattern with named groups for the parts its normaliser reads; the master
  pattern joins all rules, with their group names removed, into one alternation tried at each
  word start, so the text is scanned once. At a position the first rule that matches wins:
  rules are ordered longest and most specific first.
- Spans follow TimeML as the Russian gold set writes it: a leading preposition ("в", "на",
  "с", "до") is never part of a match, but "через" of "через два дня" is, as "later" is of
  "two days later"; the words that make the expression are ("8 ноября 2020 года", "ночь на
  10 ноября", "28 долгих лет", "не менее трёх лет", "ровно год назад").
- Words are matched in every case they take: months (ноябрь, ноября, ноябре), units (год,
  года, лет, году), number words (два, двух, двум, двумя) and the adjectives that relate
  them to now (прошлый, прошлой, прошлом).
"""

from __future__ import annotations

import re

from spinscope.months import RUSSIAN_MONTHS as MONTHS

__all__ = ["MASTER", "MONTHS", "NUMBERS", "RULES", "UNITS", "WEEKDAYS", "month_of", "number_of", "unit_of"]

_MONTH_ENDINGS = {"ма": "[йяею]"}  # "ма" alone is too short a stem: only май, мая, мае, маю
_MONTH = (
    "(?:"
    + "|".join(
        f"{stem}{_MONTH_ENDINGS.get(stem, '(?:ь|я|е|ю|ем|а|е|у|ом)?')}"
        for stem in sorted(MONTHS, key=len, reverse=True)
    )
    + ")"
)
# Weekdays in the cases "в понедельник", "во вторник", "в среду", "к пятнице", "по субботам" take.
WEEKDAYS: dict[str, int] = {
    "понедельник": 1,
    "вторник": 2,
    "сред": 3,
    "четверг": 4,
    "пятниц": 5,
    "суббот": 6,
    "воскресень": 7,
}
_WEEKDAY = (
    r"(?:понедельник(?:а|у|ом|е|ам)?|вторник(?:а|у|ом|е|ам)?|среду|четверг(?:а|у|ом|е|ам)?"
    r"|пятниц(?:а|у|ы|е|ей|ам)|суббот(?:а|у|ы|е|ой|ам)|воскресень(?:е|я|ю|ем|ям))"
)

# Number words in every case -> value.
NUMBERS: dict[str, float] = {}
for _value, _forms in {
    1: "один одного одному одним одном одна одной одну одно",
    2: "два две двух двум двумя",
    3: "три трёх трех трём трем тремя",
    4: "четыре четырёх четырех четырём четырем четырьмя",
    5: "пять пяти пятью",
    6: "шесть шести шестью",
    7: "семь семи семью",
    8: "восемь восьми восемью",
    9: "девять девяти девятью",
    40: "сорок сорока",
    50: "пятьдесят пятидесяти пятьюдесятью",
    60: "шестьдесят шестидесяти шестьюдесятью",
    70: "семьдесят семидесяти семьюдесятью",
    80: "восемьдесят восьмидесяти восемьюдесятью",
    90: "девяносто девяноста",
    100: "сто ста",
    1.5: "полтора полторы полутора",
}.items():
    for _form in _forms.split():
        NUMBERS.setdefault(_form, _value)
for _form in ("пару", "пары", "пара"):  # "пару лет": a couple of years
    NUMBERS[_form] = 2
for _value, _stem in {
    10: "десят",
    11: "одиннадцат",
    12: "двенадцат",
    13: "тринадцат",
    14: "четырнадцат",
    15: "пятнадцат",
    16: "шестнадцат",
    17: "семнадцат",
    18: "восемнадцат",
    19: "девятнадцат",
    20: "двадцат",
    30: "тридцат",
}.items():
    for _ending in ("ь", "и", "ью"):
        NUMBERS[_stem + _ending] = _value
_NUMBER_WORD = "(?:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_NUM = rf"(?P<num>\d+(?:[.,]5)?|{_NUMBER_WORD}(?:\s{_NUMBER_WORD})?|несколько|нескольких|многих|много)"

# Unit words in every case -> unit.
_UNIT_FORMS = {
    "year": r"год(?:а|у|ом|е|ы|ов|ам|ами|ах)?|лет",
    "month": r"месяц(?:а|у|ем|е|ы|ев|ам|ами|ах)?",
    "week": r"недел(?:я|и|е|ю|ей|ь|ям|ями|ях)",
    "day": r"д(?:ень|ня|ню|нём|нем|не|ни|ней|ням|нями|нях)|сут(?:ки|ок|кам|ками|ках)",
    "hour": r"час(?:а|у|ом|е|ы|ов|ам|ами|ах)?",
    "minute": r"минут(?:а|ы|е|у|ой|ам|ами|ах)?",
    "decade": r"десятилети(?:е|я|ю|ем|и|й|ям|ями|ях)",
    "century": r"(?:век(?:а|у|ом|е|ов|ам|ами|ах)?|столети(?:е|я|ю|ем|и|й|ям|ями|ях))",
}
UNITS = tuple(_UNIT_FORMS)
_UNIT = "(?P<unit>" + "|".join(f"{forms}" for forms in _UNIT_FORMS.values()) + ")"
_UNIT_REGEXES = {unit: re.compile(forms + "$", re.IGNORECASE) for unit, forms in _UNIT_FORMS.items()}
# Stems of "двух-", "тридцати-", "сорока-" that compound with -летний, -дневный ...
_COMPOUND = {
    "одно": 1,
    "двух": 2,
    "трёх": 3,
    "трех": 3,
    "четырёх": 4,
    "четырех": 4,
    "пяти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "девяти": 9,
    "десяти": 10,
    "одиннадцати": 11,
    "двенадцати": 12,
    "пятнадцати": 15,
    "двадцати": 20,
    "тридцати": 30,
    "сорока": 40,
    "пятидесяти": 50,
    "шестидесяти": 60,
    "семидесяти": 70,
    "восьмидесяти": 80,
    "девяноста": 90,
    "сто": 100,
    "ста": 100,
    "полу": 0.5,
}
_COMPOUND_UNITS = {
    "летн": "year",
    "дневн": "day",
    "недельн": "week",
    "месячн": "month",
    "часов": "hour",
    "минутн": "minute",
    "суточн": "day",
    "векова": "century",
    "вековн": "century",
}
_COMPOUND_WORD = "(?:" + "|".join(sorted(_COMPOUND, key=len, reverse=True)) + ")"

_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_YEAR_WORD = r"(?:\s?(?:года|году|год|г\.|гг\.)|-(?:го|м|й))"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:-?(?:го|е|ое))?"
_EDGE = r"(?P<edge>начал[аеоу]|конц[аеу]|середин[аеуы]|перв(?:ой|ую)\sполовин[аеуы]|втор(?:ой|ую)\sполовин[аеуы])\s"
_PART = r"(?P<part>утр(?:ом|а|о)|вечер(?:ом|а)?|ночью|ночь|днём|днем|после\sобеда)"
_REL = r"(?P<rel>позапрошл|прошл|минувш|эт|текущ|нынешн|следующ|будущ|наступающ|предстоящ|грядущ|т)"
_PLURAL_ADJ = r"(?:[а-яё]+(?:их|ых|ие|ые)\s)"
_MOD = (
    r"(?P<mod>не\sменее|не\sболее|более|менее|почти|около|свыше|больше|меньше|примерно|приблизительно"
    r"|целых|всего|лишь|уже|ещё|еще|последние|последних|ближайшие|ближайших|первые|первых|ровно)\s"
)
_TIME_ZONE = (
    r"(?:\sпо\s(?:(?:[а-яё]+ому\s)?времени(?:\s(?:столицы|[А-ЯЁ][а-яё]+))?|Москве|Гринвичу|UTC|GMT|МСК)"
    r"|\s(?:UTC|GMT|МСК|мск))?"
)


class Rule:
    """One way of writing a Russian temporal expression: its name and pattern."""

    __slots__ = ("name", "pattern")

    def __init__(self, name: str, pattern: str) -> None:
        self.name, self.pattern = name, pattern

    @property
    def regex(self) -> re.Pattern[str]:
        return _COMPILED[self.name]


RULES: tuple[Rule, ...] = (
    # SET
    Rule("set_date", rf"(?:ежегодно|каждый\sгод)\s{_DAY}\s(?P<month>{_MONTH})\b"),
    Rule(
        "set_adverb",
        r"(?P<adverb>ежегодно|ежедневно|еженедельно|ежемесячно|ежечасно|ежеквартально"
        r"|каждый\sгод|каждый\sдень|каждую\sнеделю|каждый\sмесяц|каждое\sутро|каждый\sвечер|раз\sв\sгод"
        r"|раз\sв\sмесяц|раз\sв\sнеделю|дважды\sв\sгод|раз\sв\sдень)\b",
    ),
    Rule("set_every", rf"(?:кажд(?:ое|ый|ую)\s(?P<season>лето|весну|осень|зиму)|раз\sв\s{_NUM}\s{_UNIT})\b"),
    Rule("set_weekday", rf"(?:(?P<every>каждый|каждую|каждое|по)\s)(?P<weekday>{_WEEKDAY})\b"),
    # TIME
    Rule(
        "night_of",
        rf"(?P<part>ночь|ночью)\s(?:с\s(?P<from>\d{{1,2}})\s(?:{_MONTH}\s)?)?на\s"
        rf"(?:{_DAY}\s(?P<month>{_MONTH})(?:\s{_YEAR}{_YEAR_WORD}?)?|(?P<weekday>{_WEEKDAY}))\b",
    ),
    Rule("part_of_date", rf"{_PART}\s{_DAY}\s(?P<month>{_MONTH})(?:\s{_YEAR}{_YEAR_WORD}?)?\b"),
    Rule("clock", rf"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?![\d.,:]\d){_TIME_ZONE}"),
    Rule(
        "clock_hours",
        rf"(?<=\s[вкВК]\s)(?P<hour>[01]?\d|2[0-3])\s"
        rf"(?:час(?:а|ов)?(?:\s(?P<part>утра|дня|вечера|ночи))?"
        rf"|(?P<part2>утра|вечера|ночи)){_TIME_ZONE}"
        r"(?=[\s,.;)]|$)",
    ),
    # «около четырёх часов утра», «в пять часов вечера»: an hour with a part of the day is a
    # time of day, not a period, whether or not a preposition stands before it.
    Rule(
        "clock_words",
        r"(?:(?P<mod>около|примерно|приблизительно|ровно)\s)?"
        rf"(?P<hour>[01]?\d|2[0-3]|{_NUMBER_WORD})\sчас(?:а|ов)?\s(?P<part>утра|дня|вечера|ночи)\b",
    ),
    Rule(
        "weekday_part",
        rf"(?:(?P<weekday>{_WEEKDAY})\s(?P<part>утром|вечером|днём|днем|ночью)"
        rf"|(?P<part2>утром|вечером|днём|днем|ночью)"
        rf"\sв(?:о)?\s(?P<weekday2>{_WEEKDAY}))\b",
    ),
    Rule("deictic_part", rf"(?P<deictic>сегодня|вчера|завтра|позавчера|этой|прошлой|минувшей|этим|тем)\s{_PART}\b"),
    Rule("part_alone", r"(?<![\w-])(?P<part>утром|вечером|ночью|днём|днем)\b"),
    # DATE: calendar dates, most specific first.
    Rule(
        "numeric",
        r"(?P<day>0?[1-9]|[12]\d|3[01])\.(?P<nmonth>0[1-9]|1[0-2])\.(?P<year>(?:19|20)\d\d)(?:\s?г\.|\sгода)?",
    ),
    Rule("iso", r"(?P<year>(?:19|20)\d\d)-(?P<nmonth>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    Rule("full_date", rf"{_DAY}\s(?P<month>{_MONTH})(?:\s{_YEAR}{_YEAR_WORD}?)?\b"),
    Rule("month_anaphor", rf"(?:{_EDGE})?(?P<month>{_MONTH})\s{_REL}[а-яё]*(?:\sже)?\sгода\b"),
    Rule("month_year", rf"(?:{_EDGE})?(?P<month>{_MONTH})\s{_YEAR}{_YEAR_WORD}?\b"),
    Rule(
        "quarter",
        rf"(?P<ordinal>перв|втор|трет|четв[её]рт|I{{1,3}}|IV)[а-яё]*\s(?:-?м\s)?"
        rf"(?P<kind>квартал|полугоди)[а-яё]*"
        rf"(?:\s{_YEAR}{_YEAR_WORD}?|\s(?P<rel2>прошл|этого|текущ|следующ|будущ|того)[а-яё]*(?:\sже)?\sгода)?\b",
    ),
    Rule(
        "season",
        rf"(?:{_EDGE}|{_REL}[а-яё]*\s)?"
        rf"(?P<season>весн(?:ой|а|у|ы|е)|лет(?:ом|о|а|у)|осен(?:ью|ь|и)|зим(?:ой|а|у|ы|е))"
        rf"(?:\s(?:{_YEAR}{_YEAR_WORD}?|(?P<rel2>прошл|этого|текущ|следующ|будущ|того)[а-яё]*(?:\sже)?\sгода))?\b",
    ),
    Rule("decade", rf"(?:{_EDGE})?(?P<decade>(?:1[5-9]|20)?\d0)-(?:е|х|ые|ых|м)(?:\s(?:год(?:ы|ов|ах|ам|ами)))?(?!\w)"),
    Rule(
        "century",
        r"(?:(?P<edge2>начал[аеоу]|конц[аеу]|середин[аеуы])\s)?"
        r"(?P<roman>[XVI]{1,5}|\d{1,2})(?:-?(?:м|го|й))?\s"
        r"(?:век(?:а|у|ом|е)?|столети(?:е|я|и|ю))\b",
    ),
    Rule("year", rf"(?:{_EDGE})?{_YEAR}(?P<yearword>{_YEAR_WORD})?(?![\d%])"),
    # Relative to the document date or the narrative.
    Rule("ago", rf"(?:{_MOD})?(?:{_NUM}\s)?{_PLURAL_ADJ}?{_UNIT}\s(?P<dir>назад|спустя|тому\sназад)\b"),
    Rule("after", rf"(?P<dir>через|спустя)\s(?:{_MOD})?(?:{_NUM}\s)?{_PLURAL_ADJ}?{_UNIT}\b"),
    Rule(
        "relative",
        rf"(?:{_EDGE})?{_REL}(?:ом|ем|ой|ей|ую|юю|ий|ый|ого|его|им|ым|ие|ые|их|ых|от|о|а)?(?:\sже)?\s"
        r"(?P<unit>году|года|год|неделе|неделю|недели|месяце|месяца|месяц|веке|века|век|день|дня|дне|десятилетии)\b",
    ),
    Rule("deictic", r"(?P<word>сегодня|вчера|завтра|позавчера|послезавтра|накануне|сейчас|настоящее\sвремя)\b"),
    Rule("weekday", rf"(?:(?P<wrel>прошл|следующ|эт|минувш|будущ)[а-яё]*\s)?(?P<weekday>{_WEEKDAY})\b"),
    Rule("month", rf"(?:{_EDGE})?(?P<month>{_MONTH})\b"),
    # Durations.
    Rule(
        "duration_compound",
        rf"(?P<num>\d+|{_COMPOUND_WORD}(?:{_COMPOUND_WORD})?)-?(?P<cunit>{'|'.join(_COMPOUND_UNITS)})"
        r"(?:ий|ый|яя|ая|ее|ое|его|ого|ей|ой|ему|ому|им|ым|ем|ом|юю|ую|ие|ые|их|ых|ими|ыми)\b",
    ),
    Rule("duration", rf"(?:{_MOD})?{_NUM}\s{_PLURAL_ADJ}?{_UNIT}\b"),
    Rule("duration_unit", rf"{_MOD}(?P<unit>года|месяца|недели|суток|часа|дня|века|десятилетия)\b"),
    Rule("edge_unit", rf"{_EDGE}(?P<unit>года|месяца|недели)\b"),
    Rule(
        "duration_half",
        r"(?:(?P<mod>почти|около|более|менее|целых|ровно)\s)?"
        r"(?P<half>полгода|полвека|полчаса|полдня|полтора\sгода|сутки)\b",
    ),
    Rule("vague_duration", r"(?P<vague>десятилетиями|годами|месяцами|неделями|веками)\b"),
    Rule(
        "vague_plural",
        r"(?:долги[еих]|многи[еих]|последни[еих]|ближайши[еих]|прошедши[еих])\s"
        r"(?P<vunit>годы|годов|лет|месяцы|месяцев|недели|недель|десятилетия|десятилетий)\b",
    ),
    Rule("duration_bare", r"(?<=течение\s|тяжении\s)(?P<unit>года|месяца|недели|суток|часа|дня|века|десятилетия)\b"),
)

_NAMED = re.compile(r"\(\?P<\w+>")
_COMPILED = {rule.name: re.compile(rule.pattern, re.IGNORECASE) for rule in RULES}
# One pass over the text: each rule becomes a group named after it; inner names are dropped.
MASTER = re.compile(
    r"(?<![\w$£€#./@-])(?:" + "|".join(f"(?P<{rule.name}>{_NAMED.sub('(?:', rule.pattern)})" for rule in RULES) + ")",
    re.IGNORECASE,
)


def month_of(word: str) -> int | None:
    """The month a word in any case names: ``ноября`` -> 11."""
    word = word.lower()
    for stem in sorted(MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return MONTHS[stem]
    return None


def unit_of(word: str) -> str | None:
    """The unit a unit word in any case names: ``лет`` -> ``year``; a compound stem too (``летн``)."""
    word = word.lower()
    if word in _COMPOUND_UNITS:
        return _COMPOUND_UNITS[word]
    return next((unit for unit, regex in _UNIT_REGEXES.items() if regex.match(word)), None)


def number_of(words: str) -> float | None:
    """A number written in digits, words in any case ("двадцати восьми") or a compound stem
    ("тридцати", "сорокачетырех"); None for a vague amount ("несколько")."""
    words = words.lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.5)?", words):
        return float(words)
    parts = words.split()
    if parts and all(part in NUMBERS for part in parts):
        return sum(NUMBERS[part] for part in parts)
    total, rest = 0.0, words
    while rest:
        stem = next((s for s in sorted(_COMPOUND, key=len, reverse=True) if rest.startswith(s)), None)
        if stem is None:
            return None
        total, rest = total + _COMPOUND[stem], rest[len(stem) :]
    return total or None
