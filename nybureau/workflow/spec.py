"""A workflow definition, frozen and validated: what the engine runs.

A spec is built by :mod:`nybureau.workflow.loader` from YAML and stored with each project as
JSON (``to_dict``/``from_dict``), so a project keeps running on the version it started with even
if the file changes later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Label = dict[str, str]

SPEC_FORMAT = 1


def text(label: Label | None, lang: str) -> str:
    if not label:
        return ""
    return label.get(lang) or label.get("en") or next(iter(label.values()), "")


@dataclass(frozen=True)
class DecisionSpec:
    id: str
    title: Label
    by: tuple[str, ...]
    allow_noted: bool = False
    # Used by decision papers: the background (sagsfremstilling) and the recommendation
    # (indstilling) a project leader starts from.
    description: Label = field(default_factory=dict)
    recommendation: Label = field(default_factory=dict)
    # Where the model leaves a choice to the municipality (who agrees the evaluation criteria),
    # the definition says what it chose, in words a decision paper prints as *Lokalt valg*.
    local_choice: Label = field(default_factory=dict)


@dataclass(frozen=True)
class RequirementSpec:
    id: str
    kind: str
    params: dict[str, Any]


@dataclass(frozen=True)
class PhaseSpec:
    id: str
    number: int
    title: Label
    purpose: Label
    decisions: tuple[DecisionSpec, ...]
    requirements: tuple[RequirementSpec, ...]
    next: str


@dataclass(frozen=True)
class FinalSpec:
    id: str
    title: Label


@dataclass(frozen=True)
class CoreElementSpec:
    """A core element (kerneelement) of a programme: what its implementation questionnaire
    asks how far it is implemented."""

    id: str
    title: Label
    description: Label = field(default_factory=dict)


@dataclass(frozen=True)
class WorkflowSpec:
    id: str
    version: int
    title: Label
    description: Label
    phases: tuple[PhaseSpec, ...]
    final: FinalSpec
    options: dict[str, Any]
    source_hash: str
    core_elements: tuple[CoreElementSpec, ...] = ()
    #: the definition's own words (nybureau.workflow.terms), only those it changes
    terms: dict[str, Label] = field(default_factory=dict)

    # -- look-ups ---------------------------------------------------------------------------
    @property
    def phase_ids(self) -> list[str]:
        return [p.id for p in self.phases]

    @property
    def state_ids(self) -> list[str]:
        return self.phase_ids + [self.final.id]

    def phase(self, phase_id: str) -> PhaseSpec | None:
        for p in self.phases:
            if p.id == phase_id:
                return p
        return None

    def index(self, state_id: str) -> int:
        """Position in the order of states; the final state comes last."""
        return self.state_ids.index(state_id)

    def title_of(self, state_id: str) -> Label:
        if state_id == self.final.id:
            return self.final.title
        p = self.phase(state_id)
        return p.title if p else {"en": state_id, "da": state_id}

    def decision(self, decision_id: str) -> tuple[PhaseSpec, DecisionSpec] | None:
        for p in self.phases:
            for d in p.decisions:
                if d.id == decision_id:
                    return p, d
        return None

    @property
    def decision_ids(self) -> list[str]:
        return [d.id for p in self.phases for d in p.decisions]

    # -- storage ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        # the core elements only when there are some: a definition without keeps its JSON
        core = ({"core_elements": [{"id": c.id, "title": c.title, "description": c.description}
                                   for c in self.core_elements]}
                if self.core_elements else {})
        return {
            **core,
            # the terms only when the definition gives some, as the core elements
            **({"terms": self.terms} if self.terms else {}),
            "format": SPEC_FORMAT,
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "options": self.options,
            "source_hash": self.source_hash,
            "final": {"id": self.final.id, "title": self.final.title},
            "phases": [
                {
                    "id": p.id,
                    "number": p.number,
                    "title": p.title,
                    "purpose": p.purpose,
                    "next": p.next,
                    "decisions": [
                        {
                            "id": d.id,
                            "title": d.title,
                            "by": list(d.by),
                            "allow_noted": d.allow_noted,
                            "description": d.description,
                            "recommendation": d.recommendation,
                            # only when set, so a definition stored before the key existed
                            # reads back equal
                            **({"local_choice": d.local_choice} if d.local_choice else {}),
                        }
                        for d in p.decisions
                    ],
                    "requirements": [
                        {"id": r.id, "kind": r.kind, "params": r.params} for r in p.requirements
                    ],
                }
                for p in self.phases
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkflowSpec:
        phases = tuple(
            PhaseSpec(
                id=p["id"],
                number=p["number"],
                title=p["title"],
                purpose=p["purpose"],
                next=p["next"],
                decisions=tuple(
                    DecisionSpec(
                        id=d["id"],
                        title=d["title"],
                        by=tuple(d["by"]),
                        allow_noted=d["allow_noted"],
                        description=d.get("description", {}),
                        recommendation=d.get("recommendation", {}),
                        local_choice=d.get("local_choice", {}),
                    )
                    for d in p["decisions"]
                ),
                requirements=tuple(
                    RequirementSpec(id=r["id"], kind=r["kind"], params=r["params"])
                    for r in p["requirements"]
                ),
            )
            for p in data["phases"]
        )
        return cls(
            id=data["id"],
            version=data["version"],
            title=data["title"],
            description=data.get("description", {}),
            phases=phases,
            final=FinalSpec(id=data["final"]["id"], title=data["final"]["title"]),
            options=data.get("options", {}),
            source_hash=data["source_hash"],
            core_elements=tuple(
                CoreElementSpec(id=c["id"], title=c["title"], description=c.get("description", {}))
                for c in data.get("core_elements", ())),
            terms=data.get("terms", {}),
        )
