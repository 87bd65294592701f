"""What ``meeting send`` sends: a meeting's agenda, or its approved minutes, by e-mail.

:func:`meeting_messages` composes the messages (nothing is written); :func:`queue_meeting`
records them in the outbox in the caller's transaction and records the sending itself.

Who gets what, as a secretariat distributes a meeting's papers:

- **The agenda** goes to everyone of the meeting who has a work address (``nybureau person
  email``): the participants, and those who sent apologies too — they are members and read the
  papers, and their calendar shows the meeting as declined. One message to all (each sees who
  else got it, as on the agenda itself). Attached: the PDF package (agenda and bilag as one
  file) and the agenda as a Word document; in the message the calendar invitation as a
  ``text/calendar; method=REQUEST`` part, so Outlook and Google show "accept / decline". Its UID
  and SEQUENCE are those of ``meeting ics``. From is ``NYBUREAU_MAIL_FROM``; replies go to the
  minute-taker when they have an address (Reply-To, and the invitation's ORGANIZER).
- **The minutes** go, once approved, to the same people, with the minutes' PDF package and
  Word document; no calendar part.
- **A public distribution list** (``public_to``, e.g. the municipality's journal or web
  editor) gets a message of its own with the public render: closed items only as *Lukket
  punkt*, no closed item's bilag and no bilag marked not publishable; no calendar part and no
  names of who sent apologies.
- **A cancelled meeting** gets the cancellation notice instead of an agenda: METHOD:CANCEL
  with a higher SEQUENCE, so the invitation disappears from the calendars; no documents, and
  not the reason (it stays in the history).

Sending again. The first agenda mail records the agenda as sent (``send_agenda``: the
generated texts are frozen). Sending the agenda once more is refused while nothing has changed
— a message still queued or failed is delivered with ``nybureau outbox --retry``, which never
sends it twice. Once the meeting has been moved or an item added or edited (the invitation's
SEQUENCE has grown), ``meeting send`` sends a *revised agenda* (Revideret dagsorden) with the
new invitation, and the history tells the versions apart (``documents["version"]``: 1 for the
first agenda, 2 for the first revision …). A revised agenda, a cancellation and the minutes
answer the first agenda's Message-ID (In-Reply-To, References), so mail clients keep a meeting's
messages in one thread. Minutes go out once. An agenda recorded as sent by hand (``meeting
sent``) and never mailed is mailed as it was frozen then.

When PDF cannot be made on this machine (WeasyPrint or Pango missing), the package is left out,
the Word document is still attached, and ``documents["notes"]`` says why.
"""

from __future__ import annotations

import json
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.mail import meeting_texts as words
from nybureau.services.mail.message import Outgoing

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _sender() -> str:
    """The sender address (``NYBUREAU_MAIL_FROM`` from the mail settings), or a refusal."""
    from nybureau.services.mail.settings import mail_from

    return mail_from()


def _address(email: str, name: str = "") -> Address:
    """A header address; a domain with æ, ø or å in its ASCII (IDNA) form."""
    local, _, domain = email.rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return Address(display_name=name, username=local, domain=domain)


def _recipients(tx, meeting: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from nybureau.services.meetings import invitation

    inv = invitation(tx, meeting["id"])
    if not inv["attendees"]:
        raise InvalidInput(Msg(
            "No one of meeting {id} has an e-mail address, so there is no one to send it to. "
            "Record the members' work addresses with `nybureau person email NAME ADDRESS` "
            "and send again.", id=meeting["id"]))
    # the participants first, then those who sent apologies, as the agenda lists them
    return sorted(inv["attendees"], key=lambda a: a["declined"]), inv


def _earlier(tx, meeting_id: int, purpose: str) -> list[dict[str, Any]]:
    """The ``documents`` of the messages already recorded for the meeting's members (not the
    public copies), oldest first."""
    found = []
    for row in tx.outbox_list(meeting_id=meeting_id, purpose=purpose):
        try:
            docs = json.loads(row.documents) if row.documents else {}
        except ValueError:
            docs = {}
        if not docs.get("public"):
            found.append({**docs, "status": row.status, "outbox": row.id,
                          "message_id": row.message_id})
    return found


def _kind(tx, meeting: Any, minutes: bool) -> str:
    from nybureau.services.meetings import STATUSES

    if minutes:
        if meeting["status"] != "approved":
            raise InvalidInput(Msg(
                "The minutes of meeting {id} are not approved yet (the meeting is {status}); "
                "only approved minutes are sent. Approve them with `nybureau meeting approve "
                "{id}`, then send them.", id=meeting["id"], status=STATUSES[meeting["status"]]["en"],
                status_da=STATUSES[meeting["status"]]["da"]))
        return words.MINUTES
    if meeting["status"] == "cancelled":
        return words.CANCELLATION
    if meeting["agenda_sent_at"] is not None and any(
            d.get("kind") in (words.AGENDA, words.REVISED) for d in
            _earlier(tx, meeting["id"], "agenda")):
        return words.REVISED
    return words.AGENDA


def _attachments(tx, meeting_id: int, what: str, lang: str, public: bool
                 ) -> tuple[list[tuple[str, bytes, tuple[str, str], str]], list[str], Any]:
    """(file name, bytes, MIME type, label) of the PDF package and the Word document, the
    notes for the user, and the document's data."""
    from nybureau.rendering.pdf import unavailable
    from nybureau.services import documents

    data = documents.build(tx, what, lang, meeting=meeting_id, public=public)
    files: list[tuple[str, bytes, tuple[str, str], str]] = []
    notes: list[str] = []
    missing = unavailable()
    if missing is None:
        package, package_notes = documents.meeting_package(tx, meeting_id, lang,
                                                           minutes=what == "minutes",
                                                           public=public)
        files.append((package.file_name, package.content, ("application", "pdf"),
                      words.attachment_label(what, "pdf", lang)))
        notes += [n.render(lang) for n in package_notes]
    else:
        notes.append(Msg("The PDF package is not attached: {reason}",
                         reason=missing.render(lang)).render(lang))
    docx = documents.render(data, "docx")
    files.append((docx.file_name, docx.content, DOCX, words.attachment_label(what, "docx", lang)))
    return files, notes, data


def _compose(tx, meeting: Any, kind: str, lang: str, *, to: list[dict[str, Any]],
             inv: dict[str, Any], sender: str, public: bool, version: int,
             thread: list[str]) -> Outgoing:
    from nybureau.services import documents

    what = "minutes" if kind == words.MINUTES else "agenda"
    if kind == words.CANCELLATION:
        data, files, notes = documents.invitation_data(tx, meeting["id"], lang), [], []
    else:
        files, notes, data = _attachments(tx, meeting["id"], what, lang, public)
    organizer = inv["organizer"]
    msg = EmailMessage()
    msg["Subject"] = words.subject(kind, data, lang, public)
    msg["From"] = sender
    msg["To"] = [_address(a["email"], a.get("name", "")) for a in to]
    if organizer and not public:
        msg["Reply-To"] = _address(organizer["email"], organizer["name"])
    from nybureau.services.meetings import aware

    msg["Date"] = format_datetime(aware(tx.now))  # Copenhagen time, as a local client writes it
    if thread and not public:  # a revised agenda, the minutes: in the agenda's thread
        msg["In-Reply-To"] = thread[-1]
        msg["References"] = " ".join(thread)
    attached = [{"label": label, "file": name} for name, _, _, label in files]
    # quoted-printable: the Danish letters travel on any server (no 8BITMIME needed)
    msg.set_content(words.body(kind, data, lang, attached=attached, organizer=organizer,
                               public=public), cte="quoted-printable")
    calendar = kind in (words.AGENDA, words.REVISED, words.CANCELLATION) and not public
    if calendar:
        from nybureau.rendering.ics import meeting_ics

        ics = meeting_ics(documents.invitation_data(tx, meeting["id"], lang), lang=lang,
                          invitation=inv)
        # as bytes in base64, as Outlook sends it: the CRLF line ends of iCalendar stay exact
        msg.add_alternative(ics, maintype="text", subtype="calendar", params={
            "charset": "utf-8", "method": "CANCEL" if kind == words.CANCELLATION else "REQUEST"})
    for name, content, (maintype, subtype), _ in files:
        msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    docs: dict[str, Any] = {
        "kind": kind, "document": what, "public": public,
        "files": [{"file": name, "type": f"{mt}/{st}", "bytes": len(content)}
                  for name, content, (mt, st), _ in files],
        "calendar": calendar, "sequence": inv["sequence"], "version": version,
        "lang": lang,
    }
    if notes:
        docs["notes"] = notes
    return Outgoing(message=msg, recipients=[str(_address(a["email"]).addr_spec) for a in to],
                    purpose="minutes" if kind == words.MINUTES else "agenda",
                    project_id=meeting["project_id"], network_id=meeting["network_id"],
                    meeting_id=meeting["id"], documents=docs)


def meeting_messages(tx, meeting_id: Any, *, minutes: bool = False, lang: str = "da",
                     public_to: str | None = None) -> list[Outgoing]:
    """The messages ``meeting send`` sends for ``meeting_id``: to the meeting's people with an
    address, and, with ``public_to``, the public version to that address. Nothing is written.
    Refused: no sender address, no one with an address, minutes that are not approved."""
    from nybureau.services.meetings._shared import get_meeting_row

    meeting = get_meeting_row(tx, meeting_id)
    sender = _sender()
    public_address = None
    if public_to is not None:
        from nybureau.services.people.email_address import check_email

        public_address = check_email(public_to)
    kind = _kind(tx, meeting, minutes)
    to, inv = _recipients(tx, meeting)
    earlier = [d for d in _earlier(tx, meeting["id"], "minutes" if minutes else "agenda")
               if d.get("kind") == kind or (kind == words.REVISED and d.get("kind") ==
                                            words.AGENDA)]
    version = len(earlier) + 1
    thread = [d["message_id"] for d in _earlier(tx, meeting["id"], "agenda")
              if d.get("message_id")]
    out = [_compose(tx, meeting, kind, lang, to=to, inv=inv, sender=sender, public=False,
                    version=version, thread=thread)]
    if public_address:
        out.append(_compose(tx, meeting, kind, lang, to=[{"email": public_address}], inv=inv,
                            sender=sender, public=True, version=version, thread=[]))
    return out


def _refuse_repeat(tx, meeting: Any, minutes: bool) -> None:
    from nybureau.services.meetings._shared import aware

    mid = meeting["id"]
    if minutes:
        if meeting["minutes_sent_at"] is not None:
            raise InvalidInput(Msg(
                "The minutes of meeting {id} were already sent ({sent:%Y-%m-%d %H:%M}); they "
                "go out once. A message not yet delivered is sent with `nybureau outbox "
                "--retry`.", id=mid, sent=aware(meeting["minutes_sent_at"])))
        return
    earlier = _earlier(tx, mid, "agenda")
    if meeting["status"] == "cancelled":
        if any(d.get("kind") == words.CANCELLATION for d in earlier):
            raise InvalidInput(Msg(
                "The cancellation of meeting {id} was already sent. A message not yet "
                "delivered is sent with `nybureau outbox --retry`.", id=mid))
        return
    if not earlier:
        return
    from nybureau.services.meetings import invitation

    last = earlier[-1].get("sequence", -1)
    if invitation(tx, mid)["sequence"] <= last:
        raise InvalidInput(Msg(
            "The agenda of meeting {id} was already sent and has not changed since. A message "
            "not yet delivered is sent with `nybureau outbox --retry`; after a change to the "
            "meeting or its items (`nybureau meeting edit`, `nybureau meeting item edit`) "
            "`meeting send` sends a revised agenda.", id=mid))


def queue_meeting(tx, meeting_id: Any, *, minutes: bool = False, lang: str = "da",
                  public_to: str | None = None) -> list[int]:
    """Compose the meeting's messages (:func:`meeting_messages`) and record them in the outbox,
    in the caller's transaction; the outbox's ids. The first agenda is recorded as sent
    (:func:`~nybureau.services.meetings.send_agenda`: its generated texts are frozen, and the
    messages carry them), approved minutes get ``minutes_sent_at``; the audit event
    ``meeting.mail`` says to whom, which documents and which version. Sending the same again
    is refused (see the module's text)."""
    from nybureau.services.mail import outbox
    from nybureau.services.meetings import send_agenda
    from nybureau.services.meetings._shared import audit, get_meeting_row, utc

    meeting = get_meeting_row(tx, meeting_id)
    _sender()
    _refuse_repeat(tx, meeting, minutes)
    _recipients(tx, meeting)  # refused before anything is written
    if not minutes and meeting["status"] != "cancelled" and meeting["agenda_sent_at"] is None:
        send_agenda(tx, meeting["id"])
    messages = meeting_messages(tx, meeting["id"], minutes=minutes, lang=lang,
                                public_to=public_to)
    ids = [outbox.record(tx, m) for m in messages]
    if minutes:
        tx.meeting_update(meeting["id"], minutes_sent_at=utc(tx.now))
    first = messages[0].documents
    audit(tx, "meeting.mail", meeting, "meeting", meeting["id"], after={
        "kind": first["kind"], "document": first["document"],
        "recipients": [{"name": a.display_name, "email": a.addr_spec}
               for a in messages[0].message["To"].addresses],
        "public_to": messages[1].recipients[0] if len(messages) > 1 else None,
        "files": [f["file"] for m in messages for f in m.documents["files"]],
        "sequence": first["sequence"], "version": first["version"], "outbox": ids})
    return ids
