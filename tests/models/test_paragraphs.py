"""The paragraph techniques model: name masking, features, cue words, save/load, spans, even-handedness."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelNotFoundError
from spinscope.eval.semeval2023 import TECHNIQUES_2023
from spinscope.models.names import PLACEHOLDER
from spinscope.models.paragraphs import (
    LEXICAL_FEATURES,
    MODEL_DIR,
    ParagraphModel,
    cue_places,
    dense_features,
    find_paragraph_techniques,
    guessed_names,
    lexical_features,
    load_paragraph_model,
    mask_paragraph_names,
    stems,
)
from spinscope.models.tfidf import Tfidf


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("Премьер Пашинян обвинил Азербайджан в обстреле.", "ru", ["Пашинян", "Азербайджан"]),
        ("Азербайджан ответил. Ереван молчит.", "ru", []),  # sentence openers are not guessed
        ("«Ложь», — заявил Алиев.", "ru", ["Алиев"]),
        ("I think Armenia lies.", "en", ["Armenia"]),
        ("Die Regierung in Berlin schweigt.", "de", []),  # German capitalises every noun
    ],
    ids=["ru-mid-sentence", "ru-openers", "ru-after-quote", "en-skips-I", "de-guesses-nothing"],
)
def test_guessed_names_are_capitalised_words_inside_sentences(text: str, language: str, names: list[str]) -> None:
    assert [text[start:end] for start, end, _ in guessed_names(text, language=language)] == names


def test_mask_paragraph_names_masks_given_and_guessed_names() -> None:
    text = "Алиев заявил, что Армения лжёт."
    mask = mask_paragraph_names(text, [(0, 5, "PERSON")], language="ru")
    assert mask.text == f"{PLACEHOLDER} заявил, что {PLACEHOLDER} лжёт."


@pytest.mark.parametrize(
    ("feature", "paragraphs", "row", "low", "high"),
    [
        ("exclamations", ["Title", "Позор! Позор! Позор!"], 1, 0.99, 1.0),
        ("questions", ["Title", "Кто виноват?"], 1, 0.3, 0.34),
        ("is the title", ["Title", "Body"], 0, 1.0, 1.0),
        ("quotation marks", ["Title", "Он сказал «нет»."], 1, 0.3, 0.34),
        ("share of words repeated in the article", ["Предатели везде", "Предатели снова"], 1, 0.49, 0.51),
    ],
    ids=["exclamations", "questions", "title", "quotes", "repeats"],
)
def test_lexical_features_measure_their_cue(
    feature: str, paragraphs: list[str], row: int, low: float, high: float
) -> None:
    rows = lexical_features(paragraphs)
    assert rows.shape == (len(paragraphs), len(LEXICAL_FEATURES))
    assert low <= rows[row, LEXICAL_FEATURES.index(feature)] <= high


def test_stems_cut_words_to_five_letters() -> None:
    assert stems("Позором и позорный 2023 год") == ["позор", "и", "позор", "год"]


def test_cue_places_are_the_words_that_raise_the_technique_most() -> None:
    model = _tiny_model()
    text = "Это позорный и лживый режим, позором покрытый."
    places = cue_places(model, text, "Loaded_Language")
    assert [text[start:end] for start, end in places] == ["позорный"]  # one place per stem
    assert cue_places(model, text, "Doubt") == []  # no term raises Doubt


@pytest.mark.parametrize("language", ["ru", "en"], ids=["ru-navec", "en-no-vectors"])
def test_dense_features_have_the_same_columns_in_every_language(language: str) -> None:
    rows = dense_features(["Заголовок", "Это позор и ложь."], language)
    assert rows.shape == (2, 619)
    assert np.isfinite(rows).all()
    assert (np.abs(rows[:, :300]).sum() > 0) == (language == "ru")


def _tiny_model(language: str = "ru") -> ParagraphModel:
    """A hand-built model: 'позор' raises Loaded_Language, everything else is below threshold."""
    terms = ["позор"]
    width = 619
    weights = np.zeros((width + len(terms), len(TECHNIQUES_2023)), np.float32)
    column = TECHNIQUES_2023.index("Loaded_Language")
    weights[width, column] = 1.0
    bias = np.full(len(TECHNIQUES_2023), -4.0, np.float32)
    return ParagraphModel(
        language,
        np.zeros(width, np.float32),
        np.ones(width, np.float32),
        weights,
        bias,
        Tfidf({"позор": 0}, np.ones(1, np.float32), stems),
        np.full(len(TECHNIQUES_2023), 0.5, np.float32),
        (1.0, 0.0),
        0.9,
        {"version": "test"},
    )


def test_find_paragraph_techniques_gives_one_span_per_predicted_pair() -> None:
    text = "Заголовок\r\n\r\n  Это позор!  \r\nСпокойный абзац.\r\n"
    found = find_paragraph_techniques(_tiny_model(), text, [], language="ru")
    (span,) = found
    assert span.technique == "Loaded_Language"
    assert span.text == "Это позор!" == text[span.start : span.end]
    assert [cue.text for cue in span.cues] == ["позор"]
    assert "позор" in span.why
    assert 0.9 < span.score < 1.0
    assert span.shown


def test_find_paragraph_techniques_of_an_empty_text_is_empty() -> None:
    assert find_paragraph_techniques(_tiny_model(), "\n\n", [], language="ru") == []


def test_a_model_survives_save_and_load(tmp_path: Path) -> None:
    model = _tiny_model()
    model.save(tmp_path / "ru")
    again = ParagraphModel.load(tmp_path / "ru")
    dense = dense_features(["Заголовок", "Это позор!"], "ru")
    np.testing.assert_allclose(
        again.logits(dense, ["Заголовок", "Это позор!"]), model.logits(dense, ["Заголовок", "Это позор!"]), atol=1e-5
    )
    assert again.tfidf.terms == model.tfidf.terms
    assert again.meta["version"] == "test"


def test_a_missing_model_names_the_command_that_builds_it(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="spinscope train paragraphs"):
        load_paragraph_model("ru", tmp_path)


@pytest.fixture(scope="module")
def russian_model() -> ParagraphModel:
    if not (MODEL_DIR / "ru").is_dir():
        pytest.fail("the shipped Russian paragraph model is missing: run `spinscope train paragraphs`")
    return load_paragraph_model("ru")


_RUSSIAN = (
    "Заявление МИД\n"
    "Пашинян снова лжёт: Азербайджан, по его словам, готовит войну, а Армения лишь защищается. "
    "Какой позор! Алиев же называет армянских политиков предателями и марионетками Запада.\n"
    "Эксперты сомневаются, что Пашинян удержит власть, если Азербайджан продолжит давление.\n"
)


def _swap(text: str, pairs: list[tuple[str, str]]) -> str:
    for first, second in pairs:
        text = text.replace(first, "\0").replace(second, first).replace("\0", second)
    return text


def _names(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), "PERSON"))
            at = text.find(word, at + 1)
    return found


def test_swapping_sides_leaves_russian_techniques_and_scores_unchanged(russian_model: ParagraphModel) -> None:
    names = ["Пашинян", "Алиев", "Азербайджан", "Армения"]
    swapped = _swap(_RUSSIAN, [("Армения", "Азербайджан"), ("Пашинян", "Алиев")])
    before = find_paragraph_techniques(russian_model, _RUSSIAN, _names(_RUSSIAN, names), language="ru")
    after = find_paragraph_techniques(russian_model, swapped, _names(swapped, names), language="ru")
    assert before, "the sample paragraph should show some technique"
    assert [(item.technique, item.shown) for item in before] == [(item.technique, item.shown) for item in after]
    for first, second in zip(before, after, strict=True):
        assert abs(first.score - second.score) < 1e-3


def test_the_shipped_russian_model_finds_loaded_language_in_an_invective(russian_model: ParagraphModel) -> None:
    text = "Новости\nЭти лживые предатели и жалкие марионетки опять позорят страну! Какой позор!\n"
    techniques = {item.technique for item in find_paragraph_techniques(russian_model, text, [], language="ru")}
    assert techniques & {"Loaded_Language", "Name_Calling-Labeling"}


def test_the_shipped_english_model_reads_the_2023_inventory() -> None:
    if not (MODEL_DIR / "en").is_dir():
        pytest.fail("the shipped English paragraph model is missing: run `spinscope train paragraphs`")
    model = load_paragraph_model("en")
    text = "Headline\nThese corrupt, lying traitors are destroying our great nation! Shameful!\n"
    found = find_paragraph_techniques(model, text, [], language="en")
    assert found, "the sample is written with loaded language"
    assert {item.technique for item in found} <= set(TECHNIQUES_2023)
    assert all(0 <= item.score <= 1 and text[item.start : item.end] == item.text for item in found)


def test_the_pipeline_gives_a_russian_text_2023_techniques(pipeline, validate) -> None:
    from spinscope import Document

    document = pipeline(Document(_RUSSIAN))
    records = {record.name: record for record in document.stages}
    assert records["techniques"].status == "ok", records["techniques"]
    spans = document.layers["techniques"]
    assert spans, "the sample should show some technique"
    assert {span.technique for span in spans} <= set(TECHNIQUES_2023)
    validate(document.to_dict())


@pytest.mark.parametrize(
    ("inventory", "language", "paragraph_model"),
    [("2023", "en", True), ("2020", "ru", True)],
    ids=["english-2023", "russian-always-2023"],
)
def test_the_techniques_stage_dispatches_to_the_paragraph_model(
    inventory: str, language: str, paragraph_model: bool
) -> None:
    from spinscope import Document, Settings
    from spinscope.document import Metadata
    from spinscope.settings import TechniqueSettings
    from spinscope.stages.techniques import TechniqueStage

    text = _RUSSIAN if language == "ru" else "Headline\nThese corrupt, lying traitors are destroying our nation!\n"
    document = Document(text, metadata=Metadata(language=language))
    document.add_layers({"entities": []})
    stage = TechniqueStage(Settings(techniques=TechniqueSettings(inventory=inventory)))
    spans = stage.process(document, {"encodings": None}).layers["techniques"]
    assert spans, "the sample is written with loaded language"
    assert all(span.technique in TECHNIQUES_2023 for span in spans)
    assert all(span.start == text.index(span.text) for span in spans)  # whole paragraphs


def test_an_unknown_inventory_is_refused() -> None:
    from spinscope.errors import ConfigError
    from spinscope.settings import TechniqueSettings

    with pytest.raises(ConfigError, match="inventory"):
        TechniqueSettings(inventory="2021")
