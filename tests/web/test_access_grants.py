"""Roles given by hand (``nybureau web grant``/``revoke``/``grants``), the handed-over link
(``web link``), ``nybureau serve``, and the web's personal data: ``person forget`` and what a
project's export carries of the web tables."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import Cli
from tests.web.conftest import csrf_of, https_client, sign_in

CAMILLA = "Camilla Høj Pedersen"  # project group only: no role of her own on the web


@pytest.fixture
def demo(web_db) -> Cli:
    return Cli(web_db)


def _viewer(store, name):
    from nybureau.services.web import Viewer

    with store.read("test") as tx:
        person = tx.person_get(name)
    return Viewer(0, person.id, name, None, None, None, "da")


def test_a_grant_gives_a_role_and_a_revoke_takes_it_back(demo, web_store):
    from nybureau.services.web import project_access

    viewer = _viewer(web_store, CAMILLA)
    with web_store.read("test") as tx:
        before = project_access(tx, viewer, tx.project_get("egelund-socialpsykiatri"))
    assert not before.any
    out = demo.ok(["web", "grant", CAMILLA, "--project", "egelund-socialpsykiatri",
                   "--role", "reader"], lang="da").output
    assert "har nu rollen som læser" in out
    with web_store.read("test") as tx:
        after = project_access(tx, viewer, tx.project_get("egelund-socialpsykiatri"))
    assert after.reader and not after.leader and not after.writes_meetings
    listed = json.loads(demo.ok(["web", "grants", "egelund-socialpsykiatri", "--json"]).output)
    assert [(g["person"], g["role"], g["project"]) for g in listed] == [
        (CAMILLA, "reader", "egelund-socialpsykiatri")]
    again = demo(["web", "grant", CAMILLA, "--project", "egelund-socialpsykiatri",
                  "--role", "reader"])
    assert again.exit_code == 1 and "already reader" in again.output
    demo.ok(["web", "revoke", CAMILLA, "--project", "egelund-socialpsykiatri",
             "--role", "reader"])
    with web_store.read("test") as tx:
        assert not project_access(tx, viewer, tx.project_get("egelund-socialpsykiatri")).any
    log = demo.ok(["log", "egelund-socialpsykiatri"], lang="da").output
    assert "læser" in log and "på webben" in log
    demo.ok("audit verify")


def test_a_network_grant_reaches_every_project_of_the_network(demo, web_store, app):
    from nybureau.services.web import visible_projects

    with web_store.read("test") as tx:
        network = tx.project_get("odder-bostoette").network_id
        slug = tx.network_by_id(network).slug
    demo.ok(["web", "grant", CAMILLA, "--network", slug, "--role", "leader"])
    with web_store.read("test") as tx:
        seen = {p.slug for p in visible_projects(tx, _viewer(web_store, CAMILLA))}
    assert {"odder-bostoette", "egelund-socialpsykiatri"} <= seen
    client = sign_in(https_client(app), web_store, CAMILLA)
    html = client.get("/account").get_data(as_text=True)
    assert "Projektleder" in html and "alle projekter i netværket" in html


def test_grant_refusals_name_what_is_wrong(demo):
    both = demo(["web", "grant", CAMILLA, "--project", "odder-bostoette", "--network", "x",
                 "--role", "reader"])
    assert both.exit_code == 1 and "either --project" in both.output
    unknown = demo(["web", "revoke", CAMILLA, "--project", "odder-bostoette",
                    "--role", "leader"])
    assert unknown.exit_code == 1 and "is not project leader" in unknown.output
    role = demo(["web", "grant", CAMILLA, "--project", "odder-bostoette", "--role", "chef"])
    assert role.exit_code == 2


def test_web_link_prints_a_link_that_signs_in_once(demo, app, web_store):
    out = demo.ok(["web", "link", "Birgitte Østergaard Nielsen", "--url",
                   "https://nybureau.odder.dk", "--minutes", "90"], lang="da").output
    assert "kan bruges én gang" in out
    url = next(line for line in out.splitlines() if line.startswith("https://"))
    token = url.rsplit("/login/", 1)[1]
    client = https_client(app)
    page = client.get(f"/login/{token}")
    assert client.post(f"/login/{token}", data={
        "csrf": csrf_of(page.get_data(as_text=True))}).status_code == 303
    with web_store.read("test") as tx:  # the link's digest, never the link, is stored
        assert all(token not in json.dumps(r, default=str) for r in tx.admin_rows("web_token"))
        assert [e.after["minutes"] for e in tx.audit_events() if e.action == "web.link"] == [90]
    qr = demo.ok(["web", "link", "Birgitte Østergaard Nielsen", "--qr"]).output
    assert "http://127.0.0.1:8000/login/" in qr and "█" in qr
    assert demo(["web", "link", "Birgitte Østergaard", "--url", "ftp://x"]).exit_code == 1


# -- nybureau serve -----------------------------------------------------------------------------
def test_serve_check_prints_the_address_and_a_link_for_the_actor(demo, monkeypatch):
    monkeypatch.setenv("NYBUREAU_ACTOR", "Rikke Vestergaard Hansen")
    out = demo.ok(["serve", "--check"]).output
    assert "http://127.0.0.1:8000" in out
    assert "http://127.0.0.1:8000/login/" in out and "Rikke Vestergaard Hansen" in out
    monkeypatch.setenv("NYBUREAU_ACTOR", "someone")
    out = demo.ok(["serve", "--check"]).output
    assert "/login/" not in out and "--as" in out


def test_serve_warns_on_another_address_than_this_machine(demo):
    result = demo.ok(["serve", "--check", "--host", "0.0.0.0"])
    assert "reverse proxy with TLS" in result.output
    quiet = demo.ok(["serve", "--check"])
    assert "Warning" not in quiet.output


def test_serve_hands_waitress_the_app_with_the_chosen_settings(demo, monkeypatch):
    import waitress

    seen = {}

    class Served:  # waitress's server, as far as serve uses it
        def run(self):
            seen["ran"] = True

        def close(self):
            seen["closed"] = True

    def fake_server(wsgi, **kw):
        seen.update(kw, app=wsgi)
        return Served()

    monkeypatch.setattr(waitress, "create_server", fake_server)
    demo.ok(["serve", "--port", "8123", "--threads", "3", "--as", "Rikke Vestergaard Hansen",
             "--public-url", "https://nybureau.odder.dk", "--proxy"])
    assert (seen["host"], seen["port"], seen["threads"]) == ("127.0.0.1", 8123, 3)
    assert seen["ran"] and seen["closed"]
    flask_app = seen["app"]
    assert flask_app.config["NYBUREAU_SECURE"] is True
    assert flask_app.config["NYBUREAU_PUBLIC_URL"] == "https://nybureau.odder.dk"
    from werkzeug.middleware.proxy_fix import ProxyFix

    assert isinstance(flask_app.wsgi_app, ProxyFix)
    assert seen["clear_untrusted_proxy_headers"] is False
    seen.clear()
    demo.ok(["serve", "--host", "192.0.2.10", "--port", "8124"])
    assert not isinstance(seen["app"].wsgi_app, ProxyFix)  # no X-Forwarded-* without --proxy
    assert seen["app"].config["NYBUREAU_SECURE"] is False  # plain http to another address
    flask_app.config["NYBUREAU_STORE"].dispose()
    seen["app"].config["NYBUREAU_STORE"].dispose()


def test_secure_cookies_for_https_and_this_machine():
    from nybureau.cli.serve import secure_cookies_for

    assert secure_cookies_for("https://nybureau.odder.dk")
    assert secure_cookies_for("http://127.0.0.1:8000")
    assert secure_cookies_for("http://localhost:8000")
    assert not secure_cookies_for("http://192.0.2.10:8000")


# -- personal data ------------------------------------------------------------------------------
def _web_rows_for(store, name):
    from nybureau.services.web import voter_session
    from nybureau.services.web.grants import grant
    from nybureau.services.web.limits import record

    with store.transaction("test") as tx:
        person = tx.person_get(name)
        tx.admin_update("person", {"id": person.id}, {"email": "bon@odder.dk"})
        grant(tx, name, "reader", project="egelund-socialpsykiatri")
        project = tx.project_get("odder-bostoette")
        rid = tx.round_add(project_id=project.id, code="FORGET", voted_on=date(2017, 11, 14),
                           opened_by=person.id,
                           closes_at=datetime.now(timezone.utc) + timedelta(hours=2))
        vid = tx.voter_add(round_id=rid, label="Deltager 1")
        voter_session(tx, vid)
        meeting = next(m for m in tx.admin_rows("meeting") if m["project_id"] == project.id)
        tx.approval_add(meeting["id"], person.id)
        record(tx, "request_email", "bon@odder.dk", ok=True)
        return person.id


def test_forget_deletes_sessions_links_and_grants_but_keeps_approvals(demo, app, web_store):
    name = "Birgitte Østergaard Nielsen"
    pid = _web_rows_for(web_store, name)
    client = sign_in(https_client(app), web_store, name)
    from tests.web.conftest import link_for

    link_for(web_store, name)  # a link not used yet
    assert client.get("/account").status_code == 200
    demo.ok(["person", "forget", name, "--reason", "Anmodning af 1. december 2026"])
    with web_store.read("test") as tx:
        assert [r for r in tx.admin_rows("web_session") if r["person_id"] == pid] == []
        assert [r for r in tx.admin_rows("web_token") if r["person_id"] == pid] == []
        assert tx.grant_list(person_id=pid) == []
        assert len(tx.admin_rows("minutes_approval", where={"person_id": pid})) == 1
        from nybureau.services.web.limits import key

        assert tx.admin_rows("web_attempt", where={"key": key("request_email",
                                                              "bon@odder.dk")}) == []
        assert len(tx.admin_rows("web_session")) == 1  # the voter's session stays
    assert client.get("/account").status_code == 401  # the forgotten person is signed out
    demo.ok("audit verify")


def test_a_project_export_leaves_sessions_links_and_attempts_behind(demo, web_store, tmp_path):
    _web_rows_for(web_store, "Birgitte Østergaard Nielsen")
    from tests.web.conftest import link_for

    link_for(web_store, "Birgitte Østergaard Nielsen")
    demo.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    data = json.loads((tmp_path / "odder.json").read_text(encoding="utf-8"))
    counts = data["counts"]
    assert counts["minutes_approval"] == 1 and counts["workshop_round"] == 1
    assert counts["workshop_voter"] == 1
    for local in ("web_session", "web_token", "web_attempt"):
        assert counts.get(local, 0) == 0, local
    target = Cli("sqlite:///" + str(tmp_path / "fresh.db"))
    target.ok("init")
    target.ok(["import", str(tmp_path / "odder.json")])
    target.ok("audit verify")
    demo.ok(["export", "--out", str(tmp_path / "all.json")])  # everything: every table
    full = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["counts"]
    assert full["web_session"] == 1 and full["web_token"] == 1 and full["web_attempt"] == 1
