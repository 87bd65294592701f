"""The built-in requirement kinds of the process: decisions, activities, modules, network
meetings, bodies and agents. Each declares the facts it reads (see
:mod:`nybureau.workflow.requirements.facts`)."""

from __future__ import annotations

from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    NUMBERED_ACTIVITIES,
    OUTCOMES,
    SATISFYING_OUTCOMES,
    join_words,
    label,
)
from nybureau.i18n import Msg
from nybureau.workflow.requirements.base import Param, RequirementKind, register
from nybureau.workflow.requirements.base import bodies_text as _bodies
from nybureau.workflow.requirements.facts import (
    ACTIVITY_COUNTS,
    AGENTS,
    ATTENDANCE,
    BODY_MEMBERS,
    DECISIONS,
)
from nybureau.workflow.spec import WorkflowSpec, text

__all__ = ["DecisionRequirement", "ActivityRequirement", "ModuleAttendanceRequirement",
           "NetworkMeetingRequirement", "BodyMembersRequirement", "AgentCountRequirement"]


@register
class DecisionRequirement(RequirementKind):
    name = "decision"
    params = {
        "decision": Param("decision"),
        "by": Param("bodies", required=False),
        "allow_noted": Param("bool", required=False),
    }
    facts = (DECISIONS,)

    @classmethod
    def reads(cls, params):
        return {DECISIONS: frozenset({params["decision"]})}

    @classmethod
    def check(cls, params, spec_decisions):
        if params["decision"] not in spec_decisions:
            return [f"decision '{params['decision']}' is not declared in any phase's decisions"]
        return []

    @classmethod
    def default_id(cls, params):
        return f"decision:{params['decision']}"

    @staticmethod
    def _resolve(params, spec: WorkflowSpec) -> tuple[str, tuple[str, ...], bool, dict]:
        found = spec.decision(params["decision"])
        dspec = found[1] if found else None
        by = tuple(params.get("by") or (dspec.by if dspec else ()))
        allow_noted = params.get("allow_noted")
        if allow_noted is None:
            allow_noted = dspec.allow_noted if dspec else False
        title = dspec.title if dspec else {"en": params["decision"]}
        return params["decision"], by, allow_noted, title

    @classmethod
    def met(cls, params, facts, spec):
        key, by, allow_noted, _ = cls._resolve(params, spec)
        ok = SATISFYING_OUTCOMES | ({"noted"} if allow_noted else set())
        return all(facts.decisions.get((key, b)) in ok for b in by)

    @classmethod
    def describe(cls, params, spec, lang):
        _, by, allow_noted, title = cls._resolve(params, spec)
        if lang == "da":
            verb = "godkendt eller taget til efterretning" if allow_noted else "godkendt"
            return f"»{text(title, 'da')}« {verb} af {_bodies(list(by), 'da')}"
        verb = "approved or noted" if allow_noted else "approved"
        return f"“{text(title, 'en')}” {verb} by {_bodies(list(by), 'en')}"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        key, by, allow_noted, _ = cls._resolve(params, spec)
        ok = SATISFYING_OUTCOMES | ({"noted"} if allow_noted else set())
        parts = []
        for b in by:
            outcome = facts.decisions.get((key, b))
            if outcome in ok:
                continue
            who = label(BODIES, b, lang)
            if outcome is None:
                parts.append(Msg("{who}: no decision yet", who=who).render(lang))
            else:
                parts.append(f"{who}: {label(OUTCOMES, outcome, lang)}")
        return "; ".join(parts)

    @classmethod
    def command(cls, params, spec, project):
        key, by, allow_noted, _ = cls._resolve(params, spec)
        bodies = " ".join(f"--by {b}" for b in by)
        return (f"nybureau decision record {project} {key} {bodies} --outcome "
                f"{'noted' if allow_noted else 'approved'} --date YYYY-MM-DD")

    @classmethod
    def next_command(cls, params, facts, spec, project):
        """Only the bodies that have not decided yet: once MED has approved, the hint no
        longer asks MED again."""
        key, by, allow_noted, _ = cls._resolve(params, spec)
        ok = SATISFYING_OUTCOMES | ({"noted"} if allow_noted else set())
        waiting = [b for b in by if facts.decisions.get((key, b)) not in ok] or list(by)
        bodies = " ".join(f"--by {b}" for b in waiting)
        return (f"nybureau decision record {project} {key} {bodies} --outcome "
                f"{'noted' if allow_noted else 'approved'} --date YYYY-MM-DD")


@register
class ActivityRequirement(RequirementKind):
    name = "activity"
    params = {
        "activities": Param("activities"),
        "min": Param("int", required=False, default=1, minimum=1),
    }
    facts = (ACTIVITY_COUNTS,)

    @classmethod
    def reads(cls, params):
        return {ACTIVITY_COUNTS: frozenset(params["activities"])}

    @classmethod
    def default_id(cls, params):
        return "activity:" + "|".join(params["activities"])

    @classmethod
    def met(cls, params, facts, spec):
        return sum(facts.activity_counts.get(k, 0) for k in params["activities"]) >= params["min"]

    @classmethod
    def describe(cls, params, spec, lang):
        kinds = [label(ACTIVITY_KINDS, k, lang) for k in params["activities"]]
        alt = Msg(" or ").render(lang)
        what = alt.join(kinds)
        n = params["min"]
        if lang == "da":
            return f"Mindst {n} {what} gennemført"
        return f"At least {n} {what}{'s' if n != 1 and len(kinds) == 1 else ''} held"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        have = sum(facts.activity_counts.get(k, 0) for k in params["activities"])
        return Msg("{have} recorded", have=have).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau activity record {project} {params['activities'][0]} --date YYYY-MM-DD"

@register
class ModuleAttendanceRequirement(RequirementKind):
    name = "module_attendance"
    params = {"module": Param("int", minimum=1)}
    facts = (AGENTS, ATTENDANCE)

    @classmethod
    def reads(cls, params):
        return {AGENTS: None, ATTENDANCE: frozenset({("module", params["module"])})}

    @classmethod
    def check(cls, params, spec_decisions):
        lo, hi = NUMBERED_ACTIVITIES["module"]
        if not lo <= params["module"] <= hi:
            return [f"module must be between {lo} and {hi}"]
        return []

    @classmethod
    def default_id(cls, params):
        return f"module:{params['module']}"

    @classmethod
    def met(cls, params, facts, spec):
        attended = facts.attendance.get(("module", params["module"]))
        return bool(facts.agents) and attended is not None and set(facts.agents) <= attended

    @classmethod
    def describe(cls, params, spec, lang):
        n = params["module"]
        if lang == "da":
            return f"Alle dokumentationsagenter har deltaget i {n}. undervisningsmodul"
        return f"Every documentation agent has attended teaching module {n}"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        if not facts.agents:
            return Msg("the project has no documentation agents yet").render(lang)
        attended = facts.attendance.get(("module", params["module"]))
        if attended is None:
            return Msg("the module is not recorded").render(lang)
        absent = sorted(name for pid, name in facts.agents.items() if pid not in attended)
        return Msg("missing: ").render(lang) + join_words(absent, lang)

    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau activity record {project} module --number {params['module']} "
                "--date YYYY-MM-DD")


@register
class NetworkMeetingRequirement(RequirementKind):
    name = "network_meeting"
    params = {
        "number": Param("int", minimum=1),
        "min_agents": Param("int", required=False, default=1, minimum=0),
    }
    facts = (AGENTS, ATTENDANCE)

    @classmethod
    def reads(cls, params):
        return {AGENTS: None, ATTENDANCE: frozenset({("network_meeting", params["number"])})}

    @classmethod
    def check(cls, params, spec_decisions):
        lo, hi = NUMBERED_ACTIVITIES["network_meeting"]
        if not lo <= params["number"] <= hi:
            return [f"number must be between {lo} and {hi}"]
        return []

    @classmethod
    def default_id(cls, params):
        return f"network_meeting:{params['number']}"

    @classmethod
    def met(cls, params, facts, spec):
        attended = facts.attendance.get(("network_meeting", params["number"]))
        if attended is None:
            return False
        return len(attended & set(facts.agents)) >= params["min_agents"]

    @classmethod
    def describe(cls, params, spec, lang):
        n, k = params["number"], params["min_agents"]
        if lang == "da":
            if k == 0:
                return f"Netværksmøde {n} afholdt"
            return f"Netværksmøde {n} afholdt med mindst {k} af projektets dokumentationsagenter"
        if k == 0:
            return f"Network meeting {n} held"
        return f"Network meeting {n} held with at least {k} of the project's documentation agents"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        if ("network_meeting", params["number"]) not in facts.attendance:
            return Msg("not held yet").render(lang)
        return Msg("held, but without enough of the project's agents").render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau activity record {project} network_meeting --number "
                f"{params['number']} --date YYYY-MM-DD")


@register
class BodyMembersRequirement(RequirementKind):
    name = "body_members"
    params = {"body": Param("body"), "min": Param("int", required=False, default=1, minimum=1)}
    facts = (BODY_MEMBERS,)

    @classmethod
    def default_id(cls, params):
        return f"body_members:{params['body']}"

    @classmethod
    def met(cls, params, facts, spec):
        return facts.body_members.get(params["body"], 0) >= params["min"]

    @classmethod
    def describe(cls, params, spec, lang):
        who, n = label(BODIES, params["body"], lang), params["min"]
        if lang == "da":
            return f"{who} har mindst {n} {'medlem' if n == 1 else 'medlemmer'}"
        return f"{who} has at least {n} member{'s' if n != 1 else ''}"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        have = facts.body_members.get(params["body"], 0)
        return Msg("{have} now", have=have).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f'nybureau body member {project} {params["body"]} "Fulde Navn" --role ROLLE'


@register
class AgentCountRequirement(RequirementKind):
    name = "agent_count"
    params = {"min": Param("int", required=False, default=1, minimum=1)}
    facts = (AGENTS,)

    @classmethod
    def met(cls, params, facts, spec):
        return len(facts.agents) >= params["min"]

    @classmethod
    def describe(cls, params, spec, lang):
        n = params["min"]
        if lang == "da":
            return f"Mindst {n} {'dokumentationsagent' if n == 1 else 'dokumentationsagenter'} udpeget"
        return f"At least {n} documentation agent{'s' if n != 1 else ''} appointed"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        have = len(facts.agents)
        return Msg("{have} now", have=have).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f'nybureau agent add {project} "Fulde Navn" --title TITEL'
