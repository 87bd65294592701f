"""What a new user meets first: the console script, `python -m nybureau`, a light `--help`, the
wheel installed in a fresh virtual environment running the demo, and documented commands."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
HEAVY = ("sqlalchemy", "jinja2", "transitions", "docx", "babel", "yaml", "rich", "alembic")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NYBUREAU_")}
    env["HOME"] = str(tmp_path)  # never touch the developer's own database
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_help_imports_nothing_heavy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nybureau", "--help"],
        capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path, check=True)
    assert "Brug: nybureau" in result.stdout  # Danish, the default language
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert not imported.intersection(HEAVY), sorted(imported.intersection(HEAVY))


def test_version_and_python_m(tmp_path):
    from nybureau import __version__

    result = subprocess.run([sys.executable, "-m", "nybureau", "--version"], capture_output=True,
                            text=True, env=_env(tmp_path), cwd=tmp_path, check=True)
    assert result.stdout.strip() == f"nybureau, version {__version__}"


def test_every_command_has_help_and_is_in_the_readme():
    import click

    from nybureau.cli.main import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ctx = click.Context(cli)

    def walk(group, prefix):
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            full = f"{prefix} {name}".strip()
            assert cmd.help or cmd.short_help, f"`nybureau {full}` has no help text"
            if isinstance(cmd, click.Group):
                walk(cmd, full)
            else:
                yield full

    missing = [c for c in walk(cli, "") if f"nybureau {c}" not in readme
               and f"`{c.split()[-1]} " not in readme and f"· `{c.split()[-1]}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_runs_the_demo(tmp_path):
    """Build the wheel, install it in a new virtual environment, run `nybureau demo` there —
    from a folder that is not the checkout, so only the installed package can be used."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(dist), str(REPO)], check=True, cwd=tmp_path)
    (wheel,) = dist.glob("nybureau-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run([str(bindir / "nybureau"), "demo", "--out", str(work / "out")],
                            capture_output=True, text=True, env=_env(tmp_path), cwd=work,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Odder Kommune" in result.stdout
    assert "Afsluttet" in result.stdout or "Completed" in result.stdout
    assert (work / "out" / "nybureau-demo.db").exists()
    # The built-in definitions, templates and examples came from the wheel, not the checkout.
    listed = subprocess.run([str(bindir / "python"), "-c",
                             "from nybureau.resources import data_dir; "
                             "print(data_dir('workflows')); print(data_dir('examples'))"],
                            capture_output=True, text=True, cwd=work, check=True).stdout
    assert str(env_dir) in listed and str(REPO) not in listed
