"""The frame project a network can carry (0018): the programme and its own steps. Defined after
every older table so that the order of ``metadata.sorted_tables`` (export order, seal order) of
those is unchanged. Mirrored exactly by migrations/versions/0018_programme.py."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from nybureau.persistence.tables.base import TS, metadata

# The frame project (rammeprojekt) around a network's local projects: its name, who owns it
# (projektejer/styregruppe), who manages it (names and organisations as written) and what it is.
network_programme = Table(
    "network_programme", metadata,
    Column("id", Integer, primary_key=True),
    Column("network_id", Integer, ForeignKey("network.id"), nullable=False),
    Column("name", String(300), nullable=False),
    Column("owner", String(500)),
    Column("management", String(1000)),
    Column("description", Text),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("network_id", name="uq_network_programme_network"),
)

# One of the programme's own steps, numbered from 1: what, when it is expected to end, when it
# was done (None: not yet), and a note.
programme_step = Table(
    "programme_step", metadata,
    Column("id", Integer, primary_key=True),
    Column("programme_id", Integer, ForeignKey("network_programme.id"), nullable=False,
           index=True),
    Column("number", Integer, nullable=False),
    Column("title", String(500), nullable=False),
    Column("due_on", Date),
    Column("done_on", Date),
    Column("note", Text),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("programme_id", "number", name="uq_programme_step_number"),
)
