"""The alignment adapter's fit (`spinscope.training.alignment`) on small made-up embeddings, and
the shipped adapter (`spinscope.models.alignment`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ConfigError, InputError, ModelNotFoundError
from spinscope.models.alignment import ADAPTER_DIR, Adapter, load_adapter
from spinscope.training.alignment import Example, TrainSettings, fit_adapter, train_from_sets

pytest.importorskip("torch")


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _topic_example(rng: np.random.Generator) -> Example:
    """Two articles of one event: every sentence shares a strong topic direction; each pair also
    shares a weaker direction of its own fact, which the adapter should learn to weigh."""
    dim, facts = 16, 4
    topic = np.zeros(dim)
    topic[0] = 1.0
    left, right = [], []
    for fact in range(facts):
        own = np.zeros(dim)
        own[1 + fact] = 0.35
        left.append(topic + own + rng.normal(0, 0.12, dim))
        right.append(topic + own + rng.normal(0, 0.12, dim))
    return Example(_unit_rows(np.array(left)), _unit_rows(np.array(right)), np.eye(facts, dtype=bool))


def _pair_margin(adapter: Adapter | None, examples: list[Example]) -> float:
    """The mean gap between each gold pair's score and the best other score of its row."""
    gaps = []
    for example in examples:
        left = example.left if adapter is None else adapter.apply(example.left)
        right = example.right if adapter is None else adapter.apply(example.right)
        scores = left @ right.T
        for row in range(len(scores)):
            others = np.delete(scores[row], row)
            gaps.append(scores[row, row] - others.max())
    return float(np.mean(gaps))


def test_the_fitted_adapter_sets_pairs_further_apart_from_their_topic() -> None:
    rng = np.random.default_rng(0)
    train = [_topic_example(rng) for _ in range(30)]
    unseen = [_topic_example(rng) for _ in range(10)]
    adapter = fit_adapter(train, settings=TrainSettings(rank=4, epochs=30, learning_rate=3e-3))
    assert _pair_margin(adapter, unseen) > _pair_margin(None, unseen)
    assert adapter.meta["examples"] == 30
    assert adapter.meta["pairs"] == 120


def test_adapted_rows_have_unit_length_in_order() -> None:
    rng = np.random.default_rng(1)
    adapter = Adapter(down=rng.normal(size=(8, 2)), up=rng.normal(size=(2, 8)), meta={})
    rows = _unit_rows(rng.normal(size=(5, 8)))
    adapted = adapter.apply(rows)
    assert adapted.shape == rows.shape
    assert np.allclose(np.linalg.norm(adapted, axis=1), 1.0)
    assert np.allclose(adapted[2], adapter.apply(rows[2:3])[0])


def test_an_adapter_saved_loads_as_it_was(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    adapter = Adapter(down=rng.normal(size=(8, 2)), up=rng.normal(size=(2, 8)), meta={"sets": ["a"]})
    adapter.save(tmp_path)
    loaded = Adapter.load(tmp_path)
    assert np.allclose(loaded.down, adapter.down) and np.allclose(loaded.up, adapter.up)
    assert loaded.meta == {"sets": ["a"]}


def test_the_shipped_adapter_fits_e5_and_names_its_sets() -> None:
    adapter = load_adapter(ADAPTER_DIR)
    assert adapter.down.shape == (384, adapter.meta["rank"])
    assert adapter.up.shape == (adapter.meta["rank"], 384)
    assert "benchmarks/data/compare-crosslang-28" in adapter.meta["sets"]
    assert not any(name.endswith(("-29", "-33", "-37")) for name in adapter.meta["sets"])


def test_no_pair_across_languages_is_a_one_line_error() -> None:
    lonely = Example(np.eye(2), np.eye(2), np.zeros((2, 2), dtype=bool))
    with pytest.raises(ConfigError, match="no gold pair"):
        fit_adapter([lonely])


def test_a_folder_without_gold_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no"):
        train_from_sets([tmp_path], tmp_path / "out")


def test_a_folder_without_an_adapter_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="spinscope train alignment"):
        Adapter.load(tmp_path)
