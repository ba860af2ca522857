"""Start-up: ``import spinscope`` and the CLI's help load no heavy dependency, and the lazy
public names are the ones ``__all__`` promises, with the types mypy is shown.

The timings themselves are benchmarks/startup.py's; these tests pin what makes them fast.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib.metadata import version

import pytest
import typer.main

import spinscope
from spinscope.cli import app

from .conftest import ROOT

# Each takes a tenth of a second or more to import, and none is needed before analysis starts.
_HEAVY = ("numpy", "spacy", "onnxruntime", "torch", "thinc")


def _run(code: str) -> str:
    """What `code` prints, run in a fresh interpreter (this one has long imported everything)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_spinscope_loads_no_heavy_dependency() -> None:
    code = f"import spinscope, sys; print(sorted(m for m in {_HEAVY!r} if m in sys.modules))"
    assert _run(code).strip() == "[]"


def _help_commands() -> list[list[str]]:
    """The arguments before ``--help`` of every group and command, the top level first."""
    found: list[list[str]] = [[]]

    def walk(group: object, prefix: list[str]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            found.append([*prefix, name])
            walk(command, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


# Asks for each help in turn in one process and notes, after each, which heavy modules, stages
# and models are loaded: the first entry that lists one names the help that loaded it.
_EVERY_HELP = """
import io, json, sys
from contextlib import redirect_stdout
from spinscope.cli import app

commands, heavy = json.loads(sys.argv[1]), tuple(json.loads(sys.argv[2]))
loaded = {}
for arguments in commands:
    with redirect_stdout(io.StringIO()):
        try:
            app([*arguments, "--help"], prog_name="spinscope")
        except SystemExit as exit:
            assert exit.code == 0, (arguments, exit.code)
    loaded[" ".join(arguments) or "(top level)"] = sorted(
        {name.split(".")[0] for name in sys.modules if name.split(".")[0] in heavy}
        | {name for name in sys.modules if name.startswith(("spinscope.stages", "spinscope.models"))}
    )
print(json.dumps(loaded))
"""


def test_cli_help_of_every_command_loads_no_heavy_dependency_nor_stage() -> None:
    commands = _help_commands()
    arguments = [json.dumps(commands), json.dumps(_HEAVY)]
    result = subprocess.run(
        [sys.executable, "-c", _EVERY_HELP, *arguments], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert len(loaded) == len(commands) > 20
    assert {command: modules for command, modules in loaded.items() if modules} == {}


@pytest.mark.parametrize("name", spinscope.__all__)
def test_public_name_resolves_and_is_listed(name: str) -> None:
    assert getattr(spinscope, name) is not None
    assert name in dir(spinscope)


def test_version_is_the_installed_one() -> None:
    assert spinscope.__version__ == version("spinscope")


def test_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'analyse'"):
        _ = spinscope.analyse


def test_type_checking_imports_are_the_lazy_table() -> None:
    """The names mypy sees imported are the names `__getattr__` loads, from the same modules."""
    tree = ast.parse((ROOT / "src" / "spinscope" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    imported = {
        alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names
    }
    assert imported == spinscope._EXPORTS
    assert sorted([*imported, "__version__"]) == spinscope.__all__
