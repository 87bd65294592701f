"""The web view's core: signing in by a one-time link, the session cookie, CSRF, signing out."""

from __future__ import annotations

from tests.web.conftest import csrf_of, https_client, link_for, sign_in


def test_front_page_is_danish_and_invites_to_sign_in(client):
    page = client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="da">' in html
    assert "personlige link" in html


def test_english_on_request(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "personal link" in html


def test_sign_in_sets_a_secure_httponly_samesite_cookie(client, web_store):
    token = link_for(web_store, "Rikke Vestergaard Hansen")
    page = client.get(f"/login/{token}")
    done = client.post(f"/login/{token}", data={"csrf": csrf_of(page.get_data(as_text=True))})
    assert done.status_code == 303
    cookie = done.headers["Set-Cookie"]
    assert "nybureau_session=" in cookie
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie


def test_a_link_works_once(client, web_store, app):
    token = link_for(web_store, "Rikke Vestergaard Hansen")
    page = client.get(f"/login/{token}")
    csrf = csrf_of(page.get_data(as_text=True))
    assert client.post(f"/login/{token}", data={"csrf": csrf}).status_code == 303
    other = https_client(app)
    page = other.get(f"/login/{token}")
    again = other.post(f"/login/{token}", data={"csrf": csrf_of(page.get_data(as_text=True))})
    assert again.status_code == 401
    assert "udløbet eller allerede brugt" in again.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_refused(client, web_store):
    token = link_for(web_store, "Rikke Vestergaard Hansen")
    client.get(f"/login/{token}")
    refused = client.post(f"/login/{token}", data={})
    assert refused.status_code in (401, 403)
    assert "sikkerhedskode" in refused.get_data(as_text=True)


def test_sign_out_ends_the_session(client, web_store):
    sign_in(client, web_store, "Rikke Vestergaard Hansen")
    html = client.get("/portfolio").get_data(as_text=True)
    out = client.post("/logout", data={"csrf": csrf_of(html)})
    assert out.status_code == 200
    assert client.get("/portfolio").status_code == 401
