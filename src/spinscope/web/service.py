"""What the routes call: the settings, the pipeline, the store.

Invariant: the pipeline analyses one document at a time, and a comparison of at most
`MAX_COMPARED` documents runs under the same lock, so CPU and memory stay bounded however
many requests arrive; the store serialises its own access.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fastapi import Request

from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.pipeline import Pipeline, build_pipeline
from spinscope.settings import Settings
from spinscope.store import Store, open_store

if TYPE_CHECKING:
    from spinscope.compare import Comparison

__all__ = ["MAX_COMPARED", "Service", "get_service"]

MAX_COMPARED = 8  # documents in one comparison: its cost grows faster than their number


class Service:
    """What the routes call: the settings, the pipeline, the store, and one analysis at a time."""

    def __init__(self, settings: Settings, *, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._store: Store | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Load the models (unless a pipeline was given) and open the store."""
        if self._pipeline is None:
            self._pipeline = build_pipeline(self.settings)
        self._store = open_store(self.settings.store)

    def close(self) -> None:
        """Close the store."""
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def store(self) -> Store:
        """The open store."""
        if self._store is None:
            raise RuntimeError("the service is not started")
        return self._store

    def analyze(self, document: Document, *, keep: bool = True) -> Document:
        """Run the pipeline over `document` and, when `keep`, add the result to the store."""
        if self._pipeline is None:
            raise RuntimeError("the service is not started")
        with self._lock:
            analysed = self._pipeline(document)
        if keep:
            self.store.add(analysed)
        return analysed

    def compare(self, ids: Sequence[str]) -> Comparison:
        """Compare the stored documents `ids` (each counted once), one comparison or analysis at a time.

        Raises:
            InputError: More than `MAX_COMPARED` different ids (code ``input.compare``).
            DocumentNotFoundError: An id is not in the store.
            ConfigError: Fewer than two different ids, or a document that cannot be compared.
        """
        from spinscope.compare import compare_documents

        unique = list(dict.fromkeys(ids))
        if len(unique) > MAX_COMPARED:
            raise InputError(
                f"got {len(unique)} documents to compare; at most {MAX_COMPARED} are compared at once: "
                "tick fewer articles",
                code="input.compare",
            )
        documents = [self.store.get(document_id) for document_id in unique]
        with self._lock:
            return compare_documents(documents, settings=self.settings)


def get_service(request: Request) -> Service:
    """The app's service, for routes to depend on."""
    return request.app.state.service
