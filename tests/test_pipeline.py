from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from spinscope import (
    ConfigError,
    Document,
    InputError,
    Metadata,
    Pipeline,
    PipelineError,
    Settings,
    Source,
    Span,
    build_pipeline,
)
from spinscope.ingest.text import find_metadata
from spinscope.pipeline import LANGUAGE_SKIP_CODE, stage_names
from spinscope.render.markdown import to_markdown
from spinscope.stages import Stage, StageResult


class _Words(Stage):
    """Splits on spaces."""

    name = "words"
    produces = ("words",)

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        if "boom" in document.text:
            raise ValueError("cannot split a bomb")
        return StageResult(artifacts={"words": document.text.split()})


class _First(Stage):
    """The first word as a one-span layer."""

    name = "first"
    requires = ("words",)
    produces = ("sentences",)

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        first = inputs["words"][0]
        return StageResult(layers={"sentences": [document.span(0, len(first))]})


class _Liar(Stage):
    """Declares one thing, returns another."""

    name = "liar"
    produces = ("entities",)

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        return StageResult(layers={})


def test_pipeline_refuses_a_wrong_order_when_built() -> None:
    with pytest.raises(PipelineError, match="'first' requires 'words'") as caught:
        Pipeline([_First(), _Words()])
    assert caught.value.code == "pipeline.order"


def test_pipeline_refuses_two_producers_of_one_name() -> None:
    with pytest.raises(PipelineError, match="both produce"):
        Pipeline([_Words(), _Words()])


def test_pipeline_records_a_failure_and_keeps_every_document() -> None:
    documents = [Document("Shusha is free"), Document("boom goes here"), Document("Baku at night")]
    results = list(Pipeline([_Words(), _First()], batch_size=8).run(documents))
    assert results == documents
    statuses = [[(r.name, r.status) for r in d.stages] for d in results]
    assert statuses == [
        [("words", "ok"), ("first", "ok")],
        [("words", "failed"), ("first", "skipped")],
        [("words", "ok"), ("first", "ok")],
    ]
    assert results[1].stages[0].error == "ValueError: cannot split a bomb"
    assert results[1].stages[1].error == "requires 'words', which stage 'words' did not produce"
    assert "sentences" not in results[1].layers
    assert [s.text for s in results[2].layers["sentences"]] == ["Baku"]


def test_pipeline_fails_a_stage_that_breaks_its_declaration() -> None:
    [document] = Pipeline([_Liar()]).run([Document("text")])
    assert document.stages[0].status == "failed" and document.stages[0].code == "pipeline.produces"


def test_pipeline_skips_stages_for_failed_inputs() -> None:
    failed = Document.failed(Source("text", "x.txt"), InputError("x.txt is empty", code="input.empty"))
    [document] = Pipeline([_Words()]).run([failed])
    assert [(r.name, r.status, r.error) for r in document.stages] == [
        ("ingest", "failed", "x.txt is empty"),
        ("words", "skipped", "no text: the input failed (input.empty)"),
    ]


def test_build_pipeline_adds_required_stages_and_records_the_rest() -> None:
    pipeline = build_pipeline(Settings(stages=("entities",)))
    assert pipeline.names == ["nlp", "entities"]
    only_nlp = build_pipeline(Settings(stages=("nlp",)))
    document = only_nlp(Document("Ilham Aliyev spoke in Baku."))
    assert "entities" not in document.layers
    assert [(r.name, r.status, r.error) for r in document.stages][1:] == [
        ("entities", "skipped", "not selected"),
        ("quotes", "skipped", "not selected"),
        ("timexes", "skipped", "not selected"),
        ("encodings", "skipped", "not selected"),
        ("claims", "skipped", "not selected"),
        ("consistency", "skipped", "not selected"),
        ("techniques", "skipped", "not selected"),
    ]


def test_build_pipeline_refuses_unknown_stages() -> None:
    known = "nlp, entities, quotes, timexes, encodings, claims, consistency, techniques"
    with pytest.raises(ConfigError, match=f"unknown stage 'sentiment'; known stages: {known}"):
        build_pipeline(Settings(stages=("sentiment",)))


class _Misplaced(Stage):
    """Returns a span whose text is not the document's."""

    name = "misplaced"
    produces = ("sentences",)

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        return StageResult(layers={"sentences": [Span(0, 4, "Baku")]})


def test_pipeline_fails_a_stage_whose_spans_disagree_with_the_text() -> None:
    [document] = Pipeline([_Misplaced()]).run([Document("Shusha is free")])
    assert "sentences" not in document.layers
    assert document.stages[0].status == "failed" and document.stages[0].code == "contract"
    assert "says 'Baku'" in document.stages[0].error


# The team's own short texts, written for the language gate.
RUSSIAN = (
    "Президент Иван Петров заявил во вторник в Москве, что переговоры с соседями продолжатся. "
    "По его словам, за последний год экспорт вырос на 12 процентов, а безработица снизилась вдвое. "
    "Министр финансов Анна Смирнова назвала эти цифры «историческим успехом» страны."
)
UKRAINIAN = (
    "Президент Іван Петренко заявив у вівторок у Києві, що переговори з сусідами триватимуть. "
    "За його словами, за останній рік експорт зріс на 12 відсотків, а безробіття скоротилося вдвічі. "
    "Міністр фінансів Анна Коваленко назвала ці цифри «історичним успіхом» країни."
)
ENGLISH = (
    "President Ivan Petrov said on Tuesday in Moscow that talks with the neighbours would go on. "
    "Exports grew by 12 percent last year, he said, and unemployment halved."
)
_ENGLISH_ONLY = ("entities", "quotes", "timexes", "claims", "consistency", "techniques")


class _Russian(Stage):
    """A stage that declares Russian besides English, as a Russian pipeline's stages will."""

    name = "russian"
    produces = ("words",)
    languages = frozenset({"en", "ru"})

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        return StageResult(artifacts={"words": document.text.split()})


def test_pipeline_runs_no_english_stage_on_another_language(pipeline: Pipeline) -> None:
    # Ukrainian: a language no stage but nlp supports (Russian now has stages of its own).
    document = pipeline(Document(UKRAINIAN))
    records = {record.name: record for record in document.stages}
    assert records["nlp"].status == "ok" and len(document.layers["sentences"]) == 3
    for name in _ENGLISH_ONLY:
        assert (records[name].status, records[name].code) == ("skipped", LANGUAGE_SKIP_CODE), name
        assert records[name].error.startswith("the text is in 'uk'; this stage supports en"), name
    for layer in ("entities", "quotes", "claims", "techniques", "timexes"):
        assert not document.layers.get(layer), layer
    assert "- **Language:** uk; not analysed by entities, quotes, timexes, encodings, claims" in to_markdown(document)


def test_pipeline_runs_every_stage_on_english(pipeline: Pipeline) -> None:
    document = pipeline(Document(ENGLISH))
    assert {record.name: record.status for record in document.stages} == dict.fromkeys(stage_names(), "ok")
    assert document.layers["entities"]


@pytest.mark.parametrize(
    ("language", "statuses"),
    [("ru", ["ok", "skipped"]), ("en", ["ok", "ok"]), ("de", ["skipped", "skipped"])],
    ids=["declared-language-runs", "english", "undeclared-language-skipped"],
)
def test_pipeline_gates_each_stage_on_the_languages_it_declares(language: str, statuses: list[str]) -> None:
    document = Document("Baku at night, and the long road south", metadata=Metadata(language=language))
    [result] = Pipeline([_Russian(), _First()]).run([document])
    assert [record.status for record in result.stages] == statuses


def test_pipeline_detects_the_language_of_a_document_built_without_one() -> None:
    [result] = Pipeline([_Words()]).run([Document(RUSSIAN)])
    assert (result.stages[0].status, result.stages[0].code) == ("skipped", LANGUAGE_SKIP_CODE)
    assert (result.metadata.language, result.metadata.language_note) == ("ru", None)


def test_pipeline_keeps_page_furniture_out_of_the_body_layers(pipeline: Pipeline) -> None:
    text = (
        "• Home\n  • 30 Years On: the bridge reopens\n30 Years On: the bridge reopens\n8 November 2025\n"
        "Image: https://example.org/bridge.jpg (The bridge in 1995. Photo: City Archive)\n\n"
        "The bridge closed 30 years ago, in 1995, after the flood destroyed its two central arches. "
        "Mayor Anna Berg said on Friday that the city had spent 12 million euros on the repairs, "
        "which took three years.\n"
    )
    document = pipeline(Document(text, metadata=find_metadata(text)))
    furniture = list(document.metadata.spans())
    assert len(furniture) == 5
    for layer in ("sentences", "timexes", "claims", "techniques"):
        for item in document.layers[layer]:
            for span in item.spans():
                assert not any(line.start < span.end and span.start < line.end for line in furniture), (layer, span)
    # The title's "30 Years" is counted once, from the body, not three times.
    assert [t.text.casefold().startswith("30 years") for t in document.layers["timexes"]].count(True) == 1
