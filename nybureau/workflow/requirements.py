"""The registry of requirement kinds: the one place that turns a requirement into a sentence.

A workflow definition only names a kind and its parameters; each kind here declares its typed
parameters, checks them against the definition, decides whether a project's facts meet it, and
says in Danish or English what it asks for and what is still missing. ``status``, a refused
``advance`` and the documents all use these same sentences.

To add a kind, subclass :class:`RequirementKind` and decorate it with :func:`register`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.vocabulary import (
    ACTIVITY_KINDS,
    BODIES,
    NUMBERED_ACTIVITIES,
    OUTCOMES,
    SATISFYING_OUTCOMES,
    join_words,
    label,
)
from nybureau.workflow.spec import RequirementSpec, WorkflowSpec, text

__all__ = ["Param", "RequirementKind", "REGISTRY", "register", "kind_of", "Evaluation", "evaluate"]


@dataclass(frozen=True)
class Param:
    """A typed parameter. ``type`` is one of: int, bool, str, body, bodies, activity,
    activities, decision."""

    type: str
    required: bool = True
    default: Any = None
    minimum: int | None = None


REGISTRY: dict[str, type[RequirementKind]] = {}


def register(cls: type[RequirementKind]) -> type[RequirementKind]:
    REGISTRY[cls.name] = cls
    return cls


def kind_of(name: str) -> type[RequirementKind] | None:
    return REGISTRY.get(name)


class RequirementKind:
    """Base class. Subclasses set ``name``, ``params`` and implement the three methods."""

    name: ClassVar[str]
    params: ClassVar[dict[str, Param]]

    @classmethod
    def check(cls, params: dict[str, Any], spec_decisions: dict[str, tuple[str, ...]]) -> list[str]:
        """Problems with the parameters beyond their types (e.g. an unknown decision id)."""
        return []

    @classmethod
    def default_id(cls, params: dict[str, Any]) -> str:
        return cls.name

    @classmethod
    def met(cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec) -> bool:
        raise NotImplementedError

    @classmethod
    def describe(cls, params: dict[str, Any], spec: WorkflowSpec, lang: str) -> str:
        """What the requirement asks for, as a checklist line."""
        raise NotImplementedError

    @classmethod
    def missing(
        cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec, lang: str
    ) -> str:
        """What is still missing, given the facts (only called when not met)."""
        return ""

    @classmethod
    def command(cls, params: dict[str, Any], spec: WorkflowSpec, project: str) -> str:
        """The command that records what this requirement asks for."""
        return ""

    @classmethod
    def next_command(cls, params: dict[str, Any], facts: ProjectFacts, spec: WorkflowSpec,
                     project: str) -> str:
        """The command that records what is still missing (``status``'s next step)."""
        return cls.command(params, spec, project)


def _mid_sentence(word: str) -> str:
    """'Ledelsen' → 'ledelsen' inside a Danish sentence; 'MED-udvalget' stays as it is."""
    return word[0].lower() + word[1:] if len(word) > 1 and word[1].islower() else word


def _bodies(bodies: list[str], lang: str) -> str:
    words = [label(BODIES, b, lang) for b in bodies]
    if lang == "da":
        words = [_mid_sentence(w) for w in words]
    return join_words(words, lang)


@register
class DecisionRequirement(RequirementKind):
    name = "decision"
    params = {
        "decision": Param("decision"),
        "by": Param("bodies", required=False),
        "allow_noted": Param("bool", required=False),
    }

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
            return f"«{text(title, 'da')}» {verb} af {_bodies(list(by), 'da')}"
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
                parts.append(f"{who}: ingen beslutning endnu" if lang == "da"
                             else f"{who}: no decision yet")
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

    @classmethod
    def default_id(cls, params):
        return "activity:" + "|".join(params["activities"])

    @classmethod
    def met(cls, params, facts, spec):
        return sum(facts.activity_counts.get(k, 0) for k in params["activities"]) >= params["min"]

    @classmethod
    def describe(cls, params, spec, lang):
        kinds = [label(ACTIVITY_KINDS, k, lang) for k in params["activities"]]
        alt = " eller " if lang == "da" else " or "
        what = alt.join(kinds)
        n = params["min"]
        if lang == "da":
            return f"Mindst {n} {what} gennemført"
        return f"At least {n} {what}{'s' if n != 1 and len(kinds) == 1 else ''} held"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        have = sum(facts.activity_counts.get(k, 0) for k in params["activities"])
        return f"{have} registreret" if lang == "da" else f"{have} recorded"


    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau activity record {project} {params['activities'][0]} --date YYYY-MM-DD"

@register
class ModuleAttendanceRequirement(RequirementKind):
    name = "module_attendance"
    params = {"module": Param("int", minimum=1)}

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
            return ("projektet har ingen dokumentationsagenter endnu" if lang == "da"
                    else "the project has no documentation agents yet")
        attended = facts.attendance.get(("module", params["module"]))
        if attended is None:
            return "modulet er ikke registreret" if lang == "da" else "the module is not recorded"
        absent = sorted(name for pid, name in facts.agents.items() if pid not in attended)
        return ("mangler: " if lang == "da" else "missing: ") + join_words(absent, lang)


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
            return "ikke afholdt endnu" if lang == "da" else "not held yet"
        return ("afholdt, men uden nok af projektets agenter" if lang == "da"
                else "held, but without enough of the project's agents")


    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau activity record {project} network_meeting --number "
                f"{params['number']} --date YYYY-MM-DD")

@register
class BodyMembersRequirement(RequirementKind):
    name = "body_members"
    params = {"body": Param("body"), "min": Param("int", required=False, default=1, minimum=1)}

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
        return f"{have} nu" if lang == "da" else f"{have} now"


    @classmethod
    def command(cls, params, spec, project):
        return f'nybureau body member {project} {params["body"]} "Fulde Navn" --role ROLLE'

@register
class AgentCountRequirement(RequirementKind):
    name = "agent_count"
    params = {"min": Param("int", required=False, default=1, minimum=1)}

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
        return f"{have} nu" if lang == "da" else f"{have} now"


    @classmethod
    def command(cls, params, spec, project):
        return f'nybureau agent add {project} "Fulde Navn" --title TITEL'

# -- substance of phases 3–6 (governance register, prototypes) ---------------------------------

@register
class GovernanceItemsRequirement(RequirementKind):
    name = "governance_items"
    params = {"min": Param("int", required=False, default=1, minimum=1)}

    @classmethod
    def met(cls, params, facts, spec):
        return facts.counts.get("governance_items", 0) >= params["min"]

    @classmethod
    def describe(cls, params, spec, lang):
        n = params["min"]
        if lang == "da":
            return f"Mindst {n} {'styringselement' if n == 1 else 'styringselementer'} kortlagt"
        return f"At least {n} governance item{'s' if n != 1 else ''} mapped"

    @classmethod
    def missing(cls, params, facts, spec, lang):
        have = facts.counts.get("governance_items", 0)
        return f"{have} registreret" if lang == "da" else f"{have} recorded"

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau item import {project} kortlaegning.csv"


@register
class PrototypeCriteriaRequirement(RequirementKind):
    """Every prototype (not dropped) has evaluation criteria and a plan for how and when it is
    evaluated; and there are at least ``min`` prototypes."""

    name = "prototype_criteria"
    params = {"min": Param("int", required=False, default=1, minimum=1)}

    @classmethod
    def met(cls, params, facts, spec):
        total = facts.counts.get("prototypes", 0)
        return total >= params["min"] and facts.counts.get("prototypes_ready", 0) == total

    @classmethod
    def describe(cls, params, spec, lang):
        n = params["min"]
        if lang == "da":
            return (f"Mindst {n} {'prototype' if n == 1 else 'prototyper'}, og alle har "
                    "evalueringskriterier og en plan for, hvordan og hvornår der evalueres")
        return (f"At least {n} prototype{'s' if n != 1 else ''}, each with evaluation criteria "
                "and a plan for how and when it is evaluated")

    @classmethod
    def missing(cls, params, facts, spec, lang):
        total = facts.counts.get("prototypes", 0)
        lacking = total - facts.counts.get("prototypes_ready", 0)
        if total < params["min"]:
            return f"{total} prototyper nu" if lang == "da" else f"{total} prototypes now"
        return (f"{lacking} mangler kriterier eller plan" if lang == "da"
                else f"{lacking} lack criteria or a plan")

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau prototype list {project}"


@dataclass(frozen=True)
class Evaluation:
    id: str
    kind: str
    met: bool
    text: dict[str, str]      # the checklist line, per language
    missing: dict[str, str]   # what is still missing, per language ("" when met)

    def sentence(self, lang: str) -> str:
        line = self.text[lang]
        return f"{line} ({self.missing[lang]})" if self.missing.get(lang) else line


def evaluate(req: RequirementSpec, facts: ProjectFacts, spec: WorkflowSpec) -> Evaluation:
    cls = REGISTRY[req.kind]
    ok = cls.met(req.params, facts, spec)
    return Evaluation(
        id=req.id,
        kind=req.kind,
        met=ok,
        text={lang: cls.describe(req.params, spec, lang) for lang in ("da", "en")},
        missing={
            lang: ("" if ok else cls.missing(req.params, facts, spec, lang)) for lang in ("da", "en")
        },
    )
