"""The scenario steps of deadlines (imported by :mod:`nybureau.services.admin.scenario_steps`):

    - date: 2017-06-01
      deadline: {body: med, agenda_days: 5, minutes_days: 5}   # either or both

    - date: 2017-08-17                                          # the day they were sent
      minutes_sent: {body: med, meeting: 2017-06-22}            # the meeting's day
      time: "12:00"                                             # optional (default 10:00)
"""

from __future__ import annotations

from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.admin.scenario import _needs, register_step
from nybureau.services.common import get_project, parse_date
from nybureau.services.meetings import aware
from nybureau.services.meetings import deadlines


def _deadline(tx, slug: str, step) -> Any:
    value = step["deadline"]
    return deadlines.set_deadline(tx, slug, str(value["body"]),
                                  agenda_days=value.get("agenda_days"),
                                  minutes_days=value.get("minutes_days"))


def _minutes_sent(tx, slug: str, step) -> Any:
    value = step["minutes_sent"]
    project = get_project(tx, slug)
    body, day = str(value["body"]), parse_date(value["meeting"], "meeting")
    found = [m for m in tx.meeting_list(project_id=project["id"])
             if m.body == body and aware(m.starts_at).date() == day and m.status != "cancelled"]
    if not found:
        raise InvalidInput(Msg("There is no meeting of '{body}' on {day} in '{slug}'.",
                               body=body, day=day.isoformat(), slug=slug))
    when = f"{step['date'].isoformat()} {step.get('time', '10:00')}"
    return deadlines.record_minutes_sent(tx, found[0].id, when)


register_step("deadline", set(), check=_needs("deadline", "body"), run=_deadline)
register_step("minutes_sent", {"time"}, check=_needs("minutes_sent", "body", "meeting"),
              run=_minutes_sent)
