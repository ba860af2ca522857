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
    LEXICAL_FEATURES,
    MODEL_DIR,
    TechniqueModel,
    WordCounts,
    _sentence_chunks,
    encode_text,
    lexical_features,
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


_REPEATED = (
    "Peanut sales rise\n"
    "A nut farmer said peanut prices rose. We will never give up our land, the mayor said. "
    "Never give up, he told the crowd. Our land is ours: never give up."
)


def _lexical(text: str, phrase: str, occurrence: int = 0) -> dict[str, float]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    lowered = text.lower()
    sentences = [(0, len(text))]
    values = lexical_features(text, lowered, WordCounts.of(lowered), start, start + len(phrase), sentences)
    return dict(zip(LEXICAL_FEATURES, values, strict=True))


def test_word_counts_count_whole_words_and_read_the_title_from_the_first_line() -> None:
    counts = WordCounts.of(_REPEATED.lower())
    assert counts.counts["nut"] == 1
    assert counts.counts["peanut"] == 2
    assert counts.title == {"peanut", "sales", "rise"}


def test_a_phrase_inside_longer_words_is_not_a_whole_word_repeat() -> None:
    nut = _lexical(_REPEATED, "nut", occurrence=1)  # "nut" of "A nut farmer", after the title's "Peanut"
    assert np.expm1(nut["log repeats in article"]) == pytest.approx(3)  # as a substring: in both peanuts too
    assert np.expm1(nut["log uses as whole words"]) == pytest.approx(1)
    assert nut["used again as whole words"] == 0.0
    assert nut["used before"] == 0.0


def test_a_repeated_slogan_counts_its_uses_and_those_before_it() -> None:
    first = _lexical(_REPEATED, "never give up")
    last = _lexical(_REPEATED, "never give up", occurrence=1)
    assert np.expm1(first["log uses as whole words"]) == pytest.approx(3)
    assert first["used again as whole words"] == 1.0
    assert first["used before"] == 0.0
    assert last["used before"] == 1.0
    assert np.expm1(last["log uses before"]) == pytest.approx(2)  # the third use: two before it, in any case


def test_content_words_and_the_title_are_read_apart_from_function_words() -> None:
    crowd = _lexical(_REPEATED, "the crowd")
    assert np.expm1(crowd["log uses of its commonest word"]) == pytest.approx(1)  # "crowd", not "the"
    assert crowd["share of content words"] == pytest.approx(0.5)
    assert crowd["shares a word with the title"] == 0.0
    assert _lexical(_REPEATED, "peanut prices")["shares a word with the title"] == 1.0
