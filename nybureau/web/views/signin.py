"""Signing in by a personal link (handed over, or asked for by e-mail on the front page), and
out (here, or everywhere). The rate limits are :mod:`nybureau.services.web.limits`."""

from __future__ import annotations

import threading

from flask import Blueprint, current_app, g, redirect, request, url_for

from nybureau.errors import Denied
from nybureau.web import pages
from nybureau.web.app import (
    clear_session_cookie,
    client_address,
    public_url,
    reading,
    set_session_cookie,
    store,
)

bp = Blueprint("signin", __name__)


def _mail_offered() -> bool:
    from nybureau.services.web.signin_mail import mail_ready

    return bool(public_url()) and mail_ready()


@bp.get("/")
def home():
    if g.viewer is None:
        return pages.page("web/welcome.html.j2", mail_offered=_mail_offered(),
                          requested=request.args.get("requested") == "1")
    if g.viewer.person_id is None:  # a workshop voter: back to their round
        with reading() as tx:
            found = tx.round_get(g.viewer.round_id)
        if found is not None:
            return redirect(f"/w/{found.code}/vote")
        raise Denied(_voter_only())
    return redirect(url_for("portfolio.index"))


def _voter_only():
    from nybureau.i18n import Msg

    return Msg("A workshop participant can only vote in the workshop they joined.")


def _deliver_later(message_id: int) -> None:
    """Send the sign-in e-mail after the commit, in a thread of its own: the page answers at
    once and equally fast whether or not the address was known. A message the server does
    not take stays in the outbox (``nybureau outbox``)."""
    from nybureau.services.mail import outbox

    the_store = store()

    def run() -> None:
        try:
            outbox.deliver(the_store, [message_id], actor="nybureau (web)")
        except Exception:  # noqa: BLE001 — recorded in the outbox as failed, or left queued
            pass

    thread = threading.Thread(target=run, name="nybureau-signin-mail", daemon=True)
    # the threads still sending (a test joins them); finished ones are let go
    running = [t for t in current_app.extensions.get("nybureau_mail_threads", [])
               if t.is_alive()]
    current_app.extensions["nybureau_mail_threads"] = [*running, thread]
    thread.start()


@bp.post("/login/request")
def request_link():
    from nybureau.i18n import Msg
    from nybureau.services.web import limits
    from nybureau.services.web.signin_mail import request_link as record_request

    if not _mail_offered():
        raise Denied(Msg("This server sends no sign-in links by e-mail. Ask the project leader "
                         "for a personal link."))
    address = (request.form.get("email") or "").strip()
    client = client_address()
    with store().transaction("web") as tx:
        limits.check(tx, "request", client)
        limits.check(tx, "request_email", address)
        limits.record(tx, "request", client, ok=True)
        limits.record(tx, "request_email", address, ok=True)
    with store().transaction("web") as tx:
        message_id = record_request(tx, address, base_url=public_url(), lang=g.lang)
    if message_id is not None:
        _deliver_later(message_id)
    return redirect(url_for("signin.home", requested="1"), code=303)


@bp.get("/login/<token>")
def confirm(token: str):
    # The link only shows a button: a mail scanner that follows links must not use it up.
    return pages.page("web/signin.html.j2", token=token)


@bp.post("/login/<token>")
def login(token: str):
    from nybureau.services import web as services
    from nybureau.services.web import limits
    from nybureau.services.web.sessions import SESSION_HOURS

    from nybureau.services.web.sessions import link_actor

    client = client_address()
    with reading() as tx:
        limits.check(tx, "redeem", client)
        actor = link_actor(tx, token)  # the person signing in is the history's actor
    try:
        with store().transaction(actor) as tx:
            limits.record(tx, "redeem", client, ok=True)
            cookie, _session = services.redeem_link(tx, token, lang=g.lang)
    except Denied:
        with store().transaction("web") as tx:  # the refused try counts too
            limits.record(tx, "redeem", client, ok=False)
        raise
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
    g.viewer = None  # the page that answers is a signed-out one
    g.session_cookie = None
    response = pages.page("web/signed_out.html.j2", everywhere=everywhere)
    clear_session_cookie(response)
    return response
