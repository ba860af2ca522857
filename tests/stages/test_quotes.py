"""The quotes stage: direct and reported speech, speakers resolved, scare quotes kept apart."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from spinscope import Settings, analyze, analyze_text
from spinscope.render import to_markdown
from spinscope.stages.quotes import find_quoted, find_quotes

from ..conftest import FIXTURES

QUOTES = Settings(stages=("quotes",))


@pytest.fixture(scope="module")
def page():
    return analyze_text((FIXTURES / "quotes_page.txt").read_text(encoding="utf-8"), settings=QUOTES)


@pytest.fixture(scope="module")
def html_page():
    [document] = analyze([str(FIXTURES / "quotes_page.html")], settings=QUOTES)
    return document


def _found(document) -> dict[str, tuple[str, str, str | None]]:
    """First words of each quote -> (kind, speaker name, cue)."""
    return {
        " ".join(q.text.strip('“”"').split()[:3]): (q.kind, q.speaker.name if q.speaker else None, q.cue and q.cue.text)
        for q in document.layers["quotes"]
    }


@pytest.mark.parametrize("fixture", ["page", "html_page"], ids=["text", "html"])
def test_every_speech_quote_is_found_with_its_speaker(fixture: str, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(fixture)
    assert not {"modernisation", "Our Harbour", "the Giant"} & {q.text.strip('"') for q in document.layers["quotes"]}
    assert _found(document) == {
        "the harbour deal": ("indirect", "Helen Okafor", "defended"),  # a stance on what the object names
        "This agreement protects": ("direct", "Helen Okafor", "said"),  # "the Mayor" is Helen Okafor
        "We listened to": ("direct", "Helen Okafor", "said"),  # "she", split around the cue
        "The council has": ("direct", "David Brandt", None),  # named before the colon
        "the vote had": ("indirect", "David Brandt", "said"),
        "shipping traffic fell": ("indirect", "the port authority", "According to"),
        "they had not": ("indirect", "Harbour workers", "told"),
        "the harbour had": ("indirect", "Helen Okafor", "noted"),
        "Nothing in this": ("direct", "Helen Okafor", "added"),
    }


def test_a_quote_split_around_its_cue_lists_its_parts(page) -> None:
    [split] = [q for q in page.layers["quotes"] if q.parts]
    assert [part.text for part in split.parts] == [
        '"We listened to the dock workers,"',
        '"and we changed the plan twice before the vote."',
    ]
    assert split.start == split.parts[0].start and split.end == split.parts[1].end
    assert page.text[split.speaker.start : split.speaker.end] == "she"


def test_speaker_mentions_point_at_the_words_the_cue_governs(page) -> None:
    mentions = {page.text[q.speaker.start : q.speaker.end] for q in page.layers["quotes"] if q.speaker}
    assert {"the Mayor", "she", "Brandt", "Okafor", "Harbour workers"} <= mentions
    entity_ids = {q.speaker.entity for q in page.layers["quotes"] if q.speaker and q.speaker.name == "Helen Okafor"}
    assert len(entity_ids) == 1 and None not in entity_ids
    unnamed = [q.speaker for q in page.layers["quotes"] if q.speaker and q.speaker.name == "Harbour workers"]
    assert unnamed and unnamed[0].entity is None


def test_a_pronoun_goes_to_the_last_person_named_not_to_a_town_taken_for_one() -> None:
    text = 'Minister Anna Berg travelled to Fuzuli and Lachin on Monday. "We will rebuild every house," she said.'
    document = analyze_text(text, settings=QUOTES)
    # The tagger's slip, mended.
    assert "Lachin" not in {e.name for e in document.layers["entities"] if e.label == "PERSON"}
    [quote] = document.layers["quotes"]
    assert (quote.speaker.name, text[quote.speaker.start : quote.speaker.end]) == ("Anna Berg", "she")


def test_scare_quotes_and_titles_are_terms_not_quotes(page) -> None:
    terms = {term.text: term.kind for term in page.layers["terms"]}
    assert terms['"modernisation"'] == "scare_quote"
    assert terms['"Our Harbour"'] == "title"
    assert terms['"the Giant"'] == "term"
    quoted = {q.text for q in page.layers["quotes"]}
    assert not any(term in quote for term in terms for quote in quoted if quote.startswith(term))


def test_markdown_lists_quotes_by_speaker_with_counts(page) -> None:
    markdown = to_markdown(page)
    assert "## Quotes" in markdown and "### Helen Okafor (5)" in markdown and "### David Brandt (2)" in markdown
    assert "## Words in quotation marks that are not speech" in markdown and "scare quote" in markdown


def test_quotes_layer_validates(page, validate) -> None:
    validate(page.to_dict())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and left.', ['"yes"']),
        ("The voters’ choice was “clear,” she said.", ["“clear,”"]),
        (
            "“First paragraph of a long quote.\n\n“Second paragraph, closing.” Done.",
            ["“First paragraph of a long quote.\n\n“Second paragraph, closing.”"],
        ),
        (
            "“Never closed, the quote ends with its paragraph.\nNext line.",
            ["“Never closed, the quote ends with its paragraph."],
        ),
        ('She is 5\'11" tall and said "fine".', ['"fine"']),
        ("«Guillemets count too» he wrote.", ["«Guillemets count too»"]),
    ],
    ids=["straight", "apostrophe-is-not-a-mark", "paragraphs", "unclosed", "inches", "guillemets"],
)
def test_find_quoted_pairs_quotation_marks(text: str, expected: list[str]) -> None:
    assert [text[mark.start : mark.end] for mark in find_quoted(text)] == expected


def _speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    """(first words, speaker name, cue) of each quote of `text`."""
    document = analyze_text(text, settings=QUOTES)
    return [
        (" ".join(q.text.strip('“”"').split()[:3]), q.speaker.name if q.speaker else None, q.cue and q.cue.text)
        for q in document.layers["quotes"]
    ]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Gordon Sondland testified that he had discussed Joe Biden with the president. “I now do recall,” he said.",
            "I now do",
            "Gordon Sondland",
        ),
    ],
    ids=["pronoun-is-the-subject-not-the-object"],
)
def test_direct_quotes_take_the_speaker_the_cue_governs(text: str, quote: str, speaker: str) -> None:
    found = {words: name for words, name, _ in _speakers(text)}
    assert found[quote] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The envoy, who said that the aid was frozen for months, resigned on Friday.",
        "BUFFALO, N.Y. — “We have never seen snow like this,” the mayor said.",
        "BUFFALO, N.Y. (AP) — Officials said the storm had closed every road in the county.",
    ],
    ids=["relative-pronoun", "dateline", "dateline-with-agency"],
)
def test_no_speaker_is_a_relative_pronoun_or_a_dateline(text: str) -> None:
    names = {name for _, name, _ in _speakers(text)}
    assert not names & {"who", "which", "that", "BUFFALO", "BUFFALO, N.Y."}


def test_according_to_orders_is_not_speech() -> None:
    text = "The soldiers acted according to these orders, and the village was emptied within a day."
    assert [cue for _, _, cue in _speakers(text)] == []


def test_a_quoted_epithet_beside_a_finding_is_a_term() -> None:
    text = "The fighters were hailed as “warriors of light,” the inquiry found in its report."
    document = analyze_text(text, settings=QUOTES)
    assert [q for q in document.layers["quotes"] if q.kind == "direct"] == []
    assert [term.text for term in document.layers["terms"]] == ["“warriors of light,”"]


def test_a_speaker_after_said_is_found_where_the_parser_took_it_for_an_object() -> None:
    # “It was an errand,” said Hill. -- parsed by hand as spaCy's small model sometimes
    # parses it: "Hill" the object of "said", and no subject.
    words = ["“", "It", "was", "an", "errand", ",", "”", "said", "Hill", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[False, True, True, True, False, False, True, True, False, False],
        heads=[7, 2, 7, 4, 2, 7, 7, 7, 7, 7],
        deps=["punct", "nsubj", "ccomp", "det", "attr", "punct", "punct", "ROOT", "dobj", "punct"],
        pos=["PUNCT", "PRON", "AUX", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
        lemmas=["“", "it", "be", "an", "errand", ",", "”", "say", "Hill", "."],
    )
    [quote], _ = find_quotes(doc.text, doc, [])
    assert quote.speaker is not None and (quote.speaker.name, quote.cue.text) == ("Hill", "said")
