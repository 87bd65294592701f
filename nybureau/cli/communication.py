"""``nybureau stakeholder …``: the communication plan and stakeholder analysis (issue 16 §6) —
who the project communicates with, their interest and influence, what they need, the channel,
when and who is responsible. ``render communication-plan`` prints it."""

from __future__ import annotations

import click

from nybureau.cli._voids import void_command
from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg

_LEVEL = "low, medium, high (lav, middel, høj)."


@click.group("stakeholder", cls=NybureauGroup)
def stakeholder() -> None:
    """The communication plan: stakeholders, what they need, channel, when, who."""


def _plan_options(f):
    f = click.option("--responsible", help="Who is responsible for it.")(f)
    f = click.option("--when", "timing",
                     help="When or how often, e.g. »efter hvert styregruppemøde«.")(f)
    f = click.option("--channel", help="How they are reached, e.g. personalemøde, "
                                       "nyhedsbrev, intranet.")(f)
    f = click.option("--needs", help="What they need to know, be asked or given.")(f)
    f = click.option("--influence", type=Vocab("level"),
                     help="Their influence on the project: " + _LEVEL)(f)
    return click.option("--interest", type=Vocab("level"),
                        help="Their interest in the project: " + _LEVEL)(f)


@stakeholder.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau stakeholder add odder \"Medarbejdere i bostøtten\" --interest høj \\\n"
    "      --influence middel --needs \"Hvad prototypen betyder for hverdagen\" \\\n"
    "      --channel Personalemøder --when \"Efter hvert styregruppemøde\" \\\n"
    "      --responsible Teamlederne"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("name", metavar="STAKEHOLDER")
@_plan_options
@click.option("--date", "on", help="When it was planned, YYYY-MM-DD (default: today).")
@pass_app
def stakeholder_add(app: App, project_slug, name, interest, influence, needs, channel, timing,
                    responsible, on) -> None:
    """Add a stakeholder or target group to the communication plan."""
    from nybureau.services import substance

    with app.write() as tx:
        r = substance.add_stakeholder(tx, project_slug, name, interest=interest,
                                      influence=influence, needs=needs, channel=channel,
                                      timing=timing, responsible=responsible, on=on)
    echo(app.t(Msg("Added {name} to the communication plan (id {id}).", name=r["name"],
                   id=r["id"])))


@stakeholder.command("update")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="STAKEHOLDER")
@click.option("--name", help="A new name.")
@_plan_options
@pass_app
def stakeholder_update(app: App, project_slug, ref, name, interest, influence, needs, channel,
                       timing, responsible) -> None:
    """Change a stakeholder's row of the plan (STAKEHOLDER: its id or name)."""
    from nybureau.services import substance

    with app.write() as tx:
        r = substance.update_stakeholder(tx, project_slug, ref, name=name, interest=interest,
                                         influence=influence, needs=needs, channel=channel,
                                         timing=timing, responsible=responsible)
    echo(app.t(Msg("The communication plan's row for {name} is changed.", name=r["name"])))


@stakeholder.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided rows, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def stakeholder_list(app: App, project_slug, include_voided, as_json, wide) -> None:
    """List the communication plan."""
    from nybureau.services import substance

    with app.read() as tx:
        rows = substance.list_stakeholders(tx, project_slug, include_voided, lang=app.lang)
    if as_json:
        emit_json([{k: r.get(k) for k in (
            "id", "name", "interest", "influence", "needs", "channel", "timing", "responsible",
            "noted_on", "voided_at", "void_reason")} for r in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("stakeholder")), "text"),
                        col(app.t(Msg("interest/influence")), "label"),
                        col(app.t(Msg("needs")), "text", wide=True),
                        col(app.t(Msg("channel")), "text"),
                        col(app.t(Msg("when")), "text"),
                        col(app.t(Msg("responsible")), "text", wide=True)],
                       title=app.t(Msg("Communication plan of {project_slug}",
                                       project_slug=project_slug)), wide=wide)
    for r in rows:
        name = r["name"] + (f" ({app.t(Msg('voided'))})" if r.get("voided_at") else "")
        level = "/".join(x or "–" for x in (r["interest_label"], r["influence_label"]))
        table.add_row(str(r["id"]), esc(name), esc(level), esc(r["needs"] or "–"),
                      esc(r["channel"] or "–"), esc(r["timing"] or "–"),
                      esc(r["responsible"] or "–"))
    app.print(table)


void_command(
    stakeholder, "stakeholder", __name__, ref=("stakeholder_id", "ID"),
    help="Void a stakeholder entered by mistake (ID: see `stakeholder list`).",
    done=Msg("Stakeholder {id} is voided; it leaves the communication plan but stays in the "
             "history."))

COMMANDS = [stakeholder]
