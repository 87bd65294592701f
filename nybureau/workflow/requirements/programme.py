"""The frame project's gate (issue 16, point 3): a local project of a network that carries a
frame project (rammeprojekt) passes only when the programme's project management has approved
its local project description — "Projektledelsen … har ansvaret for, at de deltagende kommunes
projektbeskrivelse vil opfylde rammeprojektets målsætninger". A project outside such a network
meets it as it is.

The decision is recorded as the programme management takes it (``decision record PROJECT
DECISION --by programme_management``): an external body, never planned as our meeting, whose
decisions count for the gate even where only approved minutes count.
"""

from __future__ import annotations

from nybureau.domain.facts import Fact, Join, Query
from nybureau.domain.vocabulary import BODIES, OUTCOMES, SATISFYING_OUTCOMES, label
from nybureau.i18n import Msg
from nybureau.workflow.requirements.base import Param, RequirementKind, register
from nybureau.workflow.requirements.facts import DECISIONS
from nybureau.workflow.spec import text

__all__ = ["IN_PROGRAMME", "ProgrammeDecisionRequirement", "PROGRAMME_BODY"]

#: the body whose approval the gate asks for
PROGRAMME_BODY = "programme_management"


class InProgramme(Fact):
    """project id → whether the project's network carries a frame project
    (``facts.counts["in_programme"]``): the project's row joined to its network's programme."""

    name = "in_programme"
    query = Query("project", ("project.id",),
                  joins=(Join("network_programme", ("network_id", "project.network_id")),),
                  scope=("id",))

    def queries(self, keys, ctx):
        return (self.query,)

    def build(self, rows, ctx):
        out = dict.fromkeys(ctx.ids, False)
        for (pid,) in rows[0]:
            if pid in out:
                out[pid] = True
        return out

    def empty(self):
        return False


IN_PROGRAMME = InProgramme()


@register
class ProgrammeDecisionRequirement(RequirementKind):
    """``decision`` approved by the programme's project management, when the project's network
    carries a frame project; met as it is otherwise."""

    name = "programme_decision"
    params = {"decision": Param("decision")}
    facts = (DECISIONS, IN_PROGRAMME)

    @classmethod
    def reads(cls, params):
        return {DECISIONS: frozenset({params["decision"]}), IN_PROGRAMME: None}

    @classmethod
    def check(cls, params, spec_decisions):
        if params["decision"] not in spec_decisions:
            return [f"decision '{params['decision']}' is not declared in any phase's decisions"]
        return []

    @classmethod
    def default_id(cls, params):
        return f"programme:{params['decision']}"

    @staticmethod
    def _title(params, spec) -> dict:
        found = spec.decision(params["decision"])
        return found[1].title if found else {"en": params["decision"]}

    @classmethod
    def met(cls, params, facts, spec):
        if not facts.counts.get(IN_PROGRAMME.name):
            return True
        return facts.decisions.get((params["decision"], PROGRAMME_BODY)) in SATISFYING_OUTCOMES

    @classmethod
    def describe(cls, params, spec, lang):
        title = cls._title(params, spec)
        if lang == "da":
            return (f"»{text(title, 'da')}« godkendt af programmets projektledelse (når "
                    f"projektet hører til et rammeprojekt)")
        return (f"“{text(title, 'en')}” approved by the programme management (when the "
                f"project belongs to a frame project)")

    @classmethod
    def missing(cls, params, facts, spec, lang):
        who = label(BODIES, PROGRAMME_BODY, lang)
        outcome = facts.decisions.get((params["decision"], PROGRAMME_BODY))
        if outcome is None:
            return Msg("{who}: no decision yet", who=who).render(lang)
        return f"{who}: {label(OUTCOMES, outcome, lang)}"

    @classmethod
    def command(cls, params, spec, project):
        return (f"nybureau decision record {project} {params['decision']} --by "
                f"{PROGRAMME_BODY} --outcome approved --date YYYY-MM-DD")
