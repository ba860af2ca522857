"""The encoder's batching (every window once, batches of similar length) and the tokens that open its windows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelNotFoundError
from spinscope.models import encoder
from spinscope.models.encoder import ENCODER_DIR, TOKENIZER_FILE, _batches, load_encoder


@pytest.mark.parametrize(
    "lengths",
    [[], [5], [3, 90, 4, 4, 120, 7, 30, 31, 32, 5], list(range(2, 200, 3)), [10] * 70],
)
def test_batches_take_every_window_once_shortest_first_with_little_padding(lengths: list[int]) -> None:
    batches = _batches(lengths)
    order = [index for batch in batches for index in batch]
    assert sorted(order) == list(range(len(lengths)))
    assert [lengths[index] for index in order] == sorted(lengths)
    for batch in batches:
        assert len(batch) <= encoder._BATCH
        real = sum(lengths[index] for index in batch)
        assert len(batch) == 1 or lengths[batch[-1]] * len(batch) <= (1 + encoder._PADDING) * real


def test_equal_windows_fill_whole_batches() -> None:
    assert [len(batch) for batch in _batches([10] * 70)] == [32, 32, 6]


def test_a_text_encodes_alike_alone_and_among_texts_of_other_lengths() -> None:
    model = load_encoder()
    text = "The minister said the talks would resume next week."
    alone = model.encode([text])[0]
    among = model.encode(["Short.", text, "A much longer sentence " * 12, "Two words."])[1]
    np.testing.assert_array_equal(alone.offsets, among.offsets)
    cosine = (alone.vectors * among.vectors).sum(axis=1) / (
        np.linalg.norm(alone.vectors, axis=1) * np.linalg.norm(among.vectors, axis=1)
    )
    assert cosine.min() > 0.98  # int8 activations are scaled per batch, so not bit-equal


def _with_special_tokens(folder: Path, names: dict[str, str]) -> None:
    """Rename special tokens in `folder`'s tokenizer.json (same ids), as another encoder's tokenizer names them."""
    path = folder / TOKENIZER_FILE
    text = path.read_text(encoding="utf-8")
    for old, new in names.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    path.write_text(text, encoding="utf-8")


def test_a_tokenizer_with_mpnet_s_special_tokens_opens_windows_with_them(tmp_path: Path) -> None:
    shutil.copytree(ENCODER_DIR, tmp_path, dirs_exist_ok=True)
    _with_special_tokens(tmp_path, {"[CLS]": "<s>", "[SEP]": "</s>"})
    text = "The minister said the talks would resume next week."
    renamed, shipped = load_encoder(tmp_path).encode([text])[0], load_encoder().encode([text])[0]
    np.testing.assert_array_equal(renamed.offsets, shipped.offsets)
    np.testing.assert_allclose(renamed.vectors, shipped.vectors, atol=1e-6)  # the same ids, the same run


def test_a_tokenizer_without_window_tokens_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ENCODER_DIR, tmp_path, dirs_exist_ok=True)
    _with_special_tokens(tmp_path, {"[CLS]": "[BEGIN]", "[SEP]": "[END]"})
    with pytest.raises(ModelNotFoundError, match="neither"):
        load_encoder(tmp_path)
