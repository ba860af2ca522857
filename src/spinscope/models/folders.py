"""Model folders: how a trained model's files are written and read back.

A folder holds the model's arrays in one compressed ``.npz`` file (its name is the model's,
such as ``heads.npz``), its settings and provenance in ``model.json``, and, for a model with a
TF-IDF block, its terms in ``vocabulary.txt``.

Invariants:
- Arrays are written as float32 and read back as stored; a model casts what it needs wider.
- ``vocabulary.txt`` lists the terms one a line in column order: line ``i`` is column ``i``.
- ``model.json`` is indented JSON ending in a newline, so that a retrained model diffs line by line.
- A missing file is a `ModelNotFoundError` naming the file and the command that rebuilds it,
  raised before anything is read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.errors import ModelNotFoundError

__all__ = ["META_FILE", "VOCABULARY_FILE", "ModelFolder", "load_model_folder", "save_model_folder"]

META_FILE = "model.json"
VOCABULARY_FILE = "vocabulary.txt"


@dataclass(frozen=True)
class ModelFolder:
    """What a model folder holds: its arrays by name, its ``model.json``, and its vocabulary if it has one."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, Any]
    vocabulary: dict[str, int] | None = None


def save_model_folder(
    folder: Path,
    *,
    arrays_file: str,
    arrays: Mapping[str, np.ndarray],
    meta: Mapping[str, Any],
    vocabulary: Mapping[str, int] | None = None,
) -> None:
    """Write a model into `folder` (created if missing): `arrays` to `arrays_file`, the vocabulary, then `meta`.

    Args:
        folder: The model folder.
        arrays_file: The name of the ``.npz`` file, such as ``heads.npz``.
        arrays: The model's arrays by name; written as float32.
        meta: Written to ``model.json``; it must be JSON-ready.
        vocabulary: Term -> column, for a model with a TF-IDF block; written to ``vocabulary.txt``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    as_float32: dict[str, Any] = {name: np.asarray(array).astype(np.float32) for name, array in arrays.items()}
    np.savez_compressed(folder / arrays_file, **as_float32)
    if vocabulary is not None:
        ordered = sorted(vocabulary, key=vocabulary.__getitem__)
        (folder / VOCABULARY_FILE).write_text("\n".join(ordered) + "\n", encoding="utf-8")
    (folder / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def load_model_folder(folder: Path, *, arrays_file: str, rebuild: str, vocabulary: bool = False) -> ModelFolder:
    """Read a model folder written by `save_model_folder`.

    Args:
        folder: The model folder.
        arrays_file: The name of its ``.npz`` file.
        rebuild: The command that writes the folder anew, such as ``spinscope train claims``;
            the error of a missing file names it.
        vocabulary: Whether the folder has a ``vocabulary.txt`` to read.

    Raises:
        ModelNotFoundError: The arrays, ``model.json`` or (when asked for) ``vocabulary.txt`` is missing.
    """
    names = [arrays_file, META_FILE] + ([VOCABULARY_FILE] if vocabulary else [])
    for path in (folder / name for name in names):
        if not path.is_file():
            raise ModelNotFoundError(
                f"model file {path} is missing: reinstall spinscope, or rebuild it with `{rebuild}`"
            )
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    with np.load(folder / arrays_file) as stored:
        arrays = {name: stored[name] for name in stored.files}
    terms = None
    if vocabulary:
        lines = (folder / VOCABULARY_FILE).read_text(encoding="utf-8").splitlines()
        terms = {term: index for index, term in enumerate(lines)}
    return ModelFolder(arrays, meta, terms)
