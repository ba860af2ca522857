"""The quotes stage: direct and reported speech, speakers resolved, scare quotes kept apart."""

from __future__ import annotations

import pytest

from spinscope import Settings, analyze, analyze_text
from spinscope.render import to_markdown
from spinscope.stages.quotes import find_quoted

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
        " ".join(q.text.strip("“”\"").split()[:3]): (q.kind, q.speaker.name if q.speaker else None, q.cue and q.cue.text)
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
        '"We listened to the dock workers,"', '"and we changed the plan twice before the vote."'
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
    assert "Lachin" in {e.name for e in document.layers["entities"] if e.label == "PERSON"}  # the tagger's slip
    [quote] = document.layers["quotes"]
    assert (quote.speaker.name, text[quote.speaker.start : quote.speaker.end]) == ("Anna Berg", "she")


def test_scare_quotes_and_titles_are_terms_not_quotes(page) -> None:
    terms = {term.text: term.kind for term in page.layers["terms"]}
    assert terms["\"modernisation\""] == "scare_quote"
    assert terms["\"Our Harbour\""] == "title"
    assert terms["\"the Giant\""] == "term"
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
        ("“First paragraph of a long quote.\n\n“Second paragraph, closing.” Done.",
         ["“First paragraph of a long quote.\n\n“Second paragraph, closing.”"]),
        ("“Never closed, the quote ends with its paragraph.\nNext line.", ["“Never closed, the quote ends with its paragraph."]),
        ("She is 5'11\" tall and said \"fine\".", ['"fine"']),
        ("«Guillemets count too» he wrote.", ["«Guillemets count too»"]),
    ],
    ids=["straight", "apostrophe-is-not-a-mark", "paragraphs", "unclosed", "inches", "guillemets"],
)
def test_find_quoted_pairs_quotation_marks(text: str, expected: list[str]) -> None:
    assert [text[mark.start : mark.end] for mark in find_quoted(text)] == expected
