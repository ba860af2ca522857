"""Run stages over documents, storing what they produce and recording what happened.

Invariants:
- A pipeline is checked when it is built: every name a stage requires is produced by an
  earlier stage, and no two stages produce the same name.
- Every document that goes in comes out, in order, with one `StageRecord` per known stage:
  ``ok``; ``failed`` with the error (its layers absent, those of other stages kept);
  or ``skipped`` with the reason (not selected, a requirement failed, the input failed, the
  text's language is not one the stage supports).
- The language gate: a stage runs only on a text in a language it supports
  (`Stage.languages`); otherwise its record is ``skipped`` with code `LANGUAGE_SKIP_CODE`
  and a one-line reason. The language is `metadata.language` as ingest detected it from the
  text, or, for a document built without one, detected here and recorded in its metadata.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from spinscope.document import Document, StageRecord
from spinscope.errors import ConfigError, PipelineError, SpinscopeError
from spinscope.language import detect_language, language_of
from spinscope.settings import NlpSettings, Settings
from spinscope.stages import STAGE_TYPES, Stage, StageResult

__all__ = ["LANGUAGE_SKIP_CODE", "Pipeline", "build_pipeline", "stage_names"]

# The code of a stage record skipped because the stage does not support the text's language.
LANGUAGE_SKIP_CODE = "language.unsupported"


def stage_names() -> list[str]:
    """The names of all known stages, in run order."""
    return list(STAGE_TYPES)


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build the pipeline `settings.stages` asks for, adding the stages they require.

    Raises:
        ConfigError: A requested stage does not exist.
        ModelNotFoundError: A stage's model is not installed.
    """
    settings = settings or Settings()
    wanted = set(settings.stages if settings.stages is not None else STAGE_TYPES)
    unknown = sorted(wanted - set(STAGE_TYPES))
    if unknown:
        raise ConfigError(
            f"unknown stage {', '.join(map(repr, unknown))}; known stages: {', '.join(STAGE_TYPES)}",
            code="config.stage",
        )
    producers = {name: stage for stage in STAGE_TYPES.values() for name in stage.produces}
    pending = list(wanted)
    while pending:
        for requirement in STAGE_TYPES[pending.pop()].requires:
            producer = producers[requirement].name
            if producer not in wanted:
                wanted.add(producer)
                pending.append(producer)
    stages = [stage_type(settings) for name, stage_type in STAGE_TYPES.items() if name in wanted]
    unselected = [name for name in STAGE_TYPES if name not in wanted]
    return Pipeline(stages, unselected=unselected, batch_size=settings.nlp.batch_size)


@dataclass(slots=True)
class _Run:
    """One document's progress through a batch: what it has, and where it stopped."""

    document: Document
    language: str
    artifacts: dict[str, Any] = field(default_factory=dict)
    available: set[str] = field(default_factory=set)
    lost: dict[str, str] = field(default_factory=dict)  # name -> stage that failed to make it


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(
        self,
        stages: Sequence[Stage],
        *,
        unselected: Sequence[str] = (),
        batch_size: int = NlpSettings().batch_size,
    ) -> None:
        """Check and keep `stages`.

        Args:
            stages: The stages, in run order.
            unselected: Names of known stages left out on purpose; each document records them
                as skipped.
            batch_size: Documents handed to each stage at a time.

        Raises:
            PipelineError: A stage requires a name no earlier stage produces, or two stages
                produce the same name.
        """
        produced: dict[str, str] = {}
        for stage in stages:
            for requirement in stage.requires:
                if requirement not in produced:
                    raise PipelineError(
                        f"stage {stage.name!r} requires {requirement!r}, which no earlier stage "
                        f"produces; put the stage that produces it before {stage.name!r}",
                        code="pipeline.order",
                    )
            for name in stage.produces:
                if name in produced:
                    raise PipelineError(
                        f"stages {produced[name]!r} and {stage.name!r} both produce {name!r}",
                        code="pipeline.conflict",
                    )
                produced[name] = stage.name
        self.stages = tuple(stages)
        self.unselected = tuple(unselected)
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        """The names of the stages that run, in order."""
        return [stage.name for stage in self.stages]

    def __call__(self, document: Document) -> Document:
        """Analyse one document."""
        return next(self.run([document]))

    def run(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Analyse documents, in batches, yielding each one as its batch finishes."""
        iterator = iter(documents)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        runs = [_Run(document, _language(document)) for document in batch]
        for stage in self.stages:
            ready = []
            for run in runs:
                reason, code = _why_not_ready(stage, run)
                if reason is None:
                    ready.append(run)
                else:
                    run.document.add_stage(StageRecord(stage.name, "skipped", stage.version, reason, code))
            if ready:
                self._apply(stage, ready)
        for run in runs:
            for name in self.unselected:
                run.document.add_stage(StageRecord(name, "skipped", error="not selected"))
        return batch

    def _apply(self, stage: Stage, runs: list[_Run]) -> None:
        documents = [run.document for run in runs]
        inputs = [_inputs(stage, run) for run in runs]
        started = time.perf_counter()
        try:
            results: Sequence[StageResult | Exception] = stage.process_batch(documents, inputs)
            seconds = [(time.perf_counter() - started) / len(runs)] * len(runs)
        except Exception:
            # One document broke the batch: run them one by one to find which, keep the rest.
            results, seconds = [], []
            for document, document_inputs in zip(documents, inputs, strict=True):
                started = time.perf_counter()
                try:
                    results.append(stage.process(document, document_inputs))
                except Exception as error:  # recorded as data, the document is kept
                    results.append(error)
                seconds.append(time.perf_counter() - started)
        for run, result, spent in zip(runs, results, seconds, strict=True):
            self._store(stage, run, result, round(spent, 6))

    def _store(self, stage: Stage, run: _Run, result: StageResult | Exception, seconds: float) -> None:
        error = result if isinstance(result, Exception) else _add_result(stage, run, result)
        if error is not None:
            code = error.code if isinstance(error, SpinscopeError) else "stage.error"
            message = f"{type(error).__name__}: {error}"
            run.document.add_stage(StageRecord(stage.name, "failed", stage.version, message, code, seconds))
            run.lost.update({name: stage.name for name in stage.produces})
            return
        run.document.add_stage(StageRecord(stage.name, "ok", stage.version, seconds=seconds))


def _add_result(stage: Stage, run: _Run, result: StageResult) -> Exception | None:
    """Add what a stage returned to its run: its layers, artifacts and what is now available; or
    the error that refused it (undeclared output, or layers that break the contract)."""
    error = _undeclared_output(stage, result)
    if error is not None:
        return error
    try:
        run.document.add_layers(result.layers)
    except SpinscopeError as contract_error:
        return contract_error
    run.artifacts.update(result.artifacts)
    run.available.update(stage.produces)
    return None


def _undeclared_output(stage: Stage, result: StageResult) -> PipelineError | None:
    """The error of a stage that returned other names than it declares, else None."""
    produced = set(result.layers) | set(result.artifacts)
    if produced == set(stage.produces):
        return None
    return PipelineError(
        f"stage {stage.name!r} returned {sorted(produced)}, but declares {sorted(stage.produces)}",
        code="pipeline.produces",
    )


def _language(document: Document) -> str:
    """The language the gate uses; a document built without one gets it recorded."""
    if document.error is not None:
        return ""
    if document.metadata.language is None:
        guess = detect_language(document.text)
        # Like the layers and the stage records, the language the stages were gated on is
        # written by the pipeline; the text, and so the document's id, stay as they were.
        metadata = replace(document.metadata, language=guess.code, language_note=guess.note)
        object.__setattr__(document, "metadata", metadata)
    return language_of(document)


def _why_not_ready(stage: Stage, run: _Run) -> tuple[str | None, str | None]:
    """Why `stage` cannot run on `run`'s document, and the reason's code; (None, None) if it can."""
    if run.document.error is not None:
        return f"no text: the input failed ({run.document.error.code})", None
    if not stage.supports(run.language):
        supported = ", ".join(sorted(stage.languages or ()))
        return (
            f"the text is in {run.language!r}; this stage supports {supported} only",
            LANGUAGE_SKIP_CODE,
        )
    for requirement in stage.requires:
        if requirement not in run.available:
            return f"requires {requirement!r}, which stage {run.lost.get(requirement, '?')!r} did not produce", None
    return None, None


def _inputs(stage: Stage, run: _Run) -> Mapping[str, Any]:
    return {name: run.artifacts[name] for name in stage.requires if name in run.artifacts}
