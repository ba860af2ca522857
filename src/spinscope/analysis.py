"""The library's front door: analyse inputs or a text with the configured pipeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import BinaryIO

from spinscope.document import Document, Metadata, Source, Technique
from spinscope.errors import InputError
from spinscope.ingest import Inputs, load_documents
from spinscope.ingest.text import find_metadata
from spinscope.pipeline import build_pipeline
from spinscope.settings import Settings
from spinscope.stages.techniques import label_spans, load_model, names_of

__all__ = ["analyze", "analyze_text", "classify_spans"]


def analyze(inputs: Inputs, *, settings: Settings | None = None, stdin: BinaryIO | None = None) -> Iterator[Document]:
    """Analyse paths, folders, URLs or ``-`` (standard input): one document per file, page or
    JSONL line, failed inputs included as documents whose `error` says why.

    The pipeline is built (and its models loaded) before the first input is read, so a
    missing model or a bad setting is reported at once.
    """
    settings = settings or Settings()
    pipeline = build_pipeline(settings)
    return pipeline.run(load_documents(inputs, settings=settings, stdin=stdin))


def analyze_text(text: str, *, metadata: Metadata | None = None, settings: Settings | None = None) -> Document:
    """Analyse one text given as a string.

    Args:
        text: The article text, kept exactly as given.
        metadata: What is known about the article; when None, it is read from the text's
            scraped-page conventions (title line, dateline, byline, ...).
        settings: The pipeline's settings; the defaults when None.
    """
    document = Document(text, source=Source("text"), metadata=metadata or find_metadata(text))
    return build_pipeline(settings)(document)


def classify_spans(
    text: str | Document, spans: Sequence[tuple[int, int]], *, settings: Settings | None = None
) -> list[Technique]:
    """Name the technique of each given span of a text (the task's technique classification).

    A string is parsed (sentences and names) as `analyze_text` would; an analysed `Document`
    that has its `sentences` and `entities` layers is read as it is, so an evaluation that has
    analysed an article does not parse it twice. A span given more than once gets the most
    likely technique the first time, the next most likely the second, and so on, since the
    same stretch of text may use several techniques.

    Args:
        text: The article text, or the article analysed.
        spans: `(start, end)` character offsets into the text.
        settings: Pipeline settings (spaCy model, techniques model); defaults when None.

    Returns:
        One `Technique` per span, in the order given; `score` is P(technique | span).

    Raises:
        InputError: A span does not lie inside the text (code ``input.span``).
    """
    settings = settings or Settings()
    length = len(text.text if isinstance(text, Document) else text)
    for start, end in spans:
        if not 0 <= start < end <= length:
            raise InputError(
                f"span ({start}, {end}) is not inside the text of {length} characters: give 0 <= start < end <= "
                f"{length}",
                code="input.span",
            )
    parsed = text
    if not isinstance(parsed, Document) or not {"sentences", "entities"} <= set(parsed.layers):
        plain = parsed.text if isinstance(parsed, Document) else parsed
        parsed = analyze_text(plain, settings=replace(settings, stages=("entities",)))
    return label_spans(
        load_model(settings), parsed.text, parsed.layers["sentences"], names_of(parsed.layers["entities"]), spans
    )
