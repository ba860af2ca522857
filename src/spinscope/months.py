"""English month names and abbreviations as news text writes them, with their numbers.

Shared by the page-date parser (`spinscope.ingest.dates`) and the timexes stage, so that both
read "Sept." and "September" alike.
"""

from __future__ import annotations

__all__ = ["MONTHS"]

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
