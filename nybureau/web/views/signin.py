"""Signing in by a personal link, and out (here, or everywhere)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for

from nybureau.web import pages
from nybureau.web.app import clear_session_cookie, set_session_cookie, store

bp = Blueprint("signin", __name__)


@bp.get("/")
def home():
    if g.viewer is None:
        return pages.page("web/welcome.html.j2")
    if g.viewer.person_id is None:
        return redirect(url_for("workshop.vote_page"))
    return redirect(url_for("portfolio.index"))


@bp.get("/login/<token>")
def confirm(token: str):
    # The link only shows a button: a mail scanner that follows links must not use it up.
    return pages.page("web/signin.html.j2", token=token)


@bp.post("/login/<token>")
def login(token: str):
    from nybureau.services import web as services
    from nybureau.services.web.sessions import SESSION_HOURS

    with store().transaction("web") as tx:
        cookie, _session = services.redeem_link(tx, token, lang=g.lang)
    response = redirect(url_for("signin.home"), code=303)
    set_session_cookie(response, cookie, SESSION_HOURS)
    return response


@bp.post("/logout")
def logout():
    from nybureau.services import web as services

    everywhere = request.form.get("everywhere") == "1"
    if g.viewer is not None:
        with store().transaction(g.viewer.actor) as tx:
            services.sign_out(tx, g.viewer.session_id, everywhere=everywhere,
                              person_id=g.viewer.person_id)
    response = pages.page("web/signed_out.html.j2", everywhere=everywhere)
    clear_session_cookie(response)
    g.viewer = None
    return response
