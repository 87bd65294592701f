"""``nybureau meeting record|approve|cancel|ics``: record an item's outcome once, approve the
minutes, cancel a planned meeting, write an iCalendar invitation (or, for a cancelled meeting,
the cancellation). Attached to the ``meeting`` group of :mod:`nybureau.cli.meetings`."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, pass_app
from nybureau.cli.choices import Vocab
from nybureau.cli.meetings import meeting
from nybureau.domain.vocabulary import OUTCOMES
from nybureau.i18n import Msg


@meeting.command("record", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting record 3 2 --outcome approved\n"
    "  nybureau meeting record 3 8 --outcome discussed --text \"Nyhedsbrev til alle ansatte.\"\n"
    "  nybureau meeting record 3 9 --text \"Intet.\""))
@click.argument("meeting_id", metavar="MEETING")
@click.argument("number", metavar="ITEM")
@click.option("--outcome", type=Vocab("outcome"),
              help="approved (godkendt), approved_with_changes, agreed (tiltrådt), rejected, "
                   "postponed (udsat), noted (taget til efterretning), discussed (drøftet), "
                   "informed (orienteret). An item without a decision of the workflow may "
                   "carry only --text.")
@click.option("--text", help="The decision's wording, or what was said, in the minutes.")
@click.option("--amend", is_flag=True,
              help="Replace the item's recorded outcome (until the minutes are approved).")
@click.option("--reason", metavar="TEXT", help="Why the outcome is amended (with --amend).")
@pass_app
def meeting_record(app: App, meeting_id, number, outcome, text, amend, reason) -> None:
    """Record an item's outcome once: it becomes the minutes, the decision the phase gate counts
    and an entry in the history. Every item can be minuted, the standing ones too."""
    from nybureau.domain.vocabulary import label
    from nybureau.services import meetings as ms

    if reason is not None and not amend:
        from nybureau.errors import InvalidInput

        raise InvalidInput(
            Msg("--reason goes with --amend (the reason for replacing a recorded outcome)."))
    if amend:  # a correction (issue 11): nybureau.services.process.amend
        from nybureau.services import process as corrections

        if outcome is None:
            from nybureau.errors import InvalidInput

            raise InvalidInput(Msg("--amend needs the new outcome: give --outcome."))
        with app.write() as tx:
            r = corrections.amend_outcome(tx, meeting_id, number, outcome=outcome, text=text,
                                          reason=reason)
        before = r['previous'] or "-"
        echo((app.t(Msg("Item {number} amended: {label} → "
                "{label_2}.", number=r['number'], label=label(OUTCOMES, before, 'en'),
                label_2=label(OUTCOMES, outcome, 'en'),
                label_3=label(OUTCOMES, before, 'da'),
                label_4=label(OUTCOMES, outcome, 'da')))
            + (app.t(Msg(" The decision '{decision}' is amended with it.", decision=r['decision'])) if r["decision_ids"]
               else "")))
        return
    with app.write() as tx:
        r = ms.record_outcome(tx, meeting_id, number, outcome=outcome, text=text)
    msg = app.t(Msg("Item {number}: {label}.", number=r['number'],
                    label=label(OUTCOMES, outcome, 'en'), label_2=label(OUTCOMES, outcome, 'da'))
                if outcome else Msg("Item {number} is minuted.", number=r['number']))
    if r["decision"]:
        msg += app.t(Msg(" The decision '{decision}' is recorded from the meeting.",
                         decision=r['decision']))
    if r["approved_previous"]:
        msg += app.t(Msg(" The minutes of meeting {approved_previous} are approved with it.",
                         approved_previous=r['approved_previous']))
    echo(msg)
    for w in r["warnings"]:
        echo(app.t(Msg("Note: ")) + w, err=True)


@meeting.command("approve", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting approve 3 --date 2026-04-20"))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--date", "on", help="Date of approval, YYYY-MM-DD (default: today).")
@pass_app
def meeting_approve(app: App, meeting_id, on) -> None:
    """Approve the minutes of a held meeting."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.approve_minutes(tx, meeting_id, on)
    echo(app.t(Msg("Approved the minutes of meeting {meeting} ({approved_on}).",
                   meeting=r['meeting'], approved_on=r['approved_on'])))


@meeting.command("cancel", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau meeting cancel 3 --reason \"Moved to May\""))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--reason", required=True, help="Why it is cancelled (kept in the history; not "
                                              "put in the cancellation sent to attendees).")
@click.option("--date", "on", help="Date of the cancellation, YYYY-MM-DD (default: today).")
@pass_app
def meeting_cancel(app: App, meeting_id, reason, on) -> None:
    """Cancel (aflys) a planned meeting."""
    from nybureau.services import meetings as ms

    with app.write() as tx:
        r = ms.cancel_meeting(tx, meeting_id, reason, on)
    echo(app.t(
        Msg("Cancelled meeting {meeting} ({cancelled_on}). Send the cancellation to the "
            "attendees with `nybureau meeting ics {meeting}`.", meeting=r['meeting'],
            cancelled_on=r['cancelled_on'])))


@meeting.command("ics", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau meeting ics 3\n"
    "  nybureau meeting ics --all --project odder-bostoette --out moeder.ics"))
@click.argument("meeting_id", metavar="[MEETING]", required=False)
@click.option("--all", "every", is_flag=True,
              help="One calendar with every meeting (of --project or --network, or all).")
@click.option("--project", "project_slug", help="With --all: the project's meetings.")
@click.option("--network", "network_slug", help="With --all: the network's meetings.")
@click.option("--out", "out", metavar="PATH",
              help="File to write (default: a transliterated name in the current folder; "
                   "'-' for standard output).")
@pass_app
def meeting_ics(app: App, meeting_id, every, project_slug, network_slug, out) -> None:
    """Write an iCalendar invitation with the agenda as its description.

    Participants with an e-mail address (`nybureau person email`) are its attendees, apologies
    as declined; the minute-taker with an address is its organizer. Each time the meeting is
    moved or its agenda changed, the invitation's SEQUENCE grows, so calendars apply it. For a
    cancelled meeting it is the cancellation (METHOD:CANCEL), without the reason. With --all:
    one calendar of every meeting, each with the UID and SEQUENCE of its own invitation (a
    cancelled one as STATUS:CANCELLED)."""
    from pathlib import Path

    from nybureau.errors import InvalidInput
    from nybureau.rendering import file_name
    from nybureau.rendering.ics import calendar_ics
    from nybureau.rendering.ics import meeting_ics as make
    from nybureau.services import documents

    if every == (meeting_id is not None):
        raise InvalidInput(Msg("Give a MEETING, or --all for every meeting."))
    if not every and (project_slug or network_slug):
        raise InvalidInput(Msg("--project and --network go with --all."))
    if project_slug and network_slug:
        raise InvalidInput(Msg("Give --project or --network, not both."))
    with app.read() as tx:
        if every:
            datas, name = documents.calendar_events(tx, app.lang, project_slug, network_slug)
        else:
            data = documents.invitation_data(tx, meeting_id, app.lang)
    if every:
        from nybureau.rendering.text import slugify

        payload = calendar_ics([(d, d["invitation"]) for d in datas], lang=app.lang, name=name)
        stem = app.t(Msg("meetings")) + (f"-{project_slug or network_slug}"
                                          if project_slug or network_slug else "")
        default = f"{slugify(stem)}.ics"
    else:
        payload = make(data, lang=app.lang, invitation=data["invitation"])
        default = file_name(data, "ics")
    if out == "-":
        click.echo(payload.decode("utf-8"), nl=False)
        return
    path = Path(out) if out else Path(default)
    if path.is_dir():
        path = path / default
    from nybureau.fsio import write_file

    write_file(path, payload)  # the old file stays until the new one is complete
    echo(str(path))
