"""evaluation design

Revision ID: 0016
Revises: 0012

Evaluation by design (issue 16 §5): a project's evaluation design, decided at the start
(``evaluation_design``: the bottom lines, the criteria, the planned baseline, mid-term and
follow-up rounds, who evaluates); a survey round's number invited and its respondent group
(``survey_round.invited``, ``respondent_group``: staff or citizen); the open answers of a
survey (``survey_open_answer``); the implementation questionnaire (``implementation_rating``:
a core element's implementation degree per round) and the anonymous interview log
(``implementation_interview``) of a programme with core elements. Nothing existing changes: the
new columns are empty (a round of staff, the number invited not known). Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

def _void_columns():
    """A rating or an interview entered by mistake is voided, not deleted (as in 0007)."""
    return (sa.Column("voided_at", TS, nullable=True), sa.Column("void_reason", sa.Text(),
                                                                  nullable=True))


_ROUND_COLUMNS = (sa.Column("invited", sa.Integer(), nullable=True),
                  sa.Column("respondent_group", sa.String(20), nullable=True))


def upgrade() -> None:
    for column in _ROUND_COLUMNS:
        op.add_column("survey_round", column)
    op.create_table(
        "evaluation_design",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False,
                  unique=True),
        sa.Column("bottom_lines", sa.String(100), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=True),
        sa.Column("evaluator", sa.String(20), nullable=False),
        sa.Column("evaluator_name", sa.String(300), nullable=True),
        sa.Column("baseline_on", sa.Date(), nullable=True),
        sa.Column("mid_term_on", sa.Date(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "survey_open_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("response_id", sa.Integer(), sa.ForeignKey("survey_response.id"),
                  nullable=False),
        sa.Column("question", sa.String(500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.UniqueConstraint("response_id", "question",
                            name="uq_survey_open_answer_response_question"),
    )
    op.create_index("ix_survey_open_answer_response_id", "survey_open_answer", ["response_id"])
    op.create_table(
        "implementation_rating",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("element", sa.String(60), nullable=False),
        sa.Column("round", sa.String(100), nullable=False),
        sa.Column("degree", sa.String(20), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        *_void_columns(),
    )
    op.create_index("ix_implementation_rating_project_id", "implementation_rating",
                    ["project_id"])
    op.create_table(
        "implementation_interview",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("interviewer", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        *_void_columns(),
    )
    op.create_index("ix_implementation_interview_project_id", "implementation_interview",
                    ["project_id"])


def downgrade() -> None:
    for name in ("implementation_interview", "implementation_rating", "survey_open_answer"):
        op.drop_table(name)
    op.drop_table("evaluation_design")
    with op.batch_alter_table("survey_round") as batch:
        for column in reversed(_ROUND_COLUMNS):
            batch.drop_column(column.name)
