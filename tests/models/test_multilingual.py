"""The multilingual sentence encoder: shape, unit rows, one load per process, cross-language sense."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.models.multilingual import DIM, load_multilingual


@pytest.fixture(scope="module")
def encoder():
    return load_multilingual()


def test_load_multilingual_is_loaded_once() -> None:
    assert load_multilingual() is load_multilingual()


@pytest.mark.parametrize("kind", ["query", "passage"], ids=["query", "passage"])
def test_embed_gives_unit_float32_rows(encoder, kind: str) -> None:
    rows = encoder.embed(["Армения обвинила Азербайджан.", "A short English sentence.", "   "], kind=kind)
    assert rows.shape == (3, DIM)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)


def test_embed_of_nothing_is_empty(encoder) -> None:
    assert encoder.embed([]).shape == (0, DIM)


def test_embed_refuses_an_unknown_kind(encoder) -> None:
    with pytest.raises(ValueError, match="kind"):
        encoder.embed(["x"], kind="document")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "translation", "unrelated"),
    [
        ("Правительство повысило налоги.", "The government raised taxes.", "Кошка спит на диване."),
        ("Die Armee hat die Stadt verlassen.", "The army left the city.", "I like green apples."),
    ],
    ids=["ru-en", "de-en"],
)
def test_embed_puts_translations_closer_than_unrelated_text(
    encoder, text: str, translation: str, unrelated: str
) -> None:
    rows = encoder.embed([text, translation, unrelated])
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


def test_embed_is_the_same_in_and_out_of_a_batch(encoder) -> None:
    texts = [f"Предложение номер {number}." for number in range(70)]  # more than one engine batch
    together = encoder.embed(texts)
    alone = encoder.embed([texts[-1]])
    np.testing.assert_allclose(together[-1], alone[0], atol=1e-3)
