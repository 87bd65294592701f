"""The benchmark suite's quick mode runs, so the suite cannot rot. No timing is asserted here:
speed is measured by ``python benchmarks/run.py``, never in unit tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_mode_completes_and_prints_the_table(tmp_path):
    out_json = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--no-peer",
         "--json", str(out_json)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "| what | nybureau | floor |" in out
    for figure in ("`nybureau --help`", "`nybureau status` (all", "advance ",
                   "audit events in one transaction", "memory per loaded project"):
        assert figure in out, figure
    assert "| projects | `status` (all), SQLAlchemy reader | queries |" in out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["quick"] is True
    measured = [r for r in data["rows"] if r["value"] is not None]
    assert len(measured) >= 8 and all(r["value"] > 0 for r in measured)
    # status for all projects costs the same number of queries at every size
    assert len({g["status_all_queries"] for g in data["growth"]}) == 1
    assert all(g["status_all_quick_s"] > 0 for g in data["growth"])
