"""Corrections (issue 11 §3): ``activity list|void`` and ``decision list|void`` — void a record
entered by mistake (it stays in the history and leaves gates, counts and documents) and list
the ids the void takes. Attached to the group of its own module."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, JSON_HELP, json_row, state, table, void_command
from nybureau.cli.app import App, emit_json, fmt_date, pass_app
from nybureau.cli.records import activity, decision
from nybureau.i18n import Msg


# -- activities ---------------------------------------------------------------------------------
@activity.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def activity_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the activities with the ids `activity void` takes."""
    from nybureau.domain.vocabulary import ACTIVITY_KINDS, label
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_activities(tx, project_slug, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "kind", "number", "title", "held_on", "attendees",
                                 "project_id", "network_id"]) for r in rows])
        return
    table(app, app.t(Msg("Activities of {project_slug}", project_slug=project_slug)),
           ["id", app.t(Msg("date")), app.t(Msg("activity")),
            app.t(Msg("title")), app.t(Msg("attendees")),
            app.t(Msg("voided"))],
           [[str(r["id"]), fmt_date(r["held_on"]),
             label(ACTIVITY_KINDS, r["kind"], app.lang) + (f" {r['number']}" if r["number"]
                                                           else ""),
             r["title"] or "", str(len(r.get("attendees", []))), state(app, r)]
            for r in rows])


void_command(
    activity, "activity", __name__, ref=("activity_id", "ACTIVITY_ID"),
    help="Void an activity recorded by mistake (e.g. the same seminar twice).",
    done=Msg(
        "Activity {id} is voided; it no longer counts but stays in the history."))


# -- decisions ----------------------------------------------------------------------------------
@decision.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def decision_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the recorded decisions with the record ids `decision void` takes."""
    from nybureau.domain.vocabulary import BODIES, OUTCOMES, label
    from nybureau.services import process

    with app.read() as tx:
        rows = process.list_decisions(tx, project_slug, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "decision_key", "body", "outcome", "decided_on",
                                 "note", "source"]) for r in rows])
        return
    table(app, app.t(Msg("Decisions of {project_slug}", project_slug=project_slug)),
           ["id", app.t(Msg("date")), app.t(Msg("decision")),
            app.t(Msg("body", context="void_records.decision_list")), app.t(Msg("outcome", context="void_records.decision_list")), app.t(Msg("source")),
            app.t(Msg("voided"))],
           [[str(r["id"]), fmt_date(r["decided_on"]), r["decision_key"],
             label(BODIES, r["body"], app.lang), label(OUTCOMES, r["outcome"], app.lang),
             r["source"], state(app, r)] for r in rows])


void_command(
    decision, "decision", __name__, ref=("record_id", "RECORD_ID"),
    help="Void a decision recorded with `decision record` (RECORD_ID: see `decision list`).",
    done=Msg(
        "Decision record {id} ({decision}) is voided; it no longer counts for the phase but "
        "stays in the history."))
