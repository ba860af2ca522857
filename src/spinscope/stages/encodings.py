"""The `encodings` artifact: each body sentence encoded once, for every stage that reads vectors.

The claims and techniques stages both read MiniLM vectors of the article's sentences. This
stage masks the article's names (`spinscope.models.names`) and runs the encoder over each
sentence once; both stages read the one `EncodedText` it hands on, and neither encodes a
sentence again. Because the vectors come from the masked text, neither check-worthiness nor
the techniques see which side an article names.

Invariants:
- The artifact covers every sentence of the `sentences` layer that keeps a character after
  masking, in order; offsets inside it are into the masked text (`EncodedText.mask` maps them).
- The encoder is the shared one (`spinscope.models.encoder.ENCODER_DIR`), which the claims model
  and the default techniques model were trained on. A techniques model whose folder brings its
  own encoder (the larger MPNet model, a fine-tuned one) encodes the same masked sentences again
  with it, in the techniques stage, so each head sees the vectors it was trained on.
- No layer is produced: the artifact lives for one run and is never serialised.
- An English text gets its `EncodedText`; a text in another language the pipeline reads
  (`languages`) gets None, since the encoder is English: the stages that read Russian use
  multilingual models of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spinscope.document import Document
from spinscope.language import DEFAULT_LANGUAGE, language_of
from spinscope.models.encoder import ENCODER_DIR, load_encoder
from spinscope.models.techniques import encode_text
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult
from spinscope.stages.techniques import names_of

__all__ = ["EncodingStage"]


class EncodingStage(Stage):
    """Encodes each body sentence, names masked, once per article."""

    name = "encodings"
    requires = ("sentences", "entities")
    produces = ("encodings",)
    languages = frozenset({"en", "ru"})

    def __init__(self, settings: Settings) -> None:
        self.encoder = load_encoder(ENCODER_DIR, settings.threads)

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Encode the sentences of one document (None for a text that is not English)."""
        if language_of(document) != DEFAULT_LANGUAGE:
            return StageResult(artifacts={"encodings": None})
        sentences = [(sentence.start, sentence.end) for sentence in document.layers["sentences"]]
        encoded = encode_text(self.encoder, document.text, sentences, names_of(document.layers["entities"]))
        return StageResult(artifacts={"encodings": encoded})
