"""`nybureau demo`: the Odder case through all six phases, in a database of its own."""

from __future__ import annotations

import json

from click.testing import CliRunner

from nybureau.cli.main import cli


def test_demo_runs_odder_to_the_end_without_touching_the_users_db(tmp_path, monkeypatch):
    users_db = tmp_path / "mine.db"
    monkeypatch.setenv("NYBUREAU_DB", str(users_db))
    result = CliRunner().invoke(cli, ["--lang", "da", "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Nybureaukratisering af bostøtten i Odder Kommune" in out
    assert "Tilbageløb" in out
    assert "Videre til Evaluering og spredning" in out
    assert "Status: Afsluttet" in out
    assert not users_db.exists()


def test_demo_keeps_its_database_when_asked(tmp_path):
    runner = CliRunner()
    out_dir = tmp_path / "demo"
    result = runner.invoke(cli, ["--lang", "en", "demo", "--out", str(out_dir)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = out_dir / "nybureau-demo.db"
    assert db.exists()
    rows = json.loads(runner.invoke(cli, ["--db", str(db), "status", "--json"]).output)
    phases = {r["project"]: r["phase"] for r in rows}
    assert phases["odder-bostoette"] == "completed"
    assert len(phases) >= 2  # a second municipality in the same network
    # Running it again into the same folder starts afresh.
    again = runner.invoke(cli, ["demo", "--out", str(out_dir)], catch_exceptions=False)
    assert again.exit_code == 0, again.output


def test_demo_without_pango_writes_everything_but_the_pdf_packages(tmp_path, monkeypatch):
    # A fresh machine without the system library WeasyPrint needs: the demo still runs, writes
    # Markdown, HTML and DOCX, and says why the PDF packages are missing and what to install.
    from nybureau.errors import RenderError
    from nybureau.i18n import Msg
    from nybureau.rendering import pdf

    def missing():
        raise RenderError(Msg("PDF needs WeasyPrint and the Pango library ({problem}). "
                              "Install the system packages the README lists for PDF.",
                              problem="cannot load library 'libpango-1.0-0'"))

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    out_dir = tmp_path / "demo"
    result = CliRunner().invoke(
        cli, ["--lang", "da", "demo", "--out", str(out_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    assert "libpango" in result.stderr and "README" in result.stderr
    assert not list(out_dir.glob("*.pdf"))
    assert list(out_dir.glob("dagsorden-*.docx")) and list(out_dir.glob("referat-*.md"))
