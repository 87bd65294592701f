"""Settings from command-line options and ``NYBUREAU_*`` environment variables.

* database: ``--db`` / ``NYBUREAU_DB`` — a file path (SQLite) or a SQLAlchemy URL such as
  ``postgresql+psycopg://user@host/nybureau``. Default: ``nybureau.db`` in the user's data folder
  (``$XDG_DATA_HOME/nybureau`` or ``~/.local/share/nybureau``; ``%APPDATA%\\nybureau`` on Windows).
* actor: ``--actor`` / ``NYBUREAU_ACTOR`` — who is recorded in the audit history; default the
  operating-system user.
* language: ``--lang`` / ``NYBUREAU_LANG`` — ``da`` (default) or ``en``.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path


def default_db_path() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "nybureau" / "nybureau.db"


def database_url(db: str | None) -> str:
    """A path or URL from the user → a SQLAlchemy URL."""
    value = db or os.environ.get("NYBUREAU_DB") or str(default_db_path())
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver nybureau installs with its `postgres` extra.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    if value == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def default_actor() -> str:
    actor = os.environ.get("NYBUREAU_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no user name in a container without a passwd entry
        return "unknown"


def default_lang() -> str:
    lang = os.environ.get("NYBUREAU_LANG", "da")
    return lang if lang in ("da", "en") else "da"
