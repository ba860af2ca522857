"""Results files: where a batch writes its records, what an earlier run already wrote there,
and reading analysed records back (`load_records`).

Invariants:
- A record is written the moment it is finished, so an interrupted run keeps all it did.
- Reopening an output finds the inputs that already have a record (by `record_key`), drops a
  record cut off mid-line by an interruption, and can drop the records about to be redone,
  so each input keeps exactly one record.
- An existing file is written to only when every line of it is a spinscope record: a JSONL
  corpus, or any other file, is refused rather than appended to.
- Parquet is read in one place (`_read_table`), and a record becomes the columns that both a
  results table and the store keep of it in one place (`record_columns`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TextIO

from spinscope.document import Document
from spinscope.errors import ConfigError, ContractError, InputError, MissingDependencyError, SpinscopeError

__all__ = [
    "BatchOutput",
    "JsonlOutput",
    "ParquetOutput",
    "is_record",
    "load_records",
    "open_output",
    "output_files",
    "record_columns",
    "record_failed",
    "record_key",
    "source_key",
]

OUTPUT_SUFFIXES = (".jsonl", ".parquet")


def record_key(record: Mapping[str, Any]) -> str:
    """What identifies a record's input across runs.

    A batch record carries ``input``: the resolved path (or URL) of the input it came from,
    and for a JSONL corpus which record of it (``id <id>`` or ``line <n>``). The key is the
    source kind with those, so two corpora that share an id are two inputs, and two
    spellings of one path are one. A record without ``input`` (written by an older
    spinscope, or by ``analyze``) is keyed by its source kind and name, as it was then.
    """
    source = record.get("source") or {}
    origin = record.get("input")
    if isinstance(origin, Mapping) and origin.get("path") is not None:
        return f"{source.get('kind')}:{origin['path']}#{origin.get('item') or ''}"
    return source_key(record)


def source_key(record: Mapping[str, Any]) -> str:
    """The key of a record as spinscope 0.1 wrote it: its source kind and name."""
    source = record.get("source") or {}
    return f"{source.get('kind')}:{source.get('name')}"


def is_record(data: Any) -> bool:
    """Whether `data` has the shape of a spinscope record (not, say, a line of a JSONL corpus)."""
    return (
        isinstance(data, dict)
        and {"schema_version", "id", "source", "text", "stages"} <= data.keys()
        and isinstance(data["source"], dict)
        and isinstance(data["stages"], list)
    )


def record_failed(record: Mapping[str, Any]) -> bool:
    """Whether the input failed, or any stage failed on it."""
    return "error" in record or any(stage.get("status") == "failed" for stage in record.get("stages", ()))


class BatchOutput(Protocol):
    """A results file being written."""

    path: Path

    def done(self) -> dict[str, bool]:
        """The keys of the inputs that already have a record, each with whether it failed."""
        ...

    def start(self, redo: Iterable[str] = ()) -> None:
        """Get ready to write, dropping the records of the keys in `redo`."""
        ...

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record and make it durable."""
        ...

    def close(self) -> None:
        """Finish the file."""
        ...


def output_files(path: Path) -> set[Path]:
    """The files a batch writing to `path` makes: the results, its journal and its temporary
    copies, resolved; a batch never reads them as inputs."""
    path = path.resolve()
    return {path, *(path.with_name(path.name + suffix) for suffix in (".tmp", ".partial.jsonl", ".partial.jsonl.tmp"))}


def open_output(path: Path) -> BatchOutput:
    """The output for `path`, chosen by its suffix (.jsonl or .parquet).

    Raises:
        ConfigError: The suffix is neither, or the file holds something other than records.
        MissingDependencyError: Parquet output without pyarrow installed.
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlOutput(path)
    if suffix == ".parquet":
        return ParquetOutput(path)
    raise ConfigError(f"cannot write results to {path}: name a .jsonl or .parquet file", code="config.output")


class JsonlOutput:
    """One JSON record per line, appended as documents finish."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._records: dict[str, bool] = {}
        self._complete_bytes = 0  # where the last whole line ends
        self._sink: TextIO | None = None
        if path.exists():
            self._read_existing()

    def done(self) -> dict[str, bool]:
        return dict(self._records)

    def start(self, redo: Iterable[str] = ()) -> None:
        redo = set(redo)
        try:
            if redo:
                self._rewrite_without(redo)
            elif self.path.exists():
                os.truncate(self.path, self._complete_bytes)
            self._sink = self.path.open("a", encoding="utf-8")
        except OSError as error:
            raise ConfigError(
                f"cannot write {self.path} ({error.strerror}); check that its folder exists and is writable",
                code="config.output",
            ) from error

    def write(self, record: Mapping[str, Any]) -> None:
        assert self._sink is not None, "start() first"
        self._sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._sink.flush()

    def close(self) -> None:
        if self._sink is not None:
            self._sink.close()
            self._sink = None

    def records(self) -> Iterator[dict[str, Any]]:
        """The whole records in the file, in order."""
        with self.path.open("rb") as lines:
            for raw in lines:
                if raw.endswith(b"\n") and raw.strip():
                    yield json.loads(raw)

    def _read_existing(self) -> None:
        offset = 0
        with self.path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                if not raw.endswith(b"\n"):
                    break  # cut off by an interruption: the input is redone
                offset += len(raw)
                if not raw.strip():
                    self._complete_bytes = offset
                    continue
                try:
                    record = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
                    record = None
                if not is_record(record):
                    raise ConfigError(
                        f"{self.path} line {number} is not a spinscope record, so the file is not a "
                        "results file; choose a new output file or the results file of an earlier batch",
                        code="config.output",
                    )
                self._records[record_key(record)] = record_failed(record)
                self._complete_bytes = offset

    def _rewrite_without(self, redo: set[str]) -> None:
        kept = self.path.with_name(self.path.name + ".tmp")
        with kept.open("w", encoding="utf-8") as sink:
            for record in self.records():
                if record_key(record) not in redo:
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        kept.replace(self.path)
        self._records = {key: failed for key, failed in self._records.items() if key not in redo}


class ParquetOutput:
    """A Parquet table with one row per input: flat columns to query, plus the whole record.

    Records go to a JSON Lines journal beside the file while the run lasts (``NAME.partial.jsonl``),
    and `close` folds them into the table, so an interrupted run loses nothing either.
    """

    COLUMNS = (
        "id",
        "source_kind",
        "source_name",
        "failed",
        "error_code",
        "error_message",
        "title",
        "published",
        "site",
        "url",
        "record",
    )

    def __init__(self, path: Path) -> None:
        self._parquet = _pyarrow_parquet("Parquet output", "write .jsonl")
        self.path = path
        self._journal = JsonlOutput(path.with_name(path.name + ".partial.jsonl"))
        self._rows: list[dict[str, Any]] = []
        self._redo: set[str] = set()
        if path.exists():
            table = _read_table(
                path,
                "Parquet output",
                "write .jsonl",
                refuse=lambda detail: ConfigError(
                    f"{path} is not a Parquet file of spinscope records ({detail}); choose a new output file",
                    code="config.output",
                ),
            )
            if not set(self.COLUMNS) <= set(table.column_names):
                raise ConfigError(
                    f"{path} is a Parquet table, but not of spinscope records (it lacks the columns "
                    f"{', '.join(sorted(set(self.COLUMNS) - set(table.column_names)))}); choose a new output file",
                    code="config.output",
                )
            self._rows = table.to_pylist()

    def done(self) -> dict[str, bool]:
        done = {_row_key(row): bool(row["failed"]) for row in self._rows}
        done.update(self._journal.done())
        return done

    def start(self, redo: Iterable[str] = ()) -> None:
        self._redo = set(redo)
        self._journal.start(self._redo)

    def write(self, record: Mapping[str, Any]) -> None:
        self._journal.write(record)

    def close(self) -> None:
        import pyarrow

        self._journal.close()
        fresh = [_row(record) for record in self._journal.records()]
        replaced = self._redo | {_row_key(row) for row in fresh}
        kept = [row for row in self._rows if _row_key(row) not in replaced]
        table = pyarrow.Table.from_pylist(kept + fresh, schema=_schema())
        partial = self.path.with_name(self.path.name + ".tmp")
        self._parquet.write_table(table, partial)
        partial.replace(self.path)
        self._journal.path.unlink()


def _row_key(row: Mapping[str, Any]) -> str:
    """`record_key` of the record a table row holds."""
    return record_key(json.loads(row["record"]))


def record_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """The columns that a results table and the store both keep of a record: its id, source,
    title, date, site and URL, and the whole record as JSON text."""
    metadata = record.get("metadata") or {}
    source = record.get("source") or {}
    return {
        "id": record.get("id"),
        "source_kind": source.get("kind"),
        "source_name": source.get("name"),
        "title": metadata.get("title"),
        "published": metadata.get("published"),
        "site": metadata.get("site"),
        "url": metadata.get("url"),
        "record": json.dumps(record, ensure_ascii=False),
    }


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A results table's row of `record`: `record_columns` and whether and how the input failed."""
    error = record.get("error") or {}
    return {
        **record_columns(record),
        "failed": record_failed(record),
        "error_code": error.get("code"),
        "error_message": error.get("message"),
    }


def _schema():
    import pyarrow

    types = {"failed": pyarrow.bool_()}
    return pyarrow.schema([(name, types.get(name, pyarrow.string())) for name in ParquetOutput.COLUMNS])


def _pyarrow_parquet(needed_for: str, otherwise: str) -> Any:
    """``pyarrow.parquet``, or the error that says to install it for `needed_for`, or to `otherwise`."""
    try:
        import pyarrow.parquet as parquet
    except ImportError as error:
        raise MissingDependencyError(
            f"{needed_for} needs pyarrow: `pip install '.[parquet]'` in the spinscope checkout, or {otherwise}"
        ) from error
    return parquet


def _read_table(
    path: Path,
    needed_for: str,
    otherwise: str,
    *,
    refuse: Callable[[str], SpinscopeError],
    columns: list[str] | None = None,
) -> Any:
    """The Parquet table at `path` (only `columns`, when given): the one place Parquet is read.

    Raises:
        MissingDependencyError: pyarrow is not installed.
        SpinscopeError: What `refuse` makes of pyarrow's reason, when `path` is not such a table.
    """
    parquet = _pyarrow_parquet(needed_for, otherwise)
    try:
        return parquet.read_table(path, columns=columns)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise refuse(str(error)) from error


def load_records(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Read analysed documents back from files of contract records, without analysing anything.

    A ``.jsonl`` file holds one record a line (``spinscope analyze -f jsonl``, ``spinscope
    batch --out results.jsonl``); a ``.parquet`` file is a ``spinscope batch`` results table;
    any other file holds one record, a list of records, or one record a line. Failed inputs'
    records are read too, as documents whose `error` is set.

    Raises:
        InputError: A file does not exist or cannot be read.
        ContractError: A line or file is not a spinscope record; the message says where.
        MissingDependencyError: A ``.parquet`` file without pyarrow installed.
    """
    for spec in paths:
        path = Path(spec)
        if not path.is_file():
            raise InputError(f"{path} does not exist; check the path", code="input.not_found")
        if path.suffix.lower() == ".parquet":
            yield from _parquet_records(path)
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                f"cannot read {path} as UTF-8 text ({error}); check the file", code="input.unreadable"
            ) from error
        whole = None
        if path.suffix.lower() != ".jsonl":
            with contextlib.suppress(json.JSONDecodeError):  # not one JSON value: read it as JSON Lines below
                whole = json.loads(content)
        if whole is not None:
            for number, data in enumerate(whole if isinstance(whole, list) else [whole], start=1):
                yield _record_document(data, f"{path} record {number}")
            continue
        for number, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as error:
                    raise _not_a_record(f"{path} line {number}", f"not JSON: {error.msg}") from None
                yield _record_document(data, f"{path} line {number}")


def _parquet_records(path: Path) -> Iterator[Document]:
    table = _read_table(
        path,
        "reading Parquet results",
        "give the records as .jsonl",
        refuse=lambda detail: _not_a_record(str(path), f"not a Parquet table with a record column: {detail}"),
        columns=["record"],
    )
    for number, text in enumerate(table.column("record").to_pylist(), start=1):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, TypeError) as error:
            raise _not_a_record(f"{path} row {number}", f"its record is not JSON: {error}") from None
        yield _record_document(data, f"{path} row {number}")


def _record_document(data: Any, where: str) -> Document:
    if not isinstance(data, dict):
        raise _not_a_record(where, f"a JSON {type(data).__name__}, not an object")
    try:
        return Document.from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        detail = error.message if isinstance(error, ContractError) else f"{type(error).__name__}: {error}"
        raise _not_a_record(where, detail) from error


def _not_a_record(where: str, detail: str) -> ContractError:
    return ContractError(
        f"{where} is not a spinscope record ({detail}); give files of analysed records, "
        "as `spinscope analyze -f jsonl` or `spinscope batch` write them"
    )
