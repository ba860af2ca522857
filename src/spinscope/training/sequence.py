"""Train the techniques detector, a bidirectional LSTM over each sentence's word pieces, in torch.

The trained weights are handed back as a `SequenceHead`, which runs in numpy: torch is needed
to train only (the ``[train]`` extra).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.errors import MissingDependencyError
from spinscope.models.techniques import SequenceHead

__all__ = ["Sentence", "SequenceSettings", "fit_sequence_head", "sentences_of"]


@dataclass(frozen=True, kw_only=True)
class SequenceSettings:
    """The detector's size and how it is trained.

    Attributes:
        width: Size of the ReLU projection of the piece features.
        hidden: LSTM units per direction.
        dropout: Dropout after the projection and after the LSTM.
        epochs: Passes over the training sentences.
        learning_rate: AdamW's learning rate.
        weight_decay: AdamW's decoupled weight decay.
        batch: Sentences per step.
        seed: Seed of the initial weights and of the batch order.
    """

    width: int = 256
    hidden: int = 128
    dropout: float = 0.3
    epochs: int = 3
    learning_rate: float = 1e-3
    weight_decay: float = 1e-2
    batch: int = 32
    seed: int = 0


@dataclass(frozen=True)
class Sentence:
    """One sentence's pieces: features, labels (1 inside a technique span) and loss weights."""

    features: np.ndarray  # (pieces, features)
    labels: np.ndarray  # (pieces,)
    weights: np.ndarray  # (pieces,)


def sentences_of(
    features: np.ndarray, sentence_of: np.ndarray, labels: np.ndarray, weights: np.ndarray
) -> list[Sentence]:
    """Cut one article's piece arrays into its sentences."""
    cuts = np.flatnonzero(sentence_of[1:] != sentence_of[:-1]) + 1
    bounds = zip(np.r_[0, cuts], np.r_[cuts, len(sentence_of)], strict=True)
    return [
        Sentence(features[start:end], labels[start:end], weights[start:end]) for start, end in bounds if end > start
    ]


def fit_sequence_head(sentences: Sequence[Sentence], settings: SequenceSettings) -> SequenceHead:
    """Train the detector on `sentences` with a weighted logistic loss per piece."""
    if not sentences:
        raise ValueError("the detector needs at least one sentence to train on")
    try:
        import torch
    except ImportError as error:
        raise MissingDependencyError(
            "training the techniques detector needs torch: `pip install torch==2.13.0` (the CPU wheel), "
            "then `pip install -e '.[train]'`"
        ) from error
    torch.manual_seed(settings.seed)
    network = _network(torch, sentences[0].features.shape[1], settings)
    optimiser = torch.optim.AdamW(network.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay)
    rng = np.random.default_rng(settings.seed)
    network.train()
    for _ in range(settings.epochs):
        for features, labels, weights, lengths in _batches(torch, sentences, settings.batch, rng):
            logits = network(features, lengths)
            present = (torch.arange(features.shape[1])[None] < lengths[:, None]).float() * weights
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="none")
            loss = (loss * present).sum() / present.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return _to_head(network)


def _network(torch, features: int, settings: SequenceSettings):
    nn = torch.nn

    class Detector(nn.Module):  # type: ignore[name-defined]  # torch is imported lazily, so nn is a variable
        def __init__(self) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(features)
            self.projection = nn.Linear(features, settings.width)
            self.dropout = nn.Dropout(settings.dropout)
            self.lstm = nn.LSTM(settings.width, settings.hidden, batch_first=True, bidirectional=True)
            self.output = nn.Linear(2 * settings.hidden, 1)

        def forward(self, inputs, lengths):
            projected = self.dropout(torch.relu(self.projection(self.norm(inputs))))
            packed = nn.utils.rnn.pack_padded_sequence(projected, lengths, batch_first=True, enforce_sorted=False)
            states, _ = self.lstm(packed)
            states, _ = nn.utils.rnn.pad_packed_sequence(states, batch_first=True, total_length=inputs.shape[1])
            return self.output(self.dropout(states))[..., 0]

    return Detector()


def _batches(torch, sentences: Sequence[Sentence], size: int, rng: np.random.Generator) -> Iterator[tuple]:
    """Padded batches of sentences of similar length, in a shuffled order."""
    by_length = np.argsort([len(sentence.labels) for sentence in sentences], kind="stable")
    chunks = [by_length[first : first + size] for first in range(0, len(by_length), size)]
    rng.shuffle(chunks)
    pad = torch.nn.utils.rnn.pad_sequence
    for chunk in chunks:
        batch = [sentences[index] for index in chunk]
        yield (
            pad([torch.from_numpy(np.asarray(s.features, np.float32)) for s in batch], batch_first=True),
            pad([torch.from_numpy(np.asarray(s.labels, np.float32)) for s in batch], batch_first=True),
            pad([torch.from_numpy(np.asarray(s.weights, np.float32)) for s in batch], batch_first=True),
            torch.tensor([len(s.labels) for s in batch]),
        )


def _to_head(network) -> SequenceHead:
    """The trained weights in `SequenceHead`'s layout (its matrices are torch's, transposed)."""
    lstm = network.lstm

    def array(tensor) -> np.ndarray:
        return tensor.detach().numpy().astype(np.float32)

    return SequenceHead(
        norm_weight=array(network.norm.weight),
        norm_bias=array(network.norm.bias),
        projection=array(network.projection.weight).T.copy(),
        projection_bias=array(network.projection.bias),
        forward_input=array(lstm.weight_ih_l0).T.copy(),
        forward_hidden=array(lstm.weight_hh_l0).T.copy(),
        forward_bias=array(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        backward_input=array(lstm.weight_ih_l0_reverse).T.copy(),
        backward_hidden=array(lstm.weight_hh_l0_reverse).T.copy(),
        backward_bias=array(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        output=array(network.output.weight).T.copy(),
        output_bias=array(network.output.bias),
    )
