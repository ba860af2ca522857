"""The shipped claims model: it loads with numpy and onnxruntime only, and ranks claims above talk."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from spinscope.models.claims import (
    CUE_FEATURES,
    cue_features,
    embed_sentences,
    load_claim_model,
    neighbour_means,
    terms,
)

_LOAD_WITHOUT_TRAINING_LIBRARIES = """
import sys
from importlib.abc import MetaPathFinder

class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "sklearn", "transformers", "scipy"):
            raise ModuleNotFoundError(f"blocked: {name}", name=name)

sys.meta_path.insert(0, Block())
from spinscope.models.claims import embed_sentences, load_claim_model
texts = ["Unemployment fell to 3.5 percent."]
print(load_claim_model().score(texts, embed_sentences(texts, names=[[]])).shape)
"""


def _score(texts: list[str]) -> np.ndarray:
    return load_claim_model().score(texts, embed_sentences(texts))


def test_the_shipped_model_loads_and_scores_without_torch_or_scikit_learn() -> None:
    result = subprocess.run([sys.executable, "-c", _LOAD_WITHOUT_TRAINING_LIBRARIES], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(1,)"


@pytest.mark.parametrize(
    ("claim", "talk"),
    [
        ("Unemployment fell from 10 percent to 4.7 percent under this administration.", "Thank you very much."),
        ("The bill cut taxes for 90 percent of American families.", "I think that's a great question."),
        ("We spent $6 trillion in the Middle East.", "Let me tell you, I love this country."),
        ("Crime in our cities went up by 20 percent last year.", "Good evening, everyone."),
    ],
    ids=["rates", "taxes", "spending", "crime"],
)
def test_a_factual_claim_scores_above_opinion_and_courtesy(claim: str, talk: str) -> None:
    first, second = _score([claim, talk])
    assert first > second


def test_scores_lie_between_0_and_1_and_passages_follow_sentences() -> None:
    sentences = ["One.", "Two rose 5%."]
    scores = load_claim_model().score(
        sentences, embed_sentences(sentences), passages=[("a quote", 1)], passage_vectors=embed_sentences(["a quote"])
    )
    assert scores.shape == (3,)
    assert np.all((scores >= 0) & (scores <= 1))


def test_terms_fold_numbers_and_pair_words() -> None:
    assert terms("Taxes rose 3.5%") == ["taxes", "rose", "<n>", "%", "taxes rose", "rose <n>", "<n> %"]


def test_cue_features_are_as_many_as_their_names() -> None:
    assert len(cue_features("We will cut taxes by 10% because it works.")) == len(CUE_FEATURES)


@pytest.mark.parametrize(
    ("width", "expected"),
    [(0, [0.0, 0.0, 0.0]), (1, [2.0, 2.0, 2.0]), (2, [2.5, 2.0, 1.5])],
    ids=["none", "one-each-side", "two-each-side"],
)
def test_neighbour_means_average_the_sentences_around(width: int, expected: list[float]) -> None:
    vectors = np.array([[1.0], [2.0], [3.0]], np.float32)
    assert neighbour_means(vectors, width)[:, 0].tolist() == pytest.approx(expected)
