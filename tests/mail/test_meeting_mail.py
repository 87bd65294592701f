"""What `meeting send` sends (issue 14, point 4): the agenda to the meeting's people with an
address (apologies too), with the PDF package and the Word document attached and the calendar
invitation as a text/calendar; method=REQUEST part; the approved minutes; a separate public
message without closed items or their bilag; the cancellation notice. Each message is parsed back
with the standard library's email parser and the icalendar library."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import pytest
from icalendar import Calendar
from sqlalchemy import create_engine, select

from nybureau.persistence import tables as t

SENDER = "sekretariat@solbjerg.dk"


@pytest.fixture(autouse=True)
def _sender(monkeypatch):
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", SENDER)


def setup(cli, tmp_path, *plan_extra):
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Bjørn Ærenlund" --role "Formand, ledelsesrepræsentant"')
    cli.ok('body member p med "Søs Ølgaard" --role "Næstformand, tillidsrepræsentant"')
    cli.ok('body member p med "Kurt Åkjær" --role Arbejdsmiljørepræsentant')
    cli.ok('body member p med "Ida Holm"')  # no address: not a recipient
    cli.ok('body member p steering_group "Lise Holm" --role Projektleder')
    for name, address in (("Bjørn Ærenlund", "bjorn@solbjerg.dk"),
                          ("Søs Ølgaard", "soes@solbjerg.dk"), ("Kurt Åkjær", "kurt@solbjerg.dk"),
                          ("Lise Holm", "lise.holm@solbjerg.dk")):
        cli.ok(["person", "email", name, address])
    cli.ok(['meeting', 'plan', 'p', 'med', '--date', '2017-06-14 10:00', '--place',
            'Rådhuset, lokale 2', '--committee', 'Hoved-MED', '--minute-taker', 'Lise Holm',
            '--apology', 'Kurt Åkjær', *plan_extra])
    note = tmp_path / "Notat om enkeltsager.pdf"
    note.write_bytes(b"%PDF-1.4 fortroligt notat")
    cli.ok('meeting item add 1 --title "Personalesag i hjemmeplejen" --closed '
           '--background "Fortrolig sag om en medarbejders forhold."')
    closed = max(it["number"] for it in json.loads(cli.ok("meeting show 1 --json").output)
                 ["items"])
    cli.ok(["meeting", "item", "attach", "1", str(closed), "--title", "Notat om enkeltsager",
            "--file", str(note)])
    return closed


def compose(db_url, meeting=1, **kw):
    from nybureau.persistence.store import Store
    from nybureau.services.mail.meeting_mail import meeting_messages

    store = Store(db_url)
    try:
        with store.transaction("tester", write=False) as tx:
            return meeting_messages(tx, meeting, **kw)
    finally:
        store.dispose()


def parsed(outgoing):
    """The message as a receiving client reads it."""
    return message_from_bytes(outgoing.message.as_bytes(), policy=policy.default)


def parts(msg):
    return [(p.get_content_type(), p.get_filename()) for p in msg.walk()
            if not p.is_multipart()]


def calendar(msg):
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    return part, Calendar.from_ical(part.get_content())


class Posted:
    """The real outbox and the real SMTP server on loopback (tests/support/smtp.py): what
    :func:`queue` recorded is delivered to the server and read back as the server received
    it."""

    def __init__(self, db_url, server):
        self.db_url, self.server = db_url, server

    def rows(self):
        from nybureau.persistence.store import Store

        store = Store(self.db_url)
        try:
            with store.transaction("tester", write=False) as tx:
                return tx.outbox_list()
        finally:
            store.dispose()

    def documents(self, oid):
        return json.loads(next(r for r in self.rows() if r.id == oid).documents)

    def deliver(self, ids=None):
        """Send what waits (``ids`` only, when given); the messages the server received now."""
        from nybureau.persistence.store import Store
        from nybureau.services.mail import outbox

        before = len(self.server.received)
        store = Store(self.db_url)
        try:
            results = outbox.deliver(store, ids, settings=self.server.settings(),
                                     actor="tester")
        finally:
            store.dispose()
        assert all(r["status"] == "sent" for r in results), results
        return [g["message"] for g in self.server.received[before:]]


@pytest.fixture
def posted(db_url, mail_env, monkeypatch):
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", SENDER)
    return Posted(db_url, mail_env)


def queue(db_url, meeting=1, **kw):
    from nybureau.persistence.store import Store
    from nybureau.services.mail.meeting_mail import queue_meeting

    store = Store(db_url)
    try:
        with store.transaction("tester") as tx:
            return queue_meeting(tx, meeting, **kw)
    finally:
        store.dispose()


# -- the agenda ---------------------------------------------------------------------------------
def test_the_agenda_goes_to_everyone_with_an_address_with_package_docx_and_invitation(
        cli, db_url, tmp_path):
    setup(cli, tmp_path)
    [out] = compose(db_url)
    msg = parsed(out)
    assert msg["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017"
    assert msg["From"] == SENDER
    to = {a.addr_spec: a.display_name for a in msg["To"].addresses}
    # the participants and the one who sent apologies; Ida Holm has no address
    assert to == {"bjorn@solbjerg.dk": "Bjørn Ærenlund", "soes@solbjerg.dk": "Søs Ølgaard",
                  "kurt@solbjerg.dk": "Kurt Åkjær"}
    assert sorted(out.recipients) == sorted(to)
    assert msg["Reply-To"].addresses[0].addr_spec == "lise.holm@solbjerg.dk"
    assert out.purpose == "agenda" and out.meeting_id == 1 and out.project_id == 1
    types_ = parts(msg)
    assert types_[:2] == [("text/plain", None), ("text/calendar", None)]
    assert types_[2:] == [
        ("application/pdf", "dagsorden-hoved-med-2017-06-14-med-bilag.pdf"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "dagsorden-hoved-med-2017-06-14.docx")]
    assert msg.get_content_type() == "multipart/mixed"
    # the plain text in Danish, UTF-8
    text = msg.get_body(("plain",))
    assert text.get_content_charset() == "utf-8"
    body = text.get_content()
    assert "Hermed dagsordenen til mødet i Hoved-MED onsdag den 14. juni 2017 kl. 10.00 på " \
           "Rådhuset, lokale 2." in body
    assert "Lukket punkt" in body and "Personalesag" not in body
    assert "Afbud: Kurt Åkjær" in body
    assert "Afbud gives til Lise Holm (lise.holm@solbjerg.dk)." in body
    assert body.rstrip().endswith("Med venlig hilsen\nLise Holm")
    # the invitation: REQUEST, the UID and SEQUENCE of `meeting ics`
    part, cal = calendar(msg)
    assert part.get_param("method") == "REQUEST" and part.get_content_charset() == "utf-8"
    assert str(cal["method"]) == "REQUEST"
    ev = next(iter(cal.walk("VEVENT")))
    ics = Calendar.from_ical(cli.ok("meeting ics 1 --out -", lang="da").stdout.encode())
    single = next(iter(ics.walk("VEVENT")))
    assert str(ev["uid"]) == str(single["uid"]) == "meeting-1@nybureau"
    assert int(ev["sequence"]) == int(single["sequence"])
    assert str(ev["organizer"]) == "mailto:lise.holm@solbjerg.dk"
    assert out.documents["sequence"] == int(ev["sequence"])
    assert out.documents["version"] == 1 and out.documents["kind"] == "agenda"
    assert [f["file"] for f in out.documents["files"]] == [n for _, n in types_[2:]]
    # the members' package holds the closed item's bilag
    pdf = next(p for p in msg.walk() if p.get_content_type() == "application/pdf")
    assert pdf.get_content()[:5] == b"%PDF-"


def test_english_message(cli, db_url, tmp_path):
    setup(cli, tmp_path)
    [out] = compose(db_url, lang="en")
    msg = parsed(out)
    assert msg["Subject"] == "Agenda: Hoved-MED 14 June 2017"
    body = msg.get_body(("plain",)).get_content()
    assert "Here is the agenda of the meeting of Hoved-MED on Wednesday 14 June 2017" in body
    assert [n for _, n in parts(msg)[2:]] == ["agenda-hoved-med-2017-06-14-with-attachments.pdf",
                                              "agenda-hoved-med-2017-06-14.docx"]


def test_the_public_list_gets_its_own_message_without_closed_items_or_their_bilag(
        cli, db_url, tmp_path):
    setup(cli, tmp_path)
    members, public = compose(db_url, public_to="Postliste@Solbjerg.dk")
    assert public.recipients == ["Postliste@solbjerg.dk"]
    assert "Postliste@solbjerg.dk" not in members.recipients
    msg = parsed(public)
    assert msg["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017 (offentlig udgave)"
    assert [a.addr_spec for a in msg["To"].addresses] == ["Postliste@solbjerg.dk"]
    assert msg["Reply-To"] is None
    types_ = parts(msg)
    assert "text/calendar" not in [c for c, _ in types_]  # no invitation for a list
    assert [n for _, n in types_[1:]] == ["dagsorden-hoved-med-2017-06-14-offentlig-med-bilag.pdf",
                                          "dagsorden-hoved-med-2017-06-14-offentlig.docx"]
    body = msg.get_body(("plain",)).get_content()
    assert "lukkede punkter er udeladt" in body
    assert "Afbud" not in body and "Kurt" not in body
    # neither the closed item nor its bilag is in anything attached
    raw = public.message.as_bytes()
    for p in msg.walk():
        if not p.is_multipart():
            content = p.get_content()
            content = content if isinstance(content, bytes) else content.encode("utf-8")
            assert b"fortroligt notat" not in content
    from io import BytesIO

    from pypdf import PdfReader

    pdf = next(p for p in msg.walk() if p.get_content_type() == "application/pdf")
    pages = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.get_content())).pages)
    assert "Personalesag" not in pages and "Notat om enkeltsager" not in pages
    assert "Personalesag".encode() not in raw
    assert public.documents["public"] is True and not public.documents["calendar"]
    # the members' package has the bilag
    mpdf = next(p for p in parsed(members).walk() if p.get_content_type() == "application/pdf")
    assert b"fortroligt notat" in mpdf.get_content() or "Notat om enkeltsager" in "".join(
        page.extract_text() for page in PdfReader(BytesIO(mpdf.get_content())).pages)


def test_without_pdf_the_docx_is_still_attached_and_the_note_says_why(
        cli, db_url, tmp_path, monkeypatch):
    setup(cli, tmp_path)
    from nybureau.i18n import Msg
    from nybureau.rendering import pdf

    monkeypatch.setattr(pdf, "unavailable", lambda: Msg("no Pango here"))
    [out] = compose(db_url)
    assert [c for c, _ in parts(parsed(out))] == [
        "text/plain", "text/calendar",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert out.documents["notes"] == ["PDF-pakken er ikke vedhæftet: no Pango here"]


# -- refusals -----------------------------------------------------------------------------------
def test_refusals(cli, db_url, tmp_path, monkeypatch, snapshot, posted):
    from nybureau.errors import InvalidInput

    setup(cli, tmp_path)
    before = snapshot()
    monkeypatch.delenv("NYBUREAU_MAIL_FROM")
    with pytest.raises(InvalidInput, match="NYBUREAU_MAIL_FROM"):
        compose(db_url)
    with pytest.raises(InvalidInput, match="NYBUREAU_MAIL_FROM"):
        queue(db_url)
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", SENDER)
    with pytest.raises(InvalidInput, match="not approved yet.*meeting approve 1") as err:
        queue(db_url, minutes=True)
    assert "(mødet er planlagt)" in err.value.msg.render("da")
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        compose(db_url, public_to="postliste")
    assert snapshot() == before
    cli.ok('meeting plan p steering_group --date "2017-06-20 10:00" --participant "Ida Holm"')
    before = snapshot()
    with pytest.raises(InvalidInput, match="nybureau person email"):
        queue(db_url, 2)
    assert snapshot() == before
    assert posted.rows() == [] and posted.deliver() == []


# -- queueing: the agenda is sent, a repeat refused, a change sent as revised --------------------
def _sent_at(db_url):
    engine = create_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(select(t.meeting.c.agenda_sent_at, t.meeting.c.minutes_sent_at)
                           .where(t.meeting.c.id == 1)).one()
    engine.dispose()
    return row


def test_queue_records_the_sending_and_refuses_the_same_twice(cli, db_url, tmp_path, posted):
    from nybureau.errors import InvalidInput

    setup(cli, tmp_path)
    ids = queue(db_url, public_to="postliste@solbjerg.dk")
    assert ids == [1, 2] and [r.purpose for r in posted.rows()] == ["agenda", "agenda"]
    assert _sent_at(db_url)[0] is not None  # recorded as sent: its texts are frozen
    members, public = posted.deliver()
    assert [g["to"] for g in posted.server.received] == [
        ["bjorn@solbjerg.dk", "soes@solbjerg.dk", "kurt@solbjerg.dk"],
        ["postliste@solbjerg.dk"]]
    assert members["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017"
    assert public["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017 (offentlig udgave)"
    assert "text/calendar" not in [c for c, _ in parts(public)]
    assert b"fortroligt notat" not in posted.server.received[1]["raw"]
    assert [(r.status, r.attempts) for r in posted.rows()] == [("sent", 1), ("sent", 1)]
    log = cli.ok("log p --json").output
    events = [e for e in json.loads(log) if e["action"] == "meeting.mail"]
    assert len(events) == 1
    assert [p["name"] for p in events[0]["after"]["recipients"]] == [
        "Bjørn Ærenlund", "Søs Ølgaard", "Kurt Åkjær"]
    from nybureau.cli.log_sentences import Words, sentence

    said, ok = sentence(events[0], Words("da"))
    assert ok and said.startswith(
        "Dagsordenen er sendt pr. e-mail til Bjørn Ærenlund, Søs Ølgaard og Kurt Åkjær og i "
        "offentlig udgave til postliste@solbjerg.dk (udgave 1). Vedhæftet: "
        "dagsorden-hoved-med-2017-06-14-med-bilag.pdf, dagsorden-hoved-med-2017-06-14.docx, "
        "dagsorden-hoved-med-2017-06-14-offentlig-med-bilag.pdf"), said
    assert events[0]["after"]["version"] == 1
    assert "postliste@solbjerg.dk" == events[0]["after"]["public_to"]
    sent_events = [e for e in json.loads(log) if e["action"] == "mail.sent"]
    assert len(sent_events) == 2
    said, ok = sentence(sent_events[0], Words("da"))
    assert ok and "»Dagsorden: Hoved-MED 14. juni 2017«" in said and "bjorn@solbjerg.dk" in said
    with pytest.raises(InvalidInput, match="already sent and has not changed"):
        queue(db_url)
    cli.ok('meeting edit 1 --place "Rådhuset, lokale 3"')
    [rid] = queue(db_url)
    [msg] = posted.deliver([rid])
    revised = posted.documents(rid)
    assert msg["Subject"] == "Revideret dagsorden: Hoved-MED 14. juni 2017"
    assert msg["In-Reply-To"] == msg["References"] == members["Message-ID"]  # the same thread
    assert revised["version"] == 2
    assert revised["sequence"] > posted.documents(ids[0])["sequence"]
    event = next(iter(calendar(msg)[1].walk("VEVENT")))
    assert int(event["sequence"]) == revised["sequence"]
    assert str(event["uid"]) == "meeting-1@nybureau"
    assert "erstatter den tidligere udsendte" in msg.get_body(("plain",)).get_content()


def test_approved_minutes_are_sent_once(cli, db_url, tmp_path, posted):
    from nybureau.errors import InvalidInput

    setup(cli, tmp_path)
    cli.ok('meeting sent 1 --at "2017-06-07 12:00"')
    cli.ok("meeting record 1 1 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-06-21")
    queue(db_url, minutes=True)
    [msg] = posted.deliver()
    assert [r.purpose for r in posted.rows()] == ["minutes"]
    assert posted.server.received[0]["to"] == [
        "bjorn@solbjerg.dk", "soes@solbjerg.dk", "kurt@solbjerg.dk"]
    assert msg["Subject"] == "Referat: Hoved-MED 14. juni 2017"
    assert [c for c, _ in parts(msg)] == [
        "text/plain", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert [n for _, n in parts(msg)[1:]] == ["referat-hoved-med-2017-06-14-med-bilag.pdf",
                                              "referat-hoved-med-2017-06-14.docx"]
    body = msg.get_body(("plain",)).get_content()
    assert "Hermed det godkendte referat af mødet i Hoved-MED" in body
    assert "Referatet blev godkendt onsdag den 21. juni 2017." in body
    assert _sent_at(db_url)[1] is not None
    with pytest.raises(InvalidInput, match="already sent"):
        queue(db_url, minutes=True)


def test_a_cancelled_meeting_gets_the_cancellation(cli, db_url, tmp_path, posted):
    setup(cli, tmp_path)
    cli.ok('meeting cancel 1 --reason "Formanden er syg" --date 2017-06-10')
    [out] = compose(db_url)
    msg = parsed(out)
    assert msg["Subject"] == "Aflyst: Hoved-MED 14. juni 2017"
    assert [c for c, _ in parts(msg)] == ["text/plain", "text/calendar"]
    part, cal = calendar(msg)
    assert part.get_param("method") == "CANCEL" and str(cal["method"]) == "CANCEL"
    ev = next(iter(cal.walk("VEVENT")))
    assert str(ev["status"]) == "CANCELLED" and int(ev["sequence"]) >= 1
    body = msg.get_body(("plain",)).get_content()
    assert "er aflyst" in body and "syg" not in body and "syg" not in part.get_content()
    queue(db_url)
    [received] = posted.deliver()
    assert received["Subject"] == "Aflyst: Hoved-MED 14. juni 2017"
    assert calendar(received)[0].get_param("method") == "CANCEL"
    assert _sent_at(db_url)[0] is None  # no agenda was sent


def test_an_agenda_recorded_as_sent_by_hand_is_mailed_as_it_was_frozen(
        cli, db_url, tmp_path, posted):
    setup(cli, tmp_path)
    cli.ok('meeting sent 1 --at "2017-06-07 12:00"')
    sent = _sent_at(db_url)[0]
    [oid] = queue(db_url)
    documents = posted.documents(oid)
    assert documents["kind"] == "agenda" and documents["version"] == 1
    [msg] = posted.deliver()
    assert msg["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017"
    assert _sent_at(db_url)[0] == sent  # the texts stay as frozen on 7 June


# -- the words, for every kind of meeting --------------------------------------------------------
def _data(body, name, label, number=None, network=None, project="Styring i hjemmeplejen"):
    from datetime import datetime, timezone

    return {"meeting": {"body": body, "name": name, "body_label": label, "number": number,
                        "network": network,
                        "starts_at": datetime(2017, 6, 14, 8, 0, tzinfo=timezone.utc)},
            "project": {"name": project} if project else None}


@pytest.mark.parametrize("data, da, en, title_da", [
    (_data("med", "Hoved-MED", "MED-udvalget"), "mødet i Hoved-MED",
     "the meeting of Hoved-MED", "Hoved-MED 14. juni 2017"),
    (_data("med", "MED-udvalget", "MED-udvalget"), "mødet i MED-udvalget",
     "the meeting of the MED committee",
     "MED-udvalget for Styring i hjemmeplejen, 14. juni 2017"),
    (_data("steering_group", "Styregruppen", "Styregruppen"), "mødet i styregruppen",
     "the meeting of the steering group",
     "Styregruppen for Styring i hjemmeplejen, 14. juni 2017"),
    (_data("network", "Netværksmøde 2", "Netværket", number=2, network="Østjysk netværk",
           project=None), "netværksmøde 2", "network meeting 2",
     "Netværksmøde 2 for Østjysk netværk, 14. juni 2017"),
])
def test_the_meeting_in_a_sentence_and_a_subject(data, da, en, title_da):
    from nybureau.services.mail.meeting_texts import meeting_phrase, meeting_title

    assert meeting_phrase(data, "da") == da
    assert meeting_phrase(data, "en") == en
    assert meeting_title(data, "da") == title_da


def test_person_forget_takes_the_name_and_address_out_of_the_mail_history(
        cli, db_url, tmp_path, posted):
    setup(cli, tmp_path)
    queue(db_url)
    posted.deliver()
    cli.ok('person forget "Søs Ølgaard" --reason "Anmodning af 2017-07-01"')
    events = [e for e in json.loads(cli.ok("log p --json").output)
              if e["action"] == "meeting.mail"]
    text = json.dumps(events, ensure_ascii=False)
    assert "soes@solbjerg.dk" not in text and "Søs Ølgaard" not in text
    assert "bjorn@solbjerg.dk" in text
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]


def test_file_names_are_transliterated(cli, db_url, tmp_path, monkeypatch):
    from nybureau.i18n import Msg
    from nybureau.rendering import pdf

    monkeypatch.setattr(pdf, "unavailable", lambda: Msg("no Pango here"))  # the DOCX suffices
    setup(cli, tmp_path)
    cli.ok(['meeting', 'plan', 'p', 'med', '--date', '2017-09-13 10:00', '--committee',
            'Område-MED for Ældre og Sundhed', '--participant', 'Søs Ølgaard'])
    [out] = compose(db_url, 2)
    msg = parsed(out)
    assert msg["Subject"] == "Dagsorden: Område-MED for Ældre og Sundhed 13. september 2017"
    name = "dagsorden-omraade-med-for-aeldre-og-sundhed-2017-09-13.docx"
    assert [n for _, n in parts(msg)[2:]] == [name]
    assert f'filename="{name}"' in out.message.as_string()  # plain ASCII, no RFC 2231
