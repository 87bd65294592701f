"""Signing in on the web and its denials: an expired link, a reused link, a form without its
CSRF token, the rate limits (429 with Retry-After), asking for a link by e-mail (through the
outbox, the same answer for an unknown address), the account page and signing out on every
device, and a workshop voter's session that reaches nothing but its round."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from tests.support.smtp import mail_env, smtp_server  # noqa: F401  (fixtures)
from tests.web.conftest import csrf_of, https_client, link_for, sign_in

RIKKE = "Rikke Vestergaard Hansen"
BIRGITTE = "Birgitte Østergaard Nielsen"


def _press(client, token: str):
    page = client.get(f"/login/{token}")
    return client.post(f"/login/{token}", data={"csrf": csrf_of(page.get_data(as_text=True))})


def test_an_expired_link_is_refused(client, web_store):
    from nybureau.persistence import tables as t

    token = link_for(web_store, RIKKE)
    with web_store.transaction("test") as tx:  # the link was made an hour ago
        tx.conn.execute(update(t.web_token).values(
            expires_at=datetime.now(timezone.utc) - timedelta(minutes=1)))
    refused = _press(client, token)
    assert refused.status_code == 401
    html = refused.get_data(as_text=True)
    assert "udløbet eller allerede brugt" in html and "Traceback" not in html
    assert client.get("/portfolio").status_code == 401  # no session came of it


def test_a_reused_link_is_refused_on_the_same_device_too(client, web_store):
    token = link_for(web_store, RIKKE)
    assert _press(client, token).status_code == 303
    again = _press(client, token)
    assert again.status_code in (401, 403)
    assert "udløbet eller allerede brugt" in again.get_data(as_text=True)


def test_an_unknown_link_says_the_same_as_a_used_one(client):
    refused = _press(client, "ikke-et-rigtigt-link")
    assert refused.status_code == 401
    assert "udløbet eller allerede brugt" in refused.get_data(as_text=True)


def test_signing_out_without_the_csrf_token_is_refused(client, web_store):
    sign_in(client, web_store, RIKKE)
    refused = client.post("/logout", data={"everywhere": "1"})
    assert refused.status_code == 403
    assert "sikkerhedskode" in refused.get_data(as_text=True)
    assert client.get("/portfolio").status_code == 200  # still signed in


def test_too_many_tries_of_links_answer_429_with_retry_after(client, web_store):
    from nybureau.services.web.limits import LIMITS

    for n in range(LIMITS["redeem"].most):
        assert _press(client, f"gaet-{n}").status_code == 401
    token = link_for(web_store, RIKKE)  # even a good link waits now
    limited = _press(client, token)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == str(LIMITS["redeem"].minutes * 60)
    html = limited.get_data(as_text=True)
    assert "For mange forsøg på at logge ind" in html and '<html lang="da">' in html
    # only digests are stored, never the client's address
    with web_store.read("test") as tx:
        keys = {r["key"] for r in tx.admin_rows("web_attempt")}
    assert keys and all(re.fullmatch(r"[0-9a-f]{64}", k) for k in keys)


def test_the_limit_counts_per_client_address(app, web_store):
    from nybureau.services.web.limits import LIMITS

    one = https_client(app)
    for n in range(LIMITS["redeem"].most):
        _press(one, f"gaet-{n}")
    other = https_client(app)
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert _press(other, link_for(web_store, RIKKE)).status_code == 303


def test_the_account_page_lists_roles_and_sessions(client, web_store):
    sign_in(client, web_store, "Michael Bach Sørensen")
    page = client.get("/account")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Min konto</h1>" in html
    assert "MED-udvalget" in html and "Styregruppen" in html  # his bodies, in words
    assert "Denne enhed" in html
    assert 'id="signout-everywhere"' in html


def test_the_account_page_needs_a_sign_in(client):
    assert client.get("/account").status_code == 401


def test_sign_out_everywhere_ends_the_other_devices_session(app, web_store):
    laptop, phone = https_client(app), https_client(app)
    sign_in(laptop, web_store, BIRGITTE)
    sign_in(phone, web_store, BIRGITTE)
    assert "En anden enhed" in phone.get("/account").get_data(as_text=True)
    html = phone.get("/account").get_data(as_text=True)
    done = phone.post("/logout", data={"csrf": csrf_of(html), "everywhere": "1"})
    assert done.status_code == 200
    assert "alle dine enheder" in done.get_data(as_text=True)
    assert laptop.get("/portfolio").status_code == 401
    assert phone.get("/portfolio").status_code == 401
    with web_store.read("test") as tx:
        events = [e for e in tx.audit_events() if e.action == "web.signout"]
    assert events and events[-1].after["sessions"] == 2


def _voter_client(app, web_store):
    from nybureau.services.web import voter_session

    with web_store.transaction("test") as tx:
        project = tx.project_get("odder-bostoette")
        rid = tx.round_add(project_id=project.id, code="TESTKD", voted_on=date(2017, 11, 14),
                           closes_at=datetime.now(timezone.utc) + timedelta(hours=3))
        vid = tx.voter_add(round_id=rid, label="Deltager 1")
        cookie = voter_session(tx, vid)
    c = https_client(app)
    c.set_cookie("nybureau_session", cookie)
    return c


def test_a_workshop_voter_reaches_neither_the_portfolio_nor_a_project(app, web_store):
    voter = _voter_client(app, web_store)
    for url in ("/portfolio", "/p/odder-bostoette", "/account"):
        refused = voter.get(url)
        assert refused.status_code == 403, url
        assert "kun stemme i den workshop" in refused.get_data(as_text=True)
    home = voter.get("/")
    assert home.status_code == 302 and home.headers["Location"].endswith("/w/TESTKD/vote")


# -- asking for a link by e-mail ---------------------------------------------------------------
@pytest.fixture
def mail_app(web_db, mail_env):  # noqa: F811
    from nybureau.web import create_app

    application = create_app(web_db, public_url="https://nybureau.odder.dk")
    application.config["TESTING"] = True
    with application.config["NYBUREAU_STORE"].transaction("test") as tx:
        person = tx.person_get(BIRGITTE)
        tx.admin_update("person", {"id": person.id}, {"email": "bon@odder.dk"})
    yield application
    application.config["NYBUREAU_STORE"].dispose()


def _ask(client, address: str):
    html = client.get("/").get_data(as_text=True)
    assert 'id="send-link"' in html and 'for="email"' in html
    return client.post("/login/request", data={"csrf": csrf_of(html), "email": address})


def _wait_mail(app) -> None:
    for thread in app.extensions.get("nybureau_mail_threads", []):
        thread.join(timeout=20)


def test_a_link_asked_for_by_e_mail_arrives_and_signs_in(mail_app, mail_env):  # noqa: F811
    client = https_client(mail_app)
    asked = _ask(client, "BON@odder.dk")
    assert asked.status_code == 303
    page = client.get(asked.headers["Location"])
    assert "Hvis adressen hører til en person i nybureau" in page.get_data(as_text=True)
    _wait_mail(mail_app)
    assert len(mail_env.received) == 1
    got = mail_env.received[0]
    assert got["to"] == ["bon@odder.dk"]
    assert got["message"]["Subject"] == "Dit link til at logge ind på nybureau"
    body = got["message"].get_body().get_content()
    link = re.search(r"https://nybureau\.odder\.dk/login/(\S+)", body)
    assert link and "Kære Birgitte Østergaard Nielsen" in body
    assert _press(client, link.group(1)).status_code == 303
    assert client.get("/portfolio").status_code == 200
    store = mail_app.config["NYBUREAU_STORE"]
    with store.read("test") as tx:  # the outbox kept the headers, not the link
        row = tx.outbox_list()[-1]
    assert row.purpose == "signin" and row.status == "sent"
    assert link.group(1) not in row.content


def test_an_unknown_address_gets_the_same_answer_and_no_mail(mail_app, mail_env):  # noqa: F811
    client = https_client(mail_app)
    asked = _ask(client, "ukendt@odder.dk")
    assert asked.status_code == 303
    assert asked.headers["Location"].endswith("/?requested=1")
    _wait_mail(mail_app)
    assert mail_env.received == []
    with mail_app.config["NYBUREAU_STORE"].read("test") as tx:
        assert tx.outbox_list() == []


def test_asking_too_often_for_one_address_answers_429(mail_app, mail_env):  # noqa: F811
    from nybureau.services.web.limits import LIMITS

    for n in range(LIMITS["request_email"].most):
        client = https_client(mail_app)
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
        assert _ask(client, "bon@odder.dk").status_code == 303
    client = https_client(mail_app)
    client.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    limited = _ask(client, "bon@odder.dk")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "3600"
    _wait_mail(mail_app)
    assert len(mail_env.received) == LIMITS["request_email"].most


def test_without_mail_the_front_page_offers_no_request_form(client):
    html = client.get("/").get_data(as_text=True)
    assert 'id="send-link"' not in html
    refused = client.post("/login/request", data={"csrf": csrf_of(
        client.get("/login/x").get_data(as_text=True)), "email": "a@b.dk"})
    assert refused.status_code == 401
    assert "sender ikke links" in refused.get_data(as_text=True)
