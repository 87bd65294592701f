"""A sender killed between "recorded" and "accepted": the message stays in the outbox, marked
"sending", and the retry sends it exactly once, with the same Message-ID.

The server holds its reply to the message's data until the test has killed the sending
process (``nybureau outbox --retry`` in a subprocess), so the process dies at the one moment
when the message has left nybureau but has not been accepted; the server then drops it (a
client that is gone cannot have been told "accepted")."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from nybureau.services.mail import outbox
from tests.mail.conftest import outgoing

pytestmark = pytest.mark.slow


def _run(db_url, env, *args, timeout=60):
    return subprocess.Popen([sys.executable, "-m", "nybureau", "--db", db_url, "--actor",
                             "udsendelse", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_killed_between_recorded_and_accepted_the_retry_sends_once(store, db_url,
                                                                   smtp_server):
    with store.transaction("tester") as tx:
        oid = outbox.record(tx, outgoing())
        message_id = tx.outbox_get(oid).message_id
    env = {**os.environ, **smtp_server.env()}
    env.pop("NYBUREAU_SETTINGS", None)
    smtp_server.handler.hold = True
    sender = _run(db_url, env, "outbox", "--retry")
    try:
        assert smtp_server.handler.holding.wait(60), sender.communicate(timeout=5)
    finally:
        sender.kill()
        sender.wait(timeout=30)
    smtp_server.handler.release.set()  # too late: nobody is there to be told "accepted"
    smtp_server.handler.hold = False
    assert sender.returncode != 0

    with store.transaction("tester", write=False) as tx:
        left = tx.outbox_get(oid)
    assert left.status == "sending" and left.attempts == 1 and left.sent_at is None
    assert smtp_server.received == []

    # a retry at once does not take over what may still be a live sender's message …
    [now] = outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert now["status"] == "busy" and smtp_server.received == []

    # … once it has been "sending" longer than a send can wait, `outbox --retry` sends it
    env["NYBUREAU_SMTP_TIMEOUT"] = "0.3"  # stale after 1.5 s
    time.sleep(1.6)
    retry = _run(db_url, env, "outbox", "--retry")
    out, err = retry.communicate(timeout=60)
    assert retry.returncode == 0, out + err
    assert f"Sendte e-mail {oid} »Dagsorden: Hoved-MED 16. august 2017« til " in out

    [got] = smtp_server.received
    assert got["message"]["Message-ID"] == message_id
    with store.transaction("tester", write=False) as tx:
        sent = tx.outbox_get(oid)
    assert sent.status == "sent" and sent.attempts == 2
    # and nothing more goes out, however often one retries
    again = _run(db_url, env, "outbox", "--retry")
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, out + err
    assert len(smtp_server.received) == 1


def test_the_rare_case_a_crash_after_accepted_resends_the_same_message(store, smtp_server,
                                                                       monkeypatch):
    """The process stops in the instant after the server accepted and before "sent" was
    committed: the retry cannot know, and sends again — the same bytes, the same Message-ID,
    which is how a mail program recognises the copy."""
    from nybureau.services.mail import content

    with store.transaction("tester") as tx:
        oid = outbox.record(tx, outgoing())

    def crash(*args, **kwargs):
        raise SystemExit("killed")  # stands for the process dying here

    monkeypatch.setattr(content, "reduced", crash)
    with pytest.raises(SystemExit):
        outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    monkeypatch.undo()
    with store.transaction("tester", write=False) as tx:
        assert tx.outbox_get(oid).status == "sending"
    [result] = outbox.deliver(store, settings=smtp_server.settings(stale_seconds=0),
                              actor="tester")
    assert result["status"] == "sent"
    first, second = smtp_server.received
    assert first["raw"] == second["raw"]
    assert first["message"]["Message-ID"] == second["message"]["Message-ID"]
