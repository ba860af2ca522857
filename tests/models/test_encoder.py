"""The encoder's batching: every window once, batches of similar length."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.models import encoder
from spinscope.models.encoder import _batches, load_encoder


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
