"""The techniques model's reading of long texts and its shared encodings."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelNotFoundError
from spinscope.models import techniques
from spinscope.models.encoder import embed, load_encoder
from spinscope.models.techniques import (
    MODEL_DIR,
    TechniqueModel,
    _sentence_chunks,
    encode_text,
    load_technique_model,
    piece_features,
)

_TEXT = (
    "The minister said the plan would save 40 jobs. Critics called it a shameless lie! "
    "Nobody believes them. The vote is on Monday, and the whole nation is watching."
)


def _encoded():
    starts = [0, _TEXT.index("Critics"), _TEXT.index("Nobody"), _TEXT.index("The vote")]
    ends = [*[start - 1 for start in starts[1:]], len(_TEXT)]
    return encode_text(load_encoder(), _TEXT, list(zip(starts, ends, strict=True)), [])


@pytest.mark.parametrize(
    ("sentence_of", "size", "chunks"),
    [
        ([0, 0, 0, 1, 1, 2, 3, 3, 3, 3], 3, [(0, 3), (3, 6), (6, 10)]),
        ([0, 0, 0, 0, 0, 1], 2, [(0, 5), (5, 6)]),
        ([0, 1, 2], 100, [(0, 3)]),
        ([], 3, []),
    ],
    ids=["cut-at-sentence-starts", "a-long-sentence-is-whole", "all-in-one", "empty"],
)
def test_sentence_chunks_hold_whole_sentences(sentence_of: list[int], size: int, chunks: list[tuple[int, int]]) -> None:
    assert _sentence_chunks(np.array(sentence_of, dtype=np.int64), size) == chunks


def test_scoring_pieces_in_chunks_gives_the_scores_of_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    model, encoded = load_technique_model(), _encoded()
    whole = model.piece_scores(encoded)
    monkeypatch.setattr(techniques, "_PIECES_AT_ONCE", 5)
    assert np.allclose(model.piece_scores(encoded), whole, atol=1e-5)


def test_scoring_pieces_by_parts_gives_the_scores_of_the_stacked_features() -> None:
    model, encoded = load_technique_model(), _encoded()
    stacked = model.detector.probabilities(piece_features(encoded), encoded.sentence_of)
    assert np.allclose(model.piece_scores(encoded), stacked, atol=1e-5)


def test_a_sentence_pooled_from_the_encoding_is_its_own_embedding() -> None:
    encoded = _encoded()
    first = _TEXT.index(".") + 1
    pooled = encoded.pool([(0, first), (len(_TEXT), len(_TEXT))])
    assert np.allclose(pooled[0], encoded.pooled[0], atol=1e-5)
    # Encoded alone, in a batch of its own: int8 scales follow the batch, so near, not equal.
    assert float(pooled[0] @ embed(load_encoder(), [_TEXT[:first]])[0]) > 0.98
    assert not pooled[1].any()  # a span with no piece gets zeros


def test_a_model_whose_classifier_reads_other_span_features_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "techniques"
    shutil.copytree(MODEL_DIR, folder)
    vocabulary = folder / "vocabulary.txt"
    lines = vocabulary.read_text(encoding="utf-8").splitlines()
    vocabulary.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one column fewer than the weights
    with pytest.raises(ModelNotFoundError, match="other span features"):
        TechniqueModel.load(folder)
