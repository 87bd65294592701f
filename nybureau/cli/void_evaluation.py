"""Corrections (issue 11 §3): ``survey list|void`` — void a record entered by mistake (it stays
in the history and leaves gates, counts and documents) and list the ids the void takes.
Attached to the group of its own module."""

from __future__ import annotations

import click

from nybureau.cli._voids import ALL_HELP, JSON_HELP, done, json_row, reason_option, state, table
from nybureau.cli.app import App, emit_json, fmt_date, pass_app
from nybureau.cli.evaluation import evaluation, spreading, survey


# -- survey rounds ------------------------------------------------------------------------------
@survey.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def survey_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the survey rounds with the ids and names `survey void` takes."""
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_rounds(tx, project_slug, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "name", "kind", "held_on", "respondents"])
                   for r in rows])
        return
    table(app, app.t(f"Målinger i {project_slug}", f"Survey rounds of {project_slug}"),
           ["id", app.t("navn", "name"), app.t("type", "kind"), app.t("dato", "date"),
            app.t("besvarelser", "respondents"), app.t("annulleret", "voided")],
           [[str(r["id"]), r["name"], r["kind"], fmt_date(r["held_on"]),
             str(r["respondents"]), state(app, r)] for r in rows])


@survey.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("round_ref", metavar="ROUND")
@reason_option
@pass_app
def survey_void(app: App, project_slug, round_ref, reason) -> None:
    """Void a survey round (ROUND: its name or id); it leaves the evaluation."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_survey_round(tx, project_slug, round_ref, reason=reason)
    done(app, f"Målingen '{r['name']}' er annulleret; den indgår ikke længere i evalueringen, "
               "men bliver i historikken.",
          f"Survey round '{r['name']}' is voided; it no longer counts in the evaluation but "
          "stays in the history.")


# -- evaluation notes and spreading ---------------------------------------------------------------
@evaluation.command("void-note")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("note_id", metavar="NOTE_ID")
@reason_option
@pass_app
def evaluation_void_note(app: App, project_slug, note_id, reason) -> None:
    """Void an evaluation note (NOTE_ID: see `evaluation notes`)."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_note(tx, project_slug, note_id, reason=reason)
    done(app, f"Evalueringsnoten «{r['title']}» er annulleret; den er ikke længere med i "
              "evalueringen, men bliver i historikken.",
         f"Evaluation note “{r['title']}” is voided; it leaves the evaluation but stays in the "
         "history.")


@spreading.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("spreading_id", metavar="SPREADING_ID")
@reason_option
@pass_app
def spreading_void(app: App, project_slug, spreading_id, reason) -> None:
    """Void a spreading entry (SPREADING_ID: see `spreading list`)."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_spreading(tx, project_slug, spreading_id, reason=reason)
    done(app, f"Spredningen «{r['title']}» er annulleret; den er ikke længere med i "
              "dokumenterne, men bliver i historikken.",
         f"Spreading entry “{r['title']}” is voided; it leaves the documents but stays in the "
         "history.")
