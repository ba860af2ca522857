from __future__ import annotations

import pytest

from spinscope import Document, Metadata
from spinscope.language import DEFAULT_LANGUAGE, detect_language, language_of

# The team's own short texts, one per language.
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie bis zum neuen Bahnhof zu verlängern. "
    "Die Bauarbeiten sollen im Frühjahr beginnen und zwei Jahre dauern."
)
RUSSIAN = "Президент заявил во вторник, что переговоры продолжатся, а министр финансов согласился с ним и назвал цифры."
PORTUGUESE = (
    "O presidente da câmara disse na terça-feira que a ponte sobre o rio vai reabrir no próximo mês, depois das obras."
)
ENGLISH = (
    "The city council decided on Tuesday to extend the tram line to the new station, and work will start in spring."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (GERMAN, "de"),
        (RUSSIAN, "ru"),
        (PORTUGUESE, "pt"),
        (ENGLISH, "en"),
        ("Troops attacked Fuzuli on 3 October 2020 and attacked Fuzuli again on 9 October 2020.", "en"),
    ],
    ids=["german", "russian", "portuguese", "english", "english-not-pidgin"],
)
def test_detect_language_reads_the_text(text: str, code: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.note) == (code, None)


@pytest.mark.parametrize(
    "text",
    ["Hello world", "Baku", "", "https://example.org/a/very/long/path/that/is/not/words?x=1&y=2 see"],
    ids=["two-words", "one-name", "empty", "a-url"],
)
def test_detect_language_assumes_english_for_too_short_texts(text: str) -> None:
    guess = detect_language(text)
    assert guess.code == DEFAULT_LANGUAGE
    assert guess.note is not None and guess.note.startswith("too short to tell")


@pytest.mark.parametrize(
    ("given", "code"),
    [("en-US", "en"), ("EN", "en"), ("pt_BR", "pt"), (None, "de")],
    ids=["region-tag", "upper-case", "underscore", "none-detected-from-text"],
)
def test_language_of_takes_the_metadata_language_else_the_text(given: str | None, code: str) -> None:
    assert language_of(Document(GERMAN, metadata=Metadata(language=given))) == code
