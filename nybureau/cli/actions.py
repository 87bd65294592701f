"""``nybureau action …`` and ``nybureau meeting action add``: action items (handlepunkter) —
agreed at a meeting under one of its items or added on a project, closed as done or cancelled,
edited, listed (issue 14 §1)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.meetings import meeting
from nybureau.i18n import Msg

_NEW_PERSON = ("--who is not a known person although the name is close to one (it is kept as "
               "written).")


def _added(app: App, r: dict) -> None:
    due = (app.t(Msg(", due {due}", due=fmt_date(r["due_on"]))) if r["due_on"] else "")
    who = f" ({r['who']})" if r["who"] else ""
    echo(app.t(Msg("Added action item {id}: {what}{who}{due}.", id=r["id"], what=r["what"],
                   who=who, due=due)))
    for f in r["follow_up"]:
        echo(app.t(Msg("The agenda of meeting {meeting} now follows it up under item "
                       "{number}, »Opfølgning på handlepunkter«; the items after it moved down.",
                       meeting=f["meeting"], number=f["number"])))


@meeting.group("action", cls=NybureauGroup)
def meeting_action() -> None:
    """Action items agreed at a meeting."""


@meeting_action.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting action add 3 7 --what \"Orientere personalemøderne\" \\\n"
    "      --who \"Rikke Vestergaard Hansen\" --due 2017-09-12"))
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--what", required=True, help="What is to be done.")
@click.option("--who", help="Who does it: a person's name or a unit, as written.")
@click.option("--due", help="Due date, YYYY-MM-DD (not before the meeting).")
@click.option("--new-person", is_flag=True, help=_NEW_PERSON)
@pass_app
def meeting_action_add(app: App, meeting_id, number, what, who, due, new_person) -> None:
    """Agree an action item at a meeting, under one of its items."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.add_action(tx, meeting_id, number, what=what, who=who, due=due,
                          new_person=new_person)
    _added(app, r)


@click.group("action", cls=NybureauGroup)
def action() -> None:
    """Action items (handlepunkter): add, list, done, cancel, edit."""


@action.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau action add odder-bostoette --what \"Sende interviewguiden\" \\\n"
    "      --who \"Mads Lykke Jørgensen\" --due 2017-09-05"))
@click.argument("project_slug", metavar="PROJECT")
@click.option("--what", required=True, help="What is to be done.")
@click.option("--who", help="Who does it: a person's name or a unit, as written.")
@click.option("--due", help="Due date, YYYY-MM-DD.")
@click.option("--date", "on", help="Agreed on YYYY-MM-DD (default: today).")
@click.option("--new-person", is_flag=True, help=_NEW_PERSON)
@pass_app
def action_add(app: App, project_slug, what, who, due, on, new_person) -> None:
    """Add an action item on a project, between meetings."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.add_project_action(tx, project_slug, what=what, who=who, due=due, on=on,
                                  new_person=new_person)
    _added(app, r)


@action.command("list", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau action list odder-bostoette --overdue --as-of 2017-10-01"))
@click.argument("project_slug", metavar="[PROJECT]", required=False)
@click.option("--overdue", is_flag=True, help="Only open action items past their due date.")
@click.option("--who", help="Only the action items of this person or unit.")
@click.option("--as-of", "as_of", help="As they stood on YYYY-MM-DD (default: today).")
@click.option("--all", "include_closed", is_flag=True, help="Done and cancelled ones too.")
@click.option("--wide", is_flag=True, help="All columns (for a wide terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def action_list(app: App, project_slug, overdue, who, as_of, include_closed, wide,
                as_json) -> None:
    """List action items: the open ones (with --all every one)."""
    from nybureau.services import meetings as ms

    with app.read() as tx:
        rows = ms.list_actions(tx, project_slug, overdue=overdue, who=who, as_of=as_of,
                               include_closed=include_closed, lang=app.lang)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        echo(app.t(Msg("No action items.")))
        return
    from nybureau.cli.tables import col, make_table

    columns = [col("id", "id"), col(app.t(Msg("what")), "title"),
               col(app.t(Msg("who")), "text"), col(app.t(Msg("due")), "date"),
               col("status", "label")]
    if not project_slug:  # one project: its name is in the command
        columns.append(col(app.t(Msg("project/network")), "text"))
    table = make_table(columns + [col(app.t(Msg("agreed at")), "text", wide=True)],
                       title=app.t(Msg("Action items")), wide=wide)
    for r in rows:
        status = app.t(Msg("overdue")) if r["overdue"] else r["status_label"]
        cells = [str(r["id"]), esc(r["what"]), esc(r["who"] or ""), fmt_date(r["due_on"]),
                 status]
        if not project_slug:
            cells.append(esc(r["project"] or r["network"] or ""))
        cells.append(esc(r["meeting_name"] + f", {r['item']}" if r["meeting_name"] else ""))
        table.add_row(*cells)
    app.print(table)


@action.command("done", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau action done 4 --note \"Orienteret på personalemødet\" --date 2017-09-04"))
@click.argument("action_id", metavar="ID")
@click.option("--note", help="How it was done.")
@click.option("--date", "on", help="Done on YYYY-MM-DD (default: today).")
@pass_app
def action_done(app: App, action_id, note, on) -> None:
    """Mark an action item as done."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.close_action(tx, action_id, "done", note=note, on=on)
    echo(app.t(Msg("Action item {id} is done ({day}): {what}", id=r["id"],
                   day=fmt_date(r["closed_on"]), what=r["what"])))


@action.command("cancel", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau action cancel 4 --note \"Overflødigt efter styregruppens beslutning\""))
@click.argument("action_id", metavar="ID")
@click.option("--note", required=True, help="Why it is cancelled.")
@click.option("--date", "on", help="Cancelled on YYYY-MM-DD (default: today).")
@pass_app
def action_cancel(app: App, action_id, note, on) -> None:
    """Cancel an action item (it will not be done), saying why."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.close_action(tx, action_id, "cancelled", note=note, on=on)
    echo(app.t(Msg("Action item {id} is cancelled ({day}): {what}", id=r["id"],
                   day=fmt_date(r["closed_on"]), what=r["what"])))


@action.command("edit", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau action edit 4 --due 2017-09-19"))
@click.argument("action_id", metavar="ID")
@click.option("--what", help="What is to be done.")
@click.option("--who", help="Who does it.")
@click.option("--due", help="Due date, YYYY-MM-DD.")
@click.option("--new-person", is_flag=True, help=_NEW_PERSON)
@pass_app
def action_edit(app: App, action_id, what, who, due, new_person) -> None:
    """Change an open action item's what, who or due date."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.edit_action(tx, action_id, what=what, who=who, due=due, new_person=new_person)
    echo(app.t(Msg("Changed action item {id}: {changed}.", id=r["id"],
                   changed=", ".join(r["changed"]))))


COMMANDS = [action]
