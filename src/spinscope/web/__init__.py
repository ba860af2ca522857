"""The web app: paste, upload or fetch an article, read its report, search the store.

FastAPI is an optional dependency (the ``[web]`` extra); importing this package does not
import it, `create_app` does, and says which extra to install when it is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinscope.errors import MissingDependencyError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from spinscope.pipeline import Pipeline
    from spinscope.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, pipeline: Pipeline | None = None) -> FastAPI:
    """Build the web app over the store that `settings.store` names.

    Args:
        settings: The pipeline's, the store's and the web app's settings; the defaults when None.
        pipeline: A pipeline already built from `settings`, to share one between apps (tests);
            when None, the app builds its own as it starts.

    Raises:
        MissingDependencyError: FastAPI is not installed.
    """
    try:
        from spinscope.web.app import build_app
    except ImportError as error:
        raise MissingDependencyError(
            f"the web app needs {error.name or 'FastAPI'}: pip install 'spinscope[web]'"
        ) from error
    return build_app(settings, pipeline=pipeline)
