from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from spinscope import Document, Metadata, Pipeline, Span
from spinscope.models.russian import parse_russian
from spinscope.pipeline import LANGUAGE_SKIP_CODE
from spinscope.stages.entities_ru import find_russian_entities

# The stages written for Russian in this release; the others must skip a Russian text.
RUSSIAN_STAGES = {"nlp", "entities"}

ARTICLE = (
    "Шуша освобождена. Президент Азербайджана Ильхам Алиев посетил Шушу в воскресенье.\n"
    "Алиева встретили в Шуше жители города. Армяне покинули Степанакерт, заявил Алиев журналистам.\n"
    "По словам Алиева, российские миротворцы останутся в Нагорном Карабахе. "
    "Президент также сказал, что Шушой гордятся все азербайджанцы.\n"
    "Алиеву позвонил премьер-министр Армении Никол Пашинян. Пашиняна поддержали в Ереване.\n"
    "В МИД России заявили, что Министерство иностранных дел России следит за ситуацией. "
    "МИД ответил, что в Кремле знают о событиях в Ханкенди."
)


@pytest.fixture(scope="module")
def entities() -> dict[str, tuple[str, list[str], list[str]]]:
    """The article's entities by name: label, mention texts, titles."""
    found = find_russian_entities(parse_russian(ARTICLE))
    return {entity.name: (entity.label, [m.text for m in entity.mentions], list(entity.titles)) for entity in found}


@pytest.mark.parametrize(
    ("name", "label", "mentions"),
    [
        ("Шуша", "GPE", ["Шуша", "Шушу", "Шуше", "Шушой"]),
        ("Ильхам Алиев", "PERSON", ["Ильхам Алиев", "Алиева", "Алиев", "Алиева", "Президент", "Алиеву"]),
        ("Никол Пашинян", "PERSON", ["Никол Пашинян", "Пашиняна"]),
        ("Нагорный Карабах", "GPE", ["Нагорном Карабахе"]),
        (
            "Министерство иностранных дел России",
            "ORG",
            ["МИД России", "Министерство иностранных дел России", "МИД"],
        ),
        ("Армения", "GPE", ["Армении"]),
        ("Степанакерт", "GPE", ["Степанакерт", "Ханкенди"]),
        ("Кремль", "ORG", ["Кремле"]),
    ],
    ids=[
        "place-in-four-cases",
        "surname-in-three-cases-and-a-bare-title",
        "armenian-surname",
        "name-in-the-nominative",
        "acronym-with-its-country-and-alone",
        "country",
        "both-sides-names",
        "seat-of-government",
    ],
)
def test_find_russian_entities_clusters_across_inflection(entities, name: str, label: str, mentions: list[str]) -> None:
    assert entities[name][:2] == (label, mentions)


@pytest.mark.parametrize(
    ("name", "titles"),
    [("Ильхам Алиев", ["Президент Азербайджана"]), ("Никол Пашинян", ["премьер-министр Армении"])],
    ids=["president", "prime-minister"],
)
def test_find_russian_entities_keeps_titles(entities, name: str, titles: list[str]) -> None:
    assert entities[name][2] == titles


@pytest.mark.parametrize(
    "name", ["Армяне", "российские", "азербайджанцы"], ids=["people-noun", "adjective", "people-noun-lower"]
)
def test_find_russian_entities_types_nationalities_as_groups(entities, name: str) -> None:
    assert entities[name][0] == "NORP"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Шуша освобождена.", "Шуша", "GPE"),
        ("Ханкенди, Лачин и Кельбаджар снова под контролем.", "Лачин", "GPE"),
        ("Степанакерт встретил гостей дождём.", "Степанакерт", "GPE"),
        ("Журналисты спросили Алиева о переговорах.", "Алиев", "PERSON"),
    ],
    ids=["tagged-as-a-person", "a-list-of-places", "city-as-subject", "surname-stays-a-person"],
)
def test_find_russian_entities_lets_the_gazetteer_type_places(text: str, name: str, label: str) -> None:
    found = {entity.name: entity.label for entity in find_russian_entities(parse_russian(text))}
    assert found[name] == label


@pytest.mark.parametrize(
    ("text", "name", "label", "mentions"),
    [
        (
            "Колонна прошла по Лачинскому коридору. Лачинский коридор снова открыт.",
            "Лачинский коридор",
            "LOC",
            ["Лачинскому коридору", "Лачинский коридор"],
        ),
        ("Журналисты приехали в Агдам. Агдам разрушен.", "Агдам", "GPE", ["Агдам", "Агдам"]),
    ],
    ids=["listed-phrase", "listed-place"],
)
def test_find_russian_entities_recovers_places_natasha_missed(
    text: str, name: str, label: str, mentions: list[str]
) -> None:
    found = {entity.name: entity for entity in find_russian_entities(parse_russian(text))}
    assert (found[name].label, [m.text for m in found[name].mentions]) == (label, mentions)


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (
            "Акцию поддержала Эка Гигаури. Позже Эку Гигаури поблагодарили.",
            "Эка Гигаури",
            ["Эка Гигаури", "Эку Гигаури"],
        ),
        ("Выступила Нино Ломджария. Позже Ломджария уточнила.", "Нино Ломджария", ["Нино Ломджария", "Ломджария"]),
        ("Говорили про [президента Гаити Франсуа] Дювалье вчера.", "Франсуа Дювалье", ["Франсуа] Дювалье"]),
        ("В РФ ответили. Россия молчит.", "Россия", ["РФ", "Россия"]),
    ],
    ids=["short-first-name", "surname-the-dictionary-misreads", "editor-brackets", "abbreviated-country"],
)
def test_find_russian_entities_names_and_joins(text: str, name: str, mentions: list[str]) -> None:
    found = {entity.name: [m.text for m in entity.mentions] for entity in find_russian_entities(parse_russian(text))}
    assert found[name] == mentions


def test_find_russian_entities_gives_one_mention_per_surname_occurrence() -> None:
    text = "Министр Сергей Лавров прибыл в Ереван. Позже Лавров заявил, что Лаврову доверяют."
    [lavrov] = [entity for entity in find_russian_entities(parse_russian(text)) if entity.label == "PERSON"]
    assert lavrov.name == "Сергей Лавров"
    assert [m.text for m in lavrov.mentions if m.kind == "name"] == ["Сергей Лавров", "Лавров", "Лаврову"]


def test_find_russian_entities_skips_excluded_lines() -> None:
    text = "Главная • Россия\nМиротворцы прибыли в Шушу."
    found = find_russian_entities(parse_russian(text), exclude=[Span(0, 16, text[:16])])
    assert all(mention.start >= 17 for entity in found for mention in entity.mentions)


def test_pipeline_analyses_a_russian_article(pipeline: Pipeline, validate: Callable[[dict[str, Any]], None]) -> None:
    document = pipeline(Document(ARTICLE))
    assert document.metadata.language == "ru"
    records = {record.name: record for record in document.stages}
    for name in RUSSIAN_STAGES:
        assert records[name].status == "ok", name
    for record in document.stages:
        # Each stage runs, or says it does not read Russian yet.
        assert record.status == "ok" or (record.status, record.code) == ("skipped", LANGUAGE_SKIP_CODE), record
    assert len(document.layers["sentences"]) == 10
    assert {"Шуша", "Ильхам Алиев", "Никол Пашинян"} <= {entity.name for entity in document.layers["entities"]}
    validate(document.to_dict())


def test_entity_stage_reads_english_as_before(pipeline: Pipeline) -> None:
    text = "President Ilham Aliyev visited Shusha on Sunday. Aliyev said the city was free."
    document = pipeline(Document(text, metadata=Metadata(language="en")))
    [aliyev] = [entity for entity in document.layers["entities"] if entity.name == "Ilham Aliyev"]
    assert (aliyev.label, [m.text for m in aliyev.mentions]) == ("PERSON", ["Ilham Aliyev", "Aliyev"])
