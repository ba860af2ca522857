"""Turn a matched Russian temporal expression into its TIMEX3 type and value.

Invariants (those of `normalise`, which this module reuses for everything but the words):
- Values follow TimeML 1.2 as the English normalisers write them, with decades as the Russian
  gold set writes them (``199X`` for "1990-е годы").
- Relative expressions resolve as in English, through the same `Context`: against the document
  date ("вчера", "в прошлом году", "на прошлой неделе", "два года назад") or against the
  narrative's last fixed date ("через два дня", "в том же году", "на следующий день"); a bare
  date or month takes its year as `normalise._year_for` chooses it, with the tense read from
  Russian verbs (a past form in -л/-ла/-ли before or after the expression, in its clause).
- "Ночь на 10 ноября" is the night before the tenth (``...-11-09TNI``), as Russian means it.
- Normalisers never raise: an expression they cannot read is dropped (None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spinscope.stages.timexes.normalise import (
    Context,
    Reference,
    Value,
    _Match,
    _weekday_date,
    _year_for,
)
from spinscope.stages.timexes.patterns_ru import WEEKDAYS, month_of, number_of, unit_of
from spinscope.stages.timexes.values import (
    GRAIN_OF_UNIT,
    at_grain,
    duration,
    make_date,
    shift,
)

__all__ = ["normalise_ru"]

_PARTS = {
    "утр": "MO",
    "утром": "MO",
    "утра": "MO",
    "вечер": "EV",
    "вечером": "EV",
    "вечера": "EV",
    "ночью": "NI",
    "ночь": "NI",
    "ночи": "NI",
    "днём": "AF",
    "днем": "AF",
    "дня": "AF",
    "после обеда": "AF",
}
_SEASONS = {"весн": "SP", "лет": "SU", "осен": "FA", "зим": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_CLAUSE_END = re.compile(r"[,;:.!?\n«»„“”\"()—]")
_WORD = re.compile(r"[а-яёА-ЯЁ]+")
# A past-tense form: "был", "заявил", "подписали", "открылся"; and the words that only look like a
# past or a present form.
_PAST = re.compile(r"^(?:был[аои]?|[а-яё]{2,}[аеиоуыяюё]л(?:а|о|и)?(?:сь|ся)?)$")
_NOT_PAST = frozenset(
    "недели модели цели отели генерал канал финал материал журнал сигнал отдел предел стол престол капитал"
    " потенциал идеал пол зал вокзал арсенал персонал ритуал интервал визит кредит лимит транзит бандит"
    " депозит аппетит реквизит динамит".split()
)
# A form that speaks of now or later: "будет", "пригласят", "откроется", "рассчитывает".
_NON_PAST = re.compile(
    r"^(?:буд(?:у|ешь|ет|ем|ете|ут)|станет|станут"
    r"|[а-яё]{2,}(?:ают|яют|уют|еют|ут|ят|ает|яет|ует|еет|оет|ёт|ит|ется|ются|ится|ятся|утся|атся))$"
)
_YEAR_CONTEXT = re.compile(r"(?:^|[\s(])(?:в|во|с|со|до|к|по|от|после|между|и|или|года?|на|за|из)\s$", re.IGNORECASE)
_MONTH_CONTEXT = _YEAR_CONTEXT
_RELATION = {
    "позапрошл": -2,
    "прошл": -1,
    "минувш": -1,
    "эт": 0,
    "текущ": 0,
    "нынешн": 0,
    "следующ": 1,
    "будущ": 1,
    "наступающ": 1,
    "предстоящ": 1,
    "грядущ": 1,
    "т": 0,
}
_ANAPHORIC = frozenset({"т"})  # "в том же году", "в тот день": the narrative's own time
_ROMAN = {"I": 1, "V": 5, "X": 10}
_ADVERBS = {
    "ежегодно": "P1Y",
    "ежедневно": "P1D",
    "еженедельно": "P1W",
    "ежемесячно": "P1M",
    "ежечасно": "PT1H",
    "ежеквартально": "P3M",
    "каждый год": "P1Y",
    "каждый день": "P1D",
    "каждую неделю": "P1W",
    "каждый месяц": "P1M",
    "каждое утро": "XXXX-XX-XXTMO",
    "каждый вечер": "XXXX-XX-XXTEV",
    "раз в год": "P1Y",
    "раз в месяц": "P1M",
    "раз в неделю": "P1W",
    "дважды в год": "P1Y",
    "раз в день": "P1D",
}
_HALVES = {
    "полгода": "P6M",
    "полвека": "P50Y",
    "полчаса": "PT30M",
    "полдня": "PT12H",
    "полтора года": "P1Y6M",
    "сутки": "P1D",
}
_VAGUE = {"десятилетиями": "PXE", "годами": "PXY", "месяцами": "PXM", "неделями": "PXW", "веками": "PXC"}


@dataclass(slots=True)
class _RuMatch(_Match):
    """A match read with Russian tense: `past` and `future` come from the nearest verb in its clause."""

    @property
    def past(self) -> bool:  # type: ignore[override]
        return self._tense() == "past"

    @property
    def future(self) -> bool:  # type: ignore[override]
        return self._tense() == "non-past"

    def _tense(self) -> str | None:
        text = self.context.text
        window_start = max(0, self.start - 120)
        left = max((m.end() for m in _CLAUSE_END.finditer(text, window_start, self.start)), default=window_start)
        right_match = _CLAUSE_END.search(text, self.end, min(len(text), self.end + 120))
        right = right_match.start() if right_match else min(len(text), self.end + 120)
        candidates = [(self.start - w.end(), w.group().lower()) for w in _WORD.finditer(text, left, self.start)]
        candidates += [(w.start() - self.end, w.group().lower()) for w in _WORD.finditer(text, self.end, right)]
        for _, word in sorted(candidates):
            if word in _NOT_PAST:
                continue
            if _PAST.match(word):
                return "past"
            if _NON_PAST.match(word):
                return "non-past"
        return None


def normalise_ru(rule: str, groups: dict[str, str | None], start: int, end: int, context: Context) -> Value | None:
    """The TIMEX3 type and value of one match of a Russian `rule`, or None to drop the match."""
    return _NORMALISERS[rule](_RuMatch(groups, start, end, context))


def _base_day(m: _Match) -> dt.date | None:
    """The day of speaking: the quote's, else the document's."""
    return m.context.speech or m.dct


def _day_value(date: dt.date | None, anchor: dt.date | None) -> tuple[str, str | None]:
    return (date.isoformat(), anchor.isoformat() if anchor else None) if date else ("XXXX-XX-XX", None)


def _date_of(m: _Match, day: int, month: int) -> tuple[str, str | None] | None:
    """A day and month, with the year the text writes or the one `_year_for` chooses."""
    if m.get("year"):
        written = int(m.get("year"))
        return (f"{written:04d}-{month:02d}-{day:02d}", None) if make_date(written, month, day) else None
    resolved = _year_for(month, day, m)
    if resolved is None:
        return f"XXXX-{month:02d}-{day:02d}", None
    year, anchor = resolved
    return (f"{year}-{month:02d}-{day:02d}", anchor) if make_date(int(year), month, day) else None


# SET


def _set_date(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    return Value("SET", f"XXXX-{month:02d}-{int(m.get('day')):02d}") if month else None


def _set_adverb(m: _Match) -> Value | None:
    return Value("SET", _ADVERBS[" ".join(m.get("adverb").split())])


def _set_every(m: _Match) -> Value | None:
    """ "каждое лето" -> ``XXXX-SU``; "раз в пять лет" -> ``P5Y``."""
    if m.get("season"):
        return Value("SET", f"XXXX-{next(c for stem, c in _SEASONS.items() if m.get('season').startswith(stem))}")
    unit, (amount, vague) = unit_of(m.get("unit")), _amount(m)
    return Value("SET", duration(None if vague else amount, unit)) if unit else None


def _weekday_part(m: _Match) -> Value | None:
    """ "в субботу утром", "утром в среду": one TIME on that day."""
    weekday = _weekday(m.get("weekday") or m.get("weekday2"))
    if weekday is None:
        return None
    date = _weekday_date(weekday, m)
    part = _PARTS[m.get("part") or m.get("part2")]
    day = date.isoformat() if date else f"XXXX-WXX-{weekday}"
    return Value("TIME", f"{day}T{part}", m.dct.isoformat() if date and m.dct else None)


def _edge_unit(m: _Match) -> Value | None:
    """ "в конце года": this year (the paragraph's, else the document's); "в начале месяца" likewise."""
    unit = unit_of(m.get("unit"))
    local = m.context.local()
    base = local.date if local is not None else _base_day(m)
    if base is None or unit is None:
        return None
    grain = {"year": "year", "month": "month", "week": "week"}[unit]
    return Value("DATE", at_grain(base, grain), base.isoformat())


def _set_weekday(m: _Match) -> Value | None:
    weekday = _weekday(m.get("weekday"))
    if weekday is None or (m.get("every") == "по" and not m.get("weekday").endswith("ам")):
        return None  # "по субботам" is a set; "по субботу" ("until Saturday") is not
    return Value("SET", f"XXXX-WXX-{weekday}")


def _weekday(word: str) -> int | None:
    return next((number for stem, number in WEEKDAYS.items() if word.lower().startswith(stem)), None)


# TIME


def _night_of(m: _Match) -> Value | None:
    """ "ночь на 10 ноября": the night before the tenth; "ночь с 9 на 10 ноября": the ninth's."""
    if m.get("weekday"):
        weekday = _weekday(m.get("weekday"))
        if weekday is None:
            return None
        date = _weekday_date(weekday, m)
        if date is None:
            return Value("TIME", "XXXX-XX-XXTNI")
        return Value("TIME", f"{(date - dt.timedelta(days=1)).isoformat()}TNI", m.dct.isoformat() if m.dct else None)
    month = month_of(m.get("month"))
    if month is None:
        return None
    dated = _date_of(m, int(m.get("day")), month)
    if dated is None:
        return None
    value, anchor = dated
    if value.startswith("X"):
        return Value("TIME", f"{value}TNI")
    day = dt.date.fromisoformat(value) - dt.timedelta(days=1)
    return Value("TIME", f"{day.isoformat()}TNI", anchor)


def _part_of_date(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    dated = _date_of(m, int(m.get("day")), month) if month else None
    if dated is None:
        return None
    part = _PARTS.get(m.get("part"), "") or _PARTS.get(m.get("part")[:3], "MO")
    return Value("TIME", f"{dated[0]}T{part}", dated[1])


def _clock(m: _Match) -> Value | None:
    hour, minute = int(m.get("hour")), int(m.get("minute") or 0)
    part = m.get("part") or m.get("part2")
    if part in ("дня", "вечера") and hour < 12:
        hour += 12
    base = _base_day(m)
    local = m.context.local()
    if m.context.speech is None and local is not None and local.grain == "day":
        base = local.date  # "15 марта ... в 14:00": the day this paragraph tells
    day, anchor = _day_value(base, base)
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}", anchor)


def _clock_words(m: _Match) -> Value | None:
    """ "около четырёх часов утра": the hour in digits or words (one to twelve with a part of the day)."""
    hour = number_of(m.get("hour"))
    if hour is None or hour != int(hour) or not 1 <= hour <= 23:
        return None
    hour = int(hour)
    if m.get("part") in ("дня", "вечера") and hour < 12:
        hour += 12
    elif m.get("part") == "ночи" and hour == 12:
        hour = 0
    base = _base_day(m)
    local = m.context.local()
    if m.context.speech is None and local is not None and local.grain == "day":
        base = local.date
    day, anchor = _day_value(base, base)
    return Value("TIME", f"{day}T{hour:02d}:00", anchor)


def _deictic_part(m: _Match) -> Value | None:
    word, part = m.get("deictic"), _PARTS.get(m.get("part"), "MO")
    if word == "тем":
        reference = m.context.narrative
        if reference is None or reference.grain != "day":
            return Value("TIME", f"XXXX-XX-XXT{part}")
        return Value("TIME", f"{reference.value}T{part}", reference.value)
    offset = {"вчера": -1, "завтра": 1, "позавчера": -2, "прошлой": -1, "минувшей": -1}.get(word, 0)
    base = _base_day(m)
    if base is None:
        return Value("TIME", f"XXXX-XX-XXT{part}")
    return Value("TIME", f"{(base + dt.timedelta(days=offset)).isoformat()}T{part}", base.isoformat())


def _part_alone(m: _Match) -> Value | None:
    base = _base_day(m)
    part = _PARTS[m.get("part")]
    day, anchor = _day_value(base, base)
    return Value("TIME", f"{day}T{part}", anchor)


# DATE


def _numeric(m: _Match) -> Value | None:
    year, month, day = int(m.get("year")), int(m.get("nmonth")), int(m.get("day"))
    return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}") if make_date(year, month, day) else None


def _full_date(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    dated = _date_of(m, int(m.get("day")), month) if month else None
    return None if dated is None else Value("DATE", dated[0], dated[1])


def _relation_year(m: _Match, relation: str) -> tuple[int, str | None] | None:
    """The year "прошлого", "этого", "следующего", "того же" года names, and its anchor."""
    relation = _relation_stem(relation)
    if relation in _ANAPHORIC or (relation == "следующ" and m.context.narrative is not None and m.past):
        reference = m.context.narrative
        if reference is None:
            return None
        return reference.date.year + (1 if relation == "следующ" else 0), reference.value
    base = _base_day(m)
    if base is None:
        return None
    return base.year + _RELATION[relation], base.isoformat()


def _relation_stem(word: str) -> str:
    word = word.lower()
    return next((stem for stem in sorted(_RELATION, key=len, reverse=True) if word.startswith(stem)), "")


def _month_anaphor(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    found = _relation_year(m, m.get("rel")) if month else None
    if month is None:
        return None
    if found is None:
        return Value("DATE", f"XXXX-{month:02d}")
    return Value("DATE", f"{found[0]:04d}-{month:02d}", found[1])


def _month_year(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    return Value("DATE", f"{int(m.get('year')):04d}-{month:02d}") if month else None


def _season(m: _Match) -> Value | None:
    word = m.get("season")
    code = next(code for stem, code in _SEASONS.items() if word.startswith(stem))
    before = m.context.text[max(0, m.start - 3) : m.start].lower()
    if word.startswith("лет") and not (
        m.get("year") or m.get("rel") or m.get("rel2") or m.get("edge") or word == "летом" or before in ("до ", " с ")
    ):
        return None  # "лета", "лету": the summer only where a year, a relation or "до" says so
    if m.get("year"):
        return Value("DATE", f"{int(m.get('year')):04d}-{code}")
    if m.get("rel2"):
        found = _relation_year(m, m.get("rel2"))
        return Value("DATE", f"{found[0]:04d}-{code}", found[1]) if found else Value("DATE", f"XXXX-{code}")
    relation = _relation_stem(m.get("rel")) if m.get("rel") else ""
    if relation in _ANAPHORIC or not relation:
        local = m.context.local() if not relation else m.context.narrative
        if local is not None:
            return Value("DATE", f"{local.date.year:04d}-{code}", local.value)
        if relation:
            return Value("DATE", f"XXXX-{code}")
    base = _base_day(m)
    if base is None:
        return Value("DATE", f"XXXX-{code}")
    year, sign = base.year, _RELATION.get(relation, 0)
    if not relation and (m.past or m.future):
        sign = -1 if m.past else 1  # "ждал с осени": the last autumn; "до лета": the next summer
        year += -1 if m.past and _SEASON_START[code] > base.month else 0
        year += 1 if m.future and _SEASON_START[code] + 3 <= base.month else 0
        return Value("DATE", f"{year:04d}-{code}", base.isoformat())
    if sign < 0:
        year -= 0 if _SEASON_START[code] + 3 <= base.month else 1
    elif sign > 0:
        year += 1 if _SEASON_START[code] <= base.month else 0
    return Value("DATE", f"{year:04d}-{code}", base.isoformat())


_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(m: _Match) -> Value | None:
    """ "в третьем квартале 2021 года" -> ``2021-Q3``; "в первом полугодии" -> ``...-H1``."""
    index = _ORDINALS.get(m.get("ordinal"))
    letter = "Q" if m.get("kind").startswith("квартал") else "H"
    if index is None or (letter == "H" and index > 2):
        return None
    if m.get("year"):
        return Value("DATE", f"{int(m.get('year')):04d}-{letter}{index}")
    found = _relation_year(m, m.get("rel2")) if m.get("rel2") else None
    if found is not None:
        return Value("DATE", f"{found[0]:04d}-{letter}{index}", found[1])
    base = _base_day(m)
    if base is None:
        return Value("DATE", f"XXXX-{letter}{index}")
    first_month = (index - 1) * (3 if letter == "Q" else 6) + 1
    year = base.year - (1 if first_month > base.month and not m.future else 0)
    return Value("DATE", f"{year:04d}-{letter}{index}", base.isoformat())


def _decade(m: _Match) -> Value | None:
    decade = m.get("decade")
    if len(decade) == 2:
        decade = ("19" if int(decade) >= 30 else "20") + decade
    return Value("DATE", f"{decade[:3]}X")


def _century(m: _Match) -> Value | None:
    written = m.groups.get("roman") or ""
    if written.isdigit():
        number = int(written)
    else:
        values = [_ROMAN[char] for char in written.upper()]
        number = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return Value("DATE", f"{number - 1:02d}") if 1 <= number <= 30 else None


def _year(m: _Match) -> Value | None:
    year = int(m.get("year"))
    edge = m.get("edge")
    if "половин" in edge:  # "в первой половине 2021 года": its half
        return Value("DATE", f"{year:04d}-H{1 if edge.startswith('перв') else 2}")
    before = m.context.text[max(0, m.start - 12) : m.start]
    if not m.get("yearword") and not m.get("edge") and not _YEAR_CONTEXT.search(before):
        return None  # "1960 военнослужащих": a number, not a year
    if m.dct is not None and year > m.dct.year + 50:
        return None
    return Value("DATE", f"{year:04d}")


def _amount(m: _Match) -> tuple[float | None, bool]:
    """The number of units (1 when none is written) and whether it is vague ("несколько")."""
    word = m.get("num")
    if not word:
        return 1.0, False
    amount = number_of(word)
    return amount, amount is None


def _shifted(m: _Match, reference: Reference, sign: int) -> Value | None:
    unit = unit_of(m.get("unit") or "")
    amount, vague = _amount(m)
    if unit is None:
        return None
    if vague or amount is None or amount != int(amount) or unit not in GRAIN_OF_UNIT:
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    date = shift(reference.date, sign * int(amount), unit)
    grain = GRAIN_OF_UNIT[unit]
    if m.get("mod") == "ровно" and grain in ("year", "month", "week"):
        grain = "day"  # "ровно год назад": that very day
    if grain == "day" and reference.grain != "day":
        grain = reference.grain
    if unit in ("hour", "minute"):
        return Value("TIME", f"{date.isoformat()}", reference.value) if grain == "day" else None
    return Value("DATE", at_grain(date, grain), reference.value)


def _ago(m: _Match) -> Value | None:
    if m.get("dir") == "спустя":  # "два года спустя": later than the story's time
        reference = m.context.narrative
        return _shifted(m, reference, 1) if reference else Value("DATE", "FUTURE_REF")
    base = _base_day(m)
    return _shifted(m, Reference(base, "day"), -1) if base else Value("DATE", "PAST_REF")


def _after(m: _Match) -> Value | None:
    """ "через два дня": after the story's last date in a past sentence, else after now."""
    story = m.context.narrative
    base = _base_day(m)
    if story is not None and (m.past or base is None or not m.future):
        return _shifted(m, story, 1)
    return _shifted(m, Reference(base, "day"), 1) if base else Value("DATE", "FUTURE_REF")


_UNIT_GRAINS = {
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "decade": "decade",
    "century": "century",
}


def _relative(m: _Match) -> Value | None:
    relation = _relation_stem(m.get("rel"))
    unit = unit_of(m.get("unit"))
    if unit is None or unit not in _UNIT_GRAINS:
        return None
    if relation in _ANAPHORIC or (relation == "следующ" and unit == "day"):
        reference = m.context.narrative
        sign = 1 if relation == "следующ" else 0
    else:
        base = _base_day(m)
        reference = Reference(base, "day") if base else None
        sign = _RELATION[relation]
    if reference is None:
        return Value("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"))
    date = shift(reference.date, sign, unit)
    grain = _UNIT_GRAINS[unit]
    order = ["century", "decade", "year", "month", "week", "day"]
    if reference.grain in order and order.index(grain) > order.index(reference.grain):
        grain = reference.grain  # "в тот же день" after a year: the year is all that is known
    return Value("DATE", at_grain(date, grain), reference.value)


def _deictic(m: _Match) -> Value | None:
    word = m.get("word")
    if word in ("сейчас", "настоящее время"):
        return Value("DATE", "PRESENT_REF")
    if word == "накануне":
        local = m.context.local()
        if local is not None and local.grain == "day":
            return Value("DATE", (local.date - dt.timedelta(days=1)).isoformat(), local.value)
    offset = {"вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2, "накануне": -1}.get(word, 0)
    base = _base_day(m)
    if base is None:
        return Value("DATE", "PRESENT_REF" if offset == 0 else "PAST_REF" if offset < 0 else "FUTURE_REF")
    return Value("DATE", (base + dt.timedelta(days=offset)).isoformat(), base.isoformat())


def _weekday_value(m: _Match) -> Value | None:
    weekday = _weekday(m.get("weekday"))
    if weekday is None:
        return None
    relation = {"прошл": "last", "минувш": "last", "следующ": "next", "будущ": "next", "эт": "this"}.get(
        _relation_stem(m.get("wrel")) if m.get("wrel") else "", ""
    )
    date = _weekday_date(weekday, m, relation)
    if date is None:
        return Value("DATE", f"XXXX-WXX-{weekday}")
    return Value("DATE", date.isoformat(), m.dct.isoformat() if m.dct else None)


def _month(m: _Match) -> Value | None:
    month = month_of(m.get("month"))
    before = m.context.text[max(0, m.start - 12) : m.start]
    if month is None or (not m.get("edge") and not _MONTH_CONTEXT.search(before)):
        return None  # "Марта" the name, "мая" out of context
    resolved = _year_for(month, None, m)
    if resolved is None:
        return Value("DATE", f"XXXX-{month:02d}")
    return Value("DATE", f"{resolved[0]}-{month:02d}", resolved[1])


# Durations


def _duration(m: _Match) -> Value | None:
    unit = unit_of(m.get("unit"))
    amount, vague = _amount(m)
    if unit is None or (amount is not None and amount >= 1000):
        return None
    return Value("DURATION", duration(None if vague else amount, unit))


def _duration_compound(m: _Match) -> Value | None:
    unit = unit_of(m.get("cunit"))
    amount = number_of(m.get("num"))
    if unit is None or amount is None:
        return None
    return Value("DURATION", duration(amount, unit))


def _duration_half(m: _Match) -> Value | None:
    return Value("DURATION", _HALVES[" ".join(m.get("half").split())])


def _vague_duration(m: _Match) -> Value | None:
    return Value("DURATION", _VAGUE[m.get("vague")])


def _vague_plural(m: _Match) -> Value | None:
    """ "долгие годы", "последние десятилетия": a period of an unknown number of units."""
    unit = unit_of(m.get("vunit"))
    return Value("DURATION", duration(None, unit)) if unit else None


_NORMALISERS: dict[str, Callable[[_Match], Value | None]] = {
    "set_date": _set_date,
    "set_adverb": _set_adverb,
    "set_weekday": _set_weekday,
    "night_of": _night_of,
    "part_of_date": _part_of_date,
    "clock": _clock,
    "clock_hours": _clock,
    "clock_words": _clock_words,
    "deictic_part": _deictic_part,
    "part_alone": _part_alone,
    "numeric": _numeric,
    "iso": _numeric,
    "full_date": _full_date,
    "month_anaphor": _month_anaphor,
    "month_year": _month_year,
    "season": _season,
    "decade": _decade,
    "century": _century,
    "year": _year,
    "ago": _ago,
    "after": _after,
    "relative": _relative,
    "deictic": _deictic,
    "weekday": _weekday_value,
    "month": _month,
    "duration_compound": _duration_compound,
    "duration": _duration,
    "duration_unit": _duration,
    "duration_half": _duration_half,
    "vague_duration": _vague_duration,
    "vague_plural": _vague_plural,
    "duration_bare": _duration,
    "quarter": _quarter,
    "set_every": _set_every,
    "weekday_part": _weekday_part,
    "edge_unit": _edge_unit,
}
