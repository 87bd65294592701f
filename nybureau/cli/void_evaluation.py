"""Corrections (issue 11 §3): ``survey list|void`` — void a record entered by mistake (it stays
in the history and leaves gates, counts and documents) and list the ids the void takes.
Attached to the group of its own module."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, JSON_HELP, json_row, state, table, void_command
from nybureau.cli.app import App, emit_json, fmt_date, pass_app
from nybureau.cli.evaluation import evaluation, spreading, survey
from nybureau.i18n import Msg


# -- survey rounds ------------------------------------------------------------------------------
@survey.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def survey_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the survey rounds with the ids and names `survey void` takes."""
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_rounds(tx, project_slug, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "name", "kind", "held_on", "respondents"])
                   for r in rows])
        return
    table(app, app.t(Msg("Survey rounds of {project_slug}", project_slug=project_slug)),
           ["id", app.t(Msg("name")), app.t(Msg("kind")), app.t(Msg("date")),
            app.t(Msg("respondents")), app.t(Msg("voided"))],
           [[str(r["id"]), r["name"], r["kind"], fmt_date(r["held_on"]),
             str(r["respondents"]), state(app, r)] for r in rows])


void_command(
    survey, "survey_round", __name__, ref=("round_ref", "ROUND"),
    help="Void a survey round (ROUND: its name or id); it leaves the evaluation.",
    done=Msg(
        "Survey round '{name}' is voided; it no longer counts in the evaluation but stays in "
        "the history."))


# -- evaluation notes and spreading ---------------------------------------------------------------
void_command(
    evaluation, "evaluation_note", __name__, ref=("note_id", "NOTE_ID"),
    help="Void an evaluation note (NOTE_ID: see `evaluation notes`).",
    done=Msg(
        "Evaluation note “{title}” is voided; it leaves the evaluation but stays in the "
        "history."))


void_command(
    spreading, "spreading", __name__, ref=("spreading_id", "SPREADING_ID"),
    help="Void a spreading entry (SPREADING_ID: see `spreading list`).",
    done=Msg(
        "Spreading entry “{title}” is voided; it leaves the documents but stays in the "
        "history."))
