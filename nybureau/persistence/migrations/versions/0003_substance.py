"""governance register, workshop, prototypes, evaluation

Revision ID: 0003
Revises: 0002

The tables of the substance of phases 3–6: governance items, workshop votes, focus areas,
prototypes with criteria and iterations, survey rounds with responses and answers, evaluation
notes and spreading activities. Mirrors the "substance (0003)" section of tables.py; depends only
on tables of 0001 (project, person).
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _index(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _fk(table: str, column: str, target: str):
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "governance_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("applies_to", sa.String(length=300), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=True),
        sa.Column("experience", sa.String(length=20), nullable=True),
        sa.Column("character", sa.String(length=20), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("agent_person_id", sa.Integer(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _fk("governance_item", "agent_person_id", "person"),
        _fk("governance_item", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_item")),
        sa.UniqueConstraint("project_id", "title", name="uq_governance_item_project_title"),
    )
    _index("governance_item", "project_id")

    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("participant", sa.String(length=300), nullable=False),
        sa.Column("chain_role", sa.String(length=20), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("voted_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _fk("vote", "item_id", "governance_item"),
        _fk("vote", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote")),
        sa.UniqueConstraint("item_id", "participant", name="uq_vote_item_participant"),
    )
    _index("vote", "item_id")
    _index("vote", "project_id")

    op.create_table(
        "focus_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        _fk("focus_area", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focus_area")),
        sa.UniqueConstraint("project_id", "title", name="uq_focus_area_project_title"),
    )
    _index("focus_area", "project_id")

    op.create_table(
        "focus_area_item",
        sa.Column("focus_area_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        _fk("focus_area_item", "focus_area_id", "focus_area"),
        _fk("focus_area_item", "item_id", "governance_item"),
        sa.PrimaryKeyConstraint("focus_area_id", "item_id", name=op.f("pk_focus_area_item")),
    )
    _index("focus_area_item", "item_id")

    op.create_table(
        "prototype",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("focus_area_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("evaluation_plan", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _fk("prototype", "focus_area_id", "focus_area"),
        _fk("prototype", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prototype")),
        sa.UniqueConstraint("project_id", "title", name="uq_prototype_project_title"),
    )
    _index("prototype", "focus_area_id")
    _index("prototype", "project_id")

    op.create_table(
        "prototype_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prototype_id", sa.Integer(), nullable=False),
        sa.Column("bottom_line", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _fk("prototype_criterion", "prototype_id", "prototype"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prototype_criterion")),
    )
    _index("prototype_criterion", "prototype_id")

    op.create_table(
        "prototype_iteration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prototype_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=True),
        sa.Column("changed", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        _fk("prototype_iteration", "prototype_id", "prototype"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prototype_iteration")),
        sa.UniqueConstraint("prototype_id", "number",
                            name="uq_prototype_iteration_prototype_number"),
    )
    _index("prototype_iteration", "prototype_id")

    op.create_table(
        "survey_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _fk("survey_round", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_round")),
        sa.UniqueConstraint("project_id", "name", name="uq_survey_round_project_name"),
    )
    _index("survey_round", "project_id")

    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("bottom_line", sa.String(length=20), nullable=False),
        _fk("survey_question", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
        sa.UniqueConstraint("project_id", "text", name="uq_survey_question_project_text"),
    )
    _index("survey_question", "project_id")

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        _fk("survey_response", "round_id", "survey_round"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint("round_id", "respondent",
                            name="uq_survey_response_round_respondent"),
    )
    _index("survey_response", "round_id")

    op.create_table(
        "survey_answer",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name=op.f("ck_survey_answer_likert")),
        _fk("survey_answer", "question_id", "survey_question"),
        _fk("survey_answer", "response_id", "survey_response"),
        sa.PrimaryKeyConstraint("response_id", "question_id", name=op.f("pk_survey_answer")),
    )
    _index("survey_answer", "question_id")

    op.create_table(
        "evaluation_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("prototype_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        _fk("evaluation_note", "project_id", "project"),
        _fk("evaluation_note", "prototype_id", "prototype"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_note")),
    )
    _index("evaluation_note", "project_id")

    op.create_table(
        "spreading_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("audience", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("prototype_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        _fk("spreading_activity", "project_id", "project"),
        _fk("spreading_activity", "prototype_id", "prototype"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spreading_activity")),
    )
    _index("spreading_activity", "project_id")


_TABLES = [
    ("spreading_activity", ["project_id"]),
    ("evaluation_note", ["project_id"]),
    ("survey_answer", ["question_id"]),
    ("survey_response", ["round_id"]),
    ("survey_question", ["project_id"]),
    ("survey_round", ["project_id"]),
    ("prototype_iteration", ["prototype_id"]),
    ("prototype_criterion", ["prototype_id"]),
    ("prototype", ["project_id", "focus_area_id"]),
    ("focus_area_item", ["item_id"]),
    ("focus_area", ["project_id"]),
    ("vote", ["project_id", "item_id"]),
    ("governance_item", ["project_id"]),
]


def downgrade() -> None:
    for table, columns in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
