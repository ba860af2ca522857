"""The timexes stage on Russian: TIMEX3 spans, types and values, and the narrative anchoring."""

from __future__ import annotations

import pytest

from spinscope import Settings, analyze_text
from spinscope.document import Span
from spinscope.stages.timexes import find_timeline, find_timexes

DCT = "2021-11-08"  # a Monday


def _one(text: str, anchor: str | None = DCT) -> tuple[str, str, str]:
    """(span text, type, value) of the only timex in `text`."""
    [timex] = find_timexes(text, anchor=anchor, language="ru")
    assert text[timex.start : timex.end] == timex.text
    return timex.text, timex.type, timex.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Город был взят 8 ноября 2020 года.", ("8 ноября 2020 года", "DATE", "2020-11-08")),
        ("Саммит пройдёт 10 ноября.", ("10 ноября", "DATE", "2021-11-10")),
        ("Заявление подписали 10 ноября.", ("10 ноября", "DATE", "2020-11-10")),
        (
            "Заявление подписали в ночь на 10 ноября 2020 года.",
            ("ночь на 10 ноября 2020 года", "TIME", "2020-11-09TNI"),
        ),
        ("Город ждал 28 долгих лет.", ("28 долгих лет", "DURATION", "P28Y")),
        ("Это итог 44-дневной войны.", ("44-дневной", "DURATION", "P44D")),
        ("После тридцатилетней оккупации город пуст.", ("тридцатилетней", "DURATION", "P30Y")),
        ("Стороны спорят с 1990-х годов.", ("1990-х годов", "DATE", "199X")),
        ("Так было в 1990-е годы.", ("1990-е годы", "DATE", "199X")),
        ("Послы побывали там на прошлой неделе.", ("прошлой неделе", "DATE", "2021-W44")),
        ("Министр прилетел вчера.", ("вчера", "DATE", "2021-11-07")),
        ("Министр прилетел в пятницу.", ("пятницу", "DATE", "2021-11-05")),
        ("Министр прилетит в среду.", ("среду", "DATE", "2021-11-10")),
        ("Урожай упал в прошлом году.", ("прошлом году", "DATE", "2020")),
        ("Завод откроют в следующем году.", ("следующем году", "DATE", "2022")),
        ("Гостиница откроется весной 2022 года.", ("весной 2022 года", "DATE", "2022-SP")),
        ("Цены выросли в начале декабря 2020 года.", ("начале декабря 2020 года", "DATE", "2020-12")),
        ("Фестиваль проходит ежегодно.", ("ежегодно", "SET", "P1Y")),
        ("Ветераны собираются по субботам.", ("по субботам", "SET", "XXXX-WXX-6")),
        ("Заседание началось в 14:00.", ("14:00", "TIME", "2021-11-08T14:00")),
        ("Переговоры шли более двух месяцев.", ("более двух месяцев", "DURATION", "P2M")),
        ("Город прожил без них около тридцати лет.", ("около тридцати лет", "DURATION", "P30Y")),
        ("Работы займут не менее трёх лет.", ("не менее трёх лет", "DURATION", "P3Y")),
        ("Они расстались пять лет назад.", ("пять лет назад", "DATE", "2016")),
        ("Год назад армия вошла в город.", ("Год назад", "DATE", "2020")),
        ("Ровно год назад армия вошла в город.", ("Ровно год назад", "DATE", "2020-11-08")),
        ("Через два года город восстановят.", ("Через два года", "DATE", "2023")),
        ("Мост строили полгода.", ("полгода", "DURATION", "P6M")),
        ("Запасы сейчас велики.", ("сейчас", "DATE", "PRESENT_REF")),
        ("Так было в XX веке.", ("XX веке", "DATE", "19")),
        ("Договор подписан 10.11.2020 в Москве.", ("10.11.2020", "DATE", "2020-11-10")),
        ("Прибыль выросла в третьем квартале 2021 года.", ("третьем квартале 2021 года", "DATE", "2021-Q3")),
        ("Цены росли в первой половине 2020 года.", ("первой половине 2020 года", "DATE", "2020-H1")),
        ("Работы шли в течение недели.", ("недели", "DURATION", "P1W")),
        ("Так было долгие годы.", ("долгие годы", "DURATION", "PXY")),
        ("Встреча прошла в 10 утра.", ("10 утра", "TIME", "2021-11-08T10:00")),
        ("Дом строили двадцать восемь лет.", ("двадцать восемь лет", "DURATION", "P28Y")),
        ("Мост строили в течение двадцати восьми дней.", ("двадцати восьми дней", "DURATION", "P28D")),
        ("Фестиваль проходит каждое лето.", ("каждое лето", "SET", "XXXX-SU")),
        ("Выборы проходят раз в пять лет.", ("раз в пять лет", "SET", "P5Y")),
        ("Он приехал в субботу утром.", ("субботу утром", "TIME", "2021-11-06TMO")),
        ("Завод откроют в конце года.", ("конце года", "DATE", "2021")),
        ("Взрыв прогремел около четырёх часов утра.", ("около четырёх часов утра", "TIME", "2021-11-08T04:00")),
        ("Встреча началась в пять часов вечера.", ("пять часов вечера", "TIME", "2021-11-08T17:00")),
    ],
    ids=[
        "day-month-year",
        "day-month-future",
        "day-month-past",
        "night-before",
        "long-years",
        "hyphenated-days",
        "compound-years-genitive",
        "decade-genitive",
        "decade-nominative",
        "last-week",
        "yesterday",
        "past-weekday",
        "future-weekday",
        "last-year",
        "next-year",
        "season-year",
        "start-of-month",
        "annually",
        "plural-weekday-set",
        "clock",
        "more-than-genitive-number",
        "about-thirty-genitive",
        "not-less-than",
        "years-ago",
        "a-year-ago",
        "exactly-a-year-ago",
        "in-two-years",
        "half-a-year",
        "now",
        "roman-century",
        "numeric-date",
        "quarter",
        "half-year",
        "bare-unit-after-v-techenie",
        "vague-plural",
        "hour-of-morning",
        "compound-number",
        "compound-number-genitive",
        "every-summer",
        "once-in-five-years",
        "weekday-morning",
        "end-of-the-year",
        "hour-in-words-of-morning",
        "hour-in-words-of-evening",
    ],
)
def test_russian_expressions_take_their_timex3_values(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Контингент численностью 1960 военнослужащих.",  # a count, not a year
        "Марта Иванова приехала в Баку.",  # a name, not March
        "Окружающая среда страдает.",  # the environment, not Wednesday
        "Страна отметила 30-летие независимости.",  # an anniversary, not a period
    ],
    ids=["count", "name", "environment", "anniversary"],
)
def test_words_that_only_look_like_dates_are_not_timexes(text: str) -> None:
    assert find_timexes(text, anchor=DCT, language="ru") == []


def test_relative_dates_follow_the_narrative_as_in_english() -> None:
    text = (
        "Город был взят 8 ноября 2020 года, а через два дня было подписано заявление. "
        "В тот же день начался отвод войск."
    )
    values = [(t.text, t.value) for t in find_timexes(text, anchor=DCT, language="ru")]
    assert values == [
        ("8 ноября 2020 года", "2020-11-08"),
        ("через два дня", "2020-11-10"),
        ("тот же день", "2020-11-10"),
    ]


def test_a_bare_date_takes_the_year_its_paragraph_named() -> None:
    text = "В 2019 году переговоры зашли в тупик.\nВ 2018 году, 5 марта, стороны встретились в Вене."
    values = [t.value for t in find_timexes(text, anchor=DCT, language="ru")]
    assert values == ["2019", "2018", "2018-03-05"]


def test_today_inside_a_quote_is_the_day_the_quote_was_spoken() -> None:
    text = "Вечером 10 ноября 2020 года президент обратился к нации.\n«Сегодня мы победили», — сказал он."
    timexes = find_timexes(text, anchor="2021-11-08", language="ru")
    assert [(t.text, t.value) for t in timexes][-1] == ("Сегодня", "2020-11-10")


def test_the_russian_timeline_orders_dated_sentences() -> None:
    text = "Город освободили 8 ноября 2020 года. Армия вошла туда в 1993 году."
    timexes = find_timexes(text, anchor=DCT, language="ru")
    sentences = [Span(0, 36, text[0:36]), Span(37, len(text), text[37:])]
    assert [entry.value for entry in find_timeline(text, timexes, sentences)] == ["1993", "2020-11-08"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no timex rules"):
        find_timexes("Tänään", language="fi")


def test_a_russian_dateline_anchors_the_articles_relative_dates() -> None:
    text = (
        "Министры иностранных дел встретились в Тбилиси\n\n"
        "Суббота, 18 апреля 2026\n\n"
        "Министры вчера обсудили открытие границы, сообщили в пресс-службе. "
        "Следующий раунд переговоров прошёл в среду в Ереване.\n"
    )
    document = analyze_text(text, settings=Settings(stages=("timexes",)))
    assert document.metadata.language == "ru"
    assert document.metadata.published == "2026-04-18"
    assert [(t.text, t.value, t.anchor) for t in document.layers["timexes"]] == [
        ("вчера", "2026-04-17", "2026-04-18"),
        ("среду", "2026-04-15", "2026-04-18"),
    ]
