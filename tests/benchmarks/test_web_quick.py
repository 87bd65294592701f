"""The web benchmark's quick mode runs (pages over HTTP, a round of voters), so it cannot rot.
No timing is asserted: speed is measured by ``python benchmarks/web.py``, never in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_web_quick_mode_counts_every_vote(tmp_path):
    out = tmp_path / "web.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "web.py"), "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    assert "| project page (Odder) | SQLite | 40 |" in table  # served by 2 worker processes
    assert "| project page (Odder), one process (a diagnostic) | SQLite | 40 |" in table
    assert "--processes 2" in table
    voting = [line for line in table.splitlines()
              if line.startswith(("| phones:", "| all at once"))]
    assert len(voting) == 2, table  # the phones' round and the stress test
    for line in voting:
        cells = [c.strip() for c in line.split("|")]
        assert cells[4] == cells[3].rsplit("= ", 1)[1], line  # every vote landed
    assert "failed:" not in table
