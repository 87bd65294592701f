"""Corrections (issue 11 §3): ``prototype criteria|void-criterion`` — void a record entered by
mistake (it stays in the history and leaves gates, counts and documents) and list the ids
the void takes. Attached to the group of its own module."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, JSON_HELP, json_row, state, table, void_command
from nybureau.cli.app import App, emit_json, pass_app
from nybureau.cli.prototypes import prototype
from nybureau.i18n import Msg


# -- prototype criteria -------------------------------------------------------------------------
@prototype.command("criteria")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def prototype_criteria(app: App, project_slug, ref, include_voided, as_json) -> None:
    """List a prototype's evaluation criteria with the ids `prototype void-criterion` takes."""
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_criteria(tx, project_slug, ref, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "prototype_id", "bottom_line", "text"]) for r in rows])
        return
    table(app, app.t(Msg("Evaluation criteria of {ref}", ref=ref)),
           ["id", app.t(Msg("bottom line")), app.t(Msg("criterion")),
            app.t(Msg("voided"))],
           [[str(r["id"]), r["bottom_line"] or "", r["text"], state(app, r)] for r in rows])


void_command(
    prototype, "criterion", __name__, ref=("criterion_id", "CRITERION_ID"),
    help="Void an evaluation criterion (CRITERION_ID: see `prototype criteria`).",
    done=Msg(
        "Criterion {id} of “{prototype_title}” is voided; it no longer counts but stays in "
        "the history."))
