"""User templates: override and extend the built-in ones, run in the sandbox, and fail with the
template file and line — writing nothing."""

from __future__ import annotations

import pytest


@pytest.fixture
def planned(cli):
    cli.ok('project create p --name "Styring" --municipality "Solbjerg Kommune" '
           '--date 2017-05-02')
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    return cli


def test_user_template_extends_the_builtin_one(planned, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text(
        '{% extends "default:agenda.md.j2" %}\n'
        '{% block kicker %}*Solbjerg Kommune – Hoved-MED (egen skabelon)*\n{% endblock %}\n',
        encoding="utf-8")
    out = tmp_path / "a.md"
    planned.ok(f"render agenda --meeting 1 --templates {tpl} --out {out}", lang="da")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("*Solbjerg Kommune – Hoved-MED (egen skabelon)*")
    assert "# Dagsorden: Hoved-MED, 14. juni 2017" in text  # the rest is the built-in one


def test_user_base_template_changes_every_document(planned, tmp_path, monkeypatch):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "base.html.j2").write_text(
        '{% extends "default:base.html.j2" %}\n'
        '{% block kicker %}Solbjerg Kommune · Ældre og Sundhed{% endblock %}\n',
        encoding="utf-8")
    monkeypatch.setenv("NYBUREAU_TEMPLATES", str(tpl))
    out = tmp_path / "s.html"
    planned.ok(f"render status-report p --out {out}", lang="da")
    assert "Solbjerg Kommune · Ældre og Sundhed" in out.read_text(encoding="utf-8")


def test_broken_template_names_file_and_line_and_writes_nothing(planned, tmp_path, snapshot):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text(
        '{% extends "default:agenda.md.j2" %}\n'
        '{% block heading %}\n'
        '{{ meeting.name }\n'
        '{% endblock %}\n', encoding="utf-8")
    out = tmp_path / "a.md"
    before = snapshot()
    result = planned(f"render agenda --meeting 1 --templates {tpl} --out {out}")
    assert result.exit_code == 1
    assert f"{tpl / 'agenda.md.j2'}:3" in result.output, result.output
    assert "Nothing was written" in result.output
    assert not out.exists()
    assert snapshot() == before


def test_runtime_error_in_template_names_its_line(planned, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text(
        '# {{ meeting.name }}\n\n'
        '{{ meeting.no_such_field }}\n', encoding="utf-8")
    result = planned(f"render agenda --meeting 1 --templates {tpl} --out {tmp_path}/x.md")
    assert result.exit_code == 1
    assert f"{tpl / 'agenda.md.j2'}:3" in result.output and "no_such_field" in result.output
    assert not (tmp_path / "x.md").exists()


@pytest.mark.parametrize("expr", [
    "''.__class__.__mro__[1].__subclasses__()",
    "meeting.__class__.__init__.__globals__",
    "lipsum.__globals__['os'].system('true')",
    "cycler.__init__.__globals__.os",
])
def test_sandboxed_template_cannot_reach_python_internals(planned, tmp_path, expr):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text("{{ " + expr + " }}\n", encoding="utf-8")
    out = tmp_path / "x.md"
    result = planned(f"render agenda --meeting 1 --templates {tpl} --out {out}")
    assert result.exit_code == 1, result.output
    assert "could not be rendered" in result.output
    assert not out.exists()


def test_the_text_function_puts_in_plain_names_only(planned, tmp_path):
    """``_(…, name=value)`` fills ``{name}`` places; a format string's attribute or index
    access (``{x.__class__}``) is left as written, so it cannot reach past the sandbox."""
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text(
        '{{ _("Facilitatorer: {the_agents}", "Facilitators: {the_agents}", '
        'the_agents=terms.the_agents) }}\n'
        '{{ _("{x.__class__.__mro__} {x[0]} {x}", x=meeting) }}\n', encoding="utf-8")
    out = tmp_path / "x.md"
    planned.ok(f"render agenda --meeting 1 --templates {tpl} --out {out}", lang="da")
    text = out.read_text(encoding="utf-8")
    assert "Facilitatorer: dokumentationsagenterne" in text
    assert "{x.__class__.__mro__} {x[0]}" in text and "class" not in text.replace(
        "{x.__class__.__mro__}", "")


def test_missing_templates_folder_is_refused(planned, tmp_path):
    result = planned(f"render agenda --meeting 1 --templates {tmp_path / 'nope'}")
    assert result.exit_code == 1 and "does not exist" in result.output


def test_render_all_writes_every_document_or_nothing(planned, tmp_path):
    out = tmp_path / "docs"
    result = planned.ok(f"render all p --out {out}", lang="da")
    files = sorted(p.name for p in out.iterdir())
    assert "dagsorden-hoved-med-2017-06-14.docx" in files
    assert "projektbeskrivelse-p.html" in files and "kommissorium-p.md" in files
    assert len(files) == len(result.output.split())
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "mandate.md.j2").write_text("{% if %}\n", encoding="utf-8")
    out2 = tmp_path / "docs2"
    broken = planned(f"render all p --out {out2} --templates {tpl}")
    assert broken.exit_code == 1 and "mandate.md.j2:1" in broken.output
    assert not out2.exists()


def test_render_list_names_the_documents(cli):
    out = cli.ok("render list --json").output
    for name in ("agenda", "minutes", "decision-paper", "project-description", "mandate",
                 "seminar-guide", "workshop-guide", "module-outline", "network-agenda",
                 "status-report", "phase-summary"):
        assert f'"{name}"' in out


def test_danish_numbers_money_and_file_names():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from nybureau.rendering.dates import long_datetime
    from nybureau.rendering.text import money, number, slugify

    assert money(1234.5) == "1.234,50\xa0kr."
    assert number(1234567.891) == "1.234.567,891"
    assert slugify("Dagsorden Hoved-MED 2017-06-14") == "dagsorden-hoved-med-2017-06-14"
    assert slugify("Æblegrød på Århus Ø") == "aeblegroed-paa-aarhus-oe"
    when = datetime(2017, 4, 26, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert long_datetime(when, "da") == "onsdag den 26. april 2017 kl. 10.00"
