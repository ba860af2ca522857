from __future__ import annotations

import pytest

from spinscope.compare.differences import causal_clause, find_differences
from spinscope.compare.lexicon import load_lexicon
from spinscope.compare.units import Number, Unit, parse_number
from spinscope.document import Span, Timex

LEXICON = load_lexicon()


def _unit(source: int, text: str, *, numbers=(), dates=(), actors=()) -> Unit:
    timexes = tuple(Timex(0, 0, "", type="DATE", value=value) if isinstance(value, str) else value for value in dates)
    return Unit(
        source=source,
        index=0,
        span=Span(0, len(text), text),
        entities={name.casefold(): "ORG" for name in actors},
        names={name.casefold(): name for name in actors},
        timexes=timexes,
        numbers=tuple(Number(str(n), n) for n in numbers),
        uses=tuple(LEXICON.find(text)),
    )


def _kinds(*units: Unit) -> list[str]:
    return [d.kind for d in find_differences(units, lambda a, b: 0.0)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000", 3000),
        ("three thousand", 3000),
        ("Forty", 40),
        ("1.5 million", 1_500_000),
        ("dozens", None),
        ("two hundred and five", 205),
    ],
    ids=["digits", "words", "capitalised", "scale", "vague", "compound"],
)
def test_parse_number_reads_digits_and_words(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [((3000,), (2900,), True), ((3000,), (3000,), False), ((40, 12), (40,), False), ((), (5,), False)],
    ids=["changed", "same", "extra-detail", "one-side-only"],
)
def test_numbers_differ_only_when_they_conflict(left, right, differs: bool) -> None:
    assert ("number" in _kinds(_unit(0, "x", numbers=left), _unit(1, "y", numbers=right))) is differs


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [("2024-03-14", "2024-03-13", True), ("2024-03-14", "2024-03", False), ("2024-03-14", "XXXX-03-14", False)],
    ids=["changed", "less-precise", "year-unknown"],
)
def test_dates_differ_only_when_incompatible(left: str, right: str, differs: bool) -> None:
    one = _unit(0, "a", dates=(Timex(0, 0, left, type="DATE", value=left),))
    other = _unit(1, "b", dates=(Timex(0, 0, right, type="DATE", value=right),))
    assert ("date" in _kinds(one, other)) is differs


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [
        (("12 May", "2026-05-12"), ("12 мая", "2025-05-12"), False),
        (("12 May", "2026-05-12"), ("13 мая", "2025-05-13"), True),
        (("12 May 2026", "2026-05-12"), ("12 мая 2025 года", "2025-05-12"), True),
        (("Sunday", "2026-06-21"), ("28 июня", "2026-06-28"), False),
    ],
    ids=["a-day-without-its-year", "another-day", "two-years-written", "a-weekday-against-a-date-on-it"],
)
def test_a_day_without_its_year_is_compared_as_stated(left, right, differs: bool) -> None:
    one = _unit(0, "a", dates=(Timex(0, len(left[0]), left[0], type="DATE", value=left[1]),))
    other = _unit(1, "b", dates=(Timex(0, len(right[0]), right[0], type="DATE", value=right[1]),))
    assert ("date" in _kinds(one, other)) is differs


def test_dates_written_alike_do_not_differ_whatever_they_resolve_to() -> None:
    one = _unit(0, "a", dates=(Timex(0, 4, "June", type="DATE", value="2024-06"),))
    other = _unit(1, "b", dates=(Timex(0, 4, "June", type="DATE", value="2023-06"),))
    assert "date" not in _kinds(one, other)


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [
        ("через 40 минут", "через сорок минут", False),
        ("спустя два часа", "через два часа", False),
        ("через два дня", "через три дня", True),
    ],
    ids=["minutes-after", "hours-after", "days-after-still-date"],
)
def test_a_moment_hours_after_another_is_no_date(left: str, right: str, differs: bool) -> None:
    # Two sources dated a day apart resolve the offset to two days.
    one = _unit(0, "a", dates=(Timex(0, len(left), left, type="DATE", value="2026-04-18"),))
    other = _unit(1, "b", dates=(Timex(0, len(right), right, type="DATE", value="2026-04-19"),))
    assert ("date" in _kinds(one, other)) is differs


@pytest.mark.parametrize(
    ("left", "right", "differs"),
    [(("Marsh Brigade",), ("Northern Legion",), True), (("Marsh Brigade", "Lind"), ("Marsh Brigade",), False)],
    ids=["disjoint", "shared"],
)
def test_actors_differ_when_no_actor_is_shared(left, right, differs: bool) -> None:
    assert ("actor" in _kinds(_unit(0, "a", actors=left), _unit(1, "b", actors=right))) is differs


def test_cause_differs_when_the_clauses_share_few_words_and_meaning() -> None:
    one = _unit(0, "The bridge collapsed because retreating forces blew it up.")
    other = _unit(1, "The bridge collapsed due to shelling by the army.")
    assert "cause" in _kinds(one, other)
    assert causal_clause(other.text) == ("due to", "shelling by the army")


@pytest.mark.parametrize(
    ("left", "right", "kind"),
    [
        ("They reached Kyiv.", "They reached Kiev.", "place-name"),
        ("Troops liberated it.", "Troops captured it.", "framing"),
    ],
    ids=["place", "framing"],
)
def test_lexicon_variants_of_one_referent_are_named(left: str, right: str, kind: str) -> None:
    differences = find_differences([_unit(0, left), _unit(1, right)], lambda a, b: 0.0)
    [found] = [d for d in differences if d.kind == kind]
    assert found.sources == {0, 1}


# one date value, another, whether they are a date difference
WEEKDAYS = [
    ("weekday-on-that-date", "XXXX-WXX-1", "2025-05-19", False),
    ("weekday-on-another-date", "XXXX-WXX-1", "2025-05-18", True),
    ("weekday-and-evening", "XXXX-WXX-7TEV", "2025-05-18TEV", False),
]


@pytest.mark.parametrize(("one", "other", "differ"), [c[1:] for c in WEEKDAYS], ids=[c[0] for c in WEEKDAYS])
def test_an_unanchored_weekday_matches_a_date_on_that_weekday(one: str, other: str, differ: bool) -> None:
    left = _unit(0, "They met on Monday.", dates=[Timex(8, 17, "on Monday", type="DATE", value=one)])
    right = _unit(1, "Они встретились в понедельник.", dates=[Timex(16, 29, "в понедельник", type="DATE", value=other)])
    assert ("date" in _kinds(left, right)) is differ


# two TIMEX3 values of two sources' dates, whether they differ
DATE_PAIRS = [
    ("month-in-its-season", "2020-10", "2020-FA", False),
    ("month-out-of-its-season", "2020-07", "2020-FA", True),
    ("month-in-a-season-of-no-year", "2025-04", "XXXX-SP", False),
    ("january-in-last-winter", "2021-01", "2020-WI", False),
    ("clock-time-at-night", "2026-02-03T04:00", "XXXX-XX-XXTNI", False),
    ("clock-time-not-at-night", "2026-02-03T14:00", "XXXX-XX-XXTNI", True),
    ("evening-and-night-overlap", "2025-06-01TEV", "2025-06-01TNI", False),
    ("morning-and-afternoon", "2025-06-01TMO", "2025-06-01TAF", True),
    ("unresolved-yesterday", "2026-02-02", "PAST_REF", False),
]


@pytest.mark.parametrize(("left", "right", "differs"), [c[1:] for c in DATE_PAIRS], ids=[c[0] for c in DATE_PAIRS])
def test_dates_differ_only_when_they_cannot_be_one_time(left: str, right: str, differs: bool) -> None:
    one = _unit(0, "x", dates=(Timex(0, 1, "a", type="TIME", value=left),))
    other = _unit(1, "y", dates=(Timex(0, 1, "b", type="TIME", value=right),))
    assert ("date" in _kinds(one, other)) is differs
