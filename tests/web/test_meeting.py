"""The meeting page: the agenda or the minutes with their bilag, each item linked; the
downloads (PDF, DOCX, ICS); closed items only for the members of the meeting's body — for
anyone else nothing of a closed item but its number and »Lukket punkt«, on the page and in
every download; who may not open the page at all."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest

from tests.web.conftest import https_client, sign_in

LEADER = "Rikke Vestergaard Hansen"        # projektleder, member of the steering group
MEMBER = "Birgitte Østergaard Nielsen"     # MED and the steering group
OTHER_BODY = "Camilla Høj Pedersen"        # the project group only
SECRET_TITLE = "Personalesag Xyzzy"
SECRET_TEXT = "Fortroligt Qwerty om en medarbejder"


def _html(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def closed_item(web_store):
    """Item 6 of the steering group's meeting of 15 January 2018 (meeting 8) made a closed
    item with a title and text nobody outside the body may read."""
    from sqlalchemy import update

    from nybureau.persistence import tables as t

    a = t.agenda_item
    with web_store.transaction("test") as tx:
        tx.conn.execute(update(a).where(a.c.meeting_id == 8, a.c.position == 6)
                        .values(closed=True, title=SECRET_TITLE, summary=SECRET_TEXT,
                                background=SECRET_TEXT))
    return 6


def test_the_minutes_of_a_held_meeting_with_every_item_linked(client, web_store):
    sign_in(client, web_store, MEMBER)
    page = client.get("/m/8")
    html = _html(page)
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert "Udkast til referat: Styregruppen, 15. januar 2018" in html
    assert "Beslutningsprotokol" in html
    # every item has an anchor, and the list of items links to each
    anchors = re.findall(r'id="(punkt-\d+)"', html)
    # (the evaluation criteria were agreed in December, before the first iteration: the
    # January meeting no longer has that item)
    assert anchors == [f"punkt-{n}" for n in range(1, 8)]
    for anchor in anchors:
        assert f'href="#{anchor}"' in html
    # the bilag: the last meeting's minutes and the status report, each downloadable
    assert "Bilag 1: Referat fra mødet den 20. november 2017" in html
    assert 'href="/m/8/bilag/1.pdf"' in html and 'href="/m/8/bilag/2.docx"' in html
    for url in ("/m/8/agenda.pdf", "/m/8/agenda.docx", "/m/8/minutes.pdf",
                "/m/8/minutes.docx", "/m/8/invitation.ics"):
        assert f'href="{url}"' in html
    # a member approves; nothing here is the public version
    assert '<button id="approve"' in html
    assert "offentlige udgave" not in html


def test_a_planned_meeting_shows_its_agenda_and_has_no_minutes(client, web_store):
    sign_in(client, web_store, MEMBER)
    html = _html(client.get("/m/3"))
    assert "Dagsorden: " in html and "20. september 2017" in html
    assert "/m/3/minutes." not in html and "Godkend referat" not in html
    assert client.get("/m/3/minutes.docx").status_code == 404


def test_approved_minutes_say_so_in_english_too(client, web_store):
    sign_in(client, web_store, MEMBER)
    html = _html(client.get("/m/2?lang=en"))
    assert '<html lang="en">' in html
    assert "Minutes: " in html and "16 August 2017" in html
    assert "The minutes were approved on" in html
    assert 'id="approve"' not in html


def test_the_downloads(client, web_store):
    from docx import Document

    sign_in(client, web_store, MEMBER)
    docx = client.get("/m/8/minutes.docx")
    assert docx.status_code == 200
    assert docx.mimetype.endswith("wordprocessingml.document")
    assert "referat-styregruppen-odder-bostoette-2018-01-15.docx" in \
        docx.headers["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
    assert "Evalueringskriterier og evalueringsplan" in text
    ics = client.get("/m/8/invitation.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert b"BEGIN:VCALENDAR" in ics.data and b"meeting-8@" in ics.data
    bilag = client.get("/m/8/bilag/1.docx")
    assert bilag.status_code == 200 and bilag.data[:2] == b"PK"
    assert client.get("/m/8/bilag/9").status_code == 404


def test_members_of_the_body_see_the_closed_item(client, web_store, closed_item):
    sign_in(client, web_store, MEMBER)
    html = _html(client.get("/m/8"))
    assert SECRET_TITLE in html and SECRET_TEXT in html
    assert "Lukket punkt" in html


def _text_of_docx(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_member_of_another_body_sees_nothing_of_a_closed_item(client, web_store,
                                                                closed_item):
    from pypdf import PdfReader

    sign_in(client, web_store, OTHER_BODY)
    page = client.get("/m/8")
    html = _html(page)
    assert page.status_code == 200
    assert "6. Lukket punkt" in html and "offentlige udgave" in html
    assert "Xyzzy" not in html and "Qwerty" not in html
    assert 'id="approve"' not in html  # not a member: no button
    for url in ("/m/8/agenda.docx", "/m/8/minutes.docx"):
        got = client.get(url)
        assert got.status_code == 200
        assert "offentlig" in got.headers["Content-Disposition"]
        text = _text_of_docx(got.data)
        assert "Lukket punkt" in text
        assert "Xyzzy" not in text and "Qwerty" not in text
        assert b"Xyzzy" not in got.data and b"Qwerty" not in got.data
    pdf = client.get("/m/8/minutes.pdf")
    assert pdf.status_code == 200 and pdf.data[:4] == b"%PDF"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Xyzzy" not in text and "Qwerty" not in text
    ics = client.get("/m/8/invitation.ics").get_data(as_text=True)
    assert "Xyzzy" not in ics and "Qwerty" not in ics and "Lukket punkt" in ics
    assert "ATTENDEE" not in ics  # the addresses only for those who see the whole agenda
    for n in (1, 2):
        bilag = client.get(f"/m/8/bilag/{n}.docx")
        assert bilag.status_code == 200
        assert "Xyzzy" not in _text_of_docx(bilag.data)


def test_a_workshop_voter_cannot_open_a_meeting(app, web_store):
    from nybureau.services.web import voter_session
    from nybureau.web.app import SESSION_COOKIE

    with web_store.transaction("test") as tx:
        now = tx.now
        rid = tx.round_add(project_id=1, code="WKSHP7", voted_on=date(2017, 10, 3),
                           closes_at=now + timedelta(hours=3))
        vid = tx.voter_add(round_id=rid, label="Deltager 1")
        cookie = voter_session(tx, vid)
    voter = https_client(app)
    voter.set_cookie(SESSION_COOKIE, cookie)
    for url in ("/m/8", "/m/2", "/m/8/minutes.docx", "/m/8/invitation.ics"):
        refused = voter.get(url)
        assert refused.status_code == 403, url
    assert "workshop" in _html(voter.get("/m/8"))


def test_nobody_signed_in_and_people_of_another_project_are_refused(client, app, web_store):
    assert client.get("/m/8").status_code == 401
    assert client.get("/m/8/agenda.pdf").status_code == 401
    stranger = https_client(app)
    sign_in(stranger, web_store, "Gitte Mølgaard Holst")  # Egelund: no role in Odder
    assert stranger.get("/m/8").status_code == 403
    assert stranger.get("/m/8/minutes.docx").status_code == 403
    assert client.get("/m/9999").status_code in (401, 404)


def test_a_meeting_that_does_not_exist(client, web_store):
    sign_in(client, web_store, LEADER)
    missing = client.get("/m/9999")
    assert missing.status_code == 404
    assert "Der er intet møde 9999" in _html(missing) or "møde" in _html(missing)


def test_a_cancelled_meeting_shows_the_cancellation(client, web_store):
    from nybureau.services.meetings import cancel_meeting

    with web_store.transaction("test") as tx:
        cancel_meeting(tx, 6, "Flyttet til januar", "2017-12-01")
    sign_in(client, web_store, MEMBER)
    html = _html(client.get("/m/6"))
    assert "Aflyst møde: " in html and "er aflyst" in html
    assert "Flyttet til januar" not in html  # the reason stays in the history
    assert 'href="/m/6/invitation.ics"' in html and "/m/6/agenda." not in html
    assert client.get("/m/6/agenda.docx").status_code == 404
    ics = client.get("/m/6/invitation.ics").get_data(as_text=True)
    assert "METHOD:CANCEL" in ics
