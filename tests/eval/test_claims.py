"""Check-worthiness measures: CheckThat! average precision and P@k, ClaimBuster's class scores, the readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.eval.claims import (
    Debate,
    DebateSentence,
    average_precision,
    load_claimbuster,
    load_clef,
    precision_at,
    score_class,
    score_rankings,
)


@pytest.mark.parametrize(
    ("labels", "scores", "expected"),
    [
        ([1, 0, 0, 0], [0.9, 0.1, 0.2, 0.3], 1.0),
        ([0, 1, 0, 0], [0.9, 0.8, 0.2, 0.3], 0.5),
        ([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], (1 / 1 + 2 / 3) / 2),
        ([0, 0, 1, 1], [0.4, 0.3, 0.2, 0.1], (1 / 3 + 2 / 4) / 2),
        ([0, 0, 0], [0.1, 0.2, 0.3], 0.0),
        ([0, 1], [0.5, 0.5], 0.5),
    ],
    ids=["first", "second", "first-and-third", "last-two", "no-positive", "tie-keeps-line-order"],
)
def test_average_precision_follows_the_checkthat_scorer(labels, scores, expected: float) -> None:
    assert average_precision([bool(label) for label in labels], scores) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("labels", "scores", "k", "expected"),
    [
        ([1, 0, 1, 0, 0, 0], [6, 5, 4, 3, 2, 1], 5, 2 / 5),
        ([0, 0, 0, 0, 0, 1], [6, 5, 4, 3, 2, 1], 5, 0.0),
        ([0, 0, 0, 0, 0, 1], [1, 2, 3, 4, 5, 6], 5, 1 / 5),
        ([1, 1], [2, 1], 5, 2 / 5),
    ],
    ids=["two-in-five", "below-cutoff", "ranked-first", "short-debate-divides-by-k"],
)
def test_precision_at_k_counts_checkworthy_among_the_first_k(labels, scores, k: int, expected: float) -> None:
    assert precision_at([bool(label) for label in labels], scores, k) == pytest.approx(expected)


def _debate(name: str, labels: list[int]) -> Debate:
    sentences = tuple(DebateSentence(i + 1, "A", f"sentence {i}", bool(label)) for i, label in enumerate(labels))
    return Debate(name, "clef", sentences, group=name)


def test_score_rankings_averages_over_debates_and_keeps_each() -> None:
    result = score_rankings([_debate("a", [1, 0]), _debate("b", [0, 1])], [[0.9, 0.1], [0.9, 0.1]])
    assert result.per_debate["a"][0] == pytest.approx(1.0)
    assert result.per_debate["b"][0] == pytest.approx(0.5)
    assert result.map == pytest.approx(0.75)
    assert result.precision_at[5] == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("threshold", "precision", "recall"),
    [(0.5, 2 / 3, 1.0), (0.75, 1.0, 0.5), (0.95, 0.0, 0.0)],
    ids=["low", "middle", "above-all"],
)
def test_score_class_counts_scores_at_or_above_the_threshold(threshold: float, precision: float, recall: float) -> None:
    scores = score_class([True, False, True, False], [0.9, 0.6, 0.5, 0.1], threshold)
    assert (scores.precision, scores.recall) == pytest.approx((precision, recall))


def test_load_clef_reads_transcripts_and_rejects_bad_lines(tmp_path: Path) -> None:
    (tmp_path / "debate.tsv").write_text("1\tA\tWe cut taxes by 20%.\t1\n2\tB\tThank you.\t0\n", encoding="utf-8")
    [debate] = load_clef(tmp_path)
    assert [(s.line, s.checkworthy) for s in debate.sentences] == [(1, True), (2, False)]
    (tmp_path / "bad.tsv").write_text("1\tA\tno label\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv:1") as raised:
        load_clef(tmp_path)
    assert raised.value.code == "input.labels"


@pytest.mark.parametrize("reader", [load_clef, load_claimbuster], ids=["clef", "claimbuster"])
def test_a_missing_corpus_names_the_data_folder(reader, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="pass the shared data folder") as raised:
        reader(tmp_path / "missing")
    assert raised.value.code == "input.claims"


def test_load_claimbuster_counts_only_cfs_and_leaves_out_repeats(tmp_path: Path) -> None:
    path = tmp_path / "cb.csv"
    path.write_text(
        "Sentence_id,Text,File_id,Line_number,Verdict\n"
        "1,Unemployment is 8%.,1988-09-25.txt,2,1\n"
        "2,It is unimportant.,1988-09-25.txt,1,0\n"
        "3,I think so!,1988-09-25.txt,3,-1\n",
        encoding="utf-8",
    )
    [debate] = load_claimbuster(path, exclude=["i THINK so"])
    assert [(s.line, s.checkworthy) for s in debate.sentences] == [(1, False), (2, True)]
