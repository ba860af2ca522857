"""SemEval-2023 subtask 3: paragraphs as numbered lines, CRLF offsets, micro-F1 over pairs, the output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.eval.semeval2023 import (
    TECHNIQUES_2023,
    load_semeval2023,
    paragraph_lines,
    score_pairs,
    write_subtask3,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nBody one.\nBody two.\n", [(1, 0, 5), (3, 7, 16), (4, 17, 26)]),
        ("Title\r\n\r\n  Body.\r\n", [(1, 0, 5), (3, 11, 16)]),
        ("", []),
        ("\n \n", []),
    ],
    ids=["lf", "crlf-and-indent", "empty", "blank-lines-only"],
)
def test_paragraph_lines_numbers_non_blank_lines_and_trims(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert paragraph_lines(text) == expected


def _folder(tmp_path: Path, text: str, labels: str) -> Path:
    (tmp_path / "train-articles-subtask-3").mkdir()
    (tmp_path / "train-articles-subtask-3" / "article7.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "train-labels-subtask-3.txt").write_text(labels, encoding="utf-8")
    return tmp_path


def test_load_keeps_crlf_offsets_and_labels(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "Заголовок\r\n\r\nПозор!\r\n", "7\t1\t\n7\t3\tLoaded_Language,Doubt\n")
    (article,) = load_semeval2023(folder, language="ru")
    first, second = article.paragraphs
    assert (first.number, first.techniques) == (1, frozenset())
    assert second.number == 3
    assert second.techniques == {"Loaded_Language", "Doubt"}
    assert article.text[second.start : second.end] == "Позор!" == second.text
    assert second.start == 13  # the two \r count


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("7\t2\tDoubt\n", "no non-empty line 2"),
        ("7\t1\tNot_A_Technique\n", "unknown technique"),
        ("7\tx\n", "expected"),
    ],
    ids=["blank-line", "unknown-technique", "malformed"],
)
def test_load_refuses_bad_labels(tmp_path: Path, labels: str, message: str) -> None:
    folder = _folder(tmp_path, "Title\n\nBody\n", labels)
    with pytest.raises(InputError, match=message):
        load_semeval2023(folder, language="en")


def test_load_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_semeval2023(tmp_path / "nowhere", language="ru")


@pytest.mark.parametrize(
    ("predicted", "precision", "recall"),
    [
        ({("a", 1): ["Doubt"], ("a", 2): []}, 1.0, 0.5),
        ({("a", 1): ["Doubt", "Slogans"], ("a", 2): ["Repetition"]}, 2 / 3, 1.0),
        ({("a", 1): [], ("a", 2): []}, 0.0, 0.0),
    ],
    ids=["half-recall", "one-false-pair", "nothing-predicted"],
)
def test_score_pairs_is_micro_over_paragraph_technique_pairs(predicted, precision: float, recall: float) -> None:
    gold = {("a", 1): ["Doubt"], ("a", 2): ["Repetition"]}
    scores = score_pairs(predicted, gold)
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
    assert scores.gold == 2


def test_write_subtask3_writes_the_task_format(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_subtask3(path, [("7", 1, []), ("7", 3, ["Doubt", "Loaded_Language"])])
    assert path.read_text(encoding="utf-8") == "7\t1\t\n7\t3\tDoubt,Loaded_Language\n"


def test_the_inventory_is_the_task_file() -> None:
    path = SHARED / "semeval2023-task3-multilingual" / "techniques_subtask3.txt"
    if not path.exists():
        pytest.skip("needs ../shared/data")
    assert tuple(path.read_text(encoding="utf-8").split()) == TECHNIQUES_2023


def test_the_russian_training_set_reads_with_its_counts() -> None:
    folder = SHARED / "semeval2023-task3-multilingual" / "ru"
    if not folder.exists():
        pytest.skip("needs ../shared/data")
    articles = load_semeval2023(folder, language="ru")
    assert len(articles) == 143
    assert sum(len(article.spans) for article in articles) == 3399
    # every gold span's technique is among its paragraph's labels (the README's check)
    for article in articles:
        for start, _, technique in article.spans[:5]:
            (paragraph,) = [p for p in article.paragraphs if p.start <= start < p.end]
            assert technique in paragraph.techniques
