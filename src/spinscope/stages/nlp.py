"""The base NLP stage: spaCy's parse of the text, and the `sentences` layer.

Sentences never cross a line break (unless the text is hard-wrapped, see
`spinscope.models.spacy`), and their spans are trimmed of surrounding whitespace.

The `sentences` layer is the article's body: the page's own lines that ingest read as
metadata (title lines, repeated or not; breadcrumb, dateline and byline lines; image lines)
are left out, so the layers built on sentences (claims, techniques, the timeline) never count
them.

The stage reads any language, and no model ever reads a language it was not made for:
- English texts get the English spaCy model's full parse;
- Russian texts get natasha's parse (`spinscope.models.russian`: razdel's sentences and
  tokens, slovnet's morphology, syntax and entities, pymorphy3's lemmas) as a spaCy `Doc`
  with the same text, loaded on the first Russian text only; its sentences follow the same
  rules (none crosses a line break unless the text is hard-wrapped; furniture left out;
  trimmed);
- a text in any other language gets only rule-based sentences (spaCy's multilingual
  sentencizer, no trained model), and the `spacy` artifact it hands on carries no tags.
Whatever the language, the `spacy` artifact's text is the document's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from spinscope.document import Document, Span
from spinscope.language import DEFAULT_LANGUAGE, language_of
from spinscope.models.russian import load_russian, parse_russian
from spinscope.models.spacy import LineBreaks, load_spacy, pipe_in_chunks
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SpacyStage", "find_sentences"]


class SpacyStage(Stage):
    """Parses the text with spaCy into sentences, tokens and named-entity mentions."""

    name = "nlp"
    produces = ("sentences", "spacy")
    languages = None  # English and Russian get their models, any other language rule-based sentences

    def __init__(self, settings: Settings) -> None:
        import spacy

        self.nlp = load_spacy(settings.nlp)
        # Ingest caps input size; spaCy's own cap must not refuse what ingest accepted.
        self.nlp.max_length = max(self.nlp.max_length, settings.ingest.max_bytes + 1)
        self.sentencizer = _sentencizer(self.nlp.max_length)
        self.line_breaks = LineBreaks(settings.nlp.split_lines)
        self.split_lines = settings.nlp.split_lines
        self.batch_size = settings.nlp.batch_size
        meta = self.nlp.meta
        self.version = (
            f"3 ({meta.get('name')} {meta.get('version')}, spacy {spacy.__version__}; "
            f"Russian: {_natasha_versions()}; other languages: rule-based sentences)"
        )

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Parse one document."""
        return self.process_batch([document], [inputs])[0]

    def process_batch(self, documents: Sequence[Document], inputs: Sequence[Mapping[str, Any]]) -> list[StageResult]:
        """Parse several documents: the English ones with ``nlp.pipe``, the Russian ones with
        natasha, the others by rule."""
        english = [i for i, document in enumerate(documents) if language_of(document) == DEFAULT_LANGUAGE]
        texts = (documents[i].text for i in english)  # a long text is parsed in pieces, bounding memory
        parses: dict[int, Doc] = dict(
            zip(english, pipe_in_chunks(self.nlp, texts, batch_size=self.batch_size), strict=True)
        )
        for index, document in enumerate(documents):
            if index in parses:
                continue
            if language_of(document) == "ru":
                parses[index] = parse_russian(document.text, split_lines=self.split_lines, parser=load_russian())
            else:
                parses[index] = self.line_breaks(self.sentencizer(document.text))
        return [_result(document, parses[index]) for index, document in enumerate(documents)]


def find_sentences(parsed: Doc, *, furniture: Sequence[Span] = ()) -> list[Span]:
    """The body sentences of a parsed text, trimmed of whitespace; blank ones are dropped.

    Args:
        parsed: The spaCy parse of the text.
        furniture: The page's own lines (title, breadcrumbs, dateline, byline, image lines):
            no sentence covers any part of them. What is left of a sentence that runs over
            one (hard-wrapped text) is kept when it holds a word.
    """
    text = parsed.text
    cuts = sorted((span.start, span.end) for span in furniture)
    sentences: list[Span] = []
    for sentence in parsed.sents:
        parts = _outside(sentence.start_char, sentence.end_char, cuts)
        cut = parts != [(sentence.start_char, sentence.end_char)]
        for start, end in parts:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            # A stray mark left beside a cut line ("." after a title) is no sentence.
            if start < end and (not cut or any(character.isalnum() for character in text[start:end])):
                sentences.append(Span(start, end, text[start:end]))
    return sentences


def _outside(start: int, end: int, cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` outside every cut."""
    parts = []
    for cut_start, cut_end in cuts:
        if cut_end <= start or cut_start >= end:
            continue
        if cut_start > start:
            parts.append((start, cut_start))
        start = max(start, cut_end)
    if start < end:
        parts.append((start, end))
    return parts


def _natasha_versions() -> str:
    """The versions of the Russian models' packages, read without importing them."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"natasha {version('natasha')}, slovnet {version('slovnet')}, pymorphy3 {version('pymorphy3')}"
    except PackageNotFoundError as error:
        return f"not installed ({error.name})"


def _sentencizer(max_length: int) -> Language:
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max_length
    return nlp


def _result(document: Document, parsed: Doc) -> StageResult:
    sentences = find_sentences(parsed, furniture=tuple(document.metadata.spans()))
    return StageResult(layers={"sentences": sentences}, artifacts={"spacy": parsed})
