"""The outbox: every e-mail nybureau sends is recorded in the database before it leaves.

:func:`record` (inside the caller's transaction) gives the message its Message-ID and Date,
stores the whole message as it will be handed to the server, with status ``queued``, and writes
the audit event ``mail.queue`` (to whom — under ``recipients``, a free-text key that
``person forget`` rewrites, not the code key ``to`` —, what for, the subject, the documents).
The message is only handed to the server after that transaction is committed: by
:func:`deliver`, which for each message

1. marks it ``sending`` (one more attempt, the time) and **commits**;
2. hands it to the server (:mod:`.smtp`);
3. marks it ``sent`` with the time, keeps only its headers and the list of its parts
   (:mod:`.content`), writes ``mail.sent`` and commits — or, when the connection is refused or
   the server does not accept the message, marks it ``failed`` with the error and writes
   ``mail.fail``. A failed message is sent again by the next :func:`deliver`
   (``nybureau outbox --retry``, or ``meeting send`` again); nothing is lost.

**Never twice, in the normal cases.** A message is handed to the server only by the process
that marked it ``sending`` in a committed transaction (write transactions are serialised, so
two processes cannot both claim it), and it is marked ``sent`` as soon as the server has said
"accepted". If the process stops (killed, the machine goes down) before the server accepted the
message, the server has not taken responsibility for it — a half-transmitted message is
discarded by every SMTP server — and the message stays ``sending``. Once it has been
``sending`` longer than any step of a send may wait (:attr:`MailSettings.stale_after`, five
times the SMTP timeout), :func:`deliver` takes it to be left behind and sends it again, so it
arrives exactly once. A live process's ``sending`` is never taken over before then.

**The rare case.** If the process stops in the instant after the server said "accepted" and
before ``sent`` was committed, nybureau cannot know that the message left, and the retry sends
it again. It is the same message, byte for byte, with the same ``Message-ID``: mail programs
and servers that recognise duplicates (by Message-ID) show it once; elsewhere the recipient
sees two identical copies, never two different messages.

**Personal data.** A sent message keeps only its headers (decoded text) and the list of its
parts; ``person forget`` rewrites the name and addresses in them like every free text. A message
not sent yet that concerns the person (they receive it, are named in its headers or text, or
are on the list of its meeting, whose documents it carries) is withdrawn first
(:func:`withdraw_for`): reduced the same way, status ``withdrawn``, never sent. ``meeting send``
composes it again from the records, where the person is now the pseudonym.

:func:`write_eml` writes messages as ``.eml`` files instead (a dry run): nothing is recorded.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from email import policy
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.mail import content as mc
from nybureau.services.mail.message import Outgoing

PURPOSES = ("agenda", "minutes", "reminder", "signin")  # signin: services/web/signin_mail.py
QUEUED, SENDING, SENT, FAILED, WITHDRAWN = "queued", "sending", "sent", "failed", "withdrawn"
STATUSES = (QUEUED, SENDING, SENT, FAILED, WITHDRAWN)
ENTITY = "outbox_message"


def _address_ok(address: str) -> bool:
    name, addr = parseaddr(address)
    return bool(addr) and addr == address.strip() and addr.count("@") == 1 \
        and not any(c.isspace() for c in addr) and "." in addr.split("@")[1]


def _domain(message) -> str:  # noqa: ANN001
    address = parseaddr(str(message.get("From") or ""))[1]
    return address.rsplit("@", 1)[1] if "@" in address else "nybureau.invalid"


def _finished(message, now: datetime, *, keep: bool = False):  # noqa: ANN001, ANN202
    """The message with a Message-ID and a Date, added to it (``keep``: to a copy)."""
    if message.get("Message-ID") and message.get("Date"):
        return message
    if keep:
        message = copy.deepcopy(message)
    if not message.get("Message-ID"):
        message["Message-ID"] = make_msgid(domain=_domain(message))
    if not message.get("Date"):
        message["Date"] = format_datetime(now.astimezone(ZoneInfo("Europe/Copenhagen")))
    return message


def _text(message) -> str:  # noqa: ANN001
    return message.as_string(policy=policy.default)


def record(tx, outgoing: Outgoing) -> int:  # noqa: ANN001
    """Record ``outgoing`` in the outbox (status ``queued``) in ``tx``; its id. Gives the
    message a Message-ID (from the sender's domain) and a Date when it has none. Refused: an
    unknown purpose, no recipient, a recipient that is not an address, no From, a Message-ID
    that is already in the outbox."""
    if outgoing.purpose not in PURPOSES:
        raise InvalidInput(Msg("Unknown purpose '{purpose}' of a message. Use one of: "
                               "{purposes}.", purpose=outgoing.purpose,
                               purposes=", ".join(PURPOSES)))
    recipients = [a.strip() for a in outgoing.recipients if a and a.strip()]
    if not recipients:
        raise InvalidInput(Msg("The message »{subject}« has no recipient: give each person an "
                               "address with `nybureau person email`.",
                               subject=str(outgoing.message.get("Subject") or "")))
    bad = [a for a in recipients if not _address_ok(a)]
    if bad:
        raise InvalidInput(Msg("'{address}' is not an e-mail address. Correct it with "
                               "`nybureau person email`.", address=bad[0]))
    if not parseaddr(str(outgoing.message.get("From") or ""))[1]:
        raise InvalidInput(Msg("The message »{subject}« has no sender (From). Set "
                               "NYBUREAU_MAIL_FROM.",
                               subject=str(outgoing.message.get("Subject") or "")))
    message = _finished(outgoing.message, tx.now)
    message_id = str(message["Message-ID"]).strip()
    if any(m.message_id == message_id for m in tx.outbox_list()):
        raise InvalidInput(Msg("The message {message_id} is already in the outbox; send it "
                               "again with `nybureau outbox --retry`.", message_id=message_id))
    subject = " ".join(str(message.get("Subject") or "").split())
    documents = outgoing.documents or {}
    oid = tx.outbox_add(message_id=message_id, purpose=outgoing.purpose,
                        project_id=outgoing.project_id, network_id=outgoing.network_id,
                        meeting_id=outgoing.meeting_id,
                        recipients=json.dumps(recipients, ensure_ascii=False),
                        subject=subject[:998],
                        documents=json.dumps(documents, ensure_ascii=False, default=str),
                        content=_text(message))
    tx.audit("mail.queue", ENTITY, oid, project_id=outgoing.project_id,
             network_id=outgoing.network_id,
             after={"message_id": message_id, "recipients": recipients,
                    "purpose": outgoing.purpose,
                    "subject": subject, "meeting": outgoing.meeting_id,
                    "documents": documents})
    return oid


# -- delivering ---------------------------------------------------------------------------------
def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _left_behind(row, now: datetime, stale_after: float) -> bool:  # noqa: ANN001
    attempted = _utc(row.attempted_at)
    return attempted is None or now - attempted >= timedelta(seconds=stale_after)


def _claim(store, actor: str, oid: int, stale_after: float):  # noqa: ANN001, ANN202
    """Mark the message ``sending`` and commit; the row as claimed, or (None, why)."""
    with store.transaction(actor) as tx:
        row = tx.outbox_get(oid)
        if row.status in (SENT, WITHDRAWN):
            return None, row.status
        if row.status == SENDING and not _left_behind(row, _utc(tx.now), stale_after):
            return None, SENDING
        tx.outbox_update(oid, status=SENDING, attempts=row.attempts + 1,
                         attempted_at=tx.now)
        return row, None


def _result(row, status: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN001
    return {"id": row.id, "message_id": row.message_id, "purpose": row.purpose,
            "subject": row.subject, "recipients": json.loads(row.recipients),
            "status": status, **extra}


def _sender(content: str, settings) -> str:  # noqa: ANN001
    message = mc.parse(content)
    return parseaddr(str(message.get("From") or ""))[1] or parseaddr(settings.mail_from)[1]


def deliver(store, ids: Iterable[int] | None = None, settings=None, *,  # noqa: ANN001
            actor: str | None = None) -> list[dict[str, Any]]:
    """Send the queued and failed messages (only ``ids``, when given) and those left
    ``sending`` by a process that stopped; one result per message: ``status`` ``sent``,
    ``failed`` (with ``error``), or, for one that was not sent now, ``already_sent``,
    ``withdrawn`` or ``busy`` (another process is sending it). Each message is marked in a
    transaction of its own (see the module's text). ``settings``: default
    :func:`~.settings.mail_settings`; refused without a server when there is anything to send."""
    from nybureau.config import default_actor
    from nybureau.services.mail import smtp
    from nybureau.services.mail.settings import mail_settings

    actor = actor or default_actor()
    wanted = None if ids is None else [int(i) for i in ids]
    with store.transaction(actor, write=False) as tx:
        if wanted is None:
            rows = tx.outbox_list(statuses=(QUEUED, FAILED, SENDING))
        else:
            rows = []
            for oid in wanted:
                row = tx.outbox_get(oid)
                if row is None:
                    raise NotFound(Msg("There is no message {id} in the outbox. See "
                                       "`nybureau outbox`.", id=oid))
                rows.append(row)
    results: list[dict[str, Any]] = []
    if not rows:
        return results
    settings = (settings or mail_settings()).require_server()
    for row in rows:
        if row.status in (SENT, WITHDRAWN):
            results.append(_result(row, "already_sent" if row.status == SENT else WITHDRAWN))
            continue
        claimed, why = _claim(store, actor, row.id, settings.stale_after)
        if claimed is None:
            results.append(_result(row, {SENT: "already_sent", WITHDRAWN: WITHDRAWN,
                                         SENDING: "busy"}[why]))
            continue
        recipients = json.loads(claimed.recipients)
        try:
            accepted = smtp.send(settings, _sender(claimed.content, settings), recipients,
                                 claimed.content)
        except smtp.SendFailure as exc:
            error = str(exc)
            with store.transaction(actor) as tx:
                tx.outbox_update(row.id, status=FAILED, last_error=error)
                tx.audit("mail.fail", ENTITY, row.id, project_id=row.project_id,
                         network_id=row.network_id,
                         after={"message_id": row.message_id, "error": error,
                                "attempts": claimed.attempts + 1})
            results.append(_result(row, FAILED, error=error))
            continue
        refused = accepted.refused
        with store.transaction(actor) as tx:
            tx.outbox_update(row.id, status=SENT, sent_at=tx.now,
                             last_error=("; ".join(f"{a}: {r}" for a, r in refused.items())
                                         or None),
                             content=mc.reduced(claimed.content, "sending"))
            tx.audit("mail.sent", ENTITY, row.id, project_id=row.project_id,
                     network_id=row.network_id,
                     after={"message_id": row.message_id, "recipients": accepted.delivered,
                            "refused": [f"{a}: {r}" for a, r in refused.items()],
                            "purpose": row.purpose,
                            "subject": row.subject, "meeting": row.meeting_id,
                            "documents": json.loads(row.documents or "{}"),
                            "attempts": claimed.attempts + 1})
        results.append(_result(row, SENT, refused=refused))
    return results


# -- reading ------------------------------------------------------------------------------------
def listing(tx, statuses: Iterable[str] | None = None,  # noqa: ANN001
            meeting_id: int | None = None) -> list[dict[str, Any]]:
    """The outbox's messages, oldest first, as plain data (no content)."""
    if statuses is not None:
        statuses = list(statuses)
        for s in statuses:
            if s not in STATUSES:
                raise InvalidInput(Msg("Unknown status '{status}'. Use one of: {statuses}.",
                                       status=s, statuses=", ".join(STATUSES)))
    return [{"id": m.id, "status": m.status, "purpose": m.purpose, "subject": m.subject,
             "recipients": json.loads(m.recipients), "message_id": m.message_id,
             "project_id": m.project_id, "network_id": m.network_id,
             "meeting_id": m.meeting_id, "documents": json.loads(m.documents or "{}"),
             "attempts": m.attempts, "last_error": m.last_error,
             "queued_at": _utc(m.queued_at), "attempted_at": _utc(m.attempted_at),
             "sent_at": _utc(m.sent_at)}
            for m in tx.outbox_list(statuses=statuses, meeting_id=meeting_id)]


# -- personal data ------------------------------------------------------------------------------
def withdraw_for(tx, eraser, person_id: int) -> int:  # noqa: ANN001
    """Before ``person forget`` rewrites the free text: withdraw every message not sent yet
    that concerns the person (see the module's text); the number withdrawn."""
    count = 0
    for row in tx.outbox_list(statuses=(QUEUED, FAILED, SENDING)):
        message = mc.parse(row.content)
        texts = [*mc.decoded_texts(message), *json.loads(row.recipients),
                 *(a for _n, a in getaddresses(message.get_all("To", []) +
                                               message.get_all("Cc", [])))]
        named = any(eraser.text(t) != t for t in texts if isinstance(t, str))
        listed = row.meeting_id is not None and any(
            p.person_id == person_id for p in tx.meeting_people(row.meeting_id))
        if not (named or listed):
            continue
        tx.outbox_update(row.id, status=WITHDRAWN,
                         content=mc.reduced(row.content, "a person it concerns was erased"),
                         last_error="withdrawn: a person it concerns was erased; compose it "
                                    "again (`nybureau meeting send`)")
        count += 1
    return count


def write_eml(outgoings: Iterable[Outgoing], folder: Path | str) -> list[Path]:
    """Write each message as an ``.eml`` file in ``folder`` (created if needed), named
    ``01-<subject, transliterated>.eml`` …, all or nothing; nothing is recorded. A message
    without a Message-ID or Date gets one in its file (the message itself is not changed)."""
    from nybureau.fsio import write_files
    from nybureau.rendering.text import slugify

    folder = Path(folder)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    files: list[tuple[Path, bytes]] = []
    for n, outgoing in enumerate(outgoings, start=1):
        message = _finished(outgoing.message, now, keep=True)
        stem = slugify(str(message.get("Subject") or outgoing.purpose), max_len=60)
        files.append((folder / f"{n:02d}-{stem}.eml", message.as_bytes(policy=policy.default)))
    write_files(files)
    return [path for path, _data in files]


__all__ = ["record", "deliver", "write_eml", "listing", "withdraw_for", "PURPOSES",
           "STATUSES"]
