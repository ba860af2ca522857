"""Month and weekday names as news text writes them, with their numbers: English names and
abbreviations, and Russian stems.

Shared by the page-date parser (`spinscope.ingest.dates`), the byline reader
(`spinscope.ingest.html`), the timexes stages and the comparison's date and place rules, so
that each reads "Sept." and "September", «ноября» and «ноябрь» alike.
"""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_NAMES", "RUSSIAN_MONTHS", "WEEKDAYS"]

# Each month's English name, then its abbreviations.
_ENGLISH_MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS: dict[str, int] = {name: number for number, names in enumerate(_ENGLISH_MONTHS, start=1) for name in names}
# The months' whole English names, January first (never an abbreviation, which may be a name: "Jan").
MONTH_NAMES: tuple[str, ...] = tuple(names[0] for names in _ENGLISH_MONTHS)
WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), start=1
    )
}

# Russian month stems: every case of the month's name starts with its stem ("ма" is too short
# to stand alone: only май, мая, мае, маю).
RUSSIAN_MONTHS: dict[str, int] = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
