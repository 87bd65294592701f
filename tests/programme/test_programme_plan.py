"""The document ``programme-plan`` through ``render``: the network's frame project, its steps
expected and done, and each local project with its phase and the programme management's
approval — Danish by default, as of its date (on PostgreSQL too, with NYBUREAU_TEST_PG)."""

from __future__ import annotations

import json


def _setup(cli) -> None:
    cli.ok('network create ramme --name "Rammenetværket"')
    cli.ok('project create aby --name "Bostøtte i Åby" --municipality "Åby Kommune" '
           "--network ramme --date 2017-06-01")
    cli.ok('project create bro --name "Botilbud i Bro" --municipality "Bro Kommune" '
           "--network ramme --date 2017-08-01")
    cli.ok('network programme ramme --name "Nybureaukratisering" --owner "Ekspertområdet" '
           '--management "Ida Holm (KL) og Bo Lund (SL)"')
    cli.ok('network step add ramme "Rekruttering af kommuner" --due 2017-05-31')
    cli.ok('network step add ramme "Planlægning med kommunerne" --due 2017-06-30')
    cli.ok("network step done ramme 1 --date 2017-05-29")
    cli.ok("network step done ramme 2 --date 2017-08-20")
    cli.ok("decision record aby programme_approval --by programme_management "
           "--outcome approved --date 2017-06-28")
    cli.ok("decision record bro programme_approval --by programme_management "
           "--outcome postponed --date 2017-08-10")


def test_the_plan_in_danish_with_steps_projects_and_approvals(cli):
    _setup(cli)
    out = cli.ok("render programme-plan --network ramme --out -", lang="da").output
    assert "# Rammeprojektet: forløb, organisering og lokale projekter" in out
    assert "**Projektejer og styregruppe:** Ekspertområdet" in out
    assert "**Projektledelse:** Ida Holm (KL) og Bo Lund (SL)" in out
    assert ("| 1 | Rekruttering af kommuner | onsdag den 31. maj 2017 | "
            "mandag den 29. maj 2017 |") in out
    assert ("| 2 | Planlægning med kommunerne | fredag den 30. juni 2017 | "
            "søndag den 20. august 2017 |") in out
    assert ("| Åby Kommune | Bostøtte i Åby | 1/6 Opbakning og organisering | "
            "Ja, onsdag den 28. juni 2017 |") in out
    assert "| Bro Kommune | Botilbud i Bro | 1/6 Opbakning og organisering | Nej (udsat," in out
    # a project gives its network's plan
    assert cli.ok("render programme-plan --project aby --out -", lang="da").output == out
    listed = json.loads(cli.ok("render list --json").output)
    assert any(d["name"] == "programme-plan" for d in listed)


def test_the_plan_as_of_a_day_before_the_step_and_the_approval(cli):
    _setup(cli)
    out = cli.ok("render programme-plan --network ramme --as-of 2017-06-15 --out -", lang="da").output
    assert "| 2 | Planlægning med kommunerne | fredag den 30. juni 2017 | ikke endnu |" in out
    assert "| Åby Kommune | Bostøtte i Åby | 1/6 Opbakning og organisering | Ikke endnu |" in out
    assert "Bro Kommune" not in out  # started later


def test_no_plan_without_a_frame_project(cli):
    cli.ok('network create tom --name "Tomt netværk"')
    cli.ok('project create alene --name Alene --municipality "Alene Kommune" --date 2017-06-01')
    refused = cli("render programme-plan --network tom --out -")
    assert refused.exit_code != 0 and "has no frame project yet" in refused.output
    refused = cli("render programme-plan --project alene --out -")
    assert refused.exit_code != 0 and "not in a network" in refused.output
