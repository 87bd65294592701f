"""``nybureau risk …``: the project's log of risks, barriers and drivers (issue 16 §6) — add,
list, update, close and void."""

from __future__ import annotations

import click

from nybureau.cli._voids import void_command
from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg

_KIND_HELP = "risk (risiko), barrier (barriere) or driver (drivkraft); default risk."
_CHAIN_HELP = ("Where in the governance chain: frontline, leader, administration, med, "
               "union_rep (Danish words accepted).")
_LIKELIHOOD_HELP = "How likely: low, medium, high (lav, middel, høj)."
_EFFECT_HELP = "How great the effect if it happens: low, medium, high (lav, middel, høj)."


@click.group("risk", cls=NybureauGroup)
def risk() -> None:
    """The risk and barrier log: risks, barriers and drivers, where in the chain, the action."""


def _entry_options(required: bool):
    return lambda f: _options(f, required)


def _options(f, required: bool):
    f = click.option("--owner", help="Who carries the action (a person or a unit).")(f)
    f = click.option("--action", "action_text", help="What is done about it.")(f)
    f = click.option("--effect", type=Vocab("level"), help=_EFFECT_HELP)(f)
    f = click.option("--likelihood", type=Vocab("level"), help=_LIKELIHOOD_HELP)(f)
    f = click.option("--chain-role", type=Vocab("chain_role"), help=_CHAIN_HELP)(f)
    f = click.option("--kind", type=Vocab("risk_kind"), help=_KIND_HELP)(f)
    return click.option("--what", required=required,
                        help="What the risk, barrier or driver is.")(f)


@risk.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau risk add odder --kind barrier --chain-role administration \\\n"
    "      --what \"Budgetmodellen følger ydelsen, ikke målet\" --likelihood høj \\\n"
    "      --effect høj --action \"Drøftes med økonomi\" --owner Projektlederen"))
@click.argument("project_slug", metavar="PROJECT")
@_entry_options(True)
@click.option("--date", "on", help="When it was noted, YYYY-MM-DD (default: today).")
@pass_app
def risk_add(app: App, project_slug, on, what, kind, chain_role, likelihood, effect,
             action_text, owner) -> None:
    """Note a risk, barrier or driver in the project's log."""
    from nybureau.services import substance

    with app.write() as tx:
        r = substance.add_risk(tx, project_slug, what=what, kind=kind or "risk",
                               chain_role=chain_role, likelihood=likelihood, effect=effect,
                               action=action_text, owner=owner, on=on)
    echo(app.t(Msg("Noted entry {id} in the risk log: {what}.", id=r["id"], what=r["what"])))


@risk.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--kind", type=Vocab("risk_kind"), help="Only this kind.")
@click.option("--open", "open_only", is_flag=True, help="Only the open entries.")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided entries, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@pass_app
def risk_list(app: App, project_slug, kind, open_only, include_voided, as_json,
              wide) -> None:
    """List the risk log: risks, barriers and drivers with their action."""
    from nybureau.services import substance

    with app.read() as tx:
        rows = substance.list_risks(tx, project_slug, kind=kind, open_only=open_only,
                                    include_voided=include_voided, lang=app.lang)
    if as_json:
        emit_json([{k: r.get(k) for k in (
            "id", "kind", "what", "chain_role", "likelihood", "effect", "action", "owner",
            "status", "noted_on", "closed_on", "close_note", "voided_at", "void_reason")}
            for r in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col("id", "id"), col(app.t(Msg("date")), "date"),
                        col(app.t(Msg("kind", context="risk.list")), "label"),
                        col(app.t(Msg("what", context="risk.list")), "text"),
                        col(app.t(Msg("chain", context="risk.list")), "label"),
                        col(app.t(Msg("likelihood/effect")), "label"),
                        col(app.t(Msg("action", context="risk.list")), "text", wide=True),
                        col(app.t(Msg("owner", context="risk.list")), "text", wide=True),
                        col(app.t(Msg("status")), "label")],
                       title=app.t(Msg("Risk log of {project_slug}",
                                       project_slug=project_slug)), wide=wide)
    for r in rows:
        status = r["status_label"]
        if r["closed_on"]:
            status += " " + fmt_date(r["closed_on"])
        if r.get("voided_at"):
            status = app.t(Msg("voided"))
        level = "/".join(x or "–" for x in (r["likelihood_label"], r["effect_label"]))
        table.add_row(str(r["id"]), fmt_date(r["noted_on"]), esc(r["kind_label"]),
                      esc(r["what"]), esc(r["chain_label"] or "–"), esc(level),
                      esc(r["action"] or "–"), esc(r["owner"] or "–"), esc(status))
    app.print(table)


@risk.command("update", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau risk update odder 2 --likelihood lav --action \"Aftalt med økonomi\""))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("risk_id", metavar="ID")
@_entry_options(False)
@pass_app
def risk_update(app: App, project_slug, risk_id, what, kind, chain_role, likelihood, effect,
                action_text, owner) -> None:
    """Change an entry of the risk log (only the values given)."""
    from nybureau.services import substance

    with app.write() as tx:
        r = substance.update_risk(tx, project_slug, risk_id, what=what, kind=kind,
                                  chain_role=chain_role, likelihood=likelihood, effect=effect,
                                  action=action_text, owner=owner)
    echo(app.t(Msg("Entry {id} of the risk log is changed: {what}.", id=r["id"],
                   what=r["what"])))


@risk.command("close")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("risk_id", metavar="ID")
@click.option("--note", help="How it was handled.")
@click.option("--date", "on", help="When, YYYY-MM-DD (default: today).")
@pass_app
def risk_close(app: App, project_slug, risk_id, note, on) -> None:
    """Close an entry of the risk log: handled, passed or removed."""
    from nybureau.services import substance

    with app.write() as tx:
        r = substance.close_risk(tx, project_slug, risk_id, note=note, on=on)
    echo(app.t(Msg("Entry {id} of the risk log is closed ({fmt_date}).", id=r["id"],
                   fmt_date=fmt_date(r["closed_on"]))))


void_command(
    risk, "risk", __name__, ref=("risk_id", "ID"),
    help="Void an entry of the risk log entered by mistake (ID: see `risk list`).",
    done=Msg("Entry {id} of the risk log is voided; it leaves the documents but stays in the "
             "history."))

COMMANDS = [risk]
