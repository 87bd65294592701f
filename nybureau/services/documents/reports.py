"""The reports: the status report to management and MED (the phase, its checklist, decisions,
activities and meetings) and the summary of a phase the project has left."""

from __future__ import annotations

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import ACTIVITY_KINDS, TRANSITION_KINDS, label
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.documents import rows
from nybureau.services.documents.parts import decision_rows, phase_checklist, project_facts, source
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Section,
    Words,
    always,
    document,
)
from nybureau.workflow.spec import text


@document("status-report", title=Words("Statusrapport til ledelse og MED",
                                       "Status report to management and MED"),
          stem=Words("statusrapport", "status-report"), needs=Needs.PROJECT,
          section=Section.PROJECT, available=always)
def status_report(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.phases import status

    from nybureau.services.documents.communication_documents import risk_section

    st = status(tx, project.slug, lang)
    activities = rows.activity_rows(tx, project, lang)
    risks = risk_section(tx, project, lang)
    counts: dict[str, int] = {}
    for a in activities:
        k = label(ACTIVITY_KINDS, a["kind"], lang)
        counts[k] = counts.get(k, 0) + 1
    return {
        "project": project_facts(tx, project, lang),
        "checklist": [{"text": r["text"], "met": r["met"], "missing": r["missing"]}
                      for r in st["requirements"]],
        "can_advance": st["can_advance"],
        "next_phase_title": st["next_phase_title"],
        "phases": rows.phase_rows(tx, project, lang),
        "decisions": decision_rows(tx, project, lang),
        "activity_counts": sorted(counts.items()),
        "recent": activities[-8:],
        "meetings": rows.meeting_rows(tx, project, lang),
        "agents": rows.agents(tx, project),
        "risks": risks,
        "sources": [source("risk", rid, Msg("the risk log").render(lang))
                    for rid in risks["ids"]] + [
            source("project", project.id, Msg("phase and its date").render(lang)),
            source("decision", None, Msg("every recorded decision").render(lang)),
            source("activity", None, Msg("every recorded activity").render(lang)),
            source("workflow", None, Msg("the phase's requirements (the sentences of `status`)").render(lang)),
            source("meeting", None, Msg("the project's meetings").render(lang)),
        ],
        "subject": project.slug,
    }


@document("phase-summary", title=Words("Fasesammenfatning", "Phase summary"),
          stem=Words("fasesammenfatning", "phase-summary"), needs=Needs.PHASE,
          section=Section.PHASE_SUMMARIES,
          available=lambda scope, phase: phase.id in scope.left)
def phase_summary(tx, project: Project, phase_id: str, lang: str) -> DocumentData:
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = spec.phase(phase_id)
    if phase is None:
        raise NotFound(Msg("The workflow has no phase '{phase_id}'. Phases: "
                           "{phase_ids}.", phase_id=phase_id, phase_ids=', '.join(spec.phase_ids)))
    transitions = tx.transitions(project.id)
    spells = []
    start = None
    for tr in transitions:
        if tr.to_phase == phase_id:
            start = tr.on_date
        elif tr.from_phase == phase_id and start is not None:
            spells.append({"entered_on": start, "left_on": tr.on_date,
                           "to": text(spec.title_of(tr.to_phase), lang),
                           "kind": tr.kind, "kind_label": label(TRANSITION_KINDS, tr.kind, lang),
                           "reason": tr.reason, "id": tr.id})
            start = None
    if not spells:
        raise InvalidInput(
            Msg("'{slug}' has not left the phase '{phase_id}' yet; a phase summary is "
                "written when a phase is left.", slug=project.slug, phase_id=phase_id),
        )
    first, last = spells[0]["entered_on"], spells[-1]["left_on"]
    activities = [a for a in rows.activity_rows(tx, project, lang, start=first, end=last)
                  if any(s["entered_on"] <= a["held_on"] <= s["left_on"] for s in spells)]
    keys = {d.id for d in phase.decisions}
    decisions = [d for d in decision_rows(tx, project, lang) if d["key"] in keys]
    meetings = [m for m in rows.meeting_rows(tx, project, lang, start=first, end=last)
                if any(s["entered_on"] <= m["starts_at"].date() <= s["left_on"]
                       for s in spells)]
    return {
        "project": project_facts(tx, project, lang),
        "phase": {"number": phase.number, "title": text(phase.title, lang),
                  "purpose": text(phase.purpose, lang), "id": phase.id},
        "spells": spells,
        "activities": activities,
        "decisions": decisions,
        "meetings": meetings,
        "checklist": phase_checklist(tx, project, phase_id, lang),
        "sources": [
            *[source("phase_transition", s["id"], f"{s['kind_label']}: {s['to']}")
              for s in spells],
            *[source("decision", d["id"], f"{d['body']}: {d['title']}") for d in decisions],
            *[source("meeting", m["id"], f"{m['name']}") for m in meetings],
            source("activity", None, Msg("{n_activities} activities in the phase",
                                         n_activities=len(activities)).render(lang)),
        ],
        "subject": f"{project.slug}-{phase.number}-{text(phase.title, lang)}",
    }
