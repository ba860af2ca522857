from __future__ import annotations

import pytest

from spinscope import Document, Metadata, NlpSettings, Settings
from spinscope.models.spacy import is_hard_wrapped, load_spacy
from spinscope.stages.nlp import SpacyStage, find_sentences

WRAPPED = (
    "The ceasefire statement was signed late on the night of November 9 and\n"
    "took effect at midnight, ending six weeks of fighting in the region that\n"
    "had displaced tens of thousands of people on both sides of the line of\n"
    "contact. Officials in both capitals described the agreement in sharply\n"
    "different terms, and crowds gathered in the streets of each city within\n"
    "hours of the announcement being read out on state television channels.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(NlpSettings())


def test_find_sentences_breaks_at_lines(nlp) -> None:
    text = "A headline without a full stop\nThe body begins. It goes on."
    assert [s.text for s in find_sentences(nlp(text))] == [
        "A headline without a full stop",
        "The body begins.",
        "It goes on.",
    ]


def test_find_sentences_joins_hard_wrapped_lines(nlp) -> None:
    sentences = find_sentences(nlp(WRAPPED))
    assert len(sentences) == 2
    assert sentences[0].text.startswith("The ceasefire") and sentences[0].text.endswith("contact.")


@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        (
            "Image: https://ex.az/a.jpg (A parade. Photo: Press Service)\nBody text here.",
            [(0, 59)],
            ["Body text here."],
        ),
        ("30 Years On\n30 Years On\nThe war ended 30 years ago.", [(0, 11), (12, 23)], ["The war ended 30 years ago."]),
        ("• Home • News\nThe body. It goes on.", [(0, 13)], ["The body.", "It goes on."]),
    ],
    ids=["image-line", "repeated-title", "breadcrumbs"],
)
def test_find_sentences_leaves_out_page_furniture(
    nlp, text: str, lines: list[tuple[int, int]], expected: list[str]
) -> None:
    document = Document(text)
    furniture = [document.span(start, end) for start, end in lines]
    assert [s.text for s in find_sentences(nlp(text), furniture=furniture)] == expected


def test_find_sentences_keeps_the_rest_of_a_sentence_cut_by_a_line(nlp) -> None:
    text = "Ceasefire holds\nThe ceasefire held on Monday."
    sentences = find_sentences(nlp(text.replace("\n", " ")), furniture=[Document(text).span(0, 15)])
    assert [s.text for s in sentences] == ["The ceasefire held on Monday."]


def test_spacy_stage_reads_other_languages_by_rule_only() -> None:
    stage = SpacyStage(Settings())
    text = "Президент заявив у вівторок, що переговори триватимуть. Міністр погодився з ним."
    document = Document(text, metadata=Metadata(language="uk"))
    result = stage.process(document, {})
    assert [s.text for s in result.layers["sentences"]] == [
        "Президент заявив у вівторок, що переговори триватимуть.",
        "Міністр погодився з ним.",
    ]
    parsed = result.artifacts["spacy"]
    assert parsed.lang_ == "xx" and not parsed.ents and not any(token.pos_ for token in parsed)


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [(WRAPPED, True), ("One sentence per line.\n" * 8, False), ("Short\nlines\n", False)],
    ids=["wrapped-prose", "one-sentence-per-line", "too-few-lines"],
)
def test_is_hard_wrapped(text: str, wrapped: bool) -> None:
    assert is_hard_wrapped(text) is wrapped


def test_spacy_stage_batch_equals_one_by_one() -> None:
    stage = SpacyStage(Settings())
    documents = [Document("Baku is a city. It is old."), Document("Shusha.\nKarabakh.")]
    one_by_one = [stage.process(d, {}).layers for d in documents]
    batched = [r.layers for r in stage.process_batch(documents, [{}, {}])]
    assert batched == one_by_one
