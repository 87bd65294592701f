"""`nybureau remind` (issue 14, §4): one reminder per person with an address, listing what `due`
says they can act on; composed as Outgoing (purpose reminder), Danish subject and body in UTF-8,
parsed back with the standard library's e-mail parser. The outbox itself is tested with it
(tests/mail); here the CLI runs against a stand-in outbox module installed by the test."""

from __future__ import annotations

import json
import sys
import types
from email import message_from_bytes, policy
from pathlib import Path

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


@pytest.fixture
def stand_in_outbox(monkeypatch):
    """A tiny outbox with the three functions of services/mail/outbox.py, for this test only."""
    calls: dict[str, list] = {"record": [], "deliver": [], "write_eml": []}
    module = types.ModuleType("nybureau.services.mail.outbox")

    def record(tx, outgoing):
        calls["record"].append(outgoing)
        return len(calls["record"])

    def deliver(store, ids=None, settings=None):
        calls["deliver"].append(list(ids or []))
        return [{"id": i, "status": "sent"} for i in ids or []]

    def write_eml(outgoings, folder):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for n, o in enumerate(outgoings, 1):
            path = folder / f"paamindelse-{n}.eml"
            path.write_bytes(o.message.as_bytes())
            paths.append(path)
        calls["write_eml"].append(paths)
        return paths

    module.record, module.deliver, module.write_eml = record, deliver, write_eml
    import nybureau.services.mail as mail

    monkeypatch.setitem(sys.modules, "nybureau.services.mail.outbox", module)
    monkeypatch.setattr(mail, "outbox", module, raising=False)
    return calls


def test_remind_cli_dry_run_and_send(cli, sender, stand_in_outbox, tmp_path):
    _setup(cli)
    out = tmp_path / "eml"
    r = cli.ok(["remind", "--dry-run", "--as-of", "2017-02-24", "--out", str(out)], lang="da")
    assert "Skrev 2 påmindelser (intet blev sendt)" in r.output
    files = sorted(out.glob("*.eml"))
    assert len(files) == 2 and not stand_in_outbox["record"]
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Påmindelse")
    r = cli.ok(["remind", "--as-of", "2017-02-24", "--json"])
    data = json.loads(r.output)
    assert data["messages"] == 2 and data["recorded"] == [1, 2]
    assert stand_in_outbox["deliver"] == [[1, 2]]
    r = cli(["remind", "--out", str(out)])
    assert r.exit_code == 1 and "--dry-run" in r.output
