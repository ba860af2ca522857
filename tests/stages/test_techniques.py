from __future__ import annotations

import re

import pytest

from spinscope import Settings, TechniqueSettings, analyze_text, classify_spans
from spinscope.errors import ConfigError, InputError
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


@pytest.mark.parametrize("model", ["minilm", "mpnet"])
def test_techniques_are_the_same_when_the_sides_names_are_swapped(model: str) -> None:
    original = (FIXTURES / "two_sides.txt").read_text(encoding="utf-8")
    swapped = _swap(original)
    assert swapped != original
    settings = Settings(stages=("techniques",), techniques=TechniqueSettings(model=model))

    def told(text: str) -> list[tuple[str, str, float]]:
        found = analyze_text(text, settings=settings).layers["techniques"]
        return [(item.technique, item.text, item.score) for item in found]

    ours, theirs = told(original), told(swapped)
    assert ours, "the fixture is written with loaded language; the model found nothing"
    assert [(technique, _swap(text), score) for technique, text, score in theirs] == ours


def test_classify_spans_names_each_given_span() -> None:
    text = "They are evil traitors. Make our country great again!"
    found = classify_spans(text, [(9, 22), (24, 53)])
    assert [item.text for item in found] == ["evil traitors", "Make our country great again!"]
    assert all(item.technique in TECHNIQUES and 0 < item.score <= 1 for item in found)


def test_classify_spans_reads_an_analysed_document_as_its_text() -> None:
    text = "They are evil traitors. Make our country great again!"
    analysed = analyze_text(text, settings=Settings(stages=("entities",)))
    from_document = classify_spans(analysed, [(9, 22), (24, 53)])
    from_text = classify_spans(text, [(9, 22), (24, 53)])
    assert [item.technique for item in from_document] == [item.technique for item in from_text]


def test_classify_spans_gives_a_repeated_span_its_next_technique() -> None:
    text = "They are evil traitors and liars."
    first, second = classify_spans(text, [(9, 22), (9, 22)])
    assert first.technique != second.technique
    assert first.score >= second.score


@pytest.mark.parametrize("span", [(5, 2), (-1, 3), (0, 999)], ids=["reversed", "negative", "past-the-end"])
def test_classify_spans_refuses_spans_outside_the_text(span: tuple[int, int]) -> None:
    with pytest.raises(InputError, match="not inside the text") as raised:
        classify_spans("A short text.", [span])
    assert raised.value.code == "input.span"


@pytest.fixture(scope="module")
def moves():
    return analyze_text((FIXTURES / "moves.txt").read_text(encoding="utf-8"), settings=TECHNIQUES_ONLY)


@pytest.mark.parametrize(
    ("technique", "text"),
    [
        ("Repetition", "Dear friends"),
        ("Slogans", "One land, one hand"),
        ("Slogans", "Steel Wall"),
        ("Appeal_to_Authority", "Leading international experts agree"),
        ("Exaggeration,Minimisation", "Not a single resident"),
    ],
    ids=["repeated-address", "quoted-slogan", "symbol-as-rallying-cry", "unnamed-experts", "absolute-claim"],
)
def test_techniques_name_the_classic_moves_of_a_one_sided_article(moves, technique: str, text: str) -> None:
    named = [item for item in moves.layers["techniques"] if item.technique == technique and text in item.text]
    assert named, f"{text!r} was not named {technique}: {[(i.text, i.technique) for i in moves.layers['techniques']]}"


def test_techniques_cite_the_other_uses_of_a_repeated_address(moves) -> None:
    repeated = [
        item for item in moves.layers["techniques"] if item.technique == "Repetition" and item.text == "Dear friends"
    ]
    assert len(repeated) == 3
    for item in repeated:
        assert sorted(other.start for other in item.evidence) == sorted(o.start for o in repeated if o is not item)
        assert "also at characters" in item.why


@pytest.mark.parametrize("name", ["neutral_report.txt", "recipe.txt"], ids=["news-report", "recipe"])
def test_techniques_show_nothing_on_a_neutral_text(name: str) -> None:
    document = analyze_text((FIXTURES / name).read_text(encoding="utf-8"), settings=TECHNIQUES_ONLY)
    shown = [(item.text, item.technique, item.score) for item in document.layers["techniques"] if item.shown]
    assert shown == []


def test_techniques_keep_every_span_and_mark_those_at_the_operating_point(example) -> None:
    from spinscope.models.techniques import load_technique_model

    point = load_technique_model().scoring.operating_point
    found = example.layers["techniques"]
    assert any(not item.shown for item in found), "the JSON keeps the spans below the operating point"
    assert all(item.shown == (item.score >= point) for item in found)


def test_techniques_operating_point_can_be_set() -> None:
    settings = Settings(stages=("techniques",), techniques=TechniqueSettings(operating_point=0.0))
    document = analyze_text(EXAMPLE.read_text(encoding="utf-8"), settings=settings)
    assert document.layers["techniques"] and all(item.shown for item in document.layers["techniques"])


def test_the_mpnet_model_reads_its_own_vectors_beside_the_claims_shared_ones() -> None:
    text = (FIXTURES / "two_sides.txt").read_text(encoding="utf-8")
    settings = Settings(stages=("techniques", "claims"), techniques=TechniqueSettings(model="mpnet"))
    analysed = analyze_text(text, settings=settings)
    default = analyze_text(text, settings=Settings(stages=("techniques", "claims")))
    assert analysed.layers["techniques"], "the fixture is written with loaded language; the model found nothing"
    assert all(item.technique in TECHNIQUES and 0 <= item.score <= 1 for item in analysed.layers["techniques"])
    # The claims model reads the shared encoder whichever techniques model is chosen.
    assert [claim.score for claim in analysed.layers["claims"]] == [claim.score for claim in default.layers["claims"]]


def test_an_unknown_techniques_model_is_refused() -> None:
    with pytest.raises(ConfigError, match="model must be 'minilm' or 'mpnet'"):
        TechniqueSettings(model="large")
