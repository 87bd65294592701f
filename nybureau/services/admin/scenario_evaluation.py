"""The scenario steps of evaluation by design:

    - date: 2017-09-13
      evaluation_design:
        bottom_lines: [quality, work_environment, efficiency]
        criteria: ["Borgeren oplever færre skift mellem medarbejdere", …]
        evaluator: consultants          # internal, consultants, external
        evaluator_name: "KL's og de faglige organisationers konsulenter"
        baseline: 2017-11-15
        mid_term: 2018-02-15            # optional
        follow_up: 2018-04-20
    - {date: …, implementation: {element: en_plan, round: midtvejs-2018, degree: partial,
                                 note: …}}
    - {date: …, interview: {role: Socialrådgiver, interviewer: …, summary: …}}

The ``survey`` step takes ``invited`` and ``group`` too. Imported by
:mod:`nybureau.services.admin.scenario_steps`, which registers every step type."""

from __future__ import annotations

from typing import Any

from nybureau.services.admin.scenario import _needs, register_step


def _text(value: Any) -> Any:
    return None if value is None else value if hasattr(value, "isoformat") else str(value)


def _design(tx, slug, step):
    from nybureau.services.substance import evaluation_design as ed

    v = step["evaluation_design"]
    lines = v.get("bottom_lines") or []
    return ed.set_design(
        tx, slug, bottom_lines=[str(x) for x in lines] if isinstance(lines, list)
        else str(lines), criteria=[str(c) for c in (v.get("criteria") or [])],
        evaluator=str(v.get("evaluator") or ""), evaluator_name=_text(v.get("evaluator_name")),
        baseline_on=_text(v.get("baseline")), mid_term_on=_text(v.get("mid_term")),
        follow_up_on=_text(v.get("follow_up")), on=step["date"])


def register() -> None:
    from nybureau.services.substance import evaluation_design as ed

    register_step("evaluation_design", set(),
                  check=_needs("evaluation_design", "bottom_lines", "criteria", "evaluator",
                               "baseline"), run=_design)
    register_step("implementation", set(),
                  check=_needs("implementation", "element", "round", "degree"),
                  run=lambda tx, slug, step: ed.rate_element(
                      tx, slug, str(step["implementation"]["element"]),
                      round_=str(step["implementation"]["round"]),
                      degree=str(step["implementation"]["degree"]), on=step["date"],
                      note=_text(step["implementation"].get("note"))))
    register_step("interview", set(),
                  check=_needs("interview", "role", "interviewer", "summary"),
                  run=lambda tx, slug, step: ed.add_interview(
                      tx, slug, role=str(step["interview"]["role"]),
                      interviewer=str(step["interview"]["interviewer"]),
                      summary=str(step["interview"]["summary"]), on=step["date"]))


register()
