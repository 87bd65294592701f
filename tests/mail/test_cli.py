"""``nybureau outbox`` and ``nybureau meeting send`` through the CLI, the settings they read,
and ``person forget`` on the outbox.

What ``meeting send`` sends is composed by ``services/mail/meeting_mail.py`` (its own tests
check the parts); here the command runs with the real composer, the real outbox and the SMTP
server on loopback."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import pytest

from nybureau.services.mail import outbox
from nybureau.services.mail.settings import MailSettings, mail_settings
from tests.conftest import db_snapshot
from tests.mail.conftest import outgoing


@pytest.fixture
def meeting(cli, monkeypatch):
    """A Hoved-MED meeting with two participants who have an address; the real composer
    (services/mail/meeting_mail.py) builds what `meeting send` sends."""
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", "Sekretariatet <sekretariat@odder.dk>")
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Mette Hviid Schmidt" --role Formand')
    cli.ok('body member p med "Jens Ærø"')
    cli.ok(["person", "email", "Mette Hviid Schmidt", "mette@odder.dk"])
    cli.ok(["person", "email", "Jens Ærø", "jens.aeroe@odder.dk"])
    cli.ok(["meeting", "plan", "p", "med", "--date", "2017-08-16 10:00", "--committee",
            "Hoved-MED", "--minute-taker", "Mette Hviid Schmidt"])
    return 1


def _outbox_rows(db_url):
    from nybureau.persistence.store import Store

    store = Store(db_url)
    try:
        with store.transaction("tester", write=False) as tx:
            return tx.outbox_list()
    finally:
        store.dispose()


def test_meeting_send_records_sends_and_lists(cli, mail_env, meeting, db_url):
    r = cli.ok("meeting send 1 --public-to postliste@odder.dk", lang="da")
    assert "Sendte e-mail 1 »Dagsorden: Hoved-MED 16. august 2017« til jens.aeroe@odder.dk, " \
           "mette@odder.dk." in r.output
    assert "Sendte e-mail 2 »Dagsorden: Hoved-MED 16. august 2017 (offentlig udgave)« til " \
           "postliste@odder.dk." in r.output
    assert [g["to"] for g in mail_env.received] == [
        ["jens.aeroe@odder.dk", "mette@odder.dk"], ["postliste@odder.dk"]]
    assert [r.meeting_id for r in _outbox_rows(db_url)] == [1, 1]

    listing = json.loads(cli.ok("outbox --json").stdout)["messages"]
    assert [(m["id"], m["status"], m["attempts"]) for m in listing] == [(1, "sent", 1),
                                                                      (2, "sent", 1)]
    table = cli.ok("outbox", lang="da").output
    assert "sendt" in table and "Dagsorden" in table and "postliste@odder.dk" in table
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]


def test_meeting_send_without_a_server_is_refused_and_changes_nothing(cli, meeting,
                                                                      monkeypatch, snapshot):
    for key in ("NYBUREAU_SMTP_HOST", "NYBUREAU_SETTINGS"):
        monkeypatch.delenv(key, raising=False)
    before = snapshot()
    r = cli("meeting send 1", lang="da")
    assert r.exit_code == 1
    assert "Der er ikke angivet en mailserver: angiv NYBUREAU_SMTP_HOST" in r.output
    assert "Traceback" not in r.output
    assert snapshot() == before


def test_a_failed_send_stays_in_the_outbox_with_exit_code_4(cli, mail_env, meeting, db_url,
                                                          monkeypatch):
    from tests.mail.conftest import free_port

    cli.ok("outbox --retry")  # nothing to send: fine without anything queued
    monkeypatch.setenv("NYBUREAU_SMTP_PORT", str(free_port()))  # nobody listens there
    r = cli("meeting send 1")
    assert r.exit_code == 4
    assert "was not sent: cannot connect to 127.0.0.1" in r.output
    assert "send it with `nybureau outbox --retry`" in r.output
    monkeypatch.setenv("NYBUREAU_SMTP_PORT", str(mail_env.port))
    # `meeting send` again sends what waits, as recorded, and composes nothing new
    r = cli.ok("meeting send 1")
    assert "waiting in the outbox are sent as they were recorded (1)" in r.output
    assert "Sent message 1 »Agenda: Hoved-MED 16 August 2017«" in r.output
    assert len(_outbox_rows(db_url)) == 1 and len(mail_env.received) == 1
    assert "Nothing to send" in cli.ok("outbox --retry").output
    assert len(mail_env.received) == 1


def test_outbox_retry_sends_what_failed(cli, mail_env, meeting, monkeypatch):
    from tests.mail.conftest import free_port

    monkeypatch.setenv("NYBUREAU_SMTP_PORT", str(free_port()))
    assert cli("meeting send 1").exit_code == 4
    failed = json.loads(cli.ok("outbox --json --status fejlet").stdout)["messages"]
    assert [m["id"] for m in failed] == [1] and "cannot connect" in failed[0]["last_error"]
    assert "attempt 1: cannot connect" in cli.ok("outbox").output
    monkeypatch.setenv("NYBUREAU_SMTP_PORT", str(mail_env.port))
    r = cli.ok("outbox --retry")
    assert r.output.startswith("Sent message 1 »Agenda: Hoved-MED 16 August 2017«")
    assert len(mail_env.received) == 1


def test_dry_run_writes_eml_files_and_records_nothing(cli, meeting, snapshot, tmp_path,
                                                      monkeypatch):
    monkeypatch.delenv("NYBUREAU_SMTP_HOST", raising=False)  # no server needed
    cli.ok('meeting sent 1 --at "2017-08-09 12:00"')
    cli.ok("meeting record 1 1 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-08-23")
    before = snapshot()
    r = cli.ok(f"meeting send 1 --minutes --dry-run --out {tmp_path / 'post'}", lang="da")
    assert "Intet blev sendt (--dry-run)." in r.output
    files = sorted((tmp_path / "post").iterdir())
    assert [f.name for f in files] == ["01-referat-hoved-med-16-august-2017.eml"]
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Referat: Hoved-MED 16. august 2017"
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jens.aeroe@odder.dk",
                                                            "mette@odder.dk"]
    assert snapshot() == before


def test_out_without_dry_run_is_refused(cli, meeting, snapshot, tmp_path):
    before = snapshot()
    r = cli(f"meeting send 1 --out {tmp_path}")
    assert r.exit_code == 1 and "--out goes with --dry-run" in r.output
    assert snapshot() == before


# -- settings -----------------------------------------------------------------------------------
@pytest.fixture
def clean_env(monkeypatch):
    for key in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "TIMEOUT"):
        monkeypatch.delenv(f"NYBUREAU_SMTP_{key}", raising=False)
    for key in ("NYBUREAU_MAIL_FROM", "NYBUREAU_SETTINGS"):
        monkeypatch.delenv(key, raising=False)
    return monkeypatch


def test_settings_from_the_file_and_the_environment(clean_env, tmp_path):
    file = tmp_path / "nybureau.conf"
    file.write_text("# Odder Kommune\nletterhead = Odder Kommune\nsmtp_host = mail.odder.dk\n"
                    "NYBUREAU_SMTP_SECURITY = ssl\nmail_from = Sekretariatet "
                    "<sekretariat@odder.dk>\nsmtp_user = sekr\n", encoding="utf-8")
    clean_env.setenv("NYBUREAU_SETTINGS", str(file))
    clean_env.setenv("NYBUREAU_SMTP_PASSWORD", "hemmeligt-123")
    s = mail_settings()
    assert (s.host, s.port, s.security, s.user, s.mail_from) == (
        "mail.odder.dk", 465, "ssl", "sekr", "Sekretariatet <sekretariat@odder.dk>")
    assert s.password == "hemmeligt-123" and "hemmeligt" not in repr(s)
    clean_env.setenv("NYBUREAU_SMTP_HOST", "relay.odder.local")  # the environment wins
    clean_env.setenv("NYBUREAU_SMTP_SECURITY", "none")
    assert (mail_settings().host, mail_settings().port) == ("relay.odder.local", 25)


def test_a_password_in_the_settings_file_is_refused(clean_env, tmp_path):
    from nybureau.errors import InvalidInput

    file = tmp_path / "nybureau.conf"
    file.write_text("smtp_host = mail.odder.dk\nsmtp_password = hemmeligt\n", encoding="utf-8")
    clean_env.setenv("NYBUREAU_SETTINGS", str(file))
    with pytest.raises(InvalidInput, match="only from NYBUREAU_SMTP_PASSWORD") as err:
        mail_settings()
    assert "hemmeligt" not in err.value.render("da") + err.value.render("en")


@pytest.mark.parametrize("key, value, error", [
    ("NYBUREAU_SMTP_SECURITY", "tls", "is unknown"),
    ("NYBUREAU_SMTP_PORT", "99999", "is not a port number"),
    ("NYBUREAU_SMTP_TIMEOUT", "snart", "is not a number of seconds"),
])
def test_a_wrong_setting_is_refused_by_name(clean_env, key, value, error):
    from nybureau.errors import InvalidInput

    clean_env.setenv(key, value)
    with pytest.raises(InvalidInput, match=error):
        mail_settings()


def test_mail_from_is_required_and_checked(clean_env):
    from nybureau.errors import InvalidInput
    from nybureau.services.mail.settings import mail_from

    with pytest.raises(InvalidInput, match="NYBUREAU_MAIL_FROM"):
        mail_from()
    clean_env.setenv("NYBUREAU_MAIL_FROM", "Sekretariatet")
    with pytest.raises(InvalidInput, match="is not an e-mail address"):
        mail_from()
    clean_env.setenv("NYBUREAU_MAIL_FROM", "Sekretariatet <sekretariat@odder.dk>")
    assert mail_from() == "Sekretariatet <sekretariat@odder.dk>"


def test_the_password_is_never_stored(store, db_url, smtp_server):
    """A login: the password goes to the server and nowhere in the database or history."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from tests.mail.conftest import Handler, free_port

    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)

    port = free_port()
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        with store.transaction("tester") as tx:
            outbox.record(tx, outgoing())
        settings = MailSettings(host="127.0.0.1", port=port, security="none", user="sekr",
                                password="Kodeord-42-hemmeligt", timeout=10)
        [result] = outbox.deliver(store, settings=settings, actor="tester")
    finally:
        controller.stop()
    assert result["status"] == "sent" and len(handler.received) == 1
    assert seen == [(b"sekr", "Kodeord-42-hemmeligt".encode())]
    dump = json.dumps(db_snapshot(db_url), default=str, ensure_ascii=False)
    assert "Kodeord" not in dump


# -- personal data ------------------------------------------------------------------------------
def test_person_forget_leaves_no_address_or_name_in_the_outbox(cli, db_url, smtp_server):
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Søs Ølgaard"')
    cli.ok('body member p med "Kurt Åkjær"')
    cli.ok(["person", "email", "Søs Ølgaard", "soes@solbjerg.dk"])
    cli.ok(["person", "email", "Kurt Åkjær", "kurt@solbjerg.dk"])
    cli.ok(["meeting", "plan", "p", "med", "--date", "2017-08-16 10:00"])  # both on its list
    from nybureau.persistence.store import Store

    store = Store(db_url)
    to_both = ("Søs Ølgaard <soes@solbjerg.dk>", "Kurt Åkjær <kurt@solbjerg.dk>")
    with store.transaction("tester") as tx:
        sent_id = outbox.record(tx, outgoing(to=to_both))
        waiting = outbox.record(tx, outgoing(to=to_both, subject="Referat: MED 14. juni 2017"))
        other = outbox.record(tx, outgoing(to=("Kurt Åkjær <kurt@solbjerg.dk>",),
                                           subject="Påmindelse", purpose="reminder",
                                           body="Kære Kurt\n\nHusk referatet.\n"))
        # to Kurt only, but it carries the documents of a meeting she is on the list of
        of_her_meeting = outbox.record(tx, outgoing(to=("kurt@solbjerg.dk",), meeting_id=1))
    outbox.deliver(store, [sent_id], settings=smtp_server.settings(), actor="tester")
    cli.ok(["person", "forget", "Søs Ølgaard", "--reason", "Anmodning af 20.11.2026, j.nr. 4"])
    dump = json.dumps(db_snapshot(db_url), default=str, ensure_ascii=False)
    assert "soes@solbjerg.dk" not in dump and "Søs Ølgaard" not in dump
    with store.transaction("tester", write=False) as tx:
        assert tx.outbox_get(sent_id).status == "sent"
        assert "Slettet person" in tx.outbox_get(sent_id).content
        assert tx.outbox_get(waiting).status == "withdrawn"  # never sent now
        assert tx.outbox_get(of_her_meeting).status == "withdrawn"
        assert tx.outbox_get(other).status == "queued"  # not hers: untouched
    with store.transaction("tester", write=False) as tx:
        kept = message_from_bytes(tx.outbox_get(other).content.encode(), policy=policy.default)
        assert "Husk referatet." in kept.get_body(("plain",)).get_content()  # kept whole
    outbox.deliver(store, settings=smtp_server.settings(), actor="tester")
    assert [g["to"] for g in smtp_server.received] == [
        ["soes@solbjerg.dk", "kurt@solbjerg.dk"], ["kurt@solbjerg.dk"]]
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]
    store.dispose()


def test_the_history_tells_each_send_in_a_sentence():
    from nybureau.cli.log_sentences import Words, sentence

    queued = {"action": "mail.queue", "after": {
        "subject": "Dagsorden: Hoved-MED 16. august 2017",
        "recipients": ["mette@odder.dk", "jens.aeroe@odder.dk"],
        "documents": {"files": ["dagsorden-hoved-med.pdf", "dagsorden-hoved-med.docx"],
                      "version": 2}}}
    assert sentence(queued, Words("da")) == (
        "E-mailen »Dagsorden: Hoved-MED 16. august 2017« er lagt i udbakken til "
        "mette@odder.dk, jens.aeroe@odder.dk med dagsorden-hoved-med.pdf, "
        "dagsorden-hoved-med.docx.", True)
    sent = {"action": "mail.sent", "after": {"subject": "Påmindelse",
                                             "recipients": ["kurt@solbjerg.dk"],
                                             "refused": []}}
    assert sentence(sent, Words("en")) == (
        "The e-mail “Påmindelse” was sent to kurt@solbjerg.dk.", True)
