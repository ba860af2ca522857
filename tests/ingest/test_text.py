from __future__ import annotations

import pytest

from spinscope import IngestSettings, Source
from spinscope.ingest.text import find_metadata, read_text

# The team's own short texts.
_GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie bis zum neuen Bahnhof zu verlängern. "
    "Die Bauarbeiten sollen im Frühjahr beginnen und zwei Jahre dauern."
)
_ENGLISH = (
    "The city council decided on Tuesday to extend the tram line to the new station. Work will start in "
    "spring and last two years, the mayor said, and the line will carry ten thousand people a day."
)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("• Home • News • Politics\nA title\n\nBody.", "breadcrumbs", ("Home", "News", "Politics")),
        ("Home › World › Europe\nA title\n\nBody.", "breadcrumbs", ("Home", "World", "Europe")),
        ("Home / Local / Transport\nA title\n\nBody.", "breadcrumbs", ("Home", "Local", "Transport")),
        ("Armenia | Azerbaijan talks resume\n\nBody.", "breadcrumbs", ()),
        ("A title\n8 November 2024\n\nBody.", "published", "2024-11-08"),
        ("A title\nNovember 8, 2024\n\nBody.", "published", "2024-11-08"),
        ("A title\n2024-11-08\n\nBody.", "published", "2024-11-08"),
        ("A title\nPublished: Friday, 8 Nov. 2024 | 10:30\n\nBody.", "published", "2024-11-08"),
        ("A title\n31 February 2024\n\nBody.", "published", None),
        ("A title\nThe war ended on 10 November 2020.\n", "published", None),
        ("A title\nBy Anna Berg and Tomas Ruiz\n\nBody.", "byline", ("Anna Berg", "Tomas Ruiz")),
        ("A title\nBy Leyla Mammadova, Baku correspondent\n\nBody.", "byline", ("Leyla Mammadova",)),
        ("A title\nby the way, this is a body sentence about many things at once.\n", "byline", ()),
        ("Victory in Karabakh\nVictory in Karabakh\n8 November 2025\n\nBody.", "title", "Victory in Karabakh"),
        ("The war ended on 10 November 2020 after 44 days of fighting.\n", "title", None),
        (
            "• Home\n   • Victory Day in Baku\nVictory Day in Baku\n\nBody.",
            "breadcrumbs",
            ("Home", "Victory Day in Baku"),
        ),
        ("• Home\n   • Victory Day in Baku\nVictory Day in Baku\n\nBody.", "title", "Victory Day in Baku"),
        ("• Home\n   • Victory Day in Baku\n8 November 2025\n\nBody.", "title", "Victory Day in Baku"),
        (f"Victory in Karabakh\n\n{_GERMAN}", "language", "de"),
        (f"{_GERMAN}\n\n{_ENGLISH}\n\n{_ENGLISH}", "language", "en"),
    ],
    ids=[
        "crumbs-bullets",
        "crumbs-guillemets",
        "crumbs-slash-home",
        "not-crumbs-headline-bar",
        "date-day-month",
        "date-month-day",
        "date-iso",
        "date-with-prefix-weekday-time",
        "date-impossible",
        "date-inside-sentence",
        "byline-two",
        "byline-role-dropped",
        "byline-not-a-byline",
        "title-repeated",
        "no-title-body-first",
        "crumbs-over-two-lines",
        "title-after-two-line-crumbs",
        "title-from-last-crumb-line",
        "language-german-body-english-title",
        "language-mostly-english",
    ],
)
def test_find_metadata_reads_page_conventions(text: str, field: str, expected: object) -> None:
    assert getattr(find_metadata(text), field) == expected


@pytest.mark.parametrize(
    ("line", "url", "caption", "credit"),
    [
        (
            "Image: https://ex.az/a.jpg (Victory parade in Baku. Photo: Press Service)",
            "https://ex.az/a.jpg",
            "Victory parade in Baku",
            "Press Service",
        ),
        (
            "Photo: https://ex.org/t.jpg (A tram. Credit: Larsford Herald)",
            "https://ex.org/t.jpg",
            "A tram",
            "Larsford Herald",
        ),
        ("Photo: Reuters", None, None, "Reuters"),
        ("Image: https://ex.org/x.png", "https://ex.org/x.png", None, None),
    ],
    ids=["caption-and-photo-credit", "caption-and-credit", "credit-only", "url-only"],
)
def test_find_metadata_reads_image_lines(line: str, url: str | None, caption: str | None, credit: str | None) -> None:
    metadata = find_metadata(f"A title\n\nFirst paragraph.\n\n{line}\n\nMore text.")
    assert [(i.url, i.caption, i.credit) for i in metadata.images] == [(url, caption, credit)]


@pytest.mark.parametrize(
    "line",
    [
        "18 апреля 2026",
        "18 апреля 2026 года",
        "18.04.2026",
        "18 апреля 2026, 14:30",
        "Москва, 18 апреля 2026 —",
        "МОСКВА, 18 апреля 2026 года —",
        "18 апр 2026",
        "18 апр. 2026 г.",
        "Суббота, 18 апреля 2026",
        "Сб, 18 апр. 2026",
        "Москва, суббота, 18 апреля 2026, 14:30 —",
        "Опубликовано: 18.04.2026 в 14:30 мск",
        "Обновлено 18 апреля 2026 г., 14:30",
        "Санкт-Петербург, 18 апреля 2026",
    ],
    ids=[
        "genitive",
        "with-goda",
        "numbers",
        "with-time",
        "place-and-dash",
        "place-in-capitals",
        "abbreviated",
        "abbreviated-with-g",
        "weekday",
        "weekday-abbreviated",
        "place-weekday-time-dash",
        "published-label-msk",
        "updated-label",
        "hyphenated-place",
    ],
)
def test_find_metadata_reads_a_russian_dateline(line: str) -> None:
    text = f"Переговоры в Тбилиси завершились\n\n{line}\n\nМинистры встретились вчера.\n"
    metadata = find_metadata(text)
    assert metadata.published == "2026-04-18"
    assert [span.text for span in metadata.evidence["published"]] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "В субботу, 18 апреля 2026 года, в Москве прошёл митинг.",
        "18 апреля 2026 года в Москве",
        "вчера, 18 апреля 2026",
        "МОСКВА, 18 апреля. Президент подписал указ.",
        "31 февраля 2026",
    ],
    ids=["sentence", "date-then-words", "lowercase-word-before", "wire-dateline-without-year", "impossible"],
)
def test_find_metadata_takes_no_russian_line_that_is_more_than_a_date(line: str) -> None:
    text = f"Переговоры в Тбилиси завершились\n\n{line}\n\nМинистры встретились вчера.\n"
    assert find_metadata(text).published is None


def test_find_metadata_cites_every_line_it_read() -> None:
    text = "• Home • News\nA title\nA title\n8 November 2024\nBy Anna Berg\n\nThe body starts here."
    metadata = find_metadata(text)
    cited = {name: [span.text for span in spans] for name, spans in metadata.evidence.items()}
    assert cited == {
        "breadcrumbs": ["• Home • News"],
        "title": ["A title", "A title"],
        "published": ["8 November 2024"],
        "byline": ["By Anna Berg"],
    }
    for spans in metadata.evidence.values():
        for span in spans:
            assert text[span.start : span.end] == span.text


def test_find_metadata_stops_the_header_at_the_body() -> None:
    text = "A title\n\nThe body starts here.\n8 November 2024\n"
    assert find_metadata(text).published is None


@pytest.mark.parametrize(
    "data",
    [b"Title\r\n\r\nBody line one.\r\n", "\ufeffTitle\n\nBody.\n".encode(), "Şuşa “free”\n".encode()],
    ids=["crlf", "utf8-bom", "non-ascii"],
)
def test_read_text_keeps_the_input_exactly(data: bytes) -> None:
    document = read_text(data, source=Source("text", "x.txt"), settings=IngestSettings())
    assert document.text.encode("utf-8") == data


def test_read_text_decodes_legacy_encodings() -> None:
    text = "Le président a déclaré que la guerre était finie, selon l'agence de presse officielle du pays."
    document = read_text(text.encode("cp1252"), source=Source("text", "x.txt"), settings=IngestSettings())
    assert document.text == text
    assert document.metadata.encoding is not None


def test_find_metadata_notes_an_assumed_language() -> None:
    metadata = find_metadata("A title\n\nShort body.")
    assert metadata.language == "en" and metadata.language_note.startswith("too short to tell")
