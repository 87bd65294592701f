"""Documents of communication and spreading (issue 16 §6): the communication plan and
stakeholder analysis (*kommunikationsplan og interessentanalyse*, after seed 003's communication
strategy), and the two spreading drafts the model promises — a newsletter (*nyhedsbrev*) and an
article (*artikel*) built from the project's own records (:mod:`.spreading_texts`), for a
communications officer to edit. Also the risk log's rows the status report and the network
report show (:func:`risk_section`)."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.risks import severity
from nybureau.domain.substance import SPREADING_KINDS
from nybureau.domain.vocabulary import label
from nybureau.i18n import Msg
from nybureau.services.documents.parts import project_facts, source
from nybureau.services.documents.registry import (
    DocumentData,
    Needs,
    Section,
    Words,
    document,
)


def risk_section(tx, project: Project, lang: str) -> dict[str, Any]:
    """The project's risk log as the documents show it: drivers, barriers and the open risks
    (the heaviest first), and how many entries are closed."""
    from nybureau.services.substance.risks import risk_rows

    rows = risk_rows(tx.risks(project.id), lang)
    open_risks = sorted((r for r in rows if r["kind"] == "risk" and r["status"] == "open"),
                        key=lambda r: -severity(r["likelihood"], r["effect"]))
    return {"drivers": [r for r in rows if r["kind"] == "driver"],
            "barriers": [r for r in rows if r["kind"] == "barrier"],
            "open_risks": open_risks,
            "closed": sum(1 for r in rows if r["status"] == "closed"),
            "any": bool(rows), "ids": [r["id"] for r in rows]}


# -- the communication plan and stakeholder analysis -----------------------------------------------
def _quadrant(interest: str | None, influence: str | None, lang: str) -> str:
    """The stakeholder matrix's advice: involve closely, keep satisfied, keep informed, or
    inform as the project goes."""
    big_interest = interest == "high" or (interest == "medium" and influence == "high")
    big_influence = influence == "high" or (influence == "medium" and interest == "high")
    if interest is None and influence is None:
        return ""
    da = lang == "da"
    if big_interest and big_influence:
        return "inddrages tæt" if da else "involve closely"
    if big_influence:
        return "holdes tilfreds" if da else "keep satisfied"
    if big_interest:
        return "holdes informeret" if da else "keep informed"
    return "orienteres løbende" if da else "inform as the project goes"


@document("communication-plan", title=Words("Kommunikationsplan og interessentanalyse",
                                            "Communication plan and stakeholder analysis"),
          stem=Words("kommunikationsplan", "communication-plan"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE,
          available=lambda scope, _: bool(scope.tx.stakeholders(scope.project.id)))
def communication_plan(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.substance.communication import stakeholder_rows

    rows = stakeholder_rows(tx.stakeholders(project.id), lang)
    for r in rows:
        r["approach"] = _quadrant(r["interest"], r["influence"], lang)
    spreading = [{"date": s.held_on, "kind": label(SPREADING_KINDS, s.kind, lang),
                  "title": s.title, "audience": s.audience}
                 for s in tx.spreading(project.id)]
    return {
        "project": project_facts(tx, project, lang),
        "stakeholders": rows,
        "spreading": spreading,
        "sources": ([source("stakeholder", r["id"], r["name"]) for r in rows]
                    + [source("spreading", None,
                              Msg("the spreading activities").render(lang))]),
        "subject": project.slug,
    }


# -- the spreading drafts ------------------------------------------------------------------------------
def _has_story(scope, _target) -> bool:
    return bool(scope.tx.focus_areas(scope.project.id))


def _draft(tx, project: Project, lang: str) -> DocumentData:
    from nybureau.services.documents.spreading_texts import story

    facts = project_facts(tx, project, lang)
    s = story(tx, project, facts, lang)
    return {
        "project": facts, **s,
        "sources": [source("project", project.id, Msg("the project's facts").render(lang)),
                    source("governance item", None,
                           Msg("the mapping (number of governance items)").render(lang)),
                    source("focus area", None, Msg("the focus areas").render(lang)),
                    source("prototype", None,
                           Msg("prototypes, iterations and criteria").render(lang)),
                    source("survey round", None, Msg("the survey's results").render(lang)),
                    source("risk", None, Msg("drivers and barriers of the risk log")
                           .render(lang)),
                    source("spreading", None,
                           Msg("the spreading decision and activities").render(lang))],
        "subject": project.slug,
    }


@document("newsletter", title=Words("Nyhedsbrev", "Newsletter"),
          stem=Words("nyhedsbrev", "newsletter"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE, available=_has_story)
def newsletter(tx, project: Project, lang: str) -> DocumentData:
    data = _draft(tx, project, lang)
    # a newsletter is short: the first paragraphs of each section and one quote
    keep = {"choice": 2, "tests": 3, "results": 3, "next": 3}
    data["sections"] = [{**s, "paragraphs": s["paragraphs"][:keep[s["key"]]]}
                        for s in data["sections"] if s["key"] in keep]
    data["quotes"] = data["quotes"][:1]
    return data


@document("article", title=Words("Artikel", "Article"),
          stem=Words("artikel", "article"), needs=Needs.PROJECT,
          section=Section.SUBSTANCE, available=_has_story)
def article(tx, project: Project, lang: str) -> DocumentData:
    return _draft(tx, project, lang)
