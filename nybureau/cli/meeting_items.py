"""``nybureau meeting item …``: add, move, edit and attach agenda items; list an item's
attachments and void one (issue 11 §3). Attached to the ``meeting`` group of
:mod:`nybureau.cli.meetings`."""

from __future__ import annotations

import click

from nybureau.cli.app import INT64, App, NybureauGroup, echo, emit_json, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.meetings import meeting
from nybureau.i18n import Msg


@meeting.group("item", cls=NybureauGroup)
def item() -> None:
    """Agenda items: add, move, edit, attach."""


def _recs(values) -> list[str] | None:
    return list(values) or None


@item.command("add", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting item add 3 --title \"Project description\" \\\n"
    "      --type decision"))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--title", required=True)
@click.option("--type", "kind", type=Vocab("meeting_item_type"), default="decision",
              show_default=True, help="beslutning / drøftelse / orientering.")
@click.option("--closed/--open", default=False, help="Lukket or åbent punkt (default open).")
@click.option("--case", "case_number", help="Sagsnr. (free text).")
@click.option("--background", help="Sagsfremstilling.")
@click.option("--recommendation", "recommendations", multiple=True, metavar='"at …"',
              help="One 'at …' recommendation of the indstilling; repeat for several.")
@click.option("--finances", help="Økonomi.")
@click.option("--decision", help="The workflow decision this item asks for (counts for the "
                                 "gate when its outcome is recorded).")
@click.option("--position", type=INT64, help="Item number to insert at (default: last).")
@pass_app
def item_add(app: App, meeting_id, title, kind, closed, case_number, background,
             recommendations, finances, decision, position) -> None:
    """Add an item to a meeting's agenda."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.add_item(tx, meeting_id, title=title, kind=kind, closed=closed,
                        case_number=case_number, background=background,
                        recommendations=_recs(recommendations), finances=finances,
                        decision=decision, position=position)
    echo(app.t(Msg("Added item {number} to meeting {meeting}: {title}", number=r['number'],
                   meeting=r['meeting'], title=title)))


@item.command("move")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--to", "to", type=INT64, required=True, help="The new item number.")
@pass_app
def item_move(app: App, meeting_id, number, to) -> None:
    """Move an item; the others are renumbered."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.move_item(tx, meeting_id, number, to)
    echo(app.t(Msg("Item {from_} is now item {to}.", from_=r['from'], to=r['to'])))


@item.command("edit")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--title")
@click.option("--type", "kind", type=Vocab("meeting_item_type"))
@click.option("--closed/--open", default=None, help="Lukket or åbent punkt.")
@click.option("--case", "case_number", help="Sagsnr.")
@click.option("--background", help="Sagsfremstilling (replaces it).")
@click.option("--recommendation", "recommendations", multiple=True, metavar='"at …"',
              help="Replaces the indstilling; repeat for several.")
@click.option("--finances", help="Økonomi.")
@click.option("--summary", help="Resumé: the item in a few lines.")
@click.option("--consequences", help="Konsekvenser: for staff, citizens, the budget.")
@click.option("--consultation", help="Høring og sagsgang: who has treated or will treat it.")
@pass_app
def item_edit(app: App, meeting_id, number, title, kind, closed, case_number, background,
              recommendations, finances, summary, consequences, consultation) -> None:
    """Edit an item (only the options given change)."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.edit_item(tx, meeting_id, number, title=title, kind=kind, closed=closed,
                         case_number=case_number, background=background,
                         recommendations=_recs(recommendations), finances=finances,
                         summary=summary, consequences=consequences,
                         consultation=consultation)
    echo(app.t(Msg("Changed item {number}: {changed}.", number=r['number'],
                   changed=', '.join(r['changed']))))


@item.command("attach")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--title", required=True, help="The attachment's title.")
@click.option("--file", "location", required=True, metavar="PATH|URL",
              help="An existing file (copied into the meeting's document package when the "
                   "agenda is rendered; the documents print only its name) or a link.")
@click.option("--not-public", is_flag=True, help="Never included in a --public render.")
@pass_app
def item_attach(app: App, meeting_id, number, title, location, not_public) -> None:
    """Add an attachment (bilag) to an item."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.attach(tx, meeting_id, number, title=title, location=location,
                      publishable=not not_public)
    echo(app.t(Msg("Attached “{title}” to item {number}.", title=title, number=r['number'])))


# -- corrections (issue 11 §3): an item's attachments with their ids, and voiding one ---------
@item.command("attachments")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--all", "include_voided", is_flag=True,
              help="Also show voided records, marked as voided.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def item_attachments(app: App, meeting_id, number, include_voided, as_json) -> None:
    """List an item's attachments (bilag) with the ids `meeting item void-attachment` takes."""
    from nybureau.cli._voids import json_row, state, table
    from nybureau.services import process as corrections

    with app.read() as tx:
        rows = corrections.list_attachments(tx, meeting_id, number, include_voided)
    if as_json:
        emit_json([json_row(r, ["id", "title", "location", "publishable"]) for r in rows])
        return
    table(app, app.t(Msg("Attachments of item {number} of meeting {meeting_id}", number=number,
                         meeting_id=meeting_id)),
           ["id", app.t(Msg("title")), app.t(Msg("file or link")),
            app.t(Msg("voided"))],
           [[str(r["id"]), r["title"], r["location"], state(app, r)] for r in rows])


@item.command("void-attachment")
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.argument("attachment_id", metavar="ATTACHMENT_ID")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the record is voided (kept in the history).")
@pass_app
def item_void_attachment(app: App, meeting_id, number, attachment_id, reason) -> None:
    """Void an attachment (bilag) of an item; it leaves the agenda and the minutes."""
    from nybureau.cli._voids import done
    from nybureau.services import process as corrections

    with app.write() as tx:
        r = corrections.void_attachment(tx, meeting_id, number, attachment_id, reason=reason)
    done(app, Msg("Attachment “{title}” (item {number}, meeting {meeting}) is voided; "
                  "it leaves the agenda and the minutes but stays in the history.",
                  title=r['title'], number=r['number'], meeting=r['meeting']))
