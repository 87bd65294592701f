"""The Flask application: the store, who is asking, the language, CSRF on every form, the
security headers, and one error page for every refusal."""

from __future__ import annotations

import os
import secrets
from contextlib import ExitStack, contextmanager
from typing import Any, Iterator

from flask import Flask, g, request

from nybureau.errors import Denied, NotFound, NybureauError
from nybureau.web import pages

SESSION_COOKIE = "nybureau_session"
#: before sign-in: the cookie a sign-in or join form's CSRF token is made from
FORM_COOKIE = "nybureau_form"
LANG_COOKIE = "nybureau_lang"
LANGS = ("da", "en")


def create_app(db_url: str | None = None, *, secure_cookies: bool = True,
               public_url: str | None = None, connections: int = 8) -> Flask:
    """The web application over the database ``db_url`` (default: as the CLI finds it).
    ``secure_cookies``: cookies only over HTTPS (browsers treat http://localhost as secure);
    ``public_url``: the address links are made for (behind a reverse proxy);
    ``connections``: on PostgreSQL, the connections kept open for reuse (one per thread)."""
    from nybureau.config import database_url
    from nybureau.persistence.store import Store

    app = Flask("nybureau.web", static_folder=str(pages.STATIC), static_url_path="/static")
    app.config.update(
        NYBUREAU_STORE=Store(database_url(db_url), pool_size=max(1, connections)),
        NYBUREAU_SECURE=secure_cookies,
        NYBUREAU_PUBLIC_URL=(public_url or os.environ.get("NYBUREAU_PUBLIC_URL") or "").rstrip("/"),
        MAX_CONTENT_LENGTH=1 << 20,
    )
    app.before_request(_before)
    app.after_request(_headers)
    app.teardown_request(_end_reading)
    app.register_error_handler(NybureauError, _refused)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _not_allowed)
    from nybureau.web.views import register

    register(app)
    return app


def store():
    from flask import current_app

    return current_app.config["NYBUREAU_STORE"]


@contextmanager
def reading() -> Iterator[Any]:
    """A read transaction for this request. A GET (or HEAD) is answered from one transaction,
    one snapshot of the database: the signed-in person and the page are read together, and
    the transaction ends with the request. A POST reads in a transaction of its own, so that
    what it reads after its write sees the write."""
    if request.method not in ("GET", "HEAD"):
        with store().read("web") as tx:
            yield tx
        return
    tx = g.get("read_tx")
    if tx is None:
        stack = ExitStack()
        tx = stack.enter_context(store().read("web"))
        g.read_tx, g.read_stack = tx, stack
    yield tx


def _end_reading(_exc: BaseException | None) -> None:
    stack = g.pop("read_stack", None)
    g.pop("read_tx", None)
    if stack is not None:
        stack.close()


def _before() -> None:
    from nybureau.services import web as services

    g.nonce = secrets.token_urlsafe(16)
    asked = request.args.get("lang")
    g.lang_asked = asked if asked in LANGS else None
    cookie = request.cookies.get(SESSION_COOKIE)
    g.viewer = None
    if cookie:
        with reading() as tx:
            g.viewer = services.viewer(tx, cookie)
    g.session_cookie = cookie if g.viewer is not None else None
    g.form_cookie = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(32)
    stored = request.cookies.get(LANG_COOKIE)
    g.lang = (g.lang_asked or (stored if stored in LANGS else None)
              or (g.viewer.lang if g.viewer is not None else None) or "da")
    if request.method == "POST":
        token = request.form.get("csrf")
        key = g.session_cookie or request.cookies.get(FORM_COOKIE)
        if not services.csrf_ok(key, token):
            from nybureau.i18n import Msg

            raise Denied(Msg("The form was not sent from this site, or it is too old (its "
                             "security token is missing or wrong). Go back, reload the page "
                             "and send it again."))


def csrf() -> str:
    """The CSRF token for a form on this page."""
    from nybureau.services.web import csrf_token

    return csrf_token(g.session_cookie or g.form_cookie)


def _headers(response):
    secure = store_secure()
    if g.get("lang_asked"):
        response.set_cookie(LANG_COOKIE, g.lang_asked, max_age=365 * 86400, secure=secure,
                            httponly=True, samesite="Lax")
    if not g.get("session_cookie") and not request.cookies.get(FORM_COOKIE) \
            and g.get("form_cookie"):
        response.set_cookie(FORM_COOKIE, g.form_cookie, secure=secure, httponly=True,
                            samesite="Strict")
    nonce = g.get("nonce", "")
    response.headers.setdefault(
        "Content-Security-Policy",
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if g.get("viewer") is not None or request.path.startswith(("/login", "/w/")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def store_secure() -> bool:
    from flask import current_app

    return bool(current_app.config["NYBUREAU_SECURE"])


def set_session_cookie(response, cookie: str, hours: int) -> None:
    """Hand the browser its session: HttpOnly, SameSite=Lax, Secure unless turned off."""
    response.set_cookie(SESSION_COOKIE, cookie, max_age=hours * 3600, secure=store_secure(),
                        httponly=True, samesite="Lax")


def clear_session_cookie(response) -> None:
    response.delete_cookie(SESSION_COOKIE, secure=store_secure(), httponly=True, samesite="Lax")


def _status(exc: NybureauError) -> int:
    if isinstance(exc, Denied):
        return 401 if g.get("viewer") is None else 403
    if isinstance(exc, NotFound):
        return 404
    return 400


def _refused(exc: NybureauError):
    from nybureau.services.web.limits import RateLimited

    if isinstance(exc, RateLimited):  # too many sign-in attempts: 429, and when to come back
        response = pages.page("web/error.html.j2", status=429,
                              message=exc.render(g.get("lang", "da")))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return pages.page("web/error.html.j2", status=_status(exc),
                      message=exc.render(g.get("lang", "da")))


def client_address() -> str:
    """The client's network address, as the rate limits count it (behind ``--proxy`` the
    address the proxy forwarded, set by werkzeug's ProxyFix)."""
    return request.remote_addr or "unknown"


def public_url() -> str:
    """The address links are made for: the configured public URL (no Host header is trusted
    for a link that is sent by e-mail); empty when none is configured."""
    from flask import current_app

    return current_app.config["NYBUREAU_PUBLIC_URL"]


def _not_found(_exc: Any):
    from nybureau.i18n import Msg

    return pages.page("web/error.html.j2", status=404,
                      message=Msg("There is no page at this address.").render(g.lang))


def _not_allowed(_exc: Any):
    from nybureau.i18n import Msg

    return pages.page("web/error.html.j2", status=405,
                      message=Msg("This page cannot be used that way.").render(g.lang))
