"""Fit the cross-language alignment adapter (`spinscope.models.alignment`) on gold compare sets.

Each set is a folder of groups in the layout of ``benchmarks/data/compare-crosslang-*``: the
articles of one event by several sources and a ``gold.json`` that says which sentences tell
one claim. Every article is analysed as `spinscope compare` analyses it, and every claim unit
embedded with multilingual-e5-small. For each pair of sources in different languages, a gold
pair (a unit and its partner) is one example: with the adapter, the partner should score
above every other unit of its article, in both directions, at `TrainSettings.temperature`.
Units without a partner take part as the others.

The settings were chosen on sets 29 to 32 while the adapter was fitted on sets up to 28
(`benchmarks/compare_crosslang.py` prints the figures of the shipped one); torch is needed here
only. Everything is seeded, so a fit on one machine is repeatable there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.compare.evaluate import GoldGroup, load_gold
from spinscope.errors import ConfigError, MissingDependencyError
from spinscope.models.alignment import Adapter
from spinscope.progress import Progress
from spinscope.settings import Settings

__all__ = ["Example", "TrainSettings", "examples_of", "fit_adapter", "train_from_sets"]


@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """How the adapter is fitted.

    Attributes:
        rank: The rank of the correction.
        epochs: Passes over the examples.
        learning_rate: Adam's step size.
        temperature: The softmax temperature of the pair scores.
        seed: The seed of the initial weights.
    """

    rank: int = 32
    epochs: int = 20
    learning_rate: float = 3e-4
    temperature: float = 0.05
    seed: int = 0

    def __post_init__(self) -> None:
        if self.rank < 1 or self.epochs < 1:
            raise ConfigError(f"rank and epochs must be at least 1, got {self.rank} and {self.epochs}")


@dataclass(frozen=True)
class Example:
    """Two articles of one group in different languages: their units' e5 embeddings (rows) and
    which pairs of units tell one gold claim."""

    left: np.ndarray
    right: np.ndarray
    pairs: np.ndarray  # bool, left units x right units


def examples_of(
    groups: Sequence[GoldGroup], *, settings: Settings | None = None, progress: Progress | None = None
) -> list[Example]:
    """The examples of gold groups: their articles analysed and their units embedded."""
    from spinscope.analysis import analyze
    from spinscope.compare.crosslang import embed_units_multilingual
    from spinscope.compare.lexicon import load_lexicon
    from spinscope.compare.units import build_units
    from spinscope.language import language_of

    settings = settings or Settings()
    lexicon = load_lexicon(settings.compare.lexicon)
    found: list[Example] = []
    for done, group in enumerate(groups, start=1):
        documents = list(analyze([str(path) for path in group.files], settings=settings))
        names = [path.name for path in group.files]
        units = [build_units(document, source, lexicon) for source, document in enumerate(documents)]
        vectors, _ = embed_units_multilingual(units, settings=settings, adapted=False)
        claims = [[_claim_of(group, names[source], unit.text) for unit in these] for source, these in enumerate(units)]
        for one in range(len(units)):
            for other in range(one + 1, len(units)):
                if language_of(documents[one]) == language_of(documents[other]) or not units[one] or not units[other]:
                    continue
                pairs = np.array([[a is not None and a == b for b in claims[other]] for a in claims[one]])
                found.append(
                    Example(
                        np.stack([vectors[(one, unit.index)] for unit in units[one]]),
                        np.stack([vectors[(other, unit.index)] for unit in units[other]]),
                        pairs,
                    )
                )
        if progress:
            progress("analysing groups", done, len(groups))
    return found


def _claim_of(group: GoldGroup, name: str, text: str) -> int | None:
    """The gold claim whose text in the file `name` the unit `text` holds, or None."""
    for number, claim in enumerate(group.claims):
        fragment = claim["texts"].get(name)
        if fragment and fragment in text:
            return number
    return None


def fit_adapter(
    examples: Sequence[Example],
    *,
    settings: TrainSettings | None = None,
    meta: dict | None = None,
    progress: Progress | None = None,
) -> Adapter:
    """An adapter fitted on `examples` (see the module)."""
    try:
        import torch
    except ImportError as error:
        raise MissingDependencyError(
            "fitting the alignment adapter needs torch: pip install torch==2.13.0, then pip install -e '.[train]'"
        ) from error
    settings = settings or TrainSettings()
    usable = [example for example in examples if example.pairs.any()]
    if not usable:
        raise ConfigError("no gold pair across languages in the examples: nothing to fit the adapter on")
    torch.manual_seed(settings.seed)
    dim = usable[0].left.shape[1]
    down = torch.zeros(dim, settings.rank, requires_grad=True)
    up = (torch.randn(settings.rank, dim) * 0.01).requires_grad_()
    optimiser = torch.optim.Adam([down, up], lr=settings.learning_rate)
    tensors = [
        (torch.tensor(e.left, dtype=torch.float32), torch.tensor(e.right, dtype=torch.float32), torch.tensor(e.pairs))
        for e in usable
    ]

    def adapted(rows: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(rows + rows @ down @ up, dim=-1)

    for epoch in range(1, settings.epochs + 1):
        for left, right, pairs in tensors:
            scores = adapted(left) @ adapted(right).T / settings.temperature
            rows, columns = torch.nonzero(pairs, as_tuple=True)
            forward = torch.log_softmax(scores[rows], dim=1)[torch.arange(len(rows)), columns]
            backward = torch.log_softmax(scores[:, columns].T, dim=1)[torch.arange(len(rows)), rows]
            loss = -(forward.sum() + backward.sum()) / (2 * len(rows))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        if progress:
            progress("fitting the adapter", epoch, settings.epochs)
    record = {
        "rank": settings.rank,
        "epochs": settings.epochs,
        "learning_rate": settings.learning_rate,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "examples": len(usable),
        "pairs": int(sum(int(e.pairs.sum()) for e in usable)),
        **(meta or {}),
    }
    return Adapter(down=down.detach().numpy(), up=up.detach().numpy(), meta=record)


def train_from_sets(
    folders: Sequence[Path],
    out_dir: Path,
    *,
    settings: TrainSettings | None = None,
    progress: Progress | None = None,
) -> Adapter:
    """Fit the adapter on the gold groups of `folders` and write it to `out_dir`.

    Raises:
        InputError: (``input.compare_gold``) A folder holds no group with a ``gold.json``.
    """
    groups = [group for folder in folders for group in load_gold(folder)]
    examples = examples_of(groups, progress=progress)
    adapter = fit_adapter(
        examples, settings=settings, meta={"sets": [folder.as_posix() for folder in folders]}, progress=progress
    )
    adapter.save(out_dir)
    return adapter
