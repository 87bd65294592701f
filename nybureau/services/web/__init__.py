"""The web view's use cases (``nybureau serve``): signing in, who may see and do what, members'
approval of minutes, and the workshop's voting rounds. The HTTP layer is :mod:`nybureau.web`;
everything it writes goes through these services (and the other families'), one transaction
per request, with the signed-in person as the history's actor.

Modules:

* :mod:`.sessions` — one-time links, sessions, CSRF tokens;
* :mod:`.access` — roles per project and body;
* :mod:`.grants` — roles given by hand (``nybureau web grant``);
* :mod:`.limits` — the rate limits on signing in;
* :mod:`.signin_mail` — a sign-in link asked for by e-mail;

* :mod:`.overview` — the portfolio (phase, what each project waits for, what is overdue, the
  network's comparison);
* :mod:`.project_view` — a project's page, its documents to download, an item's trace;

* :mod:`.rounds` — the workshop's voting rounds (open, join, vote, tally).
"""

from __future__ import annotations

from nybureau.services.web.access import (
    Access,
    member_of_meeting,
    project_access,
    require_person,
    require_project,
    sees_closed,
    visible_projects,
)
from nybureau.services.web.grants import grant, grants, revoke, roles_of
from nybureau.services.web.limits import RateLimited

from nybureau.services.web.overview import portfolio
from nybureau.services.web.project_view import document, item_trace, open_project, project_page

from nybureau.services.web import rounds
from nybureau.services.web.sessions import (
    Viewer,
    csrf_ok,
    csrf_token,
    link_for,
    live_sessions,
    make_link,
    redeem_link,
    sign_out,
    viewer,
    voter_session,
)
from nybureau.services.web.signin_mail import request_link

__all__ = [
    # sessions
    "Viewer", "make_link", "redeem_link", "voter_session", "viewer", "sign_out",
    "csrf_token", "csrf_ok",
    # access
    "Access", "project_access", "require_person", "require_project", "member_of_meeting",
    "sees_closed", "visible_projects",
    # grants, links to hand over, live sessions, rate limits, links by e-mail
    "grant", "revoke", "grants", "roles_of", "link_for", "live_sessions", "RateLimited",
    "request_link",

    # the portfolio and a project's page
    "portfolio", "project_page", "open_project", "document", "item_trace",

    # the workshop's voting rounds (a module: rounds.open_round, rounds.vote …)
    "rounds",
]
