"""``nybureau serve --processes N``: several worker processes on one address, as a real
command in a process of its own — pages answered, a dead worker replaced, Ctrl+C/SIGTERM
ending them all, a port in use refused in words."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import Cli

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--processes needs fork")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(c) for c in text)
    return found


def _wait_for(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback
        return answer.status, answer.read().decode("utf-8")


@pytest.fixture
def served(web_db):
    """``nybureau serve --processes 2`` over the demo, on a free loopback port."""
    if not Path("/proc/self/task").exists():
        pytest.skip("reads the worker processes from /proc")
    port = _free_port()
    env = {**os.environ, "NYBUREAU_ACTOR": "Rikke Vestergaard Hansen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nybureau", "--db", web_db, "--lang", "da", "serve", "--port",
         str(port), "--processes", "2", "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    base = f"http://127.0.0.1:{port}"

    def answering():
        try:
            return _get(base + "/")[0] == 200
        except OSError:
            return False

    try:
        _wait_for(lambda: proc.poll() is not None or answering())
        assert proc.poll() is None, proc.communicate()
        yield proc, base
    finally:
        if proc.poll() is None:
            proc.kill()
            for child in _children(proc.pid) if Path(f"/proc/{proc.pid}").exists() else ():
                os.kill(child, signal.SIGKILL)
        proc.communicate(timeout=10)


def test_two_workers_answer_a_dead_one_is_replaced_and_sigterm_ends_all(served):
    proc, base = served
    workers = _wait_for(lambda: _children(proc.pid) if len(_children(proc.pid)) == 2 else None)
    assert all(_get(base + "/")[0] == 200 for _ in range(20))  # both accept from one socket
    status, page = _get(base + "/")
    assert 'lang="da"' in page

    victim = sorted(workers)[0]
    os.kill(victim, signal.SIGKILL)
    replaced = _wait_for(lambda: (lambda now: now if len(now) == 2 and victim not in now
                                  else None)(_children(proc.pid)))
    assert replaced - workers  # a new worker, with its own pid
    assert _get(base + "/")[0] == 200

    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "2 processer" in out and "/login/" in out  # the address, the link, once
    assert out.count("/login/") == 1
    assert "Traceback" not in err
    assert f"{victim}" in err  # the worker that stopped is named
    for pid in replaced:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(
            f"/proc/{pid}/status").read_text()


def test_a_port_in_use_is_refused_in_words(web_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        for processes in ("1", "2"):
            result = subprocess.run(
                [sys.executable, "-m", "nybureau", "--db", web_db, "serve", "--port", str(port),
                 "--processes", processes], capture_output=True, text=True, timeout=60)
            assert result.returncode != 0
            assert f"kan ikke lytte på 127.0.0.1 port {port}" in result.stderr
            assert "--port" in result.stderr and "Traceback" not in result.stderr


def test_processes_must_be_one_or_more(web_db):
    result = Cli(web_db)(["serve", "--processes", "0", "--check"])
    assert result.exit_code == 2 and "--processes" in result.output


def test_processes_without_fork_is_refused_with_what_to_do(web_db, monkeypatch):
    monkeypatch.delattr(os, "fork")
    result = Cli(web_db)(["serve", "--processes", "2", "--check"])
    assert result.exit_code == 1
    assert "one `nybureau serve --port …` per core" in result.output
