"""Reminders (``nybureau remind``): one e-mail to each person with an address, listing what
``due`` says they can act on — the overdue first, then what falls due in the coming days.

Composed as :class:`~nybureau.services.mail.message.Outgoing` (purpose ``reminder``), recorded
in the outbox and delivered by it (:mod:`nybureau.services.mail.outbox`); a dry run writes the
messages as ``.eml`` files and records nothing. A person without an address gets no reminder:
``nybureau person email`` records one.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.rendering.dates import short_date
from nybureau.services.follow_up.due import due
from nybureau.services.mail.message import Outgoing

__all__ = ["reminders", "send_reminders"]

_TEXTS = {
    "da": {
        "subject_one": "Påmindelse: 1 opgave i nybureau",
        "subject_many": "Påmindelse: {n} opgaver i nybureau",
        "subject_overdue": ", heraf {k} med overskredet frist",
        "greeting": "Kære {name}",
        "intro": "Her er det, du kan handle på pr. {day}:",
        "overdue": "Frist overskredet",
        "coming": "Inden for de næste {days} dage",
        "undated": "Uden frist",
        "deadline": "frist {day}",
        "more": "Hele listen: `nybureau due`.",
        "footer": "Denne påmindelse er sendt automatisk af nybureau.",
    },
    "en": {
        "subject_one": "Reminder: 1 task in nybureau",
        "subject_many": "Reminder: {n} tasks in nybureau",
        "subject_overdue": ", {k} of them overdue",
        "greeting": "Dear {name}",
        "intro": "This is what you can act on as of {day}:",
        "overdue": "Overdue",
        "coming": "Within the next {days} days",
        "undated": "No deadline",
        "deadline": "due {day}",
        "more": "The whole list: `nybureau due`.",
        "footer": "This reminder was sent automatically by nybureau.",
    },
}


def _sender() -> str:
    """The From address: NYBUREAU_MAIL_FROM (the mail settings; a refusal when it is not
    set)."""
    from nybureau.services.mail.settings import mail_from

    return mail_from()


def _line(entry: dict[str, Any], lang: str, words: dict[str, str]) -> str:
    text = entry["what"].render(lang)
    where = entry["project_name"] or entry["network"]
    parts = [text]
    # a decision and a network meeting say their meeting's day already; theirs is no deadline
    if entry["due_on"] is not None and entry["kind"] not in ("decision", "network_meeting"):
        parts.append(words["deadline"].format(day=short_date(entry["due_on"], lang)))
    if where:
        parts.append(where)
    return "- " + " · ".join(parts)


def _body(name: str, entries: list[dict[str, Any]], day: date, days: int, lang: str) -> str:
    words = _TEXTS[lang]
    lines = [words["greeting"].format(name=name), "",
             words["intro"].format(day=short_date(day, lang)), ""]
    groups = (("overdue", [e for e in entries if e["overdue"]]),
              ("coming", [e for e in entries if not e["overdue"] and e["due_on"] is not None]),
              ("undated", [e for e in entries if e["due_on"] is None]))
    for key, group in groups:
        if not group:
            continue
        lines.append(words[key].format(days=days) + ":")
        lines.extend(_line(e, lang, words) for e in group)
        lines.append("")
    lines += [words["more"], "", "-- ", words["footer"]]
    return "\n".join(lines) + "\n"


def reminders(tx, as_of: date | str | None = None, lang: str = "da", days: int = 14
              ) -> list[Outgoing]:
    """One reminder per person with an address, listing the entries of :func:`due` on
    ``as_of`` that they can act on; by the person's name."""
    found = due(tx, as_of=as_of, days=days)
    day = found["as_of"]
    per: dict[str, dict[str, Any]] = {}
    for entry in found["entries"]:
        for person in entry["people"]:
            if not person.get("email"):
                continue
            key = person["email"].lower()
            slot = per.setdefault(key, {"name": person["name"], "email": person["email"],
                                        "entries": []})
            slot["entries"].append(entry)
    if not per:
        return []
    sender = _sender()
    words = _TEXTS[lang]
    out = []
    for slot in sorted(per.values(), key=lambda s: (s["name"], s["email"])):
        entries = slot["entries"]
        n, k = len(entries), sum(1 for e in entries if e["overdue"])
        subject = (words["subject_one"] if n == 1 else words["subject_many"].format(n=n))
        if k:
            subject += words["subject_overdue"].format(k=k)
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = formataddr((slot["name"], slot["email"]))
        msg["Subject"] = subject
        msg["Date"] = format_datetime(tx.now)
        msg["Content-Language"] = lang
        msg.set_content(_body(slot["name"], entries, day, days, lang), charset="utf-8")
        projects = {e["project"] for e in entries}
        project_id = None
        if len(projects) == 1 and None not in projects:
            project = tx.project_get(next(iter(projects)))
            project_id = project.id if project is not None else None
        out.append(Outgoing(
            message=msg, recipients=[slot["email"]], purpose="reminder", project_id=project_id,
            documents={"as_of": day.isoformat(), "entries": [
                {"kind": e["kind"], "project": e["project"], "network": e["network"],
                 "meeting": e["meeting"], "action": e["action"],
                 "due_on": e["due_on"].isoformat() if e["due_on"] else None,
                 "overdue": e["overdue"]} for e in entries]}))
    return out


def send_reminders(store, *, as_of: date | str | None = None, lang: str = "da",
                   days: int = 14, dry_run: bool = False, out: str | Path | None = None,
                   actor: str | None = None) -> dict[str, Any]:
    """Compose the reminders and either write them as ``.eml`` files into ``out`` (a dry run:
    nothing is recorded) or record them in the outbox in one transaction and deliver them.
    ``{"messages": n, "files": [...], "recorded": [ids], "delivered": [results]}``."""
    if dry_run:
        with store.transaction(actor, write=False) as tx:
            outgoing = reminders(tx, as_of, lang, days)
        folder = Path(out) if out is not None else Path.cwd()
        files = []
        if outgoing:
            from nybureau.services.mail import outbox

            files = outbox.write_eml(outgoing, folder)
        return {"messages": len(outgoing), "files": [str(f) for f in files], "recorded": [],
                "delivered": [], "recipients": [o.recipients for o in outgoing]}
    from nybureau.services.mail.settings import mail_settings

    mail_settings().require_server()  # before anything is recorded
    with store.transaction(actor) as tx:
        outgoing = reminders(tx, as_of, lang, days)
        if not outgoing:
            return {"messages": 0, "files": [], "recorded": [], "delivered": [],
                    "recipients": []}
        from nybureau.services.mail import outbox

        ids = [outbox.record(tx, o) for o in outgoing]
    delivered = outbox.deliver(store, ids)
    return {"messages": len(outgoing), "files": [], "recorded": ids, "delivered": delivered,
            "recipients": [o.recipients for o in outgoing]}
