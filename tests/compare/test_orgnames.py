"""Russian organisation names read whole where the entity stage cut them short
(`spinscope.compare.orgnames`), and the units that keep the whole name."""

from __future__ import annotations

import pytest

from spinscope.compare.orgnames import org_name_end
from tests.compare.test_crosslang_units import _marked

# a sentence, the name as the entity stage cut it, the name as written whole
NAMES = [
    (
        "a-closing-quote",
        "Завод передали АО «Сивашхимпром», которое его модернизировало.",
        "АО «Сивашхимпром",
        "АО «Сивашхимпром»",
    ),
    (
        "a-closing-bracket",
        "Сообщило Агентство по разминированию (ANAMA).",
        "Агентство по разминированию (ANAMA",
        "Агентство по разминированию (ANAMA)",
    ),
    (
        "genitives-after-a-common-noun",
        "Сообщило Бюро политик реинтеграции, пост незаконен.",
        "Бюро",
        "Бюро политик реинтеграции",
    ),
    (
        "a-second-genitive-after-and",
        "В Департаменте полиции и погранохраны попросили помощи.",
        "Департаменте полиции",
        "Департаменте полиции и погранохраны",
    ),
    (
        "a-state-in-the-genitive",
        "Сообщили в Пограничных войсках ГКНБ Таджикистана.",
        "Пограничных войсках ГКНБ",
        "Пограничных войсках ГКНБ Таджикистана",
    ),
    (
        "a-region-it-is-for",
        "По данным Пограничного управления ФСБ по Псковской области, он жив.",
        "Пограничного управления ФСБ",
        "Пограничного управления ФСБ по Псковской области",
    ),
    (
        "a-city-and-its-region",
        "Сообщило Пограничное управление ФСБ России по Санкт-Петербургу и Ленинградской области.",
        "Пограничное управление ФСБ",
        "Пограничное управление ФСБ России по Санкт-Петербургу и Ленинградской области",
    ),
    (
        "a-republic",
        "Сообщили в Пограничном управлении ФСБ России по Республике Северная Осетия — Алания.",
        "Пограничном управлении ФСБ",
        "Пограничном управлении ФСБ России по Республике Северная Осетия — Алания",
    ),
    (
        "a-city-alone-is-where-a-strike-fell",
        "Сообщили об ударе ВСУ по Белгороду.",
        "ВСУ",
        "ВСУ",
    ),
    (
        "affairs-it-is-for",
        "Сообщили в Государственном комитете по делам беженцев и вынужденных переселенцев.",
        "Государственном комитете",
        "Государственном комитете по делам беженцев и вынужденных переселенцев",
    ),
    (
        "a-verb-ends-it",
        "В Министерстве энергетики назвали удар атакой.",
        "Министерстве энергетики",
        "Министерстве энергетики",
    ),
    (
        "a-genitive-after-a-proper-name",
        "Казахстан потребует от Роскосмоса компенсации ущерба.",
        "Роскосмоса",
        "Роскосмоса",
    ),
    (
        "a-preposition-ends-it",
        "По данным Представительства президента Украины в Крыму, людей эвакуировали.",
        "Представительства президента Украины",
        "Представительства президента Украины",
    ),
    ("a-comma-ends-it", "По данным Бюро, пост появился недавно.", "Бюро", "Бюро"),
]


@pytest.mark.parametrize(("text", "cut", "whole"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_org_name_end_reads_a_name_cut_short_to_its_end(text: str, cut: str, whole: str) -> None:
    start = text.index(cut)
    assert text[start : org_name_end(text, start, start + len(cut), len(text))] == whole


def test_org_name_end_stops_at_the_limit() -> None:
    text = "Сообщило Бюро политик реинтеграции."
    start = text.index("Бюро")
    assert org_name_end(text, start, start + 4, text.index(" политик")) == start + 4


def test_a_russian_unit_writes_an_organisation_whole() -> None:
    unit = _marked("Завод передали [АО «Сивашхимпром](ORG)», которое его модернизировало.", "ru")
    assert list(unit.names.values()) == ["АО «Сивашхимпром»"]


def test_an_english_unit_keeps_the_entity_as_it_is() -> None:
    unit = _marked("The plant went to [Sivash](ORG) Khimprom last year.", "en")
    assert list(unit.names.values()) == ["Sivash"]
