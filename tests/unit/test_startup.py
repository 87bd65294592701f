"""Start-up: the root group is a lazy click group whose help is click's own (every command with
its short help, in Danish or English), a subcommand imports only the modules that define it,
found in a small hand-kept table that must match what the command modules define, and
`nybureau --version` is answered without click, with click's own message."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from nybureau import __version__
from nybureau.cli import _commands, _entry, i18n
from nybureau.cli.main import cli

CLI_DIR = Path(_commands.__file__).parent
REGENERATE = "change the table in nybureau/cli/_commands.py"
#: a whole process that goes the click way for every argv (what `nybureau` did before)
CLICK_MAIN = "import sys; sys.argv[0] = 'nybureau'; from nybureau.cli.main import main; main()"
HEAVY = ("click", "nybureau.cli.app", "nybureau.cli.main")


def _env(tmp_path: Path, **extra: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NYBUREAU_") and k not in ("COLUMNS", "LINES", "PYTHONIOENCODING")}
    env["HOME"] = str(tmp_path)  # never the developer's own database
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=env["HOME"])


def _fast(args: list[str], env) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "nybureau", *args], env)


def _click(args: list[str], env) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-c", CLICK_MAIN, *args], env)


# --- the table matches the modules ---------------------------------------------------------

def _modules_listing_commands() -> dict[str, str]:
    """Root command → the module whose COMMANDS lists it, found by scanning the folder."""
    found: dict[str, str] = {}
    for path in sorted(CLI_DIR.glob("*.py")):
        if path.stem.startswith("_") or path.stem in ("app", "main"):
            continue
        module = importlib.import_module(f"nybureau.cli.{path.stem}")
        for command in getattr(module, "COMMANDS", ()):
            assert command.name not in found, (
                f"`nybureau {command.name}` is listed in COMMANDS of both "
                f"{found[command.name]}.py and {path.stem}.py")
            found[command.name] = path.stem
    return found


def test_the_table_names_exactly_the_commands_the_modules_register():
    listed = _modules_listing_commands()
    listed["init"] = "main"  # defined on the root group itself
    missing = sorted(set(listed) - set(_commands.TABLE))
    extra = sorted(set(_commands.TABLE) - set(listed))
    assert not missing, (f"commands in a module's COMMANDS but not in the table, so `nybureau` "
                         f"cannot find them: {missing}; {REGENERATE}")
    assert not extra, f"commands in the table that no module registers: {extra}; {REGENERATE}"
    wrong = {name: (_commands.TABLE[name][0], module) for name, module in listed.items()
             if _commands.TABLE[name][0] != module}
    assert not wrong, f"table names the wrong module (table, actual): {wrong}; {REGENERATE}"


def _tree_modules(command: click.Command) -> set[str]:
    """The modules of nybureau.cli whose functions make up ``command`` and its subcommands."""
    found = {command.callback.__module__.rsplit(".", 1)[1]} if command.callback else set()
    for sub in getattr(command, "commands", {}).values():
        found |= _tree_modules(sub)
    return found


def test_the_table_names_exactly_the_modules_each_command_needs():
    """Every module that adds a subcommand somewhere below a command (`trace` adds `network
    status`), and none it does not need."""
    cli.load_all()
    wrong = {}
    for name, modules in _commands.TABLE.items():
        needed = _tree_modules(cli.commands[name]) | {modules[0]}
        if set(modules) != needed or len(set(modules)) != len(modules):
            wrong[name] = (modules, (modules[0], *sorted(needed - {modules[0]})))
    assert not wrong, f"(table, needed): {wrong}; {REGENERATE}"


def _tree(command: click.Command, prefix: str = "") -> list[str]:
    names = [prefix + command.name]
    if isinstance(command, click.Group):
        for sub in sorted(command.commands.values(), key=lambda c: c.name):
            names += _tree(sub, prefix + command.name + " ")
    return names


WALK_ONE = """
import json, sys
import click
from nybureau.cli.main import cli

def tree(command, prefix=""):
    names = [prefix + command.name]
    if isinstance(command, click.Group):
        for sub in sorted(command.commands.values(), key=lambda c: c.name):
            names += tree(sub, prefix + command.name + " ")
    return names

ctx = click.Context(cli)
out = {}
for name in sys.argv[1:]:
    out[name] = tree(cli.get_command(ctx, name))
out["modules"] = sorted(m for m in sys.modules if m.startswith("nybureau.cli."))
print(json.dumps(out))
"""


@pytest.mark.parametrize("name", sorted(_commands.TABLE))
def test_a_command_found_through_the_table_has_all_its_subcommands(name, tmp_path):
    """In a fresh process, `nybureau NAME` imports only the table's modules for NAME, and the
    command it finds has every subcommand it has when all modules are loaded (`network status`
    comes from trace.py, `workflow migrate` from admin.py)."""
    cli.load_all()
    expected = _tree(cli.commands[name])
    result = _run([sys.executable, "-c", WALK_ONE, name], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got[name] == expected, (
        f"`nybureau {name}` reached through the table lacks subcommands "
        f"{sorted(set(expected) - set(got[name]))}; {REGENERATE}")
    own = {f"nybureau.cli.{m}" for m in _commands.TABLE[name]}
    own |= {dep for m in own for dep in _cli_imports(m)}  # admin.py imports workflows.py
    assert set(got["modules"]) == own | {"nybureau.cli._commands", "nybureau.cli.app",
                                         "nybureau.cli.main"} | _cli_imports("nybureau.cli.main")


def _cli_imports(module: str) -> set[str]:
    """The modules of nybureau.cli that ``module`` imports at its top level."""
    path = CLI_DIR / (module.rsplit(".", 1)[1] + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module for node in tree.body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nybureau.cli.")}


# --- the root help is click's ------------------------------------------------------------------

def _root_help(args: list[str], lang: str | None) -> tuple[str, str, int]:
    """Through click's CliRunner, laid out at 78 columns: what click does on a terminal of 80
    columns or more (CliRunner by itself would force 80)."""
    result = CliRunner(env={"NYBUREAU_LANG": lang}).invoke(cli, args, prog_name="nybureau",
                                                         terminal_width=78)
    return result.stdout, result.stderr, result.exit_code


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_root_help_lists_every_command_with_its_short_help(lang):
    stdout, stderr, code = _root_help(["--help"], lang)
    assert (stderr, code) == ("", 0)
    assert stdout.startswith({"da": "Brug: nybureau [OPTIONS] COMMAND [ARGS]...\n",
                              "en": "Usage: nybureau [OPTIONS] COMMAND [ARGS]...\n"}[lang])
    section = stdout.split({"da": "\nKommandoer:\n", "en": "\nCommands:\n"}[lang], 1)[1]
    rows = {line.split()[0]: line.split(None, 1)[1] for line in section.splitlines()}
    assert sorted(rows) == sorted(_commands.TABLE)
    i18n.activate(lang)
    try:
        cli.load_all()
        for name, shown in rows.items():
            english = inspect.cleandoc(cli.commands[name].help)
            said = (i18n.gettext(english) if lang == "da" else english).split("\n\n")[0]
            said = " ".join(said.split())
            assert said.startswith(shown.removesuffix("...")), (name, shown, said)
    finally:
        i18n.activate("da")


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("args", [["-h"], []], ids=["-h", "no-args"])
def test_h_and_no_arguments_give_the_same_root_help(args, lang):
    """`-h` as `--help`; no arguments at all: the help on stderr and exit code 2 (click's)."""
    expected, _, _ = _root_help(["--help"], lang)
    stdout, stderr, code = _root_help(args, lang)
    assert (stdout, stderr, code) == ((expected, "", 0) if args else ("", expected, 2))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_whole_process_prints_the_root_help(lang, tmp_path):
    env = _env(tmp_path, COLUMNS="80", NYBUREAU_LANG=lang)
    result = _fast(["--help"], env)
    assert (result.stdout, result.stderr, result.returncode) == _root_help(["--help"], lang)
    assert _fast([], env).stderr == result.stdout


def test_the_help_options_are_minus_h_and_help():
    ctx = click.Context(cli, **cli.context_settings)
    assert set(cli.get_help_option_names(ctx)) == {"-h", "--help"}
    assert cli.no_args_is_help


# --- --version --------------------------------------------------------------------------------

def test_version_is_what_clicks_version_option_prints(tmp_path):
    result = CliRunner().invoke(cli, ["--version"], prog_name="nybureau")
    assert result.exit_code == 0
    assert result.stdout == _entry.VERSION_MESSAGE.format(version=__version__)
    env = _env(tmp_path)
    fast, slow = _fast(["--version"], env), _click(["--version"], env)
    assert (fast.stdout, fast.stderr, fast.returncode) == (
        slow.stdout, slow.stderr, slow.returncode) == (f"nybureau, version {__version__}\n", "", 0)


# --- what each path imports ------------------------------------------------------------------

def _imported(args: list[str], tmp_path: Path) -> set[str]:
    result = _run([sys.executable, "-X", "importtime", "-m", "nybureau", *args], _env(tmp_path))
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:")}


def test_version_imports_no_click(tmp_path):
    imported = _imported(["--version"], tmp_path)
    assert "nybureau.cli._entry" in imported
    assert not imported.intersection(HEAVY), sorted(imported.intersection(HEAVY))


MODULES_AFTER = """
import sys
sys.argv[0] = "nybureau"
from nybureau.cli._entry import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("nybureau.cli."))), file=sys.stderr)
"""


@pytest.mark.parametrize("args, own", [
    (["status", "--help"], {"phases"}),
    (["network", "status", "--help"], set(_commands.TABLE["network"])),
    # every module of the meeting group's row (each adds subcommands to it)
    (["meeting", "item", "add", "--help"], set(_commands.TABLE["meeting"])),
])
def test_a_subcommand_imports_only_its_own_command_modules(args, own, tmp_path):
    """(-X importtime does not see modules imported through importlib, so ask sys.modules.)"""
    result = _run([sys.executable, "-c", MODULES_AFTER, *args], _env(tmp_path))
    imported = set(result.stderr.splitlines()[-1].split())
    assert imported == {"nybureau.cli._entry", "nybureau.cli._commands", "nybureau.cli.app",
                        "nybureau.cli.main", "nybureau.cli.i18n", "nybureau.cli.choices"} | {
                            f"nybureau.cli.{m}" for m in own}


# --- what the user meets otherwise is unchanged ----------------------------------------------

@pytest.mark.parametrize("typo, hint", [
    ("stauts", "Error: No such command 'stauts'. Did you mean 'status'?"),
    ("workflw", "Error: No such command 'workflw'. Did you mean 'workflow'?"),
    ("help", "Error: No such command 'help'."),
])
def test_an_unknown_command_gets_clicks_message_with_suggestions(typo, hint, tmp_path):
    """In a fresh process, where no command module is loaded yet (in English: click's words
    in Danish are tests/e2e/test_danish.py's)."""
    env = _env(tmp_path, NYBUREAU_LANG="en")
    fast, slow = _fast([typo], env), _click([typo], env)
    assert fast.returncode == 2
    assert fast.stderr.splitlines()[-1] == hint
    assert (fast.stdout, fast.stderr) == (slow.stdout, slow.stderr)


def test_group_commands_and_their_help_work_through_the_table(tmp_path):
    env = _env(tmp_path)
    for args, needle in [(["meeting", "item", "--help"], "attach"),
                         (["network", "--help"], "status"),
                         (["workflow", "--help"], "migrate"),
                         (["item", "--help"], "import"),
                         (["--lang", "en", "--help"], "workshop")]:
        result = _fast(args, env)
        assert result.returncode == 0, (args, result.stderr)
        assert needle in result.stdout, (args, result.stdout)
