"""The errors spinscope raises.

Every error is a `SpinscopeError` and also the builtin exception it refines, so callers can
catch either. Each carries a stable `code` (``input.empty``, ``fetch.forbidden_address``, ...)
that batch outputs, the CLI and the web API report verbatim; codes never change meaning.
A message says what was wrong, with which value, and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ContractError",
    "DocumentNotFoundError",
    "FetchError",
    "InputError",
    "MissingDependencyError",
    "ModelNotFoundError",
    "PipelineError",
    "SpinscopeError",
    "StoreError",
]


class SpinscopeError(Exception):
    """Base class of every error spinscope raises on purpose."""

    code: str = "spinscope"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        """The human-readable message, without the code."""
        return str(self.args[0]) if self.args else ""


class InputError(SpinscopeError, ValueError):
    """An input cannot be read as an article: missing, empty, binary, too large, malformed."""

    code = "input"


class FetchError(InputError):
    """A URL could not be fetched, or fetching it was refused."""

    code = "fetch"


class ConfigError(SpinscopeError, ValueError):
    """A setting or option has a value spinscope cannot use."""

    code = "config"


class ContractError(SpinscopeError, ValueError):
    """A document or JSON record does not satisfy the analysis contract (bad offsets, fields)."""

    code = "contract"


class PipelineError(SpinscopeError, RuntimeError):
    """A pipeline is built wrongly (unknown stage, unmet requirement) or a stage misbehaves."""

    code = "pipeline"


class ModelNotFoundError(SpinscopeError, OSError):
    """A model package or path that a stage needs is not installed."""

    code = "model.missing"


class MissingDependencyError(SpinscopeError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""

    code = "dependency.missing"


class StoreError(SpinscopeError, RuntimeError):
    """The document store cannot be used: missing, not a store, written by a newer spinscope,
    busy, or asked to keep a document that has no text."""

    code = "store"


class DocumentNotFoundError(SpinscopeError, LookupError):
    """The store holds no document with the id asked for."""

    code = "store.not_found"
