"""Russian quotes: the conventions of Russian news, speakers resolved, names in «» kept apart."""

from __future__ import annotations

import pytest

from spinscope import Settings, analyze_text
from spinscope.document import Document, Metadata
from spinscope.stages.entities import find_entities
from spinscope.stages.quotes_ru import find_marked, find_quotes_ru, speech_lemma


def _found(markup, source: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, speaker mention, speaker name) of each quote of a marked-up text, read
    without a parse (forms, not lemmas), with the entities clustered from the markup."""
    document, mentions = markup(source)
    quotes, _ = find_quotes_ru(document.text, None, find_entities(document.text, mentions))
    return [
        (
            quote.kind,
            " | ".join(part.text for part in quote.parts) if quote.parts else quote.text,
            document.text[quote.speaker.start : quote.speaker.end] if quote.speaker else None,
            quote.speaker.name if quote.speaker else None,
        )
        for quote in quotes
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "«Мы добились своего», — сказал [Ильхам Алиев](PERSON).",
            [("direct", "Мы добились своего", "Ильхам Алиев", "Ильхам Алиев")],
        ),
        (
            "[Ильхам Алиев](PERSON) выступил в Шуше. «Это победа всего народа!» — заявил президент.",
            [("direct", "Это победа всего народа!", "президент", "Ильхам Алиев")],
        ),
        (
            "[Никол Пашинян](PERSON) выступил в парламенте. "
            "«Контингент обязан обеспечивать безопасность, — сказал он, — но дорога закрыта».",
            [("direct", "Контингент обязан обеспечивать безопасность | но дорога закрыта", "он", "Никол Пашинян")],
        ),
        (
            "„Отец говорил мне: «Обещай, что откроешь наш дом». Я его отстрою“, — рассказал [Ровшан Мамедов](PERSON).",
            [
                (
                    "direct",
                    "Отец говорил мне: «Обещай, что откроешь наш дом». Я его отстрою",
                    "Ровшан Мамедов",
                    "Ровшан Мамедов",
                )
            ],
        ),
        (
            "Вице-министр [Бахыт Нуржанов](PERSON) сказал журналистам: «Квоту отменят досрочно».",
            [("direct", "Квоту отменят досрочно", "Вице-министр Бахыт Нуржанов", "Бахыт Нуржанов")],
        ),
        (
            "[Айгуль Сарсенова](PERSON) приехала первой. [Ерлан Ахметов](PERSON) опоздал. "
            "«Рынок ждал этого решения», — заявила она.",
            [("direct", "Рынок ждал этого решения", "она", "Айгуль Сарсенова")],
        ),
        (
            "[Ильхам Алиев](PERSON) приехал в город. По его словам, восстановление займёт три года.",
            [("indirect", "восстановление займёт три года", "его", "Ильхам Алиев")],
        ),
        (
            "По словам эксперта [Нурлана Исаева](PERSON), квоты окажутся временными.",
            [("indirect", "квоты окажутся временными", "эксперта Нурлана Исаева", "Нурлана Исаева")],
        ),
        (
            "Как сообщает [Минобороны России](ORG), первые подразделения уже вылетели.",
            [("indirect", "первые подразделения уже вылетели", "Минобороны России", "Минобороны России")],
        ),
        (
            "Как заявили в [Анкаре](GPE), Турция рассчитывает участвовать в наблюдении.",
            [("indirect", "Турция рассчитывает участвовать в наблюдении", "Анкаре", "Анкаре")],
        ),
        (
            "Первый этап работ, как пояснил [Наджафов](PERSON), уже завершён.",
            [("indirect", "Первый этап работ | уже завершён", "Наджафов", "Наджафов")],
        ),
        (
            "Все боевые действия прекращены, сообщили в [Кремле](ORG).",
            [("indirect", "Все боевые действия прекращены", "Кремле", "Кремле")],
        ),
        (
            "[Никол Пашинян](PERSON) написал в Facebook, что решение было крайне болезненным.",
            [("indirect", "решение было крайне болезненным", "Никол Пашинян", "Никол Пашинян")],
        ),
        (
            "Аналитики признали, что ограничение может ударить по покупателям.",
            [("indirect", "ограничение может ударить по покупателям", "Аналитики", "Аналитики")],
        ),
        (
            "В [МИД России](ORG) выразили надежду, что прекращение огня позволит возобновить переговоры.",
            [("indirect", "прекращение огня позволит возобновить переговоры", "МИД России", "МИД России")],
        ),
        (
            "Огонь прекращён по всей линии фронта. Об этом сообщили в [Кремле](ORG).",
            [("indirect", "Огонь прекращён по всей линии фронта", "Кремле", "Кремле")],
        ),
        (
            "«Мы готовы к переговорам». Об этом заявил министр [Сергей Лавров](PERSON).",
            [("direct", "Мы готовы к переговорам", "министр Сергей Лавров", "Сергей Лавров")],
        ),
        (
            "[Сергей Лавров](PERSON) уверен, что переговоры продолжатся.",
            [("indirect", "переговоры продолжатся", "Сергей Лавров", "Сергей Лавров")],
        ),
        (
            "Мир, по словам [Сергея Лаврова](PERSON), близок.",
            [("indirect", "Мир | близок", "Сергея Лаврова", "Сергея Лаврова")],
        ),
        (
            "По последним данным, погибли двадцать человек.",
            [],
        ),
    ],
    ids=[
        "dash-after-comma",
        "dash-title-resolved",
        "split-by-attribution",
        "nested-lapki-yolochki",
        "colon-before",
        "feminine-pronoun",
        "po-ego-slovam",
        "po-slovam-name",
        "kak-soobshchaet",
        "kak-zayavili-v",
        "split-by-kak-clause",
        "trailing-attribution",
        "chto-clause",
        "chto-group-speaker",
        "v-institution-subject",
        "about-this-reported",
        "about-this-direct",
        "short-adjective-cue",
        "split-by-po-slovam",
        "data-without-source",
    ],
)
def test_russian_quote_conventions(markup, source: str, expected: list) -> None:
    assert _found(markup, source) == expected


@pytest.mark.parametrize(
    ("word", "lemma", "expected"),
    [
        ("заявила", None, "заявить"),
        ("заявили", None, "заявить"),
        ("заявляет", None, "заявлять"),
        ("подчеркнул", None, "подчеркнуть"),
        ("считает", None, "считать"),
        ("пишут", None, "писать"),
        ("признаёт", None, "признавать"),
        ("поделился", None, "поделиться"),
        ("стол", None, None),
        ("сообщили", "сообщить", "сообщить"),
        ("сказал", "пойти", None),
    ],
    ids=[
        "fem-past",
        "plural-past",
        "present",
        "perfective",
        "attitude",
        "irregular-present",
        "yo-present",
        "reflexive",
        "noun",
        "by-lemma",
        "lemma-wins",
    ],
)
def test_speech_verbs_are_matched_by_lemma_or_by_form(word: str, lemma: str | None, expected: str | None) -> None:
    assert speech_lemma(word, lemma) == expected


def test_names_in_quotation_marks_are_terms_not_quotes(markup) -> None:
    document, _ = markup("Фестиваль «Хары бюльбюль» откроется в Шуше, сообщила газета «Известия».")
    quotes, terms = find_quotes_ru(document.text, None, [])
    assert [term.text for term in terms] == ["«Хары бюльбюль»", "«Известия»"]
    assert [quote.text for quote in quotes] == ["Фестиваль «Хары бюльбюль» откроется в Шуше"]


def test_nested_marks_make_one_outer_quote() -> None:
    text = "„Он сказал: «Нет»“ — и ушёл. «Да»"
    assert [text[m.start : m.end] for m in find_marked(text)] == ["„Он сказал: «Нет»“", "«Да»"]


def test_a_russian_article_through_the_pipeline_validates(validate) -> None:
    text = (
        "Алиев выступил в Шуше 8 ноября 2021 года.\n"
        "«Тридцать лет наш народ мечтал вернуться сюда», — сказал Ильхам Алиев. "
        "По его словам, восстановление города займёт не менее трёх лет, а через два дня сюда приедут послы."
    )
    document = analyze_text(text, settings=Settings(stages=("quotes", "timexes")))
    assert document.metadata.language == "ru"
    assert {record.name: record.status for record in document.stages}["quotes"] == "ok"
    quotes = document.layers["quotes"]
    assert [(q.kind, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("direct", "Ильхам Алиев"),
        ("indirect", "Ильхам Алиев"),
    ]
    assert [(t.text, t.value) for t in document.layers["timexes"]][:3] == [
        ("8 ноября 2021 года", "2021-11-08"),
        ("Тридцать лет", "P30Y"),
        ("не менее трёх лет", "P3Y"),
    ]
    validate(document.to_dict())
    assert Document.from_dict(document.to_dict()).layers["quotes"] == quotes
    assert isinstance(document.metadata, Metadata)
