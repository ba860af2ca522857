"""The library's front door: analyse inputs or a text with the configured pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from spinscope.document import Document, Metadata, Source
from spinscope.ingest import load_documents
from spinscope.ingest.text import find_metadata
from spinscope.pipeline import build_pipeline
from spinscope.settings import Settings

__all__ = ["analyze", "analyze_text"]


def analyze(
    inputs: Iterable[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Analyse paths, folders, URLs or ``-`` (standard input): one document per file, page or
    JSONL line, failed inputs included as documents whose `error` says why.

    The pipeline is built (and its models loaded) before the first input is read, so a
    missing model or a bad setting is reported at once.
    """
    settings = settings or Settings()
    pipeline = build_pipeline(settings)
    return pipeline.run(load_documents(inputs, settings=settings, stdin=stdin))


def analyze_text(
    text: str, *, metadata: Metadata | None = None, settings: Settings | None = None
) -> Document:
    """Analyse one text given as a string.

    Args:
        text: The article text, kept exactly as given.
        metadata: What is known about the article; when None, it is read from the text's
            scraped-page conventions (title line, dateline, byline, ...).
        settings: The pipeline's settings; the defaults when None.
    """
    document = Document(text, source=Source("text"), metadata=metadata or find_metadata(text))
    return build_pipeline(settings)(document)
