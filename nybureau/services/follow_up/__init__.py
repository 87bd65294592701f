"""Between meetings: what is due across the projects (``nybureau due``) and the reminders that
tell the people who can act on it (``nybureau remind``).

Modules: ``due`` (the entries: agendas to send, minutes to write, approve or send, decisions a
phase waits for, action points, network meetings), ``remind`` (one reminder e-mail per person,
composed as :class:`~nybureau.services.mail.message.Outgoing` and sent through the outbox).
"""

from __future__ import annotations

from nybureau.services.follow_up.due import KINDS, OVERDUE_EXIT, due
from nybureau.services.follow_up.remind import reminders, send_reminders

__all__ = ["KINDS", "OVERDUE_EXIT", "due", "reminders", "send_reminders"]
