"""Contextual token vectors from the shipped MiniLM encoder, through onnxruntime (no torch).

`Encoder.encode` takes pieces of text (sentences) and returns, for each, one vector per word
piece (the hidden states of two of its layers side by side, see `spinscope.training.export`)
with the piece's character offsets into that text, plus the mean-pooled vector of the whole
text. A text longer than the encoder's window is encoded in consecutive windows, so no
character is lost.

There is one encoder, in `ENCODER_DIR`: the techniques and claims models both read its
vectors, and the pipeline encodes each sentence once for both (`spinscope.stages.encodings`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import MissingDependencyError, ModelNotFoundError

__all__ = ["ENCODER_DIR", "Encoded", "Encoder", "embed", "load_encoder"]

ENCODER_DIR = Path(__file__).parent / "weights" / "encoder"
ENCODER_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
WINDOW = 128
_BATCH = 32  # windows run together at most
# The tokens that open and close a window: BERT's (MiniLM), else RoBERTa's and MPNet's.
_SPECIAL_TOKENS = (("[CLS]", "[SEP]"), ("<s>", "</s>"))
_PADDING = 0.1  # a batch grows while its padding stays under this share of its real pieces


@dataclass(frozen=True)
class Encoded:
    """The encoder's view of one text: a vector and character offsets per word piece."""

    vectors: np.ndarray  # (pieces, dim) float32
    offsets: np.ndarray  # (pieces, 2) int, [start, end) into the encoded text
    pooled: np.ndarray  # (dim,) float32, mean of the piece vectors, unit length


class Encoder:
    """The int8 all-MiniLM-L6-v2 graph and its WordPiece tokenizer."""

    def __init__(self, folder: Path, *, threads: int | None = None) -> None:
        # onnxruntime's telemetry warns on stderr when it cannot keep a device id under the home
        # folder (a read-only or missing home); spinscope sends no telemetry, so it is off.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:
            raise MissingDependencyError(
                f"the sentence encoder needs {error.name}: reinstall spinscope with `pip install -e .`"
            ) from error
        encoder, tokenizer = folder / ENCODER_FILE, folder / TOKENIZER_FILE
        for path in (encoder, tokenizer):
            if not path.is_file():
                raise ModelNotFoundError(
                    f"model file {path} is missing: reinstall spinscope, or rebuild it with "
                    "`spinscope train techniques --export-encoder`"
                )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
        options.inter_op_num_threads = 1
        self.folder = folder
        self._session = onnxruntime.InferenceSession(
            str(encoder), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self.dim = int(self._session.get_outputs()[0].shape[-1])
        special = [
            (self._tokenizer.token_to_id(first), self._tokenizer.token_to_id(last)) for first, last in _SPECIAL_TOKENS
        ]
        known = [(cls, sep) for cls, sep in special if cls is not None and sep is not None]
        if not known:
            raise ModelNotFoundError(
                f"tokenizer {tokenizer} has neither [CLS] and [SEP] nor <s> and </s>: reinstall spinscope, or "
                "rebuild it with `spinscope train techniques --export-encoder`"
            )
        self._cls: int = known[0][0]
        self._sep: int = known[0][1]

    def encode(self, texts: list[str]) -> list[Encoded]:
        """Encode each text; the result lines up with `texts`."""
        windows: list[tuple[int, list[int], list[tuple[int, int]]]] = []
        for index, encoding in enumerate(self._tokenizer.encode_batch(texts, add_special_tokens=False)):
            ids, offsets = encoding.ids, encoding.offsets
            if not ids:
                windows.append((index, [], []))
            for first in range(0, len(ids), WINDOW - 2):
                windows.append((index, ids[first : first + WINDOW - 2], offsets[first : first + WINDOW - 2]))
        hidden = self._run([ids for _, ids, _ in windows])
        parts: list[list[tuple[np.ndarray, list[tuple[int, int]]]]] = [[] for _ in texts]
        for (index, _, offsets), vectors in zip(windows, hidden, strict=True):
            parts[index].append((vectors, offsets))
        return [_join(pieces, self.dim) for pieces in parts]

    def _run(self, windows: list[list[int]]) -> list[np.ndarray]:
        """Hidden states of each window's pieces (special tokens dropped), batched by length."""
        hidden: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(windows)
        for batch in _batches([len(window) + 2 for window in windows]):
            width = len(windows[batch[-1]]) + 2
            ids = np.zeros((len(batch), width), np.int64)
            mask = np.zeros((len(batch), width), np.int64)
            for row, index in enumerate(batch):
                pieces = [self._cls, *windows[index], self._sep]
                ids[row, : len(pieces)] = pieces
                mask[row, : len(pieces)] = 1
            (states,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
            for row, index in enumerate(batch):
                hidden[index] = states[row, 1 : len(windows[index]) + 1]
        return hidden


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices of `lengths` in batches of similar length, shortest first.

    Every row of a batch is padded to its longest, and the encoder works on the padding too:
    with one fixed batch size, an article's short and long sentences would share batches and
    most of the work would be padding. A batch takes the next longer window while it holds
    fewer than `_BATCH` and its padding stays within `_PADDING` of its real pieces.
    """
    batches: list[list[int]] = []
    batch: list[int] = []
    real = 0
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        padded = lengths[index] * (len(batch) + 1)
        if batch and (len(batch) >= _BATCH or padded > (1 + _PADDING) * (real + lengths[index])):
            batches.append(batch)
            batch, real = [], 0
        batch.append(index)
        real += lengths[index]
    if batch:
        batches.append(batch)
    return batches


def _join(pieces: list[tuple[np.ndarray, list[tuple[int, int]]]], dim: int) -> Encoded:
    vectors = np.concatenate([vectors for vectors, _ in pieces]) if pieces else np.zeros((0, dim), np.float32)
    offsets = np.array([offset for _, offsets in pieces for offset in offsets], dtype=np.int64).reshape(-1, 2)
    pooled = vectors.mean(axis=0) if len(vectors) else np.zeros(dim, np.float32)
    norm = float(np.linalg.norm(pooled))
    return Encoded(vectors.astype(np.float32), offsets, (pooled / norm if norm else pooled).astype(np.float32))


def embed(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Unit-length mean-pooled embeddings of `texts` (rows follow `texts`; an empty text gives zeros)."""
    if not texts:
        return np.zeros((0, encoder.dim), np.float32)
    return np.stack([item.pooled for item in encoder.encode(list(texts))])


@functools.lru_cache(maxsize=2)
def load_encoder(folder: Path = ENCODER_DIR, threads: int | None = None) -> Encoder:
    """The encoder in `folder`, loaded once per process (and thread count)."""
    return Encoder(folder, threads=threads)
