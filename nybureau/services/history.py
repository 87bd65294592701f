"""The audit history of a project."""

from __future__ import annotations

from typing import Any

from nybureau.services.common import get_project


def log(tx, slug: str) -> list[dict[str, Any]]:
    project = get_project(tx, slug)
    return tx.audit_events(project["id"])


def timeline(tx, slug: str) -> dict[str, Any]:
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
