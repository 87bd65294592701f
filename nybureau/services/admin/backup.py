"""``nybureau backup --out FILE``: a consistent copy of the SQLite database, taken while others
may be writing (SQLite's online backup API), then checked before it is kept.

Unlike the other use cases this one works on the store, not inside a transaction: the backup
API reads the database file page by page in its own read transaction. The copy is written next
to the target under a temporary name (:mod:`nybureau.fsio`), checked (SQLite's integrity check,
the schema revision, the audit chain), and only then renamed into place, so a failed backup
never leaves a file that looks good, nor a temporary one.

The audit check is ``audit verify`` itself (the chain and the state seal) run on the copy, and
its verdict is reported as it is: a copy of a database whose history is broken is still kept —
it is the evidence of what was found — but the command says so, naming the first broken link or
row, and exits with 1 (the CLI), so a scheduled backup cannot hide it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.persistence.store import Store


def backup(store: Store, out: str | Path, *, overwrite: bool = False) -> dict[str, Any]:
    """Copy the SQLite database to ``out`` and check the copy (see the module); an existing
    file is overwritten only with ``overwrite``."""
    from nybureau.persistence.store import Store
    from nybureau.services.admin.audit import verify

    target = Path(out).expanduser()
    if target.is_dir():
        raise InvalidInput(Msg("'{target}' is a folder; give a file name such as backup.db.",
                               target=target))
    if not target.parent.exists():
        raise InvalidInput(Msg("The folder '{parent}' does not exist.", parent=target.parent))
    src = store.sqlite_path
    if src is not None and target.resolve() == src.resolve():
        raise InvalidInput(Msg("The backup cannot overwrite the database itself; choose another file."))
    if target.exists() and not overwrite:
        raise InvalidInput(Msg("'{target}' already exists; choose a new file name or add --force.",
                               target=target))
    from nybureau.fsio import Staging

    with Staging() as batch:  # moved into place only when complete and checked
        part = batch.path(target)
        store.backup_to(part)
        copy = Store("sqlite:///" + str(part.resolve()))
        try:
            with copy.engine.connect() as conn:
                ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            if ok != "ok":
                raise InvalidInput(Msg("The copy failed SQLite's integrity check ({ok}); the "
                                       "backup was not kept.", ok=ok))
            with copy.read("backup") as tx:
                chain = verify(tx)
                counts = {n: tx.admin_count(n) for n in tx.admin_table_names()}
        finally:
            copy.dispose()
        for suffix in ("-wal", "-shm", "-journal"):  # the check's own files, if any
            Path(str(part) + suffix).unlink(missing_ok=True)
    return {"file": str(target), "bytes": target.stat().st_size, "counts": counts,
            "audit_ok": chain["ok"], "events": chain["events"], "head": chain["head"],
            "first_broken": chain["first_broken"], "chain": chain}
