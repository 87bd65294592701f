"""The --json contract (issue 11 §7): the same key for the same thing in every command, and a
refusal under --json is a JSON object {"error", "message", "exit_code"} on stdout with the same
exit code — in Danish and English, the database unchanged."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def filled(cli):
    cli.ok('network create midt --name "Netværk Midt"')
    cli.ok('project create randers --name "Ældreplejen i Randers" --municipality "Randers '
           'Kommune" --network midt --date 2025-01-06')
    cli.ok('body member randers med "Søren Østergaard"')
    cli.ok('item add randers --kind rule --title "Hjælpen visiteres i minutter" '
           '--date 2025-02-01')
    cli.ok('focus add randers "Rummelig visitation" --item 1 --date 2025-02-12')
    cli.ok('meeting plan randers med --date "2025-02-03 10:00"')
    cli.ok('meeting plan midt network --number 1 --date "2025-03-05 13:00"')
    return cli


def _json(cli, args):
    return json.loads(cli.ok(args).stdout)


def test_the_project_slug_is_project_everywhere(filled):
    cli = filled
    assert [p["project"] for p in _json(cli, "project list --json")] == ["randers"]
    assert all("slug" not in p for p in _json(cli, "project list --json"))
    assert [s["project"] for s in _json(cli, "status --json")] == ["randers"]
    assert _json(cli, "status randers --json")["project"] == "randers"
    assert _json(cli, "project show randers --json")["project"] == "randers"
    meetings = _json(cli, "meeting list --json")
    assert {m["project"] for m in meetings} == {"randers", None}


def test_the_network_slug_is_network_everywhere(filled):
    cli = filled
    assert _json(cli, "network list --json") == [{"network": "midt", "name": "Netværk Midt",
                                                  "projects": 1,
                                                  "responsible_municipality": None}]
    assert _json(cli, "project list --json")[0]["network"] == "midt"
    assert _json(cli, "project show randers --json")["network"] == "midt"
    assert {m["network"] for m in _json(cli, "meeting list --json")} == {"midt", None}


def test_a_day_is_date_everywhere(filled):
    cli = filled
    assert _json(cli, "item list randers --json")[0]["date"] == "2025-02-01"
    focus = _json(cli, "focus list randers --json")[0]
    assert focus["date"] == "2025-02-12" and "decided_on" not in focus
    shown = _json(cli, "project show randers --json")
    assert shown["phase_history"][0]["date"] == "2025-01-06"


def _refusal(result, kind: str, code: int) -> dict:
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"error", "message", "exit_code"}
    assert data["error"] == kind and data["exit_code"] == code
    assert data["message"]
    assert "unexpected error" not in result.output
    return data


@pytest.mark.parametrize("lang,word", [("da", "findes ikke"), ("en", "no project")])
def test_not_found_under_json(filled, snapshot, lang, word):
    before = snapshot()
    data = _refusal(filled("item list nope --json", lang=lang), "not_found", 1)
    assert word in data["message"] and "nope" in data["message"]
    data = _refusal(filled("status nope --json", lang=lang), "not_found", 1)
    assert word in data["message"]
    assert snapshot() == before


@pytest.mark.parametrize("lang", ["da", "en"])
def test_invalid_input_under_json_leaves_the_database_as_it_was(filled, snapshot, lang):
    before = snapshot()
    result = filled('meeting plan randers med --date "3. februar" --json', lang=lang)
    data = _refusal(result, "invalid_input", 1)
    assert "3. februar" in data["message"]
    assert snapshot() == before


@pytest.mark.parametrize("lang", ["da", "en"])
def test_usage_error_under_json(filled, snapshot, lang):
    before = snapshot()
    data = _refusal(filled("item list randers --json --bogus", lang=lang), "usage", 2)
    assert "--bogus" in data["message"]
    data = _refusal(filled('meeting plan randers nobody --date "2025-02-03 10:00" --json',
                           lang=lang), "usage", 2)
    assert "nobody" in data["message"]
    assert snapshot() == before


def test_nested_group_command_under_json(filled):
    data = _refusal(filled("meeting show 999 --json"), "not_found", 1)
    assert "999" in data["message"]


def test_without_json_a_refusal_stays_a_message(filled):
    result = filled("item list nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nope" in result.stderr and not result.stderr.lstrip().startswith("{")
    # a command without --json is never answered in JSON, even if --json is typed after "--"
    result = filled(["status", "--", "--json"])
    assert not result.stdout.lstrip().startswith('{\n  "error"')
