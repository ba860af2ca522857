from __future__ import annotations

from typing import Any

from spinscope.contract import load_schema


def _missing(shared: Any, ours: Any, path: str = "$") -> list[str]:
    """Where `ours` drops, renames or changes something of `shared` (additions are fine)."""
    if isinstance(shared, dict):
        if not isinstance(ours, dict):
            return [path]
        problems = []
        for key, value in shared.items():
            if key in ("description", "$id", "title"):
                continue
            if key not in ours:
                problems.append(f"{path}.{key}")
            elif key == "required":
                problems += [f"{path}.required.{name}" for name in value if name not in ours[key]]
            else:
                problems += _missing(value, ours[key], f"{path}.{key}")
        return problems
    if isinstance(shared, list) and all(isinstance(item, dict) for item in shared):
        if len(ours) != len(shared):
            return [path]
        return [p for i, (a, b) in enumerate(zip(shared, ours, strict=True)) for p in _missing(a, b, f"{path}[{i}]")]
    return [] if shared == ours else [path]


def test_contract_extends_the_shared_contract_without_breaking_it(shared_schema) -> None:
    assert _missing(shared_schema, load_schema()) == []
