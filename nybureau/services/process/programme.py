"""The frame project (rammeprojekt) a network carries: its name, owner (projektejer/styregruppe),
project management and description, and its own numbered steps — recruitment of municipalities,
planning with each of them, running the local projects, internal evaluation, overall evaluation
and spreading — each with its expected end and the day it was done.

The gate each local project passes in its first phase (the local project description approved
by the programme's project management) is the requirement kind ``programme_decision``; the
decision itself is recorded with ``decision record … --by programme_management``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.ports import Transaction as Tx
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    free_text,
    get_network,
    one_line,
    parse_date,
    past_date,
)

__all__ = ["set_programme", "show_programme", "add_step", "step_done", "list_steps"]

_FIELDS = ("name", "owner", "management", "description")
_LIMITS = {"name": 300, "owner": 500, "management": 1000}


def _programme(tx: Tx, network: Any) -> Any:
    found = tx.programme_get(network["id"])
    if found is None:
        raise NotFound(
            Msg("The network '{slug}' has no frame project yet. Give it one with `nybureau "
                "network programme {slug} --name …`.", slug=network["slug"]))
    return found


def set_programme(tx: Tx, network_slug: str, *, name: str | None = None,
                  owner: str | None = None, management: str | None = None,
                  description: str | None = None) -> dict[str, Any]:
    """Give the network its frame project, or change what is given of it (the rest stays).
    The first time, ``name`` is required. Returns the programme's fields and whether it was
    ``created``."""
    network = get_network(tx, network_slug)
    given = {"name": name, "owner": owner, "management": management,
             "description": description}
    values: dict[str, Any] = {}
    for key, value in given.items():
        if value is None:
            continue
        if key == "description":
            values[key] = free_text(value, "description")
        else:
            values[key] = one_line(value, key, _LIMITS[key], required=key == "name")
    row = tx.programme_get(network["id"])
    if row is None:
        if not values.get("name"):
            raise InvalidInput(
                Msg("A new frame project needs a name: `nybureau network programme {slug} "
                    "--name …`.", slug=network["slug"]))
        pid = tx.programme_add(network_id=network["id"], **values)
        tx.audit("network.programme", "network_programme", pid, network_id=network["id"],
                 after={"network": network["slug"], **values})
        return {"network": network["slug"], "created": True,
                **{k: values.get(k) for k in _FIELDS}}
    if not values:
        raise InvalidInput(
            Msg("Say what to change of the frame project of '{slug}': --name, --owner, "
                "--management or --description.",
                slug=network["slug"]))
    before = {k: getattr(row, k) for k in values}
    changed = {k: v for k, v in values.items() if before[k] != v}
    if changed:
        tx.programme_update(row.id, **changed)
        tx.audit("network.programme", "network_programme", row.id, network_id=network["id"],
                 before={"network": network["slug"], **{k: before[k] for k in changed}},
                 after={"network": network["slug"], **changed})
    fields = {k: getattr(row, k) for k in _FIELDS} | values
    return {"network": network["slug"], "created": False, "changed": sorted(changed),
            **fields}


def show_programme(tx: Tx, network_slug: str) -> dict[str, Any] | None:
    """The network's frame project and its steps (None when it has none)."""
    network = get_network(tx, network_slug)
    row = tx.programme_get(network["id"])
    if row is None:
        return None
    return {"network": network["slug"], "network_name": network["name"],
            **{k: getattr(row, k) for k in _FIELDS},
            "steps": _steps(tx, row)}


def _steps(tx: Tx, programme: Any) -> list[dict[str, Any]]:
    return [{"number": s.number, "title": s.title, "due": s.due_on, "done": s.done_on,
             "note": s.note} for s in tx.step_list(programme.id)]


def list_steps(tx: Tx, network_slug: str) -> list[dict[str, Any]]:
    """The frame project's steps in order (refused when the network has no frame project)."""
    network = get_network(tx, network_slug)
    return _steps(tx, _programme(tx, network))


def add_step(tx: Tx, network_slug: str, title: str, *, due: date | str | None = None,
             note: str | None = None, number: int | None = None) -> dict[str, Any]:
    """Add a step to the frame project (numbered on from the last one unless ``number`` is
    given); ``due``: when it is expected to end."""
    network = get_network(tx, network_slug)
    programme = _programme(tx, network)
    title = one_line(title, "title", 500)
    due_on = parse_date(due, "due date") if due is not None else None
    note = free_text(note, "note")
    steps = tx.step_list(programme.id)
    if number is None:
        number = max((s.number for s in steps), default=0) + 1
    elif number < 1 or number > 1000:
        raise InvalidInput(Msg("A step's number is from 1 to 1000, not {n}.", n=number))
    elif any(s.number == number for s in steps):
        raise AlreadyExists(
            Msg("The frame project already has a step {n}; see `nybureau network steps "
                "{slug}`.", n=number, slug=network["slug"]))
    sid = tx.step_add(programme_id=programme.id, number=number, title=title, due_on=due_on,
                      note=note)
    tx.audit("programme.step_add", "programme_step", sid, network_id=network["id"],
             after={"network": network["slug"], "number": number, "title": title,
                    "due_on": due_on, "note": note})
    return {"network": network["slug"], "number": number, "title": title, "due": due_on}


def _step(tx: Tx, network: Any, programme: Any, number: int) -> Any:
    """Step ``number`` of the frame project, or NotFound naming where to see the steps."""
    step = next((s for s in tx.step_list(programme.id) if s.number == number), None)
    if step is None:
        raise NotFound(
            Msg("The frame project has no step {n}; see `nybureau network steps {slug}`.",
                n=number, slug=network["slug"]))
    return step


def step_done(tx: Tx, network_slug: str, number: int, *, on: date | str | None = None,
              note: str | None = None) -> dict[str, Any]:
    """Mark step ``number`` of the frame project done on ``on`` (default today; not in the
    future)."""
    network = get_network(tx, network_slug)
    programme = _programme(tx, network)
    step = _step(tx, network, programme, number)
    day = past_date(tx, on, Msg("give the day the step was done."))
    note = free_text(note, "note")
    values: dict[str, Any] = {"done_on": day}
    if note is not None:
        values["note"] = note
    tx.step_update(step.id, **values)
    tx.audit("programme.step_done", "programme_step", step.id, network_id=network["id"],
             before={"network": network["slug"], "number": number, "done_on": step.done_on},
             after={"network": network["slug"], "number": number, "title": step.title,
                    **values})
    return {"network": network["slug"], "number": number, "title": step.title, "done": day,
            "was_done": step.done_on}


def step_reopen(tx: Tx, network_slug: str, number: int, *, reason: Any) -> dict[str, Any]:
    """Undo marking step ``number`` done (it was marked by mistake, or too early): the step is
    open again; the history keeps the day it was marked and the reason."""
    from nybureau.services.process.voids import check_reason

    network = get_network(tx, network_slug)
    programme = _programme(tx, network)
    step = _step(tx, network, programme, number)
    reason = check_reason(reason)
    if step.done_on is None:
        raise InvalidInput(
            Msg("Step {n} '{title}' is not marked done; there is nothing to undo.", n=number,
                title=step.title))
    tx.step_update(step.id, done_on=None)
    tx.audit("programme.step_reopen", "programme_step", step.id, network_id=network["id"],
             before={"network": network["slug"], "number": number, "done_on": step.done_on},
             after={"network": network["slug"], "number": number, "title": step.title,
                    "done_on": None, "reason": reason})
    return {"network": network["slug"], "number": number, "title": step.title,
            "was_done": step.done_on, "reason": reason}
