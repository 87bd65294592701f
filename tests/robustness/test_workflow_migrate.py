"""`nybureau workflow migrate PROJECT --to VERSION|FILE [--dry-run]`: a project moves to a newer
definition of its workflow in one audited transaction; a project in a phase the new version no
longer has is refused with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BUILTIN = REPO / "workflows" / "nybureaukratisering.yaml"


@pytest.fixture
def versions(tmp_path):
    """v1 = the built-in model as a file of one's own; v2 renames 'mapping', drops
    'prototyping' and adds a requirement to 'common_language'."""
    data = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
    data["id"] = "vores-model".replace("-", "_")
    data["version"] = 1
    v1 = tmp_path / "vores-model-v1.yaml"
    v1.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for p in data["phases"]:
        if p["id"] == "mapping":
            p["title"] = {"da": "Kortlægning af styringen", "en": "Mapping the governance"}
        if p["id"] == "common_language":
            p["requirements"].append({"id": "two_seminars", "kind": "activity",
                                      "activities": ["seminar"], "min": 2})
    data["phases"] = [p for p in data["phases"] if p["id"] != "prototyping"]
    data["version"] = 2
    v2 = tmp_path / "vores-model-v2.yaml"
    v2.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return v1, v2


def _project(cli, v1, slug="lokal"):
    cli.ok(["project", "create", slug, "--name", "Lokal", "--municipality", "Kommune",
            "--workflow", str(v1), "--date", "2020-01-01"])


def test_dry_run_lists_the_changes_and_writes_nothing(cli, versions, snapshot):
    v1, v2 = versions
    _project(cli, v1)
    before = snapshot()
    r = cli(["workflow", "migrate", "lokal", "--to", str(v2), "--dry-run", "--json"])
    assert r.exit_code == 0, r.output
    c = json.loads(r.stdout)["changes"]
    assert c["phases_removed"] == ["prototyping"]
    assert [p["phase"] for p in c["phases_renamed"]] == ["mapping"]
    assert {"phase": "common_language", "requirement": "two_seminars",
            "kind": "activity"} in c["requirements_added"]
    assert "evaluation_plan" in c["decisions_removed"]
    text = cli.ok(["workflow", "migrate", "lokal", "--to", str(v2), "--dry-run"]).output
    assert "phase removed: prototyping" in text and "phase renamed: mapping" in text
    assert "requirement added: common_language: two_seminars" in text
    assert snapshot() == before


def test_migration_is_one_audited_transaction(cli, versions):
    v1, v2 = versions
    _project(cli, v1)
    cli.ok(["workflow", "migrate", "lokal", "--to", str(v2)])
    show = json.loads(cli.ok("project show lokal --json").stdout)
    assert show["workflow_version"] == 2 and show["phase"] == "backing"
    events = cli.ok("audit verify --json").stdout
    assert json.loads(events)["ok"]
    from sqlalchemy import create_engine, text

    engine = create_engine(cli.db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT before, after FROM audit_event WHERE action = "
                                 "'workflow.migrate'")).fetchall()
    engine.dispose()
    assert len(rows) == 1
    assert json.loads(rows[0][0])["version"] == 1 and json.loads(rows[0][1])["version"] == 2
    # the new requirement now counts
    status = json.loads(cli.ok("status lokal --json").stdout)
    assert status["workflow_version"] == 2


def test_project_in_a_removed_phase_is_refused_with_the_reason(cli, versions, snapshot):
    v1, v2 = versions
    _project(cli, v1)
    cli.ok(["advance", "lokal", "--to", "prototyping", "--reason", "Vi springer frem for at teste",
            "--date", "2020-02-01"])
    before = snapshot()
    r = cli(["workflow", "migrate", "lokal", "--to", str(v2)])
    assert r.exit_code == 1
    assert "phase 'prototyping', which version 2" in r.output and "advance lokal --to" in r.output
    assert snapshot() == before
    dry = cli(["workflow", "migrate", "lokal", "--to", str(v2), "--dry-run"])
    assert dry.exit_code == 1 and "phase removed: prototyping" in dry.output
    assert snapshot() == before


def test_older_same_or_foreign_targets_are_refused(cli, versions, tmp_path, snapshot):
    v1, v2 = versions
    _project(cli, v2, slug="ny")
    before = snapshot()
    for target, words in ((str(v1), "only moves to a newer version"),
                          (str(v2), "already runs on exactly this definition"),
                          ("nybureaukratisering.yaml", None),
                          ("7", "no version 7")):
        r = cli(["workflow", "migrate", "ny", "--to", target])
        assert r.exit_code == 1 and "Traceback" not in r.output
        if words:
            assert words in r.output
    other = tmp_path / "x.yaml"
    other.write_text(BUILTIN.read_text(encoding="utf-8").replace("version: 2", "version: 3"),
                     encoding="utf-8")
    r = cli(["workflow", "migrate", "ny", "--to", str(other)])
    assert r.exit_code == 1 and "same workflow" in r.output
    assert snapshot() == before


def test_builtin_version_numbers(cli):
    cli.ok("project create b --name B --municipality K --date 2020-01-01")
    r = cli(["workflow", "migrate", "b", "--to", "2", "--dry-run"])
    assert r.exit_code == 1 and "already runs on exactly this definition" in r.output
    # the released version 1 is still there, but migration never moves back to it
    r = cli(["workflow", "migrate", "b", "--to", "1", "--dry-run"])
    assert r.exit_code == 1 and "Migration only moves to a newer version" in r.output


def test_released_versions_in_history_stay_loadable():
    from nybureau.services.admin.workflow_migrate import builtin_versions
    from nybureau.workflow.loader import builtin_workflows, load_file

    for wid, path in builtin_workflows().items():
        current = load_file(path)[0]
        versions = builtin_versions(wid)
        assert versions[current.version] == path
        for n, p in versions.items():
            spec = load_file(p)[0]
            assert spec.id == wid and spec.version == n
            assert n <= current.version
