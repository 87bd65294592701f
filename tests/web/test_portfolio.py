"""The portfolio page: the projects a person may see, their phase, what they wait for and what is
overdue, the filters, and the network's comparison; who is refused."""

from __future__ import annotations

from tests.web.conftest import https_client, sign_in

ODDER = "Nybureaukratisering af bostøtten i Odder Kommune"
EGELUND = "Meningsfuld dokumentation i socialpsykiatrien i Egelund Kommune"
NETWORK = "fremfaerd-nybureaukratisering"


def _html(client, url: str, status: int = 200) -> str:
    page = client.get(url)
    assert page.status_code == status, page.get_data(as_text=True)
    return page.get_data(as_text=True)


def _grant_network(store, name: str, role: str = "leader") -> None:
    with store.transaction("test") as tx:
        person = tx.person_get(name)
        network = tx.network_get(NETWORK)
        tx.grant_add(person_id=person.id, network_id=network.id, role=role)


def test_a_project_leader_sees_her_project_with_phase_and_what_is_overdue(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio")
    assert '<a href="/p/odder-bostoette">' + ODDER in html
    assert 'href="/p/egelund-socialpsykiatri"' not in html  # no role there
    assert "Odder Kommune" in html
    assert "Afsluttet mandag den 11. juni 2018" in html
    assert "Intet – projektet er afsluttet." in html
    # the overdue entries of `due`, with their dates and a link to the meeting
    assert "Få referatet af mødet i styregruppen den 15. januar 2018 godkendt" in html
    assert "Frist mandag den 22. januar 2018:" in html
    assert 'href="/m/8"' in html


def test_the_overdue_entries_are_those_of_due(client, web_store):
    from nybureau.services.follow_up import due

    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio")
    with web_store.read("test") as tx:
        entries = [e for e in due(tx, days=0)["entries"]
                   if e["overdue"] and e["project"] == "odder-bostoette"]
    assert entries
    for e in entries:
        assert e["what"].render("da") in html


def test_the_network_comparison_shows_every_project_of_the_network(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio")
    assert "Netværkets sammenligning:" in html
    assert "Fremfærds netværk for nybureaukratisering" in html
    # Egelund is compared (as in the network's comparative report) but not linked
    assert EGELUND in html and 'href="/p/egelund-socialpsykiatri"' not in html
    assert "4/6 Prioritering" in html
    assert "Indsatsområder" in html and "Styringselementer" in html
    assert "2,80 (n=28) → 3,45 (n=27) (+0,65)" in html  # Odder's quality, Danish decimals
    assert "Grupper med færre end 5 besvarelser vises ikke." in html
    # the verdicts the network's definitions give: remove, change, anchor; not keep or
    # establish, which no item of either project has
    assert all(f">{v}<" in html for v in ("Fjerne", "Forandre", "Forankre"))
    assert ">Fastholde<" not in html and ">Etablere<" not in html


def test_a_network_grant_shows_both_projects_and_what_egelund_waits_for(client, web_store):
    _grant_network(web_store, "Rikke Vestergaard Hansen")
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio")
    assert 'href="/p/odder-bostoette"' in html and 'href="/p/egelund-socialpsykiatri"' in html
    assert "2 projekter" in html
    assert "Fase 4 af 6: Prioritering" in html
    assert ("Ikke opfyldt:</span> »Status med prioriteringer til ledelse og MED« godkendt eller "
            "taget til efterretning af ledelsen og MED-udvalget (MED-udvalget: ingen beslutning "
            "endnu)") in html


def test_the_filters_are_labelled_selects_and_filter(client, web_store):
    _grant_network(web_store, "Rikke Vestergaard Hansen")
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio")
    assert '<form class="filters" method="get"' in html
    for control in ("filter-network", "filter-municipality"):
        assert f'<label for="{control}">' in html and f'<select id="{control}"' in html
    only = _html(client, "/portfolio?municipality=Egelund+Kommune")
    assert 'href="/p/egelund-socialpsykiatri"' in only
    assert '<a href="/p/odder-bostoette">' + ODDER not in only
    assert '<option value="Egelund Kommune" selected>' in only
    assert "1 projekt" in only
    both = _html(client, f"/portfolio?network={NETWORK}&municipality=")
    assert "2 projekter" in both


def test_an_unknown_filter_is_refused_in_words(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio?network=ukendt", 400)
    assert "Ingen af dine projekter er i et netværk »ukendt«" in html
    html = _html(client, "/portfolio?municipality=Aarhus+Kommune", 400)
    assert "Ingen af dine projekter er i en kommune »Aarhus Kommune«" in html


def test_the_portfolio_in_english(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = _html(client, "/portfolio?lang=en")
    assert '<html lang="en">' in html
    assert "Portfolio of the projects" in html
    assert "Completed on Monday 11 June 2018" in html
    assert "Have the minutes of" in html
    assert "Network meetings (agents present)" in html
    assert '<input type="hidden" name="lang" value="en">' in html  # the filter keeps English


def test_nobody_signed_in_is_asked_to_sign_in(app):
    page = https_client(app).get("/portfolio")
    assert page.status_code == 401
    assert "personlige link" in page.get_data(as_text=True)


def test_each_person_sees_the_projects_of_their_own_roles(client, web_store):
    sign_in(client, web_store, "Gitte Mølgaard Holst")  # Egelund's MED and steering group
    html = _html(client, "/portfolio")
    assert 'href="/p/egelund-socialpsykiatri"' in html
    assert '<a href="/p/odder-bostoette">' + ODDER not in html
    # she may open Egelund from the comparison, and sees Odder's column without a link
    assert 'href="/p/odder-bostoette"' not in html


def test_a_workshop_voter_is_refused_the_portfolio(app, web_store):
    from nybureau.services.web import voter_session
    from nybureau.web.app import SESSION_COOKIE

    with web_store.transaction("test") as tx:
        project = tx.project_get("odder-bostoette")
        from datetime import date, timedelta

        round_id = tx.round_add(project_id=project.id, code="BX7K2M", voted_on=date(2026, 11, 3),
                                closes_at=tx.now + timedelta(hours=3))
        voter_id = tx.voter_add(round_id=round_id, label="Deltager 1")
        cookie = voter_session(tx, voter_id)
    c = https_client(app)
    c.set_cookie(SESSION_COOKIE, cookie)
    page = c.get("/portfolio")
    assert page.status_code == 403
    assert "workshop" in page.get_data(as_text=True)
