"""Limits on every input (issue #10 §6): hostile templates and YAML files end quickly, in a clear
refusal that names the file, never in a minute of work, an exhausted memory or "unexpected
error"; a template cannot print a file outside its folder; a stored workflow definition has a
sane size.

Every attack below was reproduced first (without the limits it ran for minutes, filled the
memory, crashed or was stored); each case must now finish within a few seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import ODDER, REPO

WORKFLOW = REPO / "workflows" / "nybureaukratisering.yaml"
QUICK = 10.0  # seconds an attack may take, at most (most take well under one)


def _refused(r, *needles: str, unexpected_ok: bool = False) -> str:
    out = r.output if hasattr(r, "output") else r.stdout + r.stderr
    assert "unexpected error" not in out and "Traceback" not in out, out[-3000:]
    code = r.exit_code if hasattr(r, "exit_code") else r.returncode
    assert code == 1, out[-3000:]
    for needle in needles:
        assert needle in out, (needle, out[-3000:])
    return out


def _subprocess(db_url: str, args: list[str], timeout: float = 60, memory: int | None = None,
                env: dict | None = None):
    """nybureau in a subprocess, with a memory limit (so a runaway cannot take the machine)
    and a timeout (so a runaway fails the test instead of hanging it)."""
    import resource

    def limits():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("NYBUREAU_DEBUG", None)
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "nybureau", "--db", db_url, "--lang", "en", *args],
                       capture_output=True, text=True, timeout=timeout, preexec_fn=limits,
                       env=full_env)
    r.seconds = time.monotonic() - started
    return r


# -- YAML ----------------------------------------------------------------------------------------
def _laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def _workflow_with(extra: str) -> str:
    return WORKFLOW.read_text(encoding="utf-8") + extra


YAML_ATTACKS = {
    # name: (file text, what the refusal says)
    "billion laughs": (_laughs(), "expand to more than"),
    "billion laughs, one wide level": (_laughs(2, 500), "expand to more than"),
    "recursive alias": ("id: x\nversion: 1\nphases: &p [*p]\n", "inside its own anchor &p"),
    "recursive alias in a mapping": ("a: &m {b: *m}\n", "inside its own anchor &m"),
    "too many aliases": ("x: &x 1\nl: [" + ", ".join(["*x"] * 1500) + "]\n",
                         "more than 1000 aliases"),
    "deep nesting (flow)": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 64"),
    "deep nesting (block)": ("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200
                             + "v: 1\n", "nested more than 64"),
}


@pytest.fixture
def files(tmp_path):
    def write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p
    return write


@pytest.mark.parametrize("attack", sorted(YAML_ATTACKS))
@pytest.mark.parametrize("command", ["workflow validate", "project create", "project import"])
def test_hostile_yaml_is_refused_quickly(cli, files, snapshot, attack, command, db_url):
    text, needle = YAML_ATTACKS[attack]
    path = files("attack.yaml", text)
    args = {"workflow validate": ["workflow", "validate", str(path)],
            "project create": ["project", "create", "p", "--name", "P", "--municipality", "M",
                               "--workflow", str(path)],
            "project import": ["project", "import", str(path)]}[command]
    before = snapshot()
    r = _subprocess(db_url, args, timeout=60, memory=2 * 1024 ** 3)
    assert r.seconds < QUICK, r.seconds
    out = _refused(r, needle, "attack.yaml:")
    assert snapshot() == before, out


def test_yaml_limits_name_the_line(files):
    from nybureau.workflow.located import parse

    text = "id: x\nversion: 1\nphases:\n  - &p\n    - *p\n"
    data, problems = parse(text, "w.yaml")
    assert data is None and [(p.file, p.line) for p in problems] == [("w.yaml", 5)]


def test_ordinary_aliases_still_work(files):
    from nybureau.workflow.located import parse

    data, problems = parse("base: &b {a: 1, b: [1, 2]}\nx: *b\ny: [*b, *b]\n", "ok.yaml")
    assert not problems
    assert data["x"] == {"a": 1, "b": [1, 2]} and data["y"] == [data["x"]] * 2


def _big_workflow(files, megabytes: float) -> Path:
    pad = "# " + "x" * 98 + "\n"
    return files("big.yaml", _workflow_with(pad * int(megabytes * 1024 * 1024 / 100)))


def test_a_huge_workflow_is_not_stored(cli, files, snapshot, db_url):
    path = _big_workflow(files, 2)
    before = snapshot()
    started = time.monotonic()
    r = cli(["project", "create", "big", "--name", "Big", "--municipality", "M", "--workflow",
             str(path)])
    assert time.monotonic() - started < QUICK
    _refused(r, "too large (2 MB; a workflow file may be at most 1 MB)", "big.yaml:1")
    assert snapshot() == before
    r = cli(["workflow", "validate", str(path)])
    _refused(r, "too large")


def test_a_workflow_under_the_limit_is_stored(cli, files):
    path = _big_workflow(files, 0.3)
    cli.ok(["project", "create", "big", "--name", "Big", "--municipality", "M", "--workflow",
            str(path)])


def test_a_huge_workflow_cannot_be_migrated_to(cli, files, snapshot):
    cli.ok(["project", "create", "p", "--name", "P", "--municipality", "M"])
    text = _workflow_with("").replace("version: 1", "version: 2", 1)
    path = files("v2.yaml", text + ("#" + "y" * 99 + "\n") * 12000)
    before = snapshot()
    r = cli(["workflow", "migrate", "p", "--to", str(path)])
    _refused(r, "too large")
    assert snapshot() == before


def test_a_huge_scenario_is_refused(cli, files, snapshot):
    text = ODDER.read_text(encoding="utf-8")
    path = files("huge.yaml", text + ("#" + "z" * 99 + "\n") * (6 * 1024 * 1024 // 100))
    before = snapshot()
    started = time.monotonic()
    r = cli(["project", "import", str(path)])
    assert time.monotonic() - started < QUICK
    _refused(r, "too large (6 MB; a scenario file may be at most 5 MB)", "huge.yaml:1")
    assert snapshot() == before


def test_a_large_scenario_under_the_limit_is_read(cli, tmp_path):
    import shutil

    folder = tmp_path / "odder"
    shutil.copytree(ODDER.parent, folder)
    with (folder / "project.yaml").open("a", encoding="utf-8") as f:
        f.write(("#" + "z" * 99 + "\n") * (300 * 1024 // 100))
    cli.ok(["project", "import", str(folder / "project.yaml")])


def test_an_import_cannot_store_a_huge_workflow_definition(tmp_path, db_url, snapshot):
    """A complete export whose stored workflow source was blown up to 2 MB: refused, and the
    empty database stays empty."""
    from tests.conftest import Cli
    from tests.robustness.conftest import sqlite_cli

    src = sqlite_cli(tmp_path, "src.db")
    src.ok(["project", "create", "p", "--name", "P", "--municipality", "M"])
    export = tmp_path / "all.json"
    src.ok(["export", "--out", str(export)])
    data = json.loads(export.read_text(encoding="utf-8"))
    wd = data["tables"]["workflow_definition"]
    col = wd["columns"].index("source")
    wd["rows"][0][col] += "#" + "x" * (2 * 1024 * 1024) + "\n"
    export.write_text(json.dumps(data), encoding="utf-8")
    target = Cli(db_url)
    target.ok("init")
    before = snapshot()
    r = target(["import", str(export)])
    _refused(r)
    assert snapshot() == before


def test_the_store_refuses_a_huge_definition_from_any_caller(store):
    from nybureau.errors import InvalidInput

    with pytest.raises(InvalidInput, match="too large to store"):
        with store.transaction("t") as tx:
            tx.admin_insert("workflow_definition", {
                "key": "x", "version": 1, "hash": "0" * 64, "source": "#" * (2 * 1024 ** 2),
                "spec_json": "{}", "created_at": tx.now})
