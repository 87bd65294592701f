"""Template security: a user template (``--templates DIR``) cannot read files, environment
variables or Python internals (Jinja2's sandbox), and HTML output escapes every user text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SECRET = "hemmelig-vaerdi-4711"

ATTACKS = {
    "python internals": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals of a function": "{{ _.__globals__ }}",
    "os through a helper": "{{ cycler.__init__.__globals__.os.environ }}",
    "environment": "{{ environ['NYBUREAU_TEST_SECRET'] }}",
    "a file by absolute path": "{% include '/etc/passwd' %}",
    "a file up the tree": "{% include '../../../../../../etc/passwd' %}",
    "the secret file next to the templates": "{% include '../secret.txt' %}",
    "format string tricks": "{{ '{0.__class__}'.format(1) }}",
    "mutating a list in place": "{% set x = [] %}{{ x.append.__self__.__class__ }}",
    "import": "{% import 'os' as os %}{{ os }}",
}


@pytest.fixture
def project(cli):
    cli.ok(["project", "create", "sikker", "--name", "<script>alert('x')</script> & «Æ»",
            "--municipality", "Kommune <b>fed</b>", "--date", "2020-01-01"])
    cli.ok(["body", "member", "sikker", "steering_group", "<img src=x onerror=alert(1)>",
            "--role", "\"><svg onload=alert(2)>"])
    return cli


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_user_template_cannot_reach_files_env_or_internals(project, tmp_path, monkeypatch,
                                                           attack):
    monkeypatch.setenv("NYBUREAU_TEST_SECRET", SECRET)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "status-report.html.j2").write_text(ATTACKS[attack], encoding="utf-8")
    out = tmp_path / "out.html"
    r = project(["render", "status-report", "sikker", "--templates", str(tpl), "--format",
                 "html", "--out", str(out)])
    text = r.output + (out.read_text(encoding="utf-8") if out.exists() else "")
    assert SECRET not in text
    assert "root:" not in text  # /etc/passwd
    assert "Traceback" not in text
    assert "<class" not in text and "subclasses" not in text.replace("__subclasses__()", "")
    if r.exit_code == 0:  # harmless output only (e.g. an undefined name rendered empty)
        assert "os.environ" not in text
    else:
        assert r.exit_code == 1
        assert "status-report.html.j2" in r.output or "was not found" in r.output
        assert not out.exists()


def test_html_output_escapes_user_text(project, tmp_path):
    out = tmp_path / "status.html"
    project.ok(["render", "status-report", "sikker", "--format", "html", "--out", str(out)])
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>fed</b>" not in html
    assert "<img src=x" not in html and "<svg onload" not in html


def test_every_document_escapes_a_script_in_the_project_name(project, tmp_path):
    r = project.ok(["render", "all", "sikker", "--format", "html", "--out", str(tmp_path)])
    files = list(Path(tmp_path).rglob("*.html"))
    assert files, r.output
    for f in files:
        html = f.read_text(encoding="utf-8")
        assert "<script>alert" not in html, f.name
        assert "<img src=x" not in html, f.name
