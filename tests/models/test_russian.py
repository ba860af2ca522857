from __future__ import annotations

import sys

import pytest

from spinscope.errors import MissingDependencyError
from spinscope.gazetteer.russian import canonical_key, is_people, known_label, listed_label, name_key
from spinscope.models.russian import load_russian, normal_name, parse_russian

ARTICLE = (
    "Шуша освобождена. Президент Азербайджана Ильхам Алиев посетил Шушу.\n"
    "Армяне покинули Степанакерт, а российские миротворцы остались в Нагорном Карабахе."
)


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "Два  пробела,\tтабуляция и  три   пробела.",
        "   Текст с пробелами по краям.   ",
        "Строка Windows.\r\nВторая строка.\r\n",
        "Абзац один.\n\n\n  Абзац два после пустых строк.\n",
        "Привет",
        "",
        " \n\t ",
        "«Цитата», — сказал он. Цена 12,5 млн рублей (≈ $170 тыс.)…",
        "Mixed: Baku и Ереван, COVID-19, e-mail: info@example.ru.",
    ],
    ids=[
        "article",
        "space-runs",
        "edges",
        "crlf",
        "blank-lines",
        "one-word",
        "empty",
        "only-whitespace",
        "punctuation",
        "latin-and-numbers",
    ],
)
def test_parse_russian_keeps_the_text(text: str) -> None:
    doc = parse_russian(text)
    assert doc.text == text
    assert all(token.text.isspace() or not any(ch.isspace() for ch in token.text) for token in doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Шуша освобождена. Президент посетил город.",
            ["Шуша освобождена.", "Президент посетил город."],
        ),
        (
            "Заголовок без точки\nПервое предложение текста. Второе предложение.",
            ["Заголовок без точки", "Первое предложение текста.", "Второе предложение."],
        ),
        ("Одно слово\nПривет\n", ["Одно слово", "Привет"]),
    ],
    ids=["two-sentences", "a-line-break-ends-a-sentence", "one-word-sentence"],
)
def test_parse_russian_sentences(text: str, expected: list[str]) -> None:
    assert [sentence.text.strip() for sentence in parse_russian(text).sents] == expected


def test_parse_russian_joins_hard_wrapped_lines() -> None:
    line = "Президент заявил журналистам во вторник, что переговоры с соседями"
    text = "\n".join(f"{line} продолжатся и {index}" for index in range(6)) + "."
    sentences = list(parse_russian(text, split_lines="auto").sents)
    assert len(sentences) == 1 and sentences[0].text == text


def test_parse_russian_builds_one_tree_per_sentence() -> None:
    doc = parse_russian(ARTICLE)
    for sentence in doc.sents:
        roots = [token for token in sentence if token.dep_ == "ROOT"]
        assert len(roots) == 1
        assert all(sentence.start <= token.head.i < sentence.end for token in sentence)


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        ("Шушу", "Шуша", "PROPN"),
        ("Степанакерт", "Степанакерт", "PROPN"),
        ("миротворцы", "миротворец", "NOUN"),
        ("остались", "остаться", "VERB"),
        ("Нагорном", "нагорный", "ADJ"),
    ],
    ids=["proper-noun-keeps-capital", "nominative-name", "plural-noun", "verb", "adjective"],
)
def test_parse_russian_lemmas(word: str, lemma: str, pos: str) -> None:
    [token] = [token for token in parse_russian(ARTICLE) if token.text == word]
    assert (token.lemma_, token.pos_) == (lemma, pos)


@pytest.mark.parametrize(
    ("mention", "label"),
    [
        ("Ильхам Алиев", "PERSON"),
        ("Армяне", "NORP"),
        ("российские", "NORP"),
        ("Степанакерт", "GPE"),
        ("Нагорном Карабахе", "GPE"),
    ],
    ids=["person", "people-noun", "nationality-adjective", "city", "region"],
)
def test_parse_russian_entities_use_ontonotes_labels(mention: str, label: str) -> None:
    assert (mention, label) in {(ent.text, ent.label_) for ent in parse_russian(ARTICLE).ents}


def test_parse_russian_morphology() -> None:
    [token] = [token for token in parse_russian(ARTICLE) if token.text == "Карабахе"]
    assert token.morph.get("Case") == ["Loc"]


@pytest.mark.parametrize(
    ("text", "mention", "normal"),
    [
        ("Журналисты встретили Ильхама Алиева в Баку.", "Ильхама Алиева", "Ильхам Алиев"),
        ("Вопрос задали Марии Захаровой вчера.", "Марии Захаровой", "Мария Захарова"),
        ("Миротворцы остались в Нагорном Карабахе.", "Нагорном Карабахе", "Нагорный Карабах"),
    ],
    ids=["man", "woman-keeps-gender", "adjective-agrees"],
)
def test_normal_name_is_nominative(text: str, mention: str, normal: str) -> None:
    [ent] = [ent for ent in parse_russian(text).ents if ent.text == mention]
    assert normal_name(ent) == normal


@pytest.mark.parametrize(
    ("words", "label"),
    [
        (["Шуша"], "GPE"),
        (["Шуши"], "GPE"),
        (["Ханкенди"], "GPE"),
        (["нагорный", "Карабах"], "GPE"),
        (["Южный", "Кавказ"], "LOC"),
        (["река", "Неизвестная"], "LOC"),
        (["Алиев"], None),
    ],
    ids=["azerbaijani-name", "armenian-name", "renamed-city", "two-words", "region", "landform-word", "a-surname"],
)
def test_known_label(words: list[str], label: str | None) -> None:
    assert known_label(words) == label


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("армянин", True), ("азербайджанец", True), ("российский", True), ("Армянин", True), ("Алиев", False)],
    ids=["people-noun", "people-noun-2", "adjective", "capitalised", "surname"],
)
def test_is_people(lemma: str, expected: bool) -> None:
    assert is_people(lemma) is expected


@pytest.mark.parametrize(
    ("other", "name"),
    [
        (["Ханкенди"], ["Степанакерт"]),
        (["Бердзор"], ["Лачин"]),
        (["Карабах"], ["Нагорный", "Карабах"]),
        (["Арцах"], ["Нагорный", "Карабах"]),
        (["РФ"], ["Россия"]),
    ],
    ids=["stepanakert", "lachin", "karabakh", "artsakh", "abbreviation"],
)
def test_canonical_key_reads_both_sides_names_as_one(other: list[str], name: list[str]) -> None:
    assert canonical_key(other) == canonical_key(name) == name_key(name)


@pytest.mark.parametrize(
    ("words", "label"),
    [(["Кремль"], "ORG"), (["лачинский", "коридор"], "LOC"), (["река", "Неизвестная"], None)],
    ids=["seat-of-government", "listed-phrase", "landform-word-is-not-listed"],
)
def test_listed_label(words: list[str], label: str | None) -> None:
    assert listed_label(words) == label


def test_name_key_reads_cases_alike() -> None:
    assert name_key(["Шуша"]) == name_key(["Шуши"]) == name_key(["шушу"])
    assert name_key(["Алиев"]) == name_key(["Алиева"]) != name_key(["Али"])


def test_load_russian_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    load_russian.cache_clear()
    monkeypatch.setitem(sys.modules, "natasha", None)  # as if it were not installed
    try:
        with pytest.raises(MissingDependencyError, match="pip install natasha pymorphy3 threadpoolctl") as raised:
            load_russian()
        assert raised.value.code == "dependency.missing"
    finally:
        monkeypatch.undo()
        load_russian.cache_clear()
