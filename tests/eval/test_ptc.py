from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.eval.ptc import evaluate_ptc, load_ptc, merge_spans, score_spans, score_techniques

from ..conftest import FIXTURES, ProgressLog

PTC = FIXTURES / "ptc"


@pytest.mark.parametrize(
    ("predicted", "gold", "precision", "recall"),
    [
        ([(0, 10)], [(0, 10)], 1.0, 1.0),
        ([(0, 10)], [(5, 15)], 0.5, 0.5),
        ([(0, 20)], [(0, 10)], 0.5, 1.0),
        ([(0, 5)], [(0, 10)], 1.0, 0.5),
        ([(0, 5), (5, 10)], [(0, 10)], 1.0, 1.0),
        ([(0, 10)], [(0, 4), (2, 10)], 1.0, 1.0),
        ([(20, 30)], [(0, 10)], 0.0, 0.0),
        ([], [(0, 10)], 0.0, 0.0),
    ],
    ids=["exact", "half-overlap", "too-long", "too-short", "two-halves", "gold-merged", "disjoint", "nothing"],
)
def test_score_spans_gives_partial_credit(predicted, gold, precision: float, recall: float) -> None:
    scores = score_spans({"a": predicted}, {"a": gold})
    assert (scores.precision, scores.recall) == pytest.approx((precision, recall))


def test_score_spans_averages_over_spans_of_all_articles() -> None:
    scores = score_spans({"a": [(0, 10)], "b": [(0, 10)]}, {"a": [(0, 10)], "b": [(20, 30)]})
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx((0.5, 0.5, 0.5))


def test_merge_spans_joins_overlaps_only() -> None:
    assert merge_spans([(5, 9), (0, 6), (9, 12)]) == [(0, 9), (9, 12)]


def test_score_techniques_is_accuracy_with_per_technique_f1() -> None:
    scores = score_techniques(["Doubt", "Slogans", "Doubt"], ["Doubt", "Doubt", "Doubt"])
    assert scores.micro_f1 == pytest.approx(2 / 3)
    assert scores.per_technique["Doubt"] == pytest.approx(0.8)
    assert scores.per_technique["Slogans"] == 0.0


def test_score_techniques_needs_one_prediction_per_span() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        score_techniques(["Doubt"], ["Doubt", "Slogans"])


def test_load_ptc_reads_articles_and_labels() -> None:
    articles = load_ptc(PTC / "articles", PTC / "labels.txt")
    assert [article.id for article in articles] == ["900000001", "900000002", "900000003", "900000004"]
    first = articles[0].spans[0]
    assert (articles[0].text[first.start : first.end], first.technique) == ("a reckless disaster", "Loaded_Language")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("900000001\tDoubt\t10\n", "expected id"),
        ("900000001\tDoubt\tx\t12\n", "expected id"),
        ("900000001\tDoubt\t10\t99999\n", "outside article"),
    ],
    ids=["three-fields", "not-a-number", "past-the-end"],
)
def test_load_ptc_refuses_bad_labels(tmp_path: Path, labels: str, message: str) -> None:
    path = tmp_path / "labels.txt"
    path.write_text(labels, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_ptc(PTC / "articles", path)


def test_load_ptc_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_ptc(tmp_path / "nowhere", PTC / "labels.txt")


def test_evaluate_ptc_reports_each_article_scored(progress_log: ProgressLog) -> None:
    articles = load_ptc(PTC / "articles", PTC / "labels.txt")
    result = evaluate_ptc(articles, progress=progress_log)
    assert result.articles == len(articles) > 1
    assert progress_log.calls == [("scoring", done, len(articles)) for done in range(1, len(articles) + 1)]
    assert 0.0 <= result.si.f1 <= 1.0 and 0.0 <= result.tc.micro_f1 <= 1.0
