"""Corrections (issue 11 §3): ``workshop votes|void`` — void a record entered by mistake (it
stays in the history and leaves gates, counts and documents) and list the ids the void
takes. Attached to the group of its own module."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, JSON_HELP, json_row, state, table, void_command
from nybureau.cli.app import App, emit_json, pass_app
from nybureau.cli.workshop import workshop
from nybureau.i18n import Msg


# -- workshop votes -----------------------------------------------------------------------------
@workshop.command("votes")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def workshop_votes(app: App, project_slug, include_voided, as_json) -> None:
    """List the votes with the ids `workshop void` takes."""
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_votes(tx, project_slug, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "item_id", "item_title", "participant", "chain_role",
                                 "verdict", "points", "voted_on"]) for r in rows])
        return
    table(app, app.t(Msg("Votes of {project_slug}", project_slug=project_slug)),
           ["id", app.t(Msg("item", context="void_workshop.workshop_votes")), app.t(Msg("participant")),
            app.t(Msg("verdict")), app.t(Msg("points")),
            app.t(Msg("voided"))],
           [[str(r["id"]), f"#{r['item_id']} {r['item_title']}", r["participant"],
             r["verdict"], str(r["points"]), state(app, r)] for r in rows])


void_command(
    workshop, "vote", __name__, ref=("vote_id", "VOTE_ID"),
    help="Void a workshop vote; it leaves the tally but stays in the history.",
    done=Msg(
        "Vote {id} ({participant}) is voided; it no longer counts in the tally but stays in "
        "the history."))
