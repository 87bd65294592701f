"""The scenario step that plans the prioritisation workshop (issue 16 §7, ``workshop plan``):

    - date: 2017-11-02
      workshop_plan:
        start: "2017-11-14 9.00"       # Copenhagen time
        place: "Odder Rådhus, byrådssalen"
        invite: [ledelsen, med, arbejdsgruppen, agenter, "Rikke Vestergaard Hansen"]
        groups: 4                      # mixed groups across the governance chain; or
        # named_groups: ["Gruppe A: Pia Lund, Ole Berg", …]

``invite`` takes what ``--invite`` takes: a body (its members on the step's day), the agents as a
whole, a person, or ``NAME=ROLE``. Imported by :mod:`nybureau.services.admin.scenario_steps`,
which registers every step type."""

from __future__ import annotations

from typing import Any

from nybureau.i18n import Msg
from nybureau.services.admin.scenario import _needs, register_step
from nybureau.workflow.located import LList


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, LList)) else [str(value)]


def _plan(tx, slug, step):
    from nybureau.services.substance.workshop_plan import plan_workshop

    v = step["workshop_plan"]
    groups = v.get("groups")
    return plan_workshop(
        tx, slug, starts=str(v["start"]), place=None if v.get("place") is None
        else str(v["place"]), invite=_names(v.get("invite")),
        groups=groups if isinstance(groups, int) else None,
        named_groups=_names(v.get("named_groups")))


def _check(step, bad) -> None:
    _needs("workshop_plan", "start")(step, bad)
    v = step["workshop_plan"]
    if hasattr(v, "get"):
        groups = v.get("groups")
        if groups is not None and (isinstance(groups, bool) or not isinstance(groups, int)):
            bad(v.line_of("groups"), Msg("'workshop_plan' needs 'groups' as a whole number"))
        for key in ("invite", "named_groups"):
            if key in v and not isinstance(v[key], (LList, str)):
                bad(v.line_of(key), Msg("'{key}' must be a list of names", key=key))


def register() -> None:
    register_step("workshop_plan", set(), run=_plan, check=_check)


register()
