"""``nybureau log`` sentences for what happens between meetings (issue 14): a body's deadlines,
minutes sent, meetings e-mailed, action items and the mail outbox. Merged into
:data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from typing import Any

from nybureau.cli.log_sentences import Sentence, _meeting_ref, plural

_MAILED = {"agenda": ("Dagsordenen", "The agenda"),
           "revised": ("Den reviderede dagsorden", "The revised agenda"),
           "minutes": ("Referatet", "The minutes"),
           "cancellation": ("Aflysningen", "The cancellation")}


def _names(names: list[str], and_: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {and_} {names[-1]}"


def _mail(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    """meeting.mail: what was e-mailed to whom, its version and the files attached."""
    da, en = _MAILED.get(a.get("kind"), _MAILED["agenda"])
    names = [p.get("name") or p.get("email") for p in a.get("recipients") or []
             if isinstance(p, dict)]
    to_da = _names(names, "og") if names else "deltagerne"
    to_en = _names(names, "and") if names else "the participants"
    public = a.get("public_to")
    files = ", ".join(a.get("files") or [])
    version = a.get("version")
    return (f"{da} er sendt pr. e-mail til {to_da}"
            + (f" og i offentlig udgave til {public}" if public else "")
            + (f" (udgave {version})" if version else "") + "."
            + (f" Vedhæftet: {files}." if files else ""),
            f"{en} was e-mailed to {to_en}"
            + (f" and in its public version to {public}" if public else "")
            + (f" (version {version})" if version else "") + "."
            + (f" Attached: {files}." if files else ""))


def _attached(documents: Any, lang: str) -> str:
    """`` med dagsorden-hoved-med.pdf, dagsorden-hoved-med.docx`` — the files a message
    carries, as the composer listed them in its ``documents`` (any value that is a file name)."""
    import re

    files: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and re.search(r"\.[A-Za-z0-9]{2,4}$", value) \
                and " " not in value and value not in files:
            files.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(documents)
    if not files:
        return ""
    return (" med " if lang == "da" else " with ") + ", ".join(files)


FOLLOW_UP: dict[str, Sentence] = {
    # deadlines (issue 14)
    "body.deadline": lambda a, b, w: (
        f"Fristerne for {w.body(a.get('body'), 'da')} er nu: dagsorden "
        f"{plural(a.get('agenda_days') or 0, 'arbejdsdag', 'arbejdsdage')} før mødet, referat "
        f"senest {plural(a.get('minutes_days') or 0, 'arbejdsdag', 'arbejdsdage')} efter.",
        f"The deadlines of {w.body(a.get('body'), 'en')} are now: the agenda "
        f"{plural(a.get('agenda_days') or 0, 'working day', 'working days')} before the "
        f"meeting, the minutes within "
        f"{plural(a.get('minutes_days') or 0, 'working day', 'working days')} after it."),
    "meeting.minutes_sent": lambda a, b, w: (
        f"Det godkendte referat er sendt ud{w.on(a.get('minutes_sent_at'))[0]}.",
        f"The approved minutes were sent out{w.on(a.get('minutes_sent_at'))[1]}."),

    # issue 14 (meeting send): the e-mail of an agenda, a revised agenda, minutes, cancellation
    "meeting.mail": _mail,

    # action items (issue 14)
    "action.add": lambda a, b, w: (
        f"Handlepunktet »{a.get('what')}« er aftalt{_meeting_ref(a, b, w)[0]}"
        + (f" under punkt {a['number']}" if a.get("number") else "")
        + (f"; ansvarlig: {a['who']}" if a.get("who") else "")
        + (f"; frist{w.on(a.get('due_on'))[0]}" if a.get("due_on") else "") + ".",
        f"The action item “{a.get('what')}” was agreed{_meeting_ref(a, b, w)[1]}"
        + (f" under item {a['number']}" if a.get("number") else "")
        + (f"; owner: {a['who']}" if a.get("who") else "")
        + (f"; due{w.on(a.get('due_on'))[1]}" if a.get("due_on") else "") + "."),
    "action.done": lambda a, b, w: (
        f"Handlepunktet er udført{w.on(a.get('closed_on'))[0]}."
        + (f" {a['note']}" if a.get("note") else ""),
        f"The action item was done{w.on(a.get('closed_on'))[1]}."
        + (f" {a['note']}" if a.get("note") else "")),
    "action.cancel": lambda a, b, w: (
        f"Handlepunktet er annulleret{w.on(a.get('closed_on'))[0]}: {a.get('note')}",
        f"The action item was cancelled{w.on(a.get('closed_on'))[1]}: {a.get('note')}"),
    "action.edit": lambda a, b, w: (
        "Handlepunktet er ændret: " + ", ".join(
            {"what": "hvad", "who": "hvem", "due_on": "frist"}.get(k, k) for k in a) + ".",
        "The action item was changed: " + ", ".join(
            {"what": "what", "who": "who", "due_on": "due date"}.get(k, k) for k in a) + "."),

    # -- the mail outbox (services/mail/outbox.py) --
    "mail.queue": lambda a, b, w: (
        f"E-mailen »{a.get('subject')}« er lagt i udbakken til "
        f"{', '.join(a.get('recipients') or [])}"
        + _attached(a.get("documents"), "da") + ".",
        f"The e-mail “{a.get('subject')}” was put in the outbox for "
        f"{', '.join(a.get('recipients') or [])}" + _attached(a.get("documents"), "en") + "."),
    "mail.sent": lambda a, b, w: (
        f"E-mailen »{a.get('subject')}« er sendt til {', '.join(a.get('recipients') or [])}."
        + (f" Afvist: {'; '.join(a['refused'])}." if a.get("refused") else ""),
        f"The e-mail “{a.get('subject')}” was sent to {', '.join(a.get('recipients') or [])}."
        + (f" Refused: {'; '.join(a['refused'])}." if a.get("refused") else "")),
    "mail.fail": lambda a, b, w: (
        f"E-mailen {a.get('message_id')} blev ikke sendt (forsøg {a.get('attempts')}): "
        f"{a.get('error')}",
        f"The e-mail {a.get('message_id')} was not sent (attempt {a.get('attempts')}): "
        f"{a.get('error')}"),
}
