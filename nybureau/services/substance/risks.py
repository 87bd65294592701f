"""Risks, drivers and barriers (issue 16 §6): each project's log of what may go wrong (a risk),
what is in the way (a barrier) and what carries the project (a driver, *drivkraft*) — where in
the governance chain it sits, likelihood and effect, the action and who owns it. An entry is
open until it is closed with a date and a note; the network report compares the projects'
drivers and barriers, the status report shows the open entries."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.risks import LEVELS, RISK_KINDS, RISK_STATUSES, severity
from nybureau.domain.substance import CHAIN_ROLES, parse_word, words
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    free_text,
    get_project,
    one_line,
    parse_date,
    past_date,
)

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

MAX_WHAT = 2000

#: an entry's values as the history keeps them
_KEPT = ("kind", "what", "chain_role", "likelihood", "effect", "action", "owner")


def choose(table: dict[str, dict[str, str]], value: Any, field: str, field_da: str
           ) -> str | None:
    """The id of ``value`` in ``table`` (id, Danish or English word); None when not given."""
    from nybureau.domain.risks import ALIASES

    if value is None or value == "":
        return None
    key = parse_word(table, str(value))
    if key is None:
        key = ALIASES.get(id(table), {}).get(str(value).strip().casefold())
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a usable {field}; use one of: {words}.",
                               value=str(value), field=field, field_da=field_da,
                               words=words(table)))
    return key


def _entry(tx: Tx, project, ref: Any):
    try:
        rid = int(str(ref).strip())
    except ValueError:
        rid = None
    row = tx.risk_get(rid) if rid is not None else None
    if row is None or row.project_id != project["id"] or row.voided_at is not None:
        raise NotFound(Msg("'{slug}' has no entry {ref} in its risk log. See the entries and "
                           "their ids with `nybureau risk list {slug}`.",
                           slug=project["slug"], ref=str(ref)))
    return row


def _values(kind=None, what=None, chain_role=None, likelihood=None, effect=None, action=None,
            owner=None) -> dict[str, Any]:
    """The given values, checked; a value not given is left out."""
    out: dict[str, Any] = {}
    if kind is not None:
        out["kind"] = choose(RISK_KINDS, kind, "kind", "type")
    if what is not None:
        out["what"] = free_text(what, "what", MAX_WHAT, required=True)
    if chain_role is not None:
        out["chain_role"] = choose(CHAIN_ROLES, chain_role, "role in the governance chain",
                                     "rolle i styringskæden")
    if likelihood is not None:
        out["likelihood"] = choose(LEVELS, likelihood, "likelihood", "sandsynlighed")
    if effect is not None:
        out["effect"] = choose(LEVELS, effect, "effect", "konsekvens")
    if action is not None:
        out["action"] = free_text(action, "action", MAX_WHAT)
    if owner is not None:
        out["owner"] = one_line(owner, "owner", required=False)
    return out


def add_risk(tx: Tx, slug: str, *, what: str, kind: str = "risk",
             chain_role: str | None = None, likelihood: str | None = None,
             effect: str | None = None, action: str | None = None, owner: str | None = None,
             on: date | str | None = None) -> dict[str, Any]:
    """Note a risk, barrier or driver in the project's log (open)."""
    project = get_project(tx, slug)
    values = _values(kind=kind or "risk", what=what, chain_role=chain_role,
                     likelihood=likelihood, effect=effect, action=action, owner=owner)
    noted = past_date(tx, on, Msg("an entry of the risk log is noted when it is known; give the "
                                  "date with --date."))
    tx.project_touch(project)
    rid = tx.risk_insert(project_id=project["id"], noted_on=noted, status="open",
                         **{k: values.get(k) for k in _KEPT})
    tx.audit("risk.add", "risk_entry", rid, project_id=project["id"],
             after={**{k: values.get(k) for k in _KEPT}, "noted_on": noted})
    return {"id": rid, **{k: values.get(k) for k in _KEPT}, "noted_on": noted}


def update_risk(tx: Tx, slug: str, ref: Any, **changes: Any) -> dict[str, Any]:
    """Change an open entry's text, place in the chain, likelihood, effect, action or owner
    (only the values given)."""
    project = get_project(tx, slug)
    row = _entry(tx, project, ref)
    values = _values(**{k: v for k, v in changes.items() if k in _KEPT})
    values = {k: v for k, v in values.items() if v != getattr(row, k)}
    if not values:
        raise InvalidInput(Msg("Nothing to change: give at least one new value (e.g. --action "
                               "or --likelihood)."))
    tx.project_touch(project)
    tx.risk_update(row.id, **values)
    tx.audit("risk.update", "risk_entry", row.id, project_id=project["id"],
             before={k: getattr(row, k) for k in values}, after=values)
    return {"id": row.id, "what": values.get("what", row.what), "changed": sorted(values)}


def close_risk(tx: Tx, slug: str, ref: Any, *, note: str | None = None,
               on: date | str | None = None) -> dict[str, Any]:
    """Close an open entry (the risk passed or was handled, the barrier was removed), with the
    day and a note of how."""
    project = get_project(tx, slug)
    row = _entry(tx, project, ref)
    if row.status == "closed":
        raise InvalidInput(Msg("Entry {id} of the risk log was closed on {day}; nothing done.",
                               id=row.id, day=row.closed_on.isoformat()))
    day = parse_date(on) if on is not None else None
    day = past_date(tx, day, Msg("an entry is closed when it has been handled; give the date "
                                 "with --date."))
    if day < row.noted_on:
        raise InvalidInput(Msg("Entry {id} was noted on {noted}; it cannot be closed before "
                               "that ({day}).", id=row.id, noted=row.noted_on.isoformat(),
                               day=day.isoformat()))
    note = free_text(note, "note")
    tx.project_touch(project)
    tx.risk_update(row.id, status="closed", closed_on=day, close_note=note)
    tx.audit("risk.close", "risk_entry", row.id, project_id=project["id"],
             before={"status": row.status},
             after={"status": "closed", "closed_on": day, "note": note, "what": row.what})
    return {"id": row.id, "what": row.what, "closed_on": day}


def risk_rows(rows, lang: str) -> list[dict[str, Any]]:
    """The entries with their words in ``lang``, as a list and the documents show them."""
    from nybureau.domain.vocabulary import label

    out = []
    for e in rows:
        out.append({
            "id": e.id, "kind": e.kind, "what": e.what, "chain_role": e.chain_role,
            "likelihood": e.likelihood, "effect": e.effect, "action": e.action,
            "owner": e.owner, "status": e.status, "noted_on": e.noted_on,
            "closed_on": e.closed_on, "close_note": e.close_note,
            "severity": severity(e.likelihood, e.effect),
            "kind_label": label(RISK_KINDS, e.kind, lang),
            "chain_label": label(CHAIN_ROLES, e.chain_role, lang) if e.chain_role else None,
            "likelihood_label": label(LEVELS, e.likelihood, lang) if e.likelihood else None,
            "effect_label": label(LEVELS, e.effect, lang) if e.effect else None,
            "status_label": label(RISK_STATUSES, e.status, lang),
            **({"voided_at": e.voided_at, "void_reason": e.void_reason}
               if e.voided_at is not None else {}),
        })
    return out


def list_risks(tx: Tx, slug: str, *, kind: str | None = None, open_only: bool = False,
               include_voided: bool = False, lang: str = "da") -> list[dict[str, Any]]:
    """The project's log: drivers, barriers and risks, as noted; ``kind`` and ``open_only``
    narrow it, ``include_voided`` adds the voided entries."""
    project = get_project(tx, slug)
    kind = choose(RISK_KINDS, kind, "kind", "type") if kind else None
    rows = [e for e in tx.risks(project["id"], include_voided=include_voided)
            if (kind is None or e.kind == kind) and (not open_only or e.status == "open")]
    return risk_rows(rows, lang)
