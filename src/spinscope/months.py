"""Month names as news text writes them, with their numbers: English names and
abbreviations, and Russian stems.

Shared by the page-date parser (`spinscope.ingest.dates`), the timexes stages and the
comparison's date rule, so that each reads "Sept." and "September", «ноября» and «ноябрь» alike.
"""

from __future__ import annotations

__all__ = ["MONTHS", "RUSSIAN_MONTHS"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
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
