"""``nybureau outbox``: what nybureau has sent, is sending or could not send, and ``--retry``
to send the queued and failed messages again (:mod:`nybureau.services.mail.outbox`)."""

from __future__ import annotations

from typing import Any

import click

from nybureau.cli.app import App, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg

#: exit code when a message stays in the outbox unsent (recorded, the server did not take it)
NOT_SENT_EXIT = 4

STATUS_WORDS = {
    "queued": Msg("queued"), "sending": Msg("sending"), "sent": Msg("sent"),
    "failed": Msg("failed"), "withdrawn": Msg("withdrawn"),
    "already_sent": Msg("already sent"), "busy": Msg("being sent by another process"),
}


def _when(value: Any) -> str:
    if value is None:
        return ""
    from datetime import timezone
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:  # stored in UTC (SQLite hands it back without its offset)
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(ZoneInfo("Europe/Copenhagen")).strftime("%Y-%m-%d %H:%M")


def report_delivery(app: App, results: list[dict[str, Any]]) -> int:
    """Print one line per message delivered (or not); the exit code: 0, or
    :data:`NOT_SENT_EXIT` when a message could not be sent."""
    failed = 0
    for r in results:
        to = ", ".join(r["recipients"])
        if r["status"] == "sent":
            echo(app.t(Msg("Sent message {id} »{subject}« to {to}.", id=r["id"],
                           subject=r["subject"], to=to)))
            for address, reply in (r.get("refused") or {}).items():
                echo(app.t(Msg("Note: the server refused {address}: {reply}", address=address,
                               reply=reply)), err=True)
        elif r["status"] == "failed":
            failed += 1
            echo(app.t(Msg("Message {id} »{subject}« was not sent: {error}. It stays in the "
                           "outbox; send it with `nybureau outbox --retry`.", id=r["id"],
                           subject=r["subject"], error=r["error"])), err=True)
        else:
            echo(app.t(Msg("Message {id} »{subject}«: {status}.", id=r["id"],
                           subject=r["subject"],
                           status=app.t(STATUS_WORDS[r["status"]]))))
    return NOT_SENT_EXIT if failed else 0


@click.command("outbox", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau outbox\n"
    "  nybureau outbox --retry\n"
    "\b\n"
    "Exit code 4: a message could not be sent (it stays in the outbox)."))
@click.option("--retry", is_flag=True,
              help="Send the queued and failed messages (and any left \"sending\" by a process "
                   "that stopped) now.")
@click.option("--status", "statuses", multiple=True,
              type=Vocab("outbox_status"),
              help="Only messages with this status (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the messages as JSON.")
@pass_app
def outbox_command(app: App, retry: bool, statuses: tuple[str, ...],
                   as_json: bool) -> None:
    """The outbox: every e-mail nybureau has recorded for sending (agendas, minutes,
    reminders), whether it is queued, sent or failed, and why."""
    from nybureau.services.mail import outbox

    ctx = click.get_current_context()
    code = 0
    results: list[dict[str, Any]] = []
    if retry:
        results = outbox.deliver(app.store, actor=app.actor)
        if not as_json:
            if not results:
                echo(app.t(Msg("Nothing to send: no message is queued or failed.")))
            code = report_delivery(app, results)
    with app.read() as tx:
        rows = outbox.listing(tx, statuses=statuses or None)
    if as_json:
        emit_json({"messages": rows, **({"delivered": results} if retry else {})})
        if any(r["status"] == "failed" for r in results):
            ctx.exit(NOT_SENT_EXIT)
        return
    if retry:
        ctx.exit(code)
    if not rows:
        echo(app.t(Msg("The outbox is empty.")))
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("No.")), "id"), col(app.t(Msg("Status"))),
                        col(app.t(Msg("Subject")), "title"), col(app.t(Msg("To"))),
                        col(app.t(Msg("Time")), "date")])
    for r in rows:
        table.add_row(str(r["id"]), esc(app.t(STATUS_WORDS[r["status"]])), esc(r["subject"]),
                      esc(", ".join(r["recipients"])),
                      _when(r["sent_at"] or r["attempted_at"] or r["queued_at"]))
    app.print(table)
    for r in rows:  # why a message is not sent (or which address the server refused)
        if r["last_error"] and r["status"] != "withdrawn":
            echo(app.t(Msg("Message {id}, attempt {attempts}: {error}", id=r["id"],
                           attempts=r["attempts"], error=r["last_error"])))


COMMANDS = [outbox_command]
