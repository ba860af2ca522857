"""Turn a matched temporal expression into its TIMEX3 type and value.

Invariants:
- Values follow TimeML 1.2 (TimeBank conventions): calendar dates as far as the text says
  (``2020``, ``2020-11``, ``2020-11-08``, ``2020-W45``, ``2020-Q3``, ``2020-SU``, decades
  ``199``, centuries ``19``), times of day ``2020-11-10TNI`` or ``...T16:00``, durations
  ``P44D``/``PT4H``/``PXY`` (decades ``E``, centuries ``C``), sets ``XXXX-11-08``/``P1Y``,
  and ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` for the vague present, past and future.
- A relative expression is resolved against one of two references: the document date
  (``today``, ``last year``, ``Friday``, ``five years ago``) or the narrative's reference
  time, the last date the text itself fixed (``that year``, ``two days later``, a bare
  ``November 10`` in a paragraph that named a year). Without the reference it needs, a value
  stays underspecified (``XXXX-11-10``, ``PAST_REF``). A year named only in another sentence
  lends no year to a bare date.
- Tense: a bare weekday or date that a past-tense verb governs ("said on Tuesday") resolves
  to the past even where the sentence later looks ahead ("that he will testify").
- Names are not periods ("the Six-Day War"); a date named as a holiday ("declaring November
  8 as Victory Day") is a SET.
- Normalisers never raise on odd input: an expression they cannot read is rejected (None),
  which drops it, as a false date costs more than a missed one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spinscope.stages.timexes.patterns import MONTHS, NUMBERS, SEASONS, WEEKDAYS
from spinscope.stages.timexes.values import GRAIN_OF_UNIT, at_grain, duration, make_date, number, shift, unit_of

__all__ = ["Context", "Reference", "Value", "normalise"]

Grain = str  # "year", "month", "day"
_PARTS = {
    "morning": "MO",
    "mid-morning": "MO",
    "midmorning": "MO",
    "afternoon": "AF",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|plans? to|scheduled|expects? to|upcoming|is to|are to|next)\b",
    re.IGNORECASE,
)
_NOT_YEAR_AFTER = re.compile(
    r"\s(?:percent|per|people|persons|troops|soldiers|men|women|children|workers|employees|shares|points|votes|jobs"
    r"|miles|kilometers|kilometres|km|feet|foot|meters|metres|tons|tonnes|cars|homes|houses|units|members|students"
    r"|deaths|dead|killed|civilians|residents|refugees|prisoners|cases|barrels|acres|yards|pounds|dollars|euros"
    r"|yen|companies|families|villages|rounds|times|calories|patients|pages|copies|delegates|seats|hectares)\b",
    re.IGNORECASE,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:about|nearly|some|more than|over|up to|around|approximately|almost|than|least|No|no|number|page|pages"
    r"|flight|route|Room|room|code|model|Boeing|Airbus|Windows|Nos?)\s|[$£€#:]\s?|\d\s)$"
)
# Verbs in the past tense, irregular ones by name, regular ones by their "-ed" (but not the
# words that merely end so).
_IRREGULAR_PAST = frozenset(
    "said told met went came was were had took gave made began left held spoke wrote found saw seen ran won lost"
    " sent got fell rose did sold bought paid brought thought kept led built struck broke chose drove flew knew"
    " threw became fought caught taught sought stood sat heard meant felt spent swore tore woke withdrew".split()
)
_NOT_PAST = frozenset(
    "need speed feed proceed exceed succeed red bed seed weed indeed hundred bred shed freed agreed-upon united"
    " limited based related scheduled expected planned supposed".split()
)
_WORD = re.compile(r"[A-Za-z']+")
_FUTURE_WORDS = frozenset(
    {"will", "shall", "'ll", "to", "be", "going", "would", "should", "must", "may", "might", "could", "can"}
)
_SKIPPED = frozenset({"on", "in", "at", "by", "until", "last", "this", "early", "late", "since"})
# "declaring November 8 as Victory Day": a date named as a holiday recurs every year.
_AS_HOLIDAY = re.compile(r"\s+(?:as|is|was|became)\s+(?:the\s+|a\s+)?(?:[A-Z][\w'’-]*\s+){1,4}Day\b")
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|through|last|next|this|early|late|mid|of|from|to|before|after|during|between"
    r"|and|on|or|that|each|every)[\s-]$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reference:
    """A point the text has fixed: a day, with how much of it is known."""

    date: dt.date
    grain: Grain

    @property
    def value(self) -> str:
        """The reference as a TIMEX3 value at its own grain."""
        return at_grain(self.date, self.grain)


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised expression: TIMEX3 type and value, and the reference it was resolved on."""

    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    anchor: str | None = None
    trim: int = 0  # characters to drop from the start of the match (a preposition it needed)


@dataclass(slots=True)
class Context:
    """What resolution needs beyond the match: the text, the document date, the narrative.

    `narrative` is the last date the text fixed; `paragraph` the index of the paragraph it was
    fixed in; `speech` a day the current quote was spoken on, when the text says so.
    """

    text: str
    dct: dt.date | None
    narrative: Reference | None = None
    quarter: str | None = None  # the last quarter named ("1989-Q3"): "a year ago" then means a quarter
    narrative_paragraph: int = -1
    narrative_end: int = -1  # where the expression that fixed `narrative` ends
    paragraph: int = 0
    speech: dt.date | None = None

    def local(self) -> Reference | None:
        """The narrative reference, if this paragraph fixed it (partial dates take its year)."""
        return self.narrative if self.narrative_paragraph == self.paragraph else None


def normalise(rule: str, groups: dict[str, str | None], start: int, end: int, context: Context) -> Value | None:
    """The TIMEX3 type and value of one match of `rule`, or None to drop the match."""
    return _NORMALISERS[rule](_Match(groups, start, end, context))


@dataclass(slots=True)
class _Match:
    groups: dict[str, str | None]
    start: int
    end: int
    context: Context

    def get(self, name: str) -> str:
        return (self.groups.get(name) or "").lower()

    @property
    def dct(self) -> dt.date | None:
        return self.context.dct

    @property
    def future(self) -> bool:
        text = self.context.text
        left = max(text.rfind(".", 0, self.start), text.rfind("\n", 0, self.start), self.start - 80)
        right = _sentence_end(text, self.end, 50)
        return bool(_FUTURE.search(text, left + 1, right))

    @property
    def past(self) -> bool:
        """Whether the expression belongs to a verb in the past tense: the word just before it,
        past one preposition ("said on Tuesday", "released November 5"), unless a modal or
        "be" comes first ("will be released"); or, when the expression opens its clause, one
        of the four words after it ("On Tuesday, the minister said")."""
        text = self.context.text
        left = max(text.rfind(".", 0, self.start), text.rfind("\n", 0, self.start), self.start - 40)
        before = [w.lower() for w in _WORD.findall(text, left + 1, self.start)]
        if before and before[-1] in _SKIPPED:
            before.pop()
        if before:
            return _is_past(before[-1]) and not (len(before) > 1 and before[-2] in _FUTURE_WORDS)
        after = [w.lower() for w in _WORD.findall(text, self.end, _sentence_end(text, self.end, 40))][:4]
        for word in after:
            if word in _FUTURE_WORDS:
                return False
            if _is_past(word):
                return True
        return False

    @property
    def month(self) -> int | None:
        name = self.get("month") or self.get("month2")
        return MONTHS.get(name.rstrip(".")) if name else None

    @property
    def day(self) -> int | None:
        day = self.get("day") or self.get("day2")
        return int(day) if day else None


def _is_past(word: str) -> bool:
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)


def _sentence_end(text: str, position: int, reach: int) -> int:
    limit = min(len(text), position + reach)
    for index in range(position, limit):
        if text[index] in ".!?\n":
            return index
    return limit


def _year_for(month: int, day: int | None, m: _Match, weekday: int | None = None) -> tuple[str, str | None] | None:
    """The year of a date written without one.

    In order: the year in which the written weekday falls on that date ("Saturday, May 18");
    the year of a day or month this paragraph fixed, or of a year named in the same sentence;
    in a past-tense sentence, the year of the story's last fixed day when the date falls just
    around it (a story told years later: "November 10" after "8 November 2020"); else the
    document date's (the nearest occurrence; the last one in a past-tense sentence, the next
    one when the sentence speaks of the future).
    """
    if weekday is not None and day is not None and (year := _year_of_weekday(month, day, weekday, m)):
        return year
    local = m.context.local()
    if (
        local is not None
        and local.grain == "year"
        and not _same_sentence(m.context.text, m.context.narrative_end, m.start)
    ):
        local = None  # "in 2012 ... released November 5": a year named elsewhere is no anchor
    # A paragraph about another time lends its year; one about the last or next year may be
    # reporting news of around the document date, which the document date resolves better.
    if local is not None and (m.dct is None or abs(local.date.year - m.dct.year) > 1):
        return f"{local.date.year:04d}", local.value
    story = m.context.narrative
    if (
        day is not None
        and story is not None
        and story.grain in ("day", "month")
        and m.past
        and (m.dct is None or story.date.year < m.dct.year)
        and (near := make_date(story.date.year, month, day)) is not None
        and -45 <= (near - story.date).days <= 120
    ):
        return f"{story.date.year:04d}", story.value
    if m.dct is None:
        return None
    dct = m.dct
    if day is None:  # a month alone: the last one, or the next one when the sentence looks ahead
        if m.future and not m.past:
            return f"{dct.year + (1 if month < dct.month else 0):04d}", dct.isoformat()
        return f"{dct.year - (1 if month > dct.month else 0):04d}", dct.isoformat()
    candidates = [make_date(dct.year + offset, month, day or 15) for offset in (-1, 0, 1)]
    dates = [c for c in candidates if c is not None]
    if not dates:
        return None
    if m.past and not m.future:
        earlier = [d for d in dates if d <= dct]
        best = max(earlier or dates)
    elif m.future:
        later = [d for d in dates if d >= dct - dt.timedelta(days=0 if day else 31)]
        best = min(later or dates, key=lambda d: abs((d - dct).days))
    else:
        best = min(dates, key=lambda d: abs((d - dct).days) + (60 if d > dct + dt.timedelta(days=200) else 0))
    return f"{best.year:04d}", dct.isoformat()


def _year_of_weekday(month: int, day: int, weekday: int, m: _Match) -> tuple[str, str | None] | None:
    """The year near the document date (or the paragraph's) in which `month`/`day` falls on
    `weekday`, when exactly one does."""
    base = m.context.local() or (Reference(m.dct, "day") if m.dct else None)
    if base is None:
        return None
    years = [
        year
        for year in range(base.date.year - 1, base.date.year + 2)
        if (date := make_date(year, month, day)) is not None and date.isoweekday() == weekday
    ]
    return (f"{years[0]:04d}", base.value) if len(years) == 1 else None


def _same_sentence(text: str, start: int, end: int) -> bool:
    """Whether no sentence ends between `start` and `end`."""
    return 0 <= start <= end and re.search(r"[.!?]\s|\n", text[start:end]) is None


def _weekday_date(weekday: int, m: _Match, relation: str = "") -> dt.date | None:
    """The day a weekday name means: the last one before the document date (or that day),
    the next one when the sentence speaks of the future or says "next"."""
    if m.dct is None:
        return None
    dct = m.dct
    delta = weekday - dct.isoweekday()
    if relation == "this":
        return dct + dt.timedelta(days=delta)
    if relation == "next" or (relation != "last" and m.future and not m.past):
        return dct + dt.timedelta(days=delta % 7 or (7 if relation == "next" else 0))
    back = (-delta) % 7
    if relation == "last" and back == 0:
        back = 7
    return dct - dt.timedelta(days=back)


def _deictic_day(word: str, m: _Match) -> tuple[dt.date | None, str | None]:
    """The day `today`/`yesterday`/`tomorrow`/`this` means, and the anchor it used."""
    base = m.context.speech or m.dct
    if base is None:
        return None, None
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    return base + dt.timedelta(days=offset), base.isoformat()


_UNDERSPECIFIED = {"yesterday": "PAST_REF", "tomorrow": "FUTURE_REF", "last": "PAST_REF"}


def _narrative(m: _Match) -> Reference | None:
    return m.context.narrative


# Normalisers, one per rule ------------------------------------------------------------------


def _set_date(m: _Match) -> Value | None:
    if m.month is None or m.day is None:
        return None
    return Value("SET", f"XXXX-{m.month:02d}-{m.day:02d}")


def _set_every(m: _Match) -> Value | None:
    if m.get("weekday"):
        part = _PARTS.get(m.get("part"), "")
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[m.get('weekday')]}" + (f"T{part}" if part else ""))
    if m.month is not None:
        return Value("SET", f"XXXX-{m.month:02d}")
    if m.get("season"):
        return Value("SET", f"XXXX-{SEASONS[m.get('season')]}")
    if m.get("part2"):
        return Value("SET", f"XXXX-XX-XXT{_PARTS.get(m.get('part2'), 'MO')}")
    amount = number(m.get("num")) if m.get("num") else 1
    return Value("SET", duration(amount, unit_of(m.get("unit"))))


_ADVERBS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "quarterly": "P3M",
    "nightly": "P1D",
    "biweekly": "P2W",
    "semiannually": "P6M",
    "twice a year": "P1Y",
    "twice a day": "P1D",
    "once a year": "P1Y",
    "once a week": "P1W",
    "once a month": "P1M",
    "once a day": "P1D",
}


def _set_adverb(m: _Match) -> Value | None:
    return Value("SET", _ADVERBS[" ".join(m.get("adverb").split())])


def _set_per(m: _Match) -> Value | None:
    return Value("SET", duration(1, unit_of(m.get("unit"))))


def _set_weekday_plural(m: _Match) -> Value | None:
    part = _PARTS.get(m.get("part").rstrip("s"), "")
    return Value("SET", f"XXXX-WXX-{WEEKDAYS[m.get('weekday')]}" + (f"T{part}" if part else ""))


def _calendar(m: _Match) -> Value | None:
    """A day written with its month (and maybe year): ``8 November 2020``, ``Nov. 10``."""
    month, day = m.month, m.day
    if month is None or day is None:
        return None
    year_text = m.get("year")
    if not year_text and _AS_HOLIDAY.match(m.context.text, m.end):
        return Value("SET", f"XXXX-{month:02d}-{day:02d}")
    if year_text:
        year = int(year_text) + (1900 if len(year_text) == 2 and int(year_text) > 30 else 0)
        year += 2000 if len(year_text) == 2 and year < 100 else 0
        if make_date(year, month, day) is None:
            return None
        return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}")
    weekday = WEEKDAYS[m.get("weekday")] if m.get("weekday") else None
    resolved = _year_for(month, day, m, weekday)
    if resolved is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}")
    found_year, anchor = resolved
    if make_date(int(found_year), month, day) is None:
        return None
    return Value("DATE", f"{found_year}-{month:02d}-{day:02d}", anchor)


def _part_of_date(m: _Match) -> Value | None:
    date = _calendar(m)
    if date is None:
        return None
    return Value("TIME", f"{date.value}T{_PARTS.get(m.get('part'), 'NI')}", date.anchor)


def _clock(m: _Match) -> Value | None:
    hour = int(m.get("hour"))
    minute = int(m.get("minute") or 0)
    ampm = m.get("ampm").replace(".", "").replace(" ", "")
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or (ampm == "o'clock" and hour > 12):
        return None
    day, anchor = _day_of_time(m)
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}", anchor)


def _day_of_time(m: _Match) -> tuple[str, str | None]:
    """The day a clock time or part of day falls on: the day named beside it, else today."""
    if m.get("weekday"):
        date = _weekday_date(WEEKDAYS[m.get("weekday")], m)
        if date is not None:
            return date.isoformat(), m.dct.isoformat() if m.dct else None
        return f"XXXX-WXX-{WEEKDAYS[m.get('weekday')]}", None
    if m.month is not None and m.day is not None:
        value = _calendar(m)
        if value is not None:
            return value.value, value.anchor
    date, anchor = _deictic_day(m.get("deictic") or "today", m)
    return (date.isoformat(), anchor) if date else ("XXXX-XX-XX", None)


def _noon(m: _Match) -> Value | None:
    day, anchor = _day_of_time(m)
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.get("noon")]
    return Value("TIME", f"{day}T{clock}", anchor)


def _deictic_part(m: _Match) -> Value | None:
    word = " ".join(m.get("deictic").split())
    part = _PARTS.get(m.get("part"), "NI")
    if word in ("that", "the next", "the previous", "the following"):
        reference = _narrative(m)
        if reference is None or reference.grain != "day":
            return Value("TIME", f"XXXX-XX-XXT{part}")
        offset = {"the next": 1, "the following": 1, "the previous": -1}.get(word, 0)
        day = reference.date + dt.timedelta(days=offset)
        return Value("TIME", f"{day.isoformat()}T{part}", reference.value)
    if word == "last" and part != "NI":
        return None
    date, anchor = _deictic_day(word, m)
    if date is None:
        return Value("TIME", f"{_UNDERSPECIFIED.get(word, 'PRESENT_REF')}")
    return Value("TIME", f"{date.isoformat()}T{part}", anchor)


def _tonight(m: _Match) -> Value | None:
    date, anchor = _deictic_day("today", m)
    return Value("TIME", f"{date.isoformat()}TNI" if date else "XXXX-XX-XXTNI", anchor)


def _weekday_part(m: _Match) -> Value | None:
    weekday = WEEKDAYS[m.get("weekday")]
    date = _weekday_date(weekday, m, m.get("rel"))
    part = _PARTS.get(m.get("part"), "")
    day = date.isoformat() if date else f"XXXX-WXX-{weekday}"
    if not part:
        return Value("DATE", day, m.dct.isoformat() if date and m.dct else None)
    return Value("TIME", f"{day}T{part}", m.dct.isoformat() if date and m.dct else None)


def _month_anaphor(m: _Match) -> Value | None:
    month = m.month
    which = " ".join(m.get("which").split())
    if month is None:
        return None
    if which in ("last", "this", "next"):
        if m.dct is None:
            return Value("DATE", f"XXXX-{month:02d}")
        year = m.dct.year + {"last": -1, "this": 0, "next": 1}[which]
        return Value("DATE", f"{year:04d}-{month:02d}", m.dct.isoformat())
    reference = _narrative(m)
    if reference is None:
        return Value("DATE", f"XXXX-{month:02d}")
    year = reference.date.year + {"the following": 1, "the next": 1, "the previous": -1}.get(which, 0)
    return Value("DATE", f"{year:04d}-{month:02d}", reference.value)


def _month_year(m: _Match) -> Value | None:
    if m.month is None:
        return None
    return Value("DATE", f"{int(m.get('year')):04d}-{m.month:02d}")


def _year_ago(m: _Match) -> Value | None:
    """ "the year-earlier period", "year-ago": the same quarter (or, failing one, year) a year before."""
    if m.context.quarter:
        year, quarter = m.context.quarter.split("-")
        return Value("DATE", f"{int(year) - 1:04d}-{quarter}", m.context.quarter)
    if m.dct is None:
        return Value("DATE", "PAST_REF")
    return Value("DATE", f"{m.dct.year - 1:04d}", m.dct.isoformat())


def _quarter(m: _Match) -> Value | None:
    ordinal = m.get("ordinal")
    letter = "Q" if m.get("kind") == "quarter" else "H"
    year_text = m.get("year") or m.get("yearfirst")
    trim = 0
    leading = re.match(
        r"(?:a|the|its)\s(?=\w+-(?:fiscal-)?(?:quarter|half))", m.context.text[m.start : m.end], re.IGNORECASE
    )
    if leading:
        trim = leading.end()  # "a third-quarter loss": the adjective is the timex, not the article
    value = _quarter_value(m, ordinal, letter, year_text)
    return None if value is None else Value(value.type, value.value, value.anchor, trim)


def _quarter_value(m: _Match, ordinal: str, letter: str, year_text: str) -> Value | None:
    if letter == "H" and ordinal in ("last", "final"):
        ordinal = "second"
    if not ordinal:
        if letter == "H" or not (year_text or m.context.text[m.start : m.start + 4].lower() == "the "):
            return None
        ordinal = "year-ago" if year_text else "latest"
    if ordinal in _ORDINALS:
        index = _ORDINALS[ordinal]
        if letter == "H" and index > 2:
            return None
        if year_text:
            return Value("DATE", f"{year_text}-{letter}{index}")
        if m.dct is None:
            return Value("DATE", f"XXXX-{letter}{index}")
        year = m.dct.year
        first_month = (index - 1) * (3 if letter == "Q" else 6) + 1
        if first_month > m.dct.month and not m.future:
            year -= 1
        return Value("DATE", f"{year:04d}-{letter}{index}", m.dct.isoformat())
    if m.dct is None or letter == "H":
        return Value("DATE", f"XXXX-{letter}X")
    current = (m.dct.month - 1) // 3 + 1
    year = int(year_text) + 1 if year_text else m.dct.year
    if ordinal in ("latest", "last", "final"):
        current -= 1
    elif ordinal in ("year-ago", "year-earlier"):
        current, year = current - 1, year - 1
    if current == 0:
        current, year = 4, year - 1
    return Value("DATE", f"{year:04d}-Q{current}", m.dct.isoformat())


def _season(m: _Match) -> Value | None:
    season = m.get("season")
    code = SEASONS[season]
    relation = m.get("rel").split(" ")[0] if m.get("rel") else ""
    if m.get("year"):
        return Value("DATE", f"{m.get('year')}-{code}")
    if not relation and season in ("fall", "spring"):
        return None
    if relation in ("the", "early", "late", ""):
        if season in ("fall", "spring") and not relation:
            return None
        local = m.context.local()
        if local is not None:
            return Value("DATE", f"{local.date.year:04d}-{code}", local.value)
        relation = "this"
    if m.dct is None:
        return Value("DATE", f"XXXX-{code}")
    year = m.dct.year
    start = _SEASON_START[code]
    if relation == "last":
        year -= 0 if start + 3 <= m.dct.month else 1
    elif relation == "next":
        year += 1 if start <= m.dct.month else 0
    return Value("DATE", f"{year:04d}-{code}", m.dct.isoformat())


def _decade(m: _Match) -> Value | None:
    decade = m.get("decade")
    if decade.startswith("'"):
        century = "19" if int(decade[1]) >= 3 else "20"
        return Value("DATE", f"{century}{decade[1]}")
    return Value("DATE", decade[:3])


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade_word(m: _Match) -> Value | None:
    before = m.context.text[max(0, m.start - 12) : m.start].lower()
    if re.search(r"\b(?:their|his|her|its|my|our|your|low|high|upper|mid)\s$", before):
        return None
    return Value("DATE", f"19{_DECADE_WORDS[m.get('decade')]}")


def _century(m: _Match) -> Value | None:
    ordinal = m.get("ordinal")
    digits = re.match(r"\d+", ordinal)
    if digits:
        ordinal_number = int(digits.group())
    else:
        words = {
            "first": 1,
            "second": 2,
            "third": 3,
            "fifth": 5,
            "eighth": 8,
            "ninth": 9,
            "twelfth": 12,
            "twentieth": 20,
            "twenty-first": 21,
        }
        if ordinal in words:
            ordinal_number = words[ordinal]
        elif ordinal.endswith("teenth"):
            ordinal_number = NUMBERS.get(ordinal[:-2] + "n", NUMBERS.get(ordinal[:-6] + "teen", 0))
        else:
            return None
    if not 1 <= ordinal_number <= 30:
        return None
    return Value("DATE", f"{ordinal_number - 1:02d}")


def _ago(m: _Match) -> Value | None:
    unit = unit_of(m.get("unit"))
    amount = number(m.get("num"))
    direction = m.get("dir")
    if direction in ("before", "after", "since", "hence") and unit in ("hour", "minute", "second"):
        return None
    if direction in ("ago", "before", "since"):
        reference = Reference(m.dct, "day") if m.dct and direction == "ago" else _narrative(m)
        sign = -1
    else:
        reference, sign = _narrative(m), (-1 if direction == "earlier" else 1)
    if direction == "ago" and m.dct is None:
        reference = None
    if amount is None or reference is None or unit not in GRAIN_OF_UNIT or amount != int(amount):
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "year" and amount == 1 and m.context.quarter and direction in ("ago", "earlier"):
        year, quarter = m.context.quarter.split("-")
        return Value("DATE", f"{int(year) - 1:04d}-{quarter}", m.context.quarter)
    date = shift(reference.date, sign * int(amount), unit)
    grain = GRAIN_OF_UNIT[unit]
    if grain == "day" and reference.grain != "day":
        grain = reference.grain
    return Value("DATE", at_grain(date, grain), reference.value)


def _vague_ago(m: _Match) -> Value | None:
    return Value("DATE", "FUTURE_REF" if m.get("dir") == "later" else "PAST_REF")


_RELATION_SIGN = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "this": 0,
    "current": 0,
    "same": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}


def _relative(m: _Match) -> Value | None:
    relation, unit = m.get("rel"), m.get("unit")
    if relation in ("same", "following", "preceding", "prior"):
        reference = _narrative(m)
    elif m.dct is not None:
        reference = Reference(m.context.speech or m.dct, "day")
    else:
        reference = None
    sign = _RELATION_SIGN[relation]
    if unit == "week" and relation in ("last", "past") and m.context.text[m.start : m.start + 4].lower() == "the ":
        sign = 0  # "the past week" is the seven days up to now
    if reference is None:
        if unit in ("week", "month", "quarter", "weekend"):
            letter = {"week": "WXX", "weekend": "WXX-WE", "month": "XX", "quarter": "QX"}[unit]
            return Value("DATE", f"XXXX-{letter}")
        return Value("DATE", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[sign])
    date = shift(reference.date, sign, unit)
    if unit == "weekend":
        return Value("DATE", at_grain(date, "week") + "-WE", reference.value)
    if unit == "day":
        if reference.grain != "day":
            return Value("DATE", reference.value, reference.value)
        return Value("DATE", date.isoformat(), reference.value)
    grain = {
        "week": "week",
        "month": "month",
        "year": "year",
        "quarter": "quarter",
        "decade": "decade",
        "century": "century",
    }[unit]
    if reference.grain == "year" and grain in ("week", "month", "quarter"):
        grain = "year"
    return Value("DATE", at_grain(date, grain), reference.value)


def _relative_named(m: _Match) -> Value | None:
    relation = m.get("rel")
    relation = "last" if relation == "past" else "next" if relation == "coming" else relation
    if m.get("weekday"):
        weekday = WEEKDAYS[m.get("weekday")]
        date = _weekday_date(weekday, m, relation)
        if date is None:
            return Value("DATE", f"XXXX-WXX-{weekday}")
        return Value("DATE", date.isoformat(), m.dct.isoformat() if m.dct else None)
    if m.get("season"):
        m.groups["rel"] = relation
        return _season(m)
    month = m.month
    if month is None:
        return None
    if m.dct is None:
        return Value("DATE", f"XXXX-{month:02d}")
    year = m.dct.year
    if relation == "last":
        year -= 1 if month >= m.dct.month else 0
    elif relation == "next":
        year += 1 if month <= m.dct.month else 0
    return Value("DATE", f"{year:04d}-{month:02d}", m.dct.isoformat())


def _anaphor(m: _Match) -> Value | None:
    which, unit = " ".join(m.get("which").split()), m.get("unit")
    reference = _narrative(m)
    if reference is None:
        return Value("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit])
    sign = {"the next": 1, "the previous": -1}.get(which, 0)
    date = shift(reference.date, sign, unit)
    grains = ["year", "month", "week", "day"]
    reference_grain = reference.grain if reference.grain in grains else "year"
    grain = unit if grains.index(unit) <= grains.index(reference_grain) else reference.grain
    return Value("DATE", at_grain(date, grain), reference.value)


def _the_unit(m: _Match) -> Value | None:
    return _anaphor(m)


def _duration_hyphen(m: _Match) -> Value | None:
    if m.get("old"):
        return None  # TimeBank leaves ages ("6-year-old") untagged
    unit = m.groups.get("unit") or ""
    if unit[:1].isupper() and re.match(r"\s+[A-Z]", m.context.text[m.end : m.end + 2]):
        return None  # "the Six-Day War", "Hundred-Year Plan": part of a name
    word = m.get("num")
    amount = None if word in ("several", "multi") else number(word)
    if word not in ("several", "multi") and amount is None:
        return None
    return Value("DURATION", duration(amount, unit_of(m.get("unit"))))


def _duration_value(m: _Match) -> Value | None:
    word = m.get("num")
    unit = unit_of(m.get("unit"))
    if unit == "second" and word in ("a", "an", "one"):
        return None  # "a second term" is an ordinal far more often than a second of time
    if unit in ("quarter", "night") and word in ("a", "an"):
        return None
    vague = word in ("several", "few", "many", "some", "a few", "a number of", "hundreds of", "dozens of")
    amount = None if vague else number(word)
    if (amount is None and not vague) or m.get("old") or (amount is not None and amount >= 1000):
        return None
    if unit == "quarter" and amount is not None:
        return Value("DURATION", duration(amount * 3, "month"))
    return Value("DURATION", duration(amount, unit))


_VAGUE_UNITS = {
    "years": "year",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "hours": "hour",
    "minutes": "minute",
    "decades": "decade",
    "centuries": "century",
}


def _vague_duration(m: _Match) -> Value | None:
    modifier = " ".join(m.get("vmod").split())
    unit = _VAGUE_UNITS[m.get("vague")]
    before = m.context.text[max(0, m.start - 4) : m.start].lower()
    if modifier == "for":
        return Value("DURATION", duration(None, unit), trim=4)
    if not modifier:
        if before != "for " or unit in ("hours", "minutes"):
            return None
        return Value("DURATION", duration(None, unit))
    return Value("DURATION", duration(None, unit))


_REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}
_DAY_OFFSETS = {
    "the weekend": 0,
    "today": 0,
    "this day": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _deictic(m: _Match) -> Value | None:
    word = " ".join(m.get("word").split())
    if word in _REFS:
        if word.startswith("the ") and m.context.text.startswith(" of ", m.end):
            return None  # "the future of the region" is a topic, not a time
        return Value("DATE", _REFS[word])
    base = m.context.speech or m.dct
    if base is None:
        offset = _DAY_OFFSETS[word]
        return Value("DATE", "PRESENT_REF" if offset == 0 else "PAST_REF" if offset < 0 else "FUTURE_REF")
    if word == "the weekend":
        anchor = base.isoformat()
        if base.isoweekday() <= 3 and not m.future:
            base -= dt.timedelta(days=7)  # early in the week, "the weekend" is the one just past
        return Value("DATE", at_grain(base, "week") + "-WE", anchor)
    return Value("DATE", (base + dt.timedelta(days=_DAY_OFFSETS[word])).isoformat(), base.isoformat())


def _weekday(m: _Match) -> Value | None:
    if not (m.groups["weekday"] or "")[:1].isupper():
        return None
    relation = m.get("rel")
    weekday = WEEKDAYS[m.get("weekday")]
    if relation in ("the previous", "the following"):
        reference = _narrative(m)
        if reference is None or reference.grain != "day":
            return Value("DATE", f"XXXX-WXX-{weekday}")
        delta = (weekday - reference.date.isoweekday()) % 7 or 7
        date = reference.date + dt.timedelta(days=delta if relation == "the following" else delta - 7)
        return Value("DATE", date.isoformat(), reference.value)
    day = _weekday_date(weekday, m, relation if relation in ("last", "next", "this") else "")
    if day is None:
        return Value("DATE", f"XXXX-WXX-{weekday}")
    return Value("DATE", day.isoformat(), m.dct.isoformat() if m.dct else None)


def _month(m: _Match) -> Value | None:
    written = m.groups.get("month") or ""
    if not written[:1].isupper():
        return None
    month = m.month
    if month is None:
        return None
    text = m.context.text
    if month in (3, 5) or written.endswith("."):
        before = text[max(0, m.start - 12) : m.start]
        if not m.get("edge") and not _MONTH_CONTEXT.search(before):
            return None
        after = text[m.end : m.end + 12]
        if month == 5 and re.match(r"\s+(?:be|have|not|also|well|yet|still|never|even|soon|[a-z]+ly)\b", after):
            return None
    resolved = _year_for(month, None, m)
    if resolved is None:
        return Value("DATE", f"XXXX-{month:02d}")
    return Value("DATE", f"{resolved[0]}-{month:02d}", resolved[1])


def _year(m: _Match) -> Value | None:
    text = m.context.text
    year = int(m.get("year"))
    if _NOT_YEAR_AFTER.match(text, m.end) or _NOT_YEAR_BEFORE.search(text, max(0, m.start - 14), m.start):
        return None
    # A year followed by a range's end ("2019-20", "2019-2020") is a year; by other digits it is not.
    digits_after = re.split(r"\D", text[m.end + 1 : m.end + 5], maxsplit=1)[0]
    dashed = text[m.end : m.end + 1] in ("-", "–")
    if dashed and text[m.end + 1 : m.end + 2].isdigit() and len(digits_after) not in (2, 4):
        return None
    if m.dct is not None and year > m.dct.year + 50:
        return None
    if not 1600 <= year <= 2099:
        return None
    return Value("DATE", f"{year:04d}")


_SPOKEN_ONES = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}


def _spoken_year(m: _Match) -> Value | None:
    words = m.get("spoken").replace("-", " ").split()
    if words[0] == "nineteen":
        rest = " ".join(words[1:])
        tail = number(rest)
        return None if tail is None else Value("DATE", f"19{int(tail):02d}")
    extra = _SPOKEN_ONES.get(words[-1], 0) if "and" in words else 0
    return Value("DATE", f"{2000 + extra}")


def _holiday(m: _Match) -> Value | None:
    name = " ".join(m.get("holiday").split())
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "halloween": (10, 31),
        "valentine's day": (2, 14),
    }
    month, day = fixed.get(name, (11, 0))  # not fixed: Thanksgiving, the fourth Thursday of November
    resolved = _year_for(month, day or 25, m)
    if resolved is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}" if day else "XXXX-11-XX")
    year = int(resolved[0])
    if not day:
        first = dt.date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}", resolved[1])


_NORMALISERS: dict[str, Callable[[_Match], Value | None]] = {
    "set_date": _set_date,
    "set_every": _set_every,
    "set_adverb": _set_adverb,
    "set_per": _set_per,
    "set_weekday_plural": _set_weekday_plural,
    "part_of_date": _part_of_date,
    "clock": _clock,
    "noon": _noon,
    "deictic_part": _deictic_part,
    "tonight": _tonight,
    "weekday_part": _weekday_part,
    "iso": _calendar,
    "slash": _calendar,
    "full_date": _calendar,
    "month_anaphor": _month_anaphor,
    "month_year": _month_year,
    "quarter": _quarter,
    "season": _season,
    "decade": _decade,
    "decade_word": _decade_word,
    "century": _century,
    "ago": _ago,
    "vague_ago": _vague_ago,
    "relative": _relative,
    "relative_named": _relative_named,
    "anaphor": _anaphor,
    "the_unit": _the_unit,
    "duration_hyphen": _duration_hyphen,
    "duration": _duration_value,
    "vague_duration": _vague_duration,
    "deictic": _deictic,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
    "spoken_year": _spoken_year,
    "holiday": _holiday,
    "year_ago": _year_ago,
}
