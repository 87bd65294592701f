"""The records of the method's substance: governance items, votes, focus areas, prototypes with
their criteria and iterations, surveys, evaluation notes, spreading, a network's figures and a
trial's exemptions. Re-exported by :mod:`nybureau.domain.records`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


# -- substance: governance items, votes, focus areas, prototypes --------------------------------------
@record
class GovernanceItem(_MappingCompat):
    """An item of the governance register, with its agent's name (``agent``)."""
    id: int
    project_id: int
    kind: str
    title: str
    description: str | None
    applies_to: str | None
    source: str | None
    experience: str | None
    character: str | None
    evidence: str | None
    agent_person_id: int | None
    recorded_on: date
    created_at: datetime
    updated_at: datetime
    experienced_by: str | None  # 0014: the role that experiences it so
    label_note: str | None  # 0014: why labels that seem to contradict each other hold
    agent: str | None


@record
class Vote(_MappingCompat):
    id: int
    project_id: int
    item_id: int
    participant: str
    chain_role: str
    verdict: str
    points: int
    voted_on: date
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class VoteOnItem(Vote):
    """A vote with its item's title."""
    item_title: str


@record
class FocusArea(_MappingCompat):
    """A focus area with the ids of the governance items it takes up."""
    id: int
    project_id: int
    title: str
    description: str | None
    decided_on: date
    reason: str | None
    created_at: datetime
    start_year: int | None
    end_year: int | None
    item_ids: tuple[int, ...]


@record
class Criterion(_MappingCompat):
    """A success criterion of a prototype."""
    id: int
    prototype_id: int
    bottom_line: str | None
    text: str
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None
    target: str | None  # the agreed target (0010)
    measured: str | None  # the measured value (0010); None: not measured
    met: bool | None  # whether it met the target (0010); None: not judged
    measured_on: date | None  # (0010)


@record
class CriterionOfPrototype(Criterion):
    """A criterion with its prototype's project id and title."""
    project_id: int
    prototype_title: str


@record
class Iteration(_MappingCompat):
    """A prototype iteration (a pilot at a place)."""
    id: int
    prototype_id: int
    number: int
    place: str
    held_on: date
    learned: str | None
    changed: str | None
    created_at: datetime


@record
class Prototype(_MappingCompat):
    """A prototype with its focus area's title, its criteria and its iterations."""
    id: int
    project_id: int
    focus_area_id: int
    title: str
    description: str | None
    owner: str | None
    status: str
    evaluation_plan: str | None
    created_at: datetime
    updated_at: datetime
    focus_area: str
    criteria: tuple[Criterion, ...]
    iterations: tuple[Iteration, ...]


# -- evaluation: surveys, notes, spreading -------------------------------------------------------------
@record
class SurveyRound(_MappingCompat):
    id: int
    project_id: int
    name: str
    kind: str
    held_on: date
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None
    invited: int | None
    respondent_group: str | None


@record
class SurveyRoundListed(SurveyRound):
    """A survey round with its number of respondents."""
    respondents: int


@record
class SurveyQuestion(_MappingCompat):
    id: int
    project_id: int
    text: str
    bottom_line: str


@record
class SurveyAnswer(_MappingCompat):
    """One answer with its round, respondent (response id), role, question and bottom line."""
    round_id: int
    round: str
    kind: str
    held_on: date
    response_id: int
    role: str
    question_id: int
    question: str
    bottom_line: str
    value: int
    respondent: str
    respondent_group: str | None


@record
class EvaluationNote(_MappingCompat):
    id: int
    project_id: int
    kind: str
    title: str
    held_on: date
    text: str
    prototype_id: int | None
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class SpreadingActivity(_MappingCompat):
    id: int
    project_id: int
    kind: str
    title: str
    audience: str
    held_on: date
    prototype_id: int | None
    note: str | None
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class NetworkFigure(_MappingCompat):
    """One figure of the network comparison: (project, metric, key, value, n)."""
    project_id: int
    metric: str
    key: str
    value: int
    n: int


@record
class Exemption(_MappingCompat):
    """One exemption (*fritagelse*) sought from the ministry for a free-municipality trial."""
    id: int
    project_id: int
    law: str
    section: str
    sought: str
    status: str
    applied_on: date
    answered_on: date | None
    note: str | None
    created_at: datetime
    updated_at: datetime
    voided_at: datetime | None
    void_reason: str | None
