"""Batch runs: every input accounted for, resumable, the same records on every engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as parquet
import pytest
from typer.testing import CliRunner

from spinscope.batch import record_key, run_batch
from spinscope.cli import app
from spinscope.errors import ConfigError, ModelNotFoundError
from spinscope.settings import BatchSettings, FetchSettings, NlpSettings, Settings

from ..conftest import FIXTURES, ProgressLog

ENTITIES = Settings(stages=("entities",))
BROKEN = {"empty.txt": "input.empty", "photo.txt": "input.binary", "menu.html": "input.html"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of good articles, broken files and a JSONL corpus with one bad line."""
    folder = tmp_path / "corpus"
    (folder / "news").mkdir(parents=True)
    for article in sorted((FIXTURES / "ptc" / "articles").glob("*.txt"))[:3]:
        (folder / "news" / article.name).write_bytes(article.read_bytes())
    (folder / "two_sides.txt").write_bytes((FIXTURES / "two_sides.txt").read_bytes())
    (folder / "empty.txt").write_text("  \n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "notes.csv").write_text("not,an,article\n")  # not a supported suffix: ignored
    lines = [
        json.dumps({"id": "wire-1", "text": "Ministers met in Larsford on Monday to discuss the tram line."}),
        "{broken",
        json.dumps({"id": "wire-2", "text": "The council said the line would open in 2027."}),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def without_timings(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records compared in substance: stage timings differ from run to run."""
    for record in records:
        for stage in record["stages"]:
            stage.pop("seconds", None)
    return sorted(records, key=record_key)


def test_every_input_gets_one_record(corpus: Path, tmp_path: Path, validate) -> None:
    out = tmp_path / "results.jsonl"
    summary = run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=2))
    records = read_records(out)
    assert summary.documents == summary.analysed == len(records) == 10
    assert len({record_key(record) for record in records}) == 10
    for record in records:
        validate(record)
    failed = {Path(r["source"]["name"]).name: r["error"]["code"] for r in records if "error" in r}
    assert failed == {**BROKEN, "wire.jsonl:2": "input.jsonl"}
    assert summary.failed == {"input.empty": 1, "input.binary": 1, "input.html": 1, "input.jsonl": 1}
    assert all("entities" in r["layers"] for r in records if "error" not in r)
    assert next(r for r in records if r["source"]["name"].endswith("two_sides.txt"))["layers"]["entities"]
    assert len(summary.peak_mb) == 2 and all(mb > 50 for mb in summary.peak_mb.values())


def test_rerun_does_nothing_new(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    first, again = ProgressLog(), ProgressLog()
    run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1), progress=first)
    before = out.read_bytes()
    summary = run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1), progress=again)
    assert (summary.analysed, summary.skipped) == (0, 10)
    for log in (first, again):  # written or skipped, each document moves the count on by one
        log.check()
        assert log.steps() == {"analysing": list(range(11))}
    assert out.read_bytes() == before


def test_interrupted_run_resumes_where_it_stopped(corpus: Path, tmp_path: Path) -> None:
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    run_batch([str(corpus)], whole, settings=ENTITIES, batch=BatchSettings(workers=1))
    lines = whole.read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:4]) + lines[4][:50])  # killed while writing the fifth record
    summary = run_batch([str(corpus)], cut, settings=ENTITIES, batch=BatchSettings(workers=1))
    assert (summary.analysed, summary.skipped) == (6, 4)
    assert without_timings(read_records(cut)) == without_timings(read_records(whole))


def test_retry_failed_replaces_failed_records(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    (corpus / "empty.txt").write_text("The mayor of Larsford opened the tram line on Monday.\n")
    summary = run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1, retry_failed=True))
    records = read_records(out)
    assert (summary.analysed, summary.skipped) == (4, 6)
    assert len(records) == 10
    assert summary.failed == {"input.binary": 1, "input.html": 1, "input.jsonl": 1}
    fixed = next(r for r in records if r["source"]["name"].endswith("empty.txt"))
    assert "error" not in fixed and fixed["text"].startswith("The mayor")


def test_one_and_two_workers_write_the_same_records(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch([str(corpus)], one, settings=ENTITIES, batch=BatchSettings(workers=1))
    run_batch([str(corpus)], two, settings=ENTITIES, batch=BatchSettings(workers=2, chunk_size=1))
    assert [r["id"] for r in read_records(one)] == [r["id"] for r in read_records(two)]  # input order
    assert without_timings(read_records(one)) == without_timings(read_records(two))


def test_ray_engine_writes_what_the_local_engine_writes(corpus: Path, tmp_path: Path) -> None:
    russian = corpus / "shusha.txt"  # a mixed-language corpus: each language gets its own stages
    russian.write_bytes((FIXTURES / "compare-crosslang" / "shusha-shelling" / "b.txt").read_bytes())
    inputs = [str(corpus / "news"), str(corpus / "wire.jsonl"), str(corpus / "empty.txt"), str(russian)]
    local, ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(inputs, local, batch=BatchSettings(workers=2))
    summary = run_batch(inputs, ray, batch=BatchSettings(workers=2, engine="ray", chunk_size=2))
    records = read_records(ray)
    assert summary.engine == "ray" and summary.analysed == len(records) == 8
    assert any(r["layers"].get("techniques") for r in records)  # the whole pipeline ran on Ray
    [ru] = [r for r in records if r["metadata"].get("language") == "ru"]
    assert ru["layers"]["entities"] and ru["layers"]["timexes"] and "claims" in ru["layers"]
    assert [r["id"] for r in records] == [r["id"] for r in read_records(local)]
    assert without_timings(records) == without_timings(read_records(local))


def test_parquet_output_has_one_row_per_input_and_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    run_batch([str(corpus / "news"), str(corpus / "wire.jsonl")], out, settings=ENTITIES)
    rows = parquet.read_table(out).to_pylist()
    assert len(rows) == 6 and not (tmp_path / "results.parquet.partial.jsonl").exists()
    assert sorted(row["error_code"] or "" for row in rows) == ["", "", "", "", "", "input.jsonl"]
    assert all(json.loads(row["record"])["id"] == row["id"] for row in rows)
    summary = run_batch([str(corpus)], out, settings=ENTITIES)
    assert (summary.analysed, summary.skipped) == (4, 6)
    assert len(parquet.read_table(out)) == 10


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("results.csv", None, "name a .jsonl or .parquet file"),
        ("notes.jsonl", "these are my notes\n", "is not a spinscope record"),
        (
            "corpus.jsonl",
            json.dumps({"id": "wire-1", "text": "Ministers met on Monday."}) + "\n",
            "is not a spinscope record",
        ),
        ("numbers.jsonl", "1\n2\n", "is not a spinscope record"),
    ],
    ids=["unknown-suffix", "not-records", "a-jsonl-corpus", "json-but-not-objects"],
)
def test_output_that_is_not_a_results_file_is_refused(
    tmp_path: Path, name: str, content: str | None, problem: str
) -> None:
    out = tmp_path / name
    if content is not None:
        out.write_text(content)
    with pytest.raises(ConfigError, match=problem) as error:
        run_batch([str(FIXTURES / "two_sides.txt")], out, settings=ENTITIES)
    assert error.value.code == "config.output"
    assert content is None or out.read_text() == content


def test_cli_batch_prints_a_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    args = ["batch", str(corpus), "--out", str(out), "--workers", "2", "--stages", "entities"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "analysed now" in result.stdout and "input.binary" in result.stdout
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "already done (skipped)" in again.stdout
    assert len(read_records(out)) == 10


def test_cli_batch_address_needs_the_ray_engine(tmp_path: Path) -> None:
    args = ["batch", str(FIXTURES / "two_sides.txt"), "--out", str(tmp_path / "r.jsonl"), "--address", "auto"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: an address names a Ray cluster: add --engine ray"


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_pipeline_that_cannot_be_built_stops_the_run_with_its_error(engine: str, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    settings = Settings(stages=("entities",), nlp=NlpSettings(model="no_such_spacy_model"))
    with pytest.raises(ModelNotFoundError, match="no_such_spacy_model"):
        run_batch(
            [str(FIXTURES / "two_sides.txt")], out, settings=settings, batch=BatchSettings(workers=1, engine=engine)
        )
    assert out.read_text() == ""  # nothing written: a rerun with the model installed does the job


def test_urls_are_inputs_like_files(local_site: str, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    urls = [f"{local_site}/article.html", f"{local_site}/missing.html"]
    settings = Settings(stages=("entities",), fetch=FetchSettings(allow_private=True))
    summary = run_batch(urls, out, settings=settings, batch=BatchSettings(workers=1))
    records = read_records(out)
    assert [r["source"]["name"] for r in records] == urls
    assert "error" not in records[0] and records[1]["error"]["code"] == "fetch.http_status"
    assert summary.failed == {"fetch.http_status": 1}
    assert run_batch(urls, out, settings=settings, batch=BatchSettings(workers=1)).skipped == 2


def test_output_named_as_an_input_is_refused(corpus: Path, tmp_path: Path) -> None:
    out = corpus / "wire.jsonl"
    before = out.read_bytes()
    with pytest.raises(ConfigError, match="is both an input and the output") as error:
        run_batch([str(out)], out, settings=ENTITIES)
    assert error.value.code == "config.output"
    assert out.read_bytes() == before


def test_output_inside_the_input_folder_is_not_read_as_an_input(corpus: Path) -> None:
    out = corpus / "results.jsonl"
    first = run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    again = run_batch([str(corpus)], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    assert (first.documents, first.analysed) == (10, 10)
    assert (again.documents, again.analysed, again.skipped) == (10, 0, 10)
    assert len(read_records(out)) == 10


def test_two_corpora_sharing_an_id_are_two_inputs(tmp_path: Path) -> None:
    for name, text in (("a", "The council met on Monday."), ("b", "The mayor spoke on Tuesday.")):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"id": "story-1", "text": text}) + "\n")
    out = tmp_path / "results.jsonl"
    run_batch([str(tmp_path / "a.jsonl")], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    summary = run_batch(
        [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], out, settings=ENTITIES, batch=BatchSettings(workers=1)
    )
    assert (summary.analysed, summary.skipped) == (1, 1)
    texts = sorted(record["text"] for record in read_records(out))
    assert texts == ["The council met on Monday.", "The mayor spoke on Tuesday."]


def test_another_spelling_of_a_path_is_the_same_input(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "results.jsonl"
    run_batch([str(corpus / "news")], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    monkeypatch.chdir(corpus)
    summary = run_batch(["news/../news", "wire.jsonl"], out, settings=ENTITIES, batch=BatchSettings(workers=1))
    assert (summary.analysed, summary.skipped) == (3, 3)
    records = read_records(out)
    assert len(records) == 6 and len({record_key(record) for record in records}) == 6
    assert all(record["input"]["path"].startswith(str(corpus)) for record in records)
