"""The communication plan and stakeholder analysis (issue 16 §6, after seed 003's communication
strategy: the effort aimed at the different stakeholders and target groups, the good stories
shared as the project goes). One row per stakeholder or target group: its interest in and
influence on the project, what it needs to know or be asked, the channel, when, and who is
responsible. ``render communication-plan`` prints it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.risks import LEVELS
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import free_text, get_project, one_line, past_date
from nybureau.services.substance.risks import choose

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

_KEPT = ("name", "interest", "influence", "needs", "channel", "timing", "responsible")


def _values(**given: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in given.items():
        if value is None:
            continue
        if key == "name":
            out[key] = one_line(value, "stakeholder")
        elif key in ("interest", "influence"):
            out[key] = choose(LEVELS, value, key,
                              {"interest": "interesse", "influence": "indflydelse"}[key])
        elif key == "needs":
            out[key] = free_text(value, "needs", 2000)
        else:
            out[key] = one_line(value, key, required=False)
    return out


def _find(tx: Tx, project, ref: Any):
    rows = tx.stakeholders(project["id"])
    text = str(ref).strip()
    for s in rows:
        if text.isdigit() and s.id == int(text):
            return s
    for s in rows:
        if s.name.casefold() == text.casefold():
            return s
    raise NotFound(Msg("'{slug}' has no stakeholder '{ref}'. See them with "
                       "`nybureau stakeholder list {slug}`.", slug=project["slug"], ref=text))


def add_stakeholder(tx: Tx, slug: str, name: str, *, interest: str | None = None,
                    influence: str | None = None, needs: str | None = None,
                    channel: str | None = None, timing: str | None = None,
                    responsible: str | None = None, on: date | str | None = None
                    ) -> dict[str, Any]:
    """Add a stakeholder (or target group) to the project's communication plan."""
    project = get_project(tx, slug)
    values = _values(name=name, interest=interest, influence=influence, needs=needs,
                     channel=channel, timing=timing, responsible=responsible)
    if any(s.name.casefold() == values["name"].casefold()
           for s in tx.stakeholders(project["id"])):
        raise AlreadyExists(Msg("'{name}' is already in the communication plan of '{slug}'; "
                                "change it with `nybureau stakeholder update {slug} …`.",
                                name=values["name"], slug=slug))
    noted = past_date(tx, on, Msg("give the date the plan was made with --date."))
    tx.project_touch(project)
    sid = tx.stakeholder_insert(project_id=project["id"], noted_on=noted,
                                **{k: values.get(k) for k in _KEPT})
    tx.audit("stakeholder.add", "stakeholder", sid, project_id=project["id"],
             after={**{k: values.get(k) for k in _KEPT}, "noted_on": noted})
    return {"id": sid, **{k: values.get(k) for k in _KEPT}, "noted_on": noted}


def update_stakeholder(tx: Tx, slug: str, ref: Any, **changes: Any) -> dict[str, Any]:
    """Change a stakeholder's row of the plan (only the values given)."""
    project = get_project(tx, slug)
    row = _find(tx, project, ref)
    values = _values(**{k: v for k, v in changes.items() if k in _KEPT})
    values = {k: v for k, v in values.items() if v != getattr(row, k)}
    if not values:
        raise InvalidInput(Msg("Nothing to change: give at least one new value (e.g. --channel "
                               "or --when)."))
    tx.project_touch(project)
    tx.stakeholder_update(row.id, **values)
    tx.audit("stakeholder.update", "stakeholder", row.id, project_id=project["id"],
             before={k: getattr(row, k) for k in values}, after=values)
    return {"id": row.id, "name": values.get("name", row.name), "changed": sorted(values)}


def stakeholder_rows(rows, lang: str) -> list[dict[str, Any]]:
    from nybureau.domain.vocabulary import label

    return [{"id": s.id, "name": s.name, "interest": s.interest, "influence": s.influence,
             "needs": s.needs, "channel": s.channel, "timing": s.timing,
             "responsible": s.responsible, "noted_on": s.noted_on,
             "interest_label": label(LEVELS, s.interest, lang) if s.interest else None,
             "influence_label": label(LEVELS, s.influence, lang) if s.influence else None,
             **({"voided_at": s.voided_at, "void_reason": s.void_reason}
                if s.voided_at is not None else {})}
            for s in rows]


def list_stakeholders(tx: Tx, slug: str, include_voided: bool = False, lang: str = "da"
                      ) -> list[dict[str, Any]]:
    """The communication plan's rows, as noted."""
    project = get_project(tx, slug)
    return stakeholder_rows(tx.stakeholders(project["id"], include_voided=include_voided), lang)
