"""The one shape of a message on its way out: composed by a service (a meeting's agenda or
minutes, a reminder), recorded in the outbox, written as an ``.eml`` file by a dry run."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any


@dataclass
class Outgoing:
    """One e-mail: the message itself (headers From/To/Subject/Date set by the composer; the
    outbox adds the Message-ID when it records it, unless the composer set one), the envelope's
    recipients (the addresses the server is given; Bcc recipients are here, not in a header),
    what it is for (``purpose``: agenda, minutes or reminder), what it concerns (project,
    network, meeting) and what it carries for the history (``documents``: the documents and
    files attached, the invitation's SEQUENCE, the agenda's version …, as plain JSON values)."""

    message: EmailMessage
    recipients: list[str]
    purpose: str
    project_id: int | None = None
    network_id: int | None = None
    meeting_id: int | None = None
    documents: dict[str, Any] = field(default_factory=dict)
