"""Corrections (issue 11 §3): ``void`` commands that take a record out of gates, counts and
documents while it stays in the history, and the lists that show the ids they take:
``activity list|void``, ``decision list|void``, ``workshop votes|void``, ``survey list|void``,
``prototype criteria|void-criterion`` and ``meeting item attachments|void-attachment``.
(``meeting record … --amend`` lives with ``meeting record`` in :mod:`nybureau.cli.meetings`.)
Attached to the groups of the modules that define them."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.evaluation import survey
from nybureau.cli.meetings import item as meeting_item
from nybureau.cli.prototypes import prototype
from nybureau.cli.records import activity, decision
from nybureau.cli.workshop import workshop

REASON_HELP = "Why the record is voided (kept in the history)."
ALL_HELP = "Also show voided records, marked as voided."
JSON_HELP = "Print JSON."


def _reason_option(f):
    return click.option("--reason", required=True, metavar="TEXT", help=REASON_HELP)(f)


def _voided(app: App) -> str:
    return app.t("annulleret", "voided")


def _table(app: App, title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table

    table = Table(title=esc(title))
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*[esc(c) for c in row])
    app.print(table)


def _state(app: App, row: dict) -> str:
    if not row["voided"]:
        return ""
    return f"{_voided(app)} {fmt_date(row['voided_at'].date())}: {row['void_reason']}"


def _json_row(row: dict, keys: list[str]) -> dict:
    return {**{k: row.get(k) for k in keys}, "voided_at": row.get("voided_at"),
            "void_reason": row.get("void_reason")}


def _done(app: App, da: str, en: str) -> None:
    echo(app.t(da, en))


# -- activities ---------------------------------------------------------------------------------
@activity.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def activity_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the activities with the ids `activity void` takes."""
    from nybureau.domain.vocabulary import ACTIVITY_KINDS, label
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_activities(tx, project_slug, include_voided)
    if as_json:
        emit_json([_json_row(r, ["id", "kind", "number", "title", "held_on", "attendees",
                                 "project_id", "network_id"]) for r in rows])
        return
    _table(app, app.t(f"Aktiviteter i {project_slug}", f"Activities of {project_slug}"),
           ["id", app.t("dato", "date"), app.t("aktivitet", "activity"),
            app.t("titel", "title"), app.t("deltagere", "attendees"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), fmt_date(r["held_on"]),
             label(ACTIVITY_KINDS, r["kind"], app.lang) + (f" {r['number']}" if r["number"]
                                                           else ""),
             r["title"] or "", str(len(r.get("attendees", []))), _state(app, r)]
            for r in rows])


@activity.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("activity_id", metavar="ACTIVITY_ID")
@_reason_option
@pass_app
def activity_void(app: App, project_slug, activity_id, reason) -> None:
    """Void an activity recorded by mistake (e.g. the same seminar twice)."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_activity(tx, project_slug, activity_id, reason=reason)
    _done(app, f"Aktivitet {r['id']} er annulleret; den tæller ikke længere, men bliver i "
               "historikken.",
          f"Activity {r['id']} is voided; it no longer counts but stays in the history.")


# -- decisions ----------------------------------------------------------------------------------
@decision.command("list")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def decision_list(app: App, project_slug, include_voided, as_json) -> None:
    """List the recorded decisions with the record ids `decision void` takes."""
    from nybureau.domain.vocabulary import BODIES, OUTCOMES, label
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_decisions(tx, project_slug, include_voided)
    if as_json:
        emit_json([_json_row(r, ["id", "decision_key", "body", "outcome", "decided_on",
                                 "note", "source"]) for r in rows])
        return
    _table(app, app.t(f"Beslutninger i {project_slug}", f"Decisions of {project_slug}"),
           ["id", app.t("dato", "date"), app.t("beslutning", "decision"),
            app.t("organ", "body"), app.t("udfald", "outcome"), app.t("kilde", "source"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), fmt_date(r["decided_on"]), r["decision_key"],
             label(BODIES, r["body"], app.lang), label(OUTCOMES, r["outcome"], app.lang),
             r["source"], _state(app, r)] for r in rows])


@decision.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("record_id", metavar="RECORD_ID")
@_reason_option
@pass_app
def decision_void(app: App, project_slug, record_id, reason) -> None:
    """Void a decision recorded with `decision record` (RECORD_ID: see `decision list`)."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_decision(tx, project_slug, record_id, reason=reason)
    _done(app, f"Beslutning {r['id']} ({r['decision']}) er annulleret; den tæller ikke længere "
               "for fasen, men bliver i historikken.",
          f"Decision record {r['id']} ({r['decision']}) is voided; it no longer counts for the "
          "phase but stays in the history.")


# -- workshop votes -----------------------------------------------------------------------------
@workshop.command("votes")
@click.argument("project_slug", metavar="PROJECT")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def workshop_votes(app: App, project_slug, include_voided, as_json) -> None:
    """List the votes with the ids `workshop void` takes."""
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_votes(tx, project_slug, include_voided)
    if as_json:
        emit_json([_json_row(r, ["id", "item_id", "item_title", "participant", "chain_role",
                                 "verdict", "points", "voted_on"]) for r in rows])
        return
    _table(app, app.t(f"Stemmer i {project_slug}", f"Votes of {project_slug}"),
           ["id", app.t("element", "item"), app.t("deltager", "participant"),
            app.t("prioritering", "verdict"), app.t("point", "points"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), f"#{r['item_id']} {r['item_title']}", r["participant"],
             r["verdict"], str(r["points"]), _state(app, r)] for r in rows])


@workshop.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("vote_id", metavar="VOTE_ID")
@_reason_option
@pass_app
def workshop_void(app: App, project_slug, vote_id, reason) -> None:
    """Void a workshop vote; the participant may then vote on the item again."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_vote(tx, project_slug, vote_id, reason=reason)
    _done(app, f"Stemme {r['id']} ({r['participant']}) er annulleret; den tæller ikke længere "
               "i optællingen, men bliver i historikken.",
          f"Vote {r['id']} ({r['participant']}) is voided; it no longer counts in the tally but "
          "stays in the history.")


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
        emit_json([_json_row(r, ["id", "name", "kind", "held_on", "respondents"])
                   for r in rows])
        return
    _table(app, app.t(f"Målinger i {project_slug}", f"Survey rounds of {project_slug}"),
           ["id", app.t("navn", "name"), app.t("type", "kind"), app.t("dato", "date"),
            app.t("besvarelser", "respondents"), app.t("annulleret", "voided")],
           [[str(r["id"]), r["name"], r["kind"], fmt_date(r["held_on"]),
             str(r["respondents"]), _state(app, r)] for r in rows])


@survey.command("void")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("round_ref", metavar="ROUND")
@_reason_option
@pass_app
def survey_void(app: App, project_slug, round_ref, reason) -> None:
    """Void a survey round (ROUND: its name or id); it leaves the evaluation."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_survey_round(tx, project_slug, round_ref, reason=reason)
    _done(app, f"Målingen '{r['name']}' er annulleret; den indgår ikke længere i evalueringen, "
               "men bliver i historikken.",
          f"Survey round '{r['name']}' is voided; it no longer counts in the evaluation but "
          "stays in the history.")


# -- prototype criteria -------------------------------------------------------------------------
@prototype.command("criteria")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("ref", metavar="PROTOTYPE")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def prototype_criteria(app: App, project_slug, ref, include_voided, as_json) -> None:
    """List a prototype's evaluation criteria with the ids `prototype void-criterion` takes."""
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_criteria(tx, project_slug, ref, include_voided)
    if as_json:
        emit_json([_json_row(r, ["id", "prototype_id", "bottom_line", "text"]) for r in rows])
        return
    _table(app, app.t(f"Evalueringskriterier for {ref}", f"Evaluation criteria of {ref}"),
           ["id", app.t("bundlinje", "bottom line"), app.t("kriterium", "criterion"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), r["bottom_line"] or "", r["text"], _state(app, r)] for r in rows])


@prototype.command("void-criterion")
@click.argument("project_slug", metavar="PROJECT")
@click.argument("criterion_id", metavar="CRITERION_ID")
@_reason_option
@pass_app
def prototype_void_criterion(app: App, project_slug, criterion_id, reason) -> None:
    """Void an evaluation criterion (CRITERION_ID: see `prototype criteria`)."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_criterion(tx, project_slug, criterion_id, reason=reason)
    _done(app, f"Kriterium {r['id']} for «{r['prototype_title']}» er annulleret; det tæller "
               "ikke længere, men bliver i historikken.",
          f"Criterion {r['id']} of “{r['prototype_title']}” is voided; it no longer counts but "
          "stays in the history.")


# -- attachments (bilag) ------------------------------------------------------------------------
@meeting_item.command("attachments")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--all", "include_voided", is_flag=True, help=ALL_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@pass_app
def item_attachments(app: App, meeting_id, number, include_voided, as_json) -> None:
    """List an item's attachments (bilag) with the ids `meeting item void-attachment` takes."""
    from nybureau.services import corrections

    with app.read() as tx:
        rows = corrections.list_attachments(tx, meeting_id, number, include_voided)
    if as_json:
        emit_json([_json_row(r, ["id", "title", "location", "publishable"]) for r in rows])
        return
    _table(app, app.t(f"Bilag til punkt {number} på møde {meeting_id}",
                      f"Attachments of item {number} of meeting {meeting_id}"),
           ["id", app.t("titel", "title"), app.t("fil eller link", "file or link"),
            app.t("annulleret", "voided")],
           [[str(r["id"]), r["title"], r["location"], _state(app, r)] for r in rows])


@meeting_item.command("void-attachment")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.argument("attachment_id", metavar="ATTACHMENT_ID")
@_reason_option
@pass_app
def item_void_attachment(app: App, meeting_id, number, attachment_id, reason) -> None:
    """Void an attachment (bilag) of an item; it leaves the agenda and the minutes."""
    from nybureau.services import corrections

    with app.write() as tx:
        r = corrections.void_attachment(tx, meeting_id, number, attachment_id, reason=reason)
    _done(app, f"Bilaget «{r['title']}» (punkt {r['number']}, møde {r['meeting']}) er "
               "annulleret; det er ikke længere med i dagsorden og referat, men bliver i "
               "historikken.",
          f"Attachment “{r['title']}” (item {r['number']}, meeting {r['meeting']}) is voided; "
          "it leaves the agenda and the minutes but stays in the history.")
