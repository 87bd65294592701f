"""The records the repository hands out: one frozen dataclass per entity (and one per joined
read, carrying the joined fields by name).

Plain Python, like the rest of ``domain``: no SQLAlchemy. The repository builds every record in
one place (:mod:`nybureau.persistence.build`) from a row's mapping; the field names are the
column names (the labels of joined columns), so a record of a table row has exactly that
table's columns — a test holds them equal, so a migration that adds a column also adds the
field here.

Lists inside a record (attendees, attachments, criteria …) are tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Iterator


class _MappingCompat:
    """TRANSITIONAL — removed once every caller reads attributes (issue 12).

    Lets existing code that treats a record as the row dict it used to be keep working while
    it is converted: ``r["name"]``, ``r.get("name")``, ``"name" in r``, ``r.keys()``,
    ``r.items()``, ``dict(r)`` and ``{**r}`` (both use ``keys`` and ``__getitem__``), and
    ``r["name"] = value`` on a field the record already has (code that still adjusts a row in
    place). New code uses attributes and :func:`dataclasses.replace`."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except (AttributeError, TypeError):
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default) if key in _names(type(self)) else default

    def keys(self) -> tuple[str, ...]:
        return _names(type(self))

    def __contains__(self, key: object) -> bool:
        return key in _names(type(self))

    def items(self) -> Iterator[tuple[str, Any]]:
        return ((k, getattr(self, k)) for k in _names(type(self)))

    def values(self) -> Iterator[Any]:
        return (getattr(self, k) for k in _names(type(self)))

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in _names(type(self)):
            raise KeyError(key)
        object.__setattr__(self, key, value)

    # Equality is the dataclass's (same class, equal fields), plus — TRANSITIONAL — equality
    # with a dict of the same fields (readers that still hand out dicts, tests comparing them).
    def __eq__(self, other: object) -> bool:
        names = _names(type(self))
        if type(other) is type(self):
            return all(getattr(self, k) == getattr(other, k) for k in names)
        if isinstance(other, dict):
            return other.keys() == set(names) and all(getattr(self, k) == other[k]
                                                      for k in names)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self), *self.values()))


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def field_names(cls: type) -> tuple[str, ...]:
    """The record class's field names, in order."""
    return _names(cls)


def is_record(value: Any) -> bool:
    return isinstance(value, _MappingCompat)


def plain(value: Any) -> Any:
    """``value`` with every record in it (at any depth of lists, tuples and dicts) turned into
    the dict of its fields, and the tuples of a record into lists: the shape the rows had
    before they had names, for JSON (the audit payloads, ``--json``)."""
    if isinstance(value, _MappingCompat):
        return {k: plain(getattr(value, k)) for k in _names(type(value))}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple) and any(isinstance(v, _MappingCompat) for v in value):
        return [plain(v) for v in value]
    return value


#: Every record: frozen, with slots; equality and hashing come from :class:`_MappingCompat`.
record = dataclass(frozen=True, slots=True, eq=False)


# -- networks, workflow definitions, projects ----------------------------------------------------
@record
class Network(_MappingCompat):
    id: int
    slug: str
    name: str
    created_at: datetime
    responsible_municipality: str | None


@record
class NetworkSummary(Network):
    """A network with how many projects it has (``network list``)."""
    projects: int


@record
class WorkflowDefinitionSummary(_MappingCompat):
    id: int
    key: str
    version: int
    hash: str
    projects: int


@record
class Project(_MappingCompat):
    """A project with its network's slug and name and its workflow definition's key, version
    and hash."""
    id: int
    slug: str
    name: str
    municipality: str
    area: str | None
    network_id: int | None
    workflow_definition_id: int
    phase: str
    phase_entered_on: date
    started_on: date
    proposer: str | None  # who indstiller (0009); None: the project leadership
    case_number: str | None  # sagsnr. (0009)
    version: int
    created_at: datetime
    updated_at: datetime
    network_slug: str | None
    network_name: str | None
    workflow_key: str
    workflow_version: int
    workflow_hash: str


@record
class ProjectMove(_MappingCompat):
    """Just what a phase move of many projects reads and writes (``projects_for_moves``)."""
    id: int
    slug: str
    network_id: int | None
    workflow_definition_id: int
    phase: str
    phase_entered_on: date
    version: int


# -- people, bodies, agents ------------------------------------------------------------------------
@record
class Person(_MappingCompat):
    id: int
    full_name: str
    email: str | None
    union_affiliation: str | None
    created_at: datetime


@record
class Membership(_MappingCompat):
    id: int
    project_id: int
    body: str
    person_id: int
    role: str | None
    valid_from: date | None  # the membership's period (0009); None: from the project's start
    valid_to: date | None  # None: still a member
    created_at: datetime


@record
class Member(_MappingCompat):
    """A member of a project's body, with the person's name and the membership's period."""
    body: str
    role: str | None
    full_name: str
    person_id: int
    valid_from: date | None = None  # None: from the project's start
    valid_to: date | None = None  # the last day as a member; None: still a member


@record
class Agent(_MappingCompat):
    id: int
    project_id: int
    person_id: int
    title: str | None
    appointed_on: date
    created_at: datetime


@record
class AppointedAgent(_MappingCompat):
    """A project's agent (forandringsagent), with the person's name."""
    title: str | None
    appointed_on: date
    full_name: str
    person_id: int


# -- decisions, activities, phase history -----------------------------------------------------------
@record
class Decision(_MappingCompat):
    id: int
    project_id: int
    decision_key: str
    body: str
    outcome: str
    decided_on: date
    note: str | None
    source: str
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class Activity(_MappingCompat):
    id: int
    project_id: int | None
    network_id: int | None
    kind: str
    number: int | None
    title: str | None
    held_on: date
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class ActivityWithAttendees(Activity):
    """An activity with its attendees' names, alphabetically."""
    attendees: tuple[str, ...]


@record
class Transition(_MappingCompat):
    """A phase transition (advance, skip, move back …)."""
    id: int
    project_id: int
    from_phase: str | None
    to_phase: str
    kind: str
    reason: str | None
    on_date: date
    actor: str
    created_at: datetime


@record
class AuditEvent(_MappingCompat):
    """An event of the history, its payloads parsed (``before``/``after``) and ``at`` in UTC."""
    id: int
    at: datetime
    actor: str
    action: str
    project_id: int | None
    network_id: int | None
    entity: str
    entity_id: int | None
    before: Any
    after: Any
    prev_hash: str
    hash: str
    scheme: int | None
    state: str | None


# -- meetings ----------------------------------------------------------------------------------------
@record
class Meeting(_MappingCompat):
    """A meeting with its project's slug, name and municipality or its network's slug and
    name."""
    id: int
    project_id: int | None
    network_id: int | None
    body: str
    number: int | None
    committee: str | None
    title: str | None
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    minute_taker: str | None
    status: str
    approved_on: date | None
    agenda_sent_at: datetime | None  # when the agenda was sent (0009): then it is frozen
    case_number: str | None  # sagsnr. (0009)
    document_number: str | None  # dok.nr. (0009)
    created_at: datetime
    series_id: int | None  # the meeting series it was planned in (0011)
    minutes_sent_at: datetime | None  # when its minutes were sent (0011)
    project_slug: str | None
    project_name: str | None
    municipality: str | None
    network_slug: str | None
    network_name: str | None


@record
class MeetingListed(Meeting):
    """A meeting of a list, with its number of agenda items."""
    items: int


@record
class MeetingPerson(_MappingCompat):
    """A participant of a meeting (or one who sent apologies), with the person's name."""
    person_id: int
    role: str | None
    attendance: str
    full_name: str


@record
class ProjectText(_MappingCompat):
    """One of the project's own texts (0009): ``field`` names which (background, purpose …)."""
    id: int
    project_id: int
    field: str
    text: str
    created_at: datetime
    updated_at: datetime


@record
class Attachment(_MappingCompat):
    id: int
    agenda_item_id: int
    title: str
    location: str
    publishable: bool
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class AgendaItem(_MappingCompat):
    """An agenda item with its recommendations (the indstilling, sentences) and attachments."""
    id: int
    meeting_id: int
    position: int
    standing: str | None
    title: str | None
    kind: str
    closed: bool
    case_number: str | None
    background: str | None  # as a user wrote it
    # the background nybureau generated when it planned the agenda (0008): {"da": …, "en": …}
    background_generated: dict[str, str] | None
    # a generated sentence is {"da": …, "en": …}; a user's is a str
    recommendations: tuple[str | dict[str, str], ...] | None
    finances: str | None
    summary: str | None  # resumé (0009)
    consequences: str | None  # konsekvenser (0009)
    consultation: str | None  # høring og sagsgang (0009)
    decision_key: str | None
    subject_project_id: int | None
    outcome: str | None
    decision_text: str | None
    decided_at: datetime | None
    created_at: datetime
    attachments: tuple[Attachment, ...]


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


#: The record of each table's plain rows (a test holds their fields equal to the columns).
TABLE_RECORDS: dict[str, type] = {
    "network": Network, "person": Person, "membership": Membership, "agent": Agent,
    "decision": Decision, "activity": Activity, "phase_transition": Transition,
    "audit_event": AuditEvent, "attachment": Attachment, "vote": Vote,
    "prototype_criterion": Criterion, "prototype_iteration": Iteration,
    "survey_round": SurveyRound, "survey_question": SurveyQuestion,
    "evaluation_note": EvaluationNote, "spreading_activity": SpreadingActivity,
    "project_text": ProjectText, "exemption": Exemption,
}

#: Records that extend a table's row with joined fields: table → (record, the added fields).
JOINED_RECORDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "project": (Project, ("network_slug", "network_name", "workflow_key", "workflow_version",
                          "workflow_hash")),
    "meeting": (Meeting, ("project_slug", "project_name", "municipality", "network_slug",
                          "network_name")),
    "agenda_item": (AgendaItem, ("attachments",)),
    "governance_item": (GovernanceItem, ("agent",)),
    "focus_area": (FocusArea, ("item_ids",)),
    "prototype": (Prototype, ("focus_area", "criteria", "iterations")),
}

# The records of the tables between meetings (0011), in a module of their own.
from nybureau.domain.follow_up_records import (  # noqa: E402  (they build on the above)
    ActionItem,
    BodyDeadline,
    MeetingSeries,
    OutboxMessage,
)

TABLE_RECORDS.update({"action_item": ActionItem, "meeting_series": MeetingSeries,
                      "body_deadline": BodyDeadline, "outbox_message": OutboxMessage})

# The records of the web view's tables (0012), in a module of their own.
from nybureau.domain.web_records import (  # noqa: E402  (they build on the above)
    MinutesApproval,
    WebAttempt,
    WebGrant,
    WebSession,
    WebToken,
    WorkshopRound,
    WorkshopVoter,
)

TABLE_RECORDS.update({"web_grant": WebGrant, "web_token": WebToken, "web_session": WebSession,
                      "web_attempt": WebAttempt, "minutes_approval": MinutesApproval,
                      "workshop_round": WorkshopRound, "workshop_voter": WorkshopVoter})

# The records of the risk and barrier log and the communication plan (0013), in a module of
# their own.
from nybureau.domain.risk_records import RiskEntry, Stakeholder  # noqa: E402

TABLE_RECORDS.update({"risk_entry": RiskEntry, "stakeholder": Stakeholder})

# The records of the workshop plan's tables (0015), in a module of their own.
from nybureau.domain.workshop_plan_records import (  # noqa: E402  (they build on the above)
    InvitedPerson,
    WorkshopInvitee,
    WorkshopPlan,
)

TABLE_RECORDS.update({"workshop_plan": WorkshopPlan, "workshop_invitee": WorkshopInvitee})

# The records of evaluation by design (0016), in a module of their own.
from nybureau.domain.evaluation_records import (  # noqa: E402  (they build on the above)
    EvaluationDesign,
    ImplementationInterview,
    ImplementationRating,
    SurveyOpenAnswer,
)

TABLE_RECORDS.update({"evaluation_design": EvaluationDesign,
                      "survey_open_answer": SurveyOpenAnswer,
                      "implementation_rating": ImplementationRating,
                      "implementation_interview": ImplementationInterview})
# The records of the field work's tables (0014), in a module of their own.
from nybureau.domain.fieldwork_records import FieldNote  # noqa: E402  (it builds on the above)

JOINED_RECORDS["field_note"] = (FieldNote, ("agent", "item_ids"))

# The records of the frame project's tables (0018), in a module of their own.
from nybureau.domain.programme_records import Programme, ProgrammeStep  # noqa: E402

TABLE_RECORDS.update({"network_programme": Programme, "programme_step": ProgrammeStep})
