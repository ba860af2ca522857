"""The documented surface: what the README promises exists, and what exists is documented."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys

import pytest
import typer.main

import spinscope
from spinscope.cli import app
from spinscope.settings import (
    BatchSettings,
    ClaimSettings,
    FetchSettings,
    IngestSettings,
    NlpSettings,
    Settings,
    StoreSettings,
    TechniqueSettings,
    WebSettings,
)
from spinscope.stages import STAGE_TYPES

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def test_all_is_sorted_and_exactly_what_the_readme_lists() -> None:
    documented = set(re.findall(r"`(\w+)`", _section("The library").split("Public names", 1)[1]))
    assert spinscope.__all__ == sorted(spinscope.__all__)
    assert set(spinscope.__all__) <= documented
    assert documented & set(dir(spinscope)) == set(spinscope.__all__)


def test_every_cli_command_and_option_is_documented() -> None:
    section = _section("The command line")
    command = typer.main.get_command(app)
    for name, subcommand in _commands(command):
        assert f"`spinscope {name}" in section, name
        for parameter in subcommand.params:
            for option in parameter.opts:
                if option.startswith("-"):
                    assert f"`{option}`" in section, option
    for parameter in command.params:
        assert any(f"`spinscope {option}" in section for option in parameter.opts)


def _commands(group, prefix: str = ""):
    """(name, command) of every leaf command, with group names joined: "train techniques"."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


@pytest.mark.parametrize(
    "settings_type",
    [
        Settings,
        IngestSettings,
        FetchSettings,
        NlpSettings,
        ClaimSettings,
        TechniqueSettings,
        BatchSettings,
        StoreSettings,
        WebSettings,
    ],
    ids=lambda t: t.__name__,
)
def test_every_setting_is_documented(settings_type: type) -> None:
    section = _section("Settings")
    for field in dataclasses.fields(settings_type):
        if field.name in ("ingest", "fetch", "nlp", "claims", "techniques", "store", "web"):
            continue
        assert f"`{settings_type.__name__}.{field.name}`" in section


def test_every_stage_is_documented() -> None:
    section = _section("Stages")
    for name in STAGE_TYPES:
        assert f"| `{name}` |" in section


def test_every_error_code_raised_is_documented() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "spinscope").rglob("*.py"))
    codes = set(re.findall(r'code="((?:input|fetch|config|model|store|request)\.[a-z_]+)"', source))
    assert codes, "no codes found: the pattern is stale"
    undocumented = sorted(code for code in codes if f"`{code}`" not in README)
    assert undocumented == []


# Runs the whole analysis, techniques model included, with torch and scikit-learn made
# unimportable: whether or not a development environment has them, analysis must not need them.
_WITHOUT_TRAINING_LIBRARIES = """
import sys
from importlib.abc import MetaPathFinder

class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "sklearn", "transformers"):
            raise ModuleNotFoundError(f"blocked: {name}", name=name)

sys.meta_path.insert(0, Block())
import spinscope
document = spinscope.analyze_text("President Ilham Aliyev spoke. They are shameless liars!")
print(sorted(document.layers), [record.status for record in document.stages])
"""


def test_analysis_runs_without_torch_or_scikit_learn() -> None:
    result = subprocess.run([sys.executable, "-c", _WITHOUT_TRAINING_LIBRARIES], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['claims', 'entities', 'findings', 'quotes', 'sentences', 'techniques', 'terms', 'timeline', 'timexes'] "
        "['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']"
    )


def test_only_the_adapters_import_cli_and_web_frameworks() -> None:
    package = ROOT / "src" / "spinscope"
    adapters = {package / "cli.py", *(package / "web").rglob("*.py")}
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path not in adapters
        and re.search(r"^\s*(?:import|from)\s+(?:typer|rich|fastapi)\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == []


def _module_imports(source: str, modules: set[str]) -> set[str]:
    """The spinscope modules a module imports at its top level (imports inside functions are lazy)."""
    found = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def test_the_import_graph_has_no_circle() -> None:
    """No chain of top-level imports leads from a module back to itself.

    A package's ``__init__`` that re-exports its children is not counted as imported by them:
    Python runs a parent package first, and that order is not a circle.
    """
    package = ROOT / "src"
    paths = {
        ".".join(path.relative_to(package).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (package / "spinscope").rglob("*.py")
    }
    graph = {
        name: _module_imports(path.read_text(encoding="utf-8"), set(paths)) - {name} for name, path in paths.items()
    }
    finished: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            pytest.fail("import circle: " + " -> ".join([*trail[trail.index(name) :], name]))
        if name in finished:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        finished.add(name)

    for name in sorted(graph):
        visit(name, [])
