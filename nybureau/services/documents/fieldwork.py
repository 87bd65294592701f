"""The documentation agents' field work kit (phase 3): an interview guide for each role
(frontline staff, leaders, the administration, citizens) and the observation template for a
field trip, with the consent and anonymity wording both read out. Their texts are data, in
``fieldwork_kit.yaml`` beside this module (a municipality adapts the wording there, or overrides
the templates); the builders add the project, its agents and the governance items already
mapped, to probe. Available once the project has reached the phase that requires interviews
(the guides) or observation (the template). Also: how an item's experience and role read in
a sentence (:func:`felt`) and a field note's labels (:func:`note_row`), for the mapping report
and the prioritisation proposal."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.substance import (
    EXPERIENCES,
    HEARD_BY,
    HEARD_ROLES,
    INTERVIEW_ROLES,
    ITEM_KINDS,
    NOTE_SOURCES,
)
from nybureau.domain.vocabulary import counted, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.documents import rows
from nybureau.services.documents.parts import project_facts, source
from nybureau.services.documents.registry import DocumentData, Needs, Section, Words, document

KIT = Path(__file__).with_name("fieldwork_kit.yaml")


@lru_cache(maxsize=1)
def kit() -> dict[str, Any]:
    """The field work kit's texts (``fieldwork_kit.yaml``), read once."""
    import yaml

    with KIT.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _t(value: Any, lang: str) -> Any:
    """A kit entry in ``lang``: each {da, en} text picked, lists and mappings walked."""
    if isinstance(value, dict):
        if set(value) == {"da", "en"}:
            return value[lang]
        return {k: _t(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_t(v, lang) for v in value]
    return value


def felt(experience: str | None, experienced_by: str | None, lang: str) -> str:
    """Who experiences an item so, in a sentence: »opleves som for stram af
    frontlinjemedarbejderne«; the experience alone without a role; "" without an
    experience."""
    if not experience:
        return ""
    what = label(EXPERIENCES, experience, lang)
    if not experienced_by:
        return Msg("experienced as {what}", what=what).render(lang)
    return Msg("experienced as {what} by {who}", what=what,
               who=HEARD_BY[experienced_by]["en"],
               who_da=HEARD_BY[experienced_by]["da"]).render(lang)


def note_row(n: dict[str, Any], lang: str) -> dict[str, Any]:
    """A field note with its source and role in words."""
    return {**n, "source_label": label(NOTE_SOURCES, n["source"], lang),
            "role_label": label(HEARD_ROLES, n["role"], lang)}


def _mapped(tx, project: Project, lang: str) -> list[dict[str, Any]]:
    return [{"title": i.title, "kind": label(ITEM_KINDS, i.kind, lang),
             "felt": felt(i.experience, i.experienced_by, lang)}
            for i in tx.gov_items(project.id)]


def _consent(lang: str, citizen: bool) -> dict[str, Any]:
    c = kit()["consent"]
    return {"title": _t(c["title"], lang),
            "paragraphs": _t(c["citizen" if citizen else "paragraphs"], lang)}


def _interview_phase(spec) -> Any:
    return rows.phase_with(spec, "activity", activity="interview")


def _observation_phase(spec) -> Any:
    return rows.phase_with(spec, "activity", activity="observation")


@document("interview-guide", title=Words("Interviewguide", "Interview guide"),
          stem=Words("interviewguide", "interview-guide"), needs=Needs.ROLE,
          section=Section.PHASE_GUIDES,
          available=lambda scope, _: scope.reached(_interview_phase(scope.spec)))
def interview_guide(tx, project: Project, role: str, lang: str) -> DocumentData:
    if role not in INTERVIEW_ROLES:
        raise InvalidInput(Msg("There is an interview guide for {roles}; give --role with one "
                               "of them.", roles=", ".join(INTERVIEW_ROLES)))
    spec = tx.workflow_spec(project.workflow_definition_id)
    guide = _t(kit()["interview"][role], lang)
    mapped = _mapped(tx, project, lang)
    return {
        "project": project_facts(tx, project, lang),
        "role": role, "role_label": label(HEARD_ROLES, role, lang),
        "for_whom": guide["title"],
        "phase": rows.phase_block(spec, _interview_phase(spec), lang),
        "introduction": guide["introduction"],
        "consent": _consent(lang, citizen=role == "citizen"),
        "themes": guide["themes"],
        "after": _t(kit()["after"], lang),
        "agents": rows.agents(tx, project),
        "mapped_items": mapped,
        "sources": [
            source("field work kit", None, Msg("the guide's introduction, consent wording and "
                                               "questions").render(lang)),
            source("agent", None, Msg("the documentation agents (interviewers)").render(lang)),
            source("governance register", None, counted(len(mapped), "governance_item", lang)),
        ],
        "subject": f"{role}-{project.slug}",
    }


@document("observation-template", title=Words("Observationsskema for feltstudie",
                                              "Observation template for a field study"),
          stem=Words("observationsskema", "observation-template"), needs=Needs.PROJECT,
          section=Section.PHASE_GUIDES,
          available=lambda scope, _: scope.reached(_observation_phase(scope.spec)))
def observation_template(tx, project: Project, lang: str) -> DocumentData:
    spec = tx.workflow_spec(project.workflow_definition_id)
    obs = _t(kit()["observation"], lang)
    mapped = _mapped(tx, project, lang)
    return {
        "project": project_facts(tx, project, lang),
        "phase": rows.phase_block(spec, _observation_phase(spec), lang),
        "introduction": obs["introduction"],
        "consent": _consent(lang, citizen=False),
        "stages": obs["stages"], "look_for": obs["look_for"], "columns": obs["columns"],
        "roles": [label(HEARD_ROLES, r, lang) for r in HEARD_ROLES],
        "agents": rows.agents(tx, project),
        "mapped_items": mapped,
        "sources": [
            source("field work kit", None, Msg("the template's stages, what to look for and "
                                               "the consent wording").render(lang)),
            source("agent", None, Msg("the documentation agents (observers)").render(lang)),
            source("governance register", None, counted(len(mapped), "governance_item", lang)),
        ],
        "subject": project.slug,
    }
