"""The one resolver for package data: built-in workflows, templates and examples.

In a source checkout the folders live at the repository's top level; in an installed wheel they
are copied into ``nybureau/_data/``. Every caller asks here, so both behave the same.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_KINDS = ("workflows", "templates", "examples")


def data_dir(kind: str) -> Path:
    """Return the folder holding the built-in ``workflows``, ``templates`` or ``examples``."""
    if kind not in _KINDS:
        raise ValueError(f"unknown package data kind: {kind!r}")
    installed = _PACKAGE / "_data" / kind
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"nybureau's built-in {kind} folder is missing from this installation")
