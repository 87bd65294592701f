"""Opening the database, running migrations, and handing out transactions.

SQLite is opened in WAL mode with ``synchronous=NORMAL``, foreign keys on and a busy timeout;
write transactions start with ``BEGIN IMMEDIATE`` so two writers queue instead of failing halfway.
A write that finds the database locked is retried for ``NYBUREAU_BUSY_TIMEOUT`` seconds (default
15), then refused with a clear message and nothing saved.

PostgreSQL behaves the same way on purpose: every write transaction first takes one
transaction-level advisory lock (``pg_advisory_xact_lock``), so writers queue exactly like SQLite's
``BEGIN IMMEDIATE`` while readers never wait. This is what keeps the audit hash chain linear: the
chain head is read and the next event appended inside the lock, so two concurrent transactions
can never both link to the same head (fork the chain). It also means every use case sees the
committed result of the writer before it, as on SQLite. Waiting for the lock is bounded by the
same timeout (``lock_timeout``).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError

from nybureau.errors import ConcurrentChange, DatabaseError, InvalidInput, NybureauError
from nybureau.i18n import Msg
from nybureau.persistence import seal
from nybureau.persistence.lite import busy_timeout, operational_error
from nybureau.persistence.schema import SCHEMA_HEAD

BUSY_TIMEOUT_S = busy_timeout()
# The key of the one advisory lock that serialises writers on PostgreSQL ("nybureau" in ASCII).
PG_WRITE_LOCK = 0x6E7962757265


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


class Store:
    def __init__(self, url: str, *, pool_size: int = 0) -> None:
        """``pool_size``: on PostgreSQL, keep up to this many connections open for reuse (a
        long-running server such as ``nybureau serve``); 0 (a command): a connection per
        transaction."""
        self.url = url
        self.pool_size = pool_size
        self._engine: Engine | None = None
        # The schema is checked by the first transaction of this Store (one command, or one
        # long-running process), not by every one: two statements less per transaction.
        self._schema_ok = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if self.is_sqlite and self.url.startswith("sqlite:///"):
            return Path(self.url.removeprefix("sqlite:///"))
        return None

    @property
    def display(self) -> str:
        """The database as a user would name it: a file path, or the URL without password."""
        path = self.sqlite_path
        return str(path) if path else _redact(self.url)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            from sqlalchemy.pool import StaticPool

            kwargs = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
            if self.url == "sqlite://":
                kwargs = {"connect_args": {"check_same_thread": False},
                          "poolclass": StaticPool}
            engine = create_engine(self.url, **kwargs)

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn, _record):  # noqa: ANN001
                dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
                cur = dbapi_conn.cursor()
                if self.url != "sqlite://":
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
                cur.close()

            @event.listens_for(engine, "begin")
            def _on_begin(conn: Connection) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

            seal.install(engine)
            return engine
        try:
            from sqlalchemy.pool import NullPool

            # One command is one short process: a pool would only keep server connections
            # open (and, with many commands in one process, exhaust max_connections). A
            # server asks for one: a new connection per request costs more than its work.
            if self.pool_size > 0:
                engine = create_engine(self.url, pool_size=self.pool_size, max_overflow=0,
                                       pool_pre_ping=True, pool_timeout=BUSY_TIMEOUT_S)
            else:
                engine = create_engine(self.url, poolclass=NullPool)
        except ModuleNotFoundError as exc:
            raise DatabaseError(
                f"The database driver is not installed ({exc.name}). For PostgreSQL install "
                "nybureau with its extra: pip install 'nybureau[postgres]'."
            ) from None
        except SQLAlchemyError as exc:
            raise DatabaseError(f"Cannot use the database URL '{_redact(self.url)}': {exc}") from None
        if engine.dialect.name == "postgresql":

            @event.listens_for(engine, "begin")
            def _on_pg_begin(conn: Connection) -> None:
                if conn.info.get("write"):
                    # Bounded wait, then the same clear "busy" message as on SQLite.
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'")
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
        seal.install(engine)
        return engine

    # -- schema -------------------------------------------------------------------------------
    def revision(self, conn: Connection) -> str | None:
        from sqlalchemy import inspect

        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def init(self, actor: str = "nybureau init") -> tuple[str | None, str]:
        """Create or upgrade the schema to the newest revision. Idempotent.

        A database upgraded from a schema without the state seal gets its present rows sealed
        once, in the upgrade's own transaction, by one ``audit.baseline`` event (see
        :mod:`nybureau.persistence.seal`): the state at the upgrade is trusted as it was."""
        from alembic import command
        from alembic.config import Config
        from sqlalchemy import inspect

        path = self.sqlite_path
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._bad_path(exc) from None
        with self._connect(write=True) as conn:
            before = self.revision(conn)
            had_seal = inspect(conn).has_table(seal.SEAL_TABLE)
        if before is not None and before != SCHEMA_HEAD and before not in _known_revisions():
            raise self._newer(before)
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self._connect(write=True) as conn:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                # rows a migration rewrote (e.g. 0008): sealed again as they became
                migrated = conn.info.pop("nybureau.migrated_rows", None)
                if before is not None and (not had_seal or migrated):
                    from nybureau.persistence.repository import Tx

                    seal.begin(conn)
                    try:
                        tx = Tx(conn, actor, self.url)
                        if not had_seal:
                            tx.admin_reset_sequences()  # (rows copied in with their ids)
                            seal.baseline(tx, from_schema=before, to_schema=SCHEMA_HEAD)
                        else:
                            seal.baseline(tx, from_schema=before, to_schema=SCHEMA_HEAD,
                                          reason="migration", only=migrated)
                        seal.flush(tx)
                    finally:
                        seal.end(conn)
        return before, SCHEMA_HEAD

    def _check_schema(self, conn: Connection) -> None:
        if self._schema_ok:
            return
        rev = self.revision(conn)
        if rev == SCHEMA_HEAD:
            self._schema_ok = True
            return
        if rev is None:
            raise self._not_set_up()
        if rev not in _known_revisions():
            raise self._newer(rev)
        raise DatabaseError(
            Msg("The database schema is at revision {rev}, this nybureau needs {schema_head}. "
                "Run `nybureau init` to upgrade it (your records are kept).", rev=rev,
                schema_head=SCHEMA_HEAD),
        )

    def _newer(self, rev: str) -> DatabaseError:
        return DatabaseError(
            Msg("The database {display} was made by a newer nybureau (schema {rev}; this one "
                "knows up to {schema_head}). Upgrade nybureau to use it; nothing was changed.",
                display=self.display, rev=rev, schema_head=SCHEMA_HEAD))

    def _bad_path(self, exc: OSError) -> DatabaseError:
        shown = self.display if len(self.display) <= 120 else self.display[:119] + "…"
        return DatabaseError(
            Msg("The database path {shown} cannot be used ({value}). Give another "
                "--db path.", shown=shown, value=exc.strerror or exc))

    def _not_set_up(self) -> DatabaseError:
        return DatabaseError(
            Msg("The database {display} is not set up for nybureau yet. "
                "Run `nybureau init` first (with --db if you use another database).",
                display=self.display),
        )

    # -- connections and transactions ------------------------------------------------------------
    @contextmanager
    def _connect(self, write: bool) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = write
                yield conn
        except NybureauError:
            raise
        except OperationalError as exc:
            raise _operational(exc, self.url) from None
        except OverflowError as exc:  # SQLite: a Python int beyond 64 bits (PostgreSQL: DataError)
            raise InvalidInput(
                Msg("A number is too large for the database ({exc}); nothing was saved. Give a "
                    "smaller number.", exc=exc)) from None
        except DataError as exc:  # PostgreSQL enforces lengths and types SQLite lets through
            detail = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
            raise DatabaseError(
                Msg("The database refused a value ({detail}); nothing was saved. Shorten or correct "
                    "the text and try again.", detail=detail)) from None
        except SADatabaseError as exc:
            if "file is not a database" not in str(exc.orig):
                raise
            raise DatabaseError(
                Msg("The file {display} is not a database (not an SQLite file). Give the path "
                    "of a nybureau database with --db, or a path where none exists yet for a new one.",
                    display=self.display)) from None

    @contextmanager
    def transaction(self, actor: str, *, write: bool = True,
                    expect: dict[str, int] | None = None) -> Iterator["Tx"]:
        """One transaction: committed when the block ends, rolled back on any error.

        ``expect`` maps project slugs to the versions the caller read earlier (e.g. from
        ``status --json``); if any project has changed since, the transaction is refused with
        :class:`ConcurrentChange` ("changed since you read it") before anything is written.
        Within one transaction every change is compare-and-set on the version anyway."""
        from nybureau.persistence.repository import Tx

        path = self.sqlite_path
        try:
            missing = path is not None and not path.exists()
        except OSError as exc:  # e.g. a file name too long
            raise self._bad_path(exc) from None
        if missing:
            raise self._not_set_up()  # and do not leave an empty file behind
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        with self._connect(write) as conn:
            while True:
                try:
                    trans = conn.begin()
                    break
                except OperationalError as exc:  # SQLite "database is locked" while beginning
                    if "locked" in str(exc).lower() and time.monotonic() < deadline:
                        time.sleep(0.05)
                        continue
                    raise _operational(exc, self.url) from None
            try:
                self._check_schema(conn)
                if write:
                    seal.begin(conn)  # rows written from here on are sealed at commit
                tx = Tx(conn, actor, self.url)
                for slug, version in (expect or {}).items():
                    current = tx.project_get(slug)
                    if current is None or current["version"] != version:
                        raise ConcurrentChange(slug)
                yield tx
                if write:
                    seal.flush(tx)
                    trans.commit()
                else:
                    trans.rollback()
            except BaseException:
                trans.rollback()
                raise
            finally:
                seal.end(conn)

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the SQLite database in ``target`` (SQLite's online backup API).

        The copy is taken in one step inside a read transaction: in WAL mode writers go on
        while it runs, and the copy is the database as of one moment."""
        import sqlite3

        if self.sqlite_path is None:
            raise DatabaseError(
                Msg("`nybureau backup` copies SQLite databases. For PostgreSQL use the server's own "
                    "tools (pg_dump), or `nybureau export --out FILE.json`."))
        if not self.sqlite_path.exists():
            raise self._not_set_up()
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            src = sqlite3.connect(str(self.sqlite_path), timeout=BUSY_TIMEOUT_S)
            dst = sqlite3.connect(str(target))
            try:
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA journal_mode=DELETE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise DatabaseError(Msg("The backup failed: {exc}", exc=exc)) from None
            finally:
                dst.close()
                src.close()

    def read(self, actor: str = "reader") -> "contextmanager[Tx]":
        return self.transaction(actor, write=False)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _known_revisions() -> set[str]:
    """Every schema revision this code has a migration for (asked only when the database is
    not at :data:`SCHEMA_HEAD`, so Alembic is imported only then)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def _operational(exc: OperationalError, url: str) -> DatabaseError:
    return operational_error(str(exc.orig) if exc.orig is not None else str(exc), _redact(url))
