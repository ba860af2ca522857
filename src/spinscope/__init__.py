"""spinscope: make persuasive news articles legible, with evidence anchored to the text.

The public API: load inputs into `Document`s, run a `Pipeline` of stages over them, and read
the layers they produce, or call `analyze` / `analyze_text` to do all three at once.

Every public name is loaded when it is first used (PEP 562), so that ``import spinscope`` and
``spinscope --help`` load neither numpy nor the stages, models or their dependencies.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinscope.analysis import analyze, analyze_text, classify_spans
    from spinscope.batch import BatchSummary, run_batch
    from spinscope.compare import Comparison, compare_documents, load_lexicon
    from spinscope.document import (
        Claim,
        Document,
        DocumentError,
        Entity,
        Finding,
        Image,
        Mention,
        Metadata,
        Quote,
        Source,
        Span,
        Speaker,
        StageRecord,
        Technique,
        Term,
        TimelineEntry,
        Timex,
    )
    from spinscope.errors import (
        ConfigError,
        ContractError,
        DocumentNotFoundError,
        FetchError,
        InputError,
        MissingDependencyError,
        ModelNotFoundError,
        PipelineError,
        SpinscopeError,
        StoreError,
    )
    from spinscope.ingest import load_documents
    from spinscope.pipeline import Pipeline, build_pipeline, stage_names
    from spinscope.render import comparison_to_html, comparison_to_markdown, to_html, to_markdown
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
    from spinscope.stages import Stage, StageResult
    from spinscope.store import AddSummary, DocumentSummary, SearchHit, Store, TechniqueCount, load_records, open_store

    __version__: str

# The module that defines each public name; `__getattr__` imports it on the name's first use.
_MODULES = {
    "spinscope.analysis": "analyze analyze_text classify_spans",
    "spinscope.batch": "BatchSummary run_batch",
    "spinscope.compare": "Comparison compare_documents load_lexicon",
    "spinscope.document": (
        "Claim Document DocumentError Entity Finding Image Mention Metadata Quote Source Span Speaker"
        " StageRecord Technique Term TimelineEntry Timex"
    ),
    "spinscope.errors": (
        "ConfigError ContractError DocumentNotFoundError FetchError InputError MissingDependencyError"
        " ModelNotFoundError PipelineError SpinscopeError StoreError"
    ),
    "spinscope.ingest": "load_documents",
    "spinscope.pipeline": "Pipeline build_pipeline stage_names",
    "spinscope.render": "comparison_to_html comparison_to_markdown to_html to_markdown",
    "spinscope.settings": (
        "BatchSettings ClaimSettings CompareSettings FetchSettings IngestSettings NlpSettings Settings"
        " StoreSettings TechniqueSettings WebSettings"
    ),
    "spinscope.stages": "Stage StageResult",
    "spinscope.store": "AddSummary DocumentSummary SearchHit Store TechniqueCount load_records open_store",
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names.split()}


def __getattr__(name: str) -> object:
    """Import a public name's module on first use and keep the name here, so it is loaded once."""
    if name == "__version__":
        value: object = _installed_version()
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The names `dir(spinscope)` lists: the public ones too, before their first use."""
    return sorted({*globals(), *__all__})


def _installed_version() -> str:
    # importlib.metadata takes about 0.1 s to import (email, zipfile), so only `__version__` pays it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spinscope")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


__all__ = [
    "AddSummary",
    "BatchSettings",
    "BatchSummary",
    "Claim",
    "ClaimSettings",
    "CompareSettings",
    "Comparison",
    "ConfigError",
    "ContractError",
    "Document",
    "DocumentError",
    "DocumentNotFoundError",
    "DocumentSummary",
    "Entity",
    "FetchError",
    "FetchSettings",
    "Finding",
    "Image",
    "IngestSettings",
    "InputError",
    "Mention",
    "Metadata",
    "MissingDependencyError",
    "ModelNotFoundError",
    "NlpSettings",
    "Pipeline",
    "PipelineError",
    "Quote",
    "SearchHit",
    "Settings",
    "Source",
    "Span",
    "Speaker",
    "SpinscopeError",
    "Stage",
    "StageRecord",
    "StageResult",
    "Store",
    "StoreError",
    "StoreSettings",
    "Technique",
    "TechniqueCount",
    "TechniqueSettings",
    "Term",
    "TimelineEntry",
    "Timex",
    "WebSettings",
    "__version__",
    "analyze",
    "analyze_text",
    "build_pipeline",
    "classify_spans",
    "compare_documents",
    "comparison_to_html",
    "comparison_to_markdown",
    "load_documents",
    "load_lexicon",
    "load_records",
    "open_store",
    "run_batch",
    "stage_names",
    "to_html",
    "to_markdown",
]
