"""The schema's metadata (naming convention), the timestamp type and the void columns shared by
the tables of every module of this package."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, Text

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

TS = DateTime(timezone=True)


def _void_columns() -> tuple[Column, Column]:
    """voids (0007): a row entered by mistake is voided, not deleted — when and why. It stays
    in the database and the history and leaves gates, counts and documents. Added by
    migrations/versions/0007_voids.py to the tables in VOIDABLE."""
    return (Column("voided_at", TS), Column("void_reason", Text))


#: The tables whose rows can be voided (0007).
VOIDABLE = ("decision", "activity", "vote", "prototype_criterion", "survey_round", "attachment",
            "evaluation_note", "spreading_activity",
            # risks, drivers and barriers; communication (0013); field notes (0014)
            "risk_entry", "stakeholder", "field_note",
            # the implementation questionnaire and the interview log (0016);
            # a free-municipality trial's exemptions (0017)
            "implementation_rating", "implementation_interview", "exemption")
