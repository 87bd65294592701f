"""What every document, and every text planned into an agenda, is built from: the project's
facts as a document gives them, the checklist of a phase's requirements, the rows of recorded
decisions, how a statement names the record it comes from (``sources``), and how a stored
text becomes paragraphs and bullet lists (:func:`paragraphs`).

Shared by every module of :mod:`nybureau.services.documents` and by
:mod:`~nybureau.services.documents.case_texts`; imports none of them.
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project

from nybureau.domain.vocabulary import BODIES, DEFAULT_PROPOSER, OUTCOMES, PROPOSERS, label
from nybureau.workflow import requirements as reqs
from nybureau.workflow.spec import text


def words(tx, project: Project, lang: str) -> dict[str, str]:
    """The project's definition's own words (nybureau.workflow.terms) in ``lang``: what it
    calls the documentation agents."""
    from nybureau.workflow.terms import terms_of

    return terms_of(tx.workflow_spec(project.workflow_definition_id).terms, lang)


def source(kind: str, ref: Any, what: str) -> dict[str, str]:
    """A statement's record, for the document's ``sources``."""
    return {"record": f"{kind} #{ref}" if ref is not None else kind, "what": what}


def _responsible(tx, project: Project) -> str | None:
    if project.network_id is None:
        return None
    network = tx.network_by_id(project.network_id)
    return network.responsible_municipality if network is not None else None


def project_facts(tx, project: Project, lang: str) -> dict[str, Any]:
    """The project as every document names it: name, municipality, phase, workflow."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = spec.phase(project.phase)
    return {
        "slug": project.slug, "name": project.name,
        "municipality": project.municipality, "area": project.area,
        "network": project.network_name,
        # the network-responsible municipality (a free-municipality trial's), if recorded
        "network_responsible": _responsible(tx, project),
        "started_on": project.started_on,
        "phase": project.phase,
        "phase_title": text(spec.title_of(project.phase), lang),
        "phase_number": phase.number if phase else None,
        "phase_count": len(spec.phases),
        "phase_entered_on": project.phase_entered_on,
        "completed": project.phase == spec.final.id,
        "workflow": text(spec.title, lang), "workflow_version": spec.version,
        "workflow_description": text(spec.description, lang),
        # who recommends: "<proposer_label> indstiller, at …" (the project leadership if unset)
        "proposer": project.proposer or DEFAULT_PROPOSER,
        "proposer_label": label(PROPOSERS, project.proposer or DEFAULT_PROPOSER, lang),
        "case_number": project.case_number,
    }


def phase_checklist(tx, project: Project, phase_id: str, lang: str
                    ) -> list[dict[str, Any]]:
    """Each requirement of the phase: its sentence, whether it is met, and what is missing."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = spec.phase(phase_id)
    if phase is None:
        return []
    facts = tx.facts(project)
    out = []
    for req in phase.requirements:
        ev = reqs.evaluate(req, facts, spec)
        out.append({"id": ev.id, "text": ev.text[lang], "met": ev.met,
                    "missing": ev.missing[lang]})
    return out


def decision_rows(tx, project: Project, lang: str,
                  key: str | None = None) -> list[dict[str, Any]]:
    """The project's recorded decisions (only those of decision ``key`` when it is given)."""
    spec = tx.workflow_spec(project.workflow_definition_id)
    rows = []
    for d in tx.decisions(project.id):
        if key is not None and d.decision_key != key:
            continue
        found = spec.decision(d.decision_key)
        rows.append({
            "id": d.id, "key": d.decision_key,
            "title": text(found[1].title, lang) if found else d.decision_key,
            "body": label(BODIES, d.body, lang), "outcome": label(OUTCOMES, d.outcome, lang),
            "outcome_key": d.outcome,
            "decided_on": d.decided_on, "note": d.note, "source": d.source,
        })
    return rows


def paragraphs(value: str) -> list[dict[str, Any]]:
    """Text → blocks: paragraphs, and bullet lists from lines starting with '- '."""
    blocks: list[dict[str, Any]] = []
    for chunk in (value or "").split("\n\n"):
        lines = [ln.rstrip() for ln in chunk.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        para: list[str] = []
        bullets: list[str] = []
        for ln in lines:
            if ln.lstrip().startswith("- "):
                bullets.append(ln.lstrip()[2:])
            elif bullets:
                bullets[-1] += " " + ln.strip()
            else:
                para.append(ln.strip())
        if para:
            blocks.append({"type": "p", "text": " ".join(para)})
        if bullets:
            blocks.append({"type": "ul", "items": bullets})
    return blocks


def mean_number(value: float | None, lang: str, signed: bool = False) -> str:
    """A survey mean with two decimals ("3,45" in Danish), optionally signed; "–" for none."""
    if value is None:
        return "–"
    s = f"{value:+.2f}" if signed else f"{value:.2f}"
    return s.replace(".", ",") if lang == "da" else s


def survey_cell(cell: dict[str, Any], lang: str) -> str:
    """One survey figure as a table shows it: the mean and n, or why it is not shown."""
    from nybureau.domain.substance import MIN_GROUP
    from nybureau.i18n import Msg

    if cell.get("secondary"):  # 5 or more, hidden so that a smaller group cannot be worked out
        return Msg("hidden for anonymity").render(lang)
    if cell.get("suppressed"):
        return Msg("fewer than {min_group} responses", min_group=MIN_GROUP).render(lang)
    if cell.get("mean") is None:
        return "–"
    return f"{mean_number(cell['mean'], lang)} (n = {cell['n']})"
