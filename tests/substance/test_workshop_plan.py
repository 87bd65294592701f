"""`workshop plan` (issue 16, point 7): the workshop's time and place, the invitation list and
groups mixed across the governance chain — stored, shown, audited and rendered in the
workshop guide, with real clock times; refusals write nothing."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.substance.conftest import GOLDEN

UPDATE = bool(os.environ.get("NYBUREAU_UPDATE_GOLDEN"))

MEMBERS = [
    ("management", "Hanne Kjær", "Direktør"),
    ("management", "Lene Dal", "Afdelingsleder, Myndighed"),
    ("med", "Birgit Øster", "Næstformand, Tillidsrepræsentant"),
    ("med", "Kasper Møller", "Arbejdsmiljørepræsentant"),
    ("working_group", "Maria Lind", "Socialrådgiver, Myndighed"),
    ("working_group", "Karina Over", "Socialrådgiver, Myndighed"),
    ("working_group", "Thomas Kragh", "Socialpædagog, Bostøtten"),
    ("working_group", "Ole Vinther", "Teamleder, Bostøtten"),
]


@pytest.fixture
def planned(cli):
    """A project in the prioritisation phase with its bodies, two agents and no plan yet."""
    cli.ok('project create testrup --name "Styring der giver mening" '
           '--municipality "Testrup Kommune" --date 2017-06-01')
    for body, name, role in MEMBERS:
        cli.ok(f'body member testrup {body} "{name}" --role "{role}"')
    cli.ok('agent add testrup "Anne Agent" --title Fagkonsulent --date 2017-09-01')
    cli.ok('agent add testrup "Peter Klausen" --title Økonomikonsulent --date 2017-09-01')
    cli.ok('advance testrup --to prioritisation --reason "Test: straight to the workshop" '
           "--date 2017-10-30")
    return cli


def _render(cli, tmp_path, lang="da", fmt="md", name="workshop-guide"):
    out = tmp_path / f"{name}-{lang}"
    cli.ok(f"render {name} --project testrup --format {fmt} --out {out}", lang=lang)
    (path,) = list(out.iterdir()) if out.is_dir() else [out]
    return path.read_text(encoding="utf-8")


def test_without_a_plan_the_guide_counts_from_zero_and_the_command_says_so(planned, tmp_path):
    shown = planned.ok("workshop plan testrup", lang="da").output
    assert "har endnu ingen plan for workshoppen" in shown
    text = _render(planned, tmp_path)
    assert "| 0.00–0.15 | Velkomst og rammer" in text
    assert "## Inviterede" not in text and "## Tid og sted" not in text


def test_a_plan_gives_the_guide_clock_times_the_invitation_list_and_mixed_groups(planned,
                                                                                tmp_path):
    out = planned.ok('workshop plan testrup --date "2017-11-08 9.00" --place "Rådhuset, '
                     'mødesal 1" --invite ledelsen --invite med --invite arbejdsgruppen '
                     "--invite agenter --groups 3", lang="da").output
    assert "onsdag den 8. november 2017 kl. 09.00, Rådhuset, mødesal 1" in out
    plan = json.loads(planned.ok("workshop plan testrup --json").output)
    assert plan["place"] == "Rådhuset, mødesal 1" and plan["group_count"] == 3
    assert plan["starts_at"] == "2017-11-08T09:00:00+01:00"
    roles = {i["name"]: i["chain_role"] for i in plan["invitees"]}
    assert roles == {"Hanne Kjær": "leader", "Lene Dal": "leader", "Birgit Øster": "union_rep",
                     "Kasper Møller": "med", "Maria Lind": "frontline",
                     "Karina Over": "frontline", "Thomas Kragh": "frontline",
                     "Ole Vinther": "leader", "Anne Agent": "administration",
                     "Peter Klausen": "administration"}
    sizes = [len(g["members"]) for g in plan["groups"]]
    assert sorted(sizes) == [3, 3, 4]
    for g in plan["groups"]:  # every group a spread across the chain
        assert len({m["chain_role"] for m in g["members"]}) >= 2, g
    fronts = [sum(m["chain_role"] == "frontline" for m in g["members"]) for g in plan["groups"]]
    assert fronts == [1, 1, 1]

    text = _render(planned, tmp_path)
    assert "Workshoppen holdes onsdag den 8. november 2017 kl. 9.00–12.00, Rådhuset, " \
           "mødesal 1." in text
    assert "| 9.00–9.15 | Velkomst og rammer" in text
    assert "| 11.45–12.00 | Afrunding" in text
    assert "| Birgit Øster | Næstformand, Tillidsrepræsentant | tillidsrepræsentant |" in text
    assert re.search(r"### Gruppe 1 \(1 frontlinjemedarbejder, .*\)", text)
    english = _render(planned, tmp_path, lang="en")
    assert "The workshop is held on Wednesday 8 November 2017 at 9.00–12.00" in english
    assert "### Group 1 (1 frontline worker" in english


def test_the_plan_is_audited_in_words_and_changed_in_parts(planned):
    planned.ok('workshop plan testrup --date "2017-11-08 9.00" --invite arbejdsgruppen '
               "--groups 2")
    planned.ok('workshop plan testrup --place "Kulturhuset"')
    plan = json.loads(planned.ok("workshop plan testrup --json").output)
    assert plan["place"] == "Kulturhuset" and len(plan["invitees"]) == 4  # list kept
    assert plan["time"] == "9.00" and plan["group_count"] == 2
    log = planned.ok("log testrup", lang="da").output
    assert "Planen for workshoppen er lagt: den 8. nov. 2017 kl. 9.00; 4 inviterede i 2 " \
           "grupper." in " ".join(log.split()) or "Planen for workshoppen er lagt" in log
    assert "Planen for workshoppen er ændret" in log


def test_named_groups_and_a_role_given_after_the_name(planned):
    planned.ok('workshop plan testrup --date "2017-11-08 13.00" '
               '--group "Gruppe A: Maria Lind, Hanne Kjær" '
               '--group "Gruppe B: Ole Vinther, Karina Over=union_rep" --invite "Anne Agent"')
    plan = json.loads(planned.ok("workshop plan testrup --json").output)
    assert [g["name"] for g in plan["groups"]] == ["Gruppe A", "Gruppe B"]
    by_name = {i["name"]: i for i in plan["invitees"]}
    assert by_name["Karina Over"]["chain_role"] == "union_rep"
    assert by_name["Anne Agent"]["group"] is None  # invited, in no group
    assert plan["time"] == "13.00"


@pytest.mark.parametrize("args,says", [
    ('--date "2017-11-08 9.00" --invite "Ny Person"', "Ny Person's part of the governance chain"),
    ('--date "2017-11-08 25.00" --invite med', "is not a date and time"),
    ('--date "2017-11-08 9.00" --invite med --groups 3', "3 groups is more groups than there "
                                                          "are invitees (2)"),
    ('--date "2017-11-08 9.00" --invite med --groups 2 --group "A: Lene Dal"',
     "not both"),
    ('--date "2017-11-08 9.00" --group "Uden kolon"', "Write a group as"),
    ('--date "2017-11-08 9.00" --invite "Maria Lind=chef"', "is not a role in the governance"),
    ("--place Rådhuset", "has no workshop plan yet"),
    ('--date "2017-11-08 9.00" --invite referencegruppen', "has no current members"),
])
def test_a_refused_plan_writes_nothing(planned, args, says):
    before = planned.ok("log testrup --json").output
    result = planned(f"workshop plan testrup {args}")
    assert result.exit_code != 0
    assert says in " ".join(result.output.split()), result.output
    assert planned.ok("log testrup --json").output == before
    assert "no workshop plan yet" in planned.ok("workshop plan testrup").output


def test_the_guide_never_shows_a_persons_union(planned, store, tmp_path):
    from sqlalchemy import update

    from nybureau.persistence import tables as t

    with store.transaction("t") as tx:
        tx.conn.execute(update(t.person).values(union_affiliation="Socialpædagogerne"))
    planned.ok('workshop plan testrup --date "2017-11-08 9.00" --invite med --groups 1')
    for fmt in ("md", "html"):
        assert "Socialpædagogerne" not in _render(planned, tmp_path, fmt=fmt)
    assert "Socialpædagogerne" not in planned.ok("workshop plan testrup --json").output


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_planned_guide_matches_its_golden_file(planned, tmp_path, lang, fmt):
    planned.ok('workshop plan testrup --date "2017-11-08 9.00" --place "Rådhuset, mødesal 1" '
               "--invite ledelsen --invite med --invite arbejdsgruppen --invite agenter "
               "--groups 3")
    text = _render(planned, tmp_path, lang=lang, fmt=fmt)
    path = GOLDEN / f"workshop-guide-planned.{lang}.{fmt}"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"the planned workshop guide ({lang}, {fmt}) differs from {path.name}; if intended, "
        "regenerate with NYBUREAU_UPDATE_GOLDEN=1 and review the diff")


def test_the_groups_are_dealt_out_across_the_chain():
    from nybureau.services.substance.workshop_plan import chain_role_of, mixed_groups

    people = [{"chain_role": r} for r in
              ["frontline"] * 6 + ["leader"] * 3 + ["union_rep"] * 3 + ["administration"] * 2]
    groups = mixed_groups(people, 3)
    for g in (1, 2, 3):
        mine = [p["chain_role"] for p, n in zip(people, groups) if n == g]
        assert mine.count("frontline") == 2 and mine.count("leader") == 1
        assert mine.count("union_rep") == 1
    assert sorted(groups.count(g) for g in (1, 2, 3)) == [4, 5, 5]
    assert chain_role_of([("med", "Formand, ledelsesrepræsentant")]) == "leader"
    assert chain_role_of([("project_group", "Projektleder, Marselisborg")]) == "administration"
    assert chain_role_of([("working_group", None)]) == "frontline"
    assert chain_role_of([("steering_group", None)]) is None


def test_migration_0015_adds_the_plan_s_tables_to_0012_data(planned, store):
    from sqlalchemy import inspect

    from nybureau.persistence.schema import SCHEMA_HEAD
    from nybureau.persistence.store import Store
    from tests.meetings.test_generated_texts import _alembic

    guide = planned.ok("render workshop-guide --project testrup --format md --out -",
                       lang="da").output
    _alembic(store, "0012", down=True)
    assert not {"workshop_plan", "workshop_invitee"} & set(inspect(store.engine)
                                                           .get_table_names())
    store.dispose()
    again = Store(store.url)
    assert again.init() == ("0012", SCHEMA_HEAD)
    again.dispose()
    assert planned.ok("render workshop-guide --project testrup --format md --out -",
                      lang="da").output == guide
    assert json.loads(planned.ok("audit verify --json").output)["ok"]
    assert planned.ok("init").exit_code == 0  # idempotent
    planned.ok('workshop plan testrup --date "2017-11-08 9.00" --invite med')
    assert json.loads(planned.ok("audit verify --json").output)["ok"]


def test_the_odder_example_plans_its_conference_and_anchors_in_hoved_med(cli):
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "odder" / "project.yaml"
    cli.ok(f"project import {example}")
    plan = json.loads(cli.ok("workshop plan odder-bostoette --json").output)
    assert plan["place"] == "Odder Rådhus, byrådssalen" and plan["group_count"] == 4
    invited = {i["name"]: i for i in plan["invitees"]}
    assert len(invited) == 19
    # the role shown is the person's role in management, not in Hoved-MED
    assert invited["Hanne Kjærgaard Lund"]["role"] == "Direktør"
    assert invited["Hanne Kjærgaard Lund"]["chain_role"] == "leader"
    assert {i["group"] for i in plan["invitees"]} == {"1", "2", "3", "4"}
    guide = cli.ok("render workshop-guide --project odder-bostoette --format md --out -",
                   lang="da").output
    assert "Workshoppen holdes tirsdag den 14. november 2017 kl. 9.00–12.00, Odder Rådhus, " \
        "byrådssalen." in guide
    # Hoved-MED: its members, and the anchoring it decided (recorded, no warning)
    decisions = json.loads(cli.ok("decision list odder-bostoette --json").output)
    anchoring = [d for d in decisions if d["decision_key"] == "med_anchoring"]
    assert [(d["body"], d["outcome"]) for d in anchoring] == [("hoved_med", "approved")]
    shown = cli.ok("project show odder-bostoette", lang="da").output
    assert "Hoved-MED" in shown and "Susanne Krogh Poulsen" in shown
