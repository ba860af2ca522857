"""PolNeAR loading and the attribution measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinscope.cli import app
from spinscope.errors import InputError
from spinscope.eval.polnear import Attribution, evaluate_quotes, load_polnear, score_attributions

from ..conftest import FIXTURES, ProgressLog

POLNEAR = FIXTURES / "polnear"


def test_load_polnear_reads_the_first_annotators_attributions() -> None:
    [article] = load_polnear(POLNEAR, "dev")
    assert article.name == "larsford_2024-01-01_budget"
    assert [article.text[a.content[0] : a.content[1]] for a in article.attributions] == [
        "The council approved the budget on Monday",
        '"We will build the bridge,"',
    ]
    assert [article.text[a.source[0] : a.source[1]] for a in article.attributions] == ["the mayor", "Anna Berg"]


@pytest.mark.parametrize(
    ("folder", "split", "problem"),
    [(POLNEAR, "dev2", "split must be one of"), (FIXTURES, "dev", "has no data/dev/text folder")],
    ids=["unknown-split", "not-polnear"],
)
def test_load_polnear_refuses_what_it_cannot_read(folder: Path, split: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as error:
        load_polnear(folder, split)
    assert error.value.code == "input.polnear"


def test_scores_count_exact_overlap_and_speaker_matches() -> None:
    gold = {"a": [Attribution((0, 10), (20, 25)), Attribution((30, 40), (50, 55)), Attribution((60, 70), None)]}
    predicted = {
        "a": [
            Attribution((0, 10), (20, 22)),  # exact, right speaker
            Attribution((32, 45), (0, 3)),  # overlapping, wrong speaker
            Attribution((80, 90), None),  # nothing in gold
        ]
    }
    exact, overlap, speaker = score_attributions(predicted, gold)
    assert (exact.correct, overlap.correct, speaker.correct) == (1, 2, 1)
    assert (overlap.predicted, overlap.gold) == (3, 3)
    assert overlap.precision == pytest.approx(2 / 3) and speaker.f1 == pytest.approx(1 / 3)


def test_overlap_pairs_are_one_to_one() -> None:
    gold = {"a": [Attribution((0, 100), None)]}
    predicted = {"a": [Attribution((0, 40), None), Attribution((50, 90), None)]}
    _, overlap, _ = score_attributions(predicted, gold)
    assert (overlap.correct, overlap.precision, overlap.recall) == (1, 0.5, 1.0)


def test_evaluate_quotes_finds_both_attributions_of_the_fixture(progress_log: ProgressLog) -> None:
    result = evaluate_quotes(load_polnear(POLNEAR, "dev"), progress=progress_log)
    assert result.articles == 1
    assert progress_log.calls == [("scoring", 1, 1)]
    assert (result.content_overlap.correct, result.speaker.correct, result.content_exact.correct) == (2, 2, 2)


def test_cli_eval_quotes_prints_the_three_measures() -> None:
    result = CliRunner().invoke(app, ["eval", "quotes", "--polnear", str(POLNEAR), "--split", "dev"])
    assert result.exit_code == 0, result.output
    for measure in ("content, exact", "content, overlap", "speaker", "2 / 2 / 2"):
        assert measure in result.stdout
