"""The scenario step ``programme``: the frame project (rammeprojekt) of the project's network —
given or changed, its steps added, steps marked done on the step's date::

    - date: 2017-06-07
      programme:
        name: "Nybureaukratisering under Særlige Behov"
        owner: "Ekspertområdet for borgere med særlige behov"
        management: "Hanne Vestergaard (KL), Mikkel Dahl (SL)"
        description: …
        steps:                             # numbered 1, 2 … in order; a number the programme
          - {title: "Rekruttering af kommuner", due: 2017-05-31}   # has already is left alone
    - date: 2017-08-31
      programme: {done: [1, 2]}            # done on the step's date

Running the same step from a second local project of the network (a second scenario) changes
nothing that is already there. Imported by :mod:`nybureau.services.admin.scenario_steps`."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.admin.scenario import register_step
from nybureau.services.common import get_project
from nybureau.workflow.located import LList, LMap

_FIELDS = ("name", "owner", "management", "description")
_KEYS = set(_FIELDS) | {"steps", "done"}


def _check(step, bad) -> None:  # noqa: ANN001
    value = step["programme"]
    if not isinstance(value, LMap):
        bad(step.line_of("programme"), Msg("'programme' needs a mapping (name, owner, "
                                           "management, description, steps, done)"))
        return
    for key in value:
        if key not in _KEYS:
            bad(value.line_of(key), Msg("programme: unknown key '{key}' (allowed: {allowed})",
                                        key=key, allowed=", ".join(sorted(_KEYS))))
    for key in _FIELDS:
        if key in value and not isinstance(value[key], str):
            bad(value.line_of(key), Msg("programme: '{key}' must be given as text", key=key))
    steps = value.get("steps", LList())
    if not isinstance(steps, LList):
        bad(value.line_of("steps"), Msg("programme: 'steps' must be a list of {title, due}"))
    else:
        for i, s in enumerate(steps):
            if not isinstance(s, LMap) or not isinstance(s.get("title"), str):
                bad(steps.line_of(i), Msg("programme.steps[{n}] needs a title", n=i + 1))
            elif "due" in s and not isinstance(s["due"], date):
                bad(s.line_of("due"), Msg("programme.steps[{n}]: 'due' must be a date",
                                          n=i + 1))
    done = value.get("done", LList())
    if not isinstance(done, LList) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in done):
        bad(value.line_of("done"), Msg("programme: 'done' must be a list of step numbers"))


def _run(tx, slug: str, step) -> dict[str, Any]:  # noqa: ANN001
    from nybureau.services import process

    project = get_project(tx, slug)
    if project["network_id"] is None:
        raise InvalidInput(Msg("The project '{slug}' is in no network, so it has no frame "
                               "project; give the scenario a network.", slug=slug))
    network = project["network_slug"]
    value = step["programme"]
    shown = process.show_programme(tx, network)
    fields = {k: str(value[k]) for k in _FIELDS if k in value}
    if shown is None or any(shown[k] != v for k, v in fields.items()):
        process.set_programme(tx, network, **fields)
    have = {s["number"] for s in (shown or {}).get("steps", [])}
    for i, s in enumerate(value.get("steps") or []):
        if i + 1 not in have:
            process.add_step(tx, network, str(s["title"]), due=s.get("due"),
                             note=s.get("note"), number=i + 1)
    for n in value.get("done") or []:
        process.step_done(tx, network, int(n), on=step["date"])
    return {"network": network}


register_step("programme", set(), run=_run, check=_check)
