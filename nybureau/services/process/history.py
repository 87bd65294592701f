"""The audit history of a project."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.services.common import get_project

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def log(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """The project's history, oldest first: first what was imported with it from other
    databases (each event marked ``imported`` with its batch: file hash, who imported it and
    when), then this database's own events."""
    project = get_project(tx, slug)
    return imported_log(tx, project["id"]) + tx.audit_events(project["id"])


def imported_log(tx: Tx, project_id: int) -> list[dict[str, Any]]:
    import json

    batches = {b["id"]: b for b in tx.imported_batches(project_id)}

    def depth(b: dict[str, Any]) -> int:  # a carried batch's history came before its carrier's
        n = 0
        while b["carried_by_id"] in batches and n < len(batches):
            b, n = batches[b["carried_by_id"]], n + 1
        return n

    order = sorted(batches.values(), key=lambda b: (-depth(b), b["id"]))
    events = {}
    for e in tx.imported_events(list(batches)):
        events.setdefault(e["batch_id"], []).append(e)
    out = []
    for b in order:
        mark = {"batch": b["id"], "file_sha256": b["file_sha256"],
                "source_head": b["source_head"], "imported_by": b["imported_by"],
                "imported_at": _utc(b["imported_at"])}
        for e in events.get(b["id"], []):
            out.append({
                "id": None, "source_id": e["source_id"], "at": _utc(e["at"]),
                "actor": e["actor"], "action": e["action"], "entity": e["entity"],
                "entity_id": e["source_entity_id"],
                "before": json.loads(e["before"]) if e["before"] else None,
                "after": json.loads(e["after"]) if e["after"] else None,
                "hash": e["hash"], "imported": mark})
    return out


def _utc(value):
    from datetime import timezone

    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def timeline(tx: Tx, slug: str) -> dict[str, Any]:
    """Phase history plus decisions and activities in date order (for the demo and reports)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    own = {a["full_name"] for a in tx.agents(project["id"])}
    activities = [
        a for a in tx.activities(project)
        # a network's meetings belong to this project's story only if its agents were there
        if a["project_id"] == project["id"] or own.intersection(a["attendees"])
    ]
    return {
        "project": project,
        "spec": spec,
        "transitions": tx.transitions(project["id"]),
        "decisions": tx.decisions(project["id"]),
        "activities": activities,
    }
