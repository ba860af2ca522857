from __future__ import annotations

import json

import pytest

from spinscope import (
    Claim,
    ContractError,
    Document,
    Entity,
    Finding,
    Image,
    InputError,
    Mention,
    Metadata,
    Source,
    Span,
    StageRecord,
    Technique,
    TimelineEntry,
    Timex,
)


def _rich_document() -> Document:
    text = "President Ilham Aliyev spoke. Aliyev said the war was over. The President left."
    document = Document(
        text,
        source=Source("text", "speech.txt"),
        metadata=Metadata(
            title="Speech",
            published="2020-11-10",
            byline=("Anna Berg",),
            breadcrumbs=("Home", "News"),
            images=(Image(url="https://example.org/a.jpg", caption="A", credit="B"),),
            evidence={"title": (Span(0, 9, "President"),)},
        ),
    )
    first, second, third = (text.index(s) for s in ("President Ilham", "Aliyev said", "The President"))
    sentences = [document.span(first, second - 1), document.span(second, third - 1), document.span(third, len(text))]
    document.add_layer("sentences", sentences)
    mentions = (
        Mention(10, 22, "Ilham Aliyev"),
        Mention(second, second + 6, "Aliyev"),
        Mention(third, third + 13, "The President", kind="title"),
    )
    document.add_layer("entities", [Entity("E1", "Ilham Aliyev", "PERSON", mentions, ("President",))])
    document.add_layer(
        "techniques",
        [
            Technique(
                0,
                9,
                "President",
                technique="Appeal_to_Authority",
                score=0.25,
                why="cue",
                cues=(Span(0, 9, "President"),),
            )
        ],
    )
    sentence = document.layers["sentences"][0]
    document.add_layers(
        {
            "timexes": [Timex(0, 9, "President", type="DATE", value="2020-11-10", anchor="2020-11-10")],
            "timeline": [TimelineEntry("2020-11-10", sentence)],
            "claims": [Claim(sentence.start, sentence.end, sentence.text, score=0.75, checkworthy=True, kind="event")],
            "findings": [Finding("duration", "One period, two lengths.", (Span(0, 9, "President"), sentence))],
        }
    )
    document.add_stage(StageRecord("nlp", "ok", "1", seconds=0.5))
    return document


def test_document_span_carries_its_text() -> None:
    document = Document("Karabakh is Azerbaijan!")
    assert document.span(0, 8) == Span(0, 8, "Karabakh")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 2), (0, 100)], ids=["negative", "reversed", "past-end"])
def test_document_span_refuses_out_of_range(start: int, end: int) -> None:
    with pytest.raises(ContractError, match="outside"):
        Document("short text").span(start, end)


def test_document_add_layer_refuses_span_whose_text_disagrees() -> None:
    document = Document("Shusha is free.")
    with pytest.raises(ContractError, match="says 'Baku'"):
        document.add_layer("sentences", [Span(0, 6, "Baku")])


def test_document_counts_code_points_not_bytes() -> None:
    document = Document("Şuşa — “free”")
    assert document.span(7, 13).text == "“free”"


def test_document_id_is_stable_for_the_same_text() -> None:
    assert Document("same text").id == Document("same text", source=Source("stdin")).id
    assert Document("same text").id != Document("other text").id


def test_document_round_trips_through_json(validate) -> None:
    document = _rich_document()
    data = json.loads(json.dumps(document.to_dict()))
    validate(data)
    assert Document.from_dict(data) == document


def test_document_failed_records_the_error(validate) -> None:
    error = InputError("gone.txt does not exist", code="input.not_found")
    document = Document.failed(Source("text", "gone.txt"), error)
    data = document.to_dict()
    validate(data)
    assert data["error"] == {"code": "input.not_found", "message": "gone.txt does not exist"}
    assert data["stages"][0]["status"] == "failed"
    assert Document.from_dict(data) == document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema_version": "2"}, "schema_version"),
        ({"layers": {"mystery": []}}, "unknown to this version"),
        ({"source": {"kind": "fax"}}, "source kind"),
        ({"stages": [{"name": "nlp", "status": "meh"}]}, "stage status"),
        ({"layers": {"techniques": [{"start": 0, "end": 1, "text": "x", "technique": "Doubt", "score": 2}]}}, "score"),
    ],
    ids=["version", "unknown-layer", "source-kind", "stage-status", "technique-score"],
)
def test_document_from_dict_refuses_what_the_contract_forbids(change: dict, message: str) -> None:
    data = _rich_document().to_dict() | change
    with pytest.raises(ContractError, match=message):
        Document.from_dict(data)


def test_document_from_dict_refuses_a_span_that_moved() -> None:
    data = _rich_document().to_dict()
    data["layers"]["sentences"][0]["start"] = 1
    with pytest.raises(ContractError, match="sentences"):
        Document.from_dict(data)


def test_document_add_layers_stores_all_or_none() -> None:
    document = Document("Shusha is free.")
    with pytest.raises(ContractError):
        document.add_layers({"sentences": [document.span(0, 15)], "entities": [Span(0, 4, "Baku")]})
    assert document.layers == {}
