"""The regular expressions that find temporal expressions, one named rule each.

Invariants:
- Every rule is a pattern with named groups for the parts its normaliser reads; the master
  pattern joins all rules, with their group names removed, into one alternation tried at each
  word start, so the text is scanned once. At a position the first rule that matches wins:
  rules are ordered longest and most specific first.
- Spans follow TimeML: leading prepositions are never part of a match; determiners and
  modifiers that belong to the expression are ("the third quarter", "early 1990s", "more than
  four hours").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spinscope.months import MONTHS, WEEKDAYS
from spinscope.numbers import WORD_VALUES

__all__ = ["MASTER", "MONTHS", "NUMBERS", "RULES", "SEASONS", "UNITS", "WEEKDAYS", "Rule"]

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Number words come from spinscope.numbers, so that dates read them as claims and compare do.
_ONES = [word for word, value in WORD_VALUES.items() if 1 <= value <= 9 and word not in ("a", "an")]
_TEENS = [word for word, value in WORD_VALUES.items() if 10 <= value <= 19]
_TENS = [word for word, value in WORD_VALUES.items() if value >= 20]
NUMBERS: dict[str, int] = {word: int(value) for word, value in WORD_VALUES.items() if value} | {"hundred": 100}

# Unit word -> (TIMEX3 letter, whether it is a time unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "fortnight": ("2W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("E", False),
    "century": ("C", False),
    "centurie": ("C", False),
    "millennium": ("L", False),
    "millennia": ("L", False),
}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = _alt([m for m in MONTHS if len(m) > 3 and m != "sept"] + ["may"])
_MONTH_ABBR = _alt(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
MONTH = rf"(?P<month>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.)"
MONTH_FREE = rf"(?P<month>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"  # abbreviations need no dot beside a day
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d%]|,\d|\.\d|-(?:year|month|day|week))"
WEEKDAY = rf"(?P<weekday>{_alt(WEEKDAYS)})"
_WORDNUM = rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?|{_alt(_TEENS)}|{_alt(_ONES)})"
NUM = (
    rf"(?P<num>\d+(?:\.\d+)?(?: 1/2| and a half)?|{_WORDNUM}(?: and a half)?|an?(?: couple of| few| half)?"
    r"|a hundred|hundreds of|a dozen|dozens of|couple of|(?:several|few|many|some|a number of)(?= ))"
)
UNIT = (
    r"(?P<unit>second|minute|hour|day|night|week(?:end)?|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie)|millenni(?:um|a))"
)
_UNIT_PLURAL = UNIT + r"s?"
_EDGE = r"(?:early|late|mid|the (?:beginning|start|end|middle|first half|second half|rest) of)"
EDGE = rf"(?P<edge>{_EDGE})[- ]"
_MOD = (
    r"(?P<mod>about|nearly|almost|around|approximately|roughly|some|more than|less than|fewer than|over"
    r"|at least|at most|up to|under|no more than|no less than|little more than|another"
    r"|an additional|an extra|a full|the full|the entire|an entire|the last|the past|the next|the first"
    r"|the final|the coming|the previous|the following|the remaining|the same|the|past|last|next|first"
    r"|coming|previous|recent|those|these) "
)
_CLOCK = r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ampm>[ap]\.?\s?m\b\.?|o'clock)"
_TZ = r"(?:\s(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|local time))?"
_PART = r"(?P<part>morning|afternoon|evening|night|mid-?afternoon|mid-?morning)"

MONTH_DAY = (
    rf"(?:{MONTH_FREE}\s{DAY}|(?:the\s)?{DAY.replace('<day>', '<day2>')}\s(?:of\s)?"
    rf"{MONTH_FREE.replace('<month>', '<month2>')})"
)
FULL_DATE = rf"(?:{WEEKDAY},?\s)?{MONTH_DAY}(?:,?\s{YEAR})?"


@dataclass(frozen=True, slots=True)
class Rule:
    """One way of writing a temporal expression: its name, pattern and case rule."""

    name: str
    pattern: str

    @property
    def regex(self) -> re.Pattern[str]:
        return _COMPILED[self.name]


RULES: tuple[Rule, ...] = (
    # SET: "every year on 8 November", "each November 8", "every Monday", "daily".
    Rule("set_date", rf"(?:every|each)\s(?:year\s)?(?:on\s)?{MONTH_DAY}\b"),
    Rule(
        "set_every",
        rf"(?:every|each)\s(?:other\s|single\s|(?P<num>\d+|{_WORDNUM})\s)?"
        rf"(?:{WEEKDAY}s?(?:\s{_PART})?|{MONTH}|(?P<season>spring|summer|fall|autumn|winter)"
        rf"|{_PART.replace('<part>', '<part2>')}|{UNIT}s?)\b",
    ),
    Rule(
        "set_adverb",
        r"(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly"
        r"|semiannually|twice a year|twice a day|once a year|once a week|once a month|once a day)\b",
    ),
    Rule("set_per", rf"(?<=\btimes\s)an?\s{UNIT}\b"),
    Rule("set_weekday_plural", rf"{WEEKDAY}s(?:\s{_PART}s?)?\b"),
    # TIME
    Rule("part_of_date", rf"(?:the\s)?(?:(?:early|late)\s)?{_PART}\sof\s{FULL_DATE}\b"),
    Rule(
        "clock",
        rf"(?:(?:around|about)\s)?{_CLOCK}{_TZ}(?:,?\s(?:on\s)?(?:{WEEKDAY}|(?P<deictic>today|yesterday"
        rf"|tomorrow|tonight)|{MONTH_FREE}\s{DAY}))?",
    ),
    Rule(
        "noon",
        rf"(?P<noon>noon|midday|midnight)(?:\s(?:on\s)?(?:{WEEKDAY}"
        rf"|(?P<deictic>today|yesterday|tomorrow)))?\b",
    ),
    Rule(
        "deictic_part",
        rf"(?:(?:early|late|later|earlier)\s)?(?P<deictic>this|yesterday|tomorrow|last|that"
        rf"|the\snext|the\sprevious|the\sfollowing)\s{_PART}\b",
    ),
    Rule("tonight", r"(?P<word>tonight|overnight)\b"),
    Rule("weekday_part", rf"(?:(?P<rel>last|next|this|early|late)\s)?{WEEKDAY}(?:,?\s{_PART}|\s(?:early|late))\b"),
    # DATE: calendar dates, most specific first.
    Rule("iso", r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    Rule("slash", r"(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)?\d\d)\b"),
    Rule("full_date", rf"(?:{EDGE})?{FULL_DATE}\b"),
    Rule(
        "month_anaphor",
        rf"(?:{EDGE})?{MONTH}\s(?:of\s)?(?P<which>that|the\ssame|the\sfollowing|the\sprevious"
        r"|the\snext|last|this|next)\syear\b",
    ),
    Rule("month_year", rf"(?:{EDGE})?{MONTH_FREE},?\s(?:of\s)?{YEAR}\b"),
    Rule(
        "quarter",
        rf"(?:the\s|its\s|a\s)?(?:(?P<yearfirst>(?:19|20)\d\d)\s|(?P<fy>fiscal|calendar)[- ])?"
        rf"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|year-ago|year-earlier)"
        rf"[- ])?(?:fiscal[- ])?(?P<kind>quarter|half)(?:\sof\s{YEAR})?\b",
    ),
    Rule(
        "season",
        rf"(?:(?P<rel>last|this|next|the|early|late|the\searly|the\slate)\s(?:(?:early|late)\s)?)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s(?:of\s)?{YEAR})?\b",
    ),
    Rule("decade", r"(?:the\s)?(?:(?P<edge>early|mid|late)[- ])?(?P<decade>(?:1[5-9]|20)\d0|'\d0)'?s\b"),
    Rule(
        "decade_word",
        r"(?:the\s)?(?:(?P<edge>early|mid|late)[- ])?(?P<decade>twenties|thirties|forties|fifties"
        r"|sixties|seventies|eighties|nineties)\b",
    ),
    Rule(
        "century",
        rf"(?:the\s)?(?:(?:early|mid|late)[- ])?(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|{_WORDNUM}"
        r"|first|second|third|fifth|eighth|ninth|twelfth|[a-z]+teenth|twentieth|twenty-first)[- ]century\b",
    ),
    # Relative to the document date or the narrative.
    Rule(
        "ago",
        rf"(?:{_MOD})?{NUM}\s(?:(?:long|full|more)\s)?{_UNIT_PLURAL}\s(?P<dir>ago|earlier|later"
        r"|(?:before|after)(?!\s(?:the|a|an|his|her|its|their|our|this|that|[A-Z]|\d)))\b",
    ),
    Rule("vague_ago", r"(?P<vague>years|months|weeks|days|decades)\s(?P<dir>ago|earlier|later)\b"),
    Rule(
        "relative",
        r"(?:(?P<edge>early|late|earlier|later|mid|the\send\sof|the\sbeginning\sof|the\smiddle\sof"
        r"|the\srest\sof|the\sstart\sof)[- ](?:in\s)?)?(?:the\s)?(?P<rel>last|this|next|past|previous|coming|current"
        r"|following|same|preceding|prior)\s(?:(?P<fiscal>fiscal)\s)?"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century|day)\b",
    ),
    Rule(
        "relative_named",
        rf"(?:(?P<edge>early|late|mid)\s)?(?P<rel>last|next|this|coming|past)\s"
        rf"(?:{WEEKDAY}|{MONTH}|(?P<season>spring|summer|fall|autumn|winter))\b",
    ),
    Rule(
        "anaphor",
        r"(?:(?P<edge>early|late|earlier|later)\s(?:in\s)?)?"
        r"(?P<which>that|the\ssame|the\snext|the\sprevious)\s(?P<unit>day|week|month|year)\b",
    ),
    Rule(
        "the_unit",
        r"(?:(?P<edge>early|late|earlier|later)\s(?:in\s)?)?(?P<which>the)\s(?P<unit>day|year)"
        r"(?=\s(?:on|before|after|of\s(?:the\s)?(?:attack|election|vote|war)))\b",
    ),
    # Durations.
    Rule(
        "duration_hyphen", rf"(?P<num>\d+(?:\.\d+)?|{_WORDNUM}|several|multi|half)-{UNIT}(?P<old>s?-old)?(?:-long)?\b"
    ),
    Rule(
        "duration",
        rf"(?:{_MOD})?(?:(?P<rel>past|last|next|first|coming|previous|following|final|remaining)\s)?"
        rf"{NUM}\s(?:(?:long|full|more|straight|consecutive|additional|trading|business|calendar|working|"
        rf"further|extra|whole|short)\s)?{_UNIT_PLURAL}(?P<old>[- ]old)?(?:\sor\sso)?\b",
    ),
    Rule(
        "vague_duration",
        r"(?:(?P<vmod>the\spast|the\slast|the\snext|the\scoming|past|recent|coming|the\sfirst"
        r"|several|many|few|a\sfew|for|the\searly|the\sfinal)\s)?(?P<vague>years|months|weeks|days|hours|minutes|decades|centuries)\b",
    ),
    # Words that point at the present, past or future.
    Rule(
        "year_ago",
        r"(?:the\s)?(?:(?:comparable|corresponding)\s)?(?:year-(?:earlier|ago)|year\sago)"
        r"(?:\s(?:third|second|first|fourth)\squarter|\s(?:period|quarter|nine\smonths|six\smonths))?\b",
    ),
    Rule(
        "deictic",
        r"(?:(?P<edge>late|later|earlier|early)\s(?=yesterday|today|tomorrow))?"
        r"(?P<word>today|yesterday|tomorrow|right\snow|now|currently|nowadays|presently|recently|lately"
        r"|the\spast|the\sfuture|the\snear\sfuture|the\spresent|these\sdays"
        r"|the\sday\sbefore\syesterday|the\sday\safter\stomorrow|at\sthe\smoment|this\sday|the\sweekend)\b",
    ),
    Rule("weekday", rf"(?:(?P<rel>last|next|this|early|late|the\sprevious|the\sfollowing)\s)?{WEEKDAY}\b"),
    Rule("month", rf"(?:(?P<edge>early|late|mid)[- ])?{MONTH}(?!\s\d)\b"),
    Rule("year", rf"(?:(?P<edge>early|late|mid)[- ]|the\syear\s|(?P<fy>fiscal|calendar)\s)?{YEAR}\b"),
    Rule(
        "spoken_year",
        rf"(?:the\syear\s)?(?P<spoken>nineteen\s(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES)}))?"
        r"|two\sthousand(?:\sand\s(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
    ),
    Rule(
        "holiday",
        r"(?P<holiday>christmas\s(?:day|eve)|christmas|new\syear's\s(?:day|eve)|thanksgiving(?:\sday)?"
        r"|independence\sday|halloween|valentine's\sday)\b",
    ),
)

_NAMED = re.compile(r"\(\?P<\w+>")
_COMPILED = {rule.name: re.compile(rule.pattern, re.IGNORECASE) for rule in RULES}
# One pass over the text: each rule becomes a group named after it; inner names are dropped.
MASTER = re.compile(
    r"(?<![\w$£€#./@-])(?:" + "|".join(f"(?P<{rule.name}>{_NAMED.sub('(?:', rule.pattern)})" for rule in RULES) + ")",
    re.IGNORECASE,
)
