"""Keeping the house: the tamper-evident history (``audit verify``), backups, export and import
of whole databases or single projects, moving a project to another workflow version, scenario
files (``project import``) and the demo.

The public API: what the CLI (and a future web view) calls. Use cases that read or change
records take an open transaction from the store (``tx``); backup and the demo take the store
itself. Every refusal is a :class:`~nybureau.errors.NybureauError`.

The names are loaded when first used (:func:`__getattr__`), so that ``audit verify`` does not
import the scenario machinery, and so that modules this package's modules need (persons needs
the erasure pseudonyms of :mod:`.audit`) can import from it without an import cycle.

Modules: :mod:`.audit` and :mod:`.imported_history` (verification), :mod:`.backup`,
:mod:`.transfer` (the export file; with :mod:`.transfer_export`, :mod:`.transfer_checks` and
:mod:`.transfer_import`), :mod:`.workflow_migrate`, :mod:`.scenario` (reading and checking a
scenario) and :mod:`.scenario_steps` (running it), :mod:`.demo`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nybureau.services.admin.audit import verify as verify_audit
    from nybureau.services.admin.backup import backup as backup_database
    from nybureau.services.admin.demo import render_documents as render_demo_documents
    from nybureau.services.admin.demo import run as run_demo
    from nybureau.services.admin.demo import scenario_files as demo_scenarios
    from nybureau.services.admin.scenario import read as read_scenario
    from nybureau.services.admin.scenario import register_step
    from nybureau.services.admin.scenario_steps import run as run_scenario
    from nybureau.services.admin.transfer import ImportRefused
    from nybureau.services.admin.transfer import read as read_export
    from nybureau.services.admin.transfer import write as write_export
    from nybureau.services.admin.transfer_export import export as export_data
    from nybureau.services.admin.transfer_import import import_ as import_data
    from nybureau.services.admin.workflow_migrate import migrate as migrate_workflow

#: public name → (module of this package, name there)
_API: dict[str, tuple[str, str]] = {
    # the history
    "verify_audit": ("audit", "verify"),
    # backup, export and import
    "backup_database": ("backup", "backup"),
    "export_data": ("transfer_export", "export"),
    "write_export": ("transfer", "write"),
    "read_export": ("transfer", "read"),
    "import_data": ("transfer_import", "import_"),
    "ImportRefused": ("transfer", "ImportRefused"),
    # workflow versions
    "migrate_workflow": ("workflow_migrate", "migrate"),
    # scenarios and the demo
    "read_scenario": ("scenario", "read"),
    "run_scenario": ("scenario_steps", "run"),
    "register_step": ("scenario", "register_step"),
    "demo_scenarios": ("demo", "scenario_files"),
    "run_demo": ("demo", "run"),
    "render_demo_documents": ("demo", "render_documents"),
}

__all__ = [
    "verify_audit",
    "backup_database", "export_data", "write_export", "read_export", "import_data",
    "ImportRefused",
    "migrate_workflow",
    "read_scenario", "run_scenario", "register_step",
    "demo_scenarios", "run_demo", "render_demo_documents",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
