"""`nybureau remind` (issue 14, §4): one reminder per person with an address, listing what `due`
says they can act on; composed as Outgoing (purpose reminder), Danish subject and body in UTF-8,
parsed back with the standard library's e-mail parser. The outbox itself is tested with it
(tests/mail); here the CLI sends through it to the real SMTP server on loopback."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import pytest

from tests.follow_up.test_due import _setup


@pytest.fixture
def sender(monkeypatch):
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", "Sekretariatet <sekretariat@test.dk>")


def _reminders(store, day, lang="da"):
    from nybureau.services.follow_up import reminders

    with store.transaction("tester", write=False) as tx:
        return reminders(tx, day, lang)


def test_one_reminder_per_person_with_an_address(cli, store, sender):
    _setup(cli)
    cli.ok('body member p management "Uden Adresse" --role "Projektleder"')
    out = _reminders(store, "2017-02-24")
    # by name, Å last as in Danish
    assert [o.recipients for o in out] == [["soes@test.dk"], ["aase@test.dk"]]
    assert all(o.purpose == "reminder" for o in out)
    aase = out[1]
    assert aase.project_id is not None
    kinds = [e["kind"] for e in aase.documents["entries"]]
    assert "agenda" in kinds and "decision" in kinds
    assert aase.documents["as_of"] == "2017-02-24"
    # what goes over the wire, parsed back
    parsed = message_from_bytes(aase.message.as_bytes(), policy=policy.default)
    assert parsed["To"] == "Åse Lind <aase@test.dk>"
    assert parsed["From"] == "Sekretariatet <sekretariat@test.dk>"
    assert parsed["Subject"].startswith("Påmindelse: ")
    assert "heraf 1 med overskredet frist" in parsed["Subject"]
    body = parsed.get_body(("plain",))
    assert body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert text.startswith("Kære Åse Lind\n")
    assert "pr. 24. februar 2017" in text
    assert "Frist overskredet:\n- Udsend dagsordenen til mødet i MED-udvalget den 1. marts " \
           "2017 · frist 22. februar 2017 · Bostøtte" in text
    assert "Inden for de næste 14 dage:\n- »" in text
    assert "på næste møde den 1. marts 2017 · Bostøtte" in text  # no deadline of its own
    assert "Uden frist:" in text and "»" in text
    assert "Denne påmindelse er sendt automatisk af nybureau." in text


def test_reminders_in_english_and_none_when_nothing_is_due(cli, store, sender):
    _setup(cli)
    out = _reminders(store, "2017-02-24", lang="en")
    text = out[1].message.get_body(("plain",)).get_content()
    assert text.startswith("Dear Åse Lind\n") and "Overdue:" in text
    assert out[1].message["Subject"].endswith("1 of them overdue")
    assert _reminders(store, "2016-01-01") == []


def test_no_sender_is_refused(cli, store, monkeypatch):
    from nybureau.errors import InvalidInput

    monkeypatch.delenv("NYBUREAU_MAIL_FROM", raising=False)
    _setup(cli)
    with pytest.raises(InvalidInput) as err:
        _reminders(store, "2017-02-24")
    assert "NYBUREAU_MAIL_FROM" in err.value.render("da")


def test_remind_cli_dry_run_and_send(cli, sender, mail_env, tmp_path, snapshot):
    _setup(cli)
    out = tmp_path / "eml"
    before = snapshot()
    r = cli.ok(["remind", "--dry-run", "--as-of", "2017-02-24", "--out", str(out)], lang="da")
    assert "Skrev 2 påmindelser (intet blev sendt)" in r.output
    files = sorted(out.glob("*.eml"))
    assert len(files) == 2 and mail_env.received == []
    assert snapshot() == before  # a dry run records nothing
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Påmindelse")
    r = cli.ok(["remind", "--as-of", "2017-02-24", "--json"], lang="da")
    data = json.loads(r.output)
    assert data["messages"] == 2 and data["recorded"] == [1, 2]
    # what the server received, parsed with the standard library's parser
    assert [g["to"] for g in mail_env.received] == [["soes@test.dk"], ["aase@test.dk"]]
    aase = mail_env.received[1]["message"]
    assert aase["To"] == "Åse Lind <aase@test.dk>"
    assert aase["Subject"].startswith("Påmindelse: ")
    body = aase.get_body(("plain",))
    assert body.get_content_charset() == "utf-8"
    # CRLF on the wire
    assert body.get_content().replace("\r\n", "\n").startswith("Kære Åse Lind\n")
    listing = json.loads(cli.ok("outbox --json").stdout)["messages"]
    assert [(m["id"], m["status"], m["purpose"]) for m in listing] == [
        (1, "sent", "reminder"), (2, "sent", "reminder")]
    r = cli(["remind", "--out", str(out)])
    assert r.exit_code == 1 and "--dry-run" in r.output
