"""The guides to the activities the phases require: the seminar on a common language of
governance, the prioritisation workshop, the three teaching modules and the four network
meetings (the network agenda). Each is available once the project has reached the phase that
requires its activity."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Network, Project
from nybureau.domain.substance import point_rule
from nybureau.domain.vocabulary import BODIES, counted, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.documents import rows
from nybureau.services.documents.parts import phase_checklist, project_facts, source, words
from nybureau.services.documents.programme_rows import programme_rows
from nybureau.services.documents.workshop_plan_rows import workshop_plan as _plan
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Scope,
    Section,
    Words,
    document,
)
from nybureau.services.documents.substance_documents import mapped_items
from nybureau.services.meetings import NETWORK_THEMES, aware


@document("seminar-guide", title=Words("Drejebog for seminar om fælles sprog",
                                       "Seminar guide: a common language of governance"),
          stem=Words("drejebog-seminar", "seminar-guide"), needs=Needs.PROJECT,
          section=Section.PHASE_GUIDES,
          available=lambda scope, _: scope.reached(
              rows.phase_with(scope.spec, "activity", activity="seminar")))
def seminar_guide(tx, project: Project, lang: str) -> DocumentData:
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = rows.phase_with(spec, "activity", activity="seminar")
    by_body = rows.members(tx, project)
    seminars = rows.activity_rows(tx, project, lang, kinds={"seminar"})
    programme = programme_rows(spec, "seminar", lang)
    return {
        "project": project_facts(tx, project, lang),
        "phase": rows.phase_block(spec, phase, lang),
        "programme": programme,
        "facilitators": by_body.get("project_group", []),
        "participants": [{"label": label(BODIES, b, lang), "members": by_body[b]}
                         for b in ("management", "med", "steering_group", "working_group")
                         if b in by_body],
        "seminars": seminars,
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", Msg("the phase's purpose and the decisions the seminar prepares").render(lang)),
            programme["source"],
            source("membership", None, Msg("facilitators and participants").render(lang)),
            *[source("activity", a["id"], a["title"]) for a in seminars],
        ],
        "subject": project.slug,
    }


def _workshop_phase(spec) -> Any:
    """The prioritisation phase, or else the first phase that requires a workshop."""
    return spec.phase("prioritisation") or rows.phase_with(spec, "activity",
                                                           activity="workshop")


@document("workshop-guide", title=Words("Drejebog for prioriteringsworkshop",
                                        "Workshop guide: prioritisation workshop"),
          stem=Words("drejebog-workshop", "workshop-guide"), needs=Needs.PROJECT,
          section=Section.PHASE_GUIDES,
          available=lambda scope, _: scope.reached(_workshop_phase(scope.spec)))
def workshop_guide(tx, project: Project, lang: str) -> DocumentData:
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = rows.phase_with(spec, "activity", activity="workshop") \
        if spec.phase("prioritisation") is None else spec.phase("prioritisation")
    mapping_phase = rows.phase_with(spec, "module_attendance", number=1)
    by_body = rows.members(tx, project)
    transitions = tx.transitions(project.id)
    first_entry = {tr.to_phase: tr.on_date for tr in reversed(transitions)}
    last_entry = {tr.to_phase: tr.on_date for tr in transitions}
    left = {tr.from_phase: tr.on_date for tr in transitions if tr.from_phase}
    start = first_entry.get(mapping_phase.id) if mapping_phase else None
    workshop_start = last_entry.get(phase.id) if phase else None
    basis = [a for a in rows.activity_rows(tx, project, lang, start=start,
                                           kinds={"interview", "observation", "workshop"})
             if workshop_start is None or a["held_on"] < workshop_start]
    items = mapped_items(tx, project)
    workshops = []
    if workshop_start is not None:
        end = left.get(phase.id)
        workshops = rows.activity_rows(tx, project, lang, start=workshop_start,
                                       end=end if end and end >= workshop_start else None,
                                       kinds={"workshop"})
    plan = _plan(tx, project, lang)
    programme = programme_rows(spec, "workshop", lang,
                               start=plan["minutes"] if plan else None)
    return {
        "project": project_facts(tx, project, lang),
        "phase": rows.phase_block(spec, phase, lang),
        "programme": programme,
        "plan": plan,
        "agents": rows.agents(tx, project),
        "project_group": by_body.get("project_group", []),
        "participants": [{"label": label(BODIES, b, lang), "members": by_body[b]}
                         for b in ("management", "med", "steering_group", "working_group")
                         if b in by_body],
        "basis": basis,
        "mapped_items": items,
        "workshops": workshops,
        "point_rule": point_rule(spec.options)[lang],
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", Msg("the prioritisation phase and the focus-area decision").render(lang)),
            source("agent", None, Msg("{the_agents} (facilitators)",
                                      the_agents=words(tx, project, lang)["the_agents"])
                   .render(lang)),
            programme["source"],
            *([source("workshop_plan", plan["id"], Msg("the workshop's time and place, the "
                                                       "invitation list and the groups")
                      .render(lang))] if plan else []),
            *[source("activity", a["id"], a["title"]) for a in basis + workshops],
            source("governance register", None,
                   counted(len(items), "governance_item", lang)),
        ],
        "subject": project.slug,
    }


@document("module-outline", title=Words("Undervisningsmodul", "Teaching module"),
          stem=Words("undervisningsmodul", "module-outline"), needs=Needs.NUMBER,
          section=Section.PHASE_GUIDES,
          available=lambda scope, number: scope.reached(
              rows.phase_with(scope.spec, "module_attendance", number=number)))
def module_outline(tx, project: Project, number: int, lang: str) -> DocumentData:
    if not 1 <= int(number) <= 3:
        raise InvalidInput(Msg("There are teaching modules 1–3; give --number 1, 2 or 3."))
    number = int(number)
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = rows.phase_with(spec, "module_attendance", number=number)
    held = [a for a in rows.activity_rows(tx, project, lang, kinds={"module"})
            if a["number"] == number]
    attended = set(held[0]["attendees"]) if held else set()
    agents = [{**a, "attended": a["name"] in attended} for a in rows.agents(tx, project)]
    programme = programme_rows(spec, f"module_{number}", lang)
    return {
        "project": project_facts(tx, project, lang),
        "number": number,
        "programme": programme,
        "phase": rows.phase_block(spec, phase, lang),
        "agents": agents,
        "held": held[0] if held else None,
        "sources": [
            source("workflow", f"{spec.id} v{spec.version}", Msg("the phase that requires module {number}",
                                                                 number=number).render(lang)),
            programme["source"],
            source("agent", None, Msg("participants: {the_agents}",
                                      the_agents=words(tx, project, lang)["the_agents"])
                   .render(lang)),
            *[source("activity", a["id"], a["title"]) for a in held],
        ],
        "subject": f"{number}-{project.slug}",
    }


def _network_meeting_reached(scope: Scope, number: int) -> bool:
    """A network's own agendas are all four, planned or not; a project's, those of the network
    meetings its phases have reached."""
    if scope.project is None:
        return True
    return scope.project["network_id"] is not None and scope.reached(
        rows.phase_with(scope.spec, "network_meeting", number=number))


@document("network-agenda", title=Words("Dagsorden for netværksmøde", "Network meeting agenda"),
          stem=Words("dagsorden-netvaerksmoede", "network-agenda"), needs=Needs.NETWORK_NUMBER,
          section=Section.PHASE_GUIDES, available=_network_meeting_reached)
def network_agenda(tx, network: Network, number: int, lang: str) -> DocumentData:
    if not 1 <= int(number) <= 4:
        raise InvalidInput(Msg("There are network meetings 1–4; give --number 1 to 4."))
    number = int(number)
    projects = []
    sources = [source("network", network.id, network.name)]
    for p in tx.project_list(network_id=network.id):
        facts = project_facts(tx, p, lang)
        open_points = [r for r in phase_checklist(tx, p, p["phase"], lang) if not r["met"]]
        projects.append({**facts, "open_points": open_points, "agents": rows.agents(tx, p)})
        sources.append(source("project", p["id"], Msg("{name}: phase and open points",
                                                      name=p['name']).render(lang)))
    held = None
    for a in tx.activities({"id": -1, "network_id": network.id}):
        if a["kind"] == "network_meeting" and a["number"] == number:
            held = {"held_on": a["held_on"], "title": a["title"], "attendees": a["attendees"]}
            sources.append(source("activity", a["id"], a["title"] or ""))
    planned = [m for m in tx.meeting_list(network_id=network.id)
               if m["number"] == number and m["status"] != "cancelled"]
    meeting = None
    if planned:
        m = planned[0]
        meeting = {"id": m["id"], "starts_at": aware(m["starts_at"]), "place": m["place"]}
        sources.append(source("meeting", m["id"], Msg("time and place of the network meeting").render(lang)))
    return {
        "network": {"slug": network.slug, "name": network.name,
                    "responsible_municipality": network.responsible_municipality},
        "number": number, "theme": NETWORK_THEMES[number][lang],
        "projects": projects, "held": held, "meeting": meeting,
        "sources": sources,
        "subject": f"{number}-{network.slug}",
    }
