"""The frame project's plan (``programme-plan``, *Rammeprojektet: forløb, organisering og lokale
projekter*): a network's frame project — its owner and project management, its own steps
(expected and done) — and each local project with its municipality, phase and whether the
programme's project management has approved its local project description (and when).

Read through ``tx`` as of the document's date: a step done later is not done yet, an approval
recorded later is not there, a project started later is not listed."""

from __future__ import annotations

from typing import Any

from nybureau.domain.decisions import effective_decision
from nybureau.domain.records import Network, Project
from nybureau.domain.vocabulary import OUTCOMES, SATISFYING_OUTCOMES, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.documents.parts import source
from nybureau.services.documents.registry import DocumentData, Needs, Section, Words, document
from nybureau.workflow.requirements.programme import PROGRAMME_BODY
from nybureau.workflow.spec import text

__all__ = ["programme_plan"]


def _has_programme(scope, target) -> bool:
    network_id = (scope.project.network_id if scope.project is not None
                  else scope.network.id)
    return network_id is not None and scope.tx.programme_get(network_id) is not None


def _approval(tx, project: Project, spec, lang: str) -> dict[str, Any]:
    """The programme management's effective decision on the project's local description (the
    decision the phase gate's ``programme_decision`` names, else ``programme_approval``)."""
    key = next((r.params["decision"] for ph in spec.phases for r in ph.requirements
                if r.kind == "programme_decision"), "programme_approval")
    best = effective_decision(
        [d for d in tx.decisions(project.id)
         if d.decision_key == key and d.body == PROGRAMME_BODY],
        outcome=lambda d: d.outcome, order=lambda d: (d.decided_on, d.id))
    if best is None:
        return {"approved": False, "on": None, "outcome": None, "id": None}
    return {"approved": best.outcome in SATISFYING_OUTCOMES, "on": best.decided_on,
            "outcome": label(OUTCOMES, best.outcome, lang), "id": best.id}


@document("programme-plan",
          title=Words("Rammeprojektet: forløb, organisering og lokale projekter",
                      "The frame project: course, organisation and local projects"),
          stem=Words("rammeprojekt", "programme-plan"), needs=Needs.OWNER,
          section=Section.PROJECT, available=_has_programme)
def programme_plan(tx, project: Project | None, network: Network | None, lang: str
                   ) -> DocumentData:
    """The frame project of the network (a project's own network, when a project is given)."""
    if network is None:
        if project.network_id is None:
            raise InvalidInput(Msg("'{slug}' is not in a network; give --network.",
                                   slug=project.slug))
        network = tx.network_get(project.network_slug)
    programme = tx.programme_get(network.id)
    if programme is None:
        raise InvalidInput(
            Msg("The network '{slug}' has no frame project yet. Give it one with `nybureau "
                "network programme {slug} --name …`.", slug=network.slug))
    steps = [{"number": s.number, "title": s.title, "due": s.due_on, "done": s.done_on,
              "note": s.note} for s in tx.step_list(programme.id)]
    projects = []
    sources = [source("network_programme", programme.id,
                      Msg("the frame project, its owner and project management").render(lang))]
    sources += [source("programme_step", s.id, s.title) for s in tx.step_list(programme.id)]
    specs: dict[int, Any] = {}
    for p in sorted(tx.project_list(network_id=network.id), key=lambda p: p.municipality):
        did = p.workflow_definition_id
        spec = specs.get(did) or specs.setdefault(did, tx.workflow_spec(did))
        approval = _approval(tx, p, spec, lang)
        if approval["id"] is not None:
            sources.append(source("decision", approval["id"], p.name))
        number = spec.index(p.phase) + 1
        projects.append({
            "name": p.name, "municipality": p.municipality,
            "phase": text(spec.title_of(p.phase), lang),
            # none once the project has passed its last phase (Afsluttet)
            "phase_number": number if number <= len(spec.phases) else None,
            "phase_count": len(spec.phases),
            "approval": approval})
    return {
        "network": {"slug": network.slug, "name": network.name},
        "programme": {"name": programme.name, "owner": programme.owner,
                      "management": programme.management,
                      "description": programme.description},
        "steps": steps, "projects": projects,
        "sources": sources, "subject": network.slug,
    }
