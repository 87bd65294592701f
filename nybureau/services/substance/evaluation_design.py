"""Evaluation by design: the evaluation design decided at the start (the bottom lines, the
criteria, the planned baseline, mid-term and follow-up rounds, who evaluates), and — for a
programme whose workflow declares core elements — the implementation questionnaire
(implementeringsgrad per core element and round) and the anonymous interview log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    EVALUATORS,
    IMPLEMENTATION_DEGREES,
    parse_word,
    words,
)
from nybureau.domain.vocabulary import label
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_name,
    check_slug,
    check_text,
    get_project,
    parse_date,
    past_date,
)
from nybureau.workflow.spec import text

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

__all__ = ["set_design", "show_design", "core_elements", "rate_element", "add_interview",
           "implementation"]

MAX_CRITERIA = 30


def _word(table, value, what_en, what_da):
    key = parse_word(table, value or "")
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a {what_en}; use one of: {words}.", value=value,
                               what_en=what_en, words=words(table), what_da=what_da))
    return key


def _planned(value: Any, what: str) -> date | None:
    return None if value in (None, "") else parse_date(value, what)


def set_design(tx: Tx, slug: str, *, bottom_lines: list[str] | str, criteria: list[str],
               evaluator: str, evaluator_name: str | None = None,
               baseline_on: Any = None, mid_term_on: Any = None, follow_up_on: Any = None,
               on: Any = None) -> dict[str, Any]:
    """Set the project's evaluation design (replacing the one it has). The planned dates may
    lie ahead; the day it was decided (``on``, default today) may not."""
    project = get_project(tx, slug)
    raw = bottom_lines.split(",") if isinstance(bottom_lines, str) else list(bottom_lines)
    lines: list[str] = []
    for value in raw:
        if not str(value).strip():
            continue
        key = _word(BOTTOM_LINES, str(value), "bottom line", "bundlinje")
        if key not in lines:
            lines.append(key)
    if not lines:
        raise InvalidInput(Msg("Name the bottom lines the evaluation follows with "
                               "--bottom-lines, e.g. quality,work_environment,efficiency."))
    texts = [check_name(c, "criterion", 500) for c in criteria if str(c).strip()]
    if not texts:
        raise InvalidInput(Msg("An evaluation design needs at least one criterion; give each "
                               "with --criterion."))
    if len(texts) > MAX_CRITERIA:
        raise InvalidInput(Msg("At most {n} criteria in one design.", n=MAX_CRITERIA))
    evaluator = _word(EVALUATORS, evaluator, "evaluator", "evaluator")
    name = check_text(evaluator_name, "evaluator name", 300)
    if evaluator == "external" and not name:
        raise InvalidInput(Msg("An external evaluator is named: give the name with "
                               "--evaluator-name, e.g. VIVE."))
    baseline = _planned(baseline_on, "baseline date")
    mid = _planned(mid_term_on, "mid-term date")
    follow = _planned(follow_up_on, "follow-up date")
    if baseline is None:
        raise InvalidInput(Msg("Plan the baseline round with --baseline YYYY-MM-DD: it is "
                               "taken before the first prototype is tried."))
    order = [(d, w) for d, w in ((baseline, "baseline"), (mid, "mid_term"), (follow, "follow_up"))
             if d is not None]
    from nybureau.domain.substance import ROUND_KINDS

    for (a, _), (b, later) in zip(order, order[1:]):
        if b <= a:
            raise InvalidInput(Msg("The planned rounds must come in order: baseline, mid-term, "
                                   "follow-up (the {later} on {day} is not after {before}).",
                                   later=ROUND_KINDS[later]["en"], day=b.isoformat(),
                                   before=a.isoformat(), later_da=ROUND_KINDS[later]["da"]))
    decided = past_date(tx, on, Msg("an evaluation design is recorded when it has been decided; "
                                    "give the day with --date."))
    values = {"bottom_lines": ",".join(lines), "criteria": "\n".join(texts),
              "evaluator": evaluator, "evaluator_name": name, "baseline_on": baseline,
              "mid_term_on": mid, "follow_up_on": follow, "decided_on": decided}
    before = tx.design_get(project["id"])
    tx.project_touch(project)
    did = tx.design_set(project["id"], **values)
    tx.audit("evaluation.design", "evaluation_design", did, project_id=project["id"],
             before=_payload(before) if before else None, after=_payload(values))
    return _view(values)


def _payload(d: Any) -> dict[str, Any]:
    get = d.get if isinstance(d, dict) else (lambda k: getattr(d, k))
    return {"bottom_lines": get("bottom_lines"), "criteria": get("criteria"),
            "evaluator": get("evaluator"), "evaluator_name": get("evaluator_name"),
            "baseline_on": get("baseline_on"), "mid_term_on": get("mid_term_on"),
            "follow_up_on": get("follow_up_on"), "decided_on": get("decided_on")}


def _view(d: Any) -> dict[str, Any]:
    p = _payload(d)
    return {"bottom_lines": [k for k in (p["bottom_lines"] or "").split(",") if k],
            "criteria": [c for c in (p["criteria"] or "").split("\n") if c],
            "evaluator": p["evaluator"], "evaluator_name": p["evaluator_name"],
            "rounds": [{"kind": k, "planned_on": p[f"{k}_on"]}
                       for k in ("baseline", "mid_term", "follow_up") if p[f"{k}_on"]],
            "decided_on": p["decided_on"]}


def show_design(tx: Tx, slug: str) -> dict[str, Any] | None:
    """The project's evaluation design, or None when none is set."""
    project = get_project(tx, slug)
    found = tx.design_get(project["id"])
    return _view(found) if found else None


def design_sentences(design: dict[str, Any] | None, lang: str) -> list[str]:
    """The design as sentences for a document (nothing when there is none)."""
    from nybureau.rendering.dates import short_date

    if not design:
        return []
    da = lang == "da"
    from nybureau.domain.vocabulary import join_words

    lines = join_words([label(BOTTOM_LINES, k, lang) for k in design["bottom_lines"]], lang)
    who = label(EVALUATORS, design["evaluator"], lang)
    if design["evaluator_name"]:
        who += f" ({design['evaluator_name']})"
    from nybureau.domain.substance import ROUND_KINDS

    rounds = "; ".join(f"{label(ROUND_KINDS, r['kind'], lang)} {short_date(r['planned_on'], lang)}"
                       for r in design["rounds"])
    return [
        (f"Evalueringsdesignet blev fastlagt {short_date(design['decided_on'], lang)}: "
         f"{'bundlinjen' if len(design['bottom_lines']) == 1 else 'bundlinjerne'} {lines}; "
         f"evaluator: {who}." if da else
         f"The evaluation design was set on {short_date(design['decided_on'], lang)}: "
         f"{'the bottom line' if len(design['bottom_lines']) == 1 else 'the bottom lines'} "
         f"{lines}; evaluator: {who}."),
        ("Planlagte målinger: " if da else "Planned rounds: ") + rounds + ".",
    ]


# -- the implementation questionnaire and the interview log ----------------------------------

def core_elements(tx: Tx, project: Any) -> list[dict[str, Any]]:
    """The core elements the project's workflow declares (id, Danish and English titles)."""
    spec = tx.workflow_spec(project["workflow_definition_id"])
    return [{"id": c.id, "title": c.title, "description": c.description}
            for c in spec.core_elements]


def rate_element(tx: Tx, slug: str, element: str, *, round_: str, degree: str,
                 on: Any = None, note: str | None = None) -> dict[str, Any]:
    """Record how far a core element is implemented in one round of the implementation
    questionnaire (fuldt, delvist, ikke implementeret)."""
    project = get_project(tx, slug)
    elements = core_elements(tx, project)
    ids = [e["id"] for e in elements]
    if not ids:
        raise InvalidInput(Msg("The workflow of '{slug}' declares no core elements, so it has "
                               "no implementation questionnaire.", slug=slug))
    if element not in ids:
        raise InvalidInput(Msg("'{element}' is not a core element of this workflow; use one "
                               "of: {ids}.", element=element, ids=", ".join(ids)))
    round_ = check_slug(round_, "round")
    degree = _word(IMPLEMENTATION_DEGREES, degree, "implementation degree",
                   "implementeringsgrad")
    note = check_text(note, "note")
    day = past_date(tx, on, Msg("an implementation degree is recorded when it has been "
                                "assessed; give the day with --date."))
    if tx.rating_get(project["id"], element, round_) is not None:
        raise AlreadyExists(Msg("'{element}' already has an implementation degree in the round "
                                "'{round}'.", element=element, round=round_))
    tx.project_touch(project)
    rid = tx.rating_insert(project_id=project["id"], element=element, round=round_,
                           degree=degree, recorded_on=day, note=note)
    tx.audit("implementation.rate", "implementation_rating", rid, project_id=project["id"],
             after={"element": element, "round": round_, "degree": degree,
                    "recorded_on": day, "note": note})
    return {"id": rid, "element": element, "round": round_, "degree": degree, "date": day}


def add_interview(tx: Tx, slug: str, *, role: str, interviewer: str, summary: str,
                  on: Any = None) -> dict[str, Any]:
    """Log one interview: the interviewee's role (never a name), who interviewed, a summary."""
    project = get_project(tx, slug)
    role = check_name(role, "role", 100)
    interviewer = check_name(interviewer, "interviewer")
    summary = check_name(summary, "summary", 20_000)
    day = past_date(tx, on, Msg("an interview is logged when it has been held; give the day "
                                "with --date."))
    tx.project_touch(project)
    iid = tx.interview_insert(project_id=project["id"], held_on=day, role=role,
                              interviewer=interviewer, summary=summary)
    tx.audit("implementation.interview", "implementation_interview", iid,
             project_id=project["id"],
             after={"held_on": day, "role": role, "interviewer": interviewer})
    return {"id": iid, "date": day, "role": role, "interviewer": interviewer}


def implementation(tx: Tx, slug: str, lang: str = "da") -> dict[str, Any]:
    """The implementation questionnaire (each core element's degree per round) and the
    interview log."""
    project = get_project(tx, slug)
    elements = core_elements(tx, project)
    ratings = tx.ratings(project["id"])
    rounds: list[str] = []
    for r in ratings:
        if r.round not in rounds:
            rounds.append(r.round)
    by = {(r.element, r.round): r for r in ratings}
    rows = []
    for e in elements:
        cells = []
        for rnd in rounds:
            found = by.get((e["id"], rnd))
            cells.append({"round": rnd, "degree": found.degree if found else None,
                          "label": label(IMPLEMENTATION_DEGREES, found.degree, lang)
                          if found else "–",
                          "note": found.note if found else None})
        rows.append({"id": e["id"], "title": text(e["title"], lang), "cells": cells})
    return {"has_elements": bool(elements), "rounds": rounds, "elements": rows,
            "interviews": [{"id": i.id, "date": i.held_on, "role": i.role,
                            "interviewer": i.interviewer, "summary": i.summary}
                           for i in tx.interviews(project["id"])]}


def implementation_records(tx: Tx, slug: str, include_voided: bool = False,
                           lang: str = "da") -> dict[str, Any]:
    """The implementation ratings and the interviews one by one, with the ids that
    ``evaluation void-rating`` and ``void-interview`` take; voided ones with
    ``include_voided``, marked."""
    project = get_project(tx, slug)
    titles = {e["id"]: text(e["title"], lang) for e in core_elements(tx, project)}
    return {
        "ratings": [{"id": r.id, "element": r.element,
                     "title": titles.get(r.element, r.element), "round": r.round,
                     "degree": r.degree, "label": label(IMPLEMENTATION_DEGREES, r.degree, lang),
                     "date": r.recorded_on, "note": r.note, "voided_at": r.voided_at,
                     "void_reason": r.void_reason}
                    for r in tx.ratings(project["id"], include_voided)],
        "interviews": [{"id": i.id, "date": i.held_on, "role": i.role,
                        "interviewer": i.interviewer, "summary": i.summary,
                        "voided_at": i.voided_at, "void_reason": i.void_reason}
                       for i in tx.interviews(project["id"], include_voided)]}
