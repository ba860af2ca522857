from __future__ import annotations

import pytest

from spinscope import Document, Metadata, Settings
from spinscope.models.russian import parse_russian
from spinscope.stages.nlp import SpacyStage, find_sentences


@pytest.fixture(scope="module")
def stage() -> SpacyStage:
    return SpacyStage(Settings())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Шуша освобождена. Президент Ильхам Алиев посетил город в воскресенье.",
            ["Шуша освобождена.", "Президент Ильхам Алиев посетил город в воскресенье."],
        ),
        (
            "Заголовок статьи\n\n  Первое предложение.  Второе предложение!\nТретье?",
            ["Заголовок статьи", "Первое предложение.", "Второе предложение!", "Третье?"],
        ),
        (
            "«Мы вернулись», — сказал он. По словам министра, работы займут 3,5 года.",
            ["«Мы вернулись», — сказал он.", "По словам министра, работы займут 3,5 года."],
        ),
    ],
    ids=["two-sentences", "lines-and-blank-lines", "quote-and-decimal"],
)
def test_spacy_stage_gives_russian_sentences(stage: SpacyStage, text: str, expected: list[str]) -> None:
    result = stage.process(Document(text, metadata=Metadata(language="ru")), {})
    assert [sentence.text for sentence in result.layers["sentences"]] == expected


def test_spacy_stage_hands_on_the_russian_parse(stage: SpacyStage) -> None:
    text = "Президент Азербайджана Ильхам Алиев посетил Шушу.\nАрмяне покинули Степанакерт."
    parsed = stage.process(Document(text, metadata=Metadata(language="ru")), {}).artifacts["spacy"]
    assert parsed.text == text and parsed.lang_ == "ru"
    assert ("Ильхам Алиев", "PERSON") in {(ent.text, ent.label_) for ent in parsed.ents}
    assert all(token.pos_ for token in parsed)


def test_spacy_stage_names_the_russian_models_in_its_version(stage: SpacyStage) -> None:
    assert "natasha 1.6" in stage.version and "pymorphy3" in stage.version


@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        (
            "Главная • Новости\nВойна закончилась. Город восстановлен.",
            [(0, 17)],
            ["Война закончилась.", "Город восстановлен."],
        ),
        (
            "30 лет спустя\n30 лет спустя\nВойна закончилась 30 лет назад.",
            [(0, 13), (14, 27)],
            ["Война закончилась 30 лет назад."],
        ),
    ],
    ids=["breadcrumbs", "repeated-title"],
)
def test_find_sentences_leaves_out_russian_page_furniture(
    text: str, lines: list[tuple[int, int]], expected: list[str]
) -> None:
    document = Document(text)
    furniture = [document.span(start, end) for start, end in lines]
    assert [s.text for s in find_sentences(parse_russian(text), furniture=furniture)] == expected


def test_spacy_stage_keeps_english_on_the_english_model(stage: SpacyStage) -> None:
    text = "President Ilham Aliyev visited Shusha on Sunday."
    parsed = stage.process(Document(text, metadata=Metadata(language="en")), {}).artifacts["spacy"]
    assert parsed.lang_ == "en" and parsed.ents


def test_spacy_stage_parses_long_russian_texts_in_batches(stage: SpacyStage) -> None:
    paragraph = "Президент заявил, что переговоры продолжатся. Министр согласился с ним.\n"
    text = paragraph * 600  # about 43,000 characters: several of natasha's batches
    result = stage.process(Document(text, metadata=Metadata(language="ru")), {})
    assert result.artifacts["spacy"].text == text
    assert len(result.layers["sentences"]) == 1200
