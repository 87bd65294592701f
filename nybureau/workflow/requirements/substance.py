"""The requirement kinds of the substance of phases 3–6: the governance register and the
prototypes. Their facts are plain counts (see :mod:`nybureau.workflow.requirements.facts`)."""

from __future__ import annotations

from nybureau.i18n import Msg
from nybureau.workflow.requirements.base import Param, RequirementKind, register
from nybureau.workflow.requirements.facts import GOVERNANCE_ITEMS, PROTOTYPES, PROTOTYPES_READY

__all__ = ["GovernanceItemsRequirement", "PrototypeCriteriaRequirement"]


@register
class GovernanceItemsRequirement(RequirementKind):
    name = "governance_items"
    params = {"min": Param("int", required=False, default=1, minimum=1)}
    facts = (GOVERNANCE_ITEMS,)

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
        return Msg("{have} recorded", have=have).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau item import {project} kortlaegning.csv"


@register
class PrototypeCriteriaRequirement(RequirementKind):
    """Every prototype (not dropped) has evaluation criteria and a plan for how and when it is
    evaluated; and there are at least ``min`` prototypes."""

    name = "prototype_criteria"
    params = {"min": Param("int", required=False, default=1, minimum=1)}
    facts = (PROTOTYPES, PROTOTYPES_READY)

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
            return Msg("{total} prototypes now", total=total).render(lang)
        return Msg("{lacking} lack criteria or a plan", lacking=lacking).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau prototype list {project}"
