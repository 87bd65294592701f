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
