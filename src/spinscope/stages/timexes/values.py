"""Calendar arithmetic and TIMEX3 value writing shared by the normalisers.

Invariants: values are written as TimeML 1.2 writes them (``2020``, ``2020-11``, ``2020-W45``,
``2020-Q3``, ``199``, ``P44D``, ``PT4H``, ``PXY``); no function here reads the text.
"""

from __future__ import annotations

import datetime as dt
import re

from spinscope.stages.timexes.patterns import NUMBERS, UNITS

__all__ = ["GRAIN_OF_UNIT", "at_grain", "duration", "make_date", "number", "shift", "unit_of"]

Grain = str  # "year", "quarter", "month", "week", "day", "decade", "century"


def at_grain(date: dt.date, grain: Grain) -> str:
    """`date` written at `grain`: ``2020``, ``2020-11``, ``2020-W45``, ``2020-Q4``, ``202``, ``20``."""
    if grain == "year":
        return f"{date.year:04d}"
    if grain == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if grain == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grain == "quarter":
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    if grain == "decade":
        return f"{date.year // 10:03d}"
    if grain == "century":
        return f"{date.year // 100:02d}"
    return date.isoformat()


def shift(date: dt.date, amount: int, unit: str) -> dt.date:
    """`date` moved by `amount` units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "night"):
        return date + dt.timedelta(days=amount)
    if unit in ("week", "weekend", "fortnight"):
        return date + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = amount * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit, 0)
    if months == 0:
        return date
    total = date.year * 12 + date.month - 1 + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        return date
    return dt.date(year, month + 1, min(date.day, 28))


GRAIN_OF_UNIT = {
    "day": "day",
    "night": "day",
    "week": "week",
    "weekend": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "year",
    "century": "year",
    "hour": "day",
    "minute": "day",
    "second": "day",
}


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def number(word: str) -> float | None:
    """A number written in digits or words; None for a vague amount ("several")."""
    word = word.lower().strip()
    half = 0.0
    for suffix in (" and a half", " 1/2"):
        if word.endswith(suffix):
            word, half = word[: -len(suffix)], 0.5
    if word in ("a half", "half"):
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word) + half
    if word in ("a couple of", "couple of"):
        return 2
    if word == "a dozen":
        return 12
    if word == "a hundred":
        return 100
    parts = re.split(r"[- ]", word)
    if all(p in NUMBERS for p in parts) and parts:
        return sum(NUMBERS[p] for p in parts) + half
    return None


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P44D``, ``PT4H``, ``P2Y6M``; an unknown amount gives ``PXY``."""
    letter, is_time = UNITS[unit]
    if letter == "WE":
        letter = "D"
        amount = None if amount is None else amount * 2
    if letter == "2W":
        letter = "W"
        amount = None if amount is None else amount * 2
    if amount is None:
        count = "X"
    elif amount == int(amount):
        count = str(int(amount))
    else:
        whole = int(amount)
        smaller = {
            ("Y", False): ("M", 12),
            ("M", False): ("D", 30),
            ("D", False): ("H", 24),
            ("W", False): ("D", 7),
            ("H", True): ("M", 60),
            ("M", True): ("S", 60),
        }.get((letter, is_time))
        if smaller is None:
            count = f"{amount:g}"
        else:
            part = round((amount - whole) * smaller[1])
            lead = f"{whole}{letter}" if whole else ""
            time = "T" if is_time or smaller[0] == "H" else ""
            if is_time:
                return f"PT{lead}{part}{smaller[0]}"
            if time:
                return f"P{lead}T{part}{smaller[0]}"
            return f"P{lead}{part}{smaller[0]}"
    return f"PT{count}{letter}" if is_time else f"P{count}{letter}"


def unit_of(word: str) -> str:
    """The singular unit a word names: ``years`` -> ``year``, ``centuries`` -> ``century``."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
