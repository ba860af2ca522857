"""The timexes stage: TIMEX3 spans, types and values, reference times, and the timeline."""

from __future__ import annotations

import pytest

from spinscope import Document
from spinscope.document import Metadata, Span, TimelineEntry, Timex
from spinscope.render import to_markdown
from spinscope.stages.timexes import TimexStage, find_timeline, find_timexes

from ..conftest import EXAMPLE

DCT = "2025-11-08"


def _one(text: str, anchor: str | None = DCT) -> tuple[str, str, str]:
    """(span text, type, value) of the only timex in `text`."""
    [timex] = find_timexes(text, anchor=anchor)
    assert text[timex.start : timex.end] == timex.text
    return timex.text, timex.type, timex.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended on November 8, 2020.", ("November 8, 2020", "DATE", "2020-11-08")),
        ("It was signed on 8 November 2024 in Baku.", ("8 November 2024", "DATE", "2024-11-08")),
        ("The council met in 1993 to vote.", ("1993", "DATE", "1993")),
        ("It fell on the night of November 10, 2020.", ("the night of November 10, 2020", "TIME", "2020-11-10TNI")),
        ("They fought the 44-day war.", ("44-day", "DURATION", "P44D")),
        ("They waited for 28 long years.", ("28 long years", "DURATION", "P28Y")),
        ("It ended thirty years of occupation.", ("thirty years", "DURATION", "P30Y")),
        ("Talks went nowhere for three decades.", ("three decades", "DURATION", "P3E")),
        ("The talks lasted two months.", ("two months", "DURATION", "P2M")),
        ("The fair is held every year.", ("every year", "SET", "P1Y")),
        ("The prize is awarded annually.", ("annually", "SET", "P1Y")),
        ("Veterans gather each November 8 at the memorial.", ("each November 8", "SET", "XXXX-11-08")),
        ("They meet every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
        ("He spoke at 4 p.m. in the hall.", ("4 p.m.", "TIME", "2025-11-08T16:00")),
        ("Profits rose in the third quarter.", ("the third quarter", "DATE", "2025-Q3")),
        ("Prices rose sharply in the 1990s.", ("the 1990s", "DATE", "199")),
        ("It was built in the 19th century.", ("the 19th century", "DATE", "18")),
        ("Sales fell last month.", ("last month", "DATE", "2025-10")),
        ("Sales fell this week.", ("this week", "DATE", "2025-W45")),
        ("Sales fell last year.", ("last year", "DATE", "2024")),
        ("The board will meet next year.", ("next year", "DATE", "2026")),
        ("He resigned five years ago.", ("five years ago", "DATE", "2020")),
        ("The minister resigned on Friday.", ("Friday", "DATE", "2025-11-07")),
        ("The minister will resign on Tuesday.", ("Tuesday", "DATE", "2025-11-11")),
        ("The minister resigned yesterday.", ("yesterday", "DATE", "2025-11-07")),
        ("Prices are falling now.", ("now", "DATE", "PRESENT_REF")),
        ("Prices have risen in recent years.", ("recent years", "DURATION", "PXY")),
        ("The talks took several years.", ("several years", "DURATION", "PXY")),
        ("It rained last summer.", ("last summer", "DATE", "2025-SU")),
        ("It rained in late October.", ("late October", "DATE", "2025-10")),
        ("He worked for more than four hours.", ("more than four hours", "DURATION", "PT4H")),
    ],
    ids=[
        "month-day-year",
        "day-month-year",
        "year-after-preposition",
        "night-of",
        "hyphenated-days",
        "long-years",
        "word-number-years",
        "decades",
        "months",
        "every-year",
        "annually",
        "each-date",
        "every-weekday",
        "clock",
        "quarter",
        "decade",
        "century",
        "last-month",
        "this-week",
        "last-year",
        "next-year",
        "years-ago",
        "past-weekday",
        "future-weekday",
        "yesterday",
        "now",
        "recent-years",
        "vague-duration",
        "season",
        "month-with-modifier",
        "modified-duration",
    ],
)
def test_find_timexes_tags_and_normalises(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The budget is $2,000 a head.",
        "Inflation reached 12 percent.",
        "You may leave now if you wish.".replace(" now", ""),
        "Protesters march on the capital.",
        "He won a second term.",
        "Some 1500 troops crossed the border.",
        "See https://example.com/media/2025/11/photo.jpg for the picture.",
        "She hopes to spring a surprise.",
    ],
    ids=["money", "percent", "may-the-verb", "march-the-verb", "ordinal-second", "count", "url", "spring-the-verb"],
)
def test_find_timexes_leaves_out_what_is_not_time(text: str) -> None:
    assert find_timexes(text, anchor=DCT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote is on November 10.", ("November 10", "DATE", "XXXX-11-10")),
        ("It happened yesterday.", ("yesterday", "DATE", "PAST_REF")),
        ("Things are better today.", ("today", "DATE", "PRESENT_REF")),
        ("It happened last year.", ("last year", "DATE", "PAST_REF")),
        ("They met on Friday.", ("Friday", "DATE", "XXXX-WXX-5")),
    ],
    ids=["month-day", "yesterday", "today", "last-year", "weekday"],
)
def test_find_timexes_without_an_anchor_leaves_values_underspecified(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text, anchor=None) == expected


def test_find_timexes_rejects_an_anchor_that_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        find_timexes("today", anchor="8 November 2025")


def test_find_timexes_resolves_a_bare_date_by_the_year_its_paragraph_names() -> None:
    text = "The war began on 27 September 2020. Fighting ended on November 10.\n\nThe vote is on November 10."
    values = [(t.text, t.value) for t in find_timexes(text, anchor=DCT)]
    assert values == [("27 September 2020", "2020-09-27"), ("November 10", "2020-11-10"), ("November 10", "2025-11-10")]


def test_find_timexes_resolves_anaphors_against_the_narrative_reference() -> None:
    text = "Shusha fell on 8 November 2020. Two days later the war ended. By early December of that year it was over."
    values = [(t.text, t.value, t.anchor) for t in find_timexes(text, anchor=DCT)]
    assert values == [
        ("8 November 2020", "2020-11-08", None),
        ("Two days later", "2020-11-10", "2020-11-08"),
        ("early December of that year", "2020-12", "2020-11-10"),
    ]


def test_find_timexes_resolves_today_in_a_quote_to_the_day_it_was_spoken() -> None:
    text = 'On 8 November 2020 the President spoke. "Today Shusha is free," he said.\n\n"Today we celebrate," she said.'
    today = [(t.text, t.value) for t in find_timexes(text, anchor=DCT) if t.text == "Today"]
    assert today == [("Today", "2020-11-08"), ("Today", DCT)]


def test_find_timexes_resolves_today_by_a_date_after_the_quote() -> None:
    text = '"Today we won," the President said on 10 November 2020.'
    assert [t.value for t in find_timexes(text, anchor=DCT)] == ["2020-11-10", "2020-11-10"]


@pytest.fixture(scope="module")
def victory_day() -> dict[str, tuple[str, str]]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return {t.text: (t.type, t.value) for t in find_timexes(text, anchor="2025-11-08")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the night of November 10, 2020", ("TIME", "2020-11-10TNI")),
        ("Two days later", ("DATE", "2020-11-10")),
        ("early December of that year", ("DATE", "2020-12")),
        ("8 November 2020", ("DATE", "2020-11-08")),
        ("27 September 2020", ("DATE", "2020-09-27")),
        ("every year on 8 November", ("SET", "XXXX-11-08")),
        ("28 long years", ("DURATION", "P28Y")),
        ("thirty years", ("DURATION", "P30Y")),
        ("three decades", ("DURATION", "P3E")),
        ("44-day", ("DURATION", "P44D")),
        ("Five years ago", ("DATE", "2020")),
        ("earlier this week", ("DATE", "2025-W45")),
        ("this morning", ("TIME", "2025-11-08TMO")),
        ("Today", ("DATE", "2025-11-08")),
        ("the early 1990s", ("DATE", "199")),
        ("1993", ("DATE", "1993")),
        ("that night", ("TIME", "2020-11-10TNI")),
        ("this day", ("DATE", "2020-11-08")),
    ],
    ids=[
        "night-of",
        "two-days-later",
        "that-year",
        "liberation",
        "war-began",
        "anniversary",
        "long-years",
        "occupation",
        "decades",
        "war-length",
        "years-ago",
        "this-week",
        "this-morning",
        "today",
        "early-1990s",
        "resolutions",
        "that-night",
        "this-day-in-quote",
    ],
)
def test_find_timexes_reads_the_example_article(victory_day: dict, text: str, expected: tuple[str, str]) -> None:
    assert victory_day[text] == expected


def test_find_timexes_takes_nothing_from_urls_in_the_example_article(victory_day: dict) -> None:
    assert "2025" not in victory_day


def _sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == "." or index == len(text) - 1:
            spans.append(Span(start, index + 1, text[start : index + 1]))
            start = index + 2
    return spans


def test_find_timeline_orders_dated_sentences_by_date() -> None:
    text = "Shusha fell on 8 November 2020. The war lasted 44 days. It began on 27 September 2020 and 2020 ended it."
    sentences = _sentences(text)
    timeline = find_timeline(text, find_timexes(text, anchor=DCT), sentences)
    assert timeline == [
        TimelineEntry("2020-09-27", sentences[2]),
        TimelineEntry("2020-11-08", sentences[0]),
    ]


def test_find_timeline_leaves_out_durations_sets_and_vague_references() -> None:
    text = "It lasted 44 days. It happens every year. Things are better now."
    assert find_timeline(text, find_timexes(text, anchor=DCT), _sentences(text)) == []


def test_timex_stage_anchors_on_the_publication_date_and_renders_sections() -> None:
    text = "Yesterday the war ended. It lasted 44 days."
    document = Document(text, metadata=Metadata(published="2025-11-08"))
    document.add_layer("sentences", _sentences(text))
    result = TimexStage().process(document, {})
    assert [(t.text, t.value, t.anchor) for t in result.layers["timexes"]] == [
        ("Yesterday", "2025-11-07", "2025-11-08"),
        ("44 days", "P44D", None),
    ]
    document.add_layers(result.layers)
    summary = to_markdown(document)
    timeline = "The sentences that date events, in the order of their dates:"
    assert f"## Timeline\n\n{timeline}\n\n- **2025-11-07**: Yesterday the war ended." in summary
    assert "## Dates and periods" in summary and "“44 days” → P44D" in summary


def test_timex_stage_keeps_the_page_lines_out_of_the_timeline() -> None:
    text = "8 November 2025. Shusha fell on 8 November 2020."
    evidence = {"published": (Span(0, 15, "8 November 2025"),)}
    document = Document(text, metadata=Metadata(published="2025-11-08", evidence=evidence))
    document.add_layer("sentences", _sentences(text))
    timeline = TimexStage().process(document, {}).layers["timeline"]
    dated = [(entry.value, entry.sentence.text) for entry in timeline]
    assert dated == [("2020-11-08", "Shusha fell on 8 November 2020.")]


def test_timex_items_round_trip_through_json() -> None:
    timex = Timex(0, 5, "today", type="DATE", value="2025-11-08", anchor="2025-11-08")
    assert Timex.from_dict(timex.to_dict()) == timex


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Sondland said on Tuesday that he will testify again.", DCT, ("Tuesday", "DATE", "2025-11-04")),
        ("The festival opened on Saturday, May 18.", DCT, ("Saturday, May 18", "DATE", "2024-05-18")),
        ("The album was released November 5.", "2025-11-02", ("November 5", "DATE", "2024-11-05")),
        ("It was the Six-Day War that changed the map.", DCT, None),
        ("Parliament voted in 1993, declaring November 8 as Victory Day.", DCT, ("November 8", "SET", "XXXX-11-08")),
    ],
    ids=["said-on-weekday", "weekday-picks-the-year", "released-month-day", "war-name", "declared-holiday"],
)
def test_find_timexes_reads_past_tense_stories(text: str, anchor: str, expected: tuple | None) -> None:
    found = [(t.text, t.type, t.value) for t in find_timexes(text, anchor=anchor) if t.text != "1993"]
    assert found == ([expected] if expected else [])


def test_find_timexes_takes_no_year_from_another_sentence() -> None:
    text = "The band formed in 2012. Its third album was released November 5."
    values = [(t.text, t.value) for t in find_timexes(text, anchor=DCT)]
    assert values == [("2012", "2012"), ("November 5", "2025-11-05")]


def test_find_timexes_gives_a_bare_date_the_year_of_the_story() -> None:
    text = "Shusha was liberated on 8 November 2020.\n\nOn November 10, Armenia signed the statement."
    values = [(t.text, t.value) for t in find_timexes(text, anchor="2024-11-08")]
    assert values == [("8 November 2020", "2020-11-08"), ("November 10", "2020-11-10")]


def test_find_timexes_dates_today_in_a_speech_the_text_dated_before() -> None:
    text = "On the night of 10 November 2020, the President addressed the nation.\n\n“Today we have won,” he said."
    today = [(t.text, t.value) for t in find_timexes(text, anchor="2024-11-08") if t.text == "Today"]
    assert today == [("Today", "2020-11-10")]
