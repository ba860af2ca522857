from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from spinscope import Settings, TechniqueSettings, analyze_text
from spinscope.cli import app
from spinscope.errors import ModelNotFoundError
from spinscope.models.techniques import TechniqueModel, load_technique_model
from spinscope.training.techniques import TrainSettings, train_from_ptc

from ..conftest import FIXTURES, ProgressLog

PTC = FIXTURES / "ptc"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("model")
    result = CliRunner().invoke(
        app,
        [
            "train",
            "techniques",
            "--articles",
            str(PTC / "articles"),
            "--labels",
            str(PTC / "labels.txt"),
            "--out",
            str(out),
            "--folds",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_train_techniques_writes_a_loadable_model(trained: tuple[Path, str]) -> None:
    out, output = trained
    # The heads only: the model reads the shared encoder (spinscope.models.encoder.ENCODER_DIR).
    assert {"heads.npz", "model.json", "vocabulary.txt"} == {p.name for p in out.iterdir()}
    assert "SI F1" in output and "TC micro-F1" in output
    settings = Settings(stages=("techniques",), techniques=TechniqueSettings(model_dir=str(out)))
    document = analyze_text((PTC / "articles" / "article900000001.txt").read_text(encoding="utf-8"), settings=settings)
    assert "techniques" in document.layers


def test_eval_ptc_prints_si_and_tc(trained: tuple[Path, str]) -> None:
    out, _ = trained
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "ptc",
            "--articles",
            str(PTC / "articles"),
            "--labels",
            str(PTC / "labels.txt"),
            "--model-dir",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    for measure in ("SI (overlap credited)", "precision", "recall", "F1", "TC micro-F1", "TC F1 Doubt"):
        assert measure in result.output


def test_eval_ptc_refuses_a_missing_folder(tmp_path: Path) -> None:
    arguments = ["eval", "ptc", "--articles", str(tmp_path / "x"), "--labels", str(PTC / "labels.txt")]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: articles folder")


def test_train_techniques_refuses_a_single_fold(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "train",
            "techniques",
            "--articles",
            str(PTC / "articles"),
            "--labels",
            str(PTC / "labels.txt"),
            "--out",
            str(tmp_path),
            "--folds",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: folds must be at least 2 to cross-validate, got 1"


def test_a_model_from_another_version_is_refused_with_what_to_do(trained: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = trained
    for path in out.iterdir():
        shutil.copyfile(path, tmp_path / path.name)
    with np.load(out / "heads.npz") as stored:
        arrays = {name: array for name, array in stored.items() if not name.startswith("detector.")}
    np.savez(tmp_path / "heads.npz", **arrays)
    with pytest.raises(
        ModelNotFoundError, match="another spinscope version; rebuild it with `spinscope train techniques`"
    ):
        TechniqueModel.load(tmp_path)


def test_training_again_into_a_folder_replaces_the_model_loaded_from_it(
    tmp_path: Path, progress_log: ProgressLog
) -> None:
    settings = TrainSettings(folds=2)
    train_from_ptc(PTC / "articles", PTC / "labels.txt", tmp_path, settings=settings, progress=progress_log)
    progress_log.check()
    assert list(progress_log.steps()) == ["encoding articles", "cross-validating"]
    assert progress_log.steps()["encoding articles"] == [1, 2, 3, 4]
    before = load_technique_model(tmp_path)
    train_from_ptc(PTC / "articles", PTC / "labels.txt", tmp_path, settings=settings)
    assert load_technique_model(tmp_path) is not before
