from __future__ import annotations

import pytest

from spinscope.ingest.dates import parse_date, parse_published


@pytest.mark.parametrize(
    ("text", "iso", "matched"),
    [
        ("8 November 2024", "2024-11-08", "8 November 2024"),
        ("November 8, 2024", "2024-11-08", "November 8, 2024"),
        ("Nov. 8 2024", "2024-11-08", "Nov. 8 2024"),
        ("2024-11-08", "2024-11-08", "2024-11-08"),
        ("08.11.2024", "2024-11-08", "08.11.2024"),
        ("The war ended on 10 November 2020.", "2020-11-10", "10 November 2020"),
        ("18 апреля 2026", "2026-04-18", "18 апреля 2026"),
        ("18 апреля 2026 года", "2026-04-18", "18 апреля 2026 года"),
        ("18 АПРЕЛЯ 2026", "2026-04-18", "18 АПРЕЛЯ 2026"),
        ("18 апр 2026", "2026-04-18", "18 апр 2026"),
        ("18 апр. 2026 г.", "2026-04-18", "18 апр. 2026 г."),
        ("3 сент. 2025", "2025-09-03", "3 сент. 2025"),
        ("1 мая 2025", "2025-05-01", "1 мая 2025"),
        ("Город был взят 8 ноября 2020 года.", "2020-11-08", "8 ноября 2020 года"),
    ],
    ids=[
        "en-day-month",
        "en-month-day",
        "en-abbreviated",
        "iso",
        "day-first-numbers",
        "en-inside-a-sentence",
        "ru-genitive",
        "ru-with-goda",
        "ru-capitals",
        "ru-abbreviated",
        "ru-abbreviated-with-g",
        "ru-sept",
        "ru-may",
        "ru-inside-a-sentence",
    ],
)
def test_parse_date_reads_the_forms_news_pages_use(text: str, iso: str, matched: str) -> None:
    found = parse_date(text)
    assert found is not None
    assert (found[0], found[1].group()) == (iso, matched)


@pytest.mark.parametrize(
    "text",
    ["31 February 2024", "31 февраля 2026", "18 апрель 2026", "118 апреля 2026", "в апреле 2026 года"],
    ids=["en-impossible", "ru-impossible", "ru-nominative", "ru-three-digit-day", "ru-month-and-year"],
)
def test_parse_date_finds_no_date_where_there_is_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("18 апреля 2026 года", "2026-04-18"),
        ("18 апр. 2026 г.", "2026-04-18"),
        ("вчера, 18 апреля 2026", None),
    ],
    ids=["ru-with-goda", "ru-abbreviated-with-g", "ru-words-around"],
)
def test_parse_published_reads_a_russian_date_alone(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected
