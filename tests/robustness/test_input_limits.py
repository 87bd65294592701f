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
                env: dict | None = None, lang: str = "en"):
    """nybureau in a subprocess, with a memory limit (so a runaway cannot take the machine)
    and a timeout (so a runaway fails the test instead of hanging it)."""
    import resource

    def limits():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("NYBUREAU_DEBUG", None)
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "nybureau", "--db", db_url, "--lang", lang, *args],
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
    text = _workflow_with("").replace("version: 2", "version: 3", 1)
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


# -- templates -----------------------------------------------------------------------------------
TEMPLATE_ATTACKS = {
    # name: (template, what the refusal says)
    "nested range(100000)": ("{% for i in range(100000) %}{% for j in range(100000) %}"
                             "{% endfor %}{% endfor %}", "too large"),
    "a text of 10**10 characters": ("{{ 'a' * 10**10 }}", "too large"),
    "a text repeated from the left": ("{{ 10**10 * 'ab' }}", "too large"),
    "a list of 10**9 items": ("{{ ([1] * 10**9)|length }}", "too large"),
    "a huge power": ("{{ 2 ** 10000000 }}", "too large"),
    "center() method": ("{{ 'a'.center(10**10) }}", "too large"),
    "center filter": ("{{ 'a'|center(10**10) }}", "too large"),
    "indent filter": ("{{ 'a\nb'|indent(10**10) }}", "too large"),
    "recursive macro": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
                        "calls itself without end"),
    "a template that includes itself": ("{% include 'status-report.md.j2' %}",
                                        "calls itself without end"),
    "exponential macro": ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
                          "{% endmacro %}{{ f(60) }}", "took too long"),
    "a loop over a long list in a loop": ("{% for i in [0] * 1000000 %}{% for j in [0] * 1000000"
                                          " %}{% endfor %}{% endfor %}", "took too long"),
    "too much output": ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
                        "wrote too much"),
}


@pytest.fixture
def project(cli):
    cli.ok(["project", "create", "p", "--name", "P", "--municipality", "M", "--date",
            "2020-01-01"])
    return cli


def _templates(tmp_path: Path, text: str, name: str = "status-report.md.j2") -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("attack", sorted(TEMPLATE_ATTACKS))
def test_hostile_templates_are_refused_quickly(project, tmp_path, db_url, attack):
    text, needle = TEMPLATE_ATTACKS[attack]
    folder = _templates(tmp_path, text)
    out = tmp_path / "report.md"
    r = _subprocess(db_url, ["render", "status-report", "p", "--templates", str(folder),
                             "--out", str(out)], timeout=90, memory=2 * 1024 ** 3,
                    env={"NYBUREAU_TEMPLATE_TIMEOUT": "2"})
    assert r.seconds < QUICK, r.seconds
    _refused(r, needle, "status-report.md.j2", "Nothing was written")
    assert not out.exists()


def test_the_refusals_are_in_danish_too(project, tmp_path, db_url):
    for text, needle in [
        ("{{ 'a' * 10**10 }}", "beder om noget for stort (en tekst på 10000000000 tegn"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "kalder sig selv uden ende"),
        (TEMPLATE_ATTACKS["exponential macro"][0], "tog for lang tid (mere end 1 s)"),
        (TEMPLATE_ATTACKS["too much output"][0], "skrev for meget (mere end 50 MB)"),
    ]:
        folder = _templates(tmp_path, text)
        r = _subprocess(db_url, ["render", "status-report", "p", "--templates", str(folder),
                                 "--out", "-"], timeout=90, memory=2 * 1024 ** 3, lang="da",
                        env={"NYBUREAU_TEMPLATE_TIMEOUT": "1"})
        _refused(r, needle, "Intet er skrevet")


def test_the_limits_can_be_changed(project, tmp_path, monkeypatch):
    folder = _templates(tmp_path, "{% for i in range(3000) %}{{ 'x' * 1000 }}\n{% endfor %}")
    monkeypatch.setenv("NYBUREAU_TEMPLATE_MAX_OUTPUT", "2")
    r = project(["render", "status-report", "p", "--templates", str(folder), "--out", "-"])
    _refused(r, "wrote too much (more than 2 MB)", "NYBUREAU_TEMPLATE_MAX_OUTPUT")
    monkeypatch.setenv("NYBUREAU_TEMPLATE_MAX_OUTPUT", "4")
    r = project.ok(["render", "status-report", "p", "--templates", str(folder), "--out", "-"])
    assert len(r.output) > 3_000_000
    for var, value in [("NYBUREAU_TEMPLATE_MAX_OUTPUT", "lots"),
                       ("NYBUREAU_TEMPLATE_TIMEOUT", "-1")]:
        monkeypatch.setenv(var, value)
        r = project(["render", "status-report", "p", "--templates", str(folder), "--out", "-"])
        _refused(r, var, "must be a positive number")
        monkeypatch.delenv(var)


def test_ordinary_user_templates_keep_working(project, tmp_path):
    folder = _templates(tmp_path, "{% extends 'default:status-report.md.j2' %}"
                                  "{% block kicker %}{{ 'ab' * 3 }} {{ 2 ** 10 }} "
                                  "{{ range(3)|join(',') }} {{ 'x'|center(5) }}|"
                                  "{% for i in range(2) %}{% for j in range(2) %}{{ i }}{{ j }} "
                                  "{% endfor %}{% endfor %}{% endblock %}")
    r = project.ok(["render", "status-report", "p", "--templates", str(folder), "--out", "-"])
    assert "ababab 1024 0,1,2   x  |00 01 10 11" in r.output


SECRET = "hemmelig-4711-udenfor"


@pytest.mark.parametrize("how", ["include through a link", "the template is a link",
                                 "a linked folder", "include with .."])
def test_a_template_cannot_reach_a_file_outside_its_folder(project, tmp_path, how):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md.j2").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    main = folder / "status-report.md.j2"
    if how == "include through a link":
        (folder / "leak.md.j2").symlink_to(outside / "secret.md.j2")
        main.write_text("{% include 'leak.md.j2' %}", encoding="utf-8")
    elif how == "the template is a link":
        main.symlink_to(outside / "secret.md.j2")
    elif how == "a linked folder":
        (folder / "parts").symlink_to(outside, target_is_directory=True)
        main.write_text("{% include 'parts/secret.md.j2' %}", encoding="utf-8")
    else:
        main.write_text("{% include '../outside/secret.md.j2' %}", encoding="utf-8")
    r = project(["render", "status-report", "p", "--templates", str(folder), "--out", "-"])
    assert SECRET not in r.output
    _refused(r, "outside the templates folder", "Nothing was written")


def test_links_inside_the_folder_are_fine(project, tmp_path):
    folder = tmp_path / "tpl"
    (folder / "parts").mkdir(parents=True)
    (folder / "parts" / "a.md.j2").write_text("inside", encoding="utf-8")
    (folder / "b.md.j2").symlink_to(folder / "parts" / "a.md.j2")
    (folder / "status-report.md.j2").write_text("{% include 'b.md.j2' %}", encoding="utf-8")
    link = tmp_path / "linked-tpl"
    link.symlink_to(folder, target_is_directory=True)  # the folder itself may be a link
    r = project.ok(["render", "status-report", "p", "--templates", str(link), "--out", "-"])
    assert "inside" in r.output
