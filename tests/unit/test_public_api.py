"""The family packages' public API: every name in ``__all__`` exists, is documented and takes
typed arguments (the functions the CLI and a future web view call), and the CLI modules of the
family call the package, not its private modules."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import nybureau

PACKAGES = ["nybureau.services.substance", "nybureau.services.admin"]
ROOT = Path(nybureau.__file__).parent
# The CLI modules of these families (workflows.py calls no service of theirs).
CLI_MODULES = ["items", "workshop", "evaluation", "prototypes", "trace", "admin", "demo",
               "_templates", "workflows"]


def _public(package: str):
    module = importlib.import_module(package)
    assert module.__all__, package
    assert len(set(module.__all__)) == len(module.__all__), "a name is listed twice"
    for name in module.__all__:
        yield name, getattr(module, name)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_exists_and_is_documented(package):
    for name, value in _public(package):
        assert (value.__doc__ or "").strip(), f"{package}.{name} has no docstring"
        assert not name.startswith("_"), name


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_function_types_its_arguments(package):
    for name, value in _public(package):
        if isinstance(value, type) or not callable(value):
            continue
        params = inspect.signature(value).parameters.values()
        untyped = [p.name for p in params if p.annotation is inspect.Parameter.empty
                   and p.kind is not p.VAR_KEYWORD]
        assert not untyped, f"{package}.{name}: untyped arguments {untyped}"
        assert inspect.signature(value).return_annotation is not inspect.Parameter.empty, name


@pytest.mark.parametrize("package", PACKAGES)
def test_no_public_name_hides_a_module_of_the_package(package):
    """`from package import X` must give the same object whether or not module X was loaded."""
    folder = ROOT.joinpath(*package.split(".")[1:])
    modules = {p.stem for p in folder.glob("*.py")}
    module = importlib.import_module(package)
    assert not modules & set(module.__all__)


def test_the_admin_package_loads_its_names_lazily():
    """Importing the package imports none of its modules (persons imports audit's pseudonyms,
    and `audit verify` needs no scenario machinery)."""
    import subprocess
    import sys

    code = ("import sys, nybureau.services.admin as a; "
            "print(sorted(m for m in sys.modules if m.startswith('nybureau.services.admin.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
    admin = importlib.import_module("nybureau.services.admin")
    with pytest.raises(AttributeError):
        admin.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", CLI_MODULES)
def test_the_family_cli_calls_the_package_api(name):
    """The CLI imports the family's functions from its package, not from its modules."""
    tree = ast.parse((ROOT / "cli" / f"{name}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and any(
                node.module == p or node.module.startswith(p + ".") for p in PACKAGES):
            assert node.module in PACKAGES, f"cli/{name}.py imports {node.module}"
            for alias in node.names:
                assert alias.name in importlib.import_module(node.module).__all__, alias.name
