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


# The records of meetings and of the method's substance, in modules of their own (they build
# on the above); re-exported here, where the tables' records are listed.
from nybureau.domain.meeting_records import (  # noqa: E402
    Meeting, MeetingListed, MeetingPerson, ProjectText, Attachment, AgendaItem,
)
from nybureau.domain.substance_records import (  # noqa: E402
    GovernanceItem, Vote, VoteOnItem, FocusArea, Criterion, CriterionOfPrototype, Iteration,
    Prototype, SurveyRound, SurveyRoundListed, SurveyQuestion, SurveyAnswer, EvaluationNote,
    SpreadingActivity, NetworkFigure, Exemption,
)


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
