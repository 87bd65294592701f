"""``nybureau body approval``: who approves a body's minutes on the web (every member who took
part, or the chair alone). Attached to the ``body`` group of :mod:`nybureau.cli.projects`."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.projects import body
from nybureau.i18n import Msg


def _rule_text(rule: str) -> Msg:
    if rule == "chair":
        return Msg("the chair alone")
    return Msg("every member who took part in the meeting")


@body.command("approval", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau body approval odder-bostoette med --rule chair\n"
    "  nybureau body approval odder-bostoette --list"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("body_id", metavar="BODY", type=Vocab("body"), required=False)
@click.option("--rule", type=Vocab("minutes_rule"),
              help="all: every member who took part approves (the default); chair: the chair "
                   "(the member whose role says Formand) alone.")
@click.option("--list", "show_list", is_flag=True, help="Show the rule of every body.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def body_approval(app: App, project_slug: str, body_id: str | None, rule: str | None,
                  show_list: bool, as_json: bool) -> None:
    """Set who approves a body's minutes on the web (Godkend referat): every member who took
    part in the meeting (all), or the chair alone (chair). When the rule is met, the minutes
    are approved as by `nybureau meeting approve`. Without a BODY (or with --list): the rule of
    every body of the project."""
    from nybureau.domain.vocabulary import BODIES, label
    from nybureau.errors import InvalidInput
    from nybureau.services.web import approvals

    if body_id is not None and not show_list:
        if rule is None:
            raise InvalidInput(Msg("Say who approves the minutes: --rule all (every member "
                                   "who took part) or --rule chair (the chair alone)."))
        with app.write() as tx:
            r = approvals.set_rule(tx, project_slug, body_id, rule)
        if as_json:
            emit_json(r)
            return
        echo(app.t(Msg("{body}: the minutes are approved on the web by {who}.",
                       body=label(BODIES, body_id, app.lang), who=_rule_text(rule))))
        return
    if rule is not None:
        raise InvalidInput(Msg("Name the BODY whose rule you set, e.g. `nybureau body approval "
                               "{project} med --rule chair`.", project=project_slug))
    with app.read() as tx:
        rows = approvals.rules_of(tx, project_slug)
    if as_json:
        emit_json(rows)
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("body")), "name"),
                        col(app.t(Msg("who approves the minutes")), "label")],
                       title=app.t(Msg("Approval of minutes in '{project}'",
                                       project=project_slug)))
    standard = app.t(Msg("(default)"))
    for row in rows:
        who = app.t(_rule_text(row["rule"]))
        table.add_row(esc(label(BODIES, row["body"], app.lang)),
                      esc(f"{who} {standard}" if row["default"] else who))
    app.print(table)


COMMANDS: list = []
