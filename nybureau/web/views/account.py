"""The signed-in person's own page: who they are on the web (their roles, project by project),
their live sessions (this device marked), and signing out everywhere."""

from __future__ import annotations

from flask import Blueprint, g

from nybureau.web import pages
from nybureau.web.app import reading

bp = Blueprint("account", __name__)


@bp.get("/account")
def show():
    from nybureau.services import web as services
    from nybureau.services.web.grants import ROLE_WORDS, roles_of
    from nybureau.services.web.sessions import live_sessions

    viewer = services.require_person(g.viewer)
    with reading() as tx:
        roles = roles_of(tx, viewer.person_id)
        sessions = live_sessions(tx, viewer.person_id, current=viewer.session_id)
    from nybureau.domain.vocabulary import BODIES

    return pages.page("web/account.html.j2", roles=roles, sessions=sessions,
                      role_words=ROLE_WORDS, bodies=BODIES)
