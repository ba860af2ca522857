"""Training the multilingual claims model: strength, calibration and threshold chosen out of fold."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ConfigError
from spinscope.models.claims_multilingual import CUE_FEATURES, MultilingualClaimModel
from spinscope.training.claims_multilingual import TrainSettings, _fit, cross_validate

WIDTH = 384 + len(CUE_FEATURES)


def _features(count: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows whose first column carries the label with noise; 20 debate groups."""
    rng = np.random.default_rng(seed)
    labels = (rng.random(count) < 0.3).astype(np.int8)
    features = rng.normal(size=(count, WIDTH))
    features[:, 0] += 2.5 * labels
    return features, labels, np.arange(count) % 20


def test_cross_validation_picks_a_strength_and_a_threshold_from_the_grid() -> None:
    features, labels, groups = _features(600, 0)
    settings = TrainSettings(sample=600, folds=3, strengths=(0.01, 1.0))
    validation = cross_validate(features, labels, groups, settings=settings)
    assert validation.strength in (0.01, 1.0)
    assert set(validation.by_strength) == {0.01, 1.0}
    assert validation.scores.f1 > validation.majority_f1
    assert 0 < validation.threshold < 1 and validation.calibration[0] > 0


def test_a_fitted_model_saves_and_loads_the_same_scores(tmp_path: Path) -> None:
    features, labels, _ = _features(300, 1)
    mean, weights, bias = _fit(features, labels, 0.1, 1000)
    model = MultilingualClaimModel(
        mean=mean, weights=weights, bias=bias, calibration=(1.0, 0.0), threshold=0.5, meta={}
    )
    model.save(tmp_path)
    loaded = MultilingualClaimModel.load(tmp_path)
    assert np.allclose(loaded.score_features(features[:5]), model.score_features(features[:5]), atol=1e-4)
    assert loaded.score_features(features[labels == 1]).mean() > loaded.score_features(features[labels == 0]).mean()


@pytest.mark.parametrize(
    ("options", "message"), [({"folds": 1}, "folds"), ({"sample": 20}, "sample")], ids=["folds", "sample"]
)
def test_train_settings_refuse_what_cannot_cross_validate(options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        TrainSettings(**options)
