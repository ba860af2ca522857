"""The JSON contract of one analysed document, as shipped with spinscope.

`analysis.schema.json` here is the project's shared contract with the optional fields
spinscope adds; it never drops or renames a field of the shared contract (a test checks it).
"""

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load_schema"]


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every document `to_dict()` satisfies."""
    return json.loads(files(__package__).joinpath("analysis.schema.json").read_text("utf-8"))
