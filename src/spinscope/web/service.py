"""What the routes call: the settings, the pipeline, the store.

Invariant: the pipeline analyses one document at a time (behind a lock), so memory stays
bounded however many requests arrive; the store serialises its own access.
"""

from __future__ import annotations

import threading

from fastapi import Request

from spinscope.document import Document
from spinscope.pipeline import Pipeline, build_pipeline
from spinscope.settings import Settings
from spinscope.store import Store, open_store

__all__ = ["Service", "get_service"]


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


def get_service(request: Request) -> Service:
    """The app's service, for routes to depend on."""
    return request.app.state.service
