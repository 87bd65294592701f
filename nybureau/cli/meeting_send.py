"""``nybureau meeting send``: e-mail a meeting's agenda (or its approved minutes) to its
participants through the outbox, or write the messages as ``.eml`` files (``--dry-run``).
Attached to the ``meeting`` group of :mod:`nybureau.cli.meetings`.

What is sent is composed by :mod:`nybureau.services.mail.meeting_mail`; this command records
it in the outbox in one transaction (with the agenda's sending, see ``queue_meeting``) and then
hands each message to the server (:func:`nybureau.services.mail.outbox.deliver`)."""

from __future__ import annotations

import click

from nybureau.cli.app import App, echo, pass_app
from nybureau.cli.meetings import meeting
from nybureau.i18n import Msg


@meeting.command("send", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau meeting send 3\n"
    "  nybureau meeting send 3 --dry-run --out udsendelse/\n"
    "  nybureau meeting send 3 --minutes --public-to postliste@odder.dk\n"
    "\b\n"
    "The server is set with NYBUREAU_SMTP_HOST, NYBUREAU_SMTP_PORT, NYBUREAU_SMTP_SECURITY,\n"
    "NYBUREAU_SMTP_USER, NYBUREAU_SMTP_PASSWORD and NYBUREAU_MAIL_FROM.\n"
    "Exit code 4: a message was recorded but not sent (see `nybureau outbox`)."))
@click.argument("meeting_id", metavar="MEETING")
@click.option("--minutes", is_flag=True,
              help="Send the approved minutes instead of the agenda.")
@click.option("--dry-run", is_flag=True,
              help="Write the messages as .eml files instead; nothing is sent or recorded.")
@click.option("--out", "out", metavar="DIR",
              help="The folder for the .eml files of --dry-run (default: the current folder).")
@click.option("--public-to", "public_to", metavar="ADDRESS",
              help="Also send the public version (no closed items, no closed bilag) to this "
                   "address, e.g. a public distribution list.")
@pass_app
def meeting_send(app: App, meeting_id, minutes: bool, dry_run: bool, out: str | None,
                 public_to: str | None) -> None:
    """E-mail the agenda (or, with --minutes, the approved minutes) to the meeting's
    participants with an address: the PDF package, the DOCX and, for the agenda, the calendar
    invitation. Every message goes through the outbox and the history."""
    from nybureau.services.mail import meeting_mail, outbox

    if out is not None and not dry_run:
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("--out goes with --dry-run (the folder for the .eml files). "
                               "Without --dry-run the messages are sent."))
    if dry_run:
        with app.read() as tx:
            messages = meeting_mail.meeting_messages(tx, meeting_id, minutes=minutes,
                                                     lang=app.lang, public_to=public_to)
        paths = outbox.write_eml(messages, out or ".")
        for path, message in zip(paths, messages):
            echo(app.t(Msg("Wrote {path} (to {to}).", path=path,
                           to=", ".join(message.recipients))))
        echo(app.t(Msg("Nothing was sent (--dry-run).")))
        return
    from nybureau.services.mail.settings import mail_settings

    settings = mail_settings().require_server()  # before anything is recorded
    from nybureau.services.meetings import get_meeting_row

    purpose = "minutes" if minutes else "agenda"
    with app.write() as tx:
        mid = get_meeting_row(tx, meeting_id)["id"]
        # sending again after a failure sends what is waiting, exactly as it was recorded
        waiting = [m["id"] for m in outbox.listing(tx, statuses=("queued", "failed",
                                                                 "sending"), meeting_id=mid)
                   if m["purpose"] == purpose]
        ids = waiting or meeting_mail.queue_meeting(tx, mid, minutes=minutes, lang=app.lang,
                                                    public_to=public_to)
    if waiting:
        echo(app.t(Msg("The messages of meeting {meeting} waiting in the outbox are sent as "
                       "they were recorded ({count}); nothing is composed again.",
                       meeting=mid, count=len(waiting))))
    from nybureau.cli.mail import report_delivery

    results = outbox.deliver(app.store, ids, settings, actor=app.actor)
    click.get_current_context().exit(report_delivery(app, results))


