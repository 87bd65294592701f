"""The outbox against a real SMTP server on loopback: a message is recorded before it leaves,
gets its Message-ID, is marked sent when the server has accepted it, arrives as recorded
(parsed with the standard library's email parser), and a refused connection or a failing
server leaves it failed, to be sent once by the retry."""

from __future__ import annotations

import json

import pytest

from nybureau.errors import InvalidInput
from nybureau.services.mail import outbox
from tests.conftest import db_snapshot
from tests.mail.conftest import free_port, outgoing


def _rows(db_url):
    return db_snapshot(db_url)["outbox_message"]


def _queue(store, *messages):
    with store.transaction("tester") as tx:
        return [outbox.record(tx, m) for m in messages]


def _row(store, oid):
    with store.transaction("tester", write=False) as tx:
        return tx.outbox_get(oid)


def _events(store, action):
    with store.transaction("tester", write=False) as tx:
        return [e for e in tx.audit_events() if e.action == action]


def test_a_message_is_recorded_then_received_as_recorded(store, smtp_server):
    [oid] = _queue(store, outgoing())
    queued = _row(store, oid)
    assert queued.status == "queued" and queued.attempts == 0 and queued.sent_at is None
    assert queued.message_id.startswith("<") and queued.message_id.endswith("@odder.dk>")
    assert "Message-ID: " + queued.message_id in queued.content
    [event] = _events(store, "mail.queue")
    assert event.after["recipients"] == ["mette@odder.dk", "jens.aeroe@odder.dk"]
    assert event.after["subject"] == "Dagsorden: Hoved-MED 16. august 2017"
    assert event.after["documents"] == {"agenda": {"version": 1}}

    [result] = outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert result["status"] == "sent"
    [got] = smtp_server.received
    assert got["from"] == "sekretariat@odder.dk"
    assert got["to"] == ["mette@odder.dk", "jens.aeroe@odder.dk"]
    message = got["message"]
    assert message["Message-ID"] == queued.message_id
    assert message["Subject"] == "Dagsorden: Hoved-MED 16. august 2017"
    assert str(message["To"]) == ("Mette Hviid Schmidt <mette@odder.dk>, "
                                  "Jens Ærø <jens.aeroe@odder.dk>")
    assert "Hermed dagsordenen til mødet i Hoved-MED." in \
        message.get_body(("plain",)).get_content()
    assert message.get_body(("plain",)).get_content_charset() == "utf-8"
    [pdf] = list(message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "dagsorden-hoved-med-2017-08-16.pdf"
    assert pdf.get_content() == b"%PDF-1.7 test\n"

    sent = _row(store, oid)
    assert sent.status == "sent" and sent.attempts == 1 and sent.sent_at is not None
    # kept: the headers and the list of parts, not the documents
    assert "To: Mette Hviid Schmidt <mette@odder.dk>, Jens Ærø <jens.aeroe@odder.dk>" \
        in sent.content
    assert "application/pdf »dagsorden-hoved-med-2017-08-16.pdf« 14 bytes" in sent.content
    assert "Hermed dagsordenen" not in sent.content
    [event] = _events(store, "mail.sent")
    assert event.after["recipients"] == ["mette@odder.dk", "jens.aeroe@odder.dk"]
    assert event.after["message_id"] == queued.message_id
    # nothing more to send
    assert outbox.deliver(store, settings=smtp_server.settings(), actor="tester") == []
    assert len(smtp_server.received) == 1


def test_a_refused_connection_loses_nothing_and_the_retry_sends_once(store, smtp_server):
    [oid] = _queue(store, outgoing())
    closed = smtp_server.settings(port=free_port())  # nobody listens there
    [result] = outbox.deliver(store, settings=closed, actor="tester")
    assert result["status"] == "failed"
    assert "cannot connect to 127.0.0.1" in result["error"]
    failed = _row(store, oid)
    assert failed.status == "failed" and failed.attempts == 1
    assert failed.last_error == result["error"]
    assert "Hermed dagsordenen" in failed.content or "base64" in failed.content  # all kept
    [event] = _events(store, "mail.fail")
    assert event.after["error"] == result["error"]

    [result] = outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert result["status"] == "sent"
    assert len(smtp_server.received) == 1
    assert _row(store, oid).attempts == 2
    assert smtp_server.received[0]["message"]["Message-ID"] == failed.message_id


def test_a_server_that_does_not_accept_leaves_the_message_failed(store, smtp_server):
    [oid] = _queue(store, outgoing())
    smtp_server.handler.hold = True
    smtp_server.handler.release.set()  # reply at once: 451
    [result] = outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert result["status"] == "failed" and "451" in result["error"]
    assert smtp_server.received == []
    smtp_server.handler.hold = False
    [result] = outbox.deliver(store, [oid], settings=smtp_server.settings(), actor="tester")
    assert result["status"] == "sent" and len(smtp_server.received) == 1


def test_starttls_asked_of_a_server_without_it_is_a_clear_failure(store, smtp_server):
    _queue(store, outgoing())
    [result] = outbox.deliver(store, settings=smtp_server.settings(security="starttls"),
                              actor="tester")
    assert result["status"] == "failed"
    assert "does not offer STARTTLS" in result["error"]
    assert smtp_server.received == []


def test_a_message_being_sent_by_a_live_process_is_not_taken_over(store, smtp_server):
    [oid] = _queue(store, outgoing())
    with store.transaction("tester") as tx:  # as a process in the middle of sending leaves it
        tx.outbox_update(oid, status="sending", attempts=1, attempted_at=tx.now)
    [result] = outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert result["status"] == "busy" and smtp_server.received == []
    [result] = outbox.deliver(store, settings=smtp_server.settings(stale_seconds=0),
                              actor="tester")
    assert result["status"] == "sent" and len(smtp_server.received) == 1


def test_the_message_id_the_composer_set_is_kept_and_twice_is_refused(store, db_url):
    first = outgoing()
    first.message["Message-ID"] = "<dagsorden-7-v1@odder.dk>"
    [oid] = _queue(store, first)
    assert _row(store, oid).message_id == "<dagsorden-7-v1@odder.dk>"
    again = outgoing()
    again.message["Message-ID"] = "<dagsorden-7-v1@odder.dk>"
    before = db_snapshot(db_url)
    with pytest.raises(InvalidInput, match="already in the outbox"):
        _queue(store, again)
    assert db_snapshot(db_url) == before


@pytest.mark.parametrize("change, error", [
    (dict(recipients=[]), "has no recipient"),
    (dict(recipients=["ikke en adresse"]), "is not an e-mail address"),
    (dict(purpose="newsletter"), "Unknown purpose"),
])
def test_a_message_that_cannot_be_sent_is_refused_before_it_is_recorded(store, db_url, change,
                                                                        error):
    message = outgoing()
    for key, value in change.items():
        setattr(message, key, value)
    before = db_snapshot(db_url)
    with pytest.raises(InvalidInput, match=error):
        _queue(store, message)
    assert db_snapshot(db_url) == before


def test_deliver_without_a_server_is_refused_and_the_message_waits(store, monkeypatch):
    monkeypatch.delenv("NYBUREAU_SMTP_HOST", raising=False)
    monkeypatch.delenv("NYBUREAU_SETTINGS", raising=False)
    [oid] = _queue(store, outgoing())
    with pytest.raises(InvalidInput, match="NYBUREAU_SMTP_HOST"):
        outbox.deliver(store, actor="tester")
    assert _row(store, oid).status == "queued"


def test_write_eml_writes_transliterated_files_and_records_nothing(store, db_url, tmp_path):
    before = db_snapshot(db_url)
    m = outgoing(subject="Referat: Styregruppen for Ældre og Sundhed 2. oktober 2017")
    paths = outbox.write_eml([m, outgoing()], tmp_path / "post")
    assert [p.name for p in paths] == [
        "01-referat-styregruppen-for-aeldre-og-sundhed-2-oktober-2017.eml",
        "02-dagsorden-hoved-med-16-august-2017.eml"]
    from email import message_from_bytes, policy

    parsed = message_from_bytes(paths[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Referat: Styregruppen for Ældre og Sundhed 2. oktober 2017"
    assert parsed["Message-ID"] and parsed["Date"]
    assert m.message["Message-ID"] is None  # the message itself is not changed
    assert db_snapshot(db_url) == before


def test_listing_gives_the_messages_without_their_content(store, smtp_server):
    _queue(store, outgoing(), outgoing(subject="Påmindelse: referat til godkendelse",
                                       purpose="reminder", attach=None))
    outbox.deliver(store, [1], settings=smtp_server.settings(), actor="tester")
    with store.transaction("tester", write=False) as tx:
        rows = outbox.listing(tx)
        assert [r["status"] for r in rows] == ["sent", "queued"]
        assert outbox.listing(tx, statuses=["queued"])[0]["purpose"] == "reminder"
        assert "content" not in rows[0]
        json.dumps(rows, default=str)


def test_the_outbox_survives_export_and_import(store, smtp_server, tmp_path):
    """The stored message is multi-line machine text: an export of it imports again."""
    from tests.conftest import Cli

    _queue(store, outgoing(), outgoing(subject="Påmindelse: referat", purpose="reminder"))
    outbox.deliver(store, [1], settings=smtp_server.settings(), actor="tester")
    source = Cli(store.url)
    source.ok(f"export --out {tmp_path / 'alt.json'}")
    target = Cli("sqlite:///" + str(tmp_path / "kopi.db"))
    target.ok("init")
    target.ok(f"import {tmp_path / 'alt.json'}")
    listing = json.loads(target.ok("outbox --json").stdout)["messages"]
    assert [(m["status"], m["subject"]) for m in listing] == [
        ("sent", "Dagsorden: Hoved-MED 16. august 2017"), ("queued", "Påmindelse: referat")]
    assert json.loads(target.ok("audit verify --json").stdout)["ok"]
