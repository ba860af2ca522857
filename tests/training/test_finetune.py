from __future__ import annotations

import numpy as np
import pytest

from spinscope.eval.ptc import load_ptc
from spinscope.models.encoder import load_encoder
from spinscope.models.techniques import TECHNIQUES
from spinscope.training.finetune import _windows, reencoded
from spinscope.training.techniques import (
    PreparedArticle,
    TrainSettings,
    cross_validate,
    fold_parts,
    prepare_articles,
)

from ..conftest import FIXTURES

PTC = FIXTURES / "ptc"


@pytest.fixture(scope="module")
def prepared() -> list[PreparedArticle]:
    return prepare_articles(load_ptc(PTC / "articles", PTC / "labels.txt"))


def test_fold_parts_split_every_article_once_and_keep_stories_whole() -> None:
    stories = np.array([0, 0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8])
    settings = TrainSettings(folds=3)
    held_out = []
    for fold in range(3):
        fit, select, held = fold_parts(stories, settings, fold)
        assert sorted(fit + select + held) == list(range(len(stories)))
        for part in (fit, select, held):
            for story in {int(stories[index]) for index in part}:
                assert set(np.flatnonzero(stories == story).tolist()) <= set(part)
        held_out.extend(held)
    assert sorted(held_out) == list(range(len(stories)))


def test_fold_parts_refuse_a_fold_that_does_not_exist() -> None:
    with pytest.raises(Exception, match="fold must lie between 0 and 2"):
        fold_parts(np.arange(6), TrainSettings(folds=3), 3)


def test_one_fold_reports_on_its_own_articles_only(prepared: list[PreparedArticle]) -> None:
    settings = TrainSettings(folds=2, story_similarity=None)
    _, _, held = fold_parts(np.arange(len(prepared)), settings, 0)
    result = cross_validate(prepared, settings=settings, only=[0])
    assert result.si.gold == sum(len(prepared[index].gold) for index in held)
    assert len(result.operating_points) == 1


def test_encoding_again_with_the_same_encoder_gives_the_same_features(prepared: list[PreparedArticle]) -> None:
    again = reencoded(prepared, load_encoder())
    for old, new in zip(prepared, again, strict=True):
        assert new.encoded.vectors.shape == old.encoded.vectors.shape
        np.testing.assert_allclose(new.pieces, old.pieces, atol=1e-5)
        assert new.gold == old.gold


def test_fine_tuning_labels_mark_each_piece_inside_a_gold_span(prepared: list[PreparedArticle]) -> None:
    from tokenizers import Tokenizer

    from spinscope.models.encoder import ENCODER_DIR, TOKENIZER_FILE

    tokenizer = Tokenizer.from_file(str(ENCODER_DIR / TOKENIZER_FILE))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    item = prepared[0]
    windows = _windows([item], tokenizer)
    labels = np.concatenate([window_labels for _, window_labels in windows])
    assert len(labels) == len(item.inside)
    # A piece is in some technique's span exactly when it overlaps a gold span.
    np.testing.assert_array_equal(labels[:, -1], item.inside)
    np.testing.assert_array_equal(labels[:, :-1].max(axis=1), item.inside)
    columns = {TECHNIQUES[column] for column in np.flatnonzero(labels[:, :-1].any(axis=0))}
    assert columns == set(item.techniques)
    assert all(ids[0] != ids[-1] and len(ids) <= 128 for ids, _ in windows)
