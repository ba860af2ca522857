"""TimeML and MEANTIME loading, and the TempEval-3 timex measures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinscope.cli import app
from spinscope.document import Timex
from spinscope.errors import ContractError, InputError
from spinscope.eval import timeml
from spinscope.eval.timeml import (
    TimemlDocument,
    evaluate_timexes,
    load_meantime,
    load_timeml,
    match_timexes,
    score_timexes,
)

from ..conftest import FIXTURES, ProgressLog

TE3 = FIXTURES / "timeml" / "te3"
MEANTIME = FIXTURES / "timeml" / "meantime"

_DCT = '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME"/></DCT>'


def _timex(start: int, end: int, kind: str = "DATE", value: str = "2013-03-22") -> Timex:
    return Timex(start, end, "x" * (end - start), type=kind, value=value)  # type: ignore[arg-type]


def _gold(document: TimemlDocument) -> Sequence[Timex]:
    return document.timexes


def test_load_timeml_strips_tags_and_keeps_offsets() -> None:
    [document, _] = load_timeml(TE3)
    assert document.name == "harbour_strike"
    assert document.text.startswith("Dock & rail workers ended their strike Friday after three weeks.\n")
    assert '"talks"' in document.text and "<until a deal>" in document.text
    assert [(t.start, t.end) for t in document.timexes][:1] == [(39, 45)]
    assert [document.text[t.start : t.end] for t in document.timexes] == [
        "Friday",
        "three weeks",
        "early next month",
        "every week",
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def test_load_timeml_reads_types_and_values_and_leaves_out_the_dct() -> None:
    [document, _] = load_timeml(TE3)
    assert [(t.type, t.value) for t in document.timexes] == [
        ("DATE", "2013-03-22"),
        ("DURATION", "P3W"),
        ("DATE", "2013-04"),
        ("SET", "P1W"),
    ]
    assert "March 22, 2013" not in document.text


@pytest.mark.parametrize(
    ("path", "names", "dcts"),
    [
        (TE3, ["harbour_strike", "sub/early_flight"], ["2013-03-22", "1998-02-05"]),
        (TE3 / "sub" / "early_flight.tml", ["early_flight"], ["1998-02-05"]),
    ],
    ids=["folder-recursive", "one-file"],
)
def test_load_timeml_finds_files_and_reads_the_dct_as_a_date(path: Path, names: list[str], dcts: list[str]) -> None:
    documents = load_timeml(path)
    assert [d.name for d in documents] == names
    assert [d.dct for d in documents] == dcts


_GOOD_TEXT = '<TEXT>\nOn <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3>.\n</TEXT>'
_NO_VALUE_TEXT = _GOOD_TEXT.replace(' value="2013-03-22"', "")
_BAD_DCT = _DCT.replace("2013-03-22", "March 2013")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<TimeML><TEXT>never closed</TimeML>", "is not well-formed XML"),
        (f"<TimeML>{_DCT}</TimeML>", "has no <TEXT> element"),
        (f"<TimeML>{_GOOD_TEXT}</TimeML>", "has no DCT"),
        (f"<TimeML>{_BAD_DCT}{_GOOD_TEXT}</TimeML>", "does not start with an ISO date"),
        (f"<TimeML>{_DCT}{_GOOD_TEXT.replace('DATE', 'DAY')}</TimeML>", "TIMEX3 t1 has type 'DAY'"),
        (f"<TimeML>{_DCT}{_NO_VALUE_TEXT}</TimeML>", "TIMEX3 t1 has no value"),
    ],
    ids=["not-xml", "no-text", "no-dct", "dct-not-a-date", "unknown-type", "no-value"],
)
def test_load_timeml_refuses_a_malformed_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "broken.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        load_timeml(tmp_path)
    assert error.value.code == "input.timeml"
    assert "broken.tml" in error.value.message


@pytest.mark.parametrize(
    ("make", "problem"),
    [(lambda tmp: tmp / "missing", "does not exist"), (lambda tmp: tmp, "holds no .tml files")],
    ids=["missing", "empty-folder"],
)
def test_load_timeml_refuses_a_path_without_tml_files(tmp_path: Path, make, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as error:
        load_timeml(make(tmp_path))
    assert error.value.code == "input.timeml"


def test_load_meantime_rebuilds_the_annotated_text_from_tokens() -> None:
    [document] = load_meantime(MEANTIME)
    assert document.name == "fleet_grounded"
    assert document.text == (
        "Fleet grounded\nMarch 04, 2010\n"
        "The airline grounded its fleet on Tuesday for ``two days'' (until Thursday).\n"
        'Its CEO said "sorry".\nShares fell.\nTalks continue.'
    )  # sentence 6 and later were not annotated, so they are not in the text


def test_load_meantime_reads_timexes_over_tokens_and_the_dct() -> None:
    [document] = load_meantime(MEANTIME)
    assert document.dct == "2010-03-04"
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("March 04, 2010", "DATE", "2010-03-04"),  # the dateline is in the text, so it is gold too
        ("Tuesday", "DATE", "2010-03-02"),
        ("two days", "DURATION", "P2D"),
        ("Thursday", "DATE", "2010-03-04"),
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def _meantime(sentences: int, timex_sentence: int, dct_value: str) -> str:
    tokens = "".join(f'<token t_id="{n + 1}" sentence="{n}" number="{n}">S{n}</token>' for n in range(sentences))
    return (
        f'<Document doc_name="d">{tokens}<Markables>'
        f'<TIMEX3 m_id="90" type="DATE" value="{dct_value}" functionInDocument="CREATION_TIME">'
        '<token_anchor t_id="2"/></TIMEX3>'
        f'<TIMEX3 m_id="91" type="DATE" value="XXXX-05"><token_anchor t_id="{timex_sentence + 1}"/></TIMEX3>'
        "</Markables></Document>"
    )


@pytest.mark.parametrize(
    ("content", "text", "dct"),
    [
        (_meantime(9, 3, "2010-03-04"), "S0\nS1\nS2\nS3\nS4\nS5", "2010-03-04"),
        (_meantime(9, 7, "2010-03-04"), "S0\nS1\nS2\nS3\nS4\nS5\nS6\nS7", "2010-03-04"),
        (_meantime(3, 2, "03-02-2009"), "S0\nS1\nS2", None),
    ],
    ids=["annotated-window", "markable-after-the-window", "dct-not-iso"],
)
def test_load_meantime_keeps_the_annotated_sentences(tmp_path: Path, content: str, text: str, dct: str | None) -> None:
    (tmp_path / "d.xml").write_text(content, encoding="utf-8")
    [document] = load_meantime(tmp_path)
    assert (document.text, document.dct) == (text, dct)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<TimeML><TEXT>x</TEXT></TimeML>", "is not a MEANTIME document"),
        (
            '<Document><token t_id="1" sentence="0" number="0">May</token><Markables>'
            '<TIMEX3 m_id="2" type="DATE" value="XXXX-05"><token_anchor t_id="9"/></TIMEX3></Markables></Document>',
            "anchored at token 9, which does not exist",
        ),
    ],
    ids=["not-meantime", "unknown-token"],
)
def test_load_meantime_refuses_a_malformed_file(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "broken.xml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        load_meantime(tmp_path)
    assert error.value.code == "input.meantime"


@pytest.mark.parametrize(
    ("predicted", "strict", "relaxed"),
    [
        ([_timex(10, 16)], 1, 1),
        ([_timex(10, 13)], 0, 1),
        ([_timex(4, 11)], 0, 1),
        ([_timex(16, 20)], 0, 0),
        ([], 0, 0),
    ],
    ids=["identical", "inside", "overlapping-start", "touching-only", "nothing"],
)
def test_score_timexes_counts_strict_and_relaxed_matches(predicted: list[Timex], strict: int, relaxed: int) -> None:
    scores = score_timexes({"a": predicted}, {"a": [_timex(10, 16)]})
    assert (scores.strict, scores.relaxed, scores.gold, scores.predicted) == (strict, relaxed, 1, len(predicted))
    assert scores.strict_recall == strict and scores.relaxed_recall == relaxed


@pytest.mark.parametrize(
    ("predicted", "gold", "pairs"),
    [
        ([_timex(0, 9)], [_timex(0, 4), _timex(5, 9)], [((0, 9), (0, 4))]),
        ([_timex(0, 4), _timex(5, 9)], [_timex(0, 9)], [((0, 4), (0, 9))]),
        ([_timex(0, 12), _timex(0, 10)], [_timex(0, 10)], [((0, 10), (0, 10))]),
        ([_timex(0, 10)], [_timex(0, 3), _timex(3, 10)], [((0, 10), (3, 10))]),
    ],
    ids=["one-prediction-two-gold", "two-predictions-one-gold", "identical-first", "largest-overlap"],
)
def test_match_timexes_pairs_one_to_one(
    predicted: list[Timex], gold: list[Timex], pairs: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    found = match_timexes(predicted, gold)
    assert [((p.start, p.end), (g.start, g.end)) for p, g in found] == pairs


def test_score_timexes_one_to_one_limits_precision_and_recall() -> None:
    scores = score_timexes({"a": [_timex(0, 4), _timex(5, 9)]}, {"a": [_timex(0, 9)]})
    assert (scores.relaxed, scores.relaxed_precision, scores.relaxed_recall) == (1, 0.5, 1.0)


def test_score_timexes_value_and_type_are_judged_on_relaxed_matches() -> None:
    gold = {"a": [_timex(0, 5), _timex(10, 15, "DURATION", "P3W"), _timex(20, 25), _timex(30, 35, "SET", "P1W")]}
    predicted = {
        "a": [
            _timex(0, 5),  # right type and value
            _timex(10, 13, "DURATION", "P3W"),  # right type and value, span relaxed only
            _timex(20, 25, "DATE", "2013-03-21"),  # right type, wrong value
            _timex(40, 45),  # nothing in gold
        ]
    }
    scores = score_timexes(predicted, gold)
    assert (scores.relaxed, scores.right_value, scores.right_type) == (3, 2, 3)
    assert scores.value_accuracy == pytest.approx(2 / 3) and scores.type_accuracy == 1.0
    assert scores.relaxed_f1 == pytest.approx(0.75)
    assert scores.value_f1 == pytest.approx(0.75 * 2 / 3) and scores.type_f1 == pytest.approx(0.75)
    date = scores.per_type["DATE"]
    assert (date.gold, date.found, date.right_value) == (2, 2, 1)
    assert scores.per_type["SET"].recall == 0.0 and scores.per_type["DURATION"].value_accuracy == 1.0


def test_score_timexes_counts_predictions_in_documents_without_gold() -> None:
    scores = score_timexes({"a": [_timex(0, 5)], "b": [_timex(0, 5)]}, {"a": [_timex(0, 5)]})
    assert (scores.predicted, scores.gold, scores.relaxed, scores.relaxed_precision) == (2, 1, 1, 0.5)


def test_evaluate_timexes_scores_a_finder_and_times_it(progress_log: ProgressLog) -> None:
    documents = load_timeml(TE3)
    scores = evaluate_timexes(documents, find=_gold, progress=progress_log)
    assert (scores.documents, scores.gold, scores.strict, scores.value_f1, scores.type_f1) == (2, 5, 5, 1.0, 1.0)
    assert scores.words == sum(len(d.text.split()) for d in documents)
    assert scores.seconds > 0 and scores.words_per_second > 0
    assert progress_log.calls == [("scoring", 1, 2), ("scoring", 2, 2)]


def test_evaluate_timexes_with_a_finder_that_finds_nothing() -> None:
    scores = evaluate_timexes(load_timeml(TE3), find=lambda document: [])
    assert (scores.predicted, scores.relaxed_f1, scores.value_f1, scores.per_type["DATE"].recall) == (0, 0.0, 0.0, 0.0)


def test_evaluate_timexes_refuses_a_timex_whose_text_disagrees() -> None:
    def shifted(document: TimemlDocument) -> list[Timex]:
        return [Timex(t.start + 1, t.end + 1, t.text, type=t.type, value=t.value) for t in document.timexes]

    with pytest.raises(ContractError, match="harbour_strike: the finder's timex"):
        evaluate_timexes(load_timeml(TE3), find=shifted)


def _has_timexes_stage() -> bool:
    try:
        from spinscope.stages.timexes import find_timexes  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _has_timexes_stage(), reason="the timexes stage is not there yet")
def test_evaluate_timexes_runs_spinscope_by_default() -> None:
    scores = evaluate_timexes(load_timeml(TE3))
    assert (scores.documents, scores.gold) == (2, 5)


def _finds_all_but_the_last(document: TimemlDocument) -> list[Timex]:
    return list(document.timexes[:-1]) if document.name == "harbour_strike" else list(document.timexes)


_ROW = r"\s*│\s*"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--tml", str(TE3)],
            [
                r"2 documents, 35 words",
                _ROW.join(["strict span", "1.0000", "0.8000", "0.8889", "", "4", "4", "5"]),
                _ROW.join(["SET", "1", "0.0000", "0.0000"]),
            ],
        ),
        (
            ["--tml", str(MEANTIME), "--format", "meantime"],
            [r"1 documents", _ROW.join(["value \\(of relaxed\\)", "", "", "1.0000", "1.0000", "4"])],
        ),
    ],
    ids=["timeml", "meantime"],
)
def test_cli_eval_timex_prints_the_measures(
    monkeypatch: pytest.MonkeyPatch, args: list[str], expected: list[str]
) -> None:
    monkeypatch.setattr(timeml, "spinscope_finder", lambda: _finds_all_but_the_last)
    result = CliRunner().invoke(app, ["eval", "timex", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for pattern in expected:
        assert re.search(pattern, result.stdout), pattern


def test_cli_eval_timex_reports_a_bad_corpus_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "timex", "--tml", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path} holds no .tml files (searched recursively)"
