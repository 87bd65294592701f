"""Fixtures of the web view's tests: the demo database (the Odder case and its network,
loaded once per session and copied for each test, or on PostgreSQL loaded for each test), the
application over it, a client, and signing in as a named person through a real one-time link."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from nybureau.persistence.store import Store


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    from nybureau.services.admin import demo

    path = tmp_path_factory.mktemp("web-demo") / "demo.db"
    s = Store(f"sqlite:///{path}")
    demo.run(s, "test")
    s.dispose()
    return path


@pytest.fixture
def web_db(demo_file, tmp_path, db_url) -> str:
    """A database holding the demo: a copy of the session's SQLite file, or on PostgreSQL
    (NYBUREAU_TEST_PG) the demo loaded into the test's clean schema."""
    if os.environ.get("NYBUREAU_TEST_PG"):
        from nybureau.services.admin import demo

        s = Store(db_url)
        demo.run(s, "test")
        s.dispose()
        return db_url
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def app(web_db):
    from nybureau.web import create_app

    application = create_app(web_db)
    application.config["TESTING"] = True
    yield application
    application.config["NYBUREAU_STORE"].dispose()


def https_client(app):
    """A test client whose requests come over HTTPS (the cookies are Secure)."""
    c = app.test_client()
    c.environ_base["wsgi.url_scheme"] = "https"
    return c


@pytest.fixture
def client(app):
    return https_client(app)


@pytest.fixture
def web_store(app) -> Store:
    return app.config["NYBUREAU_STORE"]


CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def link_for(store: Store, name: str) -> str:
    """A fresh one-time sign-in token for the person named ``name``."""
    from nybureau.services.web import make_link

    with store.transaction("test") as tx:
        person = tx.person_get(name)
        assert person is not None, name
        return make_link(tx, person.id)


def sign_in(client, store: Store, name: str):
    """Sign in as ``name`` the way a browser does: open the link, press the button."""
    token = link_for(store, name)
    page = client.get(f"/login/{token}")
    assert page.status_code == 200
    done = client.post(f"/login/{token}", data={"csrf": csrf_of(page.get_data(as_text=True))})
    assert done.status_code == 303, done.get_data(as_text=True)
    return client


def post(client, url: str, data: dict | None = None, page: str | None = None):
    """POST a form as the browser would: with the CSRF token of the page it is on (``page``,
    default ``url``)."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={"csrf": csrf_of(html), **(data or {})})
