"""A read-only reader for SQLite databases on the standard library's ``sqlite3`` alone.

``nybureau status`` is the command a project leader runs most often, ``project list`` next, and
importing SQLAlchemy costs about 20 times Python's own start-up. For an SQLite file whose schema
is this version's, these commands therefore read through :class:`LiteReader`: the repository
methods they call on :class:`~nybureau.persistence.repository.Tx` (``project_get``,
``project_list``, ``workflow_spec(s)``, ``facts``, ``facts_many``), answered with the same
statements written as SQL, returning the same rows; the facts are read through the one facts
module, :func:`~nybureau.persistence.gatefacts.read_facts`, whose queries it renders with
:func:`~nybureau.persistence.gatefacts.to_sql`. A test holds every result equal to Tx's on a
populated database.

Anything else — another database, a URL with options, a missing file, an older or newer schema —
is not this reader's business: :func:`open_reader` returns ``None`` and the caller uses the Store,
which gives the proper message ("run `nybureau init`", …).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

from nybureau.domain.facts import ProjectFacts
from nybureau.errors import DatabaseError
from nybureau.i18n import Msg
from nybureau.persistence.gatefacts import FactNeeds, cached_spec, read_facts, to_sql
from nybureau.persistence.schema import SCHEMA_HEAD


def busy_timeout() -> float:
    """Seconds a statement waits for a locked database (``NYBUREAU_BUSY_TIMEOUT``, default 15)."""
    import os

    try:
        return max(0.1, float(os.environ.get("NYBUREAU_BUSY_TIMEOUT", "15")))
    except ValueError:
        return 15.0


def operational_error(message: str, where: str) -> DatabaseError:
    """The user's message for a database that is busy or cannot be used (both readers)."""
    low = message.lower()
    seconds = busy_timeout()
    if "locked" in low or "busy" in low or "lock timeout" in low:
        return DatabaseError(
            Msg("The database is busy with another user's change and stayed locked for "
                "{seconds:.0f} seconds; nothing was saved. Try again in a moment.",
                seconds=seconds),
        )
    first = message.splitlines()[0] if message else message
    return DatabaseError(Msg("Cannot use the database {where}: {first}", where=where, first=first))


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL (no options), else None."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    return Path(url.removeprefix("sqlite:///"))


# The columns of ``project`` that are not integers or text: converted as SQLAlchemy's SQLite
# dialect converts them (ISO text → date; "YYYY-MM-DD HH:MM:SS.ffffff" → naive datetime).
_DATES = frozenset({"phase_entered_on", "started_on"})
_DATETIMES = frozenset({"created_at", "updated_at"})

_PROJECT_SELECT = (
    "SELECT project.*, network.slug AS network_slug, network.name AS network_name, "
    "workflow_definition.\"key\" AS workflow_key, "
    "workflow_definition.version AS workflow_version, "
    "workflow_definition.hash AS workflow_hash "
    "FROM project LEFT OUTER JOIN network ON network.id = project.network_id "
    "JOIN workflow_definition ON workflow_definition.id = project.workflow_definition_id")

class LiteReader:
    """One read transaction on an SQLite file (see the module's description)."""

    def __init__(self, conn: sqlite3.Connection, where: str) -> None:
        self.conn = conn
        self.where = where

    # -- projects -------------------------------------------------------------------------------
    def _projects(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [c[0] for c in cur.description]
        convert = [(i, date.fromisoformat if n in _DATES else datetime.fromisoformat)
                   for i, n in enumerate(names) if n in _DATES or n in _DATETIMES]
        out = []
        for row in cur:
            values = list(row)
            for i, fn in convert:
                if values[i] is not None:
                    values[i] = fn(values[i])
            out.append(dict(zip(names, values)))
        return out

    def project_get(self, slug: str) -> dict[str, Any] | None:
        rows = self._projects(_PROJECT_SELECT + " WHERE project.slug = ?", (slug,))
        return rows[0] if rows else None

    def project_list(self, network_id: int | None = None) -> list[dict[str, Any]]:
        if network_id is None:
            return self._projects(_PROJECT_SELECT + " ORDER BY project.slug")
        return self._projects(_PROJECT_SELECT + " WHERE project.network_id = ? "
                              "ORDER BY project.slug", (network_id,))

    # -- workflow definitions --------------------------------------------------------------------
    def workflow_spec(self, definition_id: int):
        row = self.conn.execute("SELECT hash, \"key\", version FROM workflow_definition "
                                "WHERE id = ?", (definition_id,)).fetchone()
        if row is None:
            raise DatabaseError(Msg("The workflow definition {definition_id} is missing from the "
                                    "database {where}.", definition_id=definition_id,
                                    where=self.where))
        return cached_spec(tuple(row), lambda: self.conn.execute(
            "SELECT spec_json FROM workflow_definition WHERE id = ?",
            (definition_id,)).fetchone()[0])

    def workflow_specs(self, projects: list[dict[str, Any]]) -> dict[int, Any]:
        return {did: self.workflow_spec(did)
                for did in {p["workflow_definition_id"] for p in projects}}

    # -- facts for the phase gate ----------------------------------------------------------------
    def fact_rows(self, query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
        """The rows of one fact query (the facts module's one interface to a reader)."""
        sql, params = to_sql(query, ids, nets)
        return self.conn.execute(sql, params).fetchall()

    def facts(self, project: dict[str, Any], as_of: Any = None) -> ProjectFacts:
        return self.facts_many([project], as_of=as_of)[project["id"]]

    def facts_many(self, projects: list[dict[str, Any]], only: FactNeeds | None = None,
                   as_of: Any = None) -> dict[int, ProjectFacts]:
        """project id → its facts, as ``Tx.facts_many`` gives them (the same queries; with
        ``as_of``, as they stood on that day)."""
        if not projects:
            return {}
        return read_facts(self, projects, self.workflow_specs(projects), only, as_of)


def open_reader(url: str) -> sqlite3.Connection | None:
    """A connection for :class:`LiteReader` when ``url`` is an SQLite file at this version's
    schema, else None (the Store then handles the database and its messages)."""
    path = sqlite_file(url)
    try:
        if path is None or not path.is_file():
            return None
    except OSError:  # e.g. a file name too long: the Store says so
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout(), isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    if row is None or row[0] != SCHEMA_HEAD:
        conn.close()
        return None
    return conn


@contextmanager
def read(conn: sqlite3.Connection, where: str) -> Iterator[LiteReader]:
    """The read transaction begun by :func:`open_reader`; nothing is ever written."""
    try:
        yield LiteReader(conn, where)
    except sqlite3.Error as exc:
        raise operational_error(str(exc), where) from None
    finally:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        conn.close()
