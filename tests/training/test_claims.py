"""Training the claims model on a tiny copy of the shared data layout, test sets left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.eval.claims import CLAIMBUSTER, CLEF2019, CLEF2020, evaluate_claims, load_training
from spinscope.models.claims import embed_sentences, load_claim_model
from spinscope.settings import ClaimSettings, Settings
from spinscope.training.claims import TrainSettings, train_from_data

from ..conftest import ProgressLog

_CLAIMS = [
    "Unemployment fell to {n} percent last year.",
    "We spent {n} billion dollars on the war.",
    "Taxes went up by {n} percent for the middle class.",
    "Crime rose {n} percent in our cities.",
]
_TALK = ["Thank you very much.", "Good evening, everyone.", "I love this country.", "Let me say this.", "Go ahead."]


def _transcript(seed: int) -> str:
    lines = []
    for index in range(12):
        if index % 3 == 0:
            lines.append(f"{index + 1}\tA\t{_CLAIMS[(index + seed) % 4].format(n=index + seed + 2)}\t1")
        else:
            lines.append(f"{index + 1}\tB\t{_TALK[(index + seed) % 5]}\t0")
    return "\n".join(lines) + "\n"


def _claimbuster(rows: int, offset: int) -> str:
    lines = ["Sentence_id,Text,File_id,Line_number,Verdict"]
    for index in range(rows):
        text = _CLAIMS[index % 4].format(n=index + offset) if index % 2 else _TALK[index % 5]
        lines.append(f'{offset + index},"{text}",2016-09-26.txt,{index + 1},{1 if index % 2 else -1}')
    return "\n".join(lines) + "\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for folder, names in (
        (CLEF2019 / "training", ["a", "b"]),
        (CLEF2019 / "test_annotated", ["t"]),
        (CLEF2020, ["c", "20160311_GOP_miami"]),
    ):
        (tmp_path / folder).mkdir(parents=True)
        for seed, name in enumerate(names):
            (tmp_path / folder / f"{name}.tsv").write_text(_transcript(seed), encoding="utf-8")
    (tmp_path / CLAIMBUSTER).mkdir(parents=True)
    (tmp_path / CLAIMBUSTER / "crowdsourced.csv").write_text(_claimbuster(16, 100), encoding="utf-8")
    (tmp_path / CLAIMBUSTER / "groundtruth.csv").write_text(_claimbuster(4, 100), encoding="utf-8")
    return tmp_path


def test_load_training_leaves_out_test_repeats(data: Path) -> None:
    debates = load_training(data)
    assert sorted(debate.name for debate in debates) == ["2016-09-26", "a", "b", "c"]
    claimbuster = next(debate for debate in debates if debate.corpus == "claimbuster")
    groundtruth = {
        "Thank you very much.",
        "We spent 101 billion dollars on the war.",
        "I love this country.",
        "Crime rose 103 percent in our cities.",
    }
    assert len(claimbuster.sentences) == 10  # each of the 6 sentences that repeat groundtruth's is left out
    assert not groundtruth & {sentence.text for sentence in claimbuster.sentences}
    assert claimbuster.group == "20160926_1pres"  # the same debate as a CLEF one: one CV group


def test_train_from_data_writes_a_model_that_ranks_claims_first(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    validation = train_from_data(data, out, settings=TrainSettings(folds=2, min_count=1))
    assert 0 <= validation.clef.map <= 1 and 0 < validation.threshold < 1
    model = load_claim_model(out)
    texts = ["Unemployment fell to 7 percent last year.", "Thank you very much."]
    claim, talk = model.score(texts, embed_sentences(texts))
    assert claim > talk


def test_training_and_scoring_report_running_counts(data: Path, tmp_path: Path) -> None:
    training, scoring = ProgressLog(), ProgressLog()
    train_from_data(data, tmp_path / "model", settings=TrainSettings(folds=2, min_count=1), progress=training)
    evaluate_claims(data, settings=Settings(claims=ClaimSettings(model_dir=str(tmp_path / "model"))), progress=scoring)
    training.check()
    sentences = sum(len(debate.sentences) for debate in load_training(data))
    assert list(training.steps()) == ["encoding sentences", "cross-validating"]
    assert training.calls[-1] == ("cross-validating", 2, 2)
    assert ("encoding sentences", sentences, sentences) in training.calls
    scoring.check()
    assert [done for _, done, _ in scoring.calls] == [1, 2]  # test_annotated/t and groundtruth's one debate
