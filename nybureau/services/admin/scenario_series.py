"""The scenario step ``series``: a body's meetings planned together (``meeting series``).

    - date: 2017-08-17              # the day the secretariat plans them
      series: med
      every: month                  # 1w, 2w, 4w, month; or dates: [2017-09-20, …]
      from: 2017-09-20
      to: 2017-12-31
      time: "14:00"
      committee: "Områdeudvalg for social og sundhed"
      place: "Odder Rådhus, mødelokale 1"
      minute_taker: "Camilla Høj Pedersen"
      agenda: ["Arbejdsmiljø og trivsel"]  # items on every agenda

Imported by :mod:`nybureau.services.admin.scenario_steps`, which registers every step type."""

from __future__ import annotations

from typing import Any

from nybureau.i18n import Msg
from nybureau.services.admin.scenario import register_step
from nybureau.workflow.located import LList


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _check(step, bad) -> None:  # noqa: ANN001
    if not isinstance(step.get("series"), str):
        bad(step.line_of("series"), Msg("'series' must name a body, e.g. med (or network)"))
    for key in ("agenda", "dates"):
        if key in step and not isinstance(step[key], LList):
            bad(step.line_of(key), Msg("'{key}' must be a list", key=key))
    if ("every" in step) == ("dates" in step):
        bad(step.line_of("series"), Msg("'series' needs either 'every' (with 'from' and 'to') "
                                        "or 'dates'"))


def _run(tx, slug: str, step):  # noqa: ANN001
    from nybureau.services.meetings.series import plan_series

    body = step["series"]
    owner = step.get("network") if body == "network" else slug
    return plan_series(
        tx, str(owner), body, every=_text(step.get("every")),
        dates=[_text(d) for d in step["dates"]] if "dates" in step else None,
        starts_on=_text(step.get("from")), ends_on=_text(step.get("to")),
        time=str(step.get("time", "13:00")), weekday=_text(step.get("weekday")),
        duration_minutes=step.get("duration", 120), place=_text(step.get("place")),
        title=_text(step.get("title")), committee=_text(step.get("committee")),
        minute_taker=_text(step.get("minute_taker")),
        items=[str(i) for i in step.get("agenda") or []],
        on_holiday=_text(step.get("on_holiday")))


register_step("series", {"every", "dates", "from", "to", "time", "weekday", "duration",
                         "place", "title", "committee", "minute_taker", "agenda",
                         "on_holiday", "network"}, run=_run, check=_check)
