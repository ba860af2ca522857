"""Training the paragraph model: thresholds, cue words, the baseline, folds, and a written model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.eval.semeval2023 import TECHNIQUES_2023, Article, Paragraph
from spinscope.models.paragraphs import ParagraphModel, find_paragraph_techniques
from spinscope.training.paragraphs import (
    TrainSettings,
    choose_thresholds,
    cross_validate,
    prepare_articles,
    top_frequent_baseline,
    train_paragraphs,
)

_LOADED = "Loaded_Language"
_DOUBT = "Doubt"
_FILLER = [
    "Заседание прошло во вторник в здании администрации.",
    "В обсуждении участвовали представители трёх ведомств.",
    "Решение опубликуют на следующей неделе.",
    "Погода в регионе остаётся тёплой.",
]


def _article(number: int) -> Article:
    """A synthetic Russian article: 'позор' paragraphs are Loaded_Language, 'сомнительно' ones Doubt."""
    rng = np.random.default_rng(number)
    lines = [f"Новости дня номер {number}"]
    labels = [frozenset()]
    for _ in range(6):
        kind = int(rng.integers(3))
        if kind == 0:
            lines.append(f"Это позор и позорное решение, {_FILLER[int(rng.integers(4))].lower()}")
            labels.append(frozenset({_LOADED}))
        elif kind == 1:
            lines.append(f"Сомнительно, что это правда: {_FILLER[int(rng.integers(4))].lower()}")
            labels.append(frozenset({_DOUBT}))
        else:
            lines.append(_FILLER[int(rng.integers(4))])
            labels.append(frozenset())
    text = "\n".join(lines) + "\n"
    paragraphs, position = [], 0
    for index, (line, names) in enumerate(zip(lines, labels, strict=True)):
        paragraphs.append(Paragraph(index + 1, position, position + len(line), line, names))
        position += len(line) + 1
    spans = tuple((p.start, p.start + 20, name) for p in paragraphs for name in p.techniques)
    return Article(str(number), "ru", text, tuple(paragraphs), spans)


@pytest.fixture(scope="module")
def prepared():
    return prepare_articles([_article(number) for number in range(40)])


def test_choose_thresholds_finds_the_gap_between_classes() -> None:
    rng = np.random.default_rng(0)
    labels = rng.random((400, 3)) < 0.3
    probabilities = np.where(labels, 0.6, 0.2) + rng.normal(0, 0.02, labels.shape)
    thresholds = choose_thresholds(probabilities, labels)
    predicted = probabilities >= thresholds
    assert (predicted == labels).mean() > 0.99
    assert np.all((thresholds > 0.2) & (thresholds <= 0.6))


def test_top_frequent_baseline_orders_by_count(prepared) -> None:
    first_two = set(top_frequent_baseline(prepared, count=2))
    assert first_two == {_LOADED, _DOUBT}


def test_near_copies_stay_in_one_story(prepared) -> None:
    from spinscope.training.paragraphs import story_groups

    copies = [prepared[0], prepared[0], prepared[1]]
    stories = story_groups(copies, 0.99)
    assert stories[0] == stories[1]
    assert len(set(story_groups(copies, None))) == 3


def test_cross_validate_learns_planted_cues_and_beats_the_baseline(prepared) -> None:
    settings = TrainSettings(folds=4, c_values=(0.1,), other_weights=(0.0,), story_similarity=None)
    result = cross_validate(prepared, [], settings)
    assert result.model.f1 > 0.8
    assert result.model.f1 > result.baseline.f1
    assert result.paragraphs == sum(len(item.article.paragraphs) for item in prepared)
    keys = {(item.article.id, paragraph.number) for item in prepared for paragraph in item.article.paragraphs}
    assert set(result.predictions) == keys


def _write_corpus(root: Path) -> None:
    folder = root / "semeval2023-task3-multilingual" / "ru"
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    (folder / "train-labels-subtask-3-spans").mkdir()
    rows = []
    for number in range(30):
        article = _article(number)
        (folder / "train-articles-subtask-3" / f"article{number}.txt").write_text(article.text, encoding="utf-8")
        rows += [f"{number}\t{p.number}\t{','.join(sorted(p.techniques))}\n" for p in article.paragraphs]
        spans = "".join(f"{number}\t{name}\t{start}\t{end}\n" for start, end, name in article.spans)
        (folder / "train-labels-subtask-3-spans" / f"article{number}-labels-subtask-3.txt").write_text(spans)
    (folder / "train-labels-subtask-3.txt").write_text("".join(rows), encoding="utf-8")


def test_train_paragraphs_writes_a_model_that_finds_the_cues(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    settings = TrainSettings(folds=3, c_values=(0.1,), other_weights=(0.0,), story_similarity=None)
    results = train_paragraphs(tmp_path, tmp_path / "out", targets=["ru"], helpers=[], settings=settings)
    assert results["ru"].model.f1 > 0.8
    model = ParagraphModel.load(tmp_path / "out" / "ru")
    assert model.meta["cross_validated_micro_f1"] == pytest.approx(results["ru"].model.f1, abs=1e-4)
    assert model.techniques == TECHNIQUES_2023
    found = find_paragraph_techniques(model, "Заголовок\nКакой позор, позорище!\n", [], language="ru")
    assert [item.technique for item in found] == [_LOADED]
    assert [cue.text for cue in found[0].cues][:1] == ["позор"]
