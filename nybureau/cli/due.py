"""``nybureau due``, ``nybureau remind`` and ``nybureau body deadline``: what is due across the
projects, reminders to the people who can act on it, and a body's deadlines (the latter is
attached to the ``body`` group of :mod:`nybureau.cli.projects`)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, emit_json, esc, fmt_date, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.projects import body
from nybureau.i18n import Msg

DAYS_HELP = "How many days ahead to look (default 14)."
AS_OF_HELP = "The day to look from, YYYY-MM-DD (default today)."


def _json_entry(entry: dict, lang: str) -> dict:
    return {"kind": entry["kind"], "what": entry["what"].render(lang),
            "project": entry["project"], "network": entry["network"],
            "meeting": entry["meeting"], "action": entry["action"],
            "due_on": entry["due_on"], "overdue": entry["overdue"],
            "people": entry["people"]}


@click.command("due", epilog=(
    "\b\n"
    "Exit codes: 0, or with --fail-on-overdue 3 when anything is overdue (for a daily job).\n"
    "\b\n"
    "Example:\n"
    "  nybureau due --days 7\n"
    "  nybureau due --as-of 2017-09-01 --json\n"
    "  nybureau due --fail-on-overdue || echo 'noget er overskredet'"))
@click.option("--days", type=click.IntRange(0, 366), default=14, show_default=False,
              help=DAYS_HELP)
@click.option("--as-of", "as_of", metavar="DATE", help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--fail-on-overdue", is_flag=True,
              help="Exit with code 3 when anything is overdue.")
@click.pass_context
@pass_app
def due_command(app: App, ctx: click.Context, days: int, as_of: str | None, as_json: bool,
                fail_on_overdue: bool) -> None:
    """What is due or overdue across the projects: agendas to send, minutes to write, approve
    or send, decisions a phase waits for (with the next meeting that can take them), action
    points and network meetings coming up; each with the people who can act."""
    from nybureau.services.follow_up import OVERDUE_EXIT, due

    with app.read() as tx:
        r = due(tx, as_of=as_of, days=days)
    if as_json:
        emit_json({"as_of": r["as_of"], "until": r["until"], "overdue": r["overdue"],
                   "entries": [_json_entry(e, app.lang) for e in r["entries"]]})
        ctx.meta["nybureau.json_emitted"] = True
    else:
        _print(app, r)
    if fail_on_overdue and r["overdue"]:
        ctx.exit(OVERDUE_EXIT)


def _print(app: App, r: dict) -> None:
    entries = r["entries"]
    if not entries:
        echo(app.t(Msg("Nothing is due from {day} to {until}.", day=fmt_date(r["as_of"]),
                       until=fmt_date(r["until"]))))
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("due")), "date"), col(app.t(Msg("what")), "title"),
                        col(app.t(Msg("project")), "name"), col(app.t(Msg("who")), "name")],
                       title=app.t(Msg("Due from {day} to {until}", day=fmt_date(r["as_of"]),
                                       until=fmt_date(r["until"]))), cut=False)
    for e in entries:
        when = fmt_date(e["due_on"]) if e["due_on"] else "–"
        if e["overdue"]:
            when = f"[bold red]{when} ![/]"
        who = ", ".join(p["name"] for p in e["people"]) or "–"
        table.add_row(when, esc(e["what"].render(app.lang)),
                      esc(e["project"] or e["network"] or "–"), esc(who))
    app.print(table)
    if r["overdue"]:
        echo(app.t(Msg("{n} overdue (marked !).", n=r["overdue"])))


@click.command("remind", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau remind --dry-run --out paamindelser\n"
    "  nybureau remind"))
@click.option("--dry-run", is_flag=True,
              help="Write the reminders as .eml files (into --out) and send nothing.")
@click.option("--as-of", "as_of", metavar="DATE", help=AS_OF_HELP)
@click.option("--days", type=click.IntRange(0, 366), default=14, show_default=False,
              help=DAYS_HELP)
@click.option("--out", "out_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="The folder for the .eml files of --dry-run (default: the current one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def remind(app: App, dry_run: bool, as_of: str | None, days: int, out_dir: str | None,
           as_json: bool) -> None:
    """E-mail each person with an address a reminder of what `due` says they can act on (the
    minute-taker, the project leader, an action point's owner), through the outbox."""
    from nybureau.services.follow_up import send_reminders

    if out_dir is not None and not dry_run:
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("--out is for the .eml files of --dry-run; add --dry-run, or "
                               "leave out --out to send."))
    r = send_reminders(app.store, as_of=as_of, lang=app.lang, days=days, dry_run=dry_run,
                       out=out_dir, actor=app.actor)
    if as_json:
        emit_json(r)
        return
    if not r["messages"]:
        echo(app.t(Msg("No reminders: nothing is due for anyone with an e-mail address.")))
        return
    if dry_run:
        echo(app.t(Msg("Wrote {n} reminders (nothing was sent):", n=r["messages"])))
        for f in r["files"]:
            echo(f"  {f}")
        return
    sent = sum(1 for d in r["delivered"] if d.get("status") == "sent")
    echo(app.t(Msg("Queued {n} reminders; {sent} sent. See `nybureau outbox`.",
                   n=r["messages"], sent=sent)))


@body.command("deadline", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau body deadline odder-bostoette med --agenda-days 5 --minutes-days 5\n"
    "  nybureau body deadline odder-bostoette --list"))
@click.argument("project_slug", metavar="PROJECT")
@click.argument("body_id", metavar="BODY", type=Vocab("body"), required=False)
@click.option("--agenda-days", type=int, metavar="N",
              help="Working days before the meeting the agenda goes out.")
@click.option("--minutes-days", type=int, metavar="N",
              help="Working days after the meeting the minutes go out.")
@click.option("--list", "show_list", is_flag=True, help="Show the deadlines of every body.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def body_deadline(app: App, project_slug: str, body_id: str | None, agenda_days: int | None,
                  minutes_days: int | None, show_list: bool, as_json: bool) -> None:
    """Set a body's deadlines in working days (Danish public holidays are not counted): the
    agenda goes out N days before the meeting, the minutes within N days after. Without a
    BODY (or with --list): the deadlines of every body of the project."""
    from nybureau.services.meetings import deadlines

    if body_id is not None and not show_list:
        with app.write() as tx:
            r = deadlines.set_deadline(tx, project_slug, body_id, agenda_days=agenda_days,
                                       minutes_days=minutes_days)
        if as_json:
            emit_json(r)
            return
        from nybureau.domain.vocabulary import BODIES, label

        echo(app.t(Msg("{body}: the agenda goes out {agenda} working days before the meeting, "
                       "the minutes within {minutes} working days after it.",
                       body=label(BODIES, body_id, app.lang), agenda=r["agenda_days"],
                       minutes=r["minutes_days"])))
        return
    if agenda_days is not None or minutes_days is not None:
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("Name the BODY whose deadlines you set, e.g. `nybureau body "
                               "deadline {project} med --agenda-days 5`.", project=project_slug))
    with app.read() as tx:
        rows = deadlines.body_deadlines(tx, project_slug, app.lang)
    if as_json:
        emit_json([{k: v for k, v in row.items() if k != "body_label"} for row in rows])
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("body")), "name"),
                        col(app.t(Msg("agenda, working days before")), "number"),
                        col(app.t(Msg("minutes, working days after")), "number")],
                       title=app.t(Msg("Deadlines of '{project}'", project=project_slug)))
    standard = app.t(Msg("(default)"))
    for row in rows:
        table.add_row(esc(row["body_label"]),
                      f"{row['agenda_days']} {standard if row['agenda_default'] else ''}".strip(),
                      f"{row['minutes_days']} {standard if row['minutes_default'] else ''}"
                      .strip())
    app.print(table)


COMMANDS = [due_command, remind]
