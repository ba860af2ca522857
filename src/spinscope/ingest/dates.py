"""Read a calendar date written in one of the forms news pages use, as an ISO date.

Only unambiguous forms are read: ``8 November 2024``, ``November 8, 2024``, ``Nov. 8 2024``,
``2024-11-08``, ``2024/11/08``, day-first ``08.11.2024``, and Russian dates with the month in
the genitive, written out or abbreviated (``18 апреля 2026``, ``18 апреля 2026 года``,
``18 апр. 2026 г.``). A date that does not exist (``31 February 2024``) is not a date. The
English forms are tried first, so a text that has an English date reads as it did before the
Russian form was added. `parse_date` finds a date inside a text; `parse_published`
reads a value that must be a date and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re

from spinscope.months import MONTHS

__all__ = ["parse_date", "parse_published"]

# Russian month names in the genitive ("18 апреля"), as dates write them, and their
# abbreviations, with or without a full stop.
_RUSSIAN_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("января", "янв"),
            ("февраля", "фев", "февр"),
            ("марта", "мар"),
            ("апреля", "апр"),
            ("мая",),
            ("июня", "июн"),
            ("июля", "июл"),
            ("августа", "авг"),
            ("сентября", "сен", "сент"),
            ("октября", "окт"),
            ("ноября", "ноя", "нояб"),
            ("декабря", "дек"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_RUSSIAN_MONTH = r"(?P<month>" + "|".join(sorted(_RUSSIAN_MONTHS, key=len, reverse=True)) + r")(?!\w)\.?"
_FORMS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
        rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
        r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})",
        r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})",
        rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_RUSSIAN_MONTH},?\s+{_YEAR}(?:(?:\s+года|\s*г\.?)(?!\w))?",
    )
)


def parse_date(text: str) -> tuple[str, re.Match[str]] | None:
    """Find the first date in `text`; return its ISO form and the match, or None if none.

    None here means "no date in this text", which is an answer, not a failure.
    """
    for form in _FORMS:
        for match in form.finditer(text):
            iso = _iso(match)
            if iso is not None:
                return iso, match
    return None


def parse_published(value: str) -> str | None:
    """Read a publication date given on its own, as an ISO date or date-time; None if it is not one.

    An ISO 8601 date-time (``2024-11-08T09:30:00+02:00``) is kept as written; a date in another
    form becomes ``YYYY-MM-DD``. Anything around the date (``2024-01-01<script>``, ``last week,
    8 May 2024``) makes the value not a date.
    """
    value = value.strip()
    if _ISO_DATE_TIME.fullmatch(value):
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return value
    for form in _FORMS:
        match = form.fullmatch(value.rstrip("."))
        if match is not None:
            return _iso(match)
    return None


_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower()
    if month_text in MONTHS:
        month = MONTHS[month_text]
    elif month_text in _RUSSIAN_MONTHS:
        month = _RUSSIAN_MONTHS[month_text]
    else:
        month = int(month_text)
    try:
        date = dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
    return date.isoformat()
