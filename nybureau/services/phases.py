"""Where a project stands, and moving it between phases."""

from __future__ import annotations

import gc
from datetime import date
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_text,
    copenhagen_today,
    get_project,
    parse_date,
    refuse_future,
)
from nybureau.workflow import requirements as reqs
from nybureau.workflow.spec import text


# The open action items with a due date: read by every reader (the fast sqlite3 one too) with
# the fact queries' own description, for the warnings of `status`.
def _open_actions_query():
    from nybureau.domain.facts import Query, eq, not_null

    return Query("action_item", ("project_id", "id", "what", "who", "due_on"),
                 where=(eq("status", "open"), not_null("due_on")))


def _status_day(tx) -> date:
    """Today in Copenhagen (the fast reader has no transaction clock)."""
    from datetime import datetime, timezone

    if getattr(tx, "now", None) is not None:
        return copenhagen_today(tx)
    from zoneinfo import ZoneInfo

    return datetime.now(timezone.utc).astimezone(ZoneInfo("Europe/Copenhagen")).date()


def overdue_actions(tx, projects: list[Any], day: date | None = None
                    ) -> dict[int, list[dict[str, Any]]]:
    """project id → its open action items whose due date is before ``day`` (default today):
    the warnings of ``status`` — never a requirement of the phase gate."""
    day = day or _status_day(tx)
    ids = [p["id"] for p in projects]
    out: dict[int, list[dict[str, Any]]] = {pid: [] for pid in ids}
    if not ids:
        return out
    rows = tx.fact_rows(_open_actions_query(), ids if len(ids) <= 500 else None, [])
    for pid, aid, what, who, due in sorted(rows, key=lambda r: (str(r[4]), r[1])):
        due = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
        if pid in out and due < day:
            out[pid].append({"kind": "action_overdue", "action": aid, "what": what,
                             "who": who, "due_on": due})
    return out


def _status(tx, project: dict[str, Any], lang: str, facts=None, spec=None,
            texts: dict | None = None, warnings: list | None = None) -> dict[str, Any]:
    """``texts`` (optional) keeps each requirement's checklist line between projects: it
    depends on the definition and the language, not on the project."""
    spec = spec or tx.workflow_spec(project["workflow_definition_id"])
    phase_id = project["phase"]
    phase = spec.phase(phase_id)
    if phase and facts is None:
        facts = tx.facts(project)
    requirements = []
    next_steps = []
    if phase:
        for req in phase.requirements:
            kind = reqs.REGISTRY[req.kind]  # the same sentences as reqs.evaluate, one language
            met = kind.met(req.params, facts, spec)
            key = (spec.source_hash, phase_id, req.id, lang)
            line = texts.get(key) if texts is not None else None
            if line is None:
                line = kind.describe(req.params, spec, lang)
                if texts is not None:
                    texts[key] = line
            requirements.append({"id": req.id, "kind": req.kind, "text": line, "met": met,
                                 "missing": "" if met else kind.missing(req.params, facts, spec,
                                                                         lang),
                                 # a met requirement that is only a warning (severity: warn)
                                 "warning": kind.warning(req.params, facts, spec, lang)
                                 if met else ""})
            if not met:
                # what is still unmet only (a body that has decided is not asked again)
                next_steps.append(kind.next_command(req.params, facts, spec, project["slug"]))
    can_advance = phase is not None and all(r["met"] for r in requirements)
    next_phase = phase.next if phase else None
    if can_advance:
        next_steps.append(f"nybureau advance {project['slug']}")
    return {
        "project": project["slug"],
        "name": project["name"],
        "municipality": project["municipality"],
        "network": project.get("network_slug"),
        "workflow": spec.id,
        "workflow_version": spec.version,
        "phase": phase_id,
        "phase_number": phase.number if phase else len(spec.phases) + 1,
        "phase_count": len(spec.phases),
        "phase_title": text(spec.title_of(phase_id), lang),
        "phase_entered_on": project["phase_entered_on"],
        "completed": phase_id == spec.final.id,
        "requirements": requirements,
        "met": sum(1 for r in requirements if r["met"]),
        "can_advance": can_advance,
        "next_phase": next_phase,
        "next_phase_title": text(spec.title_of(next_phase), lang) if next_phase else None,
        "next_steps": next_steps,
        # overdue action items: shown, never a gate requirement
        "warnings": warnings if warnings is not None else
        overdue_actions(tx, [project])[project["id"]],
        "version": project["version"],
    }


def status(tx, slug: str, lang: str = "da") -> dict[str, Any]:
    return _status(tx, get_project(tx, slug), lang)


def status_all(tx, lang: str = "da") -> list[dict[str, Any]]:
    """Every project's status, read with a constant number of queries (not one set per
    project)."""
    projects = tx.project_list()
    facts = tx.facts_many(projects)
    specs = tx.workflow_specs(projects)
    texts: dict = {}
    late = overdue_actions(tx, projects)
    gc_was_on = gc.isenabled()
    gc.disable()  # thousands of acyclic dicts: full collection passes would make this quadratic
    try:
        return [_status(tx, p, lang, facts[p["id"]], specs[p["workflow_definition_id"]], texts,
                        late[p["id"]]) for p in projects]
    finally:
        if gc_was_on:
            gc.enable()


def _refuse_future_move(tx, moved_on: date) -> None:
    refuse_future(tx, moved_on,
                  Msg("a phase change is recorded when it happens; give today's date or an "
                      "earlier one with --date."))


def advance(
    tx,
    slug: str,
    *,
    to: str | None = None,
    reason: str | None = None,
    on: date | str | None = None,
    lang: str = "da",
) -> dict[str, Any]:
    """Move a project forward (all requirements met), or jump/go back with a reason."""
    from nybureau.workflow.engine import plan_move

    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    reason = check_text(reason, "reason")
    moved_on = parse_date(on) if on is not None else copenhagen_today(tx)
    _refuse_future_move(tx, moved_on)
    if moved_on < project["phase_entered_on"]:
        raise InvalidInput(
            Msg("The date {moved_on} is before the project entered its current phase "
                "({phase_entered_on}); give a later --date.", moved_on=moved_on,
                phase_entered_on=project['phase_entered_on']),
        )
    facts = tx.facts(project) if spec.phase(project["phase"]) else None
    move = plan_move(spec, project["phase"], facts, project=slug, target=to, reason=reason)
    if move.kind == "advance":
        from nybureau.services.gate_dates import refuse_before_facts  # SQLAlchemy: not for status

        refuse_before_facts(tx, project, spec, moved_on)
    before = {"phase": move.from_state, "version": project["version"]}
    tx.project_touch(project, phase=move.to_state, phase_entered_on=moved_on)
    tid = tx.transition_add(project_id=project["id"], from_phase=move.from_state,
                            to_phase=move.to_state, kind=move.kind, reason=reason,
                            on_date=moved_on)
    tx.audit(f"phase.{move.kind}", "phase_transition", tid, project_id=project["id"],
             before=before,
             after={"phase": move.to_state, "kind": move.kind, "reason": reason,
                    "on_date": moved_on,
                    "unmet": [e.id for e in move.unmet]})
    return {
        "project": slug,
        "kind": move.kind,
        "from": move.from_state,
        "to": move.to_state,
        "from_title": text(spec.title_of(move.from_state), lang),
        "to_title": text(spec.title_of(move.to_state), lang),
        "reason": reason,
        "on": moved_on,
        "skipped": [e.sentence(lang) for e in move.unmet],
    }


def advance_all_ready(tx, *, on: date | str | None = None, lang: str = "da") -> dict[str, Any]:
    """Move every project whose current phase has all its requirements met to its next phase,
    in one transaction: each move is recorded exactly as ``advance`` records it (version bump,
    phase transition, audit event). Projects not ready, completed, or whose phase began after
    the date are left as they are and counted."""
    from nybureau.errors import RequirementsNotMet
    from nybureau.workflow.engine import plan_move

    moved_on_default = parse_date(on) if on is not None else copenhagen_today(tx)
    _refuse_future_move(tx, moved_on_default)
    projects = tx.projects_for_moves()
    specs = tx.workflow_specs(projects)
    active = []
    completed = 0
    for p in projects:
        spec = specs[p["workflow_definition_id"]]
        if spec.phase(p["phase"]) is None:
            completed += 1
        else:
            active.append((p, spec))
    # Read only what the guards of the phases these projects are in look at.
    needs = tx.fact_needs(req for p, spec in active for req in spec.phase(p["phase"]).requirements)
    facts = tx.facts_many([p for p, _ in active], only=needs)
    moves, not_ready, too_early = [], [], []
    for p, spec in active:
        try:
            move = plan_move(spec, p["phase"], facts[p["id"]], project=p["slug"])
        except RequirementsNotMet:
            not_ready.append(p["slug"])
            continue
        if moved_on_default < p["phase_entered_on"]:
            too_early.append(p["slug"])
            continue
        if on is not None:
            # a date given by the user: none of the moves may predate the facts it relies on
            # (today cannot: facts dated in the future are refused when they are recorded)
            from nybureau.services.gate_dates import refuse_before_facts

            refuse_before_facts(tx, p, spec, moved_on_default)
        moves.append((p, spec, move))
    before = [{"phase": m.from_state, "version": p["version"]} for p, _, m in moves]
    tx.projects_touch_many([(p, {"phase": m.to_state, "phase_entered_on": moved_on_default})
                            for p, _, m in moves])
    tids = tx.transitions_add_many([
        {"project_id": p["id"], "from_phase": m.from_state, "to_phase": m.to_state,
         "kind": m.kind, "reason": None, "on_date": moved_on_default} for p, _, m in moves])
    tx.audit_many(
        {"action": f"phase.{m.kind}", "entity": "phase_transition", "entity_id": tid,
         "project_id": p["id"], "before": b,
         "after": {"phase": m.to_state, "kind": m.kind, "reason": None,
                   "on_date": moved_on_default, "unmet": []}}
        for (p, _, m), tid, b in zip(moves, tids, before))
    return {
        "on": moved_on_default,
        "moved": [{"project": p["slug"], "from": m.from_state, "to": m.to_state,
                   "from_title": text(spec.title_of(m.from_state), lang),
                   "to_title": text(spec.title_of(m.to_state), lang)} for p, spec, m in moves],
        "not_ready": not_ready,
        "date_before_phase": too_early,
        "completed": completed,
    }
