"""The README's "first project in ten minutes" is what a new project leader types: every command
in it runs as shown, and every quoted answer ("$ nybureau …" followed by its output) is what
nybureau prints, in Danish."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from nybureau.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### Your first project in ten minutes")
    return text[start:text.index("\n## ", start)]


def _blocks(section: str) -> list[tuple[str, str]]:
    """(kind, body) of every fenced block: "sh" blocks of commands, "" blocks of answers."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"```(\w*)\n(.*?)```", section, re.S)]


def _joined(lines: list[str]) -> list[str]:
    """Lines with their backslash continuations joined."""
    out: list[str] = []
    carry = ""
    for line in lines:
        if line.rstrip().endswith("\\"):
            carry += line.rstrip()[:-1] + " "
            continue
        out.append(carry + line)
        carry = ""
    return out


def _steps() -> list[tuple[str, str | None]]:
    """(command line, expected output or None) in README order."""
    steps: list[tuple[str, str | None]] = []
    for kind, body in _blocks(_section()):
        lines = body.rstrip("\n").split("\n")
        if kind == "sh":
            for line in _joined(lines):
                line = line.split("  #")[0].strip()
                if line.startswith("nybureau "):
                    steps.append((line, None))
            continue
        if not any(line.startswith("$ nybureau") for line in lines):
            continue  # an excerpt of an answer (with "…"), not a whole one
        current: list[str] = []
        command = None
        for line in _joined(lines) + ["$ end"]:
            if line.startswith("$ "):
                if command is not None:
                    steps.append((command, "\n".join(current)))
                command, current = line[2:].strip(), []
            else:
                current.append(line)
    return steps


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_walkthrough_runs_as_the_readme_shows(tmp_path, monkeypatch):
    monkeypatch.delenv("NYBUREAU_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "randers.db")
    steps = _steps()
    assert len(steps) >= 15, steps
    shown = 0
    for command, expected in steps:
        args = shlex.split(command)[1:]
        result = runner.invoke(cli, ["--db", db, *args], env={"NYBUREAU_DB": db})
        out = result.output
        assert "unexpected error" not in out, (command, out)
        if expected is None:
            assert result.exit_code == 0, (command, out)
            continue
        shown += 1
        assert _words(expected) in _words(out), (command, out)
    assert shown >= 5


def test_the_walkthrough_speaks_of_what_nybureau_does():
    section = _section()
    # the near-match refusal and the correction are shown as they are in Danish
    assert "Mente du: »Line Bøgh Kjær«?" in section
    assert "activity void" in section and "--amend" in section
