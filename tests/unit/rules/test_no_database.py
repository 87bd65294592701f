"""The rule tests run with no database: in a process where SQLAlchemy and ``sqlite3`` cannot be
imported at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

_RUN = """
import sys
sys.modules["sqlalchemy"] = None  # any import of them raises ImportError
sys.modules["sqlite3"] = None
import pytest
code = pytest.main(["-q", "-p", "no:cacheprovider", "--noconftest", "-o", "addopts=",
                    "-k", "not without_sqlalchemy", sys.argv[1]])
leaked = [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlite3", "alembic")
          and sys.modules[m] is not None]
print("LEAKED", leaked)
sys.exit(code or (1 if leaked else 0))
"""


def test_the_rule_tests_pass_without_sqlalchemy_or_sqlite3():
    done = subprocess.run([sys.executable, "-c", _RUN, str(HERE)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "LEAKED []" in done.stdout
    assert " passed" in done.stdout and "failed" not in done.stdout
