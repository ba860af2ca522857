"""Scoring a comparison against gold, built by hand: false differences are counted and listed."""

from __future__ import annotations

from pathlib import Path

from spinscope.compare import Comparison, Difference, Entry, Group, SourceInfo
from spinscope.compare.evaluate import GoldGroup, counts_report, score_comparison


def _group() -> GoldGroup:
    claims = [
        {"texts": {"a.txt": "five soldiers", "b.txt": "пять солдат"}, "differences": [], "omitted_by": []},
        {"texts": {"a.txt": "on Monday", "b.txt": "в среду"}, "differences": [{"kind": "date"}], "omitted_by": []},
    ]
    return GoldGroup("swap", "dev", (Path("a.txt"), Path("b.txt")), claims, [])


def _comparison(*differences: tuple[int, Difference]) -> Comparison:
    texts = [
        ("Armenia freed five soldiers.", "Армения освободила пять солдат."),
        ("They met on Monday.", "Встреча в среду."),
    ]
    groups = tuple(
        Group(
            (Entry("asserts", a, 0, len(a)), Entry("asserts", b, 0, len(b))),
            tuple(d for n, d in differences if n == number),
            0.9,
        )
        for number, (a, b) in enumerate(texts)
    )
    sources = (SourceInfo("A", "a", None, "a.txt"), SourceInfo("B", "b", None, "b.txt"))
    return Comparison(sources, groups, (), (), 0.85)


def test_score_comparison_counts_a_difference_no_gold_claim_has_as_false() -> None:
    number = Difference("number", ((0, "five"), (1, "пять")), frozenset({0, 1}))
    date = Difference("date", ((0, "Monday"), (1, "среду")), frozenset({0, 1}))
    scores = score_comparison(_group(), _comparison((0, number), (1, date)))
    assert scores.differences_found["date"] == 1 and scores.differences_predicted_right["date"] == 1
    assert scores.false_differences == 1
    assert scores.false == ["swap: number (a.txt: five; b.txt: пять)"]


def test_counts_report_has_a_row_per_split_and_lists_false_differences() -> None:
    number = Difference("number", ((0, "five"), (1, "пять")), frozenset({0, 1}))
    scores = score_comparison(_group(), _comparison((0, number)))
    lines = counts_report({"dev": scores, "all": scores}).splitlines()
    assert lines[0].endswith("| false differences |")
    assert [line.split(" | ")[0] for line in lines[2:4]] == ["| dev", "| all"]
    assert lines[3].endswith("| 1 |")
    assert "missed: swap: date difference in {'a.txt': 'on Monday', 'b.txt': 'в среду'}" in lines
    assert "false: swap: number (a.txt: five; b.txt: пять)" in lines
