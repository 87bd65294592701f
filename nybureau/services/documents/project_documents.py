"""The project's standing documents: the project description (the project, its organisation,
its phases and decisions so far) and the steering group's mandate (*kommissorium*)."""

from __future__ import annotations

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import PROJECT_TEXTS, SATISFYING_OUTCOMES, label
from nybureau.i18n import Msg
from nybureau.services.documents.case_texts import decision_recommendation, texts_of
from nybureau.services.documents import rows
from nybureau.services.documents.mandate_texts import mandate_sections
from nybureau.services.documents.parts import (
    decision_rows,
    paragraphs,
    project_facts,
    source,
    words,
)
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Section,
    Words,
    always,
    document,
)
from nybureau.services.meetings import aware
from nybureau.workflow.spec import text


def focus_years(start: int | None, end: int | None) -> str | None:
    """A focus area's years as a document prints them: ``2016–2019``, ``2017–``."""
    if start is None and end is None:
        return None
    if start is not None and end is not None:
        return f"{start}–{end}"
    return f"{start}–" if start is not None else f"–{end}"


@document("project-description", title=Words("Projektbeskrivelse", "Project description"),
          stem=Words("projektbeskrivelse", "project-description"), needs=Needs.PROJECT,
          section=Section.PROJECT, available=always)
def project_description(tx, project: Project, lang: str) -> DocumentData:
    """The projektbeskrivelse: the project's own texts (baggrund, formål, mål …), its course,
    organisation and decisions so far."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    own = texts_of(tx, project)
    texts = [{"field": f, "label": label(PROJECT_TEXTS, f, lang), "blocks": paragraphs(own[f])}
             for f in PROJECT_TEXTS if f in own]
    missing = [label(PROJECT_TEXTS, f, lang) for f in PROJECT_TEXTS if f not in own]
    agents_expected = any(r.kind == "agent_count" for p in spec.phases for r in p.requirements)
    return {
        "project": project_facts(tx, project, lang),
        "texts": texts,
        "texts_missing": missing,
        "bodies": rows.bodies_list(tx, project, lang),
        "agents": rows.agents(tx, project),
        "agents_expected": agents_expected,
        "phases": rows.phase_rows(tx, project, lang),
        "focus_areas": [{"title": f.title, "description": f.description,
                         "years": focus_years(f.start_year, f.end_year)}
                        for f in tx.focus_areas(project.id)],
        "decisions": decision_rows(tx, project, lang),
        "sources": [
            source("project", project.id, Msg("name, municipality, area, start").render(lang)),
            *([source("project_text", None, Msg("the project's own texts").render(lang))]
              if texts else []),
            source("workflow", None, Msg("the phases, their purpose and decisions").render(lang)),
            source("membership", None, Msg("the organisation: bodies and members").render(lang)),
            *([source("agent", None, words(tx, project, lang)["the_agents"])]
              if agents_expected or tx.agents(project.id) else []),
            source("decision", None, Msg("decisions so far").render(lang)),
            source("phase_transition", None, Msg("the dates of the phases").render(lang)),
        ],
        "subject": project.slug,
    }


@document("mandate", title=Words("Kommissorium for styregruppen", "Steering group mandate"),
          stem=Words("kommissorium", "mandate"), needs=Needs.PROJECT, section=Section.PROJECT,
          available=always)
def mandate(tx, project: Project, lang: str) -> DocumentData:
    """The steering group's kommissorium: its members as they stand, its mandate, what is not
    open for discussion, escalation, period, its decisions and meetings."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    members = rows.members(tx, project)
    own = [{"phase_number": p.number, "phase": text(p.title, lang), "title": text(d.title, lang),
            "recommendation": decision_recommendation(spec, d.id)[lang]}
           for p in spec.phases for d in p.decisions if "steering_group" in d.by]
    approvals = [d for d in decision_rows(tx, project, lang, "organisation")
                 if d["outcome_key"] in SATISFYING_OUTCOMES]
    meetings = [{"id": m["id"], "starts_at": aware(m["starts_at"]), "place": m["place"],
                 "status": m["status"]}
                for m in tx.meeting_list(project_id=project.id)
                if m["body"] == "steering_group" and m["status"] != "cancelled"]
    return {
        "project": project_facts(tx, project, lang),
        "members": members.get("steering_group", []),
        "sections": mandate_sections(tx, project, spec, members.get("steering_group", []),
                                     lang),
        "secretariat": members.get("project_group", []),
        "own_decisions": own,
        "approvals": approvals,
        "meetings": meetings,
        "phases": rows.phase_rows(tx, project, lang),
        "sources": [
            source("membership", None, Msg("members of the steering group and project group").render(lang)),
            source("project_text", None, Msg("the project's own texts").render(lang)),
            source("workflow", f"{spec.id} v{spec.version}", Msg("the decisions the workflow gives the steering group").render(lang)),
            *[source("decision", d["id"], Msg("approval of the organisation: {body}",
                                              body=d['body']).render(lang))
              for d in approvals],
            *[source("meeting", m["id"], Msg("steering group meeting").render(lang))
              for m in meetings],
        ],
        "subject": project.slug,
    }
