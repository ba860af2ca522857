"""What a stage is: a named computation that declares what it needs and what it produces.

A stage computes; it never writes to the document. It returns a `StageResult` holding the
layers it produced (span items, kept in the document and its JSON) and the artifacts it
produced (in-memory values such as a parsed spaCy `Doc`, handed to later stages of the same
run and never serialised). The pipeline checks a stage's `requires` and `produces` when it is
built, and stores what the stage returns.

A stage also declares the languages it supports (`Stage.languages`, English only unless it
says otherwise, since spinscope's models are English); the pipeline skips it on a text in any
other language, so that no English model ever reads another language. Adding a language is
adding a model for it and its code to the stages that then support it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from spinscope.document import Document, LayerItem
from spinscope.settings import Settings

__all__ = ["Stage", "StageResult"]


@dataclass(frozen=True, slots=True)
class StageResult:
    """What a stage produced for one document: layers by name, and artifacts by name."""

    layers: Mapping[str, Sequence[LayerItem]] = field(default_factory=dict)
    artifacts: Mapping[str, Any] = field(default_factory=dict)


class Stage(ABC):
    """Base class of pipeline stages.

    Subclasses set the class attributes and implement `process`; a stage that gains from
    working on many documents at once (spaCy's ``nlp.pipe``) also overrides `process_batch`.
    Expensive set-up (loading a model) belongs in ``__init__``, so that a missing model is
    reported when the pipeline is built, not on the first document.

    Attributes:
        name: The stage's name, as given to ``--stages``.
        requires: Names of the layers or artifacts the stage reads.
        produces: Names of the layers and artifacts the stage returns, all of them every time.
        version: Changes whenever the stage's output for the same input may change.
        languages: ISO 639 codes of the languages the stage can analyse; None for a stage that
            handles any language itself (choosing a model per language, or using none).
    """

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]]
    version: str = "1"
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, settings: Settings | None = None) -> None:  # noqa: B027 (a hook, not abstract)
        """Set the stage up from `settings`; the base stage has nothing to set up."""

    @abstractmethod
    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Compute this stage's output for one document.

        Args:
            document: The document, with the layers of earlier stages.
            inputs: The artifacts named in `requires`, by name.
        """

    def supports(self, language: str) -> bool:
        """Whether the stage can analyse a text in `language` (an ISO 639 code)."""
        return self.languages is None or language in self.languages

    def process_batch(self, documents: Sequence[Document], inputs: Sequence[Mapping[str, Any]]) -> list[StageResult]:
        """Compute this stage's output for several documents, in order."""
        return [
            self.process(document, document_inputs) for document, document_inputs in zip(documents, inputs, strict=True)
        ]
