"""The base NLP stage: spaCy's parse of the text, and the `sentences` layer.

Sentences never cross a line break (unless the text is hard-wrapped, see
`spinscope.models.spacy`), and their spans are trimmed of surrounding whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from spinscope.document import Document, Span
from spinscope.models.spacy import load_spacy
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SpacyStage", "find_sentences"]


class SpacyStage(Stage):
    """Parses the text with spaCy into sentences, tokens and named-entity mentions."""

    name = "nlp"
    produces = ("sentences", "spacy")

    def __init__(self, settings: Settings) -> None:
        import spacy

        self.nlp = load_spacy(settings.nlp)
        # Ingest caps input size; spaCy's own cap must not refuse what ingest accepted.
        self.nlp.max_length = max(self.nlp.max_length, settings.ingest.max_bytes + 1)
        self.batch_size = settings.nlp.batch_size
        meta = self.nlp.meta
        self.version = f"1 ({meta.get('name')} {meta.get('version')}, spacy {spacy.__version__})"

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Parse one document."""
        return _result(document, self.nlp(document.text))

    def process_batch(
        self, documents: Sequence[Document], inputs: Sequence[Mapping[str, Any]]
    ) -> list[StageResult]:
        """Parse several documents with ``nlp.pipe``."""
        texts = (document.text for document in documents)
        parses = self.nlp.pipe(texts, batch_size=self.batch_size)
        return [_result(document, parsed) for document, parsed in zip(documents, parses, strict=True)]


def find_sentences(parsed: Doc, *, whole: Sequence[Span] = ()) -> list[Span]:
    """The sentences of a parsed text, trimmed of whitespace; blank ones are dropped.

    Args:
        parsed: The spaCy parse of the text.
        whole: Stretches that are one sentence each, however spaCy split them (a dateline,
            an image credit line); sentences inside one are replaced by it.
    """
    text = parsed.text
    sentences: list[Span] = []
    for sentence in parsed.sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        line = next((span for span in whole if span.start <= start and end <= span.end), None)
        if line is None:
            sentences.append(Span(start, end, text[start:end]))
        elif not sentences or sentences[-1] != line:
            sentences.append(line)
    return sentences


def _result(document: Document, parsed: Doc) -> StageResult:
    sentences = find_sentences(parsed, whole=tuple(document.metadata.spans()))
    return StageResult(layers={"sentences": sentences}, artifacts={"spacy": parsed})
