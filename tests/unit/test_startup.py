"""Start-up: `nybureau --version` and the root help are answered without click, from a text that
must equal click's own output byte for byte, and a subcommand imports only the modules that
define it, found in a static table that must match what the command modules register."""

from __future__ import annotations

import ast
import difflib
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from nybureau import __version__
from nybureau.cli import _commands, _entry, _generate
from nybureau.cli.main import cli

CLI_DIR = Path(_commands.__file__).parent
REGENERATE = "run `python -m nybureau.cli._generate` and commit nybureau/cli/_commands.py"
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


# --- the generated module is current -------------------------------------------------------

def test_the_generated_table_and_help_are_current():
    expected = _generate.render_module()
    actual = (CLI_DIR / "_commands.py").read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(actual.splitlines(True), expected.splitlines(True),
                                            "_commands.py (committed)", "_commands.py (now)"))
        pytest.fail(f"nybureau/cli/_commands.py is stale: {REGENERATE}.\n{diff}")


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


# --- the root help: the pre-rendered text is exactly click's ---------------------------------

@pytest.mark.parametrize("lang", ["da", "en", None])
@pytest.mark.parametrize("args", [["--help"], ["-h"], []], ids=["--help", "-h", "no-args"])
def test_click_prints_the_pre_rendered_root_help_byte_for_byte(lang, args):
    """Through click's CliRunner, on a terminal of 80 columns (CliRunner by itself would force
    80, a width no terminal gets from click)."""
    stdout, stderr, code = _generate.render_help(cli.table, args, lang=lang, columns=80)
    expected = _commands.ROOT_HELPS[lang or "da"]
    if args:
        assert (stdout, stderr, code) == (expected, "", 0)
    else:  # click shows the help on stderr and exits 2
        assert (stdout, stderr, code) == ("", expected, 2)


@pytest.mark.parametrize("columns", [80, 81, 120, 500])
def test_the_root_help_width_is_the_same_on_every_terminal_of_80_columns_or_more(columns):
    assert _generate.click_width(columns) == _commands.ROOT_HELP_WIDTH
    stdout, _, _ = _generate.render_help(cli.table, ["--help"], columns=columns)
    assert stdout == _commands.ROOT_HELP


@pytest.mark.parametrize("columns", [None, "", "0", "-3", "abc", "20", "51", "52", "60", "79",
                                     "80", "81", "200"])
def test_the_entry_point_finds_the_width_click_would_use(columns, monkeypatch):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _entry.help_width() == click.formatting.HelpFormatter().width


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("columns", [None, "80", "200"], ids=["pipe", "80", "200"])
@pytest.mark.parametrize("args", [["--help"], ["-h"], []], ids=["--help", "-h", "no-args"])
def test_the_whole_process_prints_what_click_prints(args, columns, lang, tmp_path):
    """`python -m nybureau` (the fast path) against a process that goes through click."""
    env = _env(tmp_path, COLUMNS=columns, NYBUREAU_LANG=lang)
    fast, slow = _fast(args, env), _click(args, env)
    assert (fast.stdout, fast.stderr, fast.returncode) == (
        slow.stdout, slow.stderr, slow.returncode)
    assert (fast.stdout or fast.stderr) == _commands.ROOT_HELPS[lang]


@pytest.mark.parametrize("columns", ["60", "79"])
def test_a_narrow_terminal_gets_clicks_own_layout(columns, tmp_path):
    env = _env(tmp_path, COLUMNS=columns)
    fast, slow = _fast(["--help"], env), _click(["--help"], env)
    assert fast.returncode == 0 and fast.stdout == slow.stdout
    assert fast.stdout != _commands.ROOT_HELP


def test_the_help_options_are_the_ones_the_entry_point_answers():
    ctx = click.Context(cli, **cli.context_settings)
    assert set(cli.get_help_option_names(ctx)) == set(_entry.HELP_OPTIONS)
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


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["-h"], []],
                         ids=["--version", "--help", "-h", "no-args"])
def test_version_and_root_help_import_no_click(args, tmp_path):
    imported = _imported(args, tmp_path)
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
    (["network", "status", "--help"], {"projects", "trace"}),
    (["meeting", "item", "add", "--help"], {"meetings", "meeting_items", "meeting_minutes"}),
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
