"""The rows that several documents show of a project: its bodies and members, the documentation
agents, activities, meetings and phases, and the phase whose requirement an activity guide is
written for (:func:`phase_with`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.records import Project

from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, join_words, label
from nybureau.services.meetings import STATUSES, aware, meeting_name
from nybureau.workflow.spec import text


def members(tx, project: Project) -> dict[str, list[dict[str, Any]]]:
    """The project's members by body: name and role."""
    bodies: dict[str, list[dict[str, Any]]] = {}
    for m in tx.members(project.id):
        bodies.setdefault(m.body, []).append({"name": m.full_name, "role": m.role})
    return bodies


def bodies_list(tx, project: Project, lang: str) -> list[dict[str, Any]]:
    by_body = members(tx, project)
    return [{"id": b, "label": label(BODIES, b, lang), "members": by_body[b]}
            for b in BODIES if b in by_body]


def activity_rows(tx, project: Project, lang: str, start: date | None = None,
                  end: date | None = None, kinds: set[str] | None = None
                  ) -> list[dict[str, Any]]:
    """The project's activities (and those of its network its agents attended), optionally
    of some kinds and between two dates."""
    own = {a.full_name for a in tx.agents(project.id)}
    rows = []
    for a in tx.activities(project):
        if a.project_id != project.id and not own.intersection(a.attendees):
            continue
        if kinds and a.kind not in kinds:
            continue
        if start and a.held_on < start or end and a.held_on > end:
            continue
        kind = label(ACTIVITY_KINDS, a.kind, lang)
        if a.number:
            kind = f"{kind} {a.number}"
        rows.append({"id": a.id, "kind": a.kind, "kind_label": kind, "number": a.number,
                     "title": a.title or kind[:1].upper() + kind[1:],
                     "held_on": a.held_on, "attendees": a.attendees})
    return rows


def meeting_rows(tx, project: Project, lang: str, start: date | None = None,
                 end: date | None = None) -> list[dict[str, Any]]:
    """The project's meetings (optionally between two dates) with their status and how many
    items have a recorded outcome."""
    rows = []
    for m in tx.meeting_list(project_id=project.id):
        when = aware(m.starts_at)
        if start and when.date() < start or end and when.date() > end:
            continue
        decided = sum(1 for it in tx.items(m.id) if it.outcome)
        rows.append({"id": m.id, "name": meeting_name(m, lang), "starts_at": when,
                     "place": m.place, "status": m.status,
                     "status_label": STATUSES[m.status][lang], "item_count": m.items,
                     "decided": decided})
    return rows


def agents(tx, project: Project) -> list[dict[str, Any]]:
    """The documentation agents: name, title, appointed on."""
    return [{"name": a.full_name, "title": a.title, "appointed_on": a.appointed_on}
            for a in tx.agents(project.id)]


def phase_rows(tx, project: Project, lang: str) -> list[dict[str, Any]]:
    """Every phase of the workflow: done, current or coming, and when it was entered."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    entered: dict[str, date] = {}
    for tr in tx.transitions(project.id):
        entered.setdefault(tr.to_phase, tr.on_date)
    current = spec.index(project.phase)
    rows = []
    for p in spec.phases:
        idx = spec.index(p.id)
        state = ("done" if idx < current else "current" if idx == current else "coming")
        rows.append({"number": p.number, "id": p.id, "title": text(p.title, lang),
                     "purpose": text(p.purpose, lang), "state": state,
                     "entered_on": entered.get(p.id),
                     "decisions": [text(d.title, lang) for d in p.decisions]})
    return rows


def phase_with(spec, kind: str, **params) -> Any:
    """The first phase with a requirement of ``kind`` matching ``params`` (e.g. the seminar)."""
    for p in spec.phases:
        for r in p.requirements:
            if r.kind != kind:
                continue
            if kind == "activity" and params.get("activity") not in r.params["activities"]:
                continue
            if kind in ("module_attendance",) and r.params["module"] != params.get("number"):
                continue
            if kind == "network_meeting" and r.params["number"] != params.get("number"):
                continue
            return p
    return None


def phase_block(spec, phase, lang: str) -> dict[str, Any] | None:
    """A guide's phase: its title, purpose and decisions (with the bodies that make them)."""
    if phase is None:
        return None
    return {"number": phase.number, "title": text(phase.title, lang),
            "purpose": text(phase.purpose, lang),
            "decisions": [{"title": text(d.title, lang),
                           "bodies": join_words([label(BODIES, b, lang) for b in d.by], lang)}
                          for d in phase.decisions]}

