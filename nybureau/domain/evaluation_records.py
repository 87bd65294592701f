"""The records of evaluation by design (0016): a project's evaluation design, the open answers
of a survey, and a programme's implementation questionnaire and interview log. Registered in
:data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class EvaluationDesign(_MappingCompat):
    """The evaluation design: bottom lines (comma-separated codes), criteria (one per line),
    who evaluates, the planned rounds and the day it was decided."""
    id: int
    project_id: int
    bottom_lines: str
    criteria: str | None
    evaluator: str
    evaluator_name: str | None
    baseline_on: date | None
    mid_term_on: date | None
    follow_up_on: date | None
    decided_on: date
    created_at: datetime
    updated_at: datetime


@record
class SurveyOpenAnswer(_MappingCompat):
    """One open (free-text) answer of a survey response."""
    id: int
    response_id: int
    question: str
    text: str


@record
class OpenAnswerListed(_MappingCompat):
    """An open answer with its round and the respondent's role and group."""
    round: str
    kind: str
    held_on: date
    respondent_group: str | None
    role: str
    question: str
    text: str


@record
class ImplementationRating(_MappingCompat):
    """A core element's implementation degree in one round of the questionnaire."""
    id: int
    project_id: int
    element: str
    round: str
    degree: str
    recorded_on: date
    note: str | None
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class ImplementationInterview(_MappingCompat):
    """One interview of the log: when, the interviewee's role (never a name), who interviewed,
    and the summary."""
    id: int
    project_id: int
    held_on: date
    role: str
    interviewer: str
    summary: str
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None
