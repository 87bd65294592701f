"""The state seal: the audit chain covers the rows, not only the events.

The hash chain (:mod:`nybureau.persistence.chain`) makes the *history* tamper-evident. The seal
does the same for the *current state*: editing, deleting or inserting a row behind nybureau's
back (with ``sqlite3`` or ``psql``, no event) is found by ``audit verify``, which names the first
row that differs from what the history says.

How a write transaction is sealed
---------------------------------
* **Capture, generically.** :func:`install` puts two listeners on the Store's engine
  (``before_execute``/``after_execute``). In a write transaction (``Store.transaction`` puts a
  :class:`Recorder` in ``conn.info``) every Core ``INSERT``, ``UPDATE`` or ``DELETE`` on a sealed
  table records the primary keys it touches — no write site does anything itself:

  - ``UPDATE``/``DELETE``: when the ``WHERE`` pins the primary key by equality (``id = 5 AND
    version = 3``, or ``id = :_id`` in an ``executemany``), that key, kept if the statement's
    ``rowcount`` says it matched (an ``executemany`` that matched only some of its rows cannot
    say which: its transaction is refused at commit — nybureau's compare-and-set batches raise
    before that anyway); otherwise the keys are selected with the statement's own ``WHERE``
    just before it runs (once per parameter set);
  - ``INSERT`` of one row: ``inserted_primary_key``;
  - ``INSERT`` of many rows (``executemany``, multi-row ``VALUES``, ``RETURNING``): the keys in
    the parameters when every row names them (composite keys), otherwise every id above the
    table's largest id before the statement (writers are serialised — ``BEGIN IMMEDIATE`` on
    SQLite, the advisory lock on PostgreSQL — so no one else inserts meanwhile).

  A textual ``INSERT``/``UPDATE``/``DELETE`` (``text()``) in a sealed transaction is a
  programming error and raises: it could not be captured. (``exec_driver_sql`` is not seen by
  the listeners; nybureau uses it only for ``BEGIN``, ``SET LOCAL`` and the lock.)
* **Seal just before commit** (:func:`flush`, called by ``Store.transaction``). For every
  touched row, in table (foreign-key) order and key order, the digest of its current content —
  or *deleted* (``digest`` NULL) when it is gone — is written to ``row_seal`` (one entry per row,
  tied to the transaction's last audit event). ``state`` = sha256 over the transaction's entries
  (sorted) is stored in ``audit_event.state`` of that event, and the event's hash is recomputed
  so the chain covers it: the event is the head, nothing links to it yet. The hash is recomputed
  with :func:`nybureau.persistence.chain.content_digest` — the very function ``audit verify``
  checks it with, which hashes ``state`` only when it is not NULL, so events written before the seal
  existed verify unchanged. Only touched rows are read: no transaction scans a table.
* **A transaction that changes rows but wrote no audit event** gets one appended, ``state.seal``
  (entity ``state``), to carry the seal. The nybureau commands all write an event for what they
  change, so this is a safety net (a test asserts the example data needs none); the same event is
  appended if the transaction's last event cannot be reproduced by ``content_digest`` (a foreign
  hashing scheme), rather than touching an event whose hash this code does not own.

What is sealed
--------------
Every table of ``tables.metadata`` except ``audit_event`` (the chain covers it; ``person forget``
rewrites old events, vouched for by its own scheme) and ``row_seal`` itself. ``alembic_version``
is not in the metadata. ``workflow_definition`` is sealed: the stored spec decides the gates.

The canonical content of a row (:func:`row_digest`) is ``[table, key, {column: value}]`` as
compact JSON with sorted keys, over the columns the metadata knows, **leaving out NULLs** — so a
later migration that adds a nullable column does not change any digest (a migration that fills
a new column for existing rows must seal them again, as an upgrade baseline does). Values are
written identically on SQLite and PostgreSQL: integers and booleans as JSON, text as is, dates
``YYYY-MM-DD``, timestamps in UTC without offset (``YYYY-MM-DD HH:MM:SS[.ffffff]``; a naive
value is taken to be UTC, as SQLite stores nybureau's UTC times), Decimals and floats by their
exact text. The row key is the primary key's value, composite keys joined by ``/``
(``activity_attendee`` ``3/7``).

Verification
------------
:func:`verify_state` (called by ``audit verify`` once the chain itself is intact) recomputes
every event's ``state`` from its ``row_seal`` entries (a seal edited, added or removed is named
at its event), folds the entries in event order to the expected digest of every row, then reads
every sealed table once (streamed) and reports the first row — in table order, then key order —
that was added, changed or deleted without an event in the history, and how many differ.

Upgrades and copies
-------------------
A database upgraded from a schema without the seal has rows no event sealed. ``nybureau init``
therefore seals the state found at the upgrade once, in the upgrade's own transaction, with one
``audit.baseline`` event (:func:`baseline`): that state is *trusted at upgrade* — the seal
vouches for changes from then on, the chain alone for what came before.

A full-database import copies ``row_seal`` and ``audit_event.state`` as they are, so the copy
verifies with the same head; such a transaction sets ``tx.sealing = False`` (it must not seal its
own inserts: that would change the copied head).
"""

from __future__ import annotations

from nybureau.persistence.seal.canon import (  # noqa: F401 (the seal's API)
    BASELINE_ACTION,
    EXCLUDED,
    KEY,
    SEAL_ACTION,
    SEAL_TABLE,
    row_digest,
    row_key,
    sealed_tables,
    state_digest,
)
from nybureau.persistence.seal.capture import (  # noqa: F401 (the seal's API)
    Recorder,
    install,
)
from nybureau.persistence.seal.sealing import (  # noqa: F401 (the seal's API)
    baseline,
    begin,
    end,
    flush,
)
from nybureau.persistence.seal.verify import (  # noqa: F401 (the seal's API)
    verify_state,
)
