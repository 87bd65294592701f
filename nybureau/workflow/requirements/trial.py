"""The requirement kinds of a free-municipality trial: the register of exemptions sought from
the ministry (:mod:`nybureau.services.substance.exemptions`)."""

from __future__ import annotations

from nybureau.domain.facts import Count, eq, is_null, ne
from nybureau.i18n import Msg
from nybureau.workflow.requirements.base import Param, RequirementKind, register

__all__ = ["ExemptionsDecidedRequirement", "EXEMPTIONS_SOUGHT", "EXEMPTIONS_OPEN"]

#: the exemptions a project applied for and did not withdraw (not voided)
EXEMPTIONS_SOUGHT = Count("exemptions_sought", "exemption",
                          where=(is_null("voided_at"), ne("status", "withdrawn")))
#: those still waiting for the ministry's answer
EXEMPTIONS_OPEN = Count("exemptions_open", "exemption",
                        where=(is_null("voided_at"), eq("status", "sought")))


@register
class ExemptionsDecidedRequirement(RequirementKind):
    """At least ``min`` exemptions applied for (and not withdrawn), and the ministry has
    answered every one of them (granted or refused)."""

    name = "exemptions_decided"
    params = {"min": Param("int", required=False, default=1, minimum=1)}
    facts = (EXEMPTIONS_SOUGHT, EXEMPTIONS_OPEN)

    @classmethod
    def met(cls, params, facts, spec):
        sought = facts.counts.get("exemptions_sought", 0)
        return sought >= params["min"] and facts.counts.get("exemptions_open", 0) == 0

    @classmethod
    def describe(cls, params, spec, lang):
        n = params["min"]
        if lang == "da":
            return (f"Mindst {n} {'fritagelse' if n == 1 else 'fritagelser'} søgt, og "
                    "ministeriet har svaret på dem alle")
        return (f"At least {n} exemption{'s' if n != 1 else ''} sought, and the ministry has "
                "answered every one")

    @classmethod
    def missing(cls, params, facts, spec, lang):
        sought = facts.counts.get("exemptions_sought", 0)
        if sought < params["min"]:
            return Msg("{sought} sought", sought=sought).render(lang)
        return Msg("{n_open} still without an answer",
                   n_open=facts.counts.get("exemptions_open", 0)).render(lang)

    @classmethod
    def command(cls, params, spec, project):
        return f"nybureau exemption list {project}"

    @classmethod
    def next_command(cls, params, facts, spec, project):
        if facts.counts.get("exemptions_sought", 0) < params["min"]:
            return f"nybureau exemption add {project} LOV § …"
        return f"nybureau exemption decide {project} ID granted --date …"
