from __future__ import annotations

import numpy as np
import torch

from spinscope.models.techniques import SequenceHead
from spinscope.training.sequence import Sentence, SequenceSettings, fit_sequence_head, sentences_of

FEATURES = 6


def _toy_sentences(count: int, rng: np.random.Generator) -> list[Sentence]:
    """Pieces are inside a span when the piece *before* them is a marker (feature 0 high)."""
    sentences = []
    for _ in range(count):
        length = int(rng.integers(3, 15))
        features = rng.normal(size=(length, FEATURES)).astype(np.float32)
        marker = rng.random(length) < 0.3
        features[:, 0] = np.where(marker, 3.0, -1.0)
        labels = np.r_[False, marker[:-1]].astype(np.int8)
        sentences.append(Sentence(features, labels, np.ones(length, np.float32)))
    return sentences


def test_the_numpy_head_computes_what_the_torch_network_computes() -> None:
    from spinscope.training.sequence import _network, _to_head

    torch.manual_seed(3)
    network = _network(torch, FEATURES, SequenceSettings(width=8, hidden=5))
    network.eval()
    head = _to_head(network)
    rng = np.random.default_rng(0)
    lengths = [4, 1, 7]
    features = rng.normal(size=(sum(lengths), FEATURES)).astype(np.float32)
    sentence_of = np.repeat(np.arange(len(lengths)), lengths)
    expected = []
    with torch.no_grad():
        for start, end in zip(np.cumsum([0, *lengths[:-1]]), np.cumsum(lengths), strict=True):
            logits = network(torch.from_numpy(features[start:end])[None], torch.tensor([end - start]))
            expected.append(torch.sigmoid(logits)[0].numpy())
    np.testing.assert_allclose(head.probabilities(features, sentence_of), np.concatenate(expected), atol=1e-5)


def test_the_detector_learns_from_the_piece_before() -> None:
    rng = np.random.default_rng(1)
    settings = SequenceSettings(width=16, hidden=8, epochs=10, dropout=0.0, learning_rate=0.01, batch=16)
    head = fit_sequence_head(_toy_sentences(400, rng), settings)
    test = _toy_sentences(50, rng)
    features = np.vstack([sentence.features for sentence in test])
    sentence_of = np.concatenate([np.full(len(sentence.labels), index) for index, sentence in enumerate(test)])
    labels = np.concatenate([sentence.labels for sentence in test])
    predicted = head.probabilities(features, sentence_of) > 0.5
    assert (predicted == labels.astype(bool)).mean() > 0.95


def test_a_sentence_does_not_see_its_neighbours() -> None:
    torch.manual_seed(0)
    settings = SequenceSettings(width=8, hidden=4, epochs=1)
    head = fit_sequence_head(_toy_sentences(20, np.random.default_rng(2)), settings)
    rng = np.random.default_rng(3)
    first, second = rng.normal(size=(5, FEATURES)), rng.normal(size=(3, FEATURES))
    together = head.probabilities(np.vstack([first, second]).astype(np.float32), np.array([0] * 5 + [1] * 3))
    alone = head.probabilities(second.astype(np.float32), np.zeros(3, int))
    np.testing.assert_allclose(together[5:], alone, atol=1e-6)


def test_sentences_of_cuts_at_each_new_sentence() -> None:
    features = np.arange(12, dtype=np.float32).reshape(6, 2)
    cut = sentences_of(features, np.array([0, 0, 1, 1, 1, 4]), np.zeros(6, np.int8), np.ones(6, np.float32))
    assert [len(sentence.labels) for sentence in cut] == [2, 3, 1]
    assert cut[1].features[0].tolist() == [4.0, 5.0]


def test_a_saved_head_reads_back_the_same() -> None:
    settings = SequenceSettings(width=4, hidden=3, epochs=1)
    head = fit_sequence_head(_toy_sentences(10, np.random.default_rng(4)), settings)
    again = SequenceHead.from_arrays(head.to_arrays("detector"), "detector")
    features = np.random.default_rng(5).normal(size=(6, FEATURES)).astype(np.float32)
    sentence_of = np.array([0, 0, 0, 1, 1, 1])
    np.testing.assert_array_equal(again.probabilities(features, sentence_of), head.probabilities(features, sentence_of))
