"""The requirement kinds of evaluation by design: an evaluation design decided at the start
(``evaluation_design``), and a baseline survey taken before the first prototype iteration
(``baseline_before_prototype``: a requirement, or with ``severity: warn`` a warning that never
holds the gate)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.facts import Count, Fact, Join, Query, eq, is_null, not_null
from nybureau.i18n import Msg
from nybureau.workflow.requirements.base import Param, RequirementKind, register

__all__ = ["EvaluationDesignRequirement", "BaselineBeforePrototypeRequirement",
           "EVALUATION_DESIGNS", "BASELINE_TIMING"]

#: a design with criteria and a planned baseline round
EVALUATION_DESIGNS = Count("evaluation_designs", "evaluation_design",
                           where=(not_null("criteria"), not_null("baseline_on")))


def _day(value: Any) -> date:
    """A date column as the reader gives it (a date, or ISO text from SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class BaselineTiming(Fact):
    """The first baseline survey round's date and the first prototype iteration's date:
    ``facts.counts["baseline_timing"] == {"baseline": date | None, "first_iteration": …}``."""

    name = "baseline_timing"
    baselines = Query("survey_round", ("project_id", "held_on"),
                      where=(eq("kind", "baseline"), is_null("voided_at")))
    iterations = Query("prototype", ("prototype.project_id", "prototype_iteration.held_on"),
                       joins=(Join("prototype_iteration", ("prototype_id", "prototype.id")),))

    def queries(self, keys, ctx):
        return (self.baselines, self.iterations)

    def build(self, rows, ctx):
        out: dict[int, dict[str, date | None]] = {
            pid: {"baseline": None, "first_iteration": None} for pid in ctx.ids}
        for key, found in (("baseline", rows[0]), ("first_iteration", rows[1])):
            for pid, held in found:
                mine = out.get(pid)
                if mine is not None and held is not None:
                    day = _day(held)
                    if mine[key] is None or day < mine[key]:
                        mine[key] = day
        return out

    def empty(self):
        return {"baseline": None, "first_iteration": None}


BASELINE_TIMING: Fact = BaselineTiming()


@register
class EvaluationDesignRequirement(RequirementKind):
    """The project has an evaluation design with its criteria and a planned baseline round
    (``nybureau evaluation design``)."""

    name = "evaluation_design"
    params: dict[str, Param] = {}
    facts = (EVALUATION_DESIGNS,)

    @classmethod
    def met(cls, params, facts, spec):
        return facts.counts.get("evaluation_designs", 0) >= 1

    @classmethod
    def describe(cls, params, spec, lang):
        if lang == "da":
            return ("Evalueringsdesignet er fastlagt: bundlinjer, kriterier, før- og "
                    "eftermålinger og hvem der evaluerer")
        return ("The evaluation design is set: bottom lines, criteria, baseline and follow-up "
                "rounds and who evaluates")

    @classmethod
    def missing(cls, params, facts, spec, lang):
        return Msg("no design with criteria and a planned baseline yet").render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau evaluation design {project} --bottom-lines quality,work_environment "
                "--criterion … --baseline YYYY-MM-DD --follow-up YYYY-MM-DD --evaluator internal")


SEVERITIES = ("require", "warn")

_MONTHS = {"da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                  "september", "oktober", "november", "december"),
           "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")}


def _short(day: date, lang: str) -> str:
    """``3. april 2017`` / ``3 April 2017``, as the documents write a date."""
    month = _MONTHS["da" if lang == "da" else "en"][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def _timing(facts) -> tuple[date | None, date | None]:
    t = facts.counts.get("baseline_timing") or {}
    return t.get("baseline"), t.get("first_iteration")


def _in_order(facts) -> bool:
    baseline, first = _timing(facts)
    return baseline is not None and (first is None or baseline <= first)


@register
class BaselineBeforePrototypeRequirement(RequirementKind):
    """A baseline survey round exists, taken on or before the day of the first prototype
    iteration. With ``severity: warn`` it never holds the gate: ``status`` warns instead."""

    name = "baseline_before_prototype"
    params = {"severity": Param("str", required=False, default="require")}
    facts = (BASELINE_TIMING,)

    @classmethod
    def check(cls, params, spec_decisions):
        if params.get("severity") not in SEVERITIES:
            return [f"'severity' must be one of {', '.join(SEVERITIES)} "
                    f"(got {params.get('severity')!r})"]
        return []

    @classmethod
    def met(cls, params, facts, spec):
        return params.get("severity") == "warn" or _in_order(facts)

    @classmethod
    def describe(cls, params, spec, lang):
        warn = params.get("severity") == "warn"
        if lang == "da":
            return ("Førmålingen er taget før den første afprøvning af en prototype"
                    + (" (en advarsel, ikke et krav)" if warn else ""))
        return ("The baseline survey is taken before the first prototype iteration"
                + (" (a warning, not a requirement)" if warn else ""))

    @classmethod
    def missing(cls, params, facts, spec, lang):
        return cls._problem(facts, lang)

    @classmethod
    def warning(cls, params, facts, spec, lang) -> str:
        """What ``status`` warns of when ``severity`` is warn and the order is not kept."""
        if params.get("severity") != "warn" or _in_order(facts):
            return ""
        return cls._problem(facts, lang)

    @classmethod
    def _problem(cls, facts, lang) -> str:
        baseline, first = _timing(facts)
        if baseline is None:
            return Msg("no baseline survey round recorded").render(lang)
        if first is None or baseline <= first:
            return ""
        return Msg("the baseline was taken {baseline}, after the first iteration on {first}",
                   baseline=_short(baseline, lang), first=_short(first, lang)).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau survey import {project} maaling.csv --name … --kind baseline "
                "--date YYYY-MM-DD")
