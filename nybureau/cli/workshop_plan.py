"""``nybureau workshop plan``: when and where the prioritisation workshop is held, whom it
invites and the groups mixed across the governance chain (the workshop guide shows them)."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, echo, emit_json, esc, pass_app
from nybureau.cli.workshop import workshop
from nybureau.i18n import Msg
from nybureau.services.people import NEW_PERSON_HELP


@workshop.command("plan", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau workshop plan odder --date \"2017-11-08 9.00\" --place \"Rådhuset, mødesal 1\" \\\n"
    "      --invite arbejdsgruppen --invite ledelsen --invite \"Pia Lund=frontline\" --groups 3\n"
    "  nybureau workshop plan odder --group \"Gruppe A: Pia Lund, Ole Berg\"\n"
    "  nybureau workshop plan odder"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--date", "starts", metavar="\"YYYY-MM-DD H.MM\"",
              help="When the workshop starts (Copenhagen time), e.g. \"2017-05-03 9.00\".")
@click.option("--place", help="Where it is held.")
@click.option("--invite", "invite", multiple=True, metavar="PERSON|BODY",
              help="A person (full name), a body (its current members, e.g. arbejdsgruppen) "
                   "or agenter (the documentation agents); NAME=ROLE gives the person's part "
                   "of the governance chain (frontline, leader, administration, med, "
                   "union_rep). Repeat it; it replaces the invitation list.")
@click.option("--groups", "groups", type=INT64,
              help="Divide the invitees into this many groups, mixed across the governance "
                   "chain.")
@click.option("--group", "named", multiple=True, metavar="\"NAME: PERSON, PERSON\"",
              help="A named group and its people (they are invited too). Repeat it.")
@click.option("--new-person", is_flag=True, help=NEW_PERSON_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def workshop_plan(app: App, project_slug, starts, place, invite, groups, named, new_person,
                  as_json) -> None:
    """Plan the prioritisation workshop, or show its plan (without options)."""
    from nybureau.services.substance import plan_workshop, show_workshop_plan

    changing = any(v not in (None, (), "") for v in (starts, place, invite, groups, named))
    if changing:
        with app.write() as tx:
            plan = plan_workshop(tx, project_slug, starts=starts, place=place,
                                 invite=list(invite), groups=groups,
                                 named_groups=list(named), new_person=new_person)
    else:
        with app.read() as tx:
            plan = show_workshop_plan(tx, project_slug)
    if as_json:
        emit_json(plan)
        return
    if plan is None:
        echo(app.t(Msg("Project {project} has no workshop plan yet; make one with "
                       "`workshop plan {project} --date \"YYYY-MM-DD H.MM\" --invite …`.",
                       project=project_slug)))
        return
    _show(app, plan, changed=changing)


def _show(app: App, plan, changed: bool) -> None:
    from nybureau.cli.tables import col, make_table
    from nybureau.domain.substance import CHAIN_ROLES
    from nybureau.domain.vocabulary import label
    from nybureau.rendering.dates import long_datetime

    when = long_datetime(plan["starts_at"], app.lang)
    head = (Msg("Workshop planned for {project}: {when}", project=plan["project"], when=when)
            if changed else Msg("Workshop of {project}: {when}", project=plan["project"],
                                when=when))
    echo(app.t(head) + (f", {plan['place']}" if plan["place"] else ""))
    if not plan["invitees"]:
        echo(app.t(Msg("No one is invited yet (--invite).")))
        return
    table = make_table([col(app.t(Msg("invitee")), "name"), col(app.t(Msg("role")), "text"),
                        col(app.t(Msg("governance chain")), "label"),
                        col(app.t(Msg("group")), "label")],
                       title=esc(app.t(Msg("Invitation list"))))
    for i in plan["invitees"]:
        group = i["group_name"] or (app.t(Msg("Group {n}", n=i["group_no"]))
                                    if i["group_no"] else "–")
        table.add_row(esc(i["name"]), esc(i["role"] or "–"),
                      label(CHAIN_ROLES, i["chain_role"], app.lang), esc(group))
    app.print(table)


