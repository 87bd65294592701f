"""Wiping erased text out of the database's files (``person forget``).

Replacing a name in the rows is not enough: a database keeps old versions of what it changed.

* **SQLite** (WAL mode) writes changed pages to the ``-wal`` file, and the main file keeps the
  old pages until a checkpoint copies the new ones over; text deleted earlier stays in the free
  space of pages unless ``secure_delete`` was on. So the erasure runs with ``PRAGMA
  secure_delete=ON`` (``Tx.admin_secure_delete``), and afterwards :func:`after_erasure`
  checkpoints the WAL into the file and truncates it (``wal_checkpoint(TRUNCATE)``); if the file
  still holds one of the erased texts (free space left by edits made before, without
  ``secure_delete``), it runs ``VACUUM`` — which rebuilds every page — and checkpoints again.

  A checkpoint cannot finish while another connection is in the middle of a read transaction
  (it may still need the old pages). An idle open connection does not matter. So
  :func:`before_erasure` first checkpoints: if a reader prevents it (for the busy timeout), the
  erasure is refused before anything changes. If a reader arrives during the erasure and still
  prevents the final wipe, :func:`after_erasure` says so (the rows are pseudonymised, the file
  may still hold the old text) and how to finish, instead of reporting success.

* **PostgreSQL** keeps the old row versions as dead tuples until ``VACUUM``; :func:`after_erasure`
  runs ``VACUUM`` on the changed tables (outside a transaction). Plain VACUUM marks the space
  free but need not overwrite it at once, and the server's write-ahead log (pg_wal), WAL
  archives and base backups keep the old text until they are recycled: erasing those is the
  database operator's part (``VACUUM FULL`` on the tables rewrites them into new files).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Iterable

from nybureau.errors import DatabaseError
from nybureau.i18n import Msg


def _timeout() -> float:
    from nybureau.persistence import store

    return store.BUSY_TIMEOUT_S


def _checkpoint(con: sqlite3.Connection) -> bool:
    """Checkpoint the WAL into the database file and truncate it; True when it completed."""
    busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def _open(path: Path, timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=timeout, isolation_level=None)


def ready(path: Path, timeout: float) -> bool:
    """Whether the database file can be wiped now (no reader in the way): an empty WAL.

    A reader that began while the WAL was empty reads the file alone and does not hold up a
    checkpoint of nothing — but it would hold up the one after the erasure. So one no-op write
    (the schema revision set to itself) goes into the WAL, and that must be checkpointed too."""
    con = _open(path, timeout)
    try:
        if not _checkpoint(con):
            return False
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("UPDATE alembic_version SET version_num = version_num")
            con.execute("COMMIT")
        except sqlite3.Error:
            con.execute("ROLLBACK")
            raise
        return _checkpoint(con)
    except sqlite3.OperationalError:
        return False  # locked for longer than the busy timeout
    finally:
        con.close()


def _in_use(path: Path) -> DatabaseError:
    return DatabaseError(
            Msg("Another program is reading the database {path} right now, so the old name could "
                "not be wiped from the file after the erasure. Nothing was changed. Close other "
                "programs using the database and try again.", path=path))


def _unfinished(path: Path, pseudonym: str, problem: str | None = None) -> DatabaseError:
    why_en = (f"the file could not be rebuilt ({problem})" if problem else
              f"another program was reading the database {path} meanwhile")
    why_da = (f"filen kunne ikke genopbygges ({problem})" if problem else
              f"et andet program læste databasen {path} imens")
    return DatabaseError(
        Msg("The person is now “{pseudonym}” in every record, but {why_en}, so the old name may "
            "still be readable in the file's unused space. Close other programs using the database "
            "and run `nybureau person forget \"{pseudonym}\" --reason …` to finish wiping the "
            "file.", pseudonym=pseudonym, why_en=why_en, why_da=why_da))


def before_erasure(store) -> None:
    """Refuse, before anything changes, while another connection blocks the final wipe."""
    path = store.sqlite_path
    if path is None or not path.exists():
        return
    if not ready(path, _timeout()):
        raise _in_use(path)


def _patterns(texts: Iterable[str]) -> list[re.Pattern[str]]:
    return [re.compile(r"\s+".join(re.escape(p) for p in t.split()), re.IGNORECASE)
            for t in texts if t and t.strip()]


def holds(path: Path, texts: Iterable[str]) -> bool:
    """Whether the file (read as UTF-8, any case, any white space) contains one of ``texts``;
    read in pieces, each overlapping the one before, so a large file is not held in memory."""
    import codecs

    texts = [t for t in texts if t and t.strip()]
    patterns = _patterns(texts)
    if not patterns or not path.exists():
        return False
    overlap = 4 * max(len(t) for t in texts) + 64
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    tail = ""
    with path.open("rb") as f:
        while True:
            chunk = f.read(1 << 22)
            text = tail + decode(chunk, final=not chunk)
            if any(rx.search(text) for rx in patterns):
                return True
            if not chunk:
                return False
            tail = text[-overlap:]


def after_erasure(store, tables: list[str], texts: list[str], pseudonym: str) -> None:
    """Wipe the erased ``texts`` out of the database's files after the erasure committed."""
    path = store.sqlite_path
    if path is not None:
        _wipe_sqlite(path, texts, pseudonym)
    elif store.engine.dialect.name == "postgresql":
        _vacuum_postgres(store, tables)


def _wipe_sqlite(path: Path, texts: list[str], pseudonym: str) -> None:
    wal = Path(str(path) + "-wal")
    con = _open(path, _timeout())
    try:
        if not _checkpoint(con):
            raise _unfinished(path, pseudonym)
        if holds(path, texts):
            # left in free space by edits made before, without secure_delete: rebuild the file
            con.execute("VACUUM")
            if not _checkpoint(con):
                raise _unfinished(path, pseudonym)
    except sqlite3.OperationalError as exc:  # e.g. no room for VACUUM's copy
        raise _unfinished(path, pseudonym, str(exc)) from None
    finally:
        con.close()
    if wal.exists() and wal.stat().st_size:
        raise _unfinished(path, pseudonym)


def _vacuum_postgres(store, tables: list[str]) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from nybureau.persistence import tables as t

    names = [n for n in tables if n in t.metadata.tables]  # our own tables only
    try:
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            for name in names:
                conn.exec_driver_sql(f'VACUUM "{name}"')
    except SQLAlchemyError:
        pass  # e.g. not the tables' owner: the dead tuples go with the next autovacuum
