"""Corrections are table-driven: every table whose rows can be voided (persistence/tables.py
VOIDABLE) has exactly one declaration in nybureau.services.process.VOIDABLES, and a command
that voids it (nybureau.cli._voids.VOID_COMMANDS) exists in the CLI and takes --reason."""

from __future__ import annotations

import importlib

import click
import pytest

from nybureau.cli._commands import TABLE
from nybureau.cli._voids import VOID_COMMANDS
from nybureau.persistence import tables as t
from nybureau.persistence.tables import VOIDABLE
from nybureau.services.process import VOIDABLES


def test_every_voidable_table_has_exactly_one_declaration():
    tables = [v.table for v in VOIDABLES.values()]
    assert sorted(tables) == sorted(VOIDABLE), (
        "each table in tables.VOIDABLE needs exactly one Voidable in "
        "nybureau/services/process/voids.py")
    assert all(kind == v.kind for kind, v in VOIDABLES.items())
    actions = [v.action for v in VOIDABLES.values()]
    assert len(set(actions)) == len(actions), "each kind has its own audit action"


def test_what_a_void_keeps_is_in_its_table():
    """The audit event keeps the row's own columns (an attachment also its meeting and item
    number; a criterion its prototype's title, which the repository joins in)."""
    extra = {"attachment": {"meeting_id", "position"}, "criterion": {"prototype_title"}}
    for kind, v in VOIDABLES.items():
        columns = set(t.metadata.tables[v.table].c.keys()) | extra.get(kind, set())
        assert {col for _key, col in v.keeps} <= columns, kind
        assert {"voided_at", "void_reason"} <= set(t.metadata.tables[v.table].c.keys())


def _command(path: tuple[str, ...]) -> click.Command | None:
    """The command at ``path``, every command module imported (so each group is complete)."""
    from nybureau.cli.main import cli

    roots: dict[str, click.Command] = dict(cli.commands)
    for name in sorted({m for modules in TABLE.values() for m in modules}):
        module = importlib.import_module(f"nybureau.cli.{name}")
        roots.update({c.name: c for c in getattr(module, "COMMANDS", ())})
    command: click.Command | None = roots.get(path[0])
    for part in path[1:]:
        if not isinstance(command, click.Group):
            return None
        command = command.commands.get(part)
    return command


@pytest.mark.parametrize("kind", sorted(VOIDABLES))
def test_every_declaration_has_a_void_command(kind):
    assert kind in VOID_COMMANDS, f"no command voids {kind}: add it to cli/_voids.VOID_COMMANDS"
    command = _command(VOID_COMMANDS[kind])
    assert command is not None, f"`nybureau {' '.join(VOID_COMMANDS[kind])}` does not exist"
    options = {o for p in command.params if isinstance(p, click.Option) for o in p.opts}
    assert "--reason" in options
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if VOIDABLES[kind].scope == "project":
        assert [a.metavar for a in arguments][:1] == ["PROJECT"] and len(arguments) == 2


def test_the_command_table_names_only_declared_kinds():
    assert set(VOID_COMMANDS) == set(VOIDABLES)
