from __future__ import annotations

import pytest

from spinscope import Document, Metadata, Pipeline, Settings, build_pipeline

from ..conftest import EXAMPLE, FIXTURES


@pytest.fixture(scope="module")
def check() -> Pipeline:
    return build_pipeline(Settings(stages=("consistency",)))


def _findings(check: Pipeline, text: str) -> list[tuple[str, list[str]]]:
    document = check(Document(text, metadata=Metadata(published="2025-11-08")))
    assert [record.status for record in document.stages if record.name == "consistency"] == ["ok"]
    return [(finding.kind, [span.text for span in finding.cited]) for finding in document.layers["findings"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thirty years of occupation ended in 2020. In 1993 the occupying forces were told to leave. "
            "For 28 long years these resolutions were ignored.",
            [("period_length", ["Thirty years", "28 long years"])],
        ),
        (
            "The blockade lasted 30 years. After 28 years of blockade, the road opened.",
            [("period_length", ["30 years", "28 years"])],
        ),
        (
            "The 44-day war began on 27 September 2020. The war ended on 12 November 2020 with a ceasefire.",
            [("duration_dates", ["44-day", "27 September 2020", "12 November 2020"])],
        ),
        (
            "Shusha was liberated on 8 November 2020. Crowds celebrated. "
            "Later, the liberation of Shusha on 9 November 2020 was marked with a parade.",
            [("event_dates", ["8 November 2020", "9 November 2020"])],
        ),
        (
            "The ministry reported 3,000 casualties: 2,100 soldiers and 800 civilians.",
            [("parts_total", ["3,000", "2,100", "800"])],
        ),
        (
            "In all, 300 people were wounded, of whom 120 soldiers and 200 civilians.",
            [("parts_total", ["300", "120", "200"])],
        ),
        ("The plan won the support of 110 percent of voters.", [("percentage", ["110 percent"])]),
        ("Of the voters, 60% backed him and 55% backed his rival.", [("percentage", ["60%", "55%"])]),
    ],
    ids=[
        "period-two-lengths",
        "period-lasted",
        "duration-against-dates",
        "event-two-dates",
        "colon-list-total",
        "of-whom-total",
        "share-over-100",
        "shares-over-100",
    ],
)
def test_consistency_finds_what_disagrees(check: Pipeline, text: str, expected: list) -> None:
    assert _findings(check, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nearly thirty years of occupation ended. For 28 long years the occupation went on.",
        "The 44-day war began on 27 September 2020. The war ended on 10 November 2020 with a ceasefire.",
        "The 44-day war began on 27 September 2020. The war ended on 9 November 2020 with a ceasefire.",
        "Five years have passed since the war. The war lasted five years.",
        "Shusha was liberated on 8 November 2020. The liberation of Shusha on 8 November 2020 was celebrated.",
        "Troops attacked Fuzuli on 3 October 2020 and attacked Fuzuli again on 9 October 2020.",
        "The ministry reported 3,000 casualties: 2,200 soldiers and 800 civilians.",
        "In all, 300 people were wounded, of whom 120 were soldiers.",
        "The ministry reported 3 casualties: 2.5 soldiers and 0.5 civilians.",
        "Prices rose 150 percent of their old level. Exports grew by 120%.",
        "Turnout was 70% and the winner got 60%.",
        "Of the town's residents, 69% were white, 20% were Black and 80% were over 18 years old.",
        "A 10-year study of the river found more fish in the spring. A two-year study of the coast found fewer birds "
        "there. Then a 20-year study of the lakes found cleaner water than anyone had expected.",
    ],
    ids=[
        "hedged-length",
        "dates-agree",
        "dates-agree-counting-the-last-day",
        "elapsed-is-not-a-length",
        "same-date-twice",
        "repeated-act",
        "total-adds-up",
        "partial-breakdown",
        "decimal-parts",
        "growth-over-100",
        "unrelated-shares",
        "shares-of-different-splits",
        "three-different-studies",
    ],
)
def test_consistency_stays_quiet_when_nothing_disagrees(check: Pipeline, text: str) -> None:
    assert _findings(check, text) == []


@pytest.mark.parametrize("name", ["scraped_page.txt", "quotes_page.txt", "two_sides.txt"], ids=str)
def test_consistency_finds_nothing_in_clean_articles(check: Pipeline, name: str) -> None:
    assert _findings(check, (FIXTURES / name).read_text(encoding="utf-8")) == []


def test_consistency_finds_the_two_lengths_of_the_occupation_in_the_example(check: Pipeline) -> None:
    document = check(Document(EXAMPLE.read_text(encoding="utf-8"), metadata=Metadata(published="2025-11-08")))
    [finding] = document.layers["findings"]
    assert finding.kind == "period_length"
    assert finding.message == (
        "The occupation is given different lengths: 30 years (“30 years”, “thirty years”); 28 years (“28 long years”)."
    )
