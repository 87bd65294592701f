"""Evaluation by design (0016): a project's evaluation design (the bottom lines, the criteria,
the planned rounds and who evaluates), the open answers of a survey, and the implementation
questionnaire and interview log of a programme with core elements (both voidable). Defined after every older
table so that the order of ``metadata.sorted_tables`` (export order, seal order) of those is
unchanged. Mirrored exactly by migrations/versions/0016_evaluation_design.py."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from nybureau.persistence.tables.base import TS, _void_columns, metadata

# One per project: decided at the start, changed by setting it again (the history keeps each).
evaluation_design = Table(
    "evaluation_design", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, unique=True),
    Column("bottom_lines", String(100), nullable=False),   # comma-separated bottom-line codes
    Column("criteria", Text),                              # one criterion per line
    Column("evaluator", String(20), nullable=False),       # internal, consultants, external
    Column("evaluator_name", String(300)),
    Column("baseline_on", Date),                           # the planned rounds
    Column("mid_term_on", Date),
    Column("follow_up_on", Date),
    Column("decided_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
)

# The open (free-text) answers of a survey response: one per question.
survey_open_answer = Table(
    "survey_open_answer", metadata,
    Column("id", Integer, primary_key=True),
    Column("response_id", Integer, ForeignKey("survey_response.id"), nullable=False,
           index=True),
    Column("question", String(500), nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("response_id", "question", name="uq_survey_open_answer_response_question"),
)

# The implementation questionnaire: a core element's implementation degree in one round.
implementation_rating = Table(
    "implementation_rating", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("element", String(60), nullable=False),         # a core element's id (the workflow)
    Column("round", String(100), nullable=False),          # e.g. midtvejs-2018
    Column("degree", String(20), nullable=False),          # full, partial, none
    Column("recorded_on", Date, nullable=False),
    Column("note", Text),
    Column("created_at", TS, nullable=False),
    # one current degree per element and round: held by the service among the rows not
    # voided (a voided rating gives way to the corrected one)
    *_void_columns(),
)

# The interview log: anonymous — the interviewee is a role, never a name.
implementation_interview = Table(
    "implementation_interview", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("held_on", Date, nullable=False),
    Column("role", String(100), nullable=False),
    Column("interviewer", String(300), nullable=False),
    Column("summary", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)
