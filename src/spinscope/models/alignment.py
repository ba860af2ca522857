"""A learned adapter over multilingual-e5-small embeddings, for aligning claims across languages.

e5 places a sentence and its translation close together, but it places two sentences about the
same event almost as close: on the development groups, a Russian sentence that tells another
fact of the same fire scores 0.84 to 0.89 with an English one, where a translation whose number
was changed scores 0.85 to 0.92. Alignment needs the claim, not the topic. The adapter is a
low-rank correction of the embedding, ``v + v @ down @ up``, taken back to unit length, fitted
on the gold claim pairs of the cross-language compare sets (`spinscope.training.alignment`): for
each English sentence with a gold partner in a Russian article of its group, the partner should
outscore every other sentence of that article, and the other way round (a softmax over the
article at a temperature). The other articles of the group are the negatives a comparison meets,
so the adapter learns what tells one fact of an event from another.

The correction is small by design (rank 32 of 384 dimensions, starting at zero), so the
embedding keeps what e5 knows about translations. Only alignment reads adapted vectors; the
similarities of causes and names stay e5's own.

Invariants: `Adapter.apply` returns rows of unit length, one per input row, in order; the
weights are plain arrays (``adapter.npz``) and the file records the sets it was fitted on.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.errors import ModelNotFoundError

__all__ = ["ADAPTER_DIR", "Adapter", "load_adapter"]

ADAPTER_DIR = Path(__file__).parent / "weights" / "alignment"
WEIGHTS_FILE = "adapter.npz"
META_FILE = "model.json"


@dataclass(frozen=True)
class Adapter:
    """The low-rank correction ``down @ up`` (``dim x rank`` and ``rank x dim``) and what it was fitted on."""

    down: np.ndarray
    up: np.ndarray
    meta: dict

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        """Adapted embeddings of unit-length rows `vectors`: each row plus its correction, at unit length."""
        adapted = vectors + (vectors @ self.down) @ self.up
        norms = np.linalg.norm(adapted, axis=1, keepdims=True)
        return adapted / np.where(norms > 0, norms, 1.0)

    def save(self, folder: Path) -> None:
        """Write the weights and the record of their fit to `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / WEIGHTS_FILE, down=self.down.astype(np.float32), up=self.up.astype(np.float32))
        (folder / META_FILE).write_text(json.dumps(self.meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Adapter:
        """The adapter in `folder`.

        Raises:
            ModelNotFoundError: (``model.missing``) The folder lacks its weights or record.
        """
        weights, meta = folder / WEIGHTS_FILE, folder / META_FILE
        if not weights.is_file() or not meta.is_file():
            raise ModelNotFoundError(f"no alignment adapter in {folder}; rebuild it with `spinscope train alignment`")
        with np.load(weights) as arrays:
            down, up = arrays["down"], arrays["up"]
        return cls(down=down, up=up, meta=json.loads(meta.read_text(encoding="utf-8")))


@functools.cache
def load_adapter(folder: Path = ADAPTER_DIR) -> Adapter:
    """The adapter in `folder` (the shipped one by default), loaded once per process."""
    return Adapter.load(folder)
