"""The project page (phase checklist, timeline, meetings, documents, governance register), an
item's trace, and the documents to download: who gets which render, and who is refused."""

from __future__ import annotations

import io
from datetime import date, timedelta

from tests.web.conftest import https_client, sign_in

ODDER = "/p/odder-bostoette"
EGELUND = "/p/egelund-socialpsykiatri"
SECRET = "Fortrolig sag om en medarbejders helbred og fravær."


def _html(client, url: str, status: int = 200) -> str:
    page = client.get(url)
    assert page.status_code == status, page.get_data(as_text=True)
    return page.get_data(as_text=True)


def _grant(store, name: str, slug: str, role: str) -> None:
    with store.transaction("test") as tx:
        tx.grant_add(person_id=tx.person_get(name).id,
                     project_id=tx.project_get(slug).id, role=role)


ACTION = "Tal med medarbejderen om hjemsendelsen"


def _closed_item(store, action: bool = False) -> None:
    """A closed item on the agenda of Odder's MED meeting of 20 September 2017 (meeting 3),
    with (``action``) an action point agreed under it, long overdue."""
    from nybureau.services import meetings

    with store.transaction("test") as tx:
        added = meetings.add_item(tx, 3, title="Personalesag i Myndighed", kind="decision",
                                  closed=True, background=SECRET,
                                  recommendations=["at sagen drøftes"])
        if action:
            meetings.add_action(tx, 3, added["number"], what=ACTION,
                                who="Michael Bach Sørensen", due="2017-10-02")


def test_the_checklist_has_the_sentences_of_status_marked_in_words(client, web_store):
    from nybureau.services import phases

    sign_in(client, web_store, "Susanne Krogh Iversen")  # Egelund's project leader
    html = _html(client, EGELUND)
    assert "<h1>Meningsfuld dokumentation i socialpsykiatrien i Egelund Kommune</h1>" in html
    assert html.count("<h1>") == 1
    assert "Fase 4 af 6: Prioritering" in html and "4 af 5 krav er opfyldt." in html
    with web_store.read("test") as tx:
        status = phases.status(tx, "egelund-socialpsykiatri", "da")
    from markupsafe import escape

    for r in status["requirements"]:
        word = "Opfyldt:" if r["met"] else "Ikke opfyldt:"
        assert f"<strong>{word}</strong> {escape(r['text'])}" in html
    assert "(MED-udvalget: ingen beslutning endnu)" in html
    assert "Næste fase: Udvikling og afprøvning af løsning." in html


def test_the_role_and_a_completed_project(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, ODDER)
    assert "Din rolle i projektet: projektleder, medlem af projektgruppen og styregruppen" in html
    assert "Projektet blev afsluttet mandag den 11. juni 2018." in html


def test_the_timeline_has_phases_decisions_and_activities_in_date_order(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, ODDER)
    start = html.index('id="tidslinje"')
    part = html[start:html.index('id="moeder"')]
    first = part.index("Projektet starter i fase 1: Opbakning og organisering")
    decision = part.index("MED-udvalget: »Projektbeskrivelse og overordnet forløb« – godkendt "
                          "med ændringer")
    onwards = part.index("Videre til Fælles sprog og kompetence")
    assert first < decision < onwards
    assert '<time datetime="2017-08-16">16. august 2017</time>' in part
    assert "Netværksmøde 1: sparring på kortlægningen" in part


def test_the_meetings_link_to_their_pages_with_body_date_and_status(client, web_store):
    sign_in(client, web_store, "Birgitte Østergaard Nielsen")
    html = _html(client, ODDER)
    part = html[html.index('id="moeder"'):html.index('id="dokumenter"')]
    assert '<a href="/m/2"><time datetime="2017-08-16T14:00:00+02:00">onsdag den 16. august ' \
           '2017</time></a>' in part
    assert "Områdeudvalg for social og sundhed" in part
    assert "Referat godkendt" in part and "Afholdt" in part and "Planlagt" in part
    assert 'href="/m/8"' in part and "Styregruppen" in part


def test_the_documents_are_listed_with_a_link_per_format(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, ODDER)
    part = html[html.index('id="dokumenter"'):html.index('id="register"')]
    assert "Projektbeskrivelse" in part
    assert "Beslutningsoplæg: »Projektbeskrivelse og overordnet forløb«" in part
    assert "Referat: Områdeudvalg for social og sundhed, onsdag den 16. august 2017" in part
    for fmt in ("md", "html", "docx"):
        assert f'href="/p/odder-bostoette/documents/minutes-2.{fmt}"' in part
    assert "offentlig udgave" not in part  # the leader sees every closed item
    # no English id as a visible text
    assert ">project_description<" not in part and ">minutes-2<" not in part


def test_a_document_downloads_as_a_file_in_each_format(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    md = client.get(f"{ODDER}/documents/minutes-2.md")
    assert md.status_code == 200
    assert md.headers["Content-Type"].startswith("text/markdown")
    assert md.headers["Content-Disposition"] == (
        'attachment; filename="referat-omraadeudvalg-for-social-og-sundhed-2017-08-16.md"')
    assert "Referat" in md.get_data(as_text=True)
    docx = client.get(f"{ODDER}/documents/project-description.docx")
    assert docx.status_code == 200
    import docx as python_docx

    text = "\n".join(p.text for p in python_docx.Document(io.BytesIO(docx.data)).paragraphs)
    assert "Odder" in text
    html = client.get(f"{ODDER}/documents/decision-paper-project_description.html")
    assert html.status_code == 200 and "attachment" in html.headers["Content-Disposition"]


def test_a_closed_item_reaches_only_the_bodys_members(app, web_store):
    _closed_item(web_store)
    member = sign_in(https_client(app), web_store, "Pia Rasmussen Due")  # MED
    full = member.get(f"{ODDER}/documents/agenda-3.md")
    assert full.status_code == 200 and SECRET in full.get_data(as_text=True)
    # Torben Skov Andersen is in the steering group only: the public render
    other = sign_in(https_client(app), web_store, "Torben Skov Andersen")
    page = _html(other, ODDER)
    row = page[page.index("Dagsorden: Områdeudvalg for social og sundhed, onsdag den 20. "
                          "september 2017"):]
    assert row.index("(offentlig udgave)") < row.index("</tr>")
    assert "får du i den offentlige udgave" in page
    import docx as python_docx

    for fmt in ("md", "html", "docx"):
        got = other.get(f"{ODDER}/documents/agenda-3.{fmt}")
        assert got.status_code == 200
        assert "offentlig" in got.headers["Content-Disposition"]
        if fmt == "docx":
            doc = python_docx.Document(io.BytesIO(got.data))
            text = "\n".join([p.text for p in doc.paragraphs]
                             + [c.text for t in doc.tables for r in t.rows for c in r.cells])
        else:
            text = got.get_data(as_text=True)
        assert SECRET not in text and "Personalesag i Myndighed" not in text
        assert "Lukket punkt" in text


def test_an_action_point_of_a_closed_item_is_named_only_as_such(app, web_store):
    _closed_item(web_store, action=True)
    member = sign_in(https_client(app), web_store, "Pia Rasmussen Due")  # MED
    assert ACTION in _html(member, "/portfolio")
    other = sign_in(https_client(app), web_store, "Torben Skov Andersen")  # steering group
    for url in ("/portfolio", ODDER):
        html = _html(other, url)
        assert ACTION not in html and SECRET not in html
    assert "Et handlingspunkt aftalt under et lukket punkt" in _html(other, "/portfolio")


def test_a_reader_gets_the_public_renders(app, web_store):
    _closed_item(web_store)
    _grant(web_store, "Camilla Høj Pedersen", "odder-bostoette", "reader")
    with web_store.transaction("test") as tx:  # a reader and nothing else
        from sqlalchemy import delete

        from nybureau.persistence import tables as t

        tx.conn.execute(delete(t.membership).where(
            t.membership.c.person_id == tx.person_get("Camilla Høj Pedersen").id))
    reader = sign_in(https_client(app), web_store, "Camilla Høj Pedersen")
    html = _html(reader, ODDER)
    assert "Din rolle i projektet: læser" in html
    got = reader.get(f"{ODDER}/documents/agenda-3.md")
    assert got.status_code == 200 and SECRET not in got.get_data(as_text=True)


def test_the_register_links_each_item_to_its_trace(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, ODDER)
    part = html[html.index('id="register"'):]
    assert ('<a href="/p/odder-bostoette/items/1">Bostøtte visiteres som et ugentligt '
            'timeantal</a>') in part
    assert "Regel/proceskrav" in part and "for stram, kontrollerende" in part
    trace = _html(client, f"{ODDER}/items/1")
    assert "<h1>Bostøtte visiteres som et ugentligt timeantal</h1>" in trace
    assert "Registreret" in trace and "tirsdag den 3. oktober 2017" in trace
    assert "Flest point: <strong>forandre</strong>" in trace
    assert "Stemmerne fordelt på styringskæden" in trace
    assert "Rummelige bestillinger i stedet for ugentlige timer" in trace  # the focus area
    assert "Rummelig bestilling: støttebehov i stedet for ugentlige timer" in trace
    assert "Nyhedsbrev: erfaringer fra nybureaukratisering af bostøtten" in trace


def test_the_trace_names_no_voter(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    trace = _html(client, f"{ODDER}/items/1")
    with web_store.read("test") as tx:
        from sqlalchemy import select

        from nybureau.persistence import tables as t

        voters = {r[0] for r in tx.conn.execute(select(t.vote.c.participant))}
    assert voters
    for name in voters:
        assert name not in trace


def test_an_unknown_item_document_or_format_is_refused_in_words(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    assert "intet styringselement nr. 999" in _html(client, f"{ODDER}/items/999", 404)
    assert "et dokument »nope«" in _html(client, f"{ODDER}/documents/nope.md", 404)
    assert "»exe« er ikke et af dem" in _html(client, f"{ODDER}/documents/agenda-2.exe", 400)
    # an item of another project is not this project's
    with web_store.read("test") as tx:
        other = tx.gov_items(tx.project_get("egelund-socialpsykiatri").id)[0].id
    _html(client, f"{ODDER}/items/{other}", 404)


def test_an_unknown_project_names_no_other_project(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/p/egelund", 404)
    assert "Der er intet projekt »egelund«" in html
    assert "egelund-socialpsykiatri" not in html


def test_a_person_without_a_role_in_the_project_is_refused(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    for url in (EGELUND, f"{EGELUND}/items/13", f"{EGELUND}/documents/mandate.md"):
        html = _html(client, url, 403)
        assert "Du har ingen rolle i projektet" in html


def test_nobody_signed_in_is_refused(app):
    c = https_client(app)
    for url in (ODDER, f"{ODDER}/items/1", f"{ODDER}/documents/mandate.md"):
        assert c.get(url).status_code == 401


def test_a_workshop_voter_is_refused_the_project(app, web_store):
    from nybureau.services.web import voter_session
    from nybureau.web.app import SESSION_COOKIE

    with web_store.transaction("test") as tx:
        project = tx.project_get("odder-bostoette")
        round_id = tx.round_add(project_id=project.id, code="QW3RT9", voted_on=date(2026, 11, 3),
                                closes_at=tx.now + timedelta(hours=3))
        cookie = voter_session(tx, tx.voter_add(round_id=round_id, label="Deltager 1"))
    c = https_client(app)
    c.set_cookie(SESSION_COOKIE, cookie)
    for url in (ODDER, f"{ODDER}/items/1", f"{ODDER}/documents/minutes-2.md"):
        page = c.get(url)
        assert page.status_code == 403
        assert "kun stemme i den workshop" in page.get_data(as_text=True)


def test_the_project_page_in_english(client, web_store):
    sign_in(client, web_store, "Susanne Krogh Iversen")
    html = _html(client, EGELUND + "?lang=en")
    assert '<html lang="en">' in html
    assert "Phase 4 of 6: Prioritisation" in html
    assert "<strong>Not met:</strong>" in html and "Your role in the project:" in html
    assert "“" in html and "»" not in html  # English quotation marks


def test_the_services_refuse_without_http_too(web_store):
    """The use cases answer the same without Flask: a voter, nobody, a stranger."""
    import pytest

    from nybureau.errors import Denied, NotFound
    from nybureau.services.web import Viewer, document, item_trace, portfolio, project_page

    voter = Viewer(1, None, None, 1, 1, "Deltager 1", "da")
    with web_store.read("test") as tx:
        rikke = tx.person_get("Rikke Vestergaard Hansen")
        leader = Viewer(1, rikke.id, rikke.full_name, None, None, None, "da")
        for who in (None, voter):
            with pytest.raises(Denied):
                project_page(tx, who, "odder-bostoette")
            with pytest.raises(Denied):
                portfolio(tx, who)
            with pytest.raises(Denied):
                item_trace(tx, who, "odder-bostoette", 1)
        with pytest.raises(Denied):
            document(tx, leader, "egelund-socialpsykiatri", "mandate", "md")
        with pytest.raises(NotFound):
            project_page(tx, leader, "ingen-saadan")
        page = project_page(tx, leader, "odder-bostoette")
        assert page["access"].leader and page["checklist"]["completed"]
        assert {d["key"] for d in page["documents"]} >= {"agenda-2", "minutes-2", "mandate"}
        name, content = document(tx, leader, "odder-bostoette", "mandate", "md")
        assert name.endswith(".md") and "Kommissorium" in content.decode("utf-8")
