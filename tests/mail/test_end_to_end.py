"""End to end through the CLI (issue 14, point 4): a meeting planned with participants who have
addresses, `nybureau remind` before it, `meeting send` of the agenda to the SMTP server on
loopback, a revised agenda after an edit (the same UID, a higher SEQUENCE), and the approved
minutes with `meeting send --minutes`. What the server received is parsed with the standard
library's email parser and the icalendar library."""

from __future__ import annotations

import json

from icalendar import Calendar

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachments(msg):
    return [(p.get_content_type(), p.get_filename()) for p in msg.iter_attachments()]


def event(msg):
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    cal = Calendar.from_ical(part.get_content())
    assert part.get_param("method") == "REQUEST" and str(cal["method"]) == "REQUEST"
    return next(iter(cal.walk("VEVENT")))


def text(msg):
    body = msg.get_body(("plain",))
    assert body.get_content_charset() == "utf-8"
    return body.get_content().replace("\r\n", "\n")


def test_plan_remind_send_revise_and_send_the_minutes(cli, mail_env):
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Odder Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Bjørn Ærenlund" --role Formand')
    cli.ok('body member p med "Søs Ølgaard" --role Næstformand')
    cli.ok('body member p steering_group "Åse Lind" --role Projektleder')
    for name, address in (("Bjørn Ærenlund", "bjorn@odder.dk"), ("Søs Ølgaard", "soes@odder.dk"),
                          ("Åse Lind", "aase@odder.dk")):
        cli.ok(["person", "email", name, address])
    cli.ok(["meeting", "plan", "p", "med", "--date", "2017-06-14 10:00", "--place",
            "Rådhuset, lokale 2", "--committee", "Hoved-MED", "--minute-taker", "Åse Lind"])

    # a reminder before the agenda went out: to the minute-taker, through the outbox
    r = cli.ok(["remind", "--as-of", "2017-06-12", "--json"], lang="da")
    data = json.loads(r.output)
    assert data["messages"] >= 1 and ["aase@odder.dk"] in data["recipients"]
    reminder = next(g for g in mail_env.received if g["to"] == ["aase@odder.dk"])["message"]
    assert reminder["Subject"].startswith("Påmindelse")
    assert text(reminder).startswith("Kære Åse Lind\n")
    assert "Udsend dagsordenen til mødet i Hoved-MED" in text(reminder)
    reminders = len(mail_env.received)

    # the agenda
    r = cli.ok("meeting send 1", lang="da")
    assert "Sendte e-mail" in r.output and "»Dagsorden: Hoved-MED 14. juni 2017«" in r.output
    [agenda] = mail_env.received[reminders:]
    assert sorted(agenda["to"]) == ["bjorn@odder.dk", "soes@odder.dk"]
    msg = agenda["message"]
    assert msg["Subject"] == "Dagsorden: Hoved-MED 14. juni 2017"
    assert sorted(a.display_name for a in msg["To"].addresses) == ["Bjørn Ærenlund",
                                                                   "Søs Ølgaard"]
    assert attachments(msg) == [
        ("application/pdf", "dagsorden-hoved-med-2017-06-14-med-bilag.pdf"),
        (DOCX, "dagsorden-hoved-med-2017-06-14.docx")]
    pdf = next(p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf")
    assert pdf.get_content()[:5] == b"%PDF-"
    assert "Hermed dagsordenen til mødet i Hoved-MED onsdag den 14. juni 2017 kl. 10.00 på " \
           "Rådhuset, lokale 2." in text(msg)
    first = event(msg)
    assert str(first["uid"]) == "meeting-1@nybureau"
    assert str(first["organizer"]) == "mailto:aase@odder.dk"

    # the same again is refused; after an edit a revised agenda goes out in the same thread
    r = cli("meeting send 1")
    assert r.exit_code == 1 and "already sent and has not changed" in r.output
    cli.ok('meeting edit 1 --place "Rådhuset, lokale 3"')
    cli.ok("meeting send 1", lang="da")
    revised = mail_env.received[-1]["message"]
    assert revised["Subject"] == "Revideret dagsorden: Hoved-MED 14. juni 2017"
    assert revised["In-Reply-To"] == msg["Message-ID"]
    assert "Rådhuset, lokale 3" in text(revised)
    assert "erstatter den tidligere udsendte" in text(revised)
    second = event(revised)
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) > int(first["sequence"])

    # the approved minutes
    cli.ok("meeting record 1 1 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-06-21")
    cli.ok("meeting send 1 --minutes", lang="da")
    minutes = mail_env.received[-1]["message"]
    assert minutes["Subject"] == "Referat: Hoved-MED 14. juni 2017"
    assert attachments(minutes) == [
        ("application/pdf", "referat-hoved-med-2017-06-14-med-bilag.pdf"),
        (DOCX, "referat-hoved-med-2017-06-14.docx")]
    assert "Referatet blev godkendt onsdag den 21. juni 2017." in text(minutes)
    assert "text/calendar" not in [p.get_content_type() for p in minutes.walk()]
    r = cli("meeting send 1 --minutes")
    assert r.exit_code == 1 and "already sent" in r.output

    # the outbox: everything recorded was sent exactly once
    listing = json.loads(cli.ok("outbox --json").stdout)["messages"]
    assert {m["status"] for m in listing} == {"sent"}
    assert [m["attempts"] for m in listing] == [1] * len(listing)
    assert len(listing) == len(mail_env.received) == reminders + 3
    ids = [str(g["message"]["Message-ID"]) for g in mail_env.received]
    assert len(set(ids)) == len(ids)

    # the history, in the sentences of `nybureau log`
    from nybureau.cli.log_sentences import Words, sentence

    events = json.loads(cli.ok("log p --json").output)
    said = [sentence(e, Words("da")) for e in events]
    assert all(ok for _, ok in said)
    said = "\n".join(s for s, _ in said)
    assert "Dagsordenen er sendt pr. e-mail til Bjørn Ærenlund og Søs Ølgaard" in said
    assert "E-mailen »Referat: Hoved-MED 14. juni 2017« er sendt til" in said
    mails = [e for e in events if e["action"] == "meeting.mail"]
    assert [e["after"]["kind"] for e in mails] == ["agenda", "revised", "minutes"]
    assert [e["after"]["version"] for e in mails][:2] == [1, 2]
    assert len([e for e in events if e["action"] == "mail.sent"]) >= 3
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]
