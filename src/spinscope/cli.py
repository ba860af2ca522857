"""The ``spinscope`` command: parse options, call the library, format what it returns.

No analysis logic lives here. Errors become one line, ``Error: <message>``, on standard
error and exit status 1; ``--debug`` shows the traceback instead.

The library is imported inside the commands that use it, so that ``--help`` and ``--version``
load neither numpy nor the stages and their models.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from spinscope.errors import ConfigError, MissingDependencyError, SpinscopeError
from spinscope.settings import (
    BatchSettings,
    ClaimSettings,
    CompareSettings,
    FetchSettings,
    IngestSettings,
    NlpSettings,
    Settings,
    StoreSettings,
    TechniqueSettings,
    WebSettings,
)

if TYPE_CHECKING:
    from spinscope.batch import BatchSummary
    from spinscope.document import Document
    from spinscope.eval import Scores
    from spinscope.store import SearchHit

__all__ = ["app", "main"]

# Typer (0.29) builds a pydantic validator for an option whose value is None, as a group's --help
# is when one of its commands' help is asked for: that alone imports pydantic (about 0.2 s).
# False, which an absent --help means anyway, skips it. Each group needs it: a group's
# `default_map` replaces its parent's.
_GROUP_CONTEXT = {"default_map": {"help": False}}

app = typer.Typer(
    name="spinscope",
    help="Show how a news article persuades: metadata, entities, quotes, dates, claims, techniques.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=_GROUP_CONTEXT,
)
_stderr = Console(stderr=True)


class OutputFormat(StrEnum):
    """Output formats of ``spinscope analyze``."""

    md = "md"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class Engine(StrEnum):
    """Engines of ``spinscope batch``."""

    local = "local"
    ray = "ray"


class _State:
    debug = False


def _version(value: bool) -> None:
    if value:
        from spinscope import __version__

        typer.echo(f"spinscope {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    _State.debug = debug


# Options that `analyze` and `batch` share: what to run, and how inputs are read.
_StagesOption = Annotated[
    str | None, typer.Option("--stages", help="Comma-separated stages to run (their requirements are added).")
]
_ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy model package or folder.")]
_MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Largest input accepted, in bytes.")]
_MaxCharsOption = Annotated[
    int, typer.Option("--max-chars", help="Longest article text analysed, in characters (about 7.5 KB of memory each).")
]
_TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")]
_AllowPrivateOption = Annotated[
    bool, typer.Option("--allow-private", help="Allow URLs on loopback and private networks.")
]
_DbOption = Annotated[Path, typer.Option("--db", help="The store's SQLite file.")]


class Inventory(StrEnum):
    """The technique inventories English can be analysed with."""

    v2020 = "2020"
    v2023 = "2023"


_InventoryOption = Annotated[
    Inventory,
    typer.Option(
        "--inventory",
        help="English techniques: 2020 (14 SemEval-2020 techniques, spans) or 2023 (23 SemEval-2023 "
        "techniques, per paragraph). Russian always gets 2023.",
    ),
]


class TechniquesModel(StrEnum):
    """The shipped English span models for techniques."""

    minilm = "minilm"
    mpnet = "mpnet"


_TechniquesModelOption = Annotated[
    TechniquesModel,
    typer.Option(
        "--techniques-model",
        help="English technique spans: minilm (fast, the default) or mpnet (more accurate, about five "
        "times slower; see the README's figures).",
    ),
]
_DEFAULT_MAX_BYTES = IngestSettings().max_bytes
_DEFAULT_MAX_CHARS = IngestSettings().max_chars
_DEFAULT_DB = Path(StoreSettings().path)
_DEFAULT_WEB = WebSettings()
_DEFAULT_TIMEOUT = FetchSettings().timeout
_MAX_HITS = 10_000  # store search shows a table of hits; more than this is not for reading


@app.command()
def analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, http(s) URLs, or - for standard input.", show_default=False),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="md: a readable summary; json; jsonl; html: a self-contained report."),
    ] = OutputFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Also keep the analysed articles in this SQLite store.")
    ] = None,
    stages: _StagesOption = None,
    model: _ModelOption = None,
    max_bytes: _MaxBytesOption = _DEFAULT_MAX_BYTES,
    max_chars: _MaxCharsOption = _DEFAULT_MAX_CHARS,
    timeout: _TimeoutOption = _DEFAULT_TIMEOUT,
    allow_private: _AllowPrivateOption = False,
    inventory: _InventoryOption = Inventory.v2020,
    techniques_model: _TechniquesModelOption = TechniquesModel.minilm,
    all_techniques: Annotated[
        bool,
        typer.Option(
            "--all-techniques",
            help="In the md summary, also list the technique spans scoring below the operating point "
            "chosen for precision (the JSON always has every span).",
        ),
    ] = False,
) -> None:
    """Analyse articles and print what they say and how."""
    with _errors_reported(store="--store"):
        from spinscope.analysis import analyze as analyze_inputs
        from spinscope.ingest import may_hold_several
        from spinscope.store import open_store

        expands = any(may_hold_several(spec) for spec in inputs)
        several = expands or len(inputs) > 1
        if several and output_format is OutputFormat.html:
            raise ConfigError(
                "--format html writes one report for one article; give one input, or keep several "
                "with --store and browse them with `spinscope serve`",
                code="config.format",
            )
        settings = _settings(
            stages,
            model,
            max_bytes,
            timeout,
            allow_private,
            max_chars=max_chars,
            inventory=inventory.value,
            techniques_model=techniques_model.value,
        )
        failed = 0
        with ExitStack() as stack:
            kept = stack.enter_context(open_store(StoreSettings(path=str(store)))) if store else None
            documents = analyze_inputs(inputs, settings=settings)
            sink = stack.enter_context(_output(output))
            total = None if expands else len(inputs)
            for number, document in enumerate(_with_progress(documents, total=total, show=several)):
                if document.error is not None:
                    failed += 1
                    _error(document.error.message)
                elif kept is not None:
                    kept.add(document)
                _write(document, sink, output_format, first=number == 0, several=several, all_techniques=all_techniques)
    if failed:
        raise typer.Exit(1)


class CompareFormat(StrEnum):
    """Output formats of ``spinscope compare``."""

    md = "md"
    json = "json"
    html = "html"


@app.command("compare")
def compare_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Two or more files, http(s) URLs, or stored document ids (doc-...).", show_default=False),
    ],
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="md: a readable report; json; html: side by side.")
    ] = CompareFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    db: _DbOption = _DEFAULT_DB,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="A TOML file of contested names that extends the shipped one.")
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Least alignment score of two sentences telling the same claim.")
    ] = CompareSettings().threshold,
    model: _ModelOption = None,
    timeout: _TimeoutOption = _DEFAULT_TIMEOUT,
    allow_private: _AllowPrivateOption = False,
) -> None:
    """Compare articles about the same events: aligned claims, differences, omissions, word choices."""
    with _errors_reported():
        from spinscope.compare import compare_documents, load_articles
        from spinscope.render import comparison_to_html, comparison_to_markdown

        settings = replace(
            _settings(None, model, _DEFAULT_MAX_BYTES, timeout, allow_private),
            compare=CompareSettings(lexicon=str(lexicon) if lexicon else None, threshold=threshold),
            store=StoreSettings(path=str(db)),
        )
        comparison = compare_documents(load_articles(inputs, settings=settings), settings=settings)
        with ExitStack() as stack:
            sink = stack.enter_context(_output(output))
            if output_format is CompareFormat.json:
                _emit(sink, json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n")
            elif output_format is CompareFormat.html:
                _emit(sink, comparison_to_html(comparison))
            else:
                _emit(sink, comparison_to_markdown(comparison))


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, glob patterns, JSONL corpora or http(s) URLs.", show_default=False),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Results file: .jsonl or .parquet; a rerun skips what it holds.", show_default=False
        ),
    ],
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (or Ray actors); one per core when left out.")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: processes on this machine; ray: Ray Data.")
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster to join (with --engine ray); a local Ray when left out."),
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Analyse again the inputs whose record failed, replacing it.")
    ] = False,
    stages: _StagesOption = None,
    model: _ModelOption = None,
    max_bytes: _MaxBytesOption = _DEFAULT_MAX_BYTES,
    max_chars: _MaxCharsOption = _DEFAULT_MAX_CHARS,
    timeout: _TimeoutOption = _DEFAULT_TIMEOUT,
    allow_private: _AllowPrivateOption = False,
    inventory: _InventoryOption = Inventory.v2020,
    techniques_model: _TechniquesModelOption = TechniquesModel.minilm,
) -> None:
    """Analyse a corpus into a results file, one record per input, in parallel and resumably."""
    with _errors_reported():
        from spinscope.batch import run_batch

        settings = _settings(
            stages,
            model,
            max_bytes,
            timeout,
            allow_private,
            max_chars=max_chars,
            inventory=inventory.value,
            techniques_model=techniques_model.value,
        )
        options = BatchSettings(workers=workers, engine=engine.value, address=address, retry_failed=retry_failed)
        with _progress() as progress:
            summary = run_batch(inputs, out, settings=settings, batch=options, progress=progress)
        Console().print(_summary_table(summary))
        typer.echo(f"results in {out}")


def _scores_table(title: str, rows: Mapping[str, Scores]) -> Table:
    """The one table of precision/recall/F1 measures: a row each, with the counts behind them."""
    table = Table(title, "precision", "recall", "F1", "right / predicted / gold")
    for label, scores in rows.items():
        right = "-" if scores.correct is None else str(scores.correct)  # None: partial credit, no count
        table.add_row(
            label,
            f"{scores.precision:.4f}",
            f"{scores.recall:.4f}",
            f"{scores.f1:.4f}",
            f"{right} / {scores.predicted} / {scores.gold}",
        )
    return table


def _summary_table(summary: BatchSummary) -> Table:
    table = Table("batch", "value")
    table.add_row("documents in the inputs", str(summary.documents))
    table.add_row("analysed now", str(summary.analysed))
    table.add_row("already done (skipped)", str(summary.skipped))
    for code, count in sorted(summary.failed.items()):
        table.add_row(f"  failed: {code}", str(count))
    for code, count in sorted(summary.stage_failures.items()):
        table.add_row(f"  stage failed: {code}", str(count))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    table.add_row("articles/s", f"{summary.articles_per_second:.2f}")
    table.add_row("workers", f"{summary.workers} ({summary.engine})")
    if summary.peak_mb:
        table.add_row("peak MB per worker", f"{max(summary.peak_mb.values()):.0f}")
    return table


train_app = typer.Typer(
    help="Train spinscope's models from labelled data.", no_args_is_help=True, context_settings=_GROUP_CONTEXT
)
eval_app = typer.Typer(
    help="Measure spinscope against labelled corpora.", no_args_is_help=True, context_settings=_GROUP_CONTEXT
)
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")

_ArticlesOption = Annotated[
    Path, typer.Option("--articles", help="Folder of the task's articleNNN.txt files.", show_default=False)
]
_LabelsOption = Annotated[
    Path,
    typer.Option("--labels", help="The task's technique labels: one TC file or a folder of them.", show_default=False),
]


@train_app.command("techniques")
def train_techniques(
    articles: _ArticlesOption,
    labels: _LabelsOption,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the model into.", show_default=False)],
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds, split by story.")] = 5,
    export_encoder: Annotated[
        bool, typer.Option("--export-encoder", help="Rebuild the encoder from its weights (needs torch).")
    ] = False,
    encoder_weights: Annotated[
        Path | None,
        typer.Option(
            "--encoder-weights",
            help="Export another encoder from this folder of weights into --out (all-mpnet-base-v2 for the "
            "mpnet model; see the README).",
            show_default=False,
        ),
    ] = None,
    layers: Annotated[
        list[int] | None,
        typer.Option("--layer", help="With --encoder-weights, a layer to read (repeat it; MPNet: 6 and 12)."),
    ] = None,
) -> None:
    """Train the techniques model on the PTC corpus and print its cross-validated figures."""
    with _errors_reported():
        from spinscope.training.export import LAYERS
        from spinscope.training.techniques import TrainSettings, train_from_ptc

        with _progress() as progress:
            validation = train_from_ptc(
                articles,
                labels,
                out,
                settings=TrainSettings(folds=folds),
                export=export_encoder or encoder_weights is not None,
                weights=encoder_weights,
                layers=tuple(layers) if layers else LAYERS,
                progress=progress,
            )
        table = Table("measure", "cross-validated", "trivial floor")
        table.add_row("SI precision", f"{validation.si.precision:.4f}", "")
        table.add_row("SI recall", f"{validation.si.recall:.4f}", "")
        table.add_row("SI F1", f"{validation.si.f1:.4f}", f"{validation.floors['si_every_sentence']:.4f}")
        table.add_row(
            "TC micro-F1", f"{validation.tc.micro_f1:.4f}", f"{validation.floors['tc_always_loaded_language']:.4f}"
        )
        if validation.shown is not None:
            table.add_row("precision of the spans shown", f"{validation.shown.precision:.4f}", "")
        Console().print(table)
        typer.echo(f"model written to {out}")


# SemEval-2023 paragraph techniques (Russian, and English's 2023 inventory): `spinscope train
# paragraphs` and `spinscope eval semeval2023`.
@train_app.command("paragraphs")
def train_paragraphs_command(
    data: Annotated[
        Path, typer.Option("--data", help="The shared data folder (semeval2023-task3-*/).", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the models into (a subfolder each).", show_default=False)
    ],
    languages: Annotated[
        str, typer.Option("--languages", help="Languages to validate and train a model for.")
    ] = "ru,en",
    helpers: Annotated[
        str, typer.Option("--helpers", help="Other languages that may join training where the folds find they help.")
    ] = "",
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds, split by article.")] = 5,
) -> None:
    """Train the SemEval-2023 paragraph techniques models; print their cross-validated micro-F1."""
    with _errors_reported():
        from spinscope.training.paragraphs import TrainSettings, train_paragraphs

        targets = [code.strip() for code in languages.split(",") if code.strip()]
        others = [code.strip() for code in helpers.split(",") if code.strip()]
        with _progress() as progress:
            results = train_paragraphs(
                data, out, targets=targets, helpers=others, settings=TrainSettings(folds=folds), progress=progress
            )
        table = Table("language", "micro-F1", "precision", "recall", "three most frequent: micro-F1")
        for language, result in results.items():
            table.add_row(
                language,
                f"{result.model.f1:.4f}",
                f"{result.model.precision:.4f}",
                f"{result.model.recall:.4f}",
                f"{result.baseline.f1:.4f}",
            )
        Console().print(table)
        typer.echo(f"models written to {out}")


@eval_app.command("semeval2023")
def eval_semeval2023(
    articles: _ArticlesOption,
    labels: Annotated[
        Path,
        typer.Option("--labels", help="The paragraph labels file (id, paragraph_no, techniques).", show_default=False),
    ],
    language: Annotated[str, typer.Option("--language", help="The articles' language: ru or en.")] = "ru",
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="A folder from `spinscope train paragraphs`.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the predictions in the task's format to this file.")
    ] = None,
) -> None:
    """Score the paragraph techniques model on SemEval-2023 subtask-3 articles: micro-F1 over paragraph pairs."""
    with _errors_reported():
        from spinscope.eval.semeval2023 import evaluate_subtask3, load_subtask3

        corpus = load_subtask3(articles, labels, language=language)
        scores = evaluate_subtask3(corpus, model_dir=model_dir, output=output)
        table = Table("measure", "value")
        table.add_row("micro-F1", f"{scores.f1:.4f}")
        table.add_row("precision", f"{scores.precision:.4f}")
        table.add_row("recall", f"{scores.recall:.4f}")
        for technique, f1 in scores.per_technique.items():
            table.add_row(f"  F1 {technique}", f"{f1:.4f} ({scores.support.get(technique, 0)} pairs)")
        Console().print(table)
        if output is not None:
            typer.echo(f"predictions written to {output}")


@eval_app.command("ptc")
def eval_ptc(
    articles: _ArticlesOption,
    labels: _LabelsOption,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="A model folder from `spinscope train techniques`.")
    ] = None,
) -> None:
    """Score the techniques model on PTC articles: SI from its spans, TC on the gold spans."""
    with _errors_reported():
        from spinscope.eval.ptc import evaluate_ptc, load_ptc

        corpus = load_ptc(articles, labels)
        settings = Settings(techniques=TechniqueSettings(model_dir=str(model_dir) if model_dir else None))
        with _progress() as progress:
            result = evaluate_ptc(corpus, settings=settings, progress=progress)
        table = Table("measure", "value")
        table.add_row("articles", str(result.articles))
        table.add_row("TC micro-F1", f"{result.tc.micro_f1:.4f}")
        table.add_row("spans shown (score ≥ operating point)", str(result.shown))
        table.add_row("precision of the spans shown", f"{result.shown_precision:.4f}")
        for technique, f1 in result.tc.per_technique.items():
            table.add_row(f"  TC F1 {technique}", f"{f1:.4f} ({result.tc.support.get(technique, 0)} spans)")
        console = Console()
        console.print(_scores_table("measure", {"SI (overlap credited)": result.si}))
        console.print(table)


class Split(StrEnum):
    """PolNeAR splits that ``eval quotes`` scores."""

    train = "train"
    dev = "dev"
    test = "test"


@eval_app.command("quotes")
def eval_quotes(
    polnear: Annotated[Path, typer.Option("--polnear", help="The PolNeAR folder (with data/).", show_default=False)],
    split: Annotated[
        Split, typer.Option("--split", help="dev to develop; test only for the final report.")
    ] = Split.dev,
) -> None:
    """Score quotes and speakers on PolNeAR: content (exact, overlap) and speaker P/R/F1."""
    with _errors_reported():
        from spinscope.eval.polnear import evaluate_quotes, load_polnear

        articles = load_polnear(polnear, split.value)
        with _progress() as progress:
            result = evaluate_quotes(articles, progress=progress)
        table = _scores_table(
            "measure",
            {
                "content, exact": result.content_exact,
                "content, overlap": result.content_overlap,
                "speaker": result.speaker,
            },
        )
        Console().print(f"PolNeAR {split.value}: {result.articles} articles")
        Console().print(table)


class TimexCorpus(StrEnum):
    """Gold formats that ``eval timex`` reads."""

    timeml = "timeml"
    meantime = "meantime"


@eval_app.command("timex")
def eval_timex(
    tml: Annotated[
        Path, typer.Option("--tml", help="A gold file, or a folder searched recursively.", show_default=False)
    ],
    corpus_format: Annotated[
        TimexCorpus, typer.Option("--format", help="timeml (TempEval-3 .tml) or meantime (NewsReader CAT .xml).")
    ] = TimexCorpus.timeml,
) -> None:
    """Score dates and times on TimeML gold: TempEval-3 strict and relaxed P/R/F1, value and type F1."""
    with _errors_reported():
        from spinscope.eval.timeml import evaluate_timexes, load_meantime, load_timeml

        documents = load_meantime(tml) if corpus_format is TimexCorpus.meantime else load_timeml(tml)
        with _progress() as progress:
            result = evaluate_timexes(documents, progress=progress)
        table = Table("measure", "precision", "recall", "F1", "accuracy", "right", "predicted", "gold")
        for label, precision, recall, f1, right in (
            ("strict span", result.strict_precision, result.strict_recall, result.strict_f1, result.strict),
            ("relaxed span", result.relaxed_precision, result.relaxed_recall, result.relaxed_f1, result.relaxed),
        ):
            table.add_row(
                label,
                f"{precision:.4f}",
                f"{recall:.4f}",
                f"{f1:.4f}",
                "",
                str(right),
                str(result.predicted),
                str(result.gold),
            )
        for label, f1, accuracy, right in (
            ("value (of relaxed)", result.value_f1, result.value_accuracy, result.right_value),
            ("type (of relaxed)", result.type_f1, result.type_accuracy, result.right_type),
        ):
            table.add_row(label, "", "", f"{f1:.4f}", f"{accuracy:.4f}", str(right), "", "")
        by_type = Table("gold type", "gold", "relaxed recall", "value accuracy")
        for kind, scores in result.per_type.items():
            by_type.add_row(kind, str(scores.gold), f"{scores.recall:.4f}", f"{scores.value_accuracy:.4f}")
        console = Console()
        console.print(
            f"{tml}: {result.documents} documents, {result.words} words, {result.words_per_second:,.0f} words/s"
        )
        console.print(table)
        console.print(by_type)


# Check-worthiness: `spinscope train claims` and `spinscope eval claims`.
_DataOption = Annotated[
    Path,
    typer.Option(
        "--data", help="The shared data folder (claimbuster/, clef2019-checkthat-task1-en/, ...).", show_default=False
    ),
]


@train_app.command("claims")
def train_claims(
    data: _DataOption,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the model into.", show_default=False)],
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds, split by debate.")] = 5,
) -> None:
    """Train the check-worthiness model on CheckThat! and ClaimBuster training data; print its CV figures."""
    with _errors_reported():
        from spinscope.training.claims import TrainSettings, train_from_data

        with _progress() as progress:
            validation = train_from_data(data, out, settings=TrainSettings(folds=folds), progress=progress)
        table = Table("measure (out of fold)", "model", "TF-IDF 1-2 grams + LR")
        table.add_row("CLEF MAP", f"{validation.clef.map:.4f}", f"{validation.baseline['clef_map']:.4f}")
        for k, value in validation.clef.precision_at.items():
            table.add_row(f"CLEF P@{k}", f"{value:.4f}", "")
        table.add_row("ClaimBuster precision", f"{validation.claimbuster.precision:.4f}", "")
        table.add_row("ClaimBuster recall", f"{validation.claimbuster.recall:.4f}", "")
        table.add_row(
            "ClaimBuster F1 (best threshold)",
            f"{validation.claimbuster.f1:.4f}",
            f"{validation.baseline['claimbuster_f1']:.4f}",
        )
        Console().print(table)
        typer.echo(f"threshold {validation.threshold:.4f}; model written to {out}")


@train_app.command("claims-multilingual")
def train_claims_multilingual(
    data: _DataOption,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the model into.", show_default=False)],
    sample: Annotated[
        int, typer.Option("--sample", help="English ClaimBuster sentences drawn (seeded) to train on.")
    ] = 5000,
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds, split by debate.")] = 5,
) -> None:
    # One line, however long: the command list shows the docstring's first line, as written.
    """Train the check-worthiness model for languages without data (Russian) on English ClaimBuster; print its CV figures."""  # noqa: E501
    with _errors_reported():
        from spinscope.training.claims_multilingual import TrainSettings, train_from_data

        with _progress() as progress:
            settings = TrainSettings(sample=sample, folds=folds)
            validation = train_from_data(data, out, settings=settings, progress=progress)
        table = Table("measure (English, out of fold)", "model", "all check-worthy")
        table.add_row("ClaimBuster precision", f"{validation.scores.precision:.4f}", "")
        table.add_row("ClaimBuster recall", f"{validation.scores.recall:.4f}", "")
        table.add_row("ClaimBuster F1 (best threshold)", f"{validation.scores.f1:.4f}", f"{validation.majority_f1:.4f}")
        Console().print(table)
        typer.echo(f"strength C={validation.strength:g}, threshold {validation.threshold:.4f}; model written to {out}")


@train_app.command("alignment")
def train_alignment(
    sets: Annotated[
        list[Path],
        typer.Option("--sets", help="A compare set folder (groups with gold.json); repeat it.", show_default=False),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the adapter into.", show_default=False)],
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over the gold pairs.")] = 20,
) -> None:
    """Fit the cross-language alignment adapter on the gold pairs of compare sets."""
    with _errors_reported():
        from spinscope.training.alignment import TrainSettings, train_from_sets

        with _progress() as progress:
            adapter = train_from_sets(sets, out, settings=TrainSettings(epochs=epochs), progress=progress)
        typer.echo(
            f"{adapter.meta['pairs']} gold pairs in {adapter.meta['examples']} article pairs; adapter written to {out}"
        )


@eval_app.command("claims")
def eval_claims(
    data: _DataOption,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="A model folder from `spinscope train claims`.")
    ] = None,
) -> None:
    """Score check-worthiness on CLEF-2019 Task 1 test (MAP, P@k) and ClaimBuster groundtruth (P/R/F1)."""
    with _errors_reported():
        from spinscope.eval.claims import evaluate_claims

        settings = Settings(claims=ClaimSettings(model_dir=str(model_dir) if model_dir else None))
        with _progress() as progress:
            result = evaluate_claims(data, settings=settings, progress=progress)
        ranking = Table("CLEF-2019 Task 1 test", "AP", *(f"P@{k}" for k in result.clef.precision_at))
        for name, (ap, precision) in result.clef.per_debate.items():
            ranking.add_row(name, f"{ap:.4f}", *(f"{value:.4f}" for value in precision.values()))
        ranking.add_row(
            "mean (MAP)", f"{result.clef.map:.4f}", *(f"{v:.4f}" for v in result.clef.precision_at.values())
        )
        scores = result.claimbuster
        table = _scores_table(
            "ClaimBuster groundtruth, check-worthy = CFS", {f"score ≥ threshold {scores.threshold:.4f}": scores}
        )
        console = Console()
        console.print(ranking)
        console.print(table)


@app.command()
def serve(
    db: _DbOption = _DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 serves the network.")
    ] = _DEFAULT_WEB.host,
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = _DEFAULT_WEB.port,
    model: _ModelOption = None,
    allow_private: _AllowPrivateOption = False,
    inventory: _InventoryOption = Inventory.v2020,
    techniques_model: _TechniquesModelOption = TechniquesModel.minilm,
) -> None:
    """Start the web app: paste, upload or fetch articles, read their reports, search the store."""
    with _errors_reported():
        from spinscope.web import create_app

        try:
            import uvicorn
        except ImportError as error:
            raise MissingDependencyError("serving the web app needs uvicorn: pip install 'spinscope[web]'") from error
        settings = replace(
            _settings(
                None,
                model,
                _DEFAULT_MAX_BYTES,
                _DEFAULT_TIMEOUT,
                allow_private,
                inventory=inventory.value,
                techniques_model=techniques_model.value,
            ),
            store=StoreSettings(path=str(db)),
            web=WebSettings(host=host, port=port),
        )
        app_ = create_app(settings)
        typer.echo(f"spinscope: loading models, then serving http://{host}:{port}/ over the store {db}", err=True)
        uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command("stages")
def list_stages() -> None:
    """List the analysis stages, what each needs and what it produces."""
    from spinscope.stages import STAGE_TYPES

    table = Table("stage", "requires", "produces", "what it does")
    for name, stage in STAGE_TYPES.items():
        table.add_row(name, ", ".join(stage.requires) or "-", ", ".join(stage.produces), _summary(stage))
    Console().print(table)


# The store: `spinscope store add|search|show|export`, thin adapters over spinscope.store.
store_app = typer.Typer(
    help="Keep analysed articles in an SQLite store; search, show and export them.",
    no_args_is_help=True,
    context_settings=_GROUP_CONTEXT,
)
app.add_typer(store_app, name="store")


class ShowFormat(StrEnum):
    """Output formats of ``spinscope store show``."""

    md = "md"
    json = "json"


@store_app.command("add")
def store_add(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help=(
                "Files, folders, http(s) URLs, or - to analyse; with --records, .json/.jsonl/.parquet files of records."
            ),
            show_default=False,
        ),
    ],
    db: _DbOption = _DEFAULT_DB,
    records: Annotated[
        bool, typer.Option("--records", help="The inputs are analysed records (e.g. batch results): store them as is.")
    ] = False,
    stages: _StagesOption = None,
    model: _ModelOption = None,
    max_bytes: _MaxBytesOption = _DEFAULT_MAX_BYTES,
    max_chars: _MaxCharsOption = _DEFAULT_MAX_CHARS,
    timeout: _TimeoutOption = _DEFAULT_TIMEOUT,
    allow_private: _AllowPrivateOption = False,
) -> None:
    """Analyse articles, or read analysed records, and keep them in the store."""
    from spinscope.analysis import analyze as analyze_inputs
    from spinscope.ingest import may_hold_several
    from spinscope.store import load_records, open_store

    # The store opens first, so that a --db that is not a store stops the command before models load.
    with _errors_reported(), open_store(StoreSettings(path=str(db))) as store:
        if records:
            documents, total, several = load_records(inputs), None, True
        else:
            settings = _settings(stages, model, max_bytes, timeout, allow_private, max_chars=max_chars)
            documents = analyze_inputs(inputs, settings=settings)
            expands = any(may_hold_several(spec) for spec in inputs)
            total, several = (None if expands else len(inputs)), expands or len(inputs) > 1
        summary = store.add_all(_with_progress(documents, total=total, show=several))
    for error in summary.failed:
        _error(error.message)
    typer.echo(f"{summary.added} added, {summary.updated} updated, {len(summary.failed)} failed (not stored) in {db}")
    if summary.failed:
        raise typer.Exit(1)


@store_app.command("search")
def store_search(
    query: Annotated[
        str, typer.Argument(help="Words to find in titles and texts; a hit has them all.", show_default=False)
    ],
    db: _DbOption = _DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", help="The most hits to show, best first.")] = 20,
) -> None:
    """Find stored articles by the words in them."""
    with _errors_reported():
        from spinscope.store import open_store

        if not 1 <= limit <= _MAX_HITS:
            raise ConfigError(f"--limit must be from 1 to {_MAX_HITS:,}, got {limit}", code="config")
        with open_store(StoreSettings(path=str(db)), create=False) as store:
            hits = store.search(query, limit=limit)
            total = store.count_matches(query)
    if not hits:
        typer.echo(f"no stored article has every word of {query!r}")
        return
    Console().print(_hits_table(hits))
    typer.echo(f"{len(hits)} of {total} matching articles")


@store_app.command("show")
def store_show(
    document_id: Annotated[
        str, typer.Argument(metavar="ID", help="The document's id, as search shows it.", show_default=False)
    ],
    db: _DbOption = _DEFAULT_DB,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="md: the readable summary; json: the contract record.")
    ] = ShowFormat.md,
) -> None:
    """Print a stored article's analysis."""
    with _errors_reported():
        from spinscope.store import open_store

        with open_store(StoreSettings(path=str(db)), create=False) as store:
            document = store.get(document_id)
        _write(document, sys.stdout, OutputFormat(output_format.value), first=True, several=False)


@store_app.command("export")
def store_export(
    db: _DbOption = _DEFAULT_DB,
    query: Annotated[
        str | None, typer.Option("--query", help="Export only the articles with these words, best first.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
) -> None:
    """Write the stored analyses as JSON Lines, one contract record per line."""
    from spinscope.store import open_store

    with _errors_reported(), open_store(StoreSettings(path=str(db)), create=False) as store, ExitStack() as stack:
        sink = stack.enter_context(_output(output))
        count = 0
        for record in store.export(query):
            _emit(sink, json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    if output:
        typer.echo(f"{count} records written to {output}")


def _hits_table(hits: list[SearchHit]) -> Table:
    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("title", max_width=30)
    table.add_column("source", max_width=24, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("snippet", overflow="fold")
    for hit in hits:
        parts = ((text.replace("\n", " "), "bold yellow" if matched else "") for text, matched in hit.snippet)
        # Text, not str: a title or snippet holding [brackets] is shown as written, never read as markup.
        cells = (hit.id, hit.title or "", hit.source or "", hit.published or "")
        table.add_row(*(Text(cell) for cell in cells), Text.assemble(*parts))
    return table


def main() -> None:
    """Entry point of the ``spinscope`` script."""
    app()


def _write(
    document: Document,
    sink: TextIO,
    output_format: OutputFormat,
    *,
    first: bool,
    several: bool,
    all_techniques: bool = False,
) -> None:
    from spinscope.render import to_html, to_markdown

    if output_format is OutputFormat.md:
        markdown = to_markdown(document, all_techniques=all_techniques)
        if sink is sys.stdout and sys.stdout.isatty():
            Console().print(Markdown(markdown))
        else:
            _emit(sink, ("" if first else "\n---\n\n") + markdown)
    elif output_format is OutputFormat.html:
        _emit(sink, to_html(document))
    elif output_format is OutputFormat.json and not several:
        _emit(sink, json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _emit(sink, json.dumps(document.to_dict(), ensure_ascii=False) + "\n")


def _emit(sink: TextIO, text: str) -> None:
    """Write and flush `text`, so that a full disk is reported at the record that did not fit."""
    try:
        sink.write(text)
        sink.flush()
    except OSError as error:
        raise _unwritable(Path(sink.name) if sink is not sys.stdout else None, error) from error


def _settings(
    stages: str | None,
    model: str | None,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    *,
    max_chars: int = _DEFAULT_MAX_CHARS,
    inventory: str = "2020",
    techniques_model: str = "minilm",
) -> Settings:
    return Settings(
        stages=tuple(name.strip() for name in stages.split(",") if name.strip()) if stages else None,
        ingest=IngestSettings(max_bytes=max_bytes, max_chars=max_chars),
        fetch=FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private),
        nlp=NlpSettings(model=model),
        techniques=TechniqueSettings(inventory=inventory, model=techniques_model),
    )


def _with_progress(documents: Iterator[Document], *, total: int | None, show: bool) -> Iterator[Document]:
    """`documents`, counted on a progress bar as each is handled (`total` None: not known)."""
    if not show:
        yield from documents
        return
    with _progress() as progress:
        for done, document in enumerate(documents, start=1):
            yield document
            progress("analysing", done, total)


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int | None], None]]:
    """The one progress bar of the CLI: a `spinscope.progress.Progress` that draws each step's
    (done, total) with its rate and time left on standard error, while that is a terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=_stderr, transient=True, disable=not _stderr.is_terminal) as bar:
        tasks: dict[str, TaskID] = {}

        def update(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total, rate="")
            bar.update(tasks[step], completed=done, total=total)
            speed = next(task.speed for task in bar.tasks if task.id == tasks[step])
            bar.update(tasks[step], rate=f"{speed:.2f}/s" if speed else "")

        yield update


def _summary(stage: type) -> str:
    return (stage.__doc__ or "").strip().splitlines()[0]


@contextmanager
def _errors_reported(*, store: str = "--db") -> Iterator[None]:
    """Turn a `SpinscopeError` into ``Error: <message>`` and exit status 1.

    Args:
        store: The option that names the store in this command (``--store`` in ``analyze``).
    """
    try:
        yield
    except SpinscopeError as error:
        if _State.debug:
            raise
        _error(error.message, store=store)
        raise typer.Exit(1) from None


# The library's messages name settings (`IngestSettings.max_bytes`); the CLI names its options.
# Phrases first, where an option reads better than the setting's value.
_OPTIONS = {
    "set BatchSettings.engine to 'ray'": "add --engine ray",
    "BatchSettings.retry_failed": "--retry-failed",
    "FetchSettings.allow_private": "--allow-private",
    "FetchSettings.max_bytes": "--max-bytes",
    "FetchSettings.timeout": "--timeout",
    "IngestSettings.max_bytes": "--max-bytes",
    "IngestSettings.max_chars": "--max-chars",
}


def _error(message: str, *, store: str = "--db") -> None:
    for setting, option in (*_OPTIONS.items(), ("StoreSettings.path", store)):
        message = message.replace(setting, option)
    typer.echo(f"Error: {_one_line(message)}", err=True)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(message: str) -> str:
    """`message` with line breaks and other control characters escaped (a path may hold them)."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), message)


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """The file to write to, or standard output when `path` is None, closed at the end.

    Failing to open, write or close it is one ``config.output`` error; when another error
    stops the command first, that one is reported and the file's closing cannot hide it.
    """
    if path is None:
        yield sys.stdout
        return
    try:
        sink = path.open("w", encoding="utf-8")
    except OSError as error:
        raise _unwritable(path, error) from error
    try:
        yield sink
    except BaseException:
        with suppress(OSError):  # closing can only fail as the write did: report the first error
            sink.close()
        raise
    try:
        sink.close()
    except OSError as error:
        raise _unwritable(path, error) from error


def _unwritable(path: Path | None, error: OSError) -> ConfigError:
    reason = error.strerror or error
    if path is None:
        advice = "check where it is redirected and that the disk has room"
        return ConfigError(f"cannot write standard output ({reason}); {advice}", code="config.output")
    advice = "check that its folder exists and is writable and that the disk has room"
    return ConfigError(f"cannot write {path} ({reason}); {advice}", code="config.output")
