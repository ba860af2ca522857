from __future__ import annotations

import re

import pytest

from spinscope import Settings, analyze_text, classify_spans
from spinscope.models.techniques import TECHNIQUES

from ..conftest import EXAMPLE, FIXTURES

TECHNIQUES_ONLY = Settings(stages=("techniques",))
SWAP = {
    "Azerbaijan": "Armenia",
    "Armenia": "Azerbaijan",
    "Baku": "Yerevan",
    "Yerevan": "Baku",
    "Ilham Aliyev": "Nikol Pashinyan",
    "Nikol Pashinyan": "Ilham Aliyev",
}
_SWAP_PATTERN = re.compile("|".join(sorted(map(re.escape, SWAP), key=len, reverse=True)))


def _swap(text: str) -> str:
    return _SWAP_PATTERN.sub(lambda match: SWAP[match.group()], text)


@pytest.fixture(scope="module")
def example():
    return analyze_text(EXAMPLE.read_text(encoding="utf-8"), settings=TECHNIQUES_ONLY)


def test_techniques_layer_names_known_techniques_with_scores(example) -> None:
    found = example.layers["techniques"]
    assert found, "the example article uses loaded language; the model found nothing"
    for item in found:
        assert item.technique in TECHNIQUES
        assert 0 <= item.score <= 1
        assert example.text[item.start : item.end] == item.text


def test_techniques_cues_lie_inside_their_span_and_are_named_in_why(example) -> None:
    for item in example.layers["techniques"]:
        for cue in item.cues:
            assert item.start <= cue.start < cue.end <= item.end
            assert f"“{cue.text}”" in item.why
        assert item.technique in item.why


def test_techniques_find_loaded_words_of_the_example(example) -> None:
    texts = " | ".join(item.text for item in example.layers["techniques"])
    assert "glorious" in texts


def test_techniques_are_the_same_when_the_sides_names_are_swapped() -> None:
    original = (FIXTURES / "two_sides.txt").read_text(encoding="utf-8")
    swapped = _swap(original)
    assert swapped != original

    def told(text: str) -> list[tuple[str, str, float]]:
        found = analyze_text(text, settings=TECHNIQUES_ONLY).layers["techniques"]
        return [(item.technique, item.text, item.score) for item in found]

    ours, theirs = told(original), told(swapped)
    assert ours, "the fixture is written with loaded language; the model found nothing"
    assert [(technique, _swap(text), score) for technique, text, score in theirs] == ours


def test_classify_spans_names_each_given_span() -> None:
    text = "They are evil traitors. Make our country great again!"
    found = classify_spans(text, [(9, 22), (24, 53)])
    assert [item.text for item in found] == ["evil traitors", "Make our country great again!"]
    assert all(item.technique in TECHNIQUES and 0 < item.score <= 1 for item in found)


def test_classify_spans_gives_a_repeated_span_its_next_technique() -> None:
    text = "They are evil traitors and liars."
    first, second = classify_spans(text, [(9, 22), (9, 22)])
    assert first.technique != second.technique
    assert first.score >= second.score


@pytest.mark.parametrize("span", [(5, 2), (-1, 3), (0, 999)], ids=["reversed", "negative", "past-the-end"])
def test_classify_spans_refuses_spans_outside_the_text(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="not inside the text"):
        classify_spans("A short text.", [span])
