"""Model folders: what `save_model_folder` writes, `load_model_folder` reads back; a missing
file says how to rebuild it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelNotFoundError
from spinscope.models.folders import META_FILE, VOCABULARY_FILE, load_model_folder, save_model_folder

ARRAYS = {"weights": np.array([[0.5, -1.25], [2.0, 0.0]]), "bias": np.array([0.1])}
META = {"threshold": 0.4, "cue_features": ["digits", "percent"], "trained_on": "CLEF ünïcode"}


def test_a_saved_folder_loads_back_as_float32_arrays_meta_and_vocabulary(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    save_model_folder(folder, arrays_file="weights.npz", arrays=ARRAYS, meta=META, vocabulary={"b": 1, "a": 0})
    loaded = load_model_folder(folder, arrays_file="weights.npz", rebuild="spinscope train x", vocabulary=True)
    assert loaded.meta == META and loaded.vocabulary == {"a": 0, "b": 1}
    assert set(loaded.arrays) == set(ARRAYS)
    for name, array in ARRAYS.items():
        assert loaded.arrays[name].dtype == np.float32
        np.testing.assert_array_equal(loaded.arrays[name], array.astype(np.float32))
    assert (folder / VOCABULARY_FILE).read_text(encoding="utf-8") == "a\nb\n"
    assert (folder / META_FILE).read_text(encoding="utf-8").endswith("}\n")


def test_a_folder_without_vocabulary_writes_and_reads_none(tmp_path: Path) -> None:
    save_model_folder(tmp_path, arrays_file="heads.npz", arrays=ARRAYS, meta=META)
    assert not (tmp_path / VOCABULARY_FILE).exists()
    assert load_model_folder(tmp_path, arrays_file="heads.npz", rebuild="spinscope train x").vocabulary is None


@pytest.mark.parametrize("missing", ["heads.npz", META_FILE, VOCABULARY_FILE])
def test_a_missing_file_names_itself_and_the_command_that_rebuilds_it(tmp_path: Path, missing: str) -> None:
    save_model_folder(tmp_path, arrays_file="heads.npz", arrays=ARRAYS, meta=META, vocabulary={"a": 0})
    (tmp_path / missing).unlink()
    with pytest.raises(ModelNotFoundError) as raised:
        load_model_folder(tmp_path, arrays_file="heads.npz", rebuild="spinscope train techniques", vocabulary=True)
    assert raised.value.code == "model.missing"
    assert str(tmp_path / missing) in str(raised.value) and "`spinscope train techniques`" in str(raised.value)
