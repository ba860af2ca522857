"""The claims stage: a scored claim per sentence and quote, its kind, and its links."""

from __future__ import annotations

import re

import pytest

from spinscope.document import Document, Entity, Mention, Quote, Span, Speaker, Timex
from spinscope.models.claims import load_claim_model
from spinscope.models.encoder import load_encoder
from spinscope.models.techniques import encode_text
from spinscope.numbers import find_numbers
from spinscope.stages.claims import KINDS, claim_kind, find_claims
from spinscope.stages.techniques import names_of


@pytest.mark.parametrize(
    ("text", "reports", "kind"),
    [
        ("Unemployment fell to 3.5 percent last year.", False, "quantity"),
        ("The city spent $4 million on the bridge.", False, "quantity"),
        ("More people voted than ever before.", False, "comparison"),
        ("It is the largest port in the region.", False, "comparison"),
        ("Prices rose because the tariffs took effect.", False, "causal"),
        ("The flooding led to the closure of two schools.", False, "causal"),
        ("The council will vote on the plan in May.", False, "prediction"),
        ("Officials are expected to announce the result.", False, "prediction"),
        ("The minister said the talks had stalled.", True, "attribution"),
        ("I think this is a terrible deal.", False, "opinion"),
        ("We must protect our workers.", False, "opinion"),
        ("The president signed the bill in 2019.", False, "event"),
        ("Police arrested the suspect on Tuesday.", False, "event"),
    ],
    ids=[
        "percent",
        "money",
        "than",
        "superlative",
        "because",
        "led-to",
        "will",
        "expected-to",
        "reported-speech",
        "first-person-belief",
        "must",
        "year-alone-is-an-event",
        "arrest-is-not-a-superlative",
    ],
)
def test_claim_kind_follows_the_cues(text: str, reports: bool, kind: str) -> None:
    assert claim_kind(text, reports_speech=reports) == kind


def test_find_numbers_keeps_units_and_leaves_out_dates() -> None:
    text = "In 2019 the town spent $4.5 million, 12% more, on 300 homes."
    year = text.index("2019")
    numbers = find_numbers(text, 0, len(text), [Span(year, year + 4, "2019")])
    assert [number.text for number in numbers] == ["$4.5 million", "12%", "300"]


@pytest.fixture(scope="module")
def model():
    return load_claim_model()


def _find(model, text, sentences, quotes, entities, timexes):
    """`find_claims` over the text's sentences as the `encodings` stage encodes them."""
    encoded = encode_text(load_encoder(), text, [(s.start, s.end) for s in sentences], names_of(entities))
    return find_claims(model, text, sentences, quotes, entities, timexes, encoded=encoded)


def test_swapping_the_sides_names_leaves_the_scores_as_they_were(model) -> None:
    def scores(first: str, second: str) -> list[float]:
        text = f"{first} accused {second} of shelling 40 villages in 2020."
        entities = [
            Entity("e1", first, "GPE", (Mention(0, len(first), first),)),
            Entity("e2", second, "GPE", (Mention(len(first) + 9, len(first) + 9 + len(second), second),)),
        ]
        return [claim.score for claim in _find(model, text, [Span(0, len(text), text)], [], entities, [])]

    assert scores("Armenia", "Azerbaijan") == pytest.approx(scores("Azerbaijan", "Armenia"), abs=1e-3)


def _document() -> tuple[Document, list[Span], list[Quote], list[Entity], list[Timex]]:
    text = (
        "Helen Okafor said the port handled 40% more cargo in 2023. "
        "Thank you all for coming. "
        '"The deal protects jobs," she said.'
    )
    first_end = text.index(". ") + 1
    second_start = first_end + 1
    second_end = text.index('. "') + 1
    third_start = second_end + 1
    sentences = [
        Span(0, first_end, text[:first_end]),
        Span(second_start, second_end, text[second_start:second_end]),
        Span(third_start, len(text), text[third_start:]),
    ]
    inner = text.index("The deal")
    inner_end = text.index(',"')
    cue = text.index("said.")
    speaker = Speaker("Helen Okafor", "e1", 0, 12)
    quote = Quote(inner, inner_end, text[inner:inner_end], "direct", speaker, Span(cue, cue + 4, "said"))
    reported = text.index("the port")
    reported_quote = Quote(
        reported,
        first_end - 1,
        text[reported : first_end - 1],
        "indirect",
        Speaker("Helen Okafor", "e1", 0, 12),
        Span(13, 17, "said"),
    )
    entities = [Entity("e1", "Helen Okafor", "PERSON", (Mention(0, 12, "Helen Okafor"),))]
    year = text.index("2023")
    timexes = [Timex(year, year + 4, "2023", type="DATE", value="2023")]
    return Document(text), sentences, [reported_quote, quote], entities, timexes


def test_every_sentence_and_quote_gets_a_claim_with_a_score_from_0_to_1(model) -> None:
    document, sentences, quotes, entities, timexes = _document()
    claims = _find(model, document.text, sentences, quotes, entities, timexes)
    expected = {(s.start, s.end) for s in sentences} | {(q.start, q.end) for q in quotes}
    assert {(c.start, c.end) for c in claims} == expected
    assert all(0 <= claim.score <= 1 and claim.kind in KINDS for claim in claims)
    assert all(claim.checkworthy == (claim.score >= model.threshold) for claim in claims)
    document.add_layer("claims", claims)  # every span checks against the text


def test_a_claim_links_its_entities_numbers_and_timexes(model) -> None:
    document, sentences, quotes, entities, timexes = _document()
    first = next(c for c in _find(model, document.text, sentences, quotes, entities, timexes) if c.start == 0)
    assert first.entities == ("e1",)
    assert [number.text for number in first.numbers] == ["40%"]
    assert first.timexes == (0,)
    assert first.kind == "quantity"


def test_a_quote_is_scored_for_what_it_says_not_as_attribution(model) -> None:
    document, sentences, quotes, entities, timexes = _document()
    claims = _find(model, document.text, sentences, quotes, entities, timexes)
    quote = next(c for c in claims if c.text == "The deal protects jobs")
    sentence = next(c for c in claims if c.start == sentences[2].start)
    assert quote.kind == "event"
    assert sentence.kind == "attribution"


def test_no_sentences_give_no_claims(model) -> None:
    assert _find(model, "", [], [], [], []) == []


def test_a_statement_said_twice_is_claimed_once(model) -> None:
    text = "Karabakh is Azerbaijan! The crowd cheered. “Karabakh is Azerbaijan!” he shouted."
    first, second, third = 0, text.index("The crowd"), text.index("“Karabakh")
    sentences = [
        Span(first, second - 1, text[first : second - 1]),
        Span(second, third - 1, text[second : third - 1]),
        Span(third, len(text), text[third:]),
    ]
    inner, inner_end = third + 1, text.index("”")
    quote = Quote(inner, inner_end, text[inner:inner_end], "direct", None, None)
    claims = _find(model, text, sentences, [quote], [], [])
    assert [claim.text for claim in claims] == [
        "Karabakh is Azerbaijan!",
        "The crowd cheered.",
        "“Karabakh is Azerbaijan!” he shouted.",
    ]


def test_a_repeated_sentence_is_claimed_once(model) -> None:
    text = "Thirty years of occupation ended in 44 days\nThirty years of occupation ended in 44 days\nIt was over."
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = [Span(start, end, text[start:end]) for start, end in lines]
    claims = _find(model, text, sentences, [], [], [])
    assert [(claim.start, claim.text) for claim in claims] == [
        (0, "Thirty years of occupation ended in 44 days"),
        (88, "It was over."),
    ]


def test_the_content_of_according_to_is_claimed_as_its_sentence(model) -> None:
    text = "Five towns were freed in the war, according to figures published by the ministry."
    content_end = text.index(", according")
    cue = text.index("according")
    quote = Quote(
        0,
        content_end,
        text[:content_end],
        "indirect",
        Speaker("figures", None, cue + 13, cue + 20),
        Span(cue, cue + 12, "according to"),
    )
    claims = _find(model, text, [Span(0, len(text), text)], [quote], [], [])
    assert [claim.text for claim in claims] == [text]
