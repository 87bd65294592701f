"""``nybureau exemption add|decide|list|void``: the register of exemptions (*fritagelser*) a
free-municipality trial's project seeks from the ministry, and the ministry's answers."""

from __future__ import annotations

import click

from nybureau.cli._voids import void_command
from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg


@click.group(cls=NybureauGroup)
def exemption() -> None:
    """Exemptions sought from the ministry in a free-municipality trial, and its answers."""


@exemption.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau exemption add guldborgsund Serviceloven \"§ 50\" \\\n"
    "      \"Fritagelse for kravet om en børnefaglig undersøgelse i fast form\" \\\n"
    "      --date 2016-03-01"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("law")
@click.argument("section")
@click.argument("sought")
@click.option("--date", "on", help="The date of the application, YYYY-MM-DD (default: today).")
@click.option("--note", help="A short note.")
@pass_app
def exemption_add(app: App, project_slug, law, section, sought, on, note) -> None:
    """Record an exemption applied for: the LAW, its SECTION (e.g. "§ 50") and what is
    SOUGHT."""
    from nybureau.services.substance import add_exemption

    with app.write() as tx:
        r = add_exemption(tx, project_slug, law, section, sought, on=on, note=note)
    echo(app.t(Msg("Recorded exemption {id}: {law} {section}, sought {fmt_date}.", id=r["id"],
                   law=r["law"], section=r["section"], fmt_date=fmt_date(r["applied_on"]))))


@exemption.command("decide")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("exemption_id", metavar="EXEMPTION_ID")
@click.argument("status", type=Vocab("exemption_status", only=["granted", "refused",
                                                                 "withdrawn"]))
@click.option("--date", "on", help="The date of the ministry's answer, YYYY-MM-DD "
              "(default: today).")
@click.option("--note", help="A short note, e.g. the conditions of the answer.")
@pass_app
def exemption_decide(app: App, project_slug, exemption_id, status, on, note) -> None:
    """Record the ministry's answer to an exemption (granted or refused), or that it was
    withdrawn."""
    from nybureau.domain.vocabulary import EXEMPTION_STATUSES, label
    from nybureau.services.substance import decide_exemption

    with app.write() as tx:
        r = decide_exemption(tx, project_slug, exemption_id, status, on=on, note=note)
    echo(app.t(Msg("Exemption {id} ({law} {section}): {status}, {fmt_date}.", id=r["id"],
                   law=r["law"], section=r["section"],
                   status=label(EXEMPTION_STATUSES, r["status"], app.lang),
                   fmt_date=fmt_date(r["answered_on"]))))


@exemption.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided entries, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def exemption_list(app: App, project_slug: str, include_voided: bool, as_json: bool,
                   wide: bool = False) -> None:
    """List the exemptions sought and the ministry's answers."""
    from nybureau.domain.vocabulary import EXEMPTION_STATUSES, label
    from nybureau.services.substance import list_exemptions

    with app.read() as tx:
        rows = list_exemptions(tx, project_slug, include_voided)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("law")), "text"),
                        col("§", "label"), col(app.t(Msg("sought")), "text", wide=True),
                        col(app.t(Msg("status")), "label"),
                        col(app.t(Msg("applied")), "date"),
                        col(app.t(Msg("answered")), "date")],
                       title=app.t(Msg("Exemptions")), wide=wide)
    for e in rows:
        status = label(EXEMPTION_STATUSES, e["status"], app.lang)
        if e.get("voided_at"):
            status += f" ({app.t(Msg('voided'))})"
        table.add_row(str(e["id"]), esc(e["law"]), esc(e["section"]), esc(e["sought"]),
                      status, fmt_date(e["applied_on"]),
                      fmt_date(e["answered_on"]) if e["answered_on"] else "–")
    app.print(table)


void_command(
    exemption, "exemption", __name__, ref=("exemption_id", "EXEMPTION_ID"),
    help="Void an exemption entered by mistake (EXEMPTION_ID: see `exemption list`).",
    done=Msg(
        "Exemption {law} {section} is voided; it leaves the register and the gate but stays "
        "in the history."))


COMMANDS = [exemption]
