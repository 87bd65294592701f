"""Writes :mod:`nybureau.cli._commands`: the root command's table and its pre-rendered help.

Run ``python -m nybureau.cli._generate`` after adding or renaming a command, changing a
command's help, or changing the root options. ``tests/unit/test_startup.py`` fails, with this
instruction, while the committed file differs from what this module renders.

The table is found the thorough way: every module of ``nybureau.cli`` (except ``app``, ``main``
and ``_*``) is imported and its ``COMMANDS`` list registered; a command's modules are the one
that lists it, then every module that defines a subcommand somewhere below it (``trace`` adds
``network status``). The help is what click prints for ``nybureau --help`` with all commands
registered, on a terminal of 80 columns or more (click lays it out at 78), in Danish and in
English.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

TARGET = Path(__file__).with_name("_commands.py")
PACKAGE = "nybureau.cli"


def command_modules() -> list[str]:
    """The modules of ``nybureau.cli`` that may list commands in ``COMMANDS``."""
    folder = Path(__file__).parent
    return sorted(p.stem for p in folder.glob("*.py")
                  if not p.stem.startswith("_") and p.stem not in ("app", "main"))


def _short(module: str) -> str:
    if not module.startswith(PACKAGE + "."):
        raise SystemExit(f"a nybureau command is defined outside {PACKAGE}: {module}")
    return module[len(PACKAGE) + 1:]


def _tree_modules(command: click.Command) -> set[str]:
    found = {_short(command.callback.__module__)} if command.callback else set()
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found |= _tree_modules(sub)
    return found


def build_table() -> dict[str, tuple[str, ...]]:
    """Root command name → the modules to import for it, the one that lists it first."""
    from nybureau.cli.main import cli

    owner: dict[str, str] = {name: _short(cmd.callback.__module__)
                             for name, cmd in cli.commands.items()}  # defined in main itself
    commands = dict(cli.commands)
    for name in command_modules():
        module = importlib.import_module(f"{PACKAGE}.{name}")
        for command in getattr(module, "COMMANDS", ()):
            if command.name in owner and commands[command.name] is not command:
                raise SystemExit(f"`nybureau {command.name}` is listed twice: in "
                                 f"{owner[command.name]}.py and {name}.py")
            owner[command.name] = name
            commands[command.name] = command
    # every module is imported now, so each group has all its subcommands
    return {name: (owner[name], *sorted(_tree_modules(commands[name]) - {owner[name]}))
            for name in sorted(commands)}


def click_width(columns: int) -> int:
    """The width click lays help out at on a terminal of ``columns`` columns (click decides)."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        return click.formatting.HelpFormatter().width
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def render_help(table: dict[str, tuple[str, ...]], args: list[str] | None = None,
                lang: str | None = None, columns: int = 80) -> tuple[str, str, int]:
    """(stdout, stderr, exit code) of ``nybureau ARGS`` through click with ``table``, laid out
    as on a terminal of ``columns`` columns. (CliRunner alone would force a width of 80, which
    no terminal gets: click's own maximum is 78.)"""
    from click.testing import CliRunner

    from nybureau.cli.main import cli

    saved = cli.table
    cli.table = table
    try:
        result = CliRunner().invoke(
            cli, ["--help"] if args is None else args, prog_name="nybureau",
            env={"NYBUREAU_LANG": lang}, terminal_width=click_width(columns))
    finally:
        cli.table = saved
    return result.stdout, result.stderr, result.exit_code


def _lines(text: str) -> str:
    return "\n".join(f"    {line!r}" for line in text.splitlines(keepends=True))


def render_module() -> str:
    """The text of ``_commands.py`` as it should be."""
    table = build_table()
    width = click_width(80)
    helps = {}
    for lang, usage in (("da", "Brug: nybureau"), ("en", "Usage: nybureau")):
        text, _, code = render_help(table, lang=lang)
        if code != 0 or not text.startswith(usage):
            raise SystemExit(f"`nybureau --help` did not print the help (exit {code}):\n{text}")
        helps[lang] = text
    entries = "\n".join(f"    {name!r}: {modules!r}," for name, modules in table.items())
    return f'''"""The root command's table and its help as click prints it. GENERATED: do not edit.

Regenerate with ``python -m nybureau.cli._generate`` (tests/unit/test_startup.py fails while
this file is stale). Imported by the entry point before click, so it holds plain data only.
"""

#: root command → the modules of nybureau.cli that define it (the one listing it in COMMANDS
#: first, then the ones adding subcommands to it)
TABLE: dict[str, tuple[str, ...]] = {{
{entries}
}}

#: the layout width of ROOT_HELP: click's width on a terminal of 80 columns or more
ROOT_HELP_WIDTH = {width}

#: exactly what ``nybureau --help`` writes to stdout (and ``nybureau`` alone to stderr), in
#: Danish (the default language) and in English (NYBUREAU_LANG=en)
ROOT_HELP = (
{_lines(helps["da"])}
)

ROOT_HELP_EN = (
{_lines(helps["en"])}
)

ROOT_HELPS = {{"da": ROOT_HELP, "en": ROOT_HELP_EN}}
'''


def main() -> int:
    text = render_module()
    if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text:
        print(f"{TARGET.name} is up to date")
        return 0
    tmp = TARGET.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, TARGET)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
