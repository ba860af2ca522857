from __future__ import annotations

import pytest

from spinscope.document import Span
from spinscope.numbers import find_numbers_ru, find_ordinals_ru, parse_number_ru, parse_ordinal, parse_ordinal_ru

# written number, its value (None: vague or unreadable)
VALUES = [
    ("compound-nominative", "двадцать три", 23),
    ("genitive", "сорока", 40),
    ("collective", "пятерых", 5),
    ("feminine", "две", 2),
    ("instrumental", "тремя", 3),
    ("hundreds-genitive", "двухсот", 200),
    ("thousands-by-words", "три тысячи двести", 3200),
    ("space-thousands", "12 000", 12000),
    ("decimal-comma-scale", "1,5 млн", 1_500_000),
    ("abbreviated-thousand", "12 тыс.", 12000),
    ("percent-word", "пять процентов", 5),
    ("percent-sign", "40%", 40),
    ("one-and-a-half", "полтора", 1.5),
    ("one-and-a-half-thousand-genitive", "полутора тысяч", 1500),
    ("tens-instrumental", "пятьюдесятью восемью", 58),
    ("eighty-instrumental", "восемьюдесятью", 80),
    ("scale-first", "тысячи двухсот", 1200),
    ("thousand-alone", "тысяча", 1000),
    ("and-a-half-with-scale", "двух с половиной миллиардов", 2_500_000_000),
    ("digits-and-a-half", "1 с половиной", 1.5),
    ("abbreviated-million", "3 млн", 3_000_000),
    ("vague-tens", "десятки", None),
    ("vague-thousands", "тысячи", None),
    ("vague-thousands-genitive", "тысяч", None),
    ("not-a-number", "мир", None),
]


@pytest.mark.parametrize(("text", "value"), [case[1:] for case in VALUES], ids=[case[0] for case in VALUES])
def test_parse_number_ru_reads_every_case(text: str, value: float | None) -> None:
    assert parse_number_ru(text) == value


def test_find_numbers_ru_finds_words_and_digits_outside_dates() -> None:
    text = "Около сорока журналистов ждали 23 пленных; 12 марта вернулись двадцать три человека, а семью встретили."
    date_start = text.index("12 марта")
    found = find_numbers_ru(text, 0, len(text), [Span(date_start, date_start + 8, "12 марта")])
    assert [span.text for span in found] == ["сорока", "23", "двадцать три"]  # «семью» is "family" here
    assert all(text[span.start : span.end] == span.text for span in found)


# sentence, the numbers found in it
SENTENCES = [
    ("tens-instrumental", "Колонна с пятьюдесятью восемью семьями прибыла.", ["пятьюдесятью восемью"]),
    ("scale-first", "Переехали более тысячи двухсот человек.", ["тысячи двухсот"]),
    ("and-a-half", "Поступает около двух с половиной миллиардов кубометров.", ["двух с половиной миллиардов"]),
    ("half-without-number", "С половиной города нет связи.", []),
]


@pytest.mark.parametrize(("text", "found"), [case[1:] for case in SENTENCES], ids=[case[0] for case in SENTENCES])
def test_find_numbers_ru_takes_the_whole_number(text: str, found: list[str]) -> None:
    assert [span.text for span in find_numbers_ru(text, 0, len(text))] == found


# written ordinal, its value (None: no ordinal)
ORDINALS_RU = [
    ("neuter-nominative", "двенадцатое", 12),
    ("compound-genitive", "двадцать пятого", 25),
    ("soft-stem-feminine", "третьей", 3),
    ("figures-with-an-ending", "12-е", 12),
    ("first-instrumental", "первым", 1),
    ("a-cardinal", "двенадцать", None),
    ("a-word-that-starts-like-one", "пятерых", None),
]


@pytest.mark.parametrize(("text", "value"), [c[1:] for c in ORDINALS_RU], ids=[c[0] for c in ORDINALS_RU])
def test_parse_ordinal_ru_reads_every_case(text: str, value: float | None) -> None:
    assert parse_ordinal_ru(text) == value


# written English ordinal, its value
ORDINALS = [
    ("a-word", "eleventh", 11),
    ("a-compound", "twenty-first", 21),
    ("figures", "21st", 21),
    ("a-cardinal", "eleven", None),
]


@pytest.mark.parametrize(("text", "value"), [c[1:] for c in ORDINALS], ids=[c[0] for c in ORDINALS])
def test_parse_ordinal_reads_words_and_figures(text: str, value: float | None) -> None:
    assert parse_ordinal(text) == value


def test_find_ordinals_ru_leaves_out_counts_and_hyphenated_words() -> None:
    text = "Это уже двенадцатое отключение, во-первых, за 2022-2023 годы; пятерых эвакуировали 12-го числа."
    assert [span.text for span in find_ordinals_ru(text, 0, len(text))] == ["двенадцатое", "12-го"]
