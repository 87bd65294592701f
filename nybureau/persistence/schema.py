"""The schema revision this code expects. Kept apart from Alembic so that checking it costs no
Alembic import; a test checks it equals the migration scripts' head."""

SCHEMA_HEAD = "0017"
