"""spinscope: make persuasive news articles legible, with evidence anchored to the text.

The public API: load inputs into `Document`s, run a `Pipeline` of stages over them, and read
the layers they produce, or call `analyze` / `analyze_text` to do all three at once.
"""

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("spinscope")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

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
