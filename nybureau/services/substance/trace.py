"""``nybureau trace PROJECT ITEM``: the way of one governance item through the project — where it
was found and how it was experienced, the workshop's verdict and votes, the focus area, the
prototypes and their iterations, the evaluation criteria and results, and how it was spread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.services.common import get_project
from nybureau.services.substance.governance import resolve_item, view

if TYPE_CHECKING:
    from nybureau.domain.records import (
        EvaluationNote,
        FocusArea,
        GovernanceItem,
        Project,
        Prototype,
        SpreadingActivity,
    )
    from nybureau.domain.ports import Transaction as Tx


def _trace(tx: Tx, project: Project, item: GovernanceItem, *,
           tally: dict[str, Any] | None = None, areas: list[FocusArea] | None = None,
           protos: list[Prototype] | None = None, summary: dict[str, Any] | None = None,
           spreading: list[SpreadingActivity] | None = None,
           notes: list[EvaluationNote] | None = None,
           field_notes: dict[int, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    from nybureau.services.substance import evaluation, workshop
    from nybureau.services.substance.fieldnotes import notes_by_item

    # the tally and the survey summary are computed payloads (dicts); the rest are records
    tally = tally if tally is not None else workshop.tally(tx, project.slug)
    areas = areas if areas is not None else tx.focus_areas(project.id)
    protos = protos if protos is not None else tx.prototypes(project.id)
    summary = summary if summary is not None else evaluation.survey_summary(tx, project)
    spreading = spreading if spreading is not None else tx.spreading(project.id)
    notes = notes if notes is not None else tx.notes(project.id)
    field_notes = field_notes if field_notes is not None else notes_by_item(tx, project.id)
    votes = next((e for e in tally["items"] if e["id"] == item.id), None)
    in_areas = [f for f in areas if item.id in f.item_ids]
    area_ids = {f.id for f in in_areas}
    my_protos = [p for p in protos if p.focus_area_id in area_ids]
    proto_ids = {p.id for p in my_protos}
    lines = {c.bottom_line for p in my_protos for c in p.criteria if c.bottom_line}
    results = [b for b in summary["bottom_lines"] if b["bottom_line"] in lines]
    return {
        "project": project.slug,
        "item": view(item),
        # the field notes linked to the item: its evidence from the mapping
        "field_notes": field_notes.get(item.id, []),
        "workshop": None if votes is None else {
            "votes": votes["votes"], "points": votes["points"], "counts": votes["counts"],
            "verdict_points": votes["verdict_points"], "chain": votes["chain"],
            "leading": votes["leading"]},
        "focus_areas": [{"id": f.id, "title": f.title, "decided_on": f.decided_on}
                        for f in in_areas],
        "prototypes": [{
            "id": p.id, "title": p.title, "status": p.status, "owner": p.owner,
            "criteria": [{"bottom_line": c.bottom_line, "text": c.text} for c in p.criteria],
            "evaluation_plan": p.evaluation_plan,
            "iterations": [{"number": i.number, "place": i.place, "date": i.held_on,
                            "learned": i.learned, "changed": i.changed}
                           for i in p.iterations],
        } for p in my_protos],
        "results": results,
        "notes": [{"kind": n.kind, "title": n.title, "date": n.held_on}
                  for n in notes if n.prototype_id in proto_ids],
        "spreading": [{"kind": s.kind, "title": s.title, "audience": s.audience,
                       "date": s.held_on}
                      for s in spreading
                      if s.prototype_id in proto_ids or (s.prototype_id is None and in_areas)],
    }


def trace(tx: Tx, slug: str, ref: Any) -> dict[str, Any]:
    """The way of one governance item (its id or exact title) through the project."""
    project = get_project(tx, slug)
    return _trace(tx, project, resolve_item(tx, project, ref))


def traces(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """The thread of every item that became part of a focus area (for the evaluation report),
    reading each table once."""
    from nybureau.services.substance import evaluation, workshop
    from nybureau.services.substance.fieldnotes import notes_by_item

    project = get_project(tx, slug)
    areas = tx.focus_areas(project.id)
    wanted = {i for f in areas for i in f.item_ids}
    shared = {"tally": workshop.tally(tx, slug), "areas": areas,
              "protos": tx.prototypes(project.id),
              "summary": evaluation.survey_summary(tx, project),
              "spreading": tx.spreading(project.id), "notes": tx.notes(project.id),
              "field_notes": notes_by_item(tx, project.id)}
    return [_trace(tx, project, item, **shared) for item in tx.gov_items(project.id)
            if item.id in wanted]
